import { useEffect, useState } from 'react';

import type { ReadinessProgress, ReadinessRunView } from '../../shared/model/readiness.ts';
import type { IpcClient } from '../app/ipc-client.ts';
import { explainError } from '../components/useLoaded.ts';

/** How often a screen asks main how the readiness check is going. */
const pollMs = 300;

/**
 * One readiness run as a screen follows it: started through whichever channel starts it (the
 * Check readiness screen's, the rotation's), then polled until it is done or failed.
 * `onDone` runs once with the finished run; a failed call to main goes to `onProblem`.
 */
export function useReadinessRun(
  client: IpcClient,
  handlers: {
    readonly onDone: (run: ReadinessRunView) => void;
    readonly onProblem: (problem: { message: string; nextStep: string }) => void;
  },
) {
  const [run, setRun] = useState<{ readonly id: string; readonly progress: ReadinessProgress } | null>(null);
  const { onDone, onProblem } = handlers;

  useEffect(() => {
    if (!run || run.progress.state !== 'running') return;
    const timer = window.setTimeout(() => {
      client.invoke('readiness:progress', { runId: run.id }).then(
        (progress) => {
          setRun({ id: run.id, progress });
          if (progress.state === 'done') onDone(progress.run);
        },
        (error: unknown) => onProblem(explainError(error)),
      );
    }, pollMs);
    return () => window.clearTimeout(timer);
  }, [client, run, onDone, onProblem]);

  const begin = (start: () => Promise<{ runId: string }>) => {
    start().then(
      ({ runId }) => setRun({ id: runId, progress: { state: 'running', step: 'Signing in as the reader app', done: 0, total: 4 } }),
      (error: unknown) => onProblem(explainError(error)),
    );
  };
  return { progress: run?.progress, begin };
}

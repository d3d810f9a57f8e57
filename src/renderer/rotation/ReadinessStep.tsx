import { useCallback, useEffect, useState } from 'react';

import type { ReadinessProgress } from '../../shared/model/readiness.ts';
import { explainError, useLoaded } from '../components/useInvoke.ts';
import type { StepProps } from './RotationStepPanel.tsx';

/** The closing readiness check: as the reader app (never a break-glass credential); its result closes the rotation. */
export function ReadinessStep(props: StepProps) {
  const { client, act, onProblem } = props;
  const loadOptions = useCallback(() => client.invoke('checks:options', {}), [client]);
  const [options] = useLoaded(loadOptions);
  const [passphrase, setPassphrase] = useState('');
  const [run, setRun] = useState<{ id: string; progress: ReadinessProgress } | null>(null);

  useEffect(() => {
    if (!run || run.progress.state !== 'running') return;
    const timer = window.setTimeout(() => {
      client.invoke('checks:progress', { runId: run.id }).then((progress) => {
        setRun({ id: run.id, progress });
        if (progress.state === 'done' && progress.run.sessionId) {
          const checkSessionId = progress.run.sessionId;
          act(() => client.invoke('rotation:recordVerification', { checkSessionId }));
        }
      }, (error: unknown) => onProblem(explainError(error)));
    }, 300);
    return () => window.clearTimeout(timer);
  }, [client, run, act, onProblem]);

  const start = () => {
    const value = passphrase;
    setPassphrase('');
    client.invoke('rotation:verify', value ? { passphrase: value } : {}).then(
      ({ runId }) => setRun({ id: runId, progress: { state: 'running', step: 'Signing in as the reader app', done: 0, total: 4 } }),
      (error: unknown) => onProblem(explainError(error)),
    );
  };
  const reader = options.kind === 'loaded' ? options.value.reader : undefined;
  if (run?.progress.state === 'running') {
    return (
      <section className="panel" aria-live="polite" aria-busy="true">
        <p>
          {run.progress.step}… ({run.progress.done} of {run.progress.total})
        </p>
      </section>
    );
  }
  return (
    <section className="panel form">
      <p>The whole check catalogue runs again, signed in as the read-only reader app – never a break-glass credential. Its result is recorded in the journal and closes this rotation.</p>
      {run?.progress.state === 'failed' ? (
        <p className="warning">
          {run.progress.message} {run.progress.nextStep}
        </p>
      ) : null}
      {options.kind === 'loaded' && options.value.problem ? <p className="warning">{options.value.problem.message} {options.value.problem.nextStep}</p> : null}
      {reader?.source === 'file' ? (
        <label>
          Passphrase of the reader app’s certificate
          <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="off" />
        </label>
      ) : null}
      <button type="button" className="action" onClick={start} disabled={options.kind === 'loaded' && options.value.problem !== undefined}>
        Run the readiness check
      </button>
    </section>
  );
}

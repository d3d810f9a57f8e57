import { useEffect, useState } from 'react';

import type { SignInProgress } from '../../shared/model/sign-in.ts';
import type { IpcClient } from '../app/ipc-client.ts';
import { explainError } from '../components/useLoaded.ts';

/** How often a screen asks main how the sign-in is going. */
const pollMs = 400;

export type SignInAttempt = { readonly id: string; readonly progress: SignInProgress };

/**
 * One sign-in attempt as a screen follows it: started through whichever channel records it (the
 * sign-in screen's, the incident's, the rotation's), then polled until it settles.
 * `onSignedIn` runs once when it succeeds; a failed call to main goes to `onProblem`.
 */
export function useSignInAttempt(
  client: IpcClient,
  handlers: { readonly onSignedIn?: () => void; readonly onProblem: (problem: { message: string; nextStep: string }) => void },
) {
  const [attempt, setAttempt] = useState<SignInAttempt | null>(null);
  const { onSignedIn, onProblem } = handlers;

  useEffect(() => {
    if (!attempt || ['signed-in', 'failed', 'refused'].includes(attempt.progress.state)) return;
    const timer = window.setTimeout(() => {
      client.invoke('signIn:progress', { attemptId: attempt.id }).then(
        (progress) => {
          setAttempt({ id: attempt.id, progress });
          if (progress.state === 'signed-in') onSignedIn?.();
        },
        (error: unknown) => onProblem(explainError(error)),
      );
    }, pollMs);
    return () => window.clearTimeout(timer);
  }, [client, attempt, onSignedIn, onProblem]);

  const begin = (start: () => Promise<{ attemptId: string }>) => {
    start().then(
      ({ attemptId }) => setAttempt({ id: attemptId, progress: { state: 'working', detail: 'Starting the sign-in…' } }),
      (error: unknown) => onProblem(explainError(error)),
    );
  };
  return { attempt, begin, reset: () => setAttempt(null) };
}

import { useCallback, useState } from 'react';

import type { ReadinessRunView } from '../../shared/model/readiness.ts';
import { useReadinessRun } from '../readiness/useReadinessRun.ts';
import { useLoaded } from '../components/useLoaded.ts';
import type { StepProps } from './step-props.ts';

/** The closing readiness check: as the reader app (never a break-glass credential); its result closes the rotation. */
export function ReadinessStep(props: StepProps) {
  const { client, act, onProblem } = props;
  const loadOptions = useCallback(() => client.invoke('readiness:options', {}), [client]);
  const [options] = useLoaded(loadOptions);
  const [passphrase, setPassphrase] = useState('');
  const onDone = useCallback(
    (run: ReadinessRunView) => {
      const checkSessionId = run.sessionId;
      if (checkSessionId) act(() => client.invoke('rotation:recordVerification', { checkSessionId }));
    },
    [client, act],
  );
  const { progress, begin } = useReadinessRun(client, { onDone, onProblem });

  const start = () => {
    const value = passphrase;
    setPassphrase('');
    begin(() => client.invoke('rotation:verify', value ? { passphrase: value } : {}));
  };
  const reader = options.kind === 'loaded' ? options.value.reader : undefined;
  if (progress?.state === 'running') {
    return (
      <section className="panel" aria-live="polite" aria-busy="true">
        <p>
          {progress.step}… ({progress.done} of {progress.total})
        </p>
      </section>
    );
  }
  return (
    <section className="panel form">
      <p>
        The whole check catalogue runs again, signed in as the read-only reader app – never a break-glass credential. Its result is recorded
        in the journal and closes this rotation.
      </p>
      {progress?.state === 'failed' ? (
        <p className="warning">
          {progress.message} {progress.nextStep}
        </p>
      ) : null}
      {options.kind === 'loaded' && options.value.problem ? (
        <p className="warning">
          {options.value.problem.message} {options.value.problem.nextStep}
        </p>
      ) : null}
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

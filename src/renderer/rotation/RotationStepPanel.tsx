import { useEffect, useState } from 'react';

import type { RotationStepView } from '../../shared/model/rotation.ts';
import type { IpcClient } from '../app/ipc-client.ts';
import { BusyNote } from '../components/BusyNote.tsx';
import { TechnicalDetails } from '../components/TechnicalDetails.tsx';
import { ChecklistStep } from './ChecklistStep.tsx';
import { ReopenCertificate, SaveCertificate } from './CertificateSteps.tsx';
import { CertificateReplaced } from './CertificateReplaced.tsx';
import { KeyReturned } from './KeyReturned.tsx';
import { MethodsReview } from './MethodsReview.tsx';
import { PasswordStep } from './PasswordStep.tsx';
import { ReadinessStep } from './ReadinessStep.tsx';
import { RotationSignIn } from './RotationSignIn.tsx';
import type { StepProps } from './step-props.ts';
import { localTime } from '../../shared/journal-words.ts';

/** What each automatic step will do, said before the custodian presses Continue. */
const automatic: Record<string, { what: string; technical?: string; button: string }> = {
  'app-key-added': {
    what: 'The new certificate is added to the app. The current certificate vouches for it; nothing is removed yet, so both certificates work for a moment.',
    technical: 'Microsoft Graph addKey on the application, with a proof of possession signed by the current certificate.',
    button: 'Add the new certificate',
  },
  'app-new-key-proven': {
    what: 'The app signs in with the new certificate alone and asks Microsoft who it is. Only if that works does the rotation go on to remove the old one.',
    technical:
      'A token is obtained with the new certificate alone, then Microsoft Graph is read with it (the service principal of the app).',
    button: 'Prove the new certificate',
  },
  'app-old-keys-removed': {
    what: 'Every other certificate on the app is removed; the new one vouches for the change. After this the old certificate from the safe no longer signs in.',
    technical: 'Microsoft Graph removeKey on the application for each other key, with a proof of possession signed by the new certificate.',
    button: 'Remove the old certificate',
  },
  'app-secrets-removed': {
    what: 'Any client secret on the app is removed: a break-glass app signs in with its certificate only.',
    button: 'Remove client secrets',
  },
  'account-sessions-revoked': {
    what: 'Every sign-in session of the account is ended, so nobody who held it during the incident stays signed in.',
    technical: 'Microsoft Graph revokeSignInSessions on the user: its refresh tokens and session cookies stop working.',
    button: 'Revoke sessions',
  },
};

export function RotationStepPanel(props: StepProps) {
  const { active, view } = props;
  const step = active.current;
  if (!step) return <p className="quiet">Every step is done.</p>;
  const needsTenant =
    step.kind !== 'app-certificate-saved' && step.kind !== 'checklist' && step.kind !== 'readiness' && step.kind !== 'account-key-returned';
  const needsProofSigner = step.kind === 'app-key-added' && view.signedIn && !view.signedIn.signsProof;
  // One thing to do at a time: open the new PFX again, then sign in, then the step itself.
  const first = active.reopenCertificate ? (
    <ReopenCertificate {...props} path={active.reopenCertificate.path} thumbprint={active.reopenCertificate.thumbprint} />
  ) : needsTenant && (!view.signedIn || needsProofSigner) ? (
    <RotationSignIn {...props} forProof={step.kind === 'app-key-added'} />
  ) : active.ownSession ? (
    <>
      <section className="panel panel-problem" role="alert" aria-labelledby="own-session-heading">
        <h3 id="own-session-heading">This step needs another credential</h3>
        <p>{active.ownSession.message}</p>
        <p>
          <strong>What to do now: </strong>
          {active.ownSession.nextStep}
        </p>
      </section>
      <RotationSignIn {...props} forProof={false} exclude={active.ownSession.account} />
    </>
  ) : undefined;
  return (
    <>
      <StepState step={step} />
      {first ? (
        <>
          {first}
          {automatic[step.kind] ? <p className="quiet">After that: {automatic[step.kind]!.what}</p> : null}
        </>
      ) : (
        <>
          {view.signedIn ? (
            <p className="quiet">
              Acting as {view.signedIn.who} ({view.signedIn.method === 'certificate' ? 'app certificate' : 'security key'}).
            </p>
          ) : null}
          <CurrentStep {...props} step={step} />
        </>
      )}
    </>
  );
}

function StepState({ step }: { readonly step: RotationStepView }) {
  return (
    <>
      <h2 className="step-heading">{step.label}</h2>
      {step.subject !== step.label ? <p className="quiet step-subject">For {step.subject}</p> : null}
      {step.status === 'failed' ? (
        <p className="warning">The last try failed: {step.problem} Nothing after this step was started; try again.</p>
      ) : null}
      {step.status === 'interrupted' ? (
        <p className="warning">
          This step was started {step.at ? `at ${localTime(step.at)} ` : ''}but the app stopped before it finished. The tenant is read again
          first, so continuing never does it twice.
          {step.kind === 'account-password'
            ? ' The password shown then may or may not have been set: destroy that sheet; a new password is made now.'
            : ''}
          {step.kind === 'app-certificate-saved'
            ? ' A PFX may have been written before it stopped; it was never added to the tenant, so delete it once the new one is saved.'
            : ''}
        </p>
      ) : null}
    </>
  );
}

/** While a step runs, what main says it is waiting for (the proof waiting for a new key), read once a second. */
function useWorkingMessage(client: IpcClient, busy: boolean): string | undefined {
  const [message, setMessage] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!busy) {
      setMessage(undefined);
      return undefined;
    }
    let current = true;
    const timer = setInterval(() => {
      client.invoke('rotation:state', {}).then(
        (view) => current && setMessage(view.active?.working?.message),
        () => undefined,
      );
    }, 1000);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [client, busy]);
  return message;
}

function CurrentStep(props: StepProps & { readonly step: RotationStepView }) {
  const { step, client, act, busy } = props;
  const auto = automatic[step.kind];
  const working = useWorkingMessage(client, busy && auto !== undefined);
  if (auto) {
    return (
      <section className="panel" aria-busy={busy}>
        <p>{auto.what}</p>
        {auto.technical ? (
          <TechnicalDetails>
            <p>{auto.technical}</p>
          </TechnicalDetails>
        ) : null}
        <button type="button" className="action" disabled={busy} onClick={() => act(() => client.invoke('rotation:continue', {}))}>
          {busy ? 'Working…' : auto.button}
        </button>
        <BusyNote busy={busy} text={working ?? `${auto.button}: waiting for Microsoft…`} />
      </section>
    );
  }
  switch (step.kind) {
    case 'app-certificate-saved':
      return <SaveCertificate {...props} />;
    case 'account-password':
      return <PasswordStep {...props} account={step.account!} />;
    case 'account-methods-reviewed':
      return <MethodsReview {...props} account={step.account!} />;
    case 'account-certificate-replaced':
      return <CertificateReplaced {...props} account={step.account!} />;
    case 'account-key-returned':
      return <KeyReturned {...props} account={step.account!} />;
    case 'checklist':
      return <ChecklistStep {...props} step={step} />;
    case 'readiness':
      return <ReadinessStep {...props} />;
    default:
      return <p className="warning">This step ({step.kind}) is not known to this version of the app.</p>;
  }
}

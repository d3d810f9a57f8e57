import { useCallback, useEffect, useState, type FormEvent } from 'react';

import type { RegisteredMethodView, RotationPassword, RotationStepView } from '../../shared/model/rotation.ts';
import type { SignInRequest } from '../../shared/model/sign-in.ts';
import type { IpcClient } from '../app/ipc-client.ts';
import { PfxFileFields } from '../components/PfxFileFields.tsx';
import { explainError, useLoaded } from '../components/useInvoke.ts';
import { SignInOutcome } from '../sign-in/SignInOutcome.tsx';
import { useSignInAttempt } from '../sign-in/useSignInAttempt.ts';
import { ReadinessStep } from './ReadinessStep.tsx';
import type { StepProps } from './step-props.ts';


/** What each automatic step will do, said before the custodian presses Continue. */
const automatic: Record<string, { what: string; button: string }> = {
  'app-key-added': { what: 'The new certificate is added to the app with addKey. The request carries a proof signed by the current certificate; nothing is removed yet, so both certificates work for a moment.', button: 'Add the new certificate' },
  'app-new-key-proven': { what: 'The app signs in with the new certificate alone and asks Microsoft Graph who it is. Only if that works does the rotation go on to remove the old one.', button: 'Prove the new certificate' },
  'app-old-keys-removed': { what: 'Every other certificate on the app is removed with removeKey, signed by the new one. After this the old certificate from the safe no longer signs in.', button: 'Remove the old certificate' },
  'app-secrets-removed': { what: 'Any client secret on the app is removed: a break-glass app signs in with its certificate only.', button: 'Remove client secrets' },
  'account-sessions-revoked': { what: 'Every sign-in session and refresh token of the account is revoked, so nobody who held it during the incident stays signed in.', button: 'Revoke sessions' },
};

export function RotationStepPanel(props: StepProps) {
  const { active, view } = props;
  const step = active.current;
  if (!step) return <p className="quiet">Every step is done.</p>;
  const needsTenant = step.kind !== 'app-certificate-saved' && step.kind !== 'checklist' && step.kind !== 'readiness' && step.kind !== 'account-key-returned';
  const needsProofSigner = step.kind === 'app-key-added' && view.signedIn && !view.signedIn.signsProof;
  // One thing to do at a time: open the new PFX again, then sign in, then the step itself.
  const first = active.reopenCertificate ? (
    <ReopenCertificate {...props} path={active.reopenCertificate.path} thumbprint={active.reopenCertificate.thumbprint} />
  ) : needsTenant && (!view.signedIn || needsProofSigner) ? (
    <RotationSignIn {...props} forProof={step.kind === 'app-key-added'} />
  ) : active.ownSession ? (
    <>
      <section className="panel panel-problem" role="alert" aria-labelledby="own-session-heading">
        <h3 id="own-session-heading">Sign in with another credential for {active.ownSession.account}</h3>
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
      <h2 className="step-heading">{step.title}</h2>
      {step.status === 'failed' ? <p className="warning">The last try failed: {step.problem} Nothing after this step was started; try again.</p> : null}
      {step.status === 'interrupted' ? (
        <p className="warning">
          This step was started {step.at ? `at ${new Date(step.at).toLocaleTimeString()} ` : ''}but the app stopped before it finished. The tenant is read again first, so continuing never does it twice.
          {step.kind === 'account-password' ? ' The password shown then may or may not have been set: destroy that sheet; a new password is made now.' : ''}
          {step.kind === 'app-certificate-saved' ? ' A PFX may have been written before it stopped; it was never added to the tenant, so delete it once the new one is saved.' : ''}
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
        <button type="button" className="action" disabled={busy} onClick={() => act(() => client.invoke('rotation:continue', {}))}>
          {busy ? 'Working…' : auto.button}
        </button>
        <p className="quiet" role="status" aria-live="polite">
          {working ?? ''}
        </p>
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

/** The break-glass sign-in the rotation acts with; the app's current certificate also signs addKey's proof. */
function RotationSignIn(props: StepProps & { readonly forProof: boolean; readonly exclude?: string }) {
  const { client, view, active, onReload, onProblem } = props;
  const { attempt, begin, reset } = useSignInAttempt(client, { onSignedIn: onReload, onProblem });
  const [pfxPath, setPfxPath] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const loadOptions = useCallback(() => client.invoke('signIn:options', {}), [client]);
  const [options] = useLoaded(loadOptions);
  // An account being rotated must be rotated with another one's session: offer every other break-glass account then.
  const accounts = props.exclude ? (options.kind === 'loaded' ? options.value.accounts.map((a) => a.userPrincipalName) : []).filter((a) => a.toLowerCase() !== props.exclude!.toLowerCase()) : active.accounts;
  const [chosen, setAccount] = useState('');
  const account = accounts.includes(chosen) ? chosen : (accounts[0] ?? '');
  const simulatedSafe = options.kind === 'loaded' && options.value.app?.simulatedSafe === true;
  useEffect(() => {
    if (options.kind === 'loaded' && options.value.app?.certificatePath) setPfxPath((p) => p || options.value.app!.certificatePath!);
  }, [options]);

  const start = (request: SignInRequest) => {
    setPassphrase('');
    begin(() => client.invoke('rotation:signIn', request));
  };
  if (attempt && attempt.progress.state !== 'signed-in') return <SignInOutcome progress={attempt.progress} onTryAgain={reset} onBack={onReload} />;
  const custodian = active.openedBy;
  const withCertificate = (event: FormEvent) => {
    event.preventDefault();
    start({ method: 'certificate', custodian, source: simulatedSafe && !pfxPath ? { kind: 'simulated-safe' } : { kind: 'file', path: pfxPath, ...(passphrase ? { passphrase } : {}) } });
  };
  return (
    <section className="panel form" aria-labelledby="rotation-sign-in">
      <h3 id="rotation-sign-in">{props.forProof && view.signedIn ? 'Sign in with the app’s current certificate' : 'Sign in to act on the tenant'}</h3>
      <p>
        {props.forProof
          ? 'addKey must carry a proof signed by a certificate the app holds now: sign in with the app’s current certificate from the safe. '
          : 'The rotation acts with a break-glass credential. This sign-in fires the break-glass alert: tell security operations first. '}
        It is recorded in this rotation’s journal session.
      </p>
      {view.candidates.app ? (
        <form onSubmit={withCertificate} className="form">
          {simulatedSafe ? <p className="quiet">Drill: the simulated safe holds the app’s current certificate.</p> : <PfxFileFields path={pfxPath} onPath={setPfxPath} passphrase={passphrase} onPassphrase={setPassphrase} />}
          <button type="submit" className="action">
            Sign in with the app certificate
          </button>
        </form>
      ) : null}
      {!props.forProof && accounts.length > 0 ? (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            start({ method: 'security-key', userPrincipalName: account, custodian });
          }}
        >
          <label>
            Or a break-glass account and its security key
            <select value={account} onChange={(e) => setAccount(e.target.value)}>
              {accounts.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
          </label>
          <button type="submit" className="secondary">
            Sign in with a security key
          </button>
        </form>
      ) : null}
    </section>
  );
}

/** The PFX "save dialog": where on the safe's media, under which name, with which passphrase. */
function SaveCertificate(props: StepProps) {
  const { active, act, client, busy } = props;
  const [folder, setFolder] = useState(active.suggestedFolder);
  const [fileName, setFileName] = useState(active.suggestedFileName);
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = { folder, fileName, passphrase, passphraseAgain: again };
    setPassphrase('');
    setAgain('');
    act(() => client.invoke('rotation:saveCertificate', input));
  };
  return (
    <form className="panel form" onSubmit={submit} aria-labelledby="save-heading">
      <h3 id="save-heading">Save the new certificate to the safe’s media</h3>
      <p>
        A new key pair and certificate are made on this computer and written as a PFX file, protected by a passphrase, <strong>before anything in the tenant changes</strong>. If the media cannot be written, the tenant is left as it is.
      </p>
      <label>
        Folder on the safe’s media
        <input value={folder} onChange={(e) => setFolder(e.target.value)} required autoComplete="off" spellCheck={false} />
      </label>
      <label>
        File name
        <input value={fileName} onChange={(e) => setFileName(e.target.value)} required autoComplete="off" spellCheck={false} />
      </label>
      <label>
        Passphrase for the PFX (at least 16 characters; it goes in the sealed envelope)
        <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} required autoComplete="new-password" />
      </label>
      <label>
        The same passphrase again
        <input type="password" value={again} onChange={(e) => setAgain(e.target.value)} required autoComplete="new-password" />
      </label>
      <button type="submit" className="action" disabled={busy}>
        Make and save the new certificate
      </button>
    </form>
  );
}

function ReopenCertificate(props: StepProps & { readonly path: string; readonly thumbprint: string }) {
  const [passphrase, setPassphrase] = useState('');
  return (
    <form
      className="panel form"
      onSubmit={(e) => {
        e.preventDefault();
        const value = passphrase;
        setPassphrase('');
        props.act(() => props.client.invoke('rotation:reopenCertificate', { passphrase: value }));
      }}
    >
      <h3>Open the new certificate again</h3>
      <p>
        The app was restarted since the new certificate was saved, and its key is never kept anywhere but in the PFX on the safe’s media: <code>{props.path}</code> (thumbprint {props.thumbprint}). Type its passphrase to continue.
      </p>
      <label>
        Passphrase of the new PFX
        <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} required autoComplete="off" />
      </label>
      <button type="submit" className="action">
        Open it
      </button>
    </form>
  );
}

/** The one-time display of the new password, large, with a print view for the envelope sheet. */
function PasswordStep(props: StepProps & { readonly account: string }) {
  const { client, act, account, busy, onProblem } = props;
  const [shown, setShown] = useState<RotationPassword | null>(null);
  const [written, setWritten] = useState(false);
  const show = () => {
    client.invoke('rotation:newPassword', { account }).then(setShown, (error: unknown) => onProblem(explainError(error)));
  };
  const set = () => {
    act(() => client.invoke('rotation:setPassword', { account }));
    // Gone from the screen as soon as it is sent; main forgets it once it is set.
    setShown(null);
    setWritten(false);
  };
  if (!shown) {
    return (
      <section className="panel">
        <p>
          A new random password for <strong>{account}</strong> is made on this computer (40 characters, no look-alike letters). It is shown <strong>once</strong>: write it on a fresh envelope sheet (or print it), check it, then set it. It is never
          stored or recorded.
        </p>
        {props.active.passwordWaiting ? (
          <>
            <p className="warning">A password was shown and is not set yet. Set the one already on the sheet, or show a new one instead (then destroy the earlier sheet).</p>
            <p className="actions">
              <button type="button" className="action" disabled={busy} onClick={set}>
                Set the password already on the sheet
              </button>
              <button type="button" className="secondary" onClick={show}>
                Show a new password instead
              </button>
            </p>
          </>
        ) : (
          <button type="button" className="action" onClick={show}>
            Show the new password
          </button>
        )}
      </section>
    );
  }
  const today = new Date().toLocaleDateString();
  return (
    <section className="panel envelope-sheet" aria-labelledby="password-heading">
      <h3 id="password-heading">New password for {account}</h3>
      <p className="password-display" aria-label="The new password, in groups of four characters">
        {shown.groups.map((group, index) => (
          <span key={index} className="password-group">
            {group}
          </span>
        ))}
      </p>
      <p className="print-only">
        Break-glass account {account} – password set {today}. Seal in the envelope. Sealed by: ______________ Witness: ______________
      </p>
      <p className="quiet no-print">Groups of four, letters and digits only (no 0/O, 1/l/I). Upper and lower case matter.</p>
      <p className="actions no-print">
        <button type="button" className="secondary" onClick={() => window.print()}>
          Print the envelope sheet
        </button>
      </p>
      <label className="choice no-print">
        <input type="checkbox" checked={written} onChange={(e) => setWritten(e.target.checked)} />
        <span>It is on the envelope sheet, and checked character by character.</span>
      </label>
      <p className="actions no-print">
        <button type="button" className="action" disabled={!written || busy} onClick={set}>
          Set this password
        </button>
      </p>
    </section>
  );
}

function MethodsReview(props: StepProps & { readonly account: string }) {
  const { client, act, account, busy, active } = props;
  const load = useCallback(() => client.invoke('rotation:methods', { account }), [client, account]);
  const [methods, reload] = useLoaded(load);
  const [remove, setRemove] = useState<string[] | null>(null);
  useEffect(() => {
    if (methods.kind === 'loaded' && remove === null) setRemove(methods.value.filter((m) => m.addedDuringIncident && m.removable).map((m) => m.id));
  }, [methods, remove]);
  if (methods.kind === 'loading') return <p className="quiet">Reading the account’s registered methods…</p>;
  if (methods.kind === 'failed') {
    return (
      <section className="panel panel-problem" role="alert">
        <p>{methods.message}</p>
        <p>
          <strong>What to do now: </strong>
          {methods.nextStep}
        </p>
        <button type="button" className="action" onClick={reload}>
          Read them again
        </button>
      </section>
    );
  }
  const chosen = remove ?? [];
  const keys = methods.value.filter((m) => m.kind === 'fido2');
  const left = keys.filter((k) => !chosen.includes(k.id)).length;
  const toggle = (id: string) => setRemove(chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id]);
  return (
    <section className="panel form" aria-labelledby="methods-heading">
      <h3 id="methods-heading">Registered methods of {account}</h3>
      <p>
        {active.since
          ? `Methods not recorded when the incident began (${new Date(active.since).toLocaleString()}), or registered since, are flagged: whoever held the account could have added them. Phone and email methods have no registration date, so they are judged by that record alone.`
          : 'Review every method; remove any that should not be there.'}
      </p>
      <table className="methods">
        <thead>
          <tr>
            <th scope="col">Remove</th>
            <th scope="col">Method</th>
            <th scope="col">Registered</th>
          </tr>
        </thead>
        <tbody>
          {methods.value.map((m: RegisteredMethodView) => (
            <tr key={m.id} className={m.addedDuringIncident ? 'flagged' : undefined}>
              <td>{m.removable ? <input type="checkbox" aria-label={`Remove ${m.displayName ?? m.kind}`} checked={chosen.includes(m.id)} onChange={() => toggle(m.id)} /> : <span className="quiet">—</span>}</td>
              <td>
                {m.displayName ?? m.kind} <span className="quiet">({m.kind})</span>
                {m.addedDuringIncident ? <strong className="warning-text"> added during the incident</strong> : null}
                {m.addedBecause ? <span className="quiet"> ({m.addedBecause})</span> : null}
              </td>
              <td>{m.createdDateTime ? new Date(m.createdDateTime).toLocaleString() : <span className="quiet">unknown</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className={left >= 2 ? 'quiet' : 'warning'}>
        {left} security key{left === 1 ? '' : 's'} will remain. {left >= 2 ? 'Two or more: good.' : 'Two or more are recommended: register a second key for the safe afterwards.'}
      </p>
      <button type="button" className="action" disabled={busy || left === 0} onClick={() => act(() => client.invoke('rotation:reviewMethods', { account, remove: chosen }))}>
        {chosen.length > 0 ? `Remove ${chosen.length} and confirm the review` : 'Confirm the review (remove nothing)'}
      </button>
    </section>
  );
}

function KeyReturned(props: StepProps & { readonly account: string }) {
  const { client, act, account } = props;
  const [keyUsed, setKeyUsed] = useState('');
  const [returned, setReturned] = useState(false);
  return (
    <form
      className="panel form"
      onSubmit={(e) => {
        e.preventDefault();
        act(() => client.invoke('rotation:keyReturned', { account, keyUsed, returned }));
      }}
    >
      <h3>Which physical key was used, and is it back?</h3>
      <label>
        Key used for {account} (its label, or “none – envelope only”)
        <input value={keyUsed} onChange={(e) => setKeyUsed(e.target.value)} required autoComplete="off" />
      </label>
      <label className="choice">
        <input type="checkbox" checked={returned} onChange={(e) => setReturned(e.target.checked)} />
        <span>The key is back in the safe.</span>
      </label>
      <button type="submit" className="action" disabled={!returned}>
        Record it
      </button>
    </form>
  );
}

function ChecklistStep(props: StepProps & { readonly step: RotationStepView }) {
  const { client, act, step, active } = props;
  const [doneBy, setDoneBy] = useState(active.openedBy);
  const hints: Record<string, string> = {
    'safe-combination': 'Everyone who saw the safe opened during the incident may know the combination. Change it now, with the witness present.',
    envelopes: 'Seal each new password sheet and the new PFX passphrase in fresh, signed envelopes; destroy the old ones.',
    custodians: 'Check that the list of custodians and their phone numbers is current; change it if someone left or the incident showed a gap.',
  };
  return (
    <form
      className="panel form"
      onSubmit={(e) => {
        e.preventDefault();
        act(() => client.invoke('rotation:checklist', { item: step.item!, doneBy }));
      }}
    >
      <p>{hints[step.item ?? ''] ?? ''}</p>
      <label>
        Done by
        <input value={doneBy} onChange={(e) => setDoneBy(e.target.value)} required autoComplete="off" />
      </label>
      <button type="submit" className="action">
        Done – record it
      </button>
    </form>
  );
}

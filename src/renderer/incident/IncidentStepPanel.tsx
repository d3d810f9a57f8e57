import { useCallback, useState, type FormEvent } from 'react';

import type { AcknowledgedStepId, IncidentView } from '../../shared/model/incident.ts';
import { fillRunbookText } from '../../shared/model/runbook-gaps.ts';
import type { SignInRequest } from '../../shared/model/sign-in.ts';
import type { IpcClient } from '../app/ipc-client.ts';
import { useLoaded } from '../components/useLoaded.ts';
import { SignInOutcome } from '../sign-in/SignInOutcome.tsx';
import { useSignInAttempt } from '../sign-in/useSignInAttempt.ts';
import { CloseStep } from './OpenAndClose.tsx';
import { RecoveryStep } from './RecoveryStep.tsx';
import { PfxFileFields } from '../components/PfxFileFields.tsx';

type Props = {
  readonly client: IpcClient;
  readonly view: IncidentView;
  readonly act: (call: () => Promise<IncidentView>) => void;
  readonly onReload: () => void;
  readonly onProblem: (problem: { message: string; nextStep: string }) => void;
};

const fill = (text: string, view: IncidentView) => fillRunbookText(text, view.runbook);
const nowLocalInput = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

function RunbookText({ view }: { readonly view: IncidentView }) {
  const step = view.runbook.steps.find((s) => s.id === view.active!.step);
  return step ? <p className="runbook-text">{fill(step.text, view)}</p> : null;
}

/** The current step of the incident: what to do, and the one action that records it. */
export function IncidentStepPanel(props: Props) {
  const { view, client, act } = props;
  const active = view.active!;
  const acknowledge = (step: AcknowledgedStepId, data: Record<string, unknown>) =>
    act(() => client.invoke('incident:acknowledge', { step, data }));
  switch (active.step) {
    case 'notify-security-operations':
      return <NotifyStep view={view} onDone={(data) => acknowledge('notify-security-operations', data)} />;
    case 'record-safe-opened':
      return <SafeStep view={view} onDone={(data) => acknowledge('record-safe-opened', data)} />;
    case 'choose-path':
      return <ChoosePathStep {...props} onDone={(data) => acknowledge('choose-path', data)} />;
    case 'sign-in':
      return <SignInStep {...props} />;
    case 'confirm-access':
      return (
        <section className="panel" aria-labelledby="confirm-heading">
          <RunbookText view={view} />
          <h2 id="confirm-heading">Check who you are</h2>
          <p>
            Signed in as <strong>{active.signedIn?.who ?? 'unknown'}</strong>.
          </p>
          <p>
            Active directory roles:{' '}
            {active.signedIn && active.signedIn.directoryRoles.length > 0 ? active.signedIn.directoryRoles.join(', ') : 'none'}
          </p>
          {active.signedIn?.directoryRoles.includes('Global Administrator') ? null : (
            <p className="warning">Global Administrator is not active: recovery actions may be refused. Consider the other way in.</p>
          )}
          <button
            type="button"
            className="action"
            onClick={() =>
              acknowledge('confirm-access', {
                who: active.signedIn?.who ?? 'unknown',
                directoryRoles: active.signedIn?.directoryRoles ?? [],
              })
            }
          >
            This is who we need – go on
          </button>
        </section>
      );
    case 'recovery-actions':
      return (
        <RecoveryStep
          client={client}
          view={view}
          onReload={props.onReload}
          onDone={(followUp) => acknowledge('recovery-actions', followUp ? { followUp } : {})}
        />
      );
    case 'close-incident':
      return <CloseStep active={active} onClose={(closure) => act(() => client.invoke('incident:close', closure))} />;
    default:
      return null;
  }
}

function NotifyStep(props: { readonly view: IncidentView; readonly onDone: (data: Record<string, unknown>) => void }) {
  const { view } = props;
  const contacts = view.runbook.organisation.securityOperations.contacts;
  const [who, setWho] = useState('');
  const [how, setHow] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onDone({ who, how, when: new Date().toISOString() });
  };
  return (
    <form className="panel form" onSubmit={submit} aria-labelledby="notify-heading">
      <RunbookText view={view} />
      <h2 id="notify-heading">Security operations</h2>
      <p>{view.runbook.organisation.securityOperations.description}</p>
      {contacts.length > 0 ? (
        <ul>
          {contacts.map((c) => (
            <li key={c.name}>
              <strong>{c.name}</strong> {c.phone ? `– ${c.phone}` : ''} {c.email ? `– ${c.email}` : ''}{' '}
              {c.note ? <span className="quiet">({c.note})</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="warning">
          Security operations contacts: not set yet – see Settings. Use the contact list kept with the safe, or whoever is on duty for
          security incidents.
        </p>
      )}
      <label>
        Whom did you tell?
        <input value={who} onChange={(e) => setWho(e.target.value)} required autoComplete="off" />
      </label>
      <label>
        How (phone, in person…)?
        <input value={how} onChange={(e) => setHow(e.target.value)} required autoComplete="off" />
      </label>
      <button type="submit" className="action">
        Security operations knows – go on
      </button>
    </form>
  );
}

function SafeStep(props: { readonly view: IncidentView; readonly onDone: (data: Record<string, unknown>) => void }) {
  const { view } = props;
  const [openedAt, setOpenedAt] = useState(nowLocalInput);
  const [items, setItems] = useState('');
  const [certificate, setCertificate] = useState(false);
  const labels = view.runbook.keys.map((k) => k.label);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const taken = items
      .split(/[\n,]/)
      .map((s) => s.trim())
      .filter(Boolean);
    props.onDone({
      openedAt: new Date(openedAt).toISOString(),
      securityKeys: taken,
      envelopes: [],
      ...(certificate ? { certificateMedia: view.runbook.appCertificate?.label ?? 'the app certificate (PFX)' } : {}),
    });
  };
  return (
    <form className="panel form" onSubmit={submit} aria-labelledby="safe-heading">
      <RunbookText view={view} />
      <h2 id="safe-heading">The safe</h2>
      <label>
        Opened at
        <input type="datetime-local" value={openedAt} onChange={(e) => setOpenedAt(e.target.value)} required />
      </label>
      <label>
        Security keys taken (labels, one per line{labels.length > 0 ? `: ${labels.join(', ')}` : ''})
        <textarea value={items} onChange={(e) => setItems(e.target.value)} rows={2} />
      </label>
      <label className="choice">
        <input type="checkbox" checked={certificate} onChange={(e) => setCertificate(e.target.checked)} />
        <span>The app certificate was taken ({view.runbook.appCertificate?.label ?? 'the PFX and its sealed passphrase'})</span>
      </label>
      <button type="submit" className="action">
        Recorded – go on
      </button>
    </form>
  );
}

function ChoosePathStep(props: Props & { readonly onDone: (data: Record<string, unknown>) => void }) {
  const { client, view } = props;
  const load = useCallback(() => client.invoke('signIn:options', {}), [client]);
  const [options] = useLoaded(load);
  const [choice, setChoice] = useState<string>('');
  if (options.kind !== 'loaded') return <p className="quiet">Loading the accounts…</p>;
  const accounts = options.value.accounts;
  const failedWith = new Set(view.active!.failedAttempts.map((f) => f.account).filter(Boolean));
  // The runbook's labels of the account's keys; without one, the journal names the account and the
  // screen says "its security key" beside the account's name, so the name is not said twice.
  const labelsOf = (upn: string) =>
    view.runbook.keys
      .filter((k) => k.account.toLowerCase() === upn.toLowerCase())
      .map((k) => k.label)
      .join(' or ');
  const keyLabel = (upn: string) => labelsOf(upn) || `the security key of ${upn}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (choice === 'app')
      props.onDone({
        path: 'certificate',
        account: options.value.app?.label ?? 'break-glass app',
        item: view.runbook.appCertificate?.label ?? 'the app certificate (PFX) and its passphrase envelope',
      });
    else if (choice) props.onDone({ path: 'security-key', account: choice, item: keyLabel(choice) });
  };
  return (
    <form className="panel form" onSubmit={submit} aria-labelledby="path-heading">
      <RunbookText view={view} />
      <h2 id="path-heading">Which way in?</h2>
      <fieldset className="choices">
        <legend>Take the item named from the safe</legend>
        {accounts.map((a) => (
          <label key={a.userPrincipalName} className="choice">
            <input type="radio" name="path" checked={choice === a.userPrincipalName} onChange={() => setChoice(a.userPrincipalName)} />
            <span>
              <strong>{a.userPrincipalName}</strong> – take {labelsOf(a.userPrincipalName) || 'its security key'}
              {failedWith.has(a.userPrincipalName) ? <span className="warning"> (failed before)</span> : null}
            </span>
          </label>
        ))}
        {options.value.app ? (
          <label className="choice">
            <input type="radio" name="path" checked={choice === 'app'} onChange={() => setChoice('app')} />
            <span>
              <strong>{options.value.app.label}</strong> – take{' '}
              {view.runbook.appCertificate?.label ?? 'the app certificate (PFX) and its sealed passphrase'}. User Conditional Access
              policies do not apply to it.
            </span>
          </label>
        ) : null}
      </fieldset>
      <button type="submit" className="action" disabled={!choice}>
        Take this way in
      </button>
    </form>
  );
}

function SignInStep(props: Props) {
  const { client, view, onReload, onProblem } = props;
  const path = view.active!.chosenPath;
  const load = useCallback(() => client.invoke('signIn:options', {}), [client]);
  const [options] = useLoaded(load);
  const { attempt, begin, reset } = useSignInAttempt(client, { onSignedIn: onReload, onProblem });
  const [pfxPath, setPfxPath] = useState('');
  const [passphrase, setPassphrase] = useState('');

  if (!path) return <p className="warning">No way in is chosen yet.</p>;
  const custodian = view.active!.openedBy;
  const start = (event: FormEvent) => {
    event.preventDefault();
    const simulatedSafe = options.kind === 'loaded' && options.value.app?.simulatedSafe;
    const request: SignInRequest =
      path.path === 'security-key'
        ? { method: 'security-key', userPrincipalName: path.account!, custodian }
        : {
            method: 'certificate',
            custodian,
            source:
              simulatedSafe && !pfxPath
                ? { kind: 'simulated-safe' }
                : { kind: 'file', path: pfxPath, ...(passphrase ? { passphrase } : {}) },
          };
    setPassphrase('');
    begin(() => client.invoke('incident:signIn', request));
  };
  const otherWay = () => props.act(() => client.invoke('incident:show', { step: 'choose-path' }));
  if (attempt) {
    // After a refusal by Microsoft the next step is another way in; after a local problem (the PFX,
    // its passphrase) it is this way again, with the problem fixed.
    return (
      <SignInOutcome progress={attempt.progress} onTryAgain={attempt.progress.state === 'failed' ? otherWay : reset} onBack={onReload} />
    );
  }
  return (
    <form className="panel form" onSubmit={start} aria-labelledby="sign-in-heading">
      <RunbookText view={view} />
      <h2 id="sign-in-heading">{path.path === 'security-key' ? 'Sign in with the security key' : 'Sign in with the app’s certificate'}</h2>
      {path.path === 'security-key' ? (
        <p>
          {path.account && !path.item.includes(path.account) ? (
            <>
              <strong>{path.account}</strong>, with {path.item}.
            </>
          ) : (
            <>With {path.item}.</>
          )}{' '}
          The sign-in page opens in the browser: type the key’s PIN and touch the key when it flashes.
        </p>
      ) : (
        <p>
          <strong>{options.kind === 'loaded' ? (options.value.app?.label ?? 'The break-glass app') : 'The break-glass app'}</strong> with{' '}
          {path.item}. No browser is needed: the app signs in with the certificate itself.
        </p>
      )}
      {path.path === 'certificate' && !(options.kind === 'loaded' && options.value.app?.simulatedSafe) ? (
        <PfxFileFields path={pfxPath} onPath={setPfxPath} passphrase={passphrase} onPassphrase={setPassphrase} />
      ) : null}
      {path.path === 'certificate' && options.kind === 'loaded' && options.value.app?.simulatedSafe ? (
        <p className="quiet">The drill certificate of the simulated safe is used.</p>
      ) : null}
      <p className="actions">
        <button type="submit" className="action">
          Sign in now
        </button>
        <button type="button" className="secondary" onClick={otherWay}>
          Choose another way in
        </button>
      </p>
    </form>
  );
}

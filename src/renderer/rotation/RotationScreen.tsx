import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';

import type { ActiveRotationView, RotationView } from '../../shared/model/rotation.ts';
import type { IpcClient } from '../app/ipc-client.ts';
import { ProblemPanel } from '../components/ProblemPanel.tsx';
import { PeopleFields } from '../components/PeopleFields.tsx';
import { explainError, useLoaded } from '../components/useLoaded.ts';
import { ScreenFrame } from '../components/ScreenFrame.tsx';
import { RotationStepPanel } from './RotationStepPanel.tsx';
import { RotationVerdictPanel } from './RotationVerdict.tsx';
import type { Act } from './step-props.ts';
import { localTime } from '../../shared/journal-words.ts';

/**
 * Rotate credentials after use: what will be rotated and why, then one step at a time with the
 * progress beside it, and the readiness verdict that closes the rotation. Everything shown comes
 * from the journal, so reopening the app resumes at the same step.
 */
export function RotationScreen(props: {
  readonly client: IpcClient;
  readonly onBack: () => void;
  readonly onJournal: () => void;
  readonly onReadiness: () => void;
}) {
  const { client, onBack } = props;
  const load = useCallback(() => client.invoke('rotation:state', {}), [client]);
  const [loaded, reload] = useLoaded(load);
  const [view, setView] = useState<RotationView | null>(null);
  const [problem, setProblem] = useState<{ message: string; nextStep: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (loaded.kind === 'loaded') setView(loaded.value);
  }, [loaded]);
  const currentId = view?.active?.current?.id;

  const act: Act = useCallback(
    (call) => {
      setProblem(null);
      setBusy(true);
      call()
        .then(setView, (error: unknown) => {
          setProblem(explainError(error));
          // The journal may have recorded a failure: show the step as it stands now.
          reload();
        })
        .finally(() => setBusy(false));
    },
    [reload],
  );

  const active = view?.active;
  return (
    <ScreenFrame
      className="rotation"
      heading="Rotate credentials"
      focusKey={currentId}
      onBack={onBack}
      back={{ at: 'bottom', note: active ? <span className="quiet"> The rotation stays open; it is recorded in the journal.</span> : null }}
    >
      {loaded.kind === 'failed' ? (
        <ProblemPanel title="The rotation could not be read from the journal" message={loaded.message} nextStep={loaded.nextStep} />
      ) : null}
      {view?.problem ? (
        <ProblemPanel title="Nothing can be rotated here" message={view.problem.message} nextStep={view.problem.nextStep} />
      ) : null}
      {problem ? <ProblemPanel title="That did not work" message={problem.message} nextStep={problem.nextStep} /> : null}
      {view && !active && !view.justClosed && !view.problem ? (
        <BeginForm view={view} onBegin={(input) => act(() => client.invoke('rotation:begin', input))} />
      ) : null}
      {view && !active && view.justClosed ? (
        <RotationVerdictPanel rotation={view.justClosed} onHome={onBack} onJournal={props.onJournal} onReadiness={props.onReadiness} />
      ) : null}
      {view && active ? (
        <div className="incident-layout">
          <div className="incident-main">
            <p className="quiet">
              Rotation begun by {active.openedBy}
              {active.witness ? `, witness ${active.witness}` : ''}, {localTime(active.openedAt)}.
            </p>
            {active.irregularities.length > 0 ? (
              <p className="warning">The journal has entries that do not fit this rotation: {active.irregularities.join(' ')}</p>
            ) : null}
            <RotationStepPanel client={client} view={view} active={active} act={act} busy={busy} onReload={reload} onProblem={setProblem} />
          </div>
          <aside className="incident-side" aria-label="Progress">
            <Progress active={active} />
            <AbandonForm onAbandon={(reason) => act(() => client.invoke('rotation:abandon', { reason }))} />
          </aside>
        </div>
      ) : null}
    </ScreenFrame>
  );
}

function Progress({ active }: { readonly active: ActiveRotationView }) {
  const subjects = [...new Set(active.steps.map((s) => s.subject))];
  return (
    <div className="rotation-progress">
      {subjects.map((subject) => (
        <section key={subject} aria-label={subject}>
          <h2 className="progress-subject">{subject}</h2>
          <ol className="steps rotation-steps">
            {active.steps
              .filter((step) => step.subject === subject)
              .map((step) => {
                const current = active.current?.id === step.id;
                const mark = step.status === 'done' ? '✓ ' : current ? '→ ' : '';
                return (
                  <li
                    key={step.id}
                    className={current ? 'step-current' : step.status === 'done' ? 'step-done' : 'step-todo'}
                    aria-current={current ? 'step' : undefined}
                  >
                    {mark}
                    {step.label}
                    {step.status === 'failed' || step.status === 'interrupted' ? (
                      <span className="warning-text">
                        {' '}
                        ({step.status === 'failed' ? 'failed – try again' : 'cut off – redone from the tenant'})
                      </span>
                    ) : null}
                  </li>
                );
              })}
          </ol>
        </section>
      ))}
    </div>
  );
}

type BeginInput = { custodian: string; witness?: string; accounts: string[]; certificates?: string[]; app: boolean };

/** One ticked choice of what to rotate; `nested` for one that belongs to the choice above it. */
function Tick(props: {
  readonly checked: boolean;
  readonly onChange: () => void;
  readonly nested?: boolean;
  readonly children: ReactNode;
}) {
  return (
    <label className={props.nested ? 'choice nested-choice' : 'choice'}>
      <input type="checkbox" checked={props.checked} onChange={props.onChange} />
      <span>{props.children}</span>
    </label>
  );
}

/** What will be rotated and why: every credential used since the last rotation is pre-ticked. */
function BeginForm(props: { readonly view: RotationView; readonly onBegin: (input: BeginInput) => void }) {
  const { candidates } = props.view;
  const [custodian, setCustodian] = useState('');
  const [witness, setWitness] = useState('');
  const [accounts, setAccounts] = useState<string[]>(() => candidates.accounts.filter((a) => a.suggested).map((a) => a.userPrincipalName));
  const [app, setApp] = useState(candidates.app?.suggested ?? false);
  const [certificates, setCertificates] = useState<string[]>([]);
  const toggle = (upn: string) => setAccounts((list) => (list.includes(upn) ? list.filter((a) => a !== upn) : [...list, upn]));
  const toggleCertificate = (upn: string) =>
    setCertificates((list) => (list.includes(upn) ? list.filter((a) => a !== upn) : [...list, upn]));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const withCertificates = certificates.filter((c) => accounts.includes(c));
    props.onBegin({
      custodian,
      accounts,
      app,
      ...(withCertificates.length > 0 ? { certificates: withCertificates } : {}),
      ...(witness.trim() ? { witness } : {}),
    });
  };
  return (
    <form className="panel form" onSubmit={submit} aria-labelledby="begin-heading">
      <h2 id="begin-heading">What will be rotated, and why</h2>
      <p>
        Every break-glass credential that left the safe is burned: its password or certificate may have been seen. Rotation replaces each
        one and keeps a working way in at every moment – the old certificate is removed only after the new one is proven, and the security
        keys in the safe are never removed.
      </p>
      {candidates.since ? (
        <p className="quiet">Since {localTime(candidates.since)}, the journal records these sign-ins with break-glass credentials.</p>
      ) : (
        <p className="quiet">The journal records no use of a break-glass credential since the last rotation. Tick what left the safe.</p>
      )}
      <fieldset className="choices">
        <legend>Credentials to rotate</legend>
        {candidates.app ? (
          <Tick checked={app} onChange={() => setApp(!app)}>
            <strong>{candidates.app.name}</strong>: new certificate (added, proven, then the old one and any client secret removed), saved
            as a PFX to the safe’s media.
            <span className="quiet"> {candidates.app.reasons.join(' ')}</span>
          </Tick>
        ) : null}
        {candidates.accounts.map((account) => (
          <div key={account.userPrincipalName}>
            <Tick checked={accounts.includes(account.userPrincipalName)} onChange={() => toggle(account.userPrincipalName)}>
              <strong>{account.userPrincipalName}</strong>: new envelope password, sessions revoked, methods reviewed, key back in the safe.
              <span className="quiet"> {account.reasons.join(' ')}</span>
            </Tick>
            {accounts.includes(account.userPrincipalName) ? (
              <Tick
                nested
                checked={certificates.includes(account.userPrincipalName)}
                onChange={() => toggleCertificate(account.userPrincipalName)}
              >
                Its own certificate (a smart card or a certificate file) left the safe too: record the new one, issued by your CA, once
                Entra binds it to the account.
              </Tick>
            ) : null}
          </div>
        ))}
      </fieldset>
      <PeopleFields custodian={custodian} onCustodian={setCustodian} witness={witness} onWitness={setWitness} witnessHint="recommended" />
      <p className="quiet">
        You will need: the safe’s media (to save the new certificate), a fresh envelope sheet and a pen, and the current certificate or a
        security key to sign in. An account is rotated with the app’s certificate or another account’s key, never with its own.
      </p>
      <button type="submit" className="action" disabled={!app && accounts.length === 0}>
        Begin the rotation
      </button>
    </form>
  );
}

function AbandonForm(props: { readonly onAbandon: (reason: string) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open) {
    return (
      <p className="no-print">
        <button type="button" className="link-button" onClick={() => setOpen(true)}>
          Stop this rotation…
        </button>
      </p>
    );
  }
  return (
    <form
      className="panel form no-print"
      onSubmit={(e) => {
        e.preventDefault();
        props.onAbandon(reason);
      }}
    >
      <h2>Stop this rotation</h2>
      <p className="quiet">What was done stays done; the journal records what was not. Start a new rotation later to finish.</p>
      <label>
        Why it stops here
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} required />
      </label>
      <p className="actions">
        <button type="submit" className="secondary">
          Stop the rotation
        </button>
        <button type="button" className="link-button" onClick={() => setOpen(false)}>
          Keep going
        </button>
      </p>
    </form>
  );
}

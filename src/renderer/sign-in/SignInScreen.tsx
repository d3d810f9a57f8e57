import { useCallback, useState, type FormEvent } from 'react';

import type { SignInOptions, SignInRequest } from '../../shared/model/sign-in.ts';
import type { OpenIncidentStatus } from '../../shared/model/status.ts';
import type { IpcClient } from '../app/ipc-client.ts';
import { ProblemPanel } from '../components/ProblemPanel.tsx';
import { ScreenFrame } from '../components/ScreenFrame.tsx';
import { useLoaded } from '../components/useLoaded.ts';
import { SignInOutcome } from './SignInOutcome.tsx';
import { useSignInAttempt } from './useSignInAttempt.ts';
import { PfxFileFields } from '../components/PfxFileFields.tsx';
import { PeopleFields } from '../components/PeopleFields.tsx';

type Path = { readonly kind: 'account'; readonly userPrincipalName: string } | { readonly kind: 'app' };

/**
 * A sign-in outside the runbooks, from the home screen: who is at the safe and why (recorded as a
 * journal session of its own, docs/domain.md "Journal rules"), which way in (a break-glass account
 * with its security key, or the break-glass app with its certificate), then live progress – the
 * security-key page in the browser, or a device code – and the outcome: who we are and which roles
 * are active, or what went wrong in plain words and what to try next.
 */
export function SignInScreen(props: {
  readonly client: IpcClient;
  readonly onBack: () => void;
  /** The open incident or drill: a sign-in from here is refused (docs/domain.md, "Journal rules"), Resume is offered. */
  readonly openIncident?: OpenIncidentStatus | undefined;
  readonly onResume: () => void;
}) {
  const { client, onBack, openIncident } = props;
  const load = useCallback(() => client.invoke('signIn:options', {}), [client]);
  const [options, reload] = useLoaded(load);
  const [problem, setProblem] = useState<{ message: string; nextStep: string } | null>(null);
  const { attempt, begin, reset } = useSignInAttempt(client, { onProblem: setProblem });
  const start = (request: SignInRequest, reason: string) => {
    setProblem(null);
    begin(() => client.invoke('signIn:start', { reason, request }));
  };

  const again = () => {
    reset();
    reload();
  };

  return (
    <ScreenFrame heading="Sign in outside the runbook" onBack={onBack} back={{ at: 'bottom' }}>
      {options.kind === 'loaded' ? (
        <p className="quiet">
          Tenant: {options.value.tenantLabel}
          {options.value.simulated ? ' – a drill: nothing here touches a real tenant.' : ''}
        </p>
      ) : null}
      {options.kind === 'failed' ? (
        <ProblemPanel title="The sign-in options could not be read" message={options.message} nextStep={options.nextStep} />
      ) : null}
      {problem ? <ProblemPanel title="The sign-in did not start" message={problem.message} nextStep={problem.nextStep} /> : null}
      {options.kind === 'loaded' && options.value.problem ? (
        <ProblemPanel
          title="There is nothing to sign in to"
          message={options.value.problem.message}
          nextStep={options.value.problem.nextStep}
        />
      ) : null}
      {openIncident && !attempt ? (
        <section className="panel" aria-labelledby="open-work-heading">
          <h2 id="open-work-heading">{openIncident.kind === 'drill' ? 'A drill is open' : 'An incident is open'}</h2>
          <p>
            A sign-in from here would replace the {openIncident.kind}&apos;s own sign-in. Sign in from its step, so the {openIncident.kind}
            &apos;s journal holds it.
          </p>
          <button type="button" className="action" onClick={props.onResume}>
            Resume the {openIncident.kind}
          </button>
        </section>
      ) : attempt ? (
        <SignInOutcome progress={attempt.progress} onTryAgain={again} onBack={onBack} />
      ) : options.kind === 'loaded' && !options.value.problem ? (
        <SignInForm options={options.value} onStart={start} />
      ) : null}
    </ScreenFrame>
  );
}

function SignInForm(props: { readonly options: SignInOptions; readonly onStart: (request: SignInRequest, reason: string) => void }) {
  const { options } = props;
  const [custodian, setCustodian] = useState('');
  const [witness, setWitness] = useState('');
  const [reason, setReason] = useState('');
  const first: Path | null = options.accounts[0]
    ? { kind: 'account', userPrincipalName: options.accounts[0].userPrincipalName }
    : options.app
      ? { kind: 'app' }
      : null;
  const [path, setPath] = useState<Path | null>(first);
  const [certificateSource, setCertificateSource] = useState<'simulated-safe' | 'file'>(
    options.app?.simulatedSafe ? 'simulated-safe' : 'file',
  );
  const [pfxPath, setPfxPath] = useState(options.app?.certificatePath ?? '');
  const [passphrase, setPassphrase] = useState('');
  const [deviceCode, setDeviceCode] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!path) return;
    const people = { custodian, ...(witness.trim() ? { witness } : {}) };
    if (path.kind === 'account') {
      props.onStart(
        {
          method: 'security-key',
          userPrincipalName: path.userPrincipalName,
          ...(deviceCode ? { deviceCode } : {}),
          ...people,
        },
        reason,
      );
      return;
    }
    const source =
      certificateSource === 'simulated-safe'
        ? ({ kind: 'simulated-safe' } as const)
        : ({ kind: 'file', path: pfxPath, ...(passphrase ? { passphrase } : {}) } as const);
    setPassphrase('');
    props.onStart({ method: 'certificate', source, ...people }, reason);
  };

  const isChosen = (candidate: Path) =>
    path?.kind === candidate.kind &&
    (candidate.kind === 'app' || (path.kind === 'account' && path.userPrincipalName === candidate.userPrincipalName));

  return (
    <form className="panel form" onSubmit={submit} aria-labelledby="who-heading">
      <h2 id="who-heading">Who is at the safe, and why</h2>
      <p id="outside-hint">
        This sign-in is not part of an incident. The journal records it as a session of its own, with who signed in and why. In an
        emergency, go back and choose Incident instead: it guides you through every step.
      </p>
      <PeopleFields custodian={custodian} onCustodian={setCustodian} witness={witness} onWitness={setWitness} witnessHint="optional" />
      <label>
        Why are you signing in outside the runbook?
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} required rows={2} aria-describedby="outside-hint" />
      </label>
      <fieldset className="choices">
        <legend>Which way in</legend>
        {options.accounts.map((account) => (
          <label key={account.userPrincipalName} className="choice">
            <input
              type="radio"
              name="path"
              checked={isChosen({ kind: 'account', userPrincipalName: account.userPrincipalName })}
              onChange={() => setPath({ kind: 'account', userPrincipalName: account.userPrincipalName })}
            />
            <span>
              <strong>{account.userPrincipalName}</strong>
              <span className="quiet"> – take its security key from the safe</span>
            </span>
          </label>
        ))}
        {options.app ? (
          <label className="choice">
            <input type="radio" name="path" checked={isChosen({ kind: 'app' })} onChange={() => setPath({ kind: 'app' })} />
            <span>
              <strong>{options.app.label}</strong>
              <span className="quiet"> – take the certificate (PFX) and its sealed passphrase from the safe</span>
            </span>
          </label>
        ) : null}
      </fieldset>
      {path?.kind === 'account' ? (
        <label className="choice">
          <input type="checkbox" checked={deviceCode} onChange={(e) => setDeviceCode(e.target.checked)} />
          <span>No browser can be used on this computer: sign in on another device with a code</span>
        </label>
      ) : null}
      {path?.kind === 'app' && options.app ? (
        <fieldset className="choices">
          <legend>The certificate</legend>
          {options.app.simulatedSafe ? (
            <label className="choice">
              <input
                type="radio"
                name="certificate"
                checked={certificateSource === 'simulated-safe'}
                onChange={() => setCertificateSource('simulated-safe')}
              />
              <span>The drill certificate in the simulated safe</span>
            </label>
          ) : null}
          <label className="choice">
            <input type="radio" name="certificate" checked={certificateSource === 'file'} onChange={() => setCertificateSource('file')} />
            <span>A PFX file</span>
          </label>
          {certificateSource === 'file' ? (
            <PfxFileFields path={pfxPath} onPath={setPfxPath} passphrase={passphrase} onPassphrase={setPassphrase} />
          ) : null}
        </fieldset>
      ) : null}
      <p className="quiet">Tell the security operations team now that a break-glass sign-in is about to happen: its alert will fire.</p>
      <button type="submit" className="action" disabled={!path}>
        Sign in
      </button>
    </form>
  );
}

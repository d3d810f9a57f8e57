import { useCallback, useEffect, useState, type FormEvent } from 'react';

import type { SignInRequest } from '../../shared/model/sign-in.ts';
import { TechnicalDetails } from '../components/TechnicalDetails.tsx';
import { PfxFileFields } from '../components/PfxFileFields.tsx';
import { useLoaded } from '../components/useLoaded.ts';
import { SignInOutcome } from '../sign-in/SignInOutcome.tsx';
import { useSignInAttempt } from '../sign-in/useSignInAttempt.ts';
import type { StepProps } from './step-props.ts';

/** The break-glass sign-in the rotation acts with; the app's current certificate also signs addKey's proof. */
export function RotationSignIn(props: StepProps & { readonly forProof: boolean; readonly exclude?: string }) {
  const { client, view, active, onReload, onProblem } = props;
  const { attempt, begin, reset } = useSignInAttempt(client, { onSignedIn: onReload, onProblem });
  const [pfxPath, setPfxPath] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const loadOptions = useCallback(() => client.invoke('signIn:options', {}), [client]);
  const [options] = useLoaded(loadOptions);
  // An account being rotated must be rotated with another one's session: offer every other break-glass account then.
  const accounts = props.exclude
    ? (options.kind === 'loaded' ? options.value.accounts.map((a) => a.userPrincipalName) : []).filter(
        (a) => a.toLowerCase() !== props.exclude!.toLowerCase(),
      )
    : active.accounts;
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
  if (attempt && attempt.progress.state !== 'signed-in')
    return <SignInOutcome progress={attempt.progress} onTryAgain={reset} onBack={onReload} />;
  const custodian = active.openedBy;
  const withCertificate = (event: FormEvent) => {
    event.preventDefault();
    start({
      method: 'certificate',
      custodian,
      source:
        simulatedSafe && !pfxPath ? { kind: 'simulated-safe' } : { kind: 'file', path: pfxPath, ...(passphrase ? { passphrase } : {}) },
    });
  };
  return (
    <section className="panel form" aria-labelledby="rotation-sign-in">
      <h3 id="rotation-sign-in">
        {props.forProof && view.signedIn ? 'Sign in with the app’s current certificate' : 'Sign in to act on the tenant'}
      </h3>
      <p>
        {props.forProof
          ? 'Adding the new certificate needs the app’s current certificate as proof: sign in with the certificate from the safe. '
          : 'The rotation acts with a break-glass credential. This sign-in fires the break-glass alert: tell security operations first. '}
        It is recorded in this rotation’s journal session.
      </p>
      {props.forProof ? (
        <TechnicalDetails>
          <p>Microsoft Graph’s addKey call must carry a proof of possession signed by a certificate the app holds now.</p>
        </TechnicalDetails>
      ) : null}
      {view.candidates.app ? (
        <form onSubmit={withCertificate} className="form">
          {simulatedSafe ? (
            <p className="quiet">Drill: the simulated safe holds the app’s current certificate.</p>
          ) : (
            <PfxFileFields path={pfxPath} onPath={setPfxPath} passphrase={passphrase} onPassphrase={setPassphrase} />
          )}
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

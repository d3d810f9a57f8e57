import { useCallback, useState } from 'react';

import type { IpcClient } from '../app/ipc-client.ts';
import { explainError, useLoaded } from '../components/useLoaded.ts';

/** On the home screen: whether the app is signed in to the tenant, and the way to sign in or out. */
export function ConnectionPanel(props: { readonly client: IpcClient; readonly onSignIn: () => void }) {
  const { client } = props;
  const load = useCallback(() => client.invoke('signIn:options', {}), [client]);
  const [options, reload] = useLoaded(load);
  const [problem, setProblem] = useState<string | null>(null);

  const signOut = () => {
    client.invoke('signIn:signOut', { actor: '' }).then(reload, (error: unknown) => {
      const { message, nextStep } = explainError(error);
      setProblem(`${message} ${nextStep}`);
    });
  };

  if (options.kind !== 'loaded') return null;
  const signedIn = options.value.signedIn;
  return (
    <section className="panel connection" aria-labelledby="connection-heading">
      <h2 id="connection-heading">Connection to the tenant</h2>
      {signedIn ? (
        <>
          <p>
            Signed in as <strong>{signedIn.who}</strong>
            {signedIn.directoryRoles.length > 0 ? ` – ${signedIn.directoryRoles.join(', ')}` : ' – no directory role active'}.
          </p>
          <button type="button" className="secondary" onClick={signOut}>
            Sign out (forget the tokens)
          </button>
        </>
      ) : (
        <>
          <p className="quiet">
            Not signed in to {options.value.tenantLabel}. Signing in from here is outside the runbook: you say why, and the journal records
            it as a session of its own. In an emergency, choose Incident above instead.
          </p>
          <button type="button" className="action" onClick={props.onSignIn} disabled={Boolean(options.value.problem)}>
            Sign in to the tenant
          </button>
        </>
      )}
      {problem ? <p className="warning">{problem}</p> : null}
    </section>
  );
}

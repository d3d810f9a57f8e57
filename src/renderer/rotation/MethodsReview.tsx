import { useCallback, useEffect, useState } from 'react';

import type { RegisteredMethodView } from '../../shared/model/rotation.ts';
import { BusyNote } from '../components/BusyNote.tsx';
import { useLoaded } from '../components/useLoaded.ts';
import type { StepProps } from './step-props.ts';
import { localTime } from '../../shared/journal-words.ts';

/** The account's registered methods, those added during the incident ticked for removal. */
/** Plain names for the kinds of authentication method Graph lists (its `#microsoft.graph.<kind>AuthenticationMethod` types). */
const methodNames: Readonly<Record<string, string>> = {
  fido2: 'Security key',
  password: 'Password',
  phone: 'Phone (text or call)',
  email: 'Email address',
  microsoftAuthenticator: 'Microsoft Authenticator app',
  windowsHelloForBusiness: 'Windows Hello',
  temporaryAccessPass: 'Temporary Access Pass',
  softwareOath: 'Authenticator code app',
  platformCredential: 'Platform credential (Mac)',
  x509Certificate: 'Certificate',
};
const methodName = (kind: string) => methodNames[kind] ?? kind;

export function MethodsReview(props: StepProps & { readonly account: string }) {
  const { client, act, account, busy, active } = props;
  const load = useCallback(() => client.invoke('rotation:methods', { account }), [client, account]);
  const [methods, reload] = useLoaded(load);
  const [remove, setRemove] = useState<string[] | null>(null);
  useEffect(() => {
    if (methods.kind === 'loaded' && remove === null)
      setRemove(methods.value.filter((m) => m.addedDuringIncident && m.removable).map((m) => m.id));
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
      <h3 id="methods-heading">Registered sign-in methods</h3>
      <p>
        {active.since
          ? `Methods not recorded when the incident began (${localTime(active.since)}), or registered since, are flagged: whoever held the account could have added them. Phone and email methods have no registration date, so they are judged by that record alone.`
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
              <td>
                {m.removable ? (
                  <input
                    type="checkbox"
                    aria-label={`Remove ${m.displayName ?? methodName(m.kind)}`}
                    checked={chosen.includes(m.id)}
                    onChange={() => toggle(m.id)}
                  />
                ) : (
                  <span className="quiet">—</span>
                )}
              </td>
              <td>
                {m.displayName ?? methodName(m.kind)} {m.displayName ? <span className="quiet">({methodName(m.kind)})</span> : null}
                {m.addedDuringIncident ? <strong className="warning-text"> added during the incident</strong> : null}
                {m.addedBecause ? <span className="quiet"> ({m.addedBecause})</span> : null}
              </td>
              <td>{m.createdDateTime ? localTime(m.createdDateTime) : <span className="quiet">unknown</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className={left >= 2 ? 'quiet' : 'warning'}>
        {left} security key{left === 1 ? '' : 's'} will remain.{' '}
        {left >= 2 ? 'Two or more: good.' : 'Two or more are recommended: register a second key for the safe afterwards.'}
      </p>
      <button
        type="button"
        className="action"
        disabled={busy || left === 0}
        onClick={() => act(() => client.invoke('rotation:reviewMethods', { account, remove: chosen }))}
      >
        {chosen.length > 0 ? `Remove ${chosen.length} and confirm the review` : 'Confirm the review (remove nothing)'}
      </button>
      <BusyNote
        busy={busy}
        text={chosen.length > 0 ? 'Removing the chosen methods from the account…' : 'Recording the review in the journal…'}
      />
    </section>
  );
}

import type { BlockedSignIn } from '../../shared/model/incident.ts';
import type { Loaded } from '../components/useLoaded.ts';

const clock = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/**
 * What Entra's sign-in log says about the incident's failed sign-in: the policy that blocked it,
 * or – plainly – that the log has not caught up yet, with a way to look again.
 */
export function BlockedSignInPanel(props: { readonly log: Loaded<BlockedSignIn>; readonly onLookAgain: () => void }) {
  const { log } = props;
  if (log.kind === 'loaded' && log.value.kind === 'no-failed-attempt') return null;
  const lookAgain = (
    <button type="button" className="secondary small" onClick={props.onLookAgain}>
      Look again
    </button>
  );
  let body;
  if (log.kind === 'loading') body = <p className="quiet">Reading Entra’s sign-in log…</p>;
  else if (log.kind === 'failed')
    body = (
      <p className="warning">
        {log.message} {log.nextStep} {lookAgain}
      </p>
    );
  else if (log.value.kind === 'named')
    body = (
      <p className="finding">
        The sign-in of {log.value.account} at {clock(log.value.at)} was blocked by{' '}
        {log.value.policies.map((p, i) => (
          <span key={p.id}>
            {i > 0 ? ', ' : ''}
            <strong>{p.displayName}</strong>
          </span>
        ))}
        . It is marked in the list below.
      </p>
    );
  else if (log.value.kind === 'unreadable')
    body = (
      <p className="warning">
        {log.value.message} {log.value.nextStep} {lookAgain}
      </p>
    );
  else if (log.value.kind === 'no-failed-attempt') body = null;
  else
    body = (
      <p className="warning">
        {log.value.message} {lookAgain}
      </p>
    );
  return (
    <>
      <h3>What blocked the failed sign-in (Entra’s sign-in log)</h3>
      {body}
    </>
  );
}

import { useCallback, useState, type FormEvent } from 'react';

import type { IncidentView, RecoveryActionView } from '../../shared/model/incident.ts';
import type { ChannelInput } from '../../shared/ipc/contract.ts';
import {
  conditionalAccessAdministratorRoleId,
  findDirectoryRole,
  globalAdministratorRoleId,
  privilegedRoleAdministratorRoleId,
} from '../../shared/directory-roles.ts';
import type { IpcClient } from '../app/ipc-client.ts';
import { explainError, useLoaded } from '../components/useLoaded.ts';

type Props = {
  readonly client: IpcClient;
  readonly view: IncidentView;
  readonly onReload: () => void;
  readonly onProblem: (problem: { message: string; nextStep: string }) => void;
  readonly onDone: (followUp: string) => void;
};

/** The roles offered for an emergency assignment, named from the one role catalogue. */
const roles = [globalAdministratorRoleId, privilegedRoleAdministratorRoleId, conditionalAccessAdministratorRoleId].map((id) =>
  findDirectoryRole(id)!,
);

/**
 * The common recovery actions, each previewed (exactly what will change), confirmed, journaled
 * with Graph's request id, and undoable; everything else is done in the admin portals and noted.
 */
export function RecoveryStep(props: Props) {
  const { client, view, onReload, onProblem } = props;
  const load = useCallback(() => client.invoke('recovery:policies', {}), [client]);
  const [policies] = useLoaded(load);
  const [preview, setPreview] = useState<RecoveryActionView | null>(null);
  const [busy, setBusy] = useState(false);
  const [user, setUser] = useState('');
  const [roleId, setRoleId] = useState<string>(globalAdministratorRoleId);
  const [followUp, setFollowUp] = useState('');
  const actions = view.active!.recoveryActions.filter((a) => a.status !== 'previewed');

  const run = (call: () => Promise<RecoveryActionView>, after: (action: RecoveryActionView) => void) => {
    setBusy(true);
    call()
      .then(after, (error: unknown) => onProblem(explainError(error)))
      .finally(() => setBusy(false));
  };
  const previewOf = (input: ChannelInput<'recovery:preview'>) => run(() => client.invoke('recovery:preview', input), setPreview);
  const confirm = () => {
    if (!preview?.actionId) return;
    run(
      () => client.invoke('recovery:apply', { actionId: preview.actionId! }),
      () => {
        setPreview(null);
        onReload();
      },
    );
  };
  const undo = (actionId: string) => run(() => client.invoke('recovery:undo', { actionId }), onReload);
  const assign = (event: FormEvent) => {
    event.preventDefault();
    previewOf({ kind: 'assign-role', user, roleId });
  };

  return (
    <section className="panel" aria-labelledby="recovery-heading">
      <h2 id="recovery-heading">Recovery actions</h2>
      <p>Each action shows exactly what will change before anything is sent, and can be undone. Prefer report-only to deleting a policy.</p>

      {preview ? (
        <div className="panel preview" role="region" aria-labelledby="preview-heading">
          <h3 id="preview-heading">{preview.title}</h3>
          <ul>
            {preview.changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
          {preview.undoDescription ? <p className="quiet">Undo: {preview.undoDescription}</p> : null}
          <p className="actions">
            <button type="button" className="action" onClick={confirm} disabled={busy}>
              Confirm: make this change
            </button>
            <button type="button" className="secondary" onClick={() => setPreview(null)} disabled={busy}>
              Cancel
            </button>
          </p>
        </div>
      ) : null}

      <h3>Conditional Access policies</h3>
      {policies.kind === 'failed' ? (
        <p className="warning">
          {policies.message} {policies.nextStep}
        </p>
      ) : null}
      {policies.kind === 'loaded' ? (
        <ul className="policies">
          {policies.value.map((p) => (
            <li key={p.id}>
              <strong id={`policy-${p.id}`}>{p.displayName}</strong>{' '}
              <span className="quiet">({p.state === 'enabledForReportingButNotEnforced' ? 'report-only' : p.state})</span>
              <span className="policy-actions">
                {p.state === 'enabled' ? (
                  <button
                    type="button"
                    className="secondary small"
                    onClick={() => previewOf({ kind: 'report-only', policyId: p.id })}
                    disabled={busy}
                    aria-describedby={`policy-${p.id}`}
                  >
                    Report-only…
                  </button>
                ) : null}
                <button
                  type="button"
                  className="secondary small"
                  onClick={() => previewOf({ kind: 'add-exclusion', policyId: p.id })}
                  disabled={busy}
                  aria-describedby={`policy-${p.id}`}
                >
                  Add the exclusion…
                </button>
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="quiet">Reading the policies…</p>
      )}

      <h3>Give an administrator a role</h3>
      <form className="form" onSubmit={assign}>
        <label>
          The administrator’s user name
          <input value={user} onChange={(e) => setUser(e.target.value)} required autoComplete="off" spellCheck={false} />
        </label>
        <label>
          Role
          <select value={roleId} onChange={(e) => setRoleId(e.target.value)}>
            {roles.map(({ id, displayName }) => (
              <option key={id} value={id}>
                {displayName}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="secondary" disabled={busy}>
          Preview the assignment…
        </button>
      </form>

      {actions.length > 0 ? (
        <>
          <h3>Done in this incident</h3>
          <ul className="actions-done">
            {actions.map((a, i) => (
              <li key={`${a.title}-${i}`}>
                <strong>
                  {a.status === 'undone' ? 'Undone' : a.status === 'done' ? 'Done' : a.status === 'failed' ? 'Failed' : 'Started'}:
                </strong>{' '}
                {a.title}
                {a.requestIds.length > 0 ? <span className="quiet"> – request id {a.requestIds.at(-1)}</span> : null}
                {a.note ? <span className="warning-text"> {a.note}</span> : null}
                {a.status === 'failed' && a.problem ? <span className="quiet"> {a.problem}</span> : null}
                {a.status === 'done' && a.actionId ? (
                  <button type="button" className="secondary small" onClick={() => undo(a.actionId!)} disabled={busy}>
                    Undo
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h3>When access works again</h3>
      <label className="form">
        Still to do in the admin portals (optional)
        <textarea value={followUp} onChange={(e) => setFollowUp(e.target.value)} rows={2} />
      </label>
      <button type="button" className="action" onClick={() => props.onDone(followUp.trim())} disabled={busy}>
        Recovery is done – go to the close-out
      </button>
    </section>
  );
}

import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';

import type { ChannelInput } from '../../shared/ipc/contract.ts';
import type { IncidentView, PolicySummary, RecoveryActionView } from '../../shared/model/incident.ts';
import {
  conditionalAccessAdministratorRoleId,
  findDirectoryRole,
  globalAdministratorRoleId,
  privilegedRoleAdministratorRoleId,
} from '../../shared/directory-roles.ts';
import type { IpcClient } from '../app/ipc-client.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { explainError, useLoaded } from '../components/useLoaded.ts';
import { BlockedSignInPanel } from './BlockedSignInPanel.tsx';
import { PolicyTable, rowId, stateInWords, stateWords, type RowChange } from './PolicyTable.tsx';

type Props = {
  readonly client: IpcClient;
  readonly view: IncidentView;
  readonly onReload: () => void;
  readonly onDone: (followUp: string) => void;
};

/** The roles offered for an emergency assignment, named from the one role catalogue. */
const roles = [globalAdministratorRoleId, privilegedRoleAdministratorRoleId, conditionalAccessAdministratorRoleId].map((id) =>
  findDirectoryRole(id)!,
);

type Problem = { readonly where: 'policies' | 'role'; readonly message: string; readonly nextStep: string };
type Pending = { readonly action: RecoveryActionView; readonly policyId?: string };

/** The tenant's answer after a change, in words for the notice beside the row. */
function readBackWords(row: PolicySummary): string {
  const blocking = row.blocks.filter((b) => !b.undecided).map((b) => b.account);
  return `The tenant now shows it ${stateInWords(row.state)}${blocking.length > 0 ? `, still blocking ${blocking.join(', ')}` : ', blocking no break-glass account'}.`;
}

/**
 * The recovery step: the policies that block a break-glass account first, with the one Entra's
 * sign-in log names; every other policy searchable and filterable by state. Each change is
 * previewed and confirmed in a dialog, read back from the tenant into its row, and undoable there.
 */
export function RecoveryStep(props: Props) {
  const { client, view, onReload } = props;
  const loadPolicies = useCallback(() => client.invoke('recovery:policies', {}), [client]);
  const [listed] = useLoaded(loadPolicies);
  const loadLog = useCallback(() => client.invoke('recovery:blockedSignIn', {}), [client]);
  const [log, lookAgain] = useLoaded(loadLog);
  const [readBack, setReadBack] = useState<ReadonlyMap<string, PolicySummary>>(new Map());
  const [changes, setChanges] = useState<ReadonlyMap<string, RowChange>>(new Map());
  const [pending, setPending] = useState<Pending | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [query, setQuery] = useState('');
  const [stateFilter, setStateFilter] = useState('all');
  const [user, setUser] = useState('');
  const [roleId, setRoleId] = useState<string>(globalAdministratorRoleId);
  const [followUp, setFollowUp] = useState('');
  const roleButton = useRef<HTMLButtonElement>(null);
  const actions = view.active!.recoveryActions.filter((a) => a.status !== 'previewed');
  // An action whose row shows its Undo is undone there, so the row shows what the tenant reads back.
  const undoneInRow = new Set([...changes.values()].map((c) => c.undoActionId).filter(Boolean));

  const named = useMemo(
    () => new Set(log.kind === 'loaded' && log.value.kind === 'named' ? log.value.policies.map((p) => p.id) : []),
    [log],
  );
  // Where focus goes once the dialog has closed (its own close restores focus first): the row that changed, or the role form.
  const [returnTo, setReturnTo] = useState<{ readonly policyId?: string } | null>(null);
  const focusBack = (policyId?: string) => setReturnTo(policyId ? { policyId } : {});
  useEffect(() => {
    if (!returnTo || pending) return;
    (returnTo.policyId ? document.getElementById(rowId(returnTo.policyId)) : roleButton.current)?.focus();
    setReturnTo(null);
  }, [returnTo, pending]);

  /** Runs a call; a success clears the last problem, a failure shows it where it happened. */
  const run = <T,>(where: Problem['where'], call: () => Promise<T>, after: (value: T) => void, onFail?: () => void) => {
    setBusy(true);
    call()
      .then(
        (value) => {
          setProblem(null);
          after(value);
        },
        (error: unknown) => {
          setProblem({ where, ...explainError(error) });
          onFail?.();
        },
      )
      .finally(() => setBusy(false));
  };
  const remember = (row: PolicySummary, change: RowChange) => {
    setReadBack((m) => new Map(m).set(row.id, row));
    setChanges((m) => new Map(m).set(row.id, change));
  };
  const preview = (input: ChannelInput<'recovery:preview'>, policyId?: string) =>
    run(
      policyId ? 'policies' : 'role',
      () => client.invoke('recovery:preview', input),
      (action) => setPending({ action, ...(policyId ? { policyId } : {}) }),
    );
  const cancel = () => {
    const policyId = pending?.policyId;
    setPending(null);
    focusBack(policyId);
  };
  const confirm = () => {
    if (!pending?.action.actionId) return;
    const { action, policyId } = pending;
    const close = () => {
      setPending(null);
      focusBack(policyId);
    };
    run(
      policyId ? 'policies' : 'role',
      async () => {
        const done = await client.invoke('recovery:apply', { actionId: action.actionId! });
        return { done, row: policyId ? await client.invoke('recovery:policy', { policyId }) : undefined };
      },
      ({ done, row }) => {
        if (row)
          remember(row, { notice: `Done. ${done.note ?? readBackWords(row)}`, ...(done.actionId ? { undoActionId: done.actionId } : {}) });
        close();
        onReload();
      },
      close,
    );
  };
  const undo = (policy: PolicySummary, actionId: string) =>
    run(
      'policies',
      async () => {
        await client.invoke('recovery:undo', { actionId });
        return client.invoke('recovery:policy', { policyId: policy.id });
      },
      (row) => {
        remember(row, { notice: `Undone. ${readBackWords(row)}` });
        focusBack(policy.id);
        onReload();
      },
    );
  const undoAction = (actionId: string) => run('role', () => client.invoke('recovery:undo', { actionId }), onReload);
  const assign = (event: FormEvent) => {
    event.preventDefault();
    preview({ kind: 'assign-role', user, roleId });
  };

  const table = (caption: string, policies: readonly PolicySummary[], showBlocks: boolean) => (
    <PolicyTable
      caption={caption}
      policies={policies}
      blockedSignIn={named}
      changes={changes}
      busy={busy}
      showBlocks={showBlocks}
      onReportOnly={(p) => preview({ kind: 'report-only', policyId: p.id }, p.id)}
      onAddExclusion={(p) => preview({ kind: 'add-exclusion', policyId: p.id }, p.id)}
      onUndo={undo}
    />
  );
  const problemAt = (where: Problem['where']) =>
    problem?.where === where ? (
      <p className="warning problem" role="alert">
        {problem.message} {problem.nextStep}
      </p>
    ) : null;

  let lists = <p className="quiet">Reading the policies and which of them block the break-glass accounts…</p>;
  if (listed.kind === 'failed')
    lists = (
      <p className="warning">
        {listed.message} {listed.nextStep}
      </p>
    );
  else if (listed.kind === 'loaded') {
    const shown = (p: PolicySummary) => readBack.get(p.id) ?? p;
    // Where a policy is listed is decided by the first reading, so a row that changed stays where it was.
    const blocking = listed.value.policies.filter((p) => p.blocks.length > 0 || named.has(p.id));
    const rest = listed.value.policies.filter((p) => !blocking.includes(p));
    const words = query.trim().toLowerCase();
    const found = rest
      .map(shown)
      .filter((p) => (stateFilter === 'all' || p.state === stateFilter) && (!words || p.displayName.toLowerCase().includes(words)));
    lists = (
      <>
        <h3 id="blocking-heading">Policies that block the break-glass accounts</h3>
        {listed.value.triageProblem ? <p className="warning">{listed.value.triageProblem}</p> : null}
        {problemAt('policies')}
        {blocking.length > 0 ? (
          table('Policies that block the break-glass accounts', blocking.map(shown), true)
        ) : (
          <p>No enabled policy blocks the break-glass accounts as far as the tenant shows.</p>
        )}
        <h3 id="other-heading">All other policies ({rest.length})</h3>
        <div className="policy-filters">
          <p>
            <label htmlFor="policy-search">Find a policy by name</label>
            <input
              id="policy-search"
              // Not type="search": Chromium empties a search field on Escape, and Escape never throws away typed text.
              type="text"
              role="searchbox"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          </p>
          <p>
            <label htmlFor="policy-state-filter">State</label>
            <select id="policy-state-filter" value={stateFilter} onChange={(e) => setStateFilter(e.target.value)}>
              <option value="all">All states</option>
              {Object.entries(stateWords).map(([state, word]) => (
                <option key={state} value={state}>
                  {word}
                </option>
              ))}
            </select>
          </p>
        </div>
        <p className="quiet" aria-live="polite">
          Showing {found.length} of {rest.length}.
        </p>
        {found.length > 0 ? table('All other policies', found, false) : null}
      </>
    );
  }

  return (
    <section className="panel recovery" aria-labelledby="recovery-heading">
      <h2 id="recovery-heading">Recovery actions</h2>
      <p>Each change is shown exactly before anything is sent, and can be undone. Prefer report-only to deleting a policy.</p>
      <BlockedSignInPanel log={log} onLookAgain={lookAgain} />
      {lists}

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
        <button ref={roleButton} type="submit" className="secondary" disabled={busy}>
          Preview the assignment…
        </button>
      </form>
      {problemAt('role')}

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
                {a.status === 'done' && a.actionId && !undoneInRow.has(a.actionId) ? (
                  <button type="button" className="secondary small" onClick={() => undoAction(a.actionId!)} disabled={busy}>
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

      {pending ? (
        <ConfirmDialog
          title={pending.action.title}
          confirmLabel="Confirm: make this change"
          busy={busy}
          onConfirm={confirm}
          onCancel={cancel}
        >
          <p>This is exactly what will change in the tenant:</p>
          <ul>
            {pending.action.changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
          {pending.action.undoDescription ? <p className="quiet">Undo afterwards: {pending.action.undoDescription}</p> : null}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

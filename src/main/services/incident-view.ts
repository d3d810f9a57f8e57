/**
 * The open incident as the screens see it: the position folded from the journal, the notes, and
 * the recovery actions – those of this run (undoable, with their ids) joined with those the
 * journal remembers from before a restart.
 */
import type { JournalEntry, JournalSession } from '../../core/journal/model.ts';
import type { IncidentPosition, IncidentStep } from '../../core/runbooks/incident-flow.ts';
import type { ActiveIncidentView, RecoveryActionView } from '../../shared/model/incident.ts';
import type { RecoveryActionState } from './recovery-service.ts';

export type IncidentState = {
  readonly session: JournalSession;
  readonly position: IncidentPosition;
  /** The step to show now: after a restart, a new sign-in is needed before acting (tokens are never kept). */
  readonly step: IncidentStep;
  readonly resumeReason?: string;
  /** The session's entries the state was folded from: read once per call and passed down. */
  readonly entries: readonly JournalEntry[];
};

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

export function incidentView(
  state: IncidentState,
  entries: readonly JournalEntry[],
  actions: readonly RecoveryActionState[],
): ActiveIncidentView {
  const { session, position } = state;
  const details = position.details ?? {};
  const fromJournal = position.recoveryActions.map((record): RecoveryActionView => {
    const live = actions.find(
      (a) => a.plan.title === record.title && a.requestIds.length > 0 && a.requestIds.every((id) => record.requestIds.includes(id)),
    );
    return {
      ...(live && live.status === 'applied' ? { actionId: live.actionId, undoDescription: live.plan.undoDescription } : {}),
      kind: record.kind,
      title: record.title,
      changes: [...record.changes],
      status: record.status,
      requestIds: [...record.requestIds],
      ...(record.problem ? { problem: record.problem } : {}),
      ...(record.outcome ? { note: record.outcome } : {}),
    };
  });
  const previewed = actions
    .filter((a) => a.status === 'previewed')
    .map((a): RecoveryActionView => ({
      actionId: a.actionId,
      kind: a.plan.kind,
      title: a.plan.title,
      changes: [...a.plan.changes],
      status: 'previewed',
      requestIds: [],
      undoDescription: a.plan.undoDescription,
    }));
  const reference = text(details['reference']);
  const scenario = text(details['scenario']);
  const path = position.chosenPath;
  return {
    sessionId: session.id,
    kind: session.kind === 'incident' ? 'incident' : 'drill',
    title: session.title,
    step: state.step,
    ...(state.resumeReason ? { resumeReason: state.resumeReason } : {}),
    openedAt: position.openedAt,
    openedBy: position.openedBy,
    ...(position.witness ? { witness: position.witness } : {}),
    ...(scenario ? { scenario } : {}),
    ...(reference ? { reference } : {}),
    completed: position.completed.map((r) => ({ step: r.step, status: r.status, at: r.at, by: r.by, summary: r.summary })),
    ...(path ? { chosenPath: { path: path.path, ...(path.account ? { account: path.account } : {}), item: path.item } } : {}),
    ...(position.signedIn
      ? {
          signedIn: {
            who: position.signedIn.who,
            ...(position.signedIn.method ? { method: position.signedIn.method } : {}),
            directoryRoles: [...position.signedIn.directoryRoles],
            signedOut: Boolean(position.signedIn.signedOut),
          },
        }
      : {}),
    failedAttempts: position.failedAttempts.map((f) => ({
      at: f.at,
      title: f.title,
      ...(f.aadstsCode ? { aadstsCode: f.aadstsCode } : {}),
      ...(f.account ? { account: f.account } : {}),
      ...(f.method ? { method: f.method } : {}),
    })),
    recoveryActions: [...fromJournal, ...previewed],
    notes: entries.filter((e) => e.kind === 'note' && !e.stepId).map((e) => ({ at: e.at, by: e.actor, text: e.summary })),
    ...(position.closed
      ? {
          closed: {
            at: position.closed.at,
            ...(position.closed.classification ? { classification: position.closed.classification } : {}),
            ...(position.closed.summary ? { summary: position.closed.summary } : {}),
          },
        }
      : {}),
  };
}

/**
 * The incident runbook as a resumable state machine: where an incident stands is never kept
 * anywhere but the journal, and is rebuilt from one session's entries by a pure fold. Quitting
 * mid-incident and reopening folds the same entries again, so the custodian is back at the same
 * step (docs/domain.md, "The incident runbook"; docs/domain.md, "Journal rules"). This file is
 * the fold; the position it yields is typed in incident-position.ts, and the rules for moving
 * on from it (canMoveTo, nextStep, resumeStep) are in incident-moves.ts.
 *
 * The rules of the fold:
 * - Steps are done in order ('open-incident' by the session's opening, 'sign-in' by a successful
 *   sign-in result, 'close-incident' by the session's closing, the others by an acknowledgement).
 * - After a failed sign-in the custodian may go back to 'choose-path' (the other account, the app
 *   path): a `step-shown` for 'choose-path' while at 'sign-in' reopens it.
 * - A sign-out note (stepId 'sign-out') ends the sign-in; before the custodian has moved on to
 *   close, 'sign-in' is current again and access must be confirmed anew.
 * - 'recovery-actions' stays current until it is acknowledged (moving on to close).
 * - A closed session is at 'close-incident' with `closed` set, whatever came before: closing
 *   early is allowed (access came back by itself, a false alarm), so nothing is marked skipped.
 * - The journal is the record of what happened, so an entry is never refused: an entry for a
 *   later step without the earlier ones (a hand-edited journal, a sign-in made from the home
 *   screen into this session) marks the steps it jumped over as skipped, with the reason, and
 *   is reported in `irregularities`; so are unknown steps, malformed data and entries after the
 *   close. Entries of other sessions are ignored, so the whole journal may be passed in.
 */
import { IncidentClassification, type JournalEntry, type JournalSession, type JsonObject } from '../journal/model.ts';
import { isSignedIn, type FailedSignIn, type IncidentPosition, type StepRecord } from './incident-position.ts';
import { readRecoveryActions } from './incident-recovery-log.ts';
import {
  quotedStepTitle,
  incidentSteps,
  isAcknowledgedStep,
  isIncidentStep,
  readAcknowledgement,
  stepOrder,
  type IncidentStep,
  type JournalIrregularity,
} from './incident-steps.ts';

// Importers take the whole incident runbook from here: its steps, the position and the step rules.
export * from './incident-steps.ts';
export * from './incident-position.ts';
export * from './incident-moves.ts';
export type { RecoveryActionRecord, RecoveryActionStatus } from './incident-recovery-log.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Fold = Mutable<Omit<IncidentPosition, 'completed' | 'recoveryActions' | 'failedAttempts' | 'irregularities'>> & {
  readonly session: JournalSession;
  readonly records: Map<IncidentStep, StepRecord>;
  readonly failedAttempts: FailedSignIn[];
  readonly irregularities: JournalIrregularity[];
  lastAttempt?: { method?: string; account?: string };
};

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

export function incidentPosition(session: JournalSession, entries: readonly JournalEntry[]): IncidentPosition {
  const own = entries.filter((entry) => entry.sessionId === session.id).sort((a, b) => a.seq - b.seq);
  const fold: Fold = {
    session,
    sessionId: session.id,
    current: 'notify-security-operations',
    records: new Map(),
    failedAttempts: [],
    irregularities: [],
    openedAt: session.openedAt,
    openedBy: session.openedBy,
    ...(session.witness ? { witness: session.witness } : {}),
  };
  // The session exists, so the incident is open even when its opening entry was not passed in.
  fold.records.set('open-incident', {
    step: 'open-incident',
    status: 'done',
    at: session.openedAt,
    by: session.openedBy,
    seq: session.openedSeq,
    summary: `Opened "${session.title}".`,
  });
  if (session.kind !== 'incident' && session.kind !== 'drill') {
    fold.irregularities.push({
      seq: session.openedSeq,
      problem: `Session "${session.title}" is a ${session.kind}, not an incident or a drill: read as an incident all the same.`,
    });
  }

  for (const entry of own) {
    if (fold.closed) {
      irregular(fold, entry, 'comes after the incident was closed: ignored.');
      continue;
    }
    if (entry.seq < session.openedSeq) {
      irregular(fold, entry, 'comes before the incident was opened: ignored.');
      continue;
    }
    switch (entry.kind) {
      case 'session-opened':
        opened(fold, entry);
        break;
      case 'session-closed':
        closed(fold, entry);
        break;
      case 'step-shown':
        shown(fold, entry);
        break;
      case 'step-acknowledged':
        acknowledged(fold, entry);
        break;
      case 'sign-in-attempt':
        reach(fold, 'sign-in', entry, 'a sign-in attempt');
        fold.lastAttempt = attemptOf(entry);
        break;
      case 'sign-in-result':
        signInResult(fold, entry);
        break;
      case 'recovery-action':
        reach(fold, 'recovery-actions', entry, 'a recovery action');
        break;
      case 'note':
        if (entry.stepId === 'sign-out') signedOut(fold, entry);
        break;
      default:
        // Graph writes, check results, rotation steps and checklist items are not steps of the runbook.
        break;
    }
  }
  if (!fold.closed && session.closedAt) {
    closeAt(
      fold,
      {
        at: session.closedAt,
        by: session.closedBy ?? session.openedBy,
        ...(session.classification ? { classification: session.classification } : {}),
      },
      'Closed (the closing entry was not among the entries read).',
    );
  }

  const recovery = readRecoveryActions(own);
  const { records, session: _session, lastAttempt: _lastAttempt, ...position } = fold;
  return {
    ...position,
    completed: incidentSteps.flatMap((step) => records.get(step) ?? []),
    recoveryActions: recovery.actions,
    irregularities: [...fold.irregularities, ...recovery.irregularities].sort((a, b) => a.seq - b.seq),
  };
}

function irregular(fold: Fold, entry: JournalEntry, problem: string): void {
  fold.irregularities.push({
    seq: entry.seq,
    problem: `Entry ${entry.seq} (${entry.kind}${entry.stepId ? ` "${entry.stepId}"` : ''}) ${problem}`,
  });
}

function recordOf(entry: JournalEntry, step: IncidentStep, status: StepRecord['status'], summary = entry.summary): StepRecord {
  return { step, status, at: entry.at, by: entry.actor, ...(entry.witness ? { witness: entry.witness } : {}), seq: entry.seq, summary };
}

/**
 * Brings the incident at least to `step` because `entry` belongs there; steps it jumps over
 * that are not done are marked skipped, and the jump is reported.
 */
function reach(fold: Fold, step: IncidentStep, entry: JournalEntry, what: string): void {
  if (stepOrder(step) <= stepOrder(fold.current)) return;
  const jumped = incidentSteps.slice(stepOrder(fold.current), stepOrder(step)).filter((s) => fold.records.get(s)?.status !== 'done');
  for (const s of jumped)
    fold.records.set(s, recordOf(entry, s, 'skipped', `No entry for this step before ${what} (entry ${entry.seq}); treated as skipped.`));
  if (jumped.length > 0)
    irregular(
      fold,
      entry,
      `is ${what} before ${jumped.map(quotedStepTitle).join(', ')}: ${jumped.length === 1 ? 'that step is' : 'those steps are'} treated as skipped.`,
    );
  fold.current = step;
}

/** Marks `step` done and moves on past it (never backwards, for a step acknowledged late). */
function complete(fold: Fold, step: IncidentStep, entry: JournalEntry, data?: JsonObject): void {
  fold.records.set(step, { ...recordOf(entry, step, 'done'), ...(data ? { data } : {}) });
  const following = incidentSteps[stepOrder(step) + 1];
  if (following && stepOrder(following) > stepOrder(fold.current)) fold.current = following;
}

function opened(fold: Fold, entry: JournalEntry): void {
  if (entry.seq !== fold.session.openedSeq)
    return irregular(fold, entry, `opens the incident again (it was opened by entry ${fold.session.openedSeq}): ignored.`);
  const details = entry.data.details;
  if (details && typeof details === 'object' && !Array.isArray(details)) fold.details = details;
  fold.records.set('open-incident', recordOf(entry, 'open-incident', 'done'));
}

function closed(fold: Fold, entry: JournalEntry): void {
  const classification = IncidentClassification.safeParse(entry.data.classification);
  const details = entry.data.details;
  const summary = details && typeof details === 'object' && !Array.isArray(details) ? text(details.summary) : undefined;
  // Only incidents are classified (sessions.ts refuses a classification for a drill).
  if (!classification.success && fold.session.kind === 'incident')
    irregular(fold, entry, 'closes the incident without a classification (drill, real emergency or misuse).');
  closeAt(
    fold,
    {
      at: entry.at,
      by: entry.actor,
      ...(classification.success ? { classification: classification.data } : {}),
      ...(summary ? { summary } : {}),
    },
    entry.summary,
    entry,
  );
}

function closeAt(fold: Fold, closing: NonNullable<IncidentPosition['closed']>, summary: string, entry?: JournalEntry): void {
  fold.closed = closing;
  fold.current = 'close-incident';
  fold.records.set(
    'close-incident',
    entry ? recordOf(entry, 'close-incident', 'done') : { step: 'close-incident', status: 'done', at: closing.at, by: closing.by, summary },
  );
}

function shown(fold: Fold, entry: JournalEntry): void {
  const step = entry.stepId;
  if (!isIncidentStep(step)) return irregular(fold, entry, 'shows a step the incident runbook does not have: ignored.');
  if (step === 'choose-path' && fold.current === 'sign-in') {
    // Going back after a failed sign-in: the previous choice stays in `chosenPath` for the screen.
    fold.current = 'choose-path';
    fold.records.delete('choose-path');
    return;
  }
  // Looking back at an earlier step changes nothing; the close screen may be opened at any time.
  if (stepOrder(step) > stepOrder(fold.current) && step !== 'close-incident') {
    irregular(
      fold,
      entry,
      `shows ${quotedStepTitle(step)} while the incident is at ${quotedStepTitle(fold.current)}: ignored, steps are done in order.`,
    );
  }
}

function acknowledged(fold: Fold, entry: JournalEntry): void {
  const step = entry.stepId;
  if (!isIncidentStep(step)) return irregular(fold, entry, 'acknowledges a step the incident runbook does not have: ignored.');
  if (!isAcknowledgedStep(step))
    return irregular(fold, entry, `acknowledges ${quotedStepTitle(step)}, which is not finished by an acknowledgement: ignored.`);
  const read = readAcknowledgement(step, entry.data);
  if (!read.ok) irregular(fold, entry, `has data the app does not write (${read.problem}); the step counts as done all the same.`);

  if (step === 'choose-path') {
    if (stepOrder(fold.current) > stepOrder('sign-in')) {
      return irregular(
        fold,
        entry,
        `chooses a path while the incident is at ${quotedStepTitle(fold.current)}${isSignedIn(fold) ? ` and ${fold.signedIn?.who} is signed in` : ''}: ignored.`,
      );
    }
    if (read.ok && read.acknowledgement.step === 'choose-path')
      fold.chosenPath = { ...read.acknowledgement.data, at: entry.at, seq: entry.seq };
    reach(fold, 'choose-path', entry, 'choosing the path');
    complete(fold, 'choose-path', entry, entry.data);
    return;
  }
  const before = fold.records.get(step);
  if (before?.status === 'done')
    return irregular(fold, entry, `acknowledges ${quotedStepTitle(step)} again: the first acknowledgement (entry ${before.seq}) stands.`);
  if (before?.status === 'skipped')
    irregular(fold, entry, `acknowledges ${quotedStepTitle(step)} after later steps: recorded as done, late.`);
  else reach(fold, step, entry, `acknowledging ${quotedStepTitle(step)}`);
  complete(fold, step, entry, entry.data);
}

/** How a sign-in attempt went in: the method, and the account (or the app id on the certificate path). */
function attemptOf(entry: JournalEntry): { method?: string; account?: string } {
  const method = text(entry.data.method);
  const account = text(entry.data.account) ?? text(entry.data.appId);
  return { ...(method ? { method } : {}), ...(account ? { account } : {}) };
}

function signInResult(fold: Fold, entry: JournalEntry): void {
  reach(fold, 'sign-in', entry, 'a sign-in result');
  const { data } = entry;
  const attempt = fold.lastAttempt ?? {};
  fold.lastAttempt = undefined;
  if (data.outcome === 'signed-in') {
    const roles = Array.isArray(data.directoryRoles) ? data.directoryRoles.filter((role): role is string => typeof role === 'string') : [];
    const method = text(data.method) ?? attempt.method;
    fold.signedIn = {
      at: entry.at,
      seq: entry.seq,
      who: text(data.who) ?? attempt.account ?? 'an unnamed identity',
      ...(method ? { method } : {}),
      directoryRoles: roles,
    };
    if (fold.current === 'sign-in') complete(fold, 'sign-in', entry);
    return;
  }
  if (data.outcome === 'failed' || data.outcome === 'refused') {
    const aadstsCode =
      typeof data.aadstsCode === 'number'
        ? data.aadstsCode
        : typeof data.aadstsCode === 'string' && /^\d+$/.test(data.aadstsCode)
          ? Number(data.aadstsCode)
          : undefined;
    const traceId = text(data.traceId);
    fold.failedAttempts.push({
      at: entry.at,
      seq: entry.seq,
      outcome: data.outcome,
      ...(aadstsCode !== undefined ? { aadstsCode } : {}),
      title: text(data.title) ?? entry.summary.replace(/^Sign-in not attempted: /, ''),
      ...(traceId ? { traceId } : {}),
      ...attempt,
    });
    return;
  }
  irregular(fold, entry, 'has no outcome the app writes ("signed-in", "failed" or "refused"): ignored.');
}

function signedOut(fold: Fold, entry: JournalEntry): void {
  if (!fold.signedIn || fold.signedIn.signedOut)
    return irregular(fold, entry, 'signs out, but no sign-in is journaled before it: nothing to end.');
  fold.signedIn = { ...fold.signedIn, signedOut: { at: entry.at, by: entry.actor, seq: entry.seq } };
  // Signing out before closing is good practice and changes nothing; before that, sign in again.
  if (fold.current === 'confirm-access' || fold.current === 'recovery-actions') {
    fold.current = 'sign-in';
    fold.records.delete('sign-in');
    fold.records.delete('confirm-access');
  }
}

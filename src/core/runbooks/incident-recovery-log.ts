/**
 * The recovery actions of one incident, read back from what RecoveryService journals (kind
 * 'recovery-action', stepId `recovery.<kind>`): "About to: <title>." before the change is sent,
 * then "Done: <title>." with Graph's request id (followed by what a read of the tenant showed, when
 * Graph did not answer) or "Failed: <title>. <why>". An undo is journaled
 * the same way with "Undo: " in front of its description.
 *
 * The service runs one change at a time, so an outcome belongs to the latest unanswered
 * "About to" of the same kind.
 */
import { z } from 'zod';

import type { JournalEntry } from '../journal/model.ts';
import type { JournalIrregularity } from './incident-steps.ts';

/**
 * 'about-to': journaled, but no outcome followed – the app stopped while Graph was being asked,
 * so whether the change happened must be looked up in the admin center (or the audit log, with
 * the time of the entry).
 */
export type RecoveryActionStatus = 'about-to' | 'done' | 'failed' | 'undone';

export type RecoveryActionRecord = {
  /** The plan kind: 'policy-report-only', 'policy-add-exclusion', 'assign-role'. */
  readonly kind: string;
  readonly title: string;
  readonly target?: { readonly kind: string; readonly id: string; readonly name: string };
  readonly changes: readonly string[];
  readonly status: RecoveryActionStatus;
  readonly startedAt: string;
  readonly startedBy: string;
  readonly startedSeq: number;
  readonly finishedAt?: string;
  /** Why the change (or its undo) failed, as journaled. */
  readonly problem?: string;
  /** What a done entry adds after its title: what reading the tenant showed when Graph did not answer. */
  readonly outcome?: string;
  /** Graph `request-id`s of the change and of its undo, to match Microsoft's audit log. */
  readonly requestIds: readonly string[];
  /** An undo that was started but did not finish ('about-to') or failed; a finished undo makes the status 'undone'. */
  readonly undo?: {
    readonly status: 'about-to' | 'failed';
    readonly title: string;
    readonly at: string;
    readonly by: string;
    readonly problem?: string;
  };
};

const AboutToData = z.object({
  target: z.object({ kind: z.string(), id: z.string(), name: z.string() }).optional(),
  changes: z.array(z.string()).optional(),
});

const phases = [
  ['About to: ', 'about-to'],
  ['Done: ', 'done'],
  ['Failed: ', 'failed'],
] as const;

type Working = { -readonly [K in keyof RecoveryActionRecord]: RecoveryActionRecord[K] };

/** Folds the 'recovery-action' entries of one session, in seq order. */
export function readRecoveryActions(entries: readonly JournalEntry[]): {
  actions: RecoveryActionRecord[];
  irregularities: JournalIrregularity[];
} {
  const actions: Working[] = [];
  const irregularities: JournalIrregularity[] = [];
  const irregular = (entry: JournalEntry, problem: string) =>
    irregularities.push({ seq: entry.seq, problem: `Entry ${entry.seq} ("${entry.summary}") ${problem}` });

  for (const entry of entries) {
    if (entry.kind !== 'recovery-action') continue;
    const kind = entry.stepId?.startsWith('recovery.') ? entry.stepId.slice('recovery.'.length) : undefined;
    const phase = phases.find(([prefix]) => entry.summary.startsWith(prefix));
    if (!kind || !phase) {
      irregular(
        entry,
        'is not a recovery action the way the app journals them (stepId "recovery.<kind>", summary "About to:", "Done:" or "Failed:"): not listed.',
      );
      continue;
    }
    const said = entry.summary.slice(phase[0].length);
    const isUndo = said.startsWith('Undo: ');
    const requestIds = entry.graphRequestIds ?? [];

    if (phase[1] === 'about-to') {
      const data = AboutToData.safeParse(entry.data);
      const target = data.success ? data.data.target : undefined;
      if (isUndo) {
        const undone = actions.findLast(
          (a) => a.kind === kind && a.status === 'done' && (!target || !a.target || a.target.id === target.id),
        );
        if (!undone) irregular(entry, 'undoes an action that is not journaled as done: not listed.');
        else undone.undo = { status: 'about-to', title: withoutFullStop(said.slice('Undo: '.length)), at: entry.at, by: entry.actor };
        continue;
      }
      actions.push({
        kind,
        title: withoutFullStop(said),
        ...(target ? { target } : {}),
        changes: data.success ? (data.data.changes ?? []) : [],
        status: 'about-to',
        startedAt: entry.at,
        startedBy: entry.actor,
        startedSeq: entry.seq,
        requestIds: [],
      });
      continue;
    }

    const failed = phase[1] === 'failed';
    if (isUndo) {
      const undoing = actions.findLast((a) => a.kind === kind && a.undo?.status === 'about-to');
      if (!undoing) {
        irregular(entry, 'is the outcome of an undo that has no "About to: Undo" entry before it: not listed.');
        continue;
      }
      undoing.requestIds = [...undoing.requestIds, ...requestIds];
      if (failed && undoing.undo) {
        undoing.undo = {
          ...undoing.undo,
          status: 'failed',
          at: entry.at,
          by: entry.actor,
          problem: problemOf(said, `Undo: ${undoing.undo.title}`),
        };
      } else {
        undoing.status = 'undone';
        undoing.finishedAt = entry.at;
        const outcome = outcomeOf(said, `Undo: ${undoing.undo?.title ?? ''}`);
        if (outcome) undoing.outcome = outcome;
        delete undoing.undo;
      }
      continue;
    }
    const pending = actions.findLast((a) => a.kind === kind && a.status === 'about-to');
    if (!pending) {
      // The change may well have happened in the tenant, so it is listed all the same.
      irregular(entry, 'has no "About to" entry before it: listed from this entry alone.');
      actions.push({
        kind,
        title: withoutFullStop(said),
        changes: [],
        status: failed ? 'failed' : 'done',
        startedAt: entry.at,
        startedBy: entry.actor,
        startedSeq: entry.seq,
        finishedAt: entry.at,
        requestIds: [...requestIds],
      });
      continue;
    }
    pending.status = failed ? 'failed' : 'done';
    pending.finishedAt = entry.at;
    pending.requestIds = [...pending.requestIds, ...requestIds];
    if (failed) pending.problem = problemOf(said, pending.title);
    else if (outcomeOf(said, pending.title)) pending.outcome = outcomeOf(said, pending.title)!;
  }
  return { actions, irregularities };
}

/** "Failed: <title>. <why>" → "<why>" (the whole text when the title does not match). */
function problemOf(said: string, title: string): string {
  const prefix = `${title}.`;
  const rest = said.startsWith(prefix) ? said.slice(prefix.length).trim() : said;
  return rest || 'No reason was journaled.';
}

/** "Done: <title>. <what the read showed>" → the part after the title, if any. */
function outcomeOf(said: string, title: string): string | undefined {
  const prefix = `${title}.`;
  const rest = said.startsWith(prefix) ? said.slice(prefix.length).trim() : '';
  return rest || undefined;
}

function withoutFullStop(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

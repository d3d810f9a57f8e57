/**
 * One readiness run: the snapshot collected, the catalogue run on it, and – when a journal is
 * given – the run recorded in it as a `check` session: opened before anything is read, one
 * `check-result` entry per result, closed with the verdict, its chain head printed on the report.
 * A journal that stops taking writes midway (a full or read-only disk) does not lose the report:
 * the run returns it with `journalGap`, saying how much is missing (docs/domain.md, "Journal rules").
 */
import { runChecks } from '../../../core/checks/index.ts';
import { overallStatus, subjectLabel, summarize, type CheckResult } from '../../../core/checks/model.ts';
import type { JournalSession } from '../../../core/journal/model.ts';
import type { ReadinessReport } from '../../../core/checks/report-formats.ts';
import type { ReviewHistory } from '../../../core/checks/snapshot.ts';
import type { Inventory } from '../../../shared/inventory.ts';
import { SessionWriter } from '../../journal/session-writer.ts';
import type { JournalStore } from '../../journal/store.ts';
import { JournalWriteError, type JournalStorageProblem } from '../../journal/write-failure.ts';
import type { TenantSession } from '../../entra/tenant-session.ts';
import { closeAbandonedCheckSessions, thisProcess } from './abandoned-checks.ts';
import { collectSnapshot, type CollectProgress } from './collect-snapshot.ts';

/** The journal stopped taking writes during the run: what is missing from it. */
export type JournalGap = {
  readonly file: string;
  readonly problem: JournalStorageProblem;
  readonly message: string;
  /** How many of the run's results are in the journal (the first ones, in report order). */
  readonly journaledResults: number;
  readonly results: number;
  /** Whether the session could still be closed (with a note of what is missing). */
  readonly sessionClosed: boolean;
};

export type ReadinessRun = ReadinessReport & {
  readonly roundTrips: number;
  readonly requests: number;
  readonly journalSessionId?: string;
  readonly journalGap?: JournalGap;
};

/** When the journal last recorded a drill or a review (BG-REV-01), or why it cannot say. */
export function reviewHistory(store: JournalStore | undefined, file: string | undefined): ReviewHistory {
  if (!store)
    return {
      ok: false,
      noJournal: true,
      reason: 'No journal was given, so earlier drills and reviews cannot be looked up (use --journal FILE).',
    };
  const done = store
    .sessions()
    .filter((s) => s.kind === 'drill' || s.kind === 'review')
    .map((s) => s.closedAt ?? s.openedAt)
    .sort();
  return { ok: true, value: { journal: file ?? 'journal', ...(done.length > 0 ? { lastReviewOrDrillAt: done.at(-1)! } : {}) } };
}

export async function runReadiness(options: {
  readonly inventory: Inventory;
  readonly session: Pick<TenantSession, 'graph' | 'arm' | 'facts'>;
  readonly journal?: { readonly store: JournalStore; readonly file: string };
  readonly actor: string;
  /** The tenant as the screens name it ("Contoso (simulated)"); the session's title uses it, the tenant id is in its details. */
  readonly tenantLabel?: string;
  readonly onProgress?: (progress: CollectProgress) => void;
  readonly now?: () => Date;
  readonly certificateWarningDays?: number;
}): Promise<ReadinessRun> {
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const store = options.journal?.store;
  const reviews = reviewHistory(store, options.journal?.file);
  // Closed first, so the journal the checks read and the one this run writes to are in order.
  if (store) closeAbandonedCheckSessions(store, options.actor);
  const record = store?.openSession({
    kind: 'check',
    title: options.tenantLabel ? `Readiness check of ${options.tenantLabel}` : `Readiness check of tenant ${options.inventory.tenantId}`,
    actor: options.actor,
    details: {
      tenantId: options.inventory.tenantId,
      signedInAs: options.session.facts.who,
      method: options.session.facts.method,
      process: { ...thisProcess() },
    },
  });
  try {
    const { snapshot, roundTrips, requests } = await collectSnapshot({
      inventory: options.inventory,
      session: options.session,
      reviews,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      now,
    });
    const results = runChecks({ snapshot, now: now(), certificateWarningDays: options.certificateWarningDays ?? 30 });
    const journalGap = store && record ? journalResults(store, record, results, options.actor, roundTrips) : undefined;
    return {
      tenantId: options.inventory.tenantId,
      startedAt,
      finishedAt: now().toISOString(),
      results,
      roundTrips,
      requests,
      // A head printed on a report vouches for the report's results; after a gap it would not.
      ...(store && !journalGap ? { journalHead: store.head().hash } : {}),
      ...(record ? { journalSessionId: record.id } : {}),
      ...(journalGap ? { journalGap } : {}),
    };
  } catch (error) {
    if (store && record) {
      try {
        SessionWriter.forSession(store, record).append({
          kind: 'note',
          stepId: 'check-failed',
          summary: `The readiness check could not finish: ${error instanceof Error ? error.message : String(error)}`,
          data: {},
        });
        store.closeSession(record.id, { actor: options.actor });
      } catch (journalError) {
        // The run's own failure is what to report; the session is closed by the next run.
        if (!(journalError instanceof JournalWriteError)) throw journalError;
      }
    }
    throw error;
  }
}

/** One entry per result, then the closing verdict; a storage failure ends the writing, not the run. */
function journalResults(
  store: JournalStore,
  record: JournalSession,
  results: readonly CheckResult[],
  actor: string,
  roundTrips: number,
): JournalGap | undefined {
  const writer = SessionWriter.forSession(store, record);
  const verdict = { verdict: overallStatus(results), ...summarize(results), roundTrips };
  let journaled = 0;
  try {
    for (const result of results) {
      writer.append({
        kind: 'check-result',
        stepId: result.id,
        summary: `${result.id} ${result.status.toUpperCase()} – ${subjectLabel(result.subject)}: ${result.title}`,
        data: {
          id: result.id,
          status: result.status,
          subject: result.subject,
          evidence: result.evidence,
          remediation: result.remediation,
        },
      });
      journaled += 1;
    }
    store.closeSession(record.id, { actor, details: verdict });
    return undefined;
  } catch (error) {
    if (!(error instanceof JournalWriteError)) throw error;
    // One try to close it with what is missing; a disk still full refuses this too, and then the
    // next run closes the session (abandoned-checks.ts).
    let sessionClosed = false;
    try {
      const incomplete = { journaledResults: journaled, results: results.length, problem: error.problem.code };
      store.closeSession(record.id, { actor, details: { ...verdict, incomplete } });
      sessionClosed = true;
    } catch (closeError) {
      if (!(closeError instanceof JournalWriteError)) throw closeError;
    }
    return {
      file: error.file,
      problem: error.problem,
      message: error.message,
      journaledResults: journaled,
      results: results.length,
      sessionClosed,
    };
  }
}

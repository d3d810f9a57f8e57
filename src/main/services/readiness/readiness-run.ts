/**
 * One readiness run: the snapshot collected, the catalogue run on it, and – when a journal is
 * given – the run recorded in it as a `check` session: opened before anything is read, one
 * `check-result` entry per result, closed with the verdict, its chain head printed on the report.
 */
import { runChecks } from '../../../core/checks/index.ts';
import { overallStatus, subjectLabel, summarize } from '../../../core/checks/model.ts';
import type { ReadinessReport } from '../../../core/checks/report-formats.ts';
import type { ReviewHistory } from '../../../core/checks/snapshot.ts';
import type { Inventory } from '../../../shared/inventory.ts';
import { SessionWriter } from '../../journal/session-writer.ts';
import type { JournalStore } from '../../journal/store.ts';
import type { TenantSession } from '../../entra/tenant-session.ts';
import { collectSnapshot, type CollectProgress } from './collect-snapshot.ts';

export type ReadinessRun = ReadinessReport & { readonly roundTrips: number; readonly requests: number; readonly journalSessionId?: string };

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
  readonly onProgress?: (progress: CollectProgress) => void;
  readonly now?: () => Date;
  readonly certificateWarningDays?: number;
}): Promise<ReadinessRun> {
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const store = options.journal?.store;
  const reviews = reviewHistory(store, options.journal?.file);
  const record = store?.openSession({
    kind: 'check',
    title: `Readiness check of tenant ${options.inventory.tenantId}`,
    actor: options.actor,
    details: { signedInAs: options.session.facts.who, method: options.session.facts.method },
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
    if (store && record) {
      const writer = SessionWriter.forSession(store, record);
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
      }
      const summary = summarize(results);
      store.closeSession(record.id, { actor: options.actor, details: { verdict: overallStatus(results), ...summary, roundTrips } });
    }
    return {
      tenantId: options.inventory.tenantId,
      startedAt,
      finishedAt: now().toISOString(),
      results,
      roundTrips,
      requests,
      ...(store ? { journalHead: store.head().hash } : {}),
      ...(record ? { journalSessionId: record.id } : {}),
    };
  } catch (error) {
    if (store && record) {
      SessionWriter.forSession(store, record).append({
        kind: 'note',
        stepId: 'check-failed',
        summary: `The readiness check could not finish: ${error instanceof Error ? error.message : String(error)}`,
        data: {},
      });
      store.closeSession(record.id, { actor: options.actor });
    }
    throw error;
  }
}

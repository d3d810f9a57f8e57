/**
 * Check readiness as the app offers it: signed in as the read-only reader app (the simulated
 * safe's certificate in a drill, the inventory's certificate file otherwise – never a
 * break-glass credential), one run at a time with its progress polled by the renderer, every run
 * recorded in the journal, earlier runs listed and exported from there.
 */
import { randomUUID } from 'node:crypto';

import { breakGlassAlertQueries } from '../../../core/kql/alert-queries.ts';
import { maesterEmergencyAccessConfig, sentinelWatchlistCsv } from '../../../core/checks/tool-exports.ts';
import { CheckResult, type CheckResult as CheckResultType } from '../../../shared/model/checks.ts';
import { overallStatus, summarize } from '../../../core/checks/model.ts';
import { formatReport } from '../../../core/checks/report-formats.ts';
import { ActionableError } from '../../../shared/actionable-error.ts';
import type { ReadinessHistoryItem, ReadinessOptions, ReadinessProgress, ReadinessRunView } from '../../../shared/model/readiness.ts';
import { loadCertificateCredential, type CertificateCredential } from '../../credentials/certificate-credential.ts';
import { SignInError, signInWithCertificate } from '../../entra/sign-in.ts';
import type { JournalService } from '../journal-service.ts';
import { runReadiness, type JournalGap } from './readiness-run.ts';
import type { TenantConnection } from '../tenant-connection.ts';

type Run = { progress: ReadinessProgress };

const stamp = (date: Date) =>
  date
    .toISOString()
    .replace(/[:.]/g, '-')
    .replace(/-\d{3}Z$/, 'Z');

/** A run whose journal stopped taking writes, in the screen's words (docs/domain.md, "Journal rules"). */
function journalGapView(gap: JournalGap): { message: string; nextStep: string } {
  const session = gap.sessionClosed
    ? 'Its check session was closed with a note of what is missing.'
    : 'Its check session is left open; the next readiness check closes it with a note, once the journal can be written.';
  return {
    message:
      `The journal ${gap.file} could not be written during the run: ${gap.problem.why} (${gap.problem.code}). ` +
      `${gap.journaledResults} of ${gap.results} results are in it; this screen has them all. ${session}`,
    nextStep:
      'Keep this screen open and write the verdict and the failures on the paper record; free space on the disk that holds the journal (or make it writable), then run the checks again.',
  };
}

export class ReadinessService {
  readonly #tenant: TenantConnection;
  readonly #journal: JournalService;
  readonly #version: string;
  readonly #runs = new Map<string, Run>();
  #running = false;

  constructor(options: { tenant: TenantConnection; journal: JournalService; version: string }) {
    this.#tenant = options.tenant;
    this.#journal = options.journal;
    this.#version = options.version;
  }

  options(): ReadinessOptions {
    const base = { tenantLabel: this.#tenant.label, history: this.#history() };
    let inventory;
    try {
      inventory = this.#tenant.inventory();
    } catch (error) {
      if (!(error instanceof ActionableError)) throw error;
      return { ...base, problem: { message: error.message, nextStep: error.nextStep } };
    }
    // No accounts: no query that would look like coverage (BG-INV-01 reports the gap).
    const alertQueries =
      inventory.accounts.length > 0
        ? breakGlassAlertQueries({ accounts: inventory.accounts, ...(inventory.app ? { app: inventory.app } : {}) })
        : undefined;
    const reader = inventory.reader;
    if (!reader) {
      return {
        ...base,
        ...(alertQueries ? { alertQueries } : {}),
        problem: {
          message:
            'The inventory names no read-only "reader" app, and a readiness check never signs in with a break-glass credential (that sign-in is what the alert fires on).',
          nextStep: 'Register a reader app with a certificate and read permissions, and add "reader" to the inventory file.',
        },
      };
    }
    const simulated = this.#tenant.simulatedSafeCertificate(reader.appId) !== undefined;
    const certificatePath = this.#tenant.readerCertificatePath();
    return {
      ...base,
      ...(alertQueries ? { alertQueries } : {}),
      reader: { appId: reader.appId, source: simulated ? 'simulated-safe' : 'file', ...(certificatePath ? { certificatePath } : {}) },
    };
  }

  start(input: { actor: string; passphrase?: string }): { runId: string } {
    if (this.#running)
      throw new ActionableError('A readiness check is already running.', 'Wait for it to finish; its progress is on screen.');
    const run: Run = { progress: { state: 'running', step: 'Signing in as the reader app', done: 0, total: 4 } };
    const runId = randomUUID();
    this.#runs.set(runId, run);
    this.#running = true;
    void this.#run(run, input).finally(() => {
      this.#running = false;
    });
    return { runId };
  }

  progress(runId: string): ReadinessProgress {
    const run = this.#runs.get(runId);
    if (!run)
      throw new ActionableError(
        'That readiness run is not known (the app may have restarted).',
        'Run the check again; earlier runs are listed from the journal.',
      );
    return run.progress;
  }

  /** A run from the journal, as the screen shows it. */
  runFromJournal(sessionId: string): ReadinessRunView {
    const detail = this.#journal.sessionDetail(sessionId);
    if (detail.session.kind !== 'check')
      throw new ActionableError('That journal session is not a readiness check.', 'Choose a run from the list of earlier checks.');
    const results: CheckResultType[] = detail.entries
      .filter((e) => e.kind === 'check-result')
      .flatMap((e) => {
        const parsed = CheckResult.safeParse({
          id: e.data['id'],
          status: e.data['status'],
          subject: e.data['subject'],
          title: e.summary.replace(/^\S+ \S+ – [^:]*: /, ''),
          evidence: e.data['evidence'] ?? [],
          remediation: e.data['remediation'] ?? '',
        });
        return parsed.success ? [parsed.data] : [];
      });
    return this.#view(results, {
      sessionId,
      tenantId: this.#tenant.inventory().tenantId,
      startedAt: detail.session.openedAt,
      finishedAt: detail.session.closedAt ?? detail.session.openedAt,
    });
  }

  /** A run's report written beside the journal (Markdown or JSON, the CLI's shapes). */
  exportRun(sessionId: string, format: 'md' | 'json'): { file: string } {
    const run = this.runFromJournal(sessionId);
    const report = {
      tenantId: run.tenantId,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      results: run.results,
      ...(run.journalHead ? { journalHead: run.journalHead } : {}),
    };
    return {
      file: this.#journal.writeBeside(
        `readiness-${stamp(new Date(run.finishedAt))}.${format}`,
        formatReport(report, format, this.#version),
      ),
    };
  }

  /** Maester's EmergencyAccessAccounts config, or a Sentinel watchlist of the accounts, beside the journal. */
  exportForTools(kind: 'maester' | 'sentinel-watchlist'): { file: string } {
    const inventory = this.#tenant.inventory();
    const now = stamp(new Date());
    if (kind === 'maester')
      return { file: this.#journal.writeBeside(`maester-config-${now}.json`, maesterEmergencyAccessConfig(inventory)) };
    return { file: this.#journal.writeBeside(`sentinel-watchlist-breakglass-${now}.csv`, sentinelWatchlistCsv(inventory)) };
  }

  async #run(run: Run, input: { actor: string; passphrase?: string }): Promise<void> {
    try {
      const inventory = this.#tenant.inventory();
      const reader = inventory.reader;
      if (!reader) throw new ActionableError('The inventory names no reader app.', 'Add "reader" to the inventory file.');
      const certificate = this.#readerCertificate(reader.appId, input.passphrase);
      const endpoints = await this.#tenant.endpoints();
      const session = await signInWithCertificate({ endpoints, appId: reader.appId, appName: 'reader app', certificate });
      try {
        const report = await runReadiness({
          inventory,
          session,
          actor: input.actor,
          tenantLabel: this.#tenant.label,
          journal: { store: this.#journal.store, file: this.#journal.location().file },
          onProgress: (p) => (run.progress = { state: 'running', step: p.step, done: p.done + 1, total: p.total + 1 }),
        });
        run.progress = {
          state: 'done',
          run: this.#view(report.results, {
            tenantId: report.tenantId,
            startedAt: report.startedAt,
            finishedAt: report.finishedAt,
            ...(report.journalSessionId ? { sessionId: report.journalSessionId } : {}),
            ...(report.journalHead ? { journalHead: report.journalHead } : {}),
            ...(report.journalGap ? { journalGap: journalGapView(report.journalGap) } : {}),
          }),
        };
      } finally {
        session.signOut();
      }
    } catch (error) {
      if (error instanceof SignInError) {
        run.progress = {
          state: 'failed',
          message: `The reader app could not sign in, so nothing was checked. ${error.message}`,
          nextStep: error.nextStep,
        };
      } else {
        run.progress = {
          state: 'failed',
          message:
            error instanceof ActionableError
              ? error.message
              : `The readiness check stopped: ${error instanceof Error ? error.message : String(error)}`,
          nextStep:
            error instanceof ActionableError
              ? error.nextStep
              : 'Try again; if it fails again, check the tenant by hand with the printed checklist.',
        };
      }
    }
  }

  #readerCertificate(appId: string, passphrase: string | undefined): CertificateCredential {
    const simulated = this.#tenant.simulatedSafeCertificate(appId);
    if (simulated) return simulated;
    const path = this.#tenant.readerCertificatePath();
    if (!path)
      throw new ActionableError(
        'The inventory gives no "certificatePath" for the reader app.',
        'Add the path of the reader app’s PFX or PEM file to "reader" in the inventory file.',
      );
    return loadCertificateCredential({ path, ...(passphrase ? { passphrase } : {}) });
  }

  #view(results: readonly CheckResultType[], facts: Omit<ReadinessRunView, 'verdict' | 'summary' | 'results'>): ReadinessRunView {
    return { ...facts, verdict: overallStatus(results), summary: summarize(results), results: [...results] };
  }

  #history(): ReadinessHistoryItem[] {
    let store;
    try {
      store = this.#journal.store;
    } catch {
      return [];
    }
    return store
      .sessions()
      .filter((s) => s.kind === 'check' && s.closedAt)
      .reverse()
      .slice(0, 20)
      .map((s) => {
        const statuses = store
          .entries(s.id)
          .filter((e) => e.kind === 'check-result')
          .map((e) => ({ status: String(e.data['status']) }) as CheckResultType);
        return {
          sessionId: s.id,
          at: s.closedAt ?? s.openedAt,
          actor: s.openedBy,
          summary: summarize(statuses),
          ...(statuses.length > 0 ? { verdict: overallStatus(statuses) } : {}),
        };
      });
  }
}

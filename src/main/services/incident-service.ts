/**
 * The incident runbook's main-process side (docs/domain.md, "The incident runbook"): opening an
 * incident, journaling each step shown and acknowledged before the app moves on, the emergency
 * sign-in recorded in the incident's own journal session, notes, and the close-out with its
 * classification. The incident's position is always folded from the journal
 * (core/runbooks/incident-flow.ts), so quitting and reopening resumes at the same step.
 *
 * On a simulated tenant the incident is a drill session: it is closed without a classification
 * (the journal accepts one only for incidents). On a real tenant a live drill is an incident
 * classified "drill".
 */
import {
  canMoveTo,
  incidentClosed,
  incidentPosition,
  readAcknowledgement,
  resumeStep,
  stepAcknowledged,
  stepShown,
  type AcknowledgedStep,
  type IncidentClosure,
  type IncidentEntryDraft,
  type IncidentStep,
} from '../../core/runbooks/incident-flow.ts';
import type { JournalEntry, JournalSession, JsonObject } from '../../core/journal/model.ts';
import { ActionableError } from '../../shared/actionable-error.ts';
import type { IncidentView } from '../../shared/model/incident.ts';
import type { RunbookScenarioId } from '../../shared/model/runbook.ts';
import type { OpenIncidentStatus } from '../../shared/model/status.ts';
import type { SignInRequest } from '../../shared/model/sign-in.ts';
import { hasMethodBaseline, methodBaselineNote, type AccountBaseline } from '../../core/runbooks/method-baseline.ts';
import { loadRunbook, type LoadedRunbook } from '../config/runbook-file.ts';
import { registeredMethods } from '../entra/account-rotation.ts';
import { SessionWriter } from '../journal/session-writer.ts';
import type { TenantSession } from '../entra/tenant-session.ts';
import { incidentView, type IncidentState } from './incident-view.ts';
import type { RecoveryActionState } from './recovery-service.ts';
import type { JournalService } from './journal-service.ts';
import type { SignInService } from './sign-in-service.ts';
import type { TenantConnection } from './tenant-connection.ts';

export type IncidentScenario = RunbookScenarioId;

export type OpenIncident = {
  readonly custodian: string;
  readonly witness?: string;
  readonly scenario: IncidentScenario;
  readonly reference?: string;
  readonly description?: string;
};

export class IncidentService {
  readonly #journal: JournalService;
  readonly #signIn: SignInService;
  readonly #tenant: TenantConnection;
  readonly #recoveryActions: () => readonly RecoveryActionState[];
  readonly #runbookPath: string | undefined;

  constructor(options: {
    journal: JournalService;
    signIn: SignInService;
    tenant: TenantConnection;
    recoveryActions?: () => readonly RecoveryActionState[];
    runbookPath?: string;
  }) {
    this.#journal = options.journal;
    this.#signIn = options.signIn;
    this.#tenant = options.tenant;
    this.#recoveryActions = options.recoveryActions ?? (() => []);
    this.#runbookPath = options.runbookPath;
  }

  /** The runbook in use: the organisation's file beside the journal, or the built-in one (with why). */
  runbook(): LoadedRunbook {
    return loadRunbook(this.#runbookPath);
  }

  /**
   * Everything the incident screens show; right after a close, with the incident just closed.
   * `current` is the open incident as the call that just acted folded it, so the journal is not
   * read again for the answer; without it the open incident is read here.
   */
  view(options: { readonly current?: IncidentState; readonly justClosed?: IncidentState } = {}): IncidentView {
    const loaded = this.runbook();
    const viewOf = (state: IncidentState) => incidentView(state, state.entries, this.#recoveryActions());
    const active = options.current ?? this.current();
    const closed = !active ? options.justClosed : undefined;
    return {
      runbook: loaded.runbook,
      ...(loaded.problem ? { runbookProblem: loaded.problem } : {}),
      ...(active ? { active: viewOf(active) } : {}),
      ...(closed ? { justClosed: viewOf(closed) } : {}),
    };
  }

  /**
   * What every screen's banner shows of the open incident: its step and when it opened. A journal
   * that cannot be read has no open incident to show; the home screen says why the journal is unavailable.
   */
  openStatus(): OpenIncidentStatus | undefined {
    let state: IncidentState | undefined;
    try {
      state = this.current();
    } catch (error) {
      if (error instanceof ActionableError) return undefined;
      throw error;
    }
    if (!state) return undefined;
    return {
      kind: state.session.kind === 'incident' ? 'incident' : 'drill',
      title: state.session.title,
      step: state.step,
      openedAt: state.position.openedAt,
    };
  }

  /** The open incident (the latest one not closed), or undefined. */
  current(): IncidentState | undefined {
    const open = this.#openSession();
    return open ? this.#state(open.session, open.entries) : undefined;
  }

  open(input: OpenIncident): IncidentState {
    if (this.#openSession()) throw new ActionableError('An incident is already open.', 'Continue it, or close it first.');
    const witness = input.witness?.trim() ? { witness: input.witness.trim() } : {};
    const simulated = this.#tenant.simulated;
    const session = this.#journal.store.openSession({
      kind: simulated ? 'drill' : 'incident',
      title: `${simulated ? 'Drill' : 'Incident'}: ${input.scenario}${input.reference ? ` (${input.reference})` : ''} – ${this.#tenant.label}`,
      actor: input.custodian,
      ...witness,
      details: {
        runbook: 'incident',
        scenario: input.scenario,
        ...(input.reference ? { reference: input.reference } : {}),
        ...(input.description ? { description: input.description } : {}),
      },
    });
    return this.#state(session, this.#journal.store.entries(session.id));
  }

  /**
   * Journals that a step is on screen (once each time it becomes current). The actions below
   * are the custodian's who opened the incident unless `actor` names someone else.
   */
  show(step: IncidentStep, actor = ''): IncidentState {
    const state = this.#require();
    const verdict = canMoveTo(state.position, step);
    if (!verdict.allowed) throw new ActionableError(verdict.reason, 'Finish the step on screen first.');
    const last = state.entries.at(-1);
    return last?.kind === 'step-shown' && last.stepId === step ? state : this.#append(state, actor, stepShown(step));
  }

  acknowledge(step: AcknowledgedStep, data: unknown, actor = ''): IncidentState {
    const state = this.#require();
    const read = readAcknowledgement(step, data);
    if (!read.ok) throw new ActionableError(`This step is not complete: ${read.problem}`, 'Fill in what is missing, then confirm again.');
    const verdict = canMoveTo(state.position, step);
    if (!verdict.allowed) throw new ActionableError(verdict.reason, 'Finish the step on screen first.');
    return this.#append(state, actor, stepAcknowledged(read.acknowledgement.step, read.acknowledgement.data));
  }

  /**
   * The emergency sign-in, journaled in this incident's session. Its first success also records
   * the break-glass accounts' registered methods (ids, kinds and fingerprints, no values), before
   * the custodian can do anything with the session: phone and email methods carry no
   * `createdDateTime`, so only this record lets the rotation tell which were added during the
   * incident (core/runbooks/method-baseline.ts). It is the first moment the incident has a Graph
   * session – opening the incident happens before anyone is signed in.
   */
  signIn(request: SignInRequest): { attemptId: string } {
    const state = this.#require();
    const witness = request.witness ? { witness: request.witness } : state.session.witness ? { witness: state.session.witness } : {};
    return this.#signIn.start(request, {
      record: { sessionId: state.session.id, actor: request.custodian, ...witness },
      afterSignIn: (session, progress) => this.#recordMethods(state.session.id, session, request.custodian, progress),
    });
  }

  async #recordMethods(sessionId: string, session: TenantSession, actor: string, progress: (detail: string) => void): Promise<void> {
    try {
      if (hasMethodBaseline(this.#journal.store.entries(sessionId))) return;
      const accounts = this.#tenant.inventory().accounts;
      if (accounts.length === 0) return;
      progress('Recording the registered methods of the break-glass accounts…');
      const baselines: AccountBaseline[] = [];
      for (const account of accounts) {
        try {
          const methods = await registeredMethods(session.graph, account.id ?? account.userPrincipalName);
          baselines.push({
            userPrincipalName: account.userPrincipalName,
            ...(account.id ? { id: account.id } : {}),
            methods: methods.map((m) => ({ id: m.id, kind: m.kind, ...(m.fingerprint ? { fingerprint: m.fingerprint } : {}) })),
          });
        } catch (error) {
          baselines.push({
            userPrincipalName: account.userPrincipalName,
            ...(account.id ? { id: account.id } : {}),
            problem: error instanceof Error ? error.message : String(error),
          });
        }
      }
      const opened = this.#journal.store.session(sessionId);
      new SessionWriter(this.#journal.store, {
        sessionId,
        actor: opened?.openedBy ?? 'custodian',
        ...(opened?.witness ? { witness: opened.witness } : {}),
      }).append(methodBaselineNote(baselines), actor);
    } catch {
      // The record helps the rotation; its absence is said there (flags by date only), and must not stop the incident.
    }
  }

  note(text: string, actor = ''): IncidentState {
    const state = this.#require();
    if (!text.trim()) throw new ActionableError('The note is empty.', 'Write what happened, then save it.');
    return this.#append(state, actor, { kind: 'note', summary: text.trim(), data: {} });
  }

  /** Closes the incident; a drill session takes no classification, only the summary. */
  close(closure: IncidentClosure, actor = ''): IncidentState {
    const state = this.#require();
    actor ||= state.session.openedBy;
    const closing = incidentClosed(closure);
    this.#signIn.signOut(actor);
    const input = state.session.kind === 'incident' ? { actor, ...closing } : { actor, details: closing.details };
    const closed = this.#journal.store.closeSession(state.session.id, input);
    // The closing entry is written by the store, so the closed incident is read back once.
    return this.#state(closed, this.#journal.store.entries(closed.id));
  }

  /** Appends to the incident and folds the entries the call already holds with the new one. */
  #append(
    state: IncidentState,
    actor: string,
    draft: IncidentEntryDraft | { kind: 'note'; stepId?: undefined; summary: string; data: JsonObject },
  ): IncidentState {
    const entry = SessionWriter.forSession(this.#journal.store, state.session).append(
      { kind: draft.kind, ...(draft.stepId ? { stepId: draft.stepId } : {}), summary: draft.summary, data: draft.data },
      actor,
    );
    return this.#state(state.session, [...state.entries, entry]);
  }

  #require(): IncidentState {
    const state = this.current();
    if (!state) throw new ActionableError('No incident is open.', 'Open one from the home screen: Incident.');
    return state;
  }

  /** The latest open incident run by this runbook, with its entries (each candidate read once). */
  #openSession(): { session: JournalSession; entries: JournalEntry[] } | undefined {
    const sessions = this.#journal.store.sessions();
    for (const session of [...sessions].reverse()) {
      if ((session.kind !== 'incident' && session.kind !== 'drill') || session.closedAt) continue;
      const entries = this.#journal.store.entries(session.id);
      const opened = entries.find((e) => e.kind === 'session-opened');
      const details = (opened?.data['details'] ?? {}) as Record<string, unknown>;
      if (details['runbook'] === 'incident') return { session, entries };
    }
    return undefined;
  }

  #state(session: JournalSession, entries: readonly JournalEntry[]): IncidentState {
    const position = incidentPosition(session, entries);
    const resume = resumeStep(position, { signedIn: this.#signIn.record?.sessionId === session.id && this.#signIn.session !== undefined });
    return { session, position, step: resume.step, ...(resume.reason ? { resumeReason: resume.reason } : {}), entries };
  }
}

/**
 * Rotation after use, the main-process side (docs/domain.md, "Rotation after use"; the state
 * machine is core/runbooks/rotation-flow.ts). Each step journals its intent before it acts and
 * its outcome after; a step cut off is redone from what the tenant says now – every write is
 * preceded by a read, so redoing it never doubles a change. The rotation acts with the signed-in break-glass
 * session (signed in from this screen, recorded in the rotation's journal session) – never an
 * account's own session for that account's steps (rotation-guards.ts). A write Graph did not
 * answer is read back at once, and the step is done or not by what the read shows.
 *
 * This file wires the public commands; the steps are in app-certificate-steps.ts and
 * account-steps.ts, journaled by step-journal.ts, and the screens' view is rotation-view.ts.
 *
 * Held in memory only, never journaled: the new password between its display and the Graph call
 * that sets it, and the new certificate's private key (read back from the PFX just written, so
 * the copy on the safe's media is known to open). After a restart the PFX is opened again with
 * its passphrase; a password whose setting was cut off is replaced by a new one.
 */
import { dirname } from 'node:path';

import type { DelegatedActionId } from '../../../core/graph/delegated-permissions.ts';
import type { JournalEntry, JournalSession } from '../../../core/journal/model.ts';
import {
  automaticStepKinds,
  checklistItems,
  doneFacts,
  planDetails,
  rotationPosition,
  type ChecklistItem,
  type RotationEntryDraft,
  type RotationPlan,
  type RotationPosition,
  type RotationStep,
  type RotationStepRecord,
} from '../../../core/runbooks/rotation-flow.ts';
import { ActionableError } from '../../../shared/actionable-error.ts';
import type {
  BeginRotationInput,
  RegisteredMethodView,
  RotationPassword,
  RotationView,
  SaveCertificateInput,
} from '../../../shared/model/rotation.ts';
import type { SignInRequest } from '../../../shared/model/sign-in.ts';
import type { CertificateCredential } from '../../credentials/certificate-credential.ts';
import { generateBreakGlassPassword, passwordGroups } from '../../credentials/password-generator.ts';
import type { GraphConnection } from '../../entra/graph-connection.ts';
import { SessionWriter } from '../../journal/session-writer.ts';
import type { JournalService } from '../journal-service.ts';
import type { ReadinessService } from '../readiness/readiness-service.ts';
import type { SignInService } from '../sign-in-service.ts';
import type { TenantConnection } from '../tenant-connection.ts';
import { keyBackInSafe, methodViews, reviewAccountMethods, revokeSessions, setNewPassword } from './account-steps.ts';
import {
  addKey,
  proveNewKey,
  removeOldKeys,
  removeSecrets,
  reopenSavedCertificate,
  saveNewCertificate,
  suggestedFileName,
} from './app-certificate-steps.ts';
import { requireOtherSession } from './rotation-guards.ts';
import { activeRotationView, candidatesView } from './rotation-view.ts';
import { recordVerdict } from './verification.ts';
import { delegatedActionOfStep, stepDone, type RotationNote, type RotationStepContext } from './step-journal.ts';

export class RotationService {
  readonly #journal: JournalService;
  readonly #signIn: SignInService;
  readonly #tenant: TenantConnection;
  readonly #readiness: ReadinessService;
  /** The new certificate of the open rotation, read back from its PFX (never journaled). */
  #newCertificate: { sessionId: string; credential: CertificateCredential } | undefined;
  /** A generated password waiting to be set, per rotation session and account (never journaled). */
  readonly #passwords = new Map<string, string>();
  #busy = false;
  /**
   * The session and entries each position was folded from, so a call reads the rotation once,
   * extends the entries with what it appends and folds its answer from them.
   */
  readonly #folded = new WeakMap<RotationPosition, { session: JournalSession; entries: JournalEntry[] }>();
  /** What the running step is waiting for, for the screen (the proof waiting out key replication). */
  #working: { sessionId: string; stepId: string; message: string } | undefined;
  /** What the step functions use of this service. */
  readonly #steps: RotationStepContext;

  constructor(options: {
    journal: JournalService;
    signIn: SignInService;
    tenant: TenantConnection;
    readiness: ReadinessService;
    sleep?: (ms: number) => Promise<void>;
  }) {
    this.#journal = options.journal;
    this.#signIn = options.signIn;
    this.#tenant = options.tenant;
    this.#readiness = options.readiness;
    this.#steps = {
      tenant: options.tenant,
      signIn: options.signIn,
      sleep: options.sleep,
      append: (position, actor, draft) => this.#append(position, actor, draft),
      requireOtherSession: (position, account) => this.#requireOtherSession(position, account),
      requireNewCertificate: (position) => this.#requireNewCertificate(position),
      setWorking: (working) => (this.#working = working),
    };
  }

  /** The open rotation (the latest rotation session not closed), folded from the journal. */
  current(): RotationPosition | undefined {
    const session = [...this.#journal.store.sessions()].reverse().find((s) => s.kind === 'rotation' && !s.closedAt);
    return session ? this.#position(session) : undefined;
  }

  /** `current`: the open rotation as the call that just acted folded it, so it is not read again. */
  view(options: { readonly current?: RotationPosition; readonly justClosed?: string } = {}): RotationView {
    const base = { tenantLabel: this.#tenant.label, simulated: this.#tenant.simulated };
    const session = this.#signIn.session;
    const signedIn = session
      ? { signedIn: { who: session.facts.who, method: session.facts.method, signsProof: this.#signIn.certificate !== undefined } }
      : {};
    let inventory;
    try {
      inventory = this.#tenant.inventory();
    } catch (error) {
      if (!(error instanceof ActionableError)) throw error;
      return { ...base, ...signedIn, candidates: { accounts: [] }, problem: { message: error.message, nextStep: error.nextStep } };
    }
    const store = this.#journal.store;
    const candidates = candidatesView(store, inventory, (appId) => this.#appName(appId));
    const active = options.current ?? this.current();
    const closedSession = !active && options.justClosed ? store.session(options.justClosed) : undefined;
    const closed = closedSession ? this.#position(closedSession) : undefined;
    return {
      ...base,
      ...signedIn,
      candidates,
      ...(active ? { active: this.#activeView(active) } : {}),
      ...(closed ? { justClosed: this.#activeView(closed) } : {}),
    };
  }

  /** Opens the rotation session with its plan: which accounts, whether the app, and why. */
  begin(input: BeginRotationInput): RotationPosition {
    if (this.current())
      throw new ActionableError(
        'A rotation is already in progress.',
        'Continue it on the Rotate credentials screen, or abandon it there first.',
      );
    const inventory = this.#tenant.inventory();
    const accounts = input.accounts.map((upn) => {
      const account = inventory.accounts.find((a) => a.userPrincipalName.toLowerCase() === upn.toLowerCase());
      if (!account)
        throw new ActionableError(`${upn} is not a break-glass account of the inventory.`, 'Choose the accounts from the list on screen.');
      return { userPrincipalName: account.userPrincipalName, ...(account.id ? { id: account.id } : {}) };
    });
    if (input.app && !inventory.app)
      throw new ActionableError('The inventory names no break-glass app to rotate.', 'Untick the app, or add "app" to the inventory file.');
    if (!input.app && accounts.length === 0)
      throw new ActionableError('Nothing is chosen to rotate.', 'Tick every credential that left the safe.');
    const view = this.view();
    const reasons = [
      ...accounts.flatMap((a) =>
        (view.candidates.accounts.find((c) => c.userPrincipalName === a.userPrincipalName)?.reasons ?? []).map(
          (r) => `${a.userPrincipalName}: ${r}`,
        ),
      ),
      ...(input.app && view.candidates.app ? view.candidates.app.reasons.map((r) => `${view.candidates.app!.name}: ${r}`) : []),
    ];
    const app =
      input.app && inventory.app
        ? {
            appId: inventory.app.appId,
            name: this.#appName(inventory.app.appId),
            ...(inventory.app.objectId ? { objectId: inventory.app.objectId } : {}),
          }
        : undefined;
    const plan: RotationPlan = {
      accounts,
      ...(app ? { app } : {}),
      ...(view.candidates.since ? { since: view.candidates.since } : {}),
      reasons,
    };
    const witness = input.witness?.trim() ? { witness: input.witness.trim() } : {};
    const what = [...accounts.map((a) => a.userPrincipalName), ...(app ? [app.name] : [])].join(', ');
    const session = this.#journal.store.openSession({
      kind: 'rotation',
      title: `Rotation after use: ${what} – ${this.#tenant.label}`,
      actor: input.custodian,
      ...witness,
      details: planDetails(plan),
    });
    return this.#position(session);
  }

  /** The break-glass sign-in the rotation acts with, journaled in the rotation's session. */
  signIn(request: SignInRequest): { attemptId: string } {
    const position = this.#require();
    return this.#signIn.start(request, {
      record: {
        sessionId: position.sessionId,
        actor: request.custodian,
        ...(request.witness ? { witness: request.witness } : position.witness ? { witness: position.witness } : {}),
      },
    });
  }

  /**
   * Step 1 for the app: a new key pair and certificate made here, written as a passphrase-protected
   * PFX to the safe's media *before* the tenant is touched, then read back from the file.
   */
  saveCertificate(input: SaveCertificateInput, actor = ''): RotationPosition {
    const { position, record } = this.#at('app-certificate-saved');
    const credential = saveNewCertificate(this.#steps, { position, record, actor: actor || position.openedBy }, input);
    this.#newCertificate = { sessionId: position.sessionId, credential };
    return this.#positionOf(position);
  }

  /** After a restart: the new PFX on the safe's media, opened again with its passphrase. */
  reopenCertificate(passphrase: string, actor = ''): RotationPosition {
    const position = this.#require();
    const credential = reopenSavedCertificate(this.#steps, position, actor || position.openedBy, passphrase);
    this.#newCertificate = { sessionId: position.sessionId, credential };
    return this.#positionOf(position);
  }

  /** Runs the current step when the app can do it alone (add, prove, remove, revoke). */
  async continueStep(actor = ''): Promise<RotationPosition> {
    const position = this.#require();
    const record = position.current;
    if (!record || !automaticStepKinds.includes(record.step.kind))
      throw new ActionableError(
        'The current step needs your input, not just “continue”.',
        'Follow the instructions of the step on screen.',
      );
    const run = { position, record, actor: actor || position.openedBy };
    return this.#exclusive(async () => {
      const graph = this.#graph(delegatedActionOfStep[record.step.kind]);
      switch (record.step.kind) {
        case 'app-key-added':
          await addKey(this.#steps, run, graph);
          break;
        case 'app-new-key-proven':
          await proveNewKey(this.#steps, run);
          break;
        case 'app-old-keys-removed':
          await removeOldKeys(this.#steps, run, graph);
          break;
        case 'app-secrets-removed':
          await removeSecrets(this.#steps, run, graph);
          break;
        case 'account-sessions-revoked':
          await revokeSessions(this.#steps, run, graph);
          break;
        default:
          break;
      }
      return this.#positionOf(position);
    });
  }

  /** A new password for the current account step, shown once; held here until it is set. */
  newPassword(account: string): RotationPassword {
    const { position, record } = this.#at('account-password', account);
    const password = generateBreakGlassPassword();
    this.#passwords.set(`${position.sessionId}|${record.step.account}`, password);
    return { account: record.step.account!, password, groups: passwordGroups(password) };
  }

  /** Sets the password shown, once the custodian says it is on the envelope sheet; then forgets it. */
  async setPassword(account: string, actor = ''): Promise<RotationPosition> {
    const { position, record } = this.#at('account-password', account);
    const key = `${position.sessionId}|${record.step.account}`;
    const password = this.#passwords.get(key);
    if (!password)
      throw new ActionableError(
        'No new password is waiting to be set (the app may have restarted since it was shown).',
        'Take a new password, write it on a fresh envelope sheet and destroy any earlier sheet, then set it.',
      );
    return this.#exclusive(async () => {
      await setNewPassword(this.#steps, { position, record, actor: actor || position.openedBy }, this.#graph('password-reset'), password);
      this.#passwords.delete(key);
      return this.#positionOf(position);
    });
  }

  /** The account's registered methods, those added since the incident flagged. */
  async methods(account: string): Promise<RegisteredMethodView[]> {
    const position = this.#require();
    return methodViews(this.#journal.store, position, this.#planAccount(position, account), this.#graph());
  }

  /** Removes the methods the custodian confirmed, then records what remains (two FIDO2 keys or more). */
  async reviewMethods(account: string, remove: readonly string[], actor = ''): Promise<RotationPosition> {
    const { position, record } = this.#at('account-methods-reviewed', account);
    return this.#exclusive(async () => {
      await reviewAccountMethods(
        this.#steps,
        { position, record, actor: actor || position.openedBy },
        this.#graph('methods-review'),
        remove,
      );
      return this.#positionOf(position);
    });
  }

  /** Which physical key was used in the incident, and that it is back in the safe. */
  keyReturned(account: string, input: { keyUsed: string; returned: boolean }, actor = ''): RotationPosition {
    const { position, record } = this.#at('account-key-returned', account);
    keyBackInSafe(this.#steps, { position, record, actor: actor || position.openedBy }, input);
    return this.#positionOf(position);
  }

  /** A manual checklist item, with who did it (and, by the entry, when). */
  checklist(item: ChecklistItem, doneBy: string, actor = ''): RotationPosition {
    const position = this.#require();
    const record = position.current;
    if (record?.step.kind !== 'checklist' || record.step.item !== item)
      throw new ActionableError(`“${checklistItems[item]}” is not the current step.`, 'Finish the step on screen first.');
    if (!doneBy.trim()) throw new ActionableError('Say who did it.', 'Write the name of the person who did it.');
    stepDone(this.#steps, { position, record, actor: actor || position.openedBy }, `${checklistItems[item]}: done by ${doneBy.trim()}.`, {
      doneBy: doneBy.trim(),
    });
    return this.#positionOf(position);
  }

  /** Starts the closing readiness check (the reader app, never a break-glass credential). */
  verify(actor: string, passphrase?: string): { runId: string } {
    this.#at('readiness');
    return this.#readiness.start({ actor, ...(passphrase ? { passphrase } : {}) });
  }

  /** Records a finished readiness run (from the journal) and closes the rotation with its verdict. */
  recordVerification(checkSessionId: string, actor: string): { sessionId: string } {
    const { position, record } = this.#at('readiness');
    const check = this.#journal.store.session(checkSessionId);
    if (!check || check.kind !== 'check' || !check.closedAt)
      throw new ActionableError('That is not a finished readiness check.', 'Run the check from this screen and wait for it to finish.');
    if (check.openedAt < position.openedAt)
      throw new ActionableError('That readiness check ran before this rotation began.', 'Run the check again from this screen.');
    const run = this.#readiness.runFromJournal(checkSessionId);
    const verdict = recordVerdict(this.#steps, { position, record, actor }, checkSessionId, run.results);
    this.#signIn.signOut(actor);
    this.#journal.store.closeSession(position.sessionId, {
      actor,
      details: { verdict: verdict.verdict, sound: verdict.sound, checkSessionId },
    });
    this.#forget(position.sessionId);
    return { sessionId: position.sessionId };
  }

  /** Stops the rotation without finishing it; what was done and what was not is recorded. */
  abandon(reason: string, actor: string): { sessionId: string } {
    const position = this.#require();
    if (!reason.trim()) throw new ActionableError('Say why the rotation stops here.', 'Write the reason; it goes into the journal.');
    const left = position.steps.filter((r) => r.status !== 'done').map((r) => r.step.title);
    this.#signIn.signOut(actor);
    this.#journal.store.closeSession(position.sessionId, { actor, details: { abandoned: reason.trim(), notDone: left } });
    this.#forget(position.sessionId);
    return { sessionId: position.sessionId };
  }

  // ── plumbing ─────────────────────────────────────────────────────────────────────────────

  /** An account's writes are never made with that account's own session (rotation-guards.ts). */
  #requireOtherSession(position: RotationPosition, account: string): void {
    const planned = position.plan.accounts.find((a) => a.userPrincipalName === account) ?? { userPrincipalName: account };
    requireOtherSession(this.#signIn.session?.facts, planned, this.#otherCredentials(account));
  }

  #otherCredentials(account: string): { accounts: string[]; app?: string } {
    let inventory;
    try {
      inventory = this.#tenant.inventory();
    } catch {
      return { accounts: [] };
    }
    return {
      accounts: inventory.accounts.map((a) => a.userPrincipalName).filter((a) => a.toLowerCase() !== account.toLowerCase()),
      ...(inventory.app ? { app: this.#appName(inventory.app.appId) } : {}),
    };
  }

  /** The signed-in session's Graph; with `action`, refused first when an account token lacks its scopes. */
  #graph(action?: DelegatedActionId): GraphConnection {
    const session = this.#signIn.session;
    if (!session)
      throw new ActionableError(
        'Nobody is signed in, so the rotation cannot act on the tenant.',
        'Sign in on this screen with a break-glass credential (the app’s current certificate, or an account and its key).',
      );
    if (action) session.ensureDelegated(action);
    return session.graph;
  }

  #planAccount(position: RotationPosition, account: string): string {
    const found = position.plan.accounts.find((a) => a.userPrincipalName.toLowerCase() === account.toLowerCase());
    if (!found) throw new ActionableError(`${account} is not part of this rotation.`, 'Choose one of the accounts on screen.');
    return found.userPrincipalName;
  }

  #at(kind: RotationStep['kind'], account?: string): { position: RotationPosition; record: RotationStepRecord } {
    const position = this.#require();
    const record = position.current;
    if (!record || record.step.kind !== kind || (account !== undefined && record.step.account?.toLowerCase() !== account.toLowerCase())) {
      throw new ActionableError(
        `That is not the current step${record ? ` (now: ${record.step.title})` : ''}.`,
        'Finish the step on screen first.',
      );
    }
    return { position, record };
  }

  async #exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.#busy)
      throw new ActionableError('A rotation step is already running.', 'Wait for it to finish; its result will be on screen.');
    this.#busy = true;
    try {
      return await work();
    } finally {
      this.#busy = false;
    }
  }

  #append(position: RotationPosition, actor: string, draft: RotationEntryDraft | RotationNote): void {
    const held = this.#held(position);
    held.entries.push(SessionWriter.forSession(this.#journal.store, held.session).append(draft, actor));
  }

  #require(): RotationPosition {
    const position = this.current();
    if (!position) throw new ActionableError('No rotation is in progress.', 'Begin one on the Rotate credentials screen.');
    return position;
  }

  /** Folds a rotation session; its entries are read here unless the call already holds them. */
  #position(session: JournalSession, entries: readonly JournalEntry[] = this.#journal.store.entries(session.id)): RotationPosition {
    const position = rotationPosition(session, entries);
    if (!position)
      throw new ActionableError(
        `Journal session ${session.id} is a rotation without a readable plan.`,
        'Abandon it from the journal and begin a new rotation.',
      );
    this.#folded.set(position, { session, entries: [...entries] });
    return position;
  }

  /** The position after the call's appends: folded again from the entries it holds, not re-read. */
  #positionOf(position: RotationPosition): RotationPosition {
    const held = this.#held(position);
    return this.#position(held.session, held.entries);
  }

  #held(position: RotationPosition): { session: JournalSession; entries: JournalEntry[] } {
    const held = this.#folded.get(position);
    if (!held) throw new Error(`Rotation ${position.sessionId} was not folded by this service.`);
    return held;
  }

  #forget(sessionId: string): void {
    if (this.#newCertificate?.sessionId === sessionId) this.#newCertificate = undefined;
    for (const key of [...this.#passwords.keys()]) if (key.startsWith(`${sessionId}|`)) this.#passwords.delete(key);
  }

  #appName(appId: string): string {
    return this.#tenant.appName(appId) ?? 'Break-glass app';
  }

  #requireNewCertificate(position: RotationPosition): CertificateCredential {
    if (this.#newCertificate?.sessionId === position.sessionId) return this.#newCertificate.credential;
    const saved = doneFacts(position, 'app-certificate-saved');
    throw new ActionableError(
      `The new certificate is not open in this app run${saved?.['path'] ? ` (it was saved to ${String(saved['path'])})` : ''}.`,
      'Type the new PFX’s passphrase to open it again, then continue.',
    );
  }

  #activeView(position: RotationPosition) {
    const certificatePath = this.#tenant.certificatePath();
    return activeRotationView(position, {
      signedIn: this.#signIn.session?.facts,
      certificateOpen: (sessionId) => this.#newCertificate?.sessionId === sessionId,
      working: this.#working,
      passwordWaiting: (sessionId, account) => this.#passwords.has(`${sessionId}|${account}`),
      otherCredentials: (account) => this.#otherCredentials(account),
      suggestedFolder: certificatePath ? dirname(certificatePath) : dirname(this.#journal.location().file),
      suggestedFileName: (p, folder) => suggestedFileName(p.plan, folder),
    });
  }
}

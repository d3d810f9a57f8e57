/**
 * Rotation after use, the main-process side (docs/domain.md, "Rotation after use"; the state
 * machine is core/runbooks/rotation-flow.ts). Each step journals its intent before it acts and
 * its outcome after; a step cut off is redone from what the tenant says now – every write is
 * preceded by a read, so redoing it never doubles a change. The rotation acts with the signed-in break-glass
 * session (signed in from this screen, recorded in the rotation's journal session) – never an
 * account's own session for that account's steps (rotation-guards.ts). A write Graph did not
 * answer is read back at once, and the step is done or not by what the read shows.
 *
 * This file wires the public commands. The plan `begin` opens is rotation-plan.ts; the session
 * the rotation acts with, acting-session.ts; the steps, app-certificate-steps.ts,
 * account-steps.ts and manual-steps.ts (those the app does alone run by automatic-steps.ts),
 * journaled by step-journal.ts; the closing check,
 * verification.ts. Where the rotation stands is folded by rotation-folds.ts, the screens' view is
 * rotation-view.ts, and what is held in memory only, never journaled (the new password, the new
 * certificate's private key), is held-secrets.ts.
 */
import { dirname } from 'node:path';

import {
  type ChecklistItem,
  type RotationPosition,
  type RotationStep,
  type RotationStepRecord,
} from '../../../core/runbooks/rotation-flow.ts';
import { ActionableError } from '../../../shared/actionable-error.ts';
import type {
  CertificateReplacedInput,
  BeginRotationInput,
  RegisteredMethodView,
  RotationPassword,
  RotationView,
  SaveCertificateInput,
} from '../../../shared/model/rotation.ts';
import type { SignInRequest } from '../../../shared/model/sign-in.ts';
import { generateBreakGlassPassword, passwordGroups } from '../../credentials/password-generator.ts';
import type { JournalService } from '../journal-service.ts';
import type { ReadinessService } from '../readiness/readiness-service.ts';
import type { SignInService } from '../sign-in-service.ts';
import type { TenantConnection } from '../tenant-connection.ts';
import { actingGraph, appName, otherCredentials, requireSessionOtherThan, rotationSignIn } from './acting-session.ts';
import { methodViews, reviewAccountMethods, setNewPassword } from './account-steps.ts';
import { reopenSavedCertificate, saveNewCertificate, suggestedFileName } from './app-certificate-steps.ts';
import { requireAutomatic, runAutomaticStep } from './automatic-steps.ts';
import { HeldSecrets } from './held-secrets.ts';
import { certificateReplaced } from './certificate-user.ts';
import { checklistItemDone, keyBackInSafe } from './manual-steps.ts';
import { RotationFolds } from './rotation-folds.ts';
import { rotationPlan, rotationSession } from './rotation-plan.ts';
import { activeRotationView, candidatesView } from './rotation-view.ts';
import { recordVerdict, requireCheckAfter } from './verification.ts';
import type { RotationStepContext } from './step-journal.ts';

export class RotationService {
  readonly #journal: JournalService;
  readonly #signIn: SignInService;
  readonly #tenant: TenantConnection;
  readonly #readiness: ReadinessService;
  /** The new certificate and waiting passwords (never journaled). */
  readonly #secrets = new HeldSecrets();
  #busy = false;
  /** Each position with the session and entries it was folded from, so a call reads the rotation once. */
  readonly #folds: RotationFolds;
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
    this.#folds = new RotationFolds(options.journal);
    this.#steps = {
      tenant: options.tenant,
      signIn: options.signIn,
      sleep: options.sleep,
      append: (position, actor, draft) => this.#folds.append(position, actor, draft),
      requireOtherSession: (position, account) => requireSessionOtherThan(this.#signIn, this.#tenant, position, account),
      requireNewCertificate: (position) => this.#secrets.requireNewCertificate(position),
      setWorking: (working) => (this.#working = working),
    };
  }

  /** The open rotation (the latest rotation session not closed), folded from the journal. */
  current(): RotationPosition | undefined {
    return this.#folds.current();
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
    const candidates = candidatesView(store, inventory, (appId) => appName(this.#tenant, appId));
    const active = options.current ?? this.current();
    const closedSession = !active && options.justClosed ? store.session(options.justClosed) : undefined;
    const closed = closedSession ? this.#folds.position(closedSession) : undefined;
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
    const name = (appId: string) => appName(this.#tenant, appId);
    const plan = rotationPlan(input, inventory, candidatesView(this.#journal.store, inventory, name), name);
    return this.#folds.position(this.#journal.store.openSession(rotationSession(plan, input, this.#tenant.label)));
  }

  /** The break-glass sign-in the rotation acts with, journaled in the rotation's session. */
  signIn(request: SignInRequest): { attemptId: string } {
    return rotationSignIn(this.#signIn, this.#require(), request);
  }

  /**
   * Step 1 for the app: a new key pair and certificate made here, written as a passphrase-protected
   * PFX to the safe's media *before* the tenant is touched, then read back from the file.
   */
  saveCertificate(input: SaveCertificateInput, actor = ''): RotationPosition {
    const { position, record } = this.#at('app-certificate-saved');
    const credential = saveNewCertificate(this.#steps, { position, record, actor: actor || position.openedBy }, input);
    this.#secrets.holdCertificate(position.sessionId, credential);
    return this.#folds.positionOf(position);
  }

  /** After a restart: the new PFX on the safe's media, opened again with its passphrase. */
  reopenCertificate(passphrase: string, actor = ''): RotationPosition {
    const position = this.#require();
    const credential = reopenSavedCertificate(this.#steps, position, actor || position.openedBy, passphrase);
    this.#secrets.holdCertificate(position.sessionId, credential);
    return this.#folds.positionOf(position);
  }

  /** Runs the current step when the app can do it alone (add, prove, remove, revoke). */
  async continueStep(actor = ''): Promise<RotationPosition> {
    const position = this.#require();
    const run = { position, record: requireAutomatic(position.current), actor: actor || position.openedBy };
    return this.#exclusive(async () => {
      await runAutomaticStep(this.#steps, this.#signIn, run);
      return this.#folds.positionOf(position);
    });
  }

  /** A new password for the current account step, shown once; held here until it is set. */
  newPassword(account: string): RotationPassword {
    const { position, record } = this.#at('account-password', account);
    const password = generateBreakGlassPassword();
    this.#secrets.holdPassword(position.sessionId, record.step.account!, password);
    return { account: record.step.account!, password, groups: passwordGroups(password) };
  }

  /** Sets the password shown, once the custodian says it is on the envelope sheet; then forgets it. */
  async setPassword(account: string, actor = ''): Promise<RotationPosition> {
    const { position, record } = this.#at('account-password', account);
    const password = this.#secrets.password(position.sessionId, record.step.account);
    if (!password)
      throw new ActionableError(
        'No new password is waiting to be set (the app may have restarted since it was shown).',
        'Take a new password, write it on a fresh envelope sheet and destroy any earlier sheet, then set it.',
      );
    return this.#exclusive(async () => {
      await setNewPassword(
        this.#steps,
        { position, record, actor: actor || position.openedBy },
        actingGraph(this.#signIn, 'password-reset'),
        password,
      );
      this.#secrets.passwordSet(position.sessionId, record.step.account);
      return this.#folds.positionOf(position);
    });
  }

  /** The account's registered methods, those added since the incident flagged. */
  async methods(account: string): Promise<RegisteredMethodView[]> {
    const position = this.#require();
    return methodViews(this.#journal.store, position, this.#planAccount(position, account), actingGraph(this.#signIn));
  }

  /** Removes the methods the custodian confirmed, then records what remains (two FIDO2 keys or more). */
  async reviewMethods(account: string, remove: readonly string[], actor = ''): Promise<RotationPosition> {
    const { position, record } = this.#at('account-methods-reviewed', account);
    return this.#exclusive(async () => {
      await reviewAccountMethods(
        this.#steps,
        { position, record, actor: actor || position.openedBy },
        actingGraph(this.#signIn, 'methods-review'),
        remove,
      );
      return this.#folds.positionOf(position);
    });
  }

  /** The account's new certificate, issued outside the app: recorded once Entra binds it to the account. */
  async certificateReplaced(account: string, input: Omit<CertificateReplacedInput, 'account'>, actor = ''): Promise<RotationPosition> {
    const { position, record } = this.#at('account-certificate-replaced', account);
    return this.#exclusive(async () => {
      await certificateReplaced(this.#steps, { position, record, actor: actor || position.openedBy }, actingGraph(this.#signIn), input);
      return this.#folds.positionOf(position);
    });
  }

  /** Which physical key was used in the incident, and that it is back in the safe. */
  keyReturned(account: string, input: { keyUsed: string; returned: boolean }, actor = ''): RotationPosition {
    const { position, record } = this.#at('account-key-returned', account);
    keyBackInSafe(this.#steps, { position, record, actor: actor || position.openedBy }, input);
    return this.#folds.positionOf(position);
  }

  /** A manual checklist item, with who did it (and, by the entry, when). */
  checklist(item: ChecklistItem, doneBy: string, actor = ''): RotationPosition {
    const position = this.#require();
    checklistItemDone(this.#steps, { position, record: position.current, actor: actor || position.openedBy }, item, doneBy);
    return this.#folds.positionOf(position);
  }

  /** Starts the closing readiness check (the reader app, never a break-glass credential). */
  verify(actor: string, passphrase?: string): { runId: string } {
    this.#at('readiness');
    return this.#readiness.start({ actor, ...(passphrase ? { passphrase } : {}) });
  }

  /** Records a finished readiness run (from the journal) and closes the rotation with its verdict. */
  recordVerification(checkSessionId: string, actor: string): { sessionId: string } {
    const { position, record } = this.#at('readiness');
    requireCheckAfter(this.#journal.store, checkSessionId, position);
    const run = this.#readiness.runFromJournal(checkSessionId);
    const verdict = recordVerdict(this.#steps, { position, record, actor }, checkSessionId, run.results);
    this.#signIn.signOut(actor);
    this.#journal.store.closeSession(position.sessionId, {
      actor,
      details: { verdict: verdict.verdict, sound: verdict.sound, checkSessionId },
    });
    this.#secrets.forget(position.sessionId);
    return { sessionId: position.sessionId };
  }

  /** Stops the rotation without finishing it; what was done and what was not is recorded. */
  abandon(reason: string, actor: string): { sessionId: string } {
    const position = this.#require();
    if (!reason.trim()) throw new ActionableError('Say why the rotation stops here.', 'Write the reason; it goes into the journal.');
    const left = position.steps.filter((r) => r.status !== 'done').map((r) => r.step.title);
    this.#signIn.signOut(actor);
    this.#journal.store.closeSession(position.sessionId, { actor, details: { abandoned: reason.trim(), notDone: left } });
    this.#secrets.forget(position.sessionId);
    return { sessionId: position.sessionId };
  }

  // ── plumbing ─────────────────────────────────────────────────────────────────────────────

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

  #require(): RotationPosition {
    const position = this.current();
    if (!position) throw new ActionableError('No rotation is in progress.', 'Begin one on the Rotate credentials screen.');
    return position;
  }

  #activeView(position: RotationPosition) {
    const certificatePath = this.#tenant.certificatePath();
    return activeRotationView(position, {
      signedIn: this.#signIn.session?.facts,
      certificateOpen: (sessionId) => this.#secrets.certificateOpen(sessionId),
      working: this.#working,
      passwordWaiting: (sessionId, account) => this.#secrets.passwordWaiting(sessionId, account),
      otherCredentials: (account) => otherCredentials(this.#tenant, account),
      suggestedFolder: certificatePath ? dirname(certificatePath) : dirname(this.#journal.location().file),
      suggestedFileName: (p, folder) => suggestedFileName(p.plan, folder),
    });
  }
}

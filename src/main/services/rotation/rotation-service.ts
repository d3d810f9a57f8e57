/**
 * Rotation after use, the main-process side (DOMAIN.md, "Rotation after use"; the state machine
 * is core/runbooks/rotation-flow.ts). Each step journals its intent before it acts and its outcome
 * after; a step cut off is redone from what the tenant says now – every write is preceded by a
 * read, so redoing it never doubles a change. The rotation acts with the signed-in break-glass
 * session (signed in from this screen, recorded in the rotation's journal session) – never an
 * account's own session for that account's steps (rotation-guards.ts). A write Graph did not
 * answer is read back at once, and the step is done or not by what the read shows.
 *
 * Held in memory only, never journaled: the new password between its display and the Graph call
 * that sets it, and the new certificate's private key (read back from the PFX just written, so
 * the copy on the safe's media is known to open). After a restart the PFX is opened again with
 * its passphrase; a password whose setting was cut off is replaced by a new one.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { KeyCredential, PasswordCredential } from '@microsoft/microsoft-graph-types';

import { overallStatus, subjectLabel, summarize } from '../../../core/checks/model.ts';
import { isKeyOfCertificate, keyThumbprintText, Thumbprint } from '../../../core/graph/thumbprint.ts';
import type { DelegatedActionId } from '../../../core/graph/delegated-permissions.ts';
import { rotationCandidates } from '../../../core/runbooks/rotation-candidates.ts';
import {
  automaticStepKinds,
  checklistItems,
  doneFacts,
  planDetails,
  rotationEntry,
  rotationPosition,
  type ChecklistItem,
  type RotationEntryDraft,
  type RotationPlan,
  type RotationPosition,
  type RotationStep,
  type RotationStepRecord,
} from '../../../core/runbooks/rotation-flow.ts';
import type { JournalEntry, JournalSession, JsonObject } from '../../../core/journal/model.ts';
import { ActionableError } from '../../../shared/actionable-error.ts';
import type { ActiveRotationView, BeginRotationInput, RegisteredMethodView, RotationPassword, RotationStepView, RotationVerdict, RotationView, SaveCertificateInput } from '../../../shared/model/rotation.ts';
import type { SignInRequest } from '../../../shared/model/sign-in.ts';
import { loadCertificateCredential, type CertificateCredential } from '../../credentials/certificate-credential.ts';
import { createAppCertificate } from '../../credentials/new-app-certificate.ts';
import { certificateFacts } from '../../../sim/crypto/certificates.ts';
import { generateBreakGlassPassword, passwordGroups } from '../../credentials/password-generator.ts';
import { passphraseProblem, pfxBytes, writePfxToFolder } from '../../credentials/pfx-writer.ts';
import { methodBaselines, methodsAddedDuringIncident } from '../../../core/runbooks/method-baseline.ts';
import { accountTimestamps, registeredMethods, removeFido2Method, revokeSignInSessions, setPassword } from '../../entra/account-rotation.ts';
import { GraphRequestError, type GraphConnection } from '../../entra/graph-connection.ts';
import { isUnansweredWrite, settleUnansweredWrite } from '../../entra/write-outcome.ts';
import { isOwnSession, ownSessionProblem, requireOtherSession, type ReadBackPlan } from './rotation-guards.ts';
import { addCertificateKey, removeCertificateKey, removeClientSecret, replaceCertificateKeys } from '../../entra/key-roll.ts';
import { signInWithNewCertificate, type NewKeyWait } from '../../entra/new-key-sign-in.ts';
import { SessionWriter } from '../../journal/session-writer.ts';
import type { JournalService } from '../journal-service.ts';
import type { ReadinessService } from '../readiness-service.ts';
import type { SignInService } from '../sign-in-service.ts';
import type { TenantConnection } from '../tenant-connection.ts';

type AppKeys = { id: string; keyCredentials: KeyCredential[]; passwordCredentials: PasswordCredential[] };

/** Where the custodian stands when a step fails: nothing is left half-done without saying so. */
const stateAfterFailure: Partial<Record<RotationStep['kind'], string>> = {
  'app-key-added': 'The app still has only its old certificate, which still works. The new PFX on the safe’s media is not in use yet; keep it – trying again uses it.',
  'app-new-key-proven': 'Both certificates are on the app and the old one still works; nothing is removed until the new one is proven.',
  'app-old-keys-removed': 'The new certificate is proven; any old certificate not yet removed still works. Trying again removes what is left.',
  'account-password': 'Keep the sheet: trying again sets the same password; the security keys work either way.',
};

/** The delegated permissions an automatic step needs when an account session runs it (proving signs in anew). */
const delegatedActionOfStep: Partial<Record<RotationStep['kind'], DelegatedActionId>> = {
  'app-key-added': 'app-credentials',
  'app-old-keys-removed': 'app-credentials',
  'app-secrets-removed': 'app-credentials',
  'account-sessions-revoked': 'sessions-revoke',
};

const describe = (error: unknown) => (error instanceof ActionableError ? `${error.message} ${error.nextStep}` : error instanceof Error ? error.message : String(error));

/**
 * Whether Graph's key is this certificate: by the DER Graph returns as `key` on
 * `$select=keyCredentials` of one application (what #appKeys reads), else by the thumbprint its
 * Binary `customKeyIdentifier` names (https://learn.microsoft.com/graph/api/resources/keycredential).
 */
const isKeyOf = (key: KeyCredential, certificate: Pick<CertificateCredential, 'certificatePem' | 'thumbprintSha1Hex'>) =>
  isKeyOfCertificate(key, { derBase64: certificateFacts(certificate.certificatePem).derBase64, thumbprint: Thumbprint.fromHex(certificate.thumbprintSha1Hex)! });
/** A key's thumbprint as the Entra admin center shows it: from its certificate where Graph gave it. */
const thumbprintShown = (key: KeyCredential) => (key.key ? certificateFacts(key.key).sha1Hex : keyThumbprintText(key));

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
  /** How the proof step pauses between tries; tests pass one that moves simulated time instead. */
  readonly #sleep: ((ms: number) => Promise<void>) | undefined;

  constructor(options: { journal: JournalService; signIn: SignInService; tenant: TenantConnection; readiness: ReadinessService; sleep?: (ms: number) => Promise<void> }) {
    this.#journal = options.journal;
    this.#signIn = options.signIn;
    this.#tenant = options.tenant;
    this.#readiness = options.readiness;
    this.#sleep = options.sleep;
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
    const signedIn = session ? { signedIn: { who: session.facts.who, method: session.facts.method, signsProof: this.#signIn.certificate !== undefined } } : {};
    let inventory;
    try {
      inventory = this.#tenant.inventory();
    } catch (error) {
      if (!(error instanceof ActionableError)) throw error;
      return { ...base, ...signedIn, candidates: { accounts: [] }, problem: { message: error.message, nextStep: error.nextStep } };
    }
    const store = this.#journal.store;
    const found = rotationCandidates(store.sessions(), (id) => store.entries(id), inventory);
    const app = inventory.app;
    const candidates = {
      accounts: inventory.accounts.map((a) => {
        const use = found.accounts.get(a.userPrincipalName);
        return { userPrincipalName: a.userPrincipalName, reasons: use?.reasons ?? ['Not used since the last rotation; rotate it if its envelope or key left the safe.'], suggested: use !== undefined };
      }),
      ...(app ? { app: { appId: app.appId, name: this.#appName(app.appId), reasons: found.app?.reasons ?? ['Not used since the last rotation; rotate it if its certificate left the safe.'], suggested: found.app !== undefined } } : {}),
      ...(found.since ? { since: found.since } : {}),
    };
    const active = options.current ?? this.current();
    const closedSession = !active && options.justClosed ? store.session(options.justClosed) : undefined;
    const closed = closedSession ? this.#position(closedSession) : undefined;
    return { ...base, ...signedIn, candidates, ...(active ? { active: this.#activeView(active) } : {}), ...(closed ? { justClosed: this.#activeView(closed) } : {}) };
  }

  /** Opens the rotation session with its plan: which accounts, whether the app, and why. */
  begin(input: BeginRotationInput): RotationPosition {
    if (this.current()) throw new ActionableError('A rotation is already in progress.', 'Continue it on the Rotate credentials screen, or abandon it there first.');
    const inventory = this.#tenant.inventory();
    const accounts = input.accounts.map((upn) => {
      const account = inventory.accounts.find((a) => a.userPrincipalName.toLowerCase() === upn.toLowerCase());
      if (!account) throw new ActionableError(`${upn} is not a break-glass account of the inventory.`, 'Choose the accounts from the list on screen.');
      return { userPrincipalName: account.userPrincipalName, ...(account.id ? { id: account.id } : {}) };
    });
    if (input.app && !inventory.app) throw new ActionableError('The inventory names no break-glass app to rotate.', 'Untick the app, or add "app" to the inventory file.');
    if (!input.app && accounts.length === 0) throw new ActionableError('Nothing is chosen to rotate.', 'Tick every credential that left the safe.');
    const view = this.view();
    const reasons = [
      ...accounts.flatMap((a) => (view.candidates.accounts.find((c) => c.userPrincipalName === a.userPrincipalName)?.reasons ?? []).map((r) => `${a.userPrincipalName}: ${r}`)),
      ...(input.app && view.candidates.app ? view.candidates.app.reasons.map((r) => `${view.candidates.app!.name}: ${r}`) : []),
    ];
    const app = input.app && inventory.app ? { appId: inventory.app.appId, name: this.#appName(inventory.app.appId), ...(inventory.app.objectId ? { objectId: inventory.app.objectId } : {}) } : undefined;
    const plan: RotationPlan = { accounts, ...(app ? { app } : {}), ...(view.candidates.since ? { since: view.candidates.since } : {}), reasons };
    const witness = input.witness?.trim() ? { witness: input.witness.trim() } : {};
    const what = [...accounts.map((a) => a.userPrincipalName), ...(app ? [app.name] : [])].join(', ');
    const session = this.#journal.store.openSession({ kind: 'rotation', title: `Rotation after use: ${what} – ${this.#tenant.label}`, actor: input.custodian, ...witness, details: planDetails(plan) });
    return this.#position(session);
  }

  /** The break-glass sign-in the rotation acts with, journaled in the rotation's session. */
  signIn(request: SignInRequest): { attemptId: string } {
    const position = this.#require();
    return this.#signIn.start(request, { record: { sessionId: position.sessionId, actor: request.custodian, ...(request.witness ? { witness: request.witness } : position.witness ? { witness: position.witness } : {}) } });
  }

  /**
   * Step 1 for the app: a new key pair and certificate made here, written as a passphrase-protected
   * PFX to the safe's media *before* the tenant is touched, then read back from the file.
   */
  saveCertificate(input: SaveCertificateInput, actor = ''): RotationPosition {
    const { position, record } = this.#at('app-certificate-saved');
    actor ||= position.openedBy;
    const problem = passphraseProblem(input.passphrase, input.passphraseAgain);
    if (problem) throw problem;
    const plan = position.plan;
    const made = createAppCertificate({ appName: plan.app!.name });
    const fileName = input.fileName?.trim() || this.#suggestedFileName(plan, input.folder);
    const facts = { thumbprint: made.thumbprintSha1Hex, subject: made.subject, notAfter: made.notAfter.toISOString(), folder: input.folder, fileName };
    this.#append(position, actor, rotationEntry(record.step, 'intent', `Making a new certificate (${made.thumbprintSha1Hex}) and saving it to ${input.folder}.`, facts));
    let path: string;
    let credential: CertificateCredential;
    try {
      path = writePfxToFolder(input.folder, fileName, pfxBytes(made, input.passphrase));
      credential = loadCertificateCredential({ path, passphrase: input.passphrase });
    } catch (error) {
      const problem = `${describe(error)} No request was sent to the tenant.`;
      this.#append(position, actor, rotationEntry(record.step, 'failed', `The new certificate was not saved: ${problem}`, { problem }));
      throw error;
    }
    this.#newCertificate = { sessionId: position.sessionId, credential };
    this.#append(position, actor, rotationEntry(record.step, 'done', `New certificate ${credential.thumbprintSha1Hex} (valid to ${credential.notAfter.toISOString().slice(0, 10)}) saved to ${path} and read back with its passphrase.`, { ...facts, path, notBefore: credential.notBefore.toISOString() }));
    return this.#positionOf(position);
  }

  /** After a restart: the new PFX on the safe's media, opened again with its passphrase. */
  reopenCertificate(passphrase: string, actor = ''): RotationPosition {
    const position = this.#require();
    actor ||= position.openedBy;
    const saved = doneFacts(position, 'app-certificate-saved');
    if (!saved || typeof saved['path'] !== 'string') throw new ActionableError('No new certificate has been saved in this rotation yet.', 'Save the new certificate first.');
    const credential = loadCertificateCredential({ path: saved['path'], passphrase });
    if (credential.thumbprintSha1Hex !== saved['thumbprint']) {
      throw new ActionableError(`${saved['path']} holds certificate ${credential.thumbprintSha1Hex}, not ${String(saved['thumbprint'])}, which this rotation made.`, 'Choose the file this rotation saved; the journal names its path.');
    }
    this.#newCertificate = { sessionId: position.sessionId, credential };
    this.#append(position, actor, { kind: 'note', stepId: 'certificate-reopened', summary: `Opened the new certificate ${credential.thumbprintSha1Hex} again from ${saved['path']}.`, data: {} });
    return this.#positionOf(position);
  }

  /** Runs the current step when the app can do it alone (add, prove, remove, revoke). */
  async continueStep(actor = ''): Promise<RotationPosition> {
    const position = this.#require();
    actor ||= position.openedBy;
    const record = position.current;
    if (!record || !automaticStepKinds.includes(record.step.kind)) throw new ActionableError('The current step needs your input, not just “continue”.', 'Follow the instructions of the step on screen.');
    return this.#exclusive(async () => {
      const graph = this.#graph(delegatedActionOfStep[record.step.kind]);
      switch (record.step.kind) {
        case 'app-key-added':
          await this.#addKey(position, record, graph, actor);
          break;
        case 'app-new-key-proven':
          await this.#prove(position, record, actor);
          break;
        case 'app-old-keys-removed':
          await this.#removeOldKeys(position, record, graph, actor);
          break;
        case 'app-secrets-removed':
          await this.#removeSecrets(position, record, graph, actor);
          break;
        case 'account-sessions-revoked': {
          this.#requireOtherSession(position, record.step.account!);
          const user = this.#userRef(position, record.step.account!);
          const before = (await accountTimestamps(graph, user)).sessionsValidFrom;
          const settle: ReadBackPlan = {
            what: `the sign-in sessions of ${record.step.account}`,
            read: async () => {
              const now = (await accountTimestamps(graph, user)).sessionsValidFrom;
              return now !== before ? { applied: true, shows: `they count only from ${now ?? 'now'}, so every earlier session and refresh token is revoked` } : { applied: false, shows: `they are unchanged (valid from ${before ?? 'the account’s creation'})` };
            },
          };
          await this.#act(position, record, actor, `Revoking the sign-in sessions of ${record.step.account}.`, { sessionsValidFromBefore: before ?? '' }, async () => {
            const result = await revokeSignInSessions(graph, user);
            return { summary: `Revoked every sign-in session and refresh token of ${record.step.account}.`, facts: {}, requestIds: ids(result.requestId) };
          }, settle);
          break;
        }
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
    actor ||= position.openedBy;
    const key = `${position.sessionId}|${record.step.account}`;
    const password = this.#passwords.get(key);
    if (!password) throw new ActionableError('No new password is waiting to be set (the app may have restarted since it was shown).', 'Take a new password, write it on a fresh envelope sheet and destroy any earlier sheet, then set it.');
    return this.#exclusive(async () => {
      const graph = this.#graph('password-reset');
      this.#requireOtherSession(position, record.step.account!);
      const user = this.#userRef(position, record.step.account!);
      // The password cannot be read, but when it last changed can: that is how an unanswered reset is settled.
      const before = (await accountTimestamps(graph, user)).passwordChanged;
      const settle: ReadBackPlan = {
        what: `the password of ${record.step.account}`,
        read: async () => {
          const now = (await accountTimestamps(graph, user)).passwordChanged;
          return now !== before ? { applied: true, shows: `it was changed at ${now ?? 'an unknown time'}, so the password on the sheet is set` } : { applied: false, shows: `it is unchanged (last changed ${before ?? 'never'})` };
        },
      };
      await this.#act(position, record, actor, `Setting a new password on ${record.step.account} (written on the envelope sheet by ${actor}; the password itself is never recorded).`, { passwordChangedBefore: before ?? '' }, async () => {
        const result = await setPassword(graph, user, password);
        return { summary: `New password set on ${record.step.account}; the previous one no longer works. Seal the sheet in the envelope.`, facts: { forceChangeAtNextSignIn: false }, requestIds: ids(result.requestId) };
      }, settle);
      this.#passwords.delete(key);
      return this.#positionOf(position);
    });
  }

  /** The account's registered methods, those added since the incident flagged. */
  async methods(account: string): Promise<RegisteredMethodView[]> {
    const position = this.#require();
    const upn = this.#planAccount(position, account);
    const methods = await registeredMethods(this.#graph(), this.#userRef(position, upn));
    const since = position.plan.since;
    const store = this.#journal.store;
    // The record made when the incident got its first Graph session (incident-service.ts): phone and email methods have no date.
    const baseline = since ? methodBaselines(store.sessions(), (id) => store.entries(id), { since, until: position.openedAt }).get(upn.toLowerCase()) : undefined;
    const added = methodsAddedDuringIncident(methods, { ...(since ? { since } : {}), ...(baseline ? { baseline } : {}) });
    return methods.map((m) => ({
      id: m.id,
      kind: m.kind,
      ...(m.displayName ? { displayName: m.displayName } : {}),
      ...(m.createdDateTime ? { createdDateTime: m.createdDateTime } : {}),
      addedDuringIncident: added.has(m.id),
      ...(added.has(m.id) ? { addedBecause: added.get(m.id)! } : {}),
      removable: m.kind === 'fido2',
    }));
  }

  /** Removes the methods the custodian confirmed, then records what remains (two FIDO2 keys or more). */
  async reviewMethods(account: string, remove: readonly string[], actor = ''): Promise<RotationPosition> {
    const { position, record } = this.#at('account-methods-reviewed', account);
    actor ||= position.openedBy;
    return this.#exclusive(async () => {
      const graph = this.#graph('methods-review');
      const user = this.#userRef(position, record.step.account!);
      const before = await registeredMethods(graph, user);
      const chosen = before.filter((m) => remove.includes(m.id));
      const unknown = remove.filter((id) => !before.some((m) => m.id === id));
      const notRemovable = chosen.filter((m) => m.kind !== 'fido2');
      if (notRemovable.length > 0) throw new ActionableError(`Only security keys (FIDO2) can be removed here; ${notRemovable.map((m) => m.displayName ?? m.kind).join(', ')} must be removed in the Microsoft Entra admin center.`, 'Untick them, confirm the review, and remove them there.');
      const fido2Left = before.filter((m) => m.kind === 'fido2' && !remove.includes(m.id));
      if (fido2Left.length === 0) throw new ActionableError('That would remove every security key of the account, leaving no phishing-resistant way in.', 'Keep at least the keys that are in the safe; remove only keys registered during the incident.');
      const names = chosen.map((m) => `${m.displayName ?? m.kind} (${m.id})`);
      this.#requireOtherSession(position, record.step.account!);
      const settle: ReadBackPlan = {
        what: `the methods of ${record.step.account}`,
        read: async () => {
          const left = (await registeredMethods(graph, user)).filter((m) => chosen.some((c) => c.id === m.id));
          return left.length === 0 ? { applied: true, shows: `${names.join(', ')} ${chosen.length === 1 ? 'is' : 'are'} gone` } : { applied: false, shows: `${left.map((m) => m.displayName ?? m.id).join(', ')} ${left.length === 1 ? 'is' : 'are'} still registered` };
        },
      };
      await this.#act(position, record, actor, chosen.length > 0 ? `Removing ${names.join(', ')} from ${record.step.account}.` : `Reviewing the methods of ${record.step.account}: nothing to remove.`, { remove: chosen.map((m) => m.id) }, async () => {
        const requestIds: string[] = [];
        for (const method of chosen) requestIds.push(...ids((await removeFido2Method(graph, user, method.id)).requestId));
        const after = await registeredMethods(graph, user);
        const keys = after.filter((m) => m.kind === 'fido2');
        const warning = keys.length < 2 ? ` Only ${keys.length} security key remains: register a second one and keep both in the safe (BG-USR-05).` : '';
        return {
          summary: `Methods of ${record.step.account} reviewed${chosen.length > 0 ? `; removed ${names.join(', ')}` : '; nothing removed'}. ${keys.length} security key${keys.length === 1 ? '' : 's'} remain${keys.length === 1 ? 's' : ''}: ${keys.map((k) => k.displayName ?? k.id).join(', ')}.${warning}${unknown.length > 0 ? ` Already gone: ${unknown.join(', ')}.` : ''}`,
          facts: { removed: chosen.map((m) => ({ id: m.id, kind: m.kind, displayName: m.displayName ?? '' })), fido2Remaining: keys.length, methodsRemaining: after.map((m) => m.kind), ...(warning ? { warning: warning.trim() } : {}) },
          requestIds,
        };
      }, settle);
      return this.#positionOf(position);
    });
  }

  /** Which physical key was used in the incident, and that it is back in the safe. */
  keyReturned(account: string, input: { keyUsed: string; returned: boolean }, actor = ''): RotationPosition {
    const { position, record } = this.#at('account-key-returned', account);
    actor ||= position.openedBy;
    if (!input.keyUsed.trim()) throw new ActionableError('Say which physical key was used (or “none” if only the envelope was).', 'Write the label on the key, e.g. “Safe key A1”.');
    if (!input.returned) throw new ActionableError('The key is not confirmed back in the safe.', 'Put the key back in the safe, then confirm.');
    this.#append(position, actor, rotationEntry(record.step, 'done', `${input.keyUsed.trim()} (used for ${record.step.account}) is back in the safe, confirmed by ${actor}.`, { keyUsed: input.keyUsed.trim(), returnedToSafe: true }));
    return this.#positionOf(position);
  }

  /** A manual checklist item, with who did it (and, by the entry, when). */
  checklist(item: ChecklistItem, doneBy: string, actor = ''): RotationPosition {
    const position = this.#require();
    actor ||= position.openedBy;
    const record = position.current;
    if (record?.step.kind !== 'checklist' || record.step.item !== item) throw new ActionableError(`“${checklistItems[item]}” is not the current step.`, 'Finish the step on screen first.');
    if (!doneBy.trim()) throw new ActionableError('Say who did it.', 'Write the name of the person who did it.');
    this.#append(position, actor, rotationEntry(record.step, 'done', `${checklistItems[item]}: done by ${doneBy.trim()}.`, { doneBy: doneBy.trim() }));
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
    if (!check || check.kind !== 'check' || !check.closedAt) throw new ActionableError('That is not a finished readiness check.', 'Run the check from this screen and wait for it to finish.');
    if (check.openedAt < position.openedAt) throw new ActionableError('That readiness check ran before this rotation began.', 'Run the check again from this screen.');
    const run = this.#readiness.runFromJournal(checkSessionId);
    const verdict: RotationVerdict = {
      checkSessionId,
      verdict: overallStatus(run.results),
      sound: !run.results.some((r) => r.status === 'fail' || r.status === 'indeterminate'),
      summary: summarize(run.results),
      failing: run.results.filter((r) => r.status === 'fail' || r.status === 'indeterminate').map((r) => ({ id: r.id, subject: subjectLabel(r.subject), title: r.title, remediation: r.remediation })),
      warnings: run.results.filter((r) => r.status === 'warn').map((r) => ({ id: r.id, subject: subjectLabel(r.subject), title: r.title, remediation: r.remediation })),
    };
    const counts = `${verdict.summary.pass} pass, ${verdict.summary.warn} warn, ${verdict.summary.fail} fail, ${verdict.summary.indeterminate} indeterminate`;
    this.#append(position, actor, rotationEntry(record.step, 'done', verdict.sound ? `Readiness check after the rotation: the break-glass setup is sound (${counts}).` : `Readiness check after the rotation: NOT sound – ${verdict.failing.map((f) => `${f.id} ${f.subject}`).join('; ')} (${counts}).`, verdict as unknown as JsonObject));
    this.#signIn.signOut(actor);
    this.#journal.store.closeSession(position.sessionId, { actor, details: { verdict: verdict.verdict, sound: verdict.sound, checkSessionId } });
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

  // ── the app's certificate ────────────────────────────────────────────────────────────────

  async #addKey(position: RotationPosition, record: RotationStepRecord, graph: GraphConnection, actor: string): Promise<void> {
    const credential = this.#requireNewCertificate(position);
    const app = await this.#appKeys(position, graph);
    const found = app.keyCredentials.find((k) => isKeyOf(k, credential));
    if (found) {
      this.#append(position, actor, rotationEntry(record.step, 'done', `The new certificate ${credential.thumbprintSha1Hex} is already on the app (added before the interruption).`, { keyId: found.keyId ?? '', thumbprint: credential.thumbprintSha1Hex, found: true }));
      return;
    }
    const now = Date.now();
    const valid = app.keyCredentials.filter((k) => Date.parse(k.startDateTime ?? '') <= now && now < Date.parse(k.endDateTime ?? ''));
    if (valid.length === 0) {
      const warning = 'No certificate on the app is valid any more, so addKey cannot be used: the whole keyCredentials list is replaced by the new certificate (PATCH). The expired certificates are removed with it; they could not sign in anyway.';
      await this.#act(position, record, actor, `Replacing the app's expired certificates with the new one ${credential.thumbprintSha1Hex}. ${warning}`, { thumbprint: credential.thumbprintSha1Hex, fallback: true, warning }, async () => {
        const result = await replaceCertificateKeys(graph, { applicationObjectId: app.id, newCertificatePem: credential.certificatePem });
        return { summary: `The new certificate ${credential.thumbprintSha1Hex} replaced the expired ones (PATCH keyCredentials). ${warning}`, facts: { thumbprint: credential.thumbprintSha1Hex, fallback: true, warning }, requestIds: ids(result.requestId) };
      }, this.#newKeyReadBack(position, graph, credential));
      return;
    }
    const signer = this.#signIn.certificate;
    if (!signer || !valid.some((k) => isKeyOf(k, signer))) {
      throw new ActionableError(
        'addKey needs a proof signed by a certificate the app holds now, and the signed-in session was not opened with one.',
        'Sign in on this screen with the app’s current certificate (from the safe), then continue.',
      );
    }
    await this.#act(position, record, actor, `Adding the new certificate ${credential.thumbprintSha1Hex} with addKey (proof signed by the current certificate ${signer.thumbprintSha1Hex}).`, { thumbprint: credential.thumbprintSha1Hex, signedBy: signer.thumbprintSha1Hex }, async () => {
      const result = await addCertificateKey(graph, { applicationObjectId: app.id, signer, newCertificatePem: credential.certificatePem });
      return { summary: `Added the new certificate ${credential.thumbprintSha1Hex} (keyId ${result.body?.keyId ?? 'unknown'}); the old one still works until the new one is proven.`, facts: { thumbprint: credential.thumbprintSha1Hex, keyId: result.body?.keyId ?? '' }, requestIds: ids(result.requestId) };
    }, this.#newKeyReadBack(position, graph, credential));
  }

  async #prove(position: RotationPosition, record: RotationStepRecord, actor: string): Promise<void> {
    const credential = this.#requireNewCertificate(position);
    const app = position.plan.app!;
    await this.#act(position, record, actor, `Signing in as ${app.name} with the new certificate ${credential.thumbprintSha1Hex} to prove it works.`, { thumbprint: credential.thumbprintSha1Hex }, async () => {
      const endpoints = await this.#tenant.endpoints();
      // Each wait is journaled and shown: a new key may not have reached every Entra server yet (new-key-sign-in.ts).
      const onWait = (wait: NewKeyWait) => {
        const message = `Microsoft Entra does not accept the new certificate yet (try ${wait.attempt}): a certificate just added takes a while to reach every Entra server. Trying again in ${wait.seconds} s (waited ${wait.waitedSeconds} s of at most ${wait.limitSeconds} s). The old certificate still works.`;
        this.#working = { sessionId: position.sessionId, stepId: record.step.id, message };
        this.#append(position, actor, { kind: 'note', stepId: record.step.id, summary: message, data: { waitSeconds: wait.seconds, attempt: wait.attempt, waitedSeconds: wait.waitedSeconds, problem: wait.problem } });
      };
      let signedIn;
      try {
        signedIn = await signInWithNewCertificate({ endpoints, appId: app.appId, appName: app.name, certificate: credential, onWait, ...(this.#sleep ? { sleep: this.#sleep } : {}) });
      } finally {
        this.#working = undefined;
      }
      const { session: proven, attempts, waitedSeconds } = signedIn;
      const waited = attempts > 1 ? ` It was accepted on try ${attempts}, after waiting ${waitedSeconds} s for the new certificate to reach Entra's servers.` : '';
      try {
        const me = await proven.graph.get<{ id?: string }>(`/servicePrincipals(appId='${app.appId}')?$select=id`);
        return { summary: `The new certificate ${credential.thumbprintSha1Hex} signs in: a token was obtained and Microsoft Graph answered with it.${waited}`, facts: { thumbprint: credential.thumbprintSha1Hex, servicePrincipalId: me.id ?? '', tokenExpiresAt: proven.facts.expiresAt, attempts, waitedSeconds } };
      } finally {
        proven.signOut();
      }
    });
  }

  async #removeOldKeys(position: RotationPosition, record: RotationStepRecord, graph: GraphConnection, actor: string): Promise<void> {
    const credential = this.#requireNewCertificate(position);
    const app = await this.#appKeys(position, graph);
    // The invariant: never remove anything unless the proven certificate is on the app.
    if (!app.keyCredentials.some((k) => isKeyOf(k, credential))) {
      throw new ActionableError(`The new certificate ${credential.thumbprintSha1Hex} is not on the app, so the old one is kept.`, 'No removal was sent. Check the app in the Entra admin center; abandon this rotation and start a new one if the new certificate was removed there.');
    }
    const old = app.keyCredentials.filter((k) => !isKeyOf(k, credential));
    const listed = old.map((k) => ({ keyId: k.keyId ?? '', thumbprint: thumbprintShown(k), displayName: k.displayName ?? '' }));
    await this.#act(position, record, actor, old.length > 0 ? `Removing the old certificate${old.length > 1 ? 's' : ''} ${listed.map((k) => k.thumbprint).join(', ')} with removeKey (proof signed by the new one).` : 'Checking for old certificates: none left.', { remove: listed }, async () => {
      const requestIds: string[] = [];
      for (const key of old) requestIds.push(...ids((await removeCertificateKey(graph, { applicationObjectId: app.id, keyId: key.keyId!, signer: credential })).requestId));
      this.#tenant.replaceSimulatedSafeCertificate(position.plan.app!.appId, credential);
      return {
        summary: old.length > 0 ? `Removed the old certificate${old.length > 1 ? 's' : ''} ${listed.map((k) => k.thumbprint).join(', ')}; only the new one ${credential.thumbprintSha1Hex} (valid to ${credential.notAfter.toISOString().slice(0, 10)}) remains.` : `No old certificate was left; ${credential.thumbprintSha1Hex} is the app's only certificate.`,
        facts: { removed: listed, thumbprint: credential.thumbprintSha1Hex, notAfter: credential.notAfter.toISOString() },
        requestIds,
      };
    }, {
      what: "the app's certificates",
      read: async () => {
        const left = (await this.#appKeys(position, graph)).keyCredentials.filter((k) => old.some((o) => o.keyId === k.keyId));
        return left.length === 0 ? { applied: true, shows: `only the new certificate ${credential.thumbprintSha1Hex} is on it` } : { applied: false, shows: `${left.length} old certificate${left.length === 1 ? ' is' : 's are'} still on it` };
      },
      onApplied: () => this.#tenant.replaceSimulatedSafeCertificate(position.plan.app!.appId, credential),
    });
  }

  async #removeSecrets(position: RotationPosition, record: RotationStepRecord, graph: GraphConnection, actor: string): Promise<void> {
    const app = await this.#appKeys(position, graph);
    const secrets = app.passwordCredentials.map((p) => ({ keyId: p.keyId ?? '', displayName: p.displayName ?? '', hint: p.hint ?? '' }));
    await this.#act(position, record, actor, secrets.length > 0 ? `Removing ${secrets.length} client secret${secrets.length > 1 ? 's' : ''} (${secrets.map((s) => s.displayName || s.keyId).join(', ')}).` : 'Checking for client secrets: none.', { remove: secrets }, async () => {
      const requestIds: string[] = [];
      for (const secret of secrets) requestIds.push(...ids((await removeClientSecret(graph, { applicationObjectId: app.id, keyId: secret.keyId })).requestId));
      return { summary: secrets.length > 0 ? `Removed the client secret${secrets.length > 1 ? 's' : ''} ${secrets.map((s) => `“${s.displayName || s.keyId}”`).join(', ')}; the app has none now.` : 'The app has no client secret.', facts: { removed: secrets }, requestIds };
    }, {
      what: "the app's client secrets",
      read: async () => {
        const left = (await this.#appKeys(position, graph)).passwordCredentials.filter((p) => secrets.some((x) => x.keyId === p.keyId));
        return left.length === 0 ? { applied: true, shows: 'the app has no client secret now' } : { applied: false, shows: `${left.length} client secret${left.length === 1 ? ' is' : 's are'} still on it` };
      },
    });
  }

  /** After an unanswered addKey (or PATCH): is the new certificate on the app? */
  #newKeyReadBack(position: RotationPosition, graph: GraphConnection, credential: CertificateCredential): ReadBackPlan {
    return {
      what: "the app's certificates",
      read: async () =>
        (await this.#appKeys(position, graph)).keyCredentials.some((k) => isKeyOf(k, credential))
          ? { applied: true, shows: `the new certificate ${credential.thumbprintSha1Hex} is on it` }
          : { applied: false, shows: `the new certificate ${credential.thumbprintSha1Hex} is not on it` },
    };
  }

  async #appKeys(position: RotationPosition, graph: GraphConnection): Promise<AppKeys> {
    const app = position.plan.app!;
    const path = app.objectId ? `/applications/${app.objectId}` : `/applications(appId='${app.appId}')`;
    const found = await graph.get<Partial<AppKeys>>(`${path}?$select=id,keyCredentials,passwordCredentials`);
    return { id: found.id ?? app.objectId ?? '', keyCredentials: found.keyCredentials ?? [], passwordCredentials: found.passwordCredentials ?? [] };
  }

  #requireNewCertificate(position: RotationPosition): CertificateCredential {
    if (this.#newCertificate?.sessionId === position.sessionId) return this.#newCertificate.credential;
    const saved = doneFacts(position, 'app-certificate-saved');
    throw new ActionableError(
      `The new certificate is not open in this app run${saved?.['path'] ? ` (it was saved to ${String(saved['path'])})` : ''}.`,
      'Type the new PFX’s passphrase to open it again, then continue.',
    );
  }

  // ── plumbing ─────────────────────────────────────────────────────────────────────────────

  /** Intent, the Graph work, then the outcome – or the failure with Graph's words and request id. */
  async #act(
    position: RotationPosition,
    record: RotationStepRecord,
    actor: string,
    intent: string,
    intentFacts: JsonObject,
    work: () => Promise<{ summary: string; facts: JsonObject; requestIds?: string[] }>,
    settle?: ReadBackPlan,
  ): Promise<void> {
    this.#append(position, actor, rotationEntry(record.step, 'intent', intent, intentFacts));
    let outcome;
    try {
      outcome = await work();
    } catch (error) {
      if (settle && isUnansweredWrite(error)) return this.#settle(position, record, actor, error, settle);
      const requestId = error instanceof GraphRequestError ? error.requestId : undefined;
      const problem = describe(error);
      this.#append(position, actor, rotationEntry(record.step, 'failed', `${record.step.title} failed: ${problem}`, { problem, ...(error instanceof GraphRequestError ? { status: error.status, ...(error.code ? { graphCode: error.code } : {}) } : {}) }, ids(requestId)));
      const state = stateAfterFailure[record.step.kind] ?? 'Nothing after this step was started.';
      throw error instanceof ActionableError
        ? new ActionableError(`${record.step.title} – not done: ${error.message} ${state}`, error.nextStep, { cause: error })
        : new ActionableError(`${record.step.title} stopped: ${problem}`, 'Check the connection and continue; the step is redone from what the tenant says now.', { cause: error });
    }
    this.#append(position, actor, rotationEntry(record.step, 'done', outcome.summary, outcome.facts, outcome.requestIds ?? []));
  }

  /** A write Graph did not answer: read back, journaled, and the step done or not by what the read showed. */
  async #settle(position: RotationPosition, record: RotationStepRecord, actor: string, error: GraphRequestError, settle: ReadBackPlan): Promise<void> {
    const settled = await settleUnansweredWrite(error, settle.what, settle.read);
    const requestIds = ids(error.requestId);
    if (settled.applied) {
      settle.onApplied?.();
      this.#append(position, actor, rotationEntry(record.step, 'done', settled.sentence, settled.facts, requestIds));
      return;
    }
    this.#append(position, actor, rotationEntry(record.step, 'failed', `${record.step.title} failed: ${settled.sentence}`, { problem: settled.sentence, ...settled.facts }, requestIds));
    const state = settled.applied === false ? ` ${stateAfterFailure[record.step.kind] ?? 'Nothing after this step was started.'}` : '';
    throw new ActionableError(
      `${record.step.title} – not done: ${settled.sentence}${state}`,
      settled.applied === false ? 'Continue to try the step again.' : 'Check it in the Microsoft Entra admin center; continuing reads the tenant first and does not repeat what is already done.',
      { cause: error },
    );
  }

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
    return { accounts: inventory.accounts.map((a) => a.userPrincipalName).filter((a) => a.toLowerCase() !== account.toLowerCase()), ...(inventory.app ? { app: this.#appName(inventory.app.appId) } : {}) };
  }

  /** The signed-in session's Graph; with `action`, refused first when an account token lacks its scopes. */
  #graph(action?: DelegatedActionId): GraphConnection {
    const session = this.#signIn.session;
    if (!session) throw new ActionableError('Nobody is signed in, so the rotation cannot act on the tenant.', 'Sign in on this screen with a break-glass credential (the app’s current certificate, or an account and its key).');
    if (action) session.ensureDelegated(action);
    return session.graph;
  }

  #userRef(position: RotationPosition, upn: string): string {
    return position.plan.accounts.find((a) => a.userPrincipalName === upn)?.id ?? upn;
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
      throw new ActionableError(`That is not the current step${record ? ` (now: ${record.step.title})` : ''}.`, 'Finish the step on screen first.');
    }
    return { position, record };
  }

  async #exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.#busy) throw new ActionableError('A rotation step is already running.', 'Wait for it to finish; its result will be on screen.');
    this.#busy = true;
    try {
      return await work();
    } finally {
      this.#busy = false;
    }
  }

  #append(position: RotationPosition, actor: string, draft: RotationEntryDraft | { kind: 'note'; stepId: string; summary: string; data: JsonObject }): void {
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
    if (!position) throw new ActionableError(`Journal session ${session.id} is a rotation without a readable plan.`, 'Abandon it from the journal and begin a new rotation.');
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

  /** `<app>-<date>.pfx`, or `<app>-<date>-2.pfx` … when a file of that name is already in the folder (never overwritten). */
  #suggestedFileName(plan: RotationPlan, folder?: string): string {
    const slug = (plan.app?.name ?? 'break-glass-app').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    const base = `${slug}-${new Date().toISOString().slice(0, 10)}`;
    for (let n = 1; ; n += 1) {
      const name = n === 1 ? `${base}.pfx` : `${base}-${n}.pfx`;
      if (!folder || !existsSync(join(folder, name))) return name;
    }
  }

  #activeView(position: RotationPosition): ActiveRotationView {
    const stepView = (r: RotationStepRecord): RotationStepView => ({
      id: r.step.id,
      kind: r.step.kind,
      ...(r.step.account ? { account: r.step.account } : {}),
      ...(r.step.item ? { item: r.step.item } : {}),
      subject: r.step.subject,
      label: r.step.label,
      title: r.step.title,
      status: r.status,
      ...(r.at ? { at: r.at } : {}),
      ...(r.by ? { by: r.by } : {}),
      ...(r.summary ? { summary: r.summary } : {}),
      ...(r.problem ? { problem: r.problem } : {}),
      ...(r.facts ? { facts: r.facts } : {}),
      ...(r.requestIds ? { requestIds: [...r.requestIds] } : {}),
    });
    const saved = doneFacts(position, 'app-certificate-saved');
    const needsCertificate = saved && typeof saved['path'] === 'string' && this.#newCertificate?.sessionId !== position.sessionId && position.current && ['app-key-added', 'app-new-key-proven', 'app-old-keys-removed'].includes(position.current.step.kind);
    const current = position.current;
    const certificatePath = this.#tenant.certificatePath();
    const suggestedFolder = certificatePath ? dirname(certificatePath) : dirname(this.#journal.location().file);
    const closedDetails = position.closed?.details ?? {};
    const accountStep = current && ['account-password', 'account-sessions-revoked', 'account-methods-reviewed'].includes(current.step.kind) ? position.plan.accounts.find((a) => a.userPrincipalName === current.step.account) : undefined;
    const ownSession = accountStep && isOwnSession(this.#signIn.session?.facts, accountStep) ? { account: accountStep.userPrincipalName, ...ownSessionProblem(accountStep.userPrincipalName, this.#otherCredentials(accountStep.userPrincipalName)) } : undefined;
    const verdictFacts = doneFacts(position, 'readiness') as RotationVerdict | undefined;
    return {
      sessionId: position.sessionId,
      openedAt: position.openedAt,
      openedBy: position.openedBy,
      ...(position.witness ? { witness: position.witness } : {}),
      accounts: position.plan.accounts.map((a) => a.userPrincipalName),
      ...(position.plan.app ? { app: { appId: position.plan.app.appId, name: position.plan.app.name } } : {}),
      ...(position.plan.since ? { since: position.plan.since } : {}),
      reasons: [...position.plan.reasons],
      steps: position.steps.map(stepView),
      ...(current ? { current: stepView(current) } : {}),
      ...(needsCertificate ? { reopenCertificate: { path: String(saved['path']), thumbprint: String(saved['thumbprint']) } } : {}),
      ...(this.#working?.sessionId === position.sessionId ? { working: { stepId: this.#working.stepId, message: this.#working.message } } : {}),
      ...(ownSession ? { ownSession } : {}),
      passwordWaiting: current?.step.kind === 'account-password' && this.#passwords.has(`${position.sessionId}|${current.step.account}`),
      suggestedFolder,
      suggestedFileName: this.#suggestedFileName(position.plan, suggestedFolder),
      irregularities: [...position.irregularities],
      ...(position.closed
        ? {
            closed: {
              at: position.closed.at,
              by: position.closed.by,
              ...(typeof closedDetails['abandoned'] === 'string' ? { abandoned: closedDetails['abandoned'] } : {}),
              ...(verdictFacts && typeof verdictFacts.checkSessionId === 'string' ? { verdict: { checkSessionId: verdictFacts.checkSessionId, verdict: verdictFacts.verdict, sound: verdictFacts.sound, summary: verdictFacts.summary, failing: verdictFacts.failing, warnings: verdictFacts.warnings ?? [] } } : {}),
            },
          }
        : {}),
    };
  }
}

function ids(requestId: string | undefined): string[] {
  return requestId ? [requestId] : [];
}

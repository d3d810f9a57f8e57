/**
 * Emergency sign-in as the app offers it: one attempt at a time, journaled before it starts and
 * when it ends (who, how, with which account or certificate, the outcome with its AADSTS code and
 * trace id – never a token, PIN or passphrase), its progress polled by the renderer, and one
 * signed-in session kept in this process until sign-out or exit.
 */
import { randomUUID } from 'node:crypto';

import { unavailableActions } from '../../core/graph/delegated-permissions.ts';
import type { JsonObject } from '../../core/journal/model.ts';
import { findDirectoryRole, globalAdministratorRoleId } from '../../shared/directory-roles.ts';
import { ActionableError } from '../../shared/actionable-error.ts';
import type { SessionView, SignInOptions, SignInProgress, SignInRequest } from '../../shared/model/sign-in.ts';
import {
  CertificateCredentialError,
  loadCertificateCredential,
  type CertificateCredential,
} from '../credentials/certificate-credential.ts';
import { SignInError, signInWithCertificate, signInWithSecurityKey } from '../entra/sign-in.ts';
import type { TenantEndpoints } from '../entra/endpoints.ts';
import type { SessionFacts, TenantSession } from '../entra/tenant-session.ts';
import type { GraphWait } from '../entra/throttle-retry.ts';
import { SessionWriter, type SessionSigner } from '../journal/session-writer.ts';
import type { JournalService } from './journal-service.ts';
import type { TenantConnection } from './tenant-connection.ts';

/** How the app opens the security-key page: Electron's shell.openExternal; absent in the web host. */
export type OpenExternal = (url: string) => Promise<void>;

type Attempt = { id: string; progress: SignInProgress };
/** Where a sign-in is journaled; `owned`: the sign-in opened that session and closes it. */
export type Recorder = SessionSigner & { readonly owned?: boolean };

function sessionView(facts: SessionFacts, confirmed: { displayName?: string; graphProblem?: string } = {}): SessionView {
  return {
    ...confirmed,
    kind: facts.kind,
    method: facts.method,
    who: facts.who,
    objectId: facts.objectId,
    tenantId: facts.tenantId,
    directoryRoles: facts.directoryRoleIds.map((id) => findDirectoryRole(id)?.displayName ?? id),
    holdsGlobalAdministrator: facts.directoryRoleIds.some((id) => id.toLowerCase() === globalAdministratorRoleId),
    permissions: [...facts.permissions],
    ...(facts.kind === 'user'
      ? { unavailableActions: unavailableActions(facts.permissions).map((a) => ({ ...a, missing: [...a.missing] })) }
      : {}),
    ...(facts.credential ? { credential: facts.credential } : {}),
    signedInAt: facts.signedInAt,
    expiresAt: facts.expiresAt,
  };
}

/** What the journal keeps of a failed sign-in: Microsoft's words and ids, for support and auditors. */
function failureData(explanation: SignInError['explanation']): JsonObject {
  return {
    outcome: 'failed',
    title: explanation.title,
    // Not `code`: that name is declared secret (an authorization code) and would be redacted.
    ...(explanation.code ? { aadstsCode: explanation.code } : {}),
    ...(explanation.traceId ? { traceId: explanation.traceId } : {}),
    ...(explanation.correlationId ? { correlationId: explanation.correlationId } : {}),
    ...(explanation.microsoftMessage ? { microsoftMessage: explanation.microsoftMessage } : {}),
  };
}

/** Reads who we are through Graph: proof the token works there, and the name Graph knows. */
async function confirmAccess(session: TenantSession): Promise<{ displayName?: string; graphProblem?: string }> {
  const { facts } = session;
  try {
    const path =
      facts.kind === 'user'
        ? '/me?$select=id,displayName,userPrincipalName'
        : `/servicePrincipals(appId='${facts.appId}')?$select=id,displayName`;
    const found = await session.graph.get<{ displayName?: string | null }>(path);
    return found.displayName ? { displayName: found.displayName } : {};
  } catch (error) {
    return { graphProblem: error instanceof ActionableError ? `${error.message} ${error.nextStep}` : describe(error) };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs once a sign-in succeeded and is journaled, before the screen hears of it; must not throw. */
export type AfterSignIn = (session: TenantSession, progress: (detail: string) => void) => Promise<void>;

export class SignInService {
  readonly #tenant: TenantConnection;
  readonly #journal: JournalService;
  readonly #openExternal: OpenExternal | undefined;
  readonly #attempts = new Map<string, Attempt>();
  #current: { session: TenantSession; recorder: Recorder | undefined; certificate?: CertificateCredential } | undefined;
  #running = false;

  constructor(options: { tenant: TenantConnection; journal: JournalService; openExternal?: OpenExternal }) {
    this.#tenant = options.tenant;
    this.#journal = options.journal;
    this.#openExternal = options.openExternal;
  }

  /** The signed-in session, for the flows that act on the tenant (main process only). */
  get session(): TenantSession | undefined {
    return this.#current?.session;
  }

  /**
   * The certificate the signed-in app session was opened with (main process only): rotation signs
   * addKey's proof of possession with it. Undefined for a user session.
   */
  get certificate(): CertificateCredential | undefined {
    return this.#current?.certificate;
  }

  /** The journal session the signed-in work is recorded in (the emergency sign-in's), if any. */
  get record(): Readonly<Recorder> | undefined {
    return this.#current?.recorder;
  }

  options(): SignInOptions {
    const base = {
      tenantLabel: this.#tenant.label,
      simulated: this.#tenant.simulated,
      ...(this.#current ? { signedIn: sessionView(this.#current.session.facts) } : {}),
    };
    let inventory;
    try {
      inventory = this.#tenant.inventory();
    } catch (error) {
      if (!(error instanceof ActionableError)) throw error;
      return { ...base, accounts: [], problem: { message: error.message, nextStep: error.nextStep } };
    }
    const app = inventory.app;
    const certificatePath = this.#tenant.certificatePath();
    return {
      ...base,
      accounts: inventory.accounts.map((a) => ({ userPrincipalName: a.userPrincipalName })),
      ...(app
        ? {
            app: {
              appId: app.appId,
              label: this.#tenant.appName(app.appId) ?? `App ${app.appId}`,
              simulatedSafe: this.#tenant.simulatedSafeCertificate(app.appId) !== undefined,
              ...(certificatePath ? { certificatePath } : {}),
            },
          }
        : {}),
    };
  }

  /**
   * Starts an attempt; its progress is read with `progress`. With `record`, the attempt is
   * journaled in that (incident) session, which the sign-in never closes; otherwise in a session
   * of its own.
   */
  start(
    request: SignInRequest,
    options: { readonly record?: Omit<Recorder, 'owned'>; readonly afterSignIn?: AfterSignIn } = {},
  ): { attemptId: string } {
    if (this.#running)
      throw new ActionableError('A sign-in is already in progress.', 'Finish or cancel it in the browser window first, then try again.');
    const attempt: Attempt = { id: randomUUID(), progress: { state: 'working', detail: 'Starting the sign-in…' } };
    this.#attempts.set(attempt.id, attempt);
    this.#running = true;
    void this.#run(attempt, request, options.record, options.afterSignIn).finally(() => {
      this.#running = false;
    });
    return { attemptId: attempt.id };
  }

  progress(attemptId: string): SignInProgress {
    const attempt = this.#attempts.get(attemptId);
    if (!attempt) throw new ActionableError('That sign-in attempt is not known (the app may have restarted).', 'Start the sign-in again.');
    return attempt.progress;
  }

  signOut(actor: string): { signedOut: boolean } {
    const current = this.#current;
    if (!current) return { signedOut: false };
    current.session.signOut();
    this.#current = undefined;
    if (current.recorder) {
      this.#record(
        current.recorder,
        {
          kind: 'note',
          stepId: 'sign-out',
          summary: `Signed out ${current.session.facts.who}; the app holds no token for the tenant any more.`,
          data: {},
        },
        actor,
      );
      if (current.recorder.owned)
        this.#tryJournal(() => this.#journal.store.closeSession(current.recorder!.sessionId, { actor: actor || current.recorder!.actor }));
    }
    return { signedOut: true };
  }

  close(): void {
    this.#current?.session.signOut();
    this.#current = undefined;
  }

  async #run(
    attempt: Attempt,
    request: SignInRequest,
    given: Omit<Recorder, 'owned'> | undefined,
    afterSignIn: AfterSignIn | undefined,
  ): Promise<void> {
    const set = (progress: SignInProgress) => (attempt.progress = progress);
    const what =
      request.method === 'security-key' ? `${request.userPrincipalName} with its security key` : 'the break-glass app with its certificate';
    let recorder: Recorder | undefined;
    let unrecorded: string | undefined;
    try {
      recorder = given ? { ...given, owned: false } : this.#openRecord(request);
    } catch (error) {
      unrecorded = describe(error);
    }
    try {
      const inventory = this.#tenant.inventory();
      let certificate: CertificateCredential | undefined;
      if (request.method === 'certificate') certificate = this.#certificate(request, inventory.app?.appId);
      const startedSummary = `Sign-in attempt: ${what}${certificate ? ` (${certificate.subject}, thumbprint ${certificate.thumbprintSha1Hex})` : ''}.`;
      unrecorded ??= this.#record(recorder, {
        kind: 'sign-in-attempt',
        summary: startedSummary,
        data: {
          method: request.method,
          tenant: this.#tenant.label,
          ...(request.method === 'security-key' ? { account: request.userPrincipalName } : { appId: inventory.app?.appId ?? '' }),
        },
      });
      set({
        state: 'working',
        detail: this.#tenant.simulated
          ? 'Starting the simulated tenant and contacting its sign-in service…'
          : 'Contacting Microsoft Entra…',
      });
      const endpoints = await this.#tenant.endpoints();
      const context = { otherAccountAvailable: inventory.accounts.length > 1, appPathAvailable: Boolean(inventory.app) };
      // Throttling is waited out as Graph asks, and said on screen while this attempt runs.
      const retry = {
        onWait: (wait: GraphWait) =>
          attempt.progress.state === 'working' &&
          set({ state: 'working', detail: `Waiting ${Math.ceil(wait.seconds)} s for Microsoft Graph: it asked to slow down.` }),
      };
      let session: TenantSession;
      if (request.method === 'certificate') {
        const appName = this.#tenant.appName(inventory.app!.appId);
        session = await signInWithCertificate({
          endpoints,
          appId: inventory.app!.appId,
          certificate: certificate!,
          context,
          retry,
          ...(appName ? { appName } : {}),
        });
      } else {
        session = await this.#securityKey(request, { endpoints, context, retry, set, recorder });
      }
      set({ state: 'working', detail: 'Signed in. Checking that Microsoft Graph answers…' });
      const confirmed = await confirmAccess(session);
      this.#current?.session.signOut();
      this.#current = { session, recorder, ...(certificate ? { certificate } : {}) };
      const view = sessionView(session.facts, confirmed);
      const roles = view.directoryRoles.length > 0 ? view.directoryRoles.join(', ') : 'no directory role';
      const cannot = view.unavailableActions ?? [];
      const cannotSay =
        cannot.length > 0
          ? ` Will not work with this sign-in (delegated permission missing): ${cannot.map((a) => `${a.title} (${a.missing.join(', ')})`).join('; ')}.`
          : '';
      unrecorded ??= this.#record(recorder, {
        kind: 'sign-in-result',
        summary: `Signed in as ${view.who} (${roles}).${cannotSay}`,
        data: {
          outcome: 'signed-in',
          method: view.method,
          who: view.who,
          objectId: view.objectId,
          directoryRoles: view.directoryRoles,
          ...(view.kind === 'user' ? { scopes: view.permissions, unavailableActions: cannot.map((a) => a.action) } : {}),
          ...(view.credential ? { certificate: view.credential } : {}),
          ...(view.displayName ? { graphDisplayName: view.displayName } : {}),
          ...(view.graphProblem ? { graphProblem: view.graphProblem } : {}),
        },
      });
      // Work the caller needs done with the first session before anything else (the incident's method record); it journals its own failures.
      if (afterSignIn) await afterSignIn(session, (detail) => set({ state: 'working', detail }));
      set({ state: 'signed-in', session: view, ...(unrecorded ? { unrecorded } : {}) });
    } catch (error) {
      if (error instanceof SignInError) {
        const { explanation } = error;
        unrecorded ??= this.#record(recorder, {
          kind: 'sign-in-result',
          summary: `Sign-in failed${explanation.code ? ` (AADSTS${explanation.code})` : ''}: ${explanation.title}.`,
          data: failureData(explanation),
        });
        const { known: _known, stillWaiting: _waiting, ...view } = explanation;
        set({ state: 'failed', explanation: view, ...(unrecorded ? { unrecorded } : {}) });
      } else {
        const message = error instanceof ActionableError ? error.message : `The sign-in could not be started: ${describe(error)}`;
        const nextStep =
          error instanceof ActionableError ? error.nextStep : 'Try again; if it fails again, use the printed runbook in the safe.';
        this.#record(recorder, {
          kind: 'sign-in-result',
          summary: `Sign-in not attempted: ${message}`,
          data: { outcome: 'refused', ...(error instanceof CertificateCredentialError ? { reason: error.reason } : {}) },
        });
        set({ state: 'refused', message, nextStep });
      }
      if (recorder?.owned && this.#current?.recorder?.sessionId !== recorder.sessionId)
        this.#tryJournal(() => this.#journal.store.closeSession(recorder!.sessionId, { actor: recorder!.actor }));
    }
  }

  /** The system browser (opened by the app, or by the renderer in the web host); a device code when asked or when no browser opens. */
  async #securityKey(
    request: Extract<SignInRequest, { method: 'security-key' }>,
    run: {
      endpoints: TenantEndpoints;
      context: { otherAccountAvailable: boolean; appPathAvailable: boolean };
      retry: { onWait: (wait: GraphWait) => unknown };
      set: (progress: SignInProgress) => void;
      recorder: Recorder | undefined;
    },
  ): Promise<TenantSession> {
    const { endpoints, set } = run;
    const base = {
      endpoints,
      clientId: this.#tenant.publicClientId(),
      userPrincipalName: request.userPrincipalName,
      context: run.context,
      retry: run.retry,
    };
    const withDeviceCode = () => signInWithSecurityKey({ ...base, onDeviceCode: (prompt) => set({ state: 'device-code', ...prompt }) });
    if (request.deviceCode) return withDeviceCode();
    const open = this.#openExternal;
    let browserProblem: unknown;
    try {
      return await signInWithSecurityKey({
        ...base,
        openBrowser: async (url) => {
          // Only ever the tenant's own sign-in page: msal builds it from the configured authority.
          if (new URL(url).origin !== new URL(endpoints.authority).origin)
            throw new Error(`Refusing to open ${new URL(url).origin}: it is not the tenant's sign-in service.`);
          if (open) {
            try {
              await open(url);
            } catch (error) {
              browserProblem = error;
              throw error;
            }
          }
          set({ state: 'browser', url, openedByApp: Boolean(open) });
        },
      });
    } catch (error) {
      if (browserProblem === undefined) throw error;
      this.#record(run.recorder, {
        kind: 'note',
        stepId: 'device-code-fallback',
        summary: `No browser could be opened (${describe(browserProblem)}); signing in with a device code instead.`,
        data: {},
      });
      return withDeviceCode();
    }
  }

  #certificate(request: Extract<SignInRequest, { method: 'certificate' }>, appId: string | undefined): CertificateCredential {
    if (!appId)
      throw new ActionableError(
        'The inventory names no break-glass app, so there is no certificate path.',
        'Sign in with a break-glass account and its security key, or add "app" to the inventory file.',
      );
    if (request.source.kind === 'simulated-safe') {
      const certificate = this.#tenant.simulatedSafeCertificate(appId);
      if (!certificate)
        throw new ActionableError(
          'There is no simulated safe here: this is a real tenant.',
          'Choose the PFX file from the safe’s media and type its passphrase.',
        );
      return certificate;
    }
    return loadCertificateCredential({
      path: request.source.path,
      ...(request.source.passphrase ? { passphrase: request.source.passphrase } : {}),
    });
  }

  /** A journal session per sign-in: a drill on a simulated tenant, an incident otherwise. */
  #openRecord(request: SignInRequest): Recorder {
    const witness = request.witness ? { witness: request.witness } : {};
    const kind = this.#tenant.simulated ? 'drill' : 'incident';
    const session = this.#journal.store.openSession({
      kind,
      title: `Emergency sign-in to ${this.#tenant.label}`,
      actor: request.custodian,
      ...witness,
    });
    return { sessionId: session.id, actor: request.custodian, ...witness, owned: true };
  }

  /** Appends to the journal; returns why it could not, or undefined. */
  #record(
    recorder: Recorder | undefined,
    entry: { kind: 'sign-in-attempt' | 'sign-in-result' | 'note'; summary: string; data: JsonObject; stepId?: string },
    actor?: string,
  ): string | undefined {
    if (!recorder) return 'The journal is not available.';
    return this.#tryJournal(() =>
      new SessionWriter(this.#journal.store, recorder).append(
        { kind: entry.kind, summary: entry.summary, data: entry.data, ...(entry.stepId ? { stepId: entry.stepId } : {}) },
        actor,
      ),
    );
  }

  #tryJournal(write: () => unknown): string | undefined {
    try {
      write();
      return undefined;
    } catch (error) {
      return `The journal could not record this: ${describe(error)}`;
    }
  }
}

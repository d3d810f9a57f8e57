/**
 * Emergency sign-in as the app offers it: one attempt at a time, journaled before it starts and
 * when it ends (who, how, with which account or certificate, the outcome with its AADSTS code and
 * trace id – never a token, PIN or passphrase), its progress polled by the renderer, and one
 * signed-in session kept in this process until sign-out or exit.
 *
 * This file runs the attempt; the two ways in are certificate-sign-in.ts and
 * security-key-sign-in.ts, the journal entries are sign-in-journal.ts, and what the screen is
 * told of the session is sign-in-view.ts.
 */
import { randomUUID } from 'node:crypto';

import { ActionableError } from '../../shared/actionable-error.ts';
import type { SignInOptions, SignInProgress, SignInRequest } from '../../shared/model/sign-in.ts';
import { CertificateCredentialError, type CertificateCredential } from '../credentials/certificate-credential.ts';
import { SignInError } from '../entra/sign-in.ts';
import type { TenantSession } from '../entra/tenant-session.ts';
import type { GraphWait } from '../entra/throttle-retry.ts';
import { certificateSignIn, chosenCertificate, type SignInPath } from './certificate-sign-in.ts';
import type { JournalService } from './journal-service.ts';
import { securityKeySignIn, type OpenExternal } from './security-key-sign-in.ts';
import { attemptEntry, failedEntry, signedInEntry, SignInJournal, type Recorder } from './sign-in-journal.ts';
import { confirmAccess, describe, sessionView } from './sign-in-view.ts';
import type { TenantConnection } from './tenant-connection.ts';

export type { OpenExternal } from './security-key-sign-in.ts';
export type { Recorder } from './sign-in-journal.ts';

type Attempt = { id: string; progress: SignInProgress };

/** Runs once a sign-in succeeded and is journaled, before the screen hears of it; must not throw. */
export type AfterSignIn = (session: TenantSession, progress: (detail: string) => void) => Promise<void>;

/**
 * Where an attempt is journaled: in the runbook's session that asked for it (an incident, a
 * rotation), or – for a sign-in outside the runbooks – in a session of its own, opened with why.
 */
export type SignInRecord = { readonly record: Omit<Recorder, 'owned'>; readonly afterSignIn?: AfterSignIn } | { readonly reason: string };

function outsideReason(reason: string): string {
  if (reason.trim()) return reason.trim();
  throw new ActionableError(
    'A sign-in outside the runbook needs a reason.',
    'Say why you are signing in (for example "checking the certificate after the audit"), or open the incident from the home screen.',
  );
}

export class SignInService {
  readonly #tenant: TenantConnection;
  readonly #record: SignInJournal;
  readonly #openExternal: OpenExternal | undefined;
  readonly #attempts = new Map<string, Attempt>();
  #current: { session: TenantSession; recorder: Recorder | undefined; certificate?: CertificateCredential } | undefined;
  #running = false;

  constructor(options: { tenant: TenantConnection; journal: JournalService; openExternal?: OpenExternal }) {
    this.#tenant = options.tenant;
    this.#record = new SignInJournal(options.journal);
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
   * journaled in that (incident or rotation) session, which the sign-in never closes; with
   * `reason`, in a session of its own (kind `sign-in`), closed at sign-out or when it fails.
   */
  start(request: SignInRequest, options: SignInRecord): { attemptId: string } {
    const record = 'record' in options ? options.record : { reason: outsideReason(options.reason) };
    if (this.#running)
      throw new ActionableError('A sign-in is already in progress.', 'Finish or cancel it in the browser window first, then try again.');
    const attempt: Attempt = { id: randomUUID(), progress: { state: 'working', detail: 'Starting the sign-in…' } };
    this.#attempts.set(attempt.id, attempt);
    this.#running = true;
    void this.#run(attempt, request, record, 'record' in options ? options.afterSignIn : undefined).finally(() => {
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
      this.#record.record(
        current.recorder,
        {
          kind: 'note',
          stepId: 'sign-out',
          summary: `Signed out ${current.session.facts.who}; the app holds no token for the tenant any more.`,
          data: {},
        },
        actor,
      );
      if (current.recorder.owned) this.#record.close(current.recorder, actor);
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
    given: Omit<Recorder, 'owned'> | { readonly reason: string },
    afterSignIn: AfterSignIn | undefined,
  ): Promise<void> {
    const set = (progress: SignInProgress) => (attempt.progress = progress);
    let recorder: Recorder | undefined;
    let unrecorded: string | undefined;
    try {
      recorder = 'reason' in given ? this.#record.open(request, given.reason, this.#tenant) : { ...given, owned: false };
    } catch (error) {
      unrecorded = describe(error);
    }
    try {
      const inventory = this.#tenant.inventory();
      const appId = inventory.app?.appId;
      const certificate = request.method === 'certificate' ? chosenCertificate(this.#tenant, request, appId) : undefined;
      unrecorded ??= this.#record.record(recorder, attemptEntry(request, this.#tenant.label, appId, certificate));
      set({
        state: 'working',
        detail: this.#tenant.simulated
          ? 'Starting the simulated tenant and contacting its sign-in service…'
          : 'Contacting Microsoft Entra…',
      });
      const path: SignInPath = {
        endpoints: await this.#tenant.endpoints(),
        context: { otherAccountAvailable: inventory.accounts.length > 1, appPathAvailable: Boolean(inventory.app) },
        // Throttling is waited out as Graph asks, and said on screen while this attempt runs.
        retry: {
          onWait: (wait: GraphWait) =>
            attempt.progress.state === 'working' &&
            set({ state: 'working', detail: `Waiting ${Math.ceil(wait.seconds)} s for Microsoft Graph: it asked to slow down.` }),
        },
      };
      const session =
        request.method === 'certificate'
          ? await certificateSignIn(this.#tenant, path, { appId: appId!, certificate: certificate! })
          : await securityKeySignIn(request, path, {
              clientId: this.#tenant.publicClientId(),
              openExternal: this.#openExternal,
              set,
              onDeviceCodeFallback: (browserProblem) =>
                this.#record.record(recorder, {
                  kind: 'note',
                  stepId: 'device-code-fallback',
                  summary: `No browser could be opened (${describe(browserProblem)}); signing in with a device code instead.`,
                  data: {},
                }),
            });
      set({ state: 'working', detail: 'Signed in. Checking that Microsoft Graph answers…' });
      const confirmed = await confirmAccess(session);
      this.#current?.session.signOut();
      this.#current = { session, recorder, ...(certificate ? { certificate } : {}) };
      const view = sessionView(session.facts, confirmed);
      unrecorded ??= this.#record.record(recorder, signedInEntry(view));
      // Work the caller needs done with the first session before anything else (the incident's method record); it journals its own failures.
      if (afterSignIn) await afterSignIn(session, (detail) => set({ state: 'working', detail }));
      set({ state: 'signed-in', session: view, ...(unrecorded ? { unrecorded } : {}) });
    } catch (error) {
      if (error instanceof SignInError) {
        const { explanation } = error;
        unrecorded ??= this.#record.record(recorder, failedEntry(explanation));
        const { known: _known, stillWaiting: _waiting, ...view } = explanation;
        set({ state: 'failed', explanation: view, ...(unrecorded ? { unrecorded } : {}) });
      } else {
        const message = error instanceof ActionableError ? error.message : `The sign-in could not be started: ${describe(error)}`;
        const nextStep =
          error instanceof ActionableError ? error.nextStep : 'Try again; if it fails again, use the printed runbook in the safe.';
        this.#record.record(recorder, {
          kind: 'sign-in-result',
          summary: `Sign-in not attempted: ${message}`,
          data: { outcome: 'refused', ...(error instanceof CertificateCredentialError ? { reason: error.reason } : {}) },
        });
        set({ state: 'refused', message, nextStep });
      }
      if (recorder?.owned && this.#current?.recorder?.sessionId !== recorder.sessionId) this.#record.close(recorder);
    }
  }
}

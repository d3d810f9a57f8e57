/**
 * How a sign-in is journaled (docs/domain.md, "Journal rules"): the attempt before
 * Entra is contacted, the outcome after – who, how, with which account or certificate, the
 * AADSTS code and trace id – never a token, PIN or passphrase. When the journal cannot be
 * written the sign-in still proceeds, and the screen is told why it went unrecorded.
 */
import type { JsonObject } from '../../core/journal/model.ts';
import type { SessionView, SignInRequest } from '../../shared/model/sign-in.ts';
import type { CertificateCredential } from '../credentials/certificate-credential.ts';
import type { SignInError } from '../entra/sign-in.ts';
import { SessionWriter, type SessionSigner } from '../journal/session-writer.ts';
import type { JournalService } from './journal-service.ts';
import { describe } from './sign-in-view.ts';

/** Where a sign-in is journaled; `owned`: the sign-in opened that session and closes it. */
export type Recorder = SessionSigner & { readonly owned?: boolean };

export type SignInEntry = { kind: 'sign-in-attempt' | 'sign-in-result' | 'note'; summary: string; data: JsonObject; stepId?: string };

export class SignInJournal {
  readonly #journal: JournalService;

  constructor(journal: JournalService) {
    this.#journal = journal;
  }

  /**
   * The session of a sign-in outside the runbooks: kind `sign-in`, on a real tenant as on the
   * simulated one, opened with the custodian's reason; it takes no classification, so sign-out
   * can always close it.
   */
  open(request: SignInRequest, reason: string, tenant: { readonly label: string; readonly simulated: boolean }): Recorder {
    const witness = request.witness ? { witness: request.witness } : {};
    const session = this.#journal.store.openSession({
      kind: 'sign-in',
      title: `Sign-in outside the runbook to ${tenant.label}`,
      actor: request.custodian,
      ...witness,
      details: { reason, simulated: tenant.simulated },
    });
    return { sessionId: session.id, actor: request.custodian, ...witness, owned: true };
  }

  /** Appends to the journal; returns why it could not, or undefined. */
  record(recorder: Recorder | undefined, entry: SignInEntry, actor?: string): string | undefined {
    if (!recorder) return 'The journal is not available.';
    return this.#try(() =>
      new SessionWriter(this.#journal.store, recorder).append(
        { kind: entry.kind, summary: entry.summary, data: entry.data, ...(entry.stepId ? { stepId: entry.stepId } : {}) },
        actor,
      ),
    );
  }

  /** Closes the session the sign-in opened (`owned`); returns why it could not, or undefined. */
  close(recorder: Recorder, actor?: string): string | undefined {
    return this.#try(() => this.#journal.store.closeSession(recorder.sessionId, { actor: actor || recorder.actor }));
  }

  #try(write: () => unknown): string | undefined {
    try {
      write();
      return undefined;
    } catch (error) {
      return `The journal could not record this: ${describe(error)}`;
    }
  }
}

/** The attempt, journaled before Entra is contacted. */
export function attemptEntry(
  request: SignInRequest,
  tenantLabel: string,
  appId: string | undefined,
  certificate: CertificateCredential | undefined,
): SignInEntry {
  const what =
    request.method === 'security-key' ? `${request.userPrincipalName} with its security key` : 'the break-glass app with its certificate';
  return {
    kind: 'sign-in-attempt',
    summary: `Sign-in attempt: ${what}${certificate ? ` (${certificate.subject}, thumbprint ${certificate.thumbprintSha1Hex})` : ''}.`,
    data: {
      method: request.method,
      tenant: tenantLabel,
      ...(request.method === 'security-key' ? { account: request.userPrincipalName } : { appId: appId ?? '' }),
    },
  };
}

/** A sign-in that succeeded: who, which roles, and what the token cannot do. */
export function signedInEntry(view: SessionView): SignInEntry {
  const roles = view.directoryRoles.length > 0 ? view.directoryRoles.join(', ') : 'no directory role';
  const cannot = view.unavailableActions ?? [];
  const cannotSay =
    cannot.length > 0
      ? ` Will not work with this sign-in (delegated permission missing): ${cannot.map((a) => `${a.title} (${a.missing.join(', ')})`).join('; ')}.`
      : '';
  return {
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
  };
}

/** What the journal keeps of a failed sign-in: Microsoft's words and ids, for support and auditors. */
export function failedEntry(explanation: SignInError['explanation']): SignInEntry {
  return {
    kind: 'sign-in-result',
    summary: `Sign-in failed${explanation.code ? ` (AADSTS${explanation.code})` : ''}: ${explanation.title}.`,
    data: {
      outcome: 'failed',
      title: explanation.title,
      // Not `code`: that name is declared secret (an authorization code) and would be redacted.
      ...(explanation.code ? { aadstsCode: explanation.code } : {}),
      ...(explanation.traceId ? { traceId: explanation.traceId } : {}),
      ...(explanation.correlationId ? { correlationId: explanation.correlationId } : {}),
      ...(explanation.microsoftMessage ? { microsoftMessage: explanation.microsoftMessage } : {}),
    },
  };
}

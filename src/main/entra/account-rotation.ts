/**
 * The Graph writes that rotate a break-glass *user account* after use (docs/domain.md, "Rotation after use";
 * docs/microsoft-behaviour.md, "Authentication methods and sessions"):
 * - the new password through `PATCH /users/{id}` with `passwordProfile` (option B: the only reset
 *   an application may perform; the authentication-methods resetPassword API is delegated-only).
 *   `forceChangePasswordNextSignIn` is false on purpose: the sealed envelope must open the
 *   account in the next emergency, not lead to a change-password prompt at 3 a.m.;
 * - `POST /users/{id}/revokeSignInSessions`, which Graph documents as answering 200 but may
 *   answer another 2xx (the doc's known issue), so any 2xx counts;
 * - the registered methods, and the FIDO2 registrations removed one by one with
 *   `DELETE …/fido2Methods/{id}` (204).
 *
 * The password passes through here to Graph and nowhere else: it is never part of a result, an
 * error or a journal entry.
 */
import { createHash } from 'node:crypto';

import type { GraphConnection, GraphWriteResult } from './graph-connection.ts';

export type RegisteredMethod = {
  readonly id: string;
  /** "fido2", "password", "microsoftAuthenticator", … – the @odata.type without its prefix and suffix. */
  readonly kind: string;
  readonly displayName: string | undefined;
  readonly createdDateTime: string | undefined;
  readonly model: string | undefined;
  /**
   * A short hash of the phone number or email address, never the value: phone and email ids are
   * fixed per type (resources/phoneauthenticationmethod.md), so only this shows a changed number.
   */
  readonly fingerprint: string | undefined;
};

const typePrefix = '#microsoft.graph.';
const typeSuffix = 'AuthenticationMethod';

export async function registeredMethods(graph: GraphConnection, userId: string): Promise<RegisteredMethod[]> {
  const methods = await graph.list<Record<string, unknown>>(`/users/${encodeURIComponent(userId)}/authentication/methods`);
  return methods.map((m) => {
    const type = typeof m['@odata.type'] === 'string' ? m['@odata.type'] : '';
    const kind = type.startsWith(typePrefix) && type.endsWith(typeSuffix) ? type.slice(typePrefix.length, -typeSuffix.length) : type;
    const text = (name: string) => (typeof m[name] === 'string' ? (m[name] as string) : undefined);
    const value = text('phoneNumber') ?? text('emailAddress');
    const fingerprint =
      value === undefined
        ? undefined
        : createHash('sha256')
            .update(`${String(m['id'])}\n${value.replace(/\s+/g, '').toLowerCase()}`)
            .digest('hex')
            .slice(0, 16);
    return {
      id: String(m['id']),
      kind,
      displayName: text('displayName'),
      createdDateTime: text('createdDateTime'),
      model: text('model'),
      fingerprint,
    };
  });
}

/** When the password last changed and from when sign-in sessions count: how an unanswered reset or revoke is read back. */
export async function accountTimestamps(
  graph: GraphConnection,
  userId: string,
): Promise<{ passwordChanged: string | null; sessionsValidFrom: string | null }> {
  // Both are returned only on $select (resources/user: lastPasswordChangeDateTime, signInSessionsValidFromDateTime).
  const user = await graph.get<{ lastPasswordChangeDateTime?: string | null; signInSessionsValidFromDateTime?: string | null }>(
    `/users/${encodeURIComponent(userId)}?$select=id,lastPasswordChangeDateTime,signInSessionsValidFromDateTime`,
  );
  return { passwordChanged: user.lastPasswordChangeDateTime ?? null, sessionsValidFrom: user.signInSessionsValidFromDateTime ?? null };
}

export function setPassword(graph: GraphConnection, userId: string, password: string): Promise<GraphWriteResult<undefined>> {
  return graph.write<undefined>('PATCH', `/users/${encodeURIComponent(userId)}`, {
    passwordProfile: { password, forceChangePasswordNextSignIn: false, forceChangePasswordNextSignInWithMfa: false },
  });
}

export function revokeSignInSessions(graph: GraphConnection, userId: string): Promise<GraphWriteResult<unknown>> {
  return graph.write('POST', `/users/${encodeURIComponent(userId)}/revokeSignInSessions`);
}

export function removeFido2Method(graph: GraphConnection, userId: string, methodId: string): Promise<GraphWriteResult<undefined>> {
  return graph.write<undefined>(
    'DELETE',
    `/users/${encodeURIComponent(userId)}/authentication/fido2Methods/${encodeURIComponent(methodId)}`,
  );
}

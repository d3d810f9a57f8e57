/**
 * A signed-in connection to the tenant: who we are, which directory roles the token carries, a
 * Graph connection, and tokens for Graph and ARM on request. Tokens live only here, in the
 * main process – never in the journal, never sent to the renderer – and are dropped on sign-out.
 */
import { decodeJwt } from 'jose';

import { missingScopes, unavailableActions, type DelegatedActionId } from '../../core/graph/delegated-permissions.ts';
import { ActionableError } from '../../shared/actionable-error.ts';

import { ArmConnection } from './arm-connection.ts';
import { defaultScope, type TenantEndpoints } from './endpoints.ts';
import { GraphConnection } from './graph-connection.ts';
import type { RetryPolicy } from './throttle-retry.ts';

export type SignInMethod = 'security-key' | 'device-code' | 'certificate';

/** What may be shown and journaled about a session: nothing secret. */
export type SessionFacts = {
  readonly kind: 'user' | 'app';
  readonly method: SignInMethod;
  /** The user's UPN, or the app's display name. */
  readonly who: string;
  readonly objectId: string;
  /** The app's client id: the app signed in as, or the client the user signed in through. */
  readonly appId: string;
  readonly tenantId: string;
  /** Directory role template ids the token carries (`wids`). */
  readonly directoryRoleIds: readonly string[];
  /** Graph application permissions (`roles`) for an app, delegated scopes (`scp`) for a user. */
  readonly permissions: readonly string[];
  /** For the certificate path: which certificate (subject, thumbprint, expiry). */
  readonly credential?: string;
  readonly signedInAt: string;
  readonly expiresAt: string;
};

export type TokenProvider = (scope: string) => Promise<{ accessToken: string; expiresOn: Date | null }>;

export class TenantSession {
  readonly facts: SessionFacts;
  readonly graph: GraphConnection;
  /** Azure Resource Manager, for the monitoring checks. */
  readonly arm: ArmConnection;
  #tokens: TokenProvider | undefined;
  readonly #endpoints: TenantEndpoints;

  constructor(options: { facts: SessionFacts; endpoints: TenantEndpoints; tokens: TokenProvider; retry?: Partial<RetryPolicy> }) {
    this.facts = options.facts;
    this.#endpoints = options.endpoints;
    this.#tokens = options.tokens;
    this.graph = new GraphConnection({
      graphBaseUrl: options.endpoints.graph,
      getAccessToken: () => this.token('graph'),
      ...(options.endpoints.trustedCa ? { trustedCa: options.endpoints.trustedCa } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
    });
    this.arm = new ArmConnection({
      armBaseUrl: options.endpoints.arm,
      getAccessToken: () => this.token('arm'),
      ...(options.endpoints.trustedCa ? { trustedCa: options.endpoints.trustedCa } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
    });
  }

  get signedIn(): boolean {
    return this.#tokens !== undefined;
  }

  /** A bearer token for Graph or ARM; main-process use only. */
  async token(resource: 'graph' | 'arm'): Promise<string> {
    if (!this.#tokens) throw new Error('This session has been signed out; sign in again.');
    return (await this.#tokens(defaultScope(this.#endpoints, resource))).accessToken;
  }

  /**
   * Refuses, before Graph is asked, an action an account session's token has no delegated scope
   * for – with the plain reason instead of Graph's 403. App sessions are authorized by their
   * application permissions, which Graph checks itself.
   */
  ensureDelegated(action: DelegatedActionId): void {
    if (this.facts.kind !== 'user' || missingScopes(action, this.facts.permissions).length === 0) return;
    const cannot = unavailableActions(this.facts.permissions).find((a) => a.action === action)!;
    throw new ActionableError(
      cannot.reason,
      `Sign in again and accept the consent prompt for ${cannot.missing.join(', ')}, or use the break-glass app certificate.`,
    );
  }

  /** Forgets every token; the session cannot be used afterwards. */
  signOut(): void {
    this.#tokens = undefined;
  }
}

/** The facts a token states about its holder (decoded, not verified: it is our own token, from Entra). */
export function factsFromToken(
  accessToken: string,
  base: Pick<SessionFacts, 'kind' | 'method' | 'who' | 'appId' | 'credential'>,
  now: Date,
): SessionFacts {
  const claims = decodeJwt(accessToken);
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  return {
    ...base,
    objectId: String(claims['oid'] ?? ''),
    tenantId: String(claims['tid'] ?? ''),
    directoryRoleIds: list(claims['wids']),
    permissions:
      base.kind === 'app'
        ? list(claims['roles'])
        : String(claims['scp'] ?? '')
            .split(' ')
            .filter(Boolean),
    signedInAt: now.toISOString(),
    expiresAt: new Date((claims.exp ?? now.getTime() / 1000) * 1000).toISOString(),
  };
}

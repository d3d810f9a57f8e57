/**
 * Issues a user's tokens once they have proved themselves (security key or password): checks
 * the account, evaluates Conditional Access for the requested resource, records the sign-in,
 * then returns access token, id_token, client_info and (with offline_access) a refresh token.
 */
import { createHash } from 'node:crypto';

import type { UserSeed } from '../seed/schema-directory.ts';
import type { SimulatorContext } from './context.ts';
import { consentParties, consentedScopes, publishedScope } from './consent.ts';
import { entraErrors, type EntraError } from './entra-errors.ts';
import { accessTokenLifetimeSeconds } from './issuer.ts';
import { oidcScopes, parseScope, resourceByIdentifier, type Resource } from './resources.ts';
import type { UserGrant } from './sessions.ts';
import { recordUserSignIn } from './sign-in-records.ts';
import { evaluateSignInPolicy } from './sign-in-policy.ts';

export type TokenResult =
  { readonly ok: true; readonly body: Record<string, unknown> } | { readonly ok: false; readonly failure: EntraError };

type Requested = {
  readonly resource: Resource;
  readonly permissions: readonly string[];
  readonly prefix: string;
  readonly oidc: readonly string[];
};

/** Splits requested scopes into OIDC scopes and permissions on exactly one resource. */
export function resolveUserScopes(
  scopes: readonly string[],
  tenantName: string,
): { ok: true; value: Requested } | { ok: false; failure: EntraError } {
  const oidc = scopes.filter((s) => oidcScopes.has(s));
  const others = scopes.filter((s) => !oidcScopes.has(s));
  const parsed = others.map(parseScope);
  const identifiers = new Set(parsed.map((p) => p.resourceIdentifier.toLowerCase().replace(/\/$/, '')));
  if (identifiers.size > 1) return { ok: false, failure: entraErrors.multipleResources() };
  const identifier = parsed[0]?.resourceIdentifier ?? 'https://graph.microsoft.com';
  const resource = resourceByIdentifier(identifier);
  if (!resource) return { ok: false, failure: entraErrors.resourceNotFound(identifier, tenantName) };
  const bare = others.length > 0 && others.every((s) => !s.includes('/'));
  return { ok: true, value: { resource, permissions: parsed.map((p) => p.permission), prefix: bare ? '' : `${identifier}/`, oidc } };
}

/**
 * Delegated permissions the token carries: the requested ones the tenant has consented to for
 * this client and user (token/consent.ts). `.default` gives exactly what is consented – nothing
 * when nothing is (AADSTS65001); a named scope nobody consented to is AADSTS65001 too ("Send an
 * interactive authorization request"), and one the resource does not publish is AADSTS70011.
 * A resource without a service principal in the seed is not modelled for consent: its `.default`
 * gives what it publishes (ARM's user_impersonation when it has none in the seed).
 */
function grantScopes(
  context: SimulatorContext,
  requested: Requested,
  grant: UserGrant,
): { ok: true; scopes: string[] } | { ok: false; failure: EntraError } {
  const { tenant } = context;
  const principal = tenant.servicePrincipalByAppId(requested.resource.appId);
  const parties = consentParties(tenant, grant.clientId, requested.resource.appId);
  const consented = parties ? consentedScopes(tenant, parties, grant.userId) : undefined;
  const available = principal?.oauth2PermissionScopes.filter((s) => s.isEnabled).map((s) => s.value) ?? [];
  const notConsented = () => entraErrors.consentRequired(grant.clientId, parties?.client.displayName ?? grant.clientId);
  const granted = new Set<string>();
  for (const permission of requested.permissions) {
    if (permission === '.default') {
      if (consented) {
        if (consented.scopes.size === 0) return { ok: false, failure: notConsented() };
        consented.scopes.forEach((s) => granted.add(s));
      } else {
        available.forEach((s) => granted.add(s));
        if (!principal && requested.resource.name === 'arm') granted.add('user_impersonation');
      }
      continue;
    }
    const published = principal ? publishedScope(principal, permission) : permission;
    if (!published) return { ok: false, failure: entraErrors.scopeInvalid(permission) };
    if (consented && !consented.scopes.has(published)) return { ok: false, failure: notConsented() };
    granted.add(published);
  }
  if (requested.permissions.length === 0 && requested.resource.name === 'graph') granted.add('User.Read');
  return { ok: true, scopes: [...granted].sort() };
}

const base64url = (value: string) => Buffer.from(value).toString('base64url');

export async function issueUserTokens(
  context: SimulatorContext,
  options: {
    readonly grant: UserGrant;
    readonly scopes: readonly string[];
    readonly origin: string;
    readonly flow: 'authorizationCode' | 'deviceCode' | 'refreshToken';
    readonly correlationId: string;
    readonly confidential: boolean;
  },
): Promise<TokenResult> {
  const { tenant, sessions } = context;
  const { grant, correlationId } = options;
  const user = tenant.user(grant.userId);
  const tenantName = tenant.seed.tenant.displayName;
  if (!user) return { ok: false, failure: entraErrors.userNotFound(grant.userId, tenantName) };
  const interactive = options.flow !== 'refreshToken';
  const fail = (failure: EntraError, resource?: Resource, applied?: Parameters<typeof recordUserSignIn>[1]['applied']): TokenResult => {
    recordUserSignIn(tenant, {
      user,
      clientAppId: grant.clientId,
      ...(resource ? { resource } : {}),
      method: grant.method,
      interactive,
      outcome: { errorCode: failure.codes.at(-1) ?? 0, failureReason: failure.description },
      ...(applied ? { applied } : {}),
      correlationId,
    });
    return { ok: false, failure };
  };

  if (user.accountEnabled === undefined) return fail(entraErrors.userStateNotInSeed(user.id));
  if (!user.accountEnabled) return fail(entraErrors.userDisabled());
  if (sessions.isLocked(user.id, tenant.clock.now().getTime())) return fail(entraErrors.userLocked());
  const validFrom = user.signInSessionsValidFromDateTime ? Date.parse(user.signInSessionsValidFromDateTime) : 0;
  if (options.flow === 'refreshToken' && grant.authenticatedAt < validFrom) {
    return fail(entraErrors.grantRevoked(new Date(grant.authenticatedAt).toISOString(), new Date(validFrom).toISOString()));
  }

  const requested = resolveUserScopes(options.scopes, tenantName);
  if (!requested.ok) return fail(requested.failure);
  const { resource } = requested.value;
  const scopes = grantScopes(context, requested.value, grant);
  if (!scopes.ok) return fail(scopes.failure, resource);

  const decision = evaluateSignInPolicy(tenant, {
    kind: 'user',
    userId: user.id,
    resourceAppId: resource.appId,
    method: grant.method,
    flow: options.flow,
    platform: grant.platform,
  });
  if (decision.outcome === 'blocked') return fail(entraErrors.blockedByConditionalAccess(), resource, decision.applied);
  if (decision.outcome === 'deviceRequired') return fail(entraErrors.deviceNotCompliant(), resource, decision.applied);
  if (decision.outcome === 'strongerAuthRequired')
    return fail(entraErrors.strongAuthRequired(resource.audience, decision.deciding?.id ?? ''), resource, decision.applied);

  recordUserSignIn(tenant, {
    user,
    clientAppId: grant.clientId,
    resource,
    method: grant.method,
    interactive,
    outcome: { errorCode: 0 },
    applied: decision.applied,
    correlationId,
  });
  const body = await tokenResponse(context, {
    user,
    grant,
    resource,
    scopes: scopes.scopes,
    requested: requested.value,
    origin: options.origin,
    confidential: options.confidential,
  });
  return { ok: true, body };
}

async function tokenResponse(
  context: SimulatorContext,
  options: {
    user: UserSeed;
    grant: UserGrant;
    resource: Resource;
    scopes: string[];
    requested: Requested;
    origin: string;
    confidential: boolean;
  },
): Promise<Record<string, unknown>> {
  const { tenant, issuer, sessions } = context;
  const { user, grant, resource } = options;
  const client = tenant.servicePrincipalByAppId(grant.clientId);
  const pairwiseSubject = createHash('sha256').update(`${user.id}/${grant.clientId}`).digest('base64url').slice(0, 43);
  const roles = [...tenant.activeRoleIds(user.id)];
  const accessToken = await issuer.accessToken({
    aud: resource.audience,
    tid: tenant.tenantId,
    oid: user.id,
    sub: pairwiseSubject,
    appid: grant.clientId,
    app_displayname: client?.displayName ?? grant.clientId,
    appidacr: options.confidential ? '2' : '0',
    idtyp: 'user',
    scp: options.scopes.join(' '),
    ...(roles.length > 0 ? { wids: roles } : {}),
    upn: user.userPrincipalName,
    unique_name: user.userPrincipalName,
    name: user.displayName,
    ...(user.givenName ? { given_name: user.givenName } : {}),
    ...(user.surname ? { family_name: user.surname } : {}),
    amr: grant.method.kind === 'fido2' ? ['fido', 'mfa'] : ['pwd'],
    acr: '1',
    ipaddr: '127.0.0.1',
  });
  const requestedOidc = new Set(options.requested.oidc);
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: [...options.scopes.map((s) => `${options.requested.prefix}${s}`), ...requestedOidc].join(' '),
    expires_in: accessTokenLifetimeSeconds,
    ext_expires_in: accessTokenLifetimeSeconds,
    access_token: accessToken,
    client_info: base64url(JSON.stringify({ uid: user.id, utid: tenant.tenantId })),
  };
  if (requestedOidc.has('openid')) {
    body['id_token'] = await issuer.idToken({
      aud: grant.clientId,
      iss: `${options.origin}/${tenant.tenantId}/v2.0`,
      sub: pairwiseSubject,
      oid: user.id,
      tid: tenant.tenantId,
      name: user.displayName,
      preferred_username: user.userPrincipalName,
      ...(grant.nonce ? { nonce: grant.nonce } : {}),
    });
  }
  if (requestedOidc.has('offline_access')) {
    body['refresh_token'] = sessions.issueRefreshToken(grant);
  }
  return body;
}

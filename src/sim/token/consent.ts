/**
 * Delegated consent in the simulated tenant: which scopes a client may get for a user on a
 * resource (the tenant's oAuth2PermissionGrants), who may grant more, and recording a grant.
 *
 * - A grant is an oAuth2PermissionGrant: clientId and resourceId are service-principal object
 *   ids, consentType AllPrincipals (everyone) or Principal (one user)
 *   (https://learn.microsoft.com/graph/api/resources/oauth2permissiongrant).
 * - `.default` returns the scopes granted for the signed-in user and prompts only when nothing is
 *   granted between the client and the resource; the prompt is then for the permissions the
 *   client's registration lists (https://learn.microsoft.com/entra/identity-platform/scopes-oidc,
 *   "The .default scope"). A Microsoft first-party client (Microsoft Graph Command Line Tools) has
 *   a service principal here but no application object, so the tenant cannot see what it lists:
 *   Microsoft is silent on it, and the simulator takes the stricter reading – nothing to prompt
 *   for, so `.default` with no grant fails with AADSTS65001.
 * - Who may consent for the organization: Global Administrator and Privileged Role Administrator
 *   (any permission), Cloud Application Administrator and Application Administrator (any
 *   permission except Microsoft Graph app roles – delegated permissions are theirs to grant)
 *   (https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent, Prerequisites).
 * - Anyone else: a tenant's user-consent settings may let users consent to some low-risk
 *   permissions; the simulator takes the strictest setting ("Do not allow user consent",
 *   https://learn.microsoft.com/entra/identity/enterprise-apps/configure-user-consent), so a
 *   user who is none of the above gets AADSTS90094 (AdminConsentRequired).
 */
import { randomBytes } from 'node:crypto';

import {
  applicationAdministratorRoleId,
  cloudApplicationAdministratorRoleId,
  globalAdministratorRoleId,
  privilegedRoleAdministratorRoleId,
} from '../../shared/directory-roles.ts';
import type { TenantState } from '../directory/tenant.ts';
import type { ServicePrincipalSeed } from '../seed/schema-apps.ts';

const consentingRoles = [
  globalAdministratorRoleId,
  privilegedRoleAdministratorRoleId,
  cloudApplicationAdministratorRoleId,
  applicationAdministratorRoleId,
];

export type ConsentParties = { readonly client: ServicePrincipalSeed; readonly resource: ServicePrincipalSeed };

/** The client's and the resource's service principals; undefined when either is not in the tenant. */
export function consentParties(tenant: TenantState, clientAppId: string, resourceAppId: string): ConsentParties | undefined {
  const client = tenant.servicePrincipalByAppId(clientAppId);
  const resource = tenant.servicePrincipalByAppId(resourceAppId);
  return client && resource ? { client, resource } : undefined;
}

/** The resource's published, enabled delegated permission, by any casing of its value. */
export function publishedScope(resource: ServicePrincipalSeed, value: string): string | undefined {
  return resource.oauth2PermissionScopes.find((s) => s.isEnabled && s.value.toLowerCase() === value.toLowerCase())?.value;
}

/** Scopes granted to the client on the resource for this user: AllPrincipals grants and the user's own. */
export function consentedScopes(
  tenant: TenantState,
  parties: ConsentParties,
  userId: string,
): { readonly any: boolean; readonly scopes: ReadonlySet<string> } {
  const lower = (id: string | null | undefined) => (id ?? '').toLowerCase();
  const grants = tenant.seed.oauth2PermissionGrants.filter(
    (g) =>
      lower(g.clientId) === lower(parties.client.id) &&
      lower(g.resourceId) === lower(parties.resource.id) &&
      (g.consentType === 'AllPrincipals' || lower(g.principalId) === lower(userId)),
  );
  const scopes = new Set<string>();
  for (const grant of grants) {
    for (const value of grant.scope.split(' ').filter(Boolean)) {
      const published = publishedScope(parties.resource, value);
      if (published) scopes.add(published);
    }
  }
  return { any: grants.length > 0, scopes };
}

/** The delegated scopes the client's own registration in this tenant lists for the resource (none for a first-party client). */
export function registeredScopes(tenant: TenantState, parties: ConsentParties): string[] {
  const application = tenant.applicationByAppId(parties.client.appId);
  const ids = (application?.requiredResourceAccess ?? [])
    .filter((r) => r.resourceAppId.toLowerCase() === parties.resource.appId.toLowerCase())
    .flatMap((r) => r.resourceAccess.filter((a) => a.type === 'Scope').map((a) => a.id.toLowerCase()));
  return parties.resource.oauth2PermissionScopes.filter((s) => s.isEnabled && ids.includes(s.id.toLowerCase())).map((s) => s.value);
}

export function mayConsentForOrganization(tenant: TenantState, userId: string): boolean {
  const active = tenant.activeRoleIds(userId);
  return consentingRoles.some((role) => active.has(role.toLowerCase()));
}

/**
 * Records consent as Graph would show it afterwards: the scopes are added to the existing grant
 * of the same client, resource and consent type (and user, for Principal), or a new grant is made.
 */
export function recordConsent(
  tenant: TenantState,
  parties: ConsentParties,
  grant: { readonly userId: string; readonly scopes: readonly string[]; readonly forOrganization: boolean },
): void {
  const consentType = grant.forOrganization ? 'AllPrincipals' : 'Principal';
  const principalId = grant.forOrganization ? null : grant.userId;
  const lower = (id: string | null | undefined) => (id ?? '').toLowerCase();
  const existing = tenant.seed.oauth2PermissionGrants.find(
    (g) =>
      lower(g.clientId) === lower(parties.client.id) &&
      lower(g.resourceId) === lower(parties.resource.id) &&
      g.consentType === consentType &&
      lower(g.principalId) === lower(principalId),
  );
  if (existing) {
    const values = new Set(existing.scope.split(' ').filter(Boolean));
    for (const scope of grant.scopes) values.add(scope);
    existing.scope = [...values].join(' ');
    return;
  }
  // Graph's grant ids are opaque base64url strings (the list example: "AVs6JuUDjkCFV7q2gd8QTPimBBgj5iBFj0C6GwwRxC0").
  tenant.seed.oauth2PermissionGrants.push({
    id: randomBytes(32).toString('base64url').slice(0, 43),
    clientId: parties.client.id,
    consentType,
    principalId,
    resourceId: parties.resource.id,
    scope: grant.scopes.join(' '),
  });
}

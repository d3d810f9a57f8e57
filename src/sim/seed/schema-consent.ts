/**
 * Delegated consent as Microsoft Graph records it: oAuth2PermissionGrant objects
 * (https://learn.microsoft.com/graph/api/resources/oauth2permissiongrant;
 * microsoftgraph/microsoft-graph-docs-contrib api-reference/v1.0/resources/oauth2permissiongrant.md).
 * `clientId` and `resourceId` are service-principal *object* ids; `consentType` is AllPrincipals
 * (an administrator for everyone, `principalId` null) or Principal (one user, `principalId`
 * required); `scope` is space-separated claim values of the resource's delegated permissions.
 */
import { z } from 'zod';

import { guid, nonEmpty } from './schema-common.ts';
import type { Seed } from './schema.ts';

export const oauth2PermissionGrantSchema = z
  .strictObject({
    '@odata.id': z.string().optional(),
    id: nonEmpty,
    clientId: guid,
    consentType: z.enum(['AllPrincipals', 'Principal']),
    principalId: guid.nullable().optional(),
    resourceId: guid,
    scope: z.string(),
    // Returned by Graph on some tenants (beta and older payloads); kept, never interpreted.
    expiryTime: z.string().nullable().optional(),
    startTime: z.string().nullable().optional(),
  })
  .superRefine((grant, context) => {
    // "Required when consentType is Principal. If consentType is AllPrincipals this value is null."
    if (grant.consentType === 'Principal' && !grant.principalId) context.addIssue({ code: 'custom', path: ['principalId'], message: 'is required when consentType is "Principal"' });
    if (grant.consentType === 'AllPrincipals' && grant.principalId) context.addIssue({ code: 'custom', path: ['principalId'], message: 'must be null when consentType is "AllPrincipals"' });
  });

export type OAuth2PermissionGrantSeed = z.infer<typeof oauth2PermissionGrantSchema>;

/** The ids a grant names must resolve, and its scopes must be the resource's delegated permissions. */
export function findConsentGrantIssues(seed: Seed, problem: (path: ReadonlyArray<string | number>, message: string) => void): void {
  const lower = (id: string) => id.toLowerCase();
  const servicePrincipals = new Map(seed.servicePrincipals.map((s) => [lower(s.id), s]));
  const users = new Set(seed.users.map((u) => lower(u.id)));
  const ids = new Map<string, number>();
  seed.oauth2PermissionGrants.forEach((grant, g) => {
    const path = ['oauth2PermissionGrants', g];
    const first = ids.get(grant.id);
    if (first !== undefined) problem([...path, 'id'], `duplicate id "${grant.id}" (also at $.oauth2PermissionGrants[${first}])`);
    else ids.set(grant.id, g);
    if (!servicePrincipals.has(lower(grant.clientId))) problem([...path, 'clientId'], `client service principal "${grant.clientId}" is not in $.servicePrincipals`);
    const resource = servicePrincipals.get(lower(grant.resourceId));
    if (!resource) problem([...path, 'resourceId'], `resource service principal "${grant.resourceId}" is not in $.servicePrincipals`);
    if (grant.principalId && !users.has(lower(grant.principalId))) problem([...path, 'principalId'], `user "${grant.principalId}" is not in $.users`);
    if (resource) {
      // "Each claim value should match the value field of one of the delegated permissions defined by the API."
      const published = new Set(resource.oauth2PermissionScopes.map((s) => lower(s.value)));
      for (const value of grant.scope.split(' ').filter(Boolean)) {
        if (!published.has(lower(value)) && !oidcScopes.has(value)) problem([...path, 'scope'], `"${value}" is not one of ${resource.displayName}'s oauth2PermissionScopes`);
      }
    }
  });
}

/** OpenID Connect scopes appear in grants to Microsoft Graph too (the list example: "openid profile"). */
const oidcScopes = new Set(['openid', 'profile', 'offline_access', 'email']);

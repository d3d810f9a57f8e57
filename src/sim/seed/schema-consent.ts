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
    if (grant.consentType === 'Principal' && !grant.principalId)
      context.addIssue({ code: 'custom', path: ['principalId'], message: 'is required when consentType is "Principal"' });
    if (grant.consentType === 'AllPrincipals' && grant.principalId)
      context.addIssue({ code: 'custom', path: ['principalId'], message: 'must be null when consentType is "AllPrincipals"' });
  });

export type OAuth2PermissionGrantSeed = z.infer<typeof oauth2PermissionGrantSchema>;

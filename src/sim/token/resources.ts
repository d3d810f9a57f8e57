/**
 * The two resources the simulator serves tokens for, and how a requested scope names them.
 * Entra reads `{resource}/.default` or `{resource}/{permission}`; a bare permission such as
 * `User.Read` means Microsoft Graph (https://learn.microsoft.com/entra/identity-platform/scopes-oidc).
 */
import { microsoftGraphAppId } from '../../shared/graph-permissions.ts';
import { azureManagementAppId } from '../directory/tenant.ts';

export type ResourceName = 'graph' | 'arm';

export type Resource = {
  readonly name: ResourceName;
  readonly appId: string;
  readonly displayName: string;
  /** The `aud` of access tokens issued for it (v1.0 access tokens carry the resource URI). */
  readonly audience: string;
  readonly identifiers: readonly string[];
};

export const resources: readonly Resource[] = [
  {
    name: 'graph',
    appId: microsoftGraphAppId,
    displayName: 'Microsoft Graph',
    audience: 'https://graph.microsoft.com',
    identifiers: ['https://graph.microsoft.com', 'https://graph.microsoft.com/', microsoftGraphAppId, 'https://canary.graph.microsoft.com'],
  },
  {
    name: 'arm',
    appId: azureManagementAppId,
    displayName: 'Windows Azure Service Management API',
    audience: 'https://management.azure.com/',
    identifiers: [
      'https://management.azure.com',
      'https://management.azure.com/',
      'https://management.core.windows.net',
      'https://management.core.windows.net/',
      azureManagementAppId,
    ],
  },
];

export const oidcScopes = new Set(['openid', 'profile', 'offline_access', 'email']);

export function resourceNamed(name: ResourceName): Resource {
  const found = resources.find((r) => r.name === name);
  if (!found) throw new Error(`unknown resource ${name}`);
  return found;
}

export function resourceByIdentifier(identifier: string): Resource | undefined {
  const lowered = identifier.toLowerCase();
  return resources.find((r) => r.identifiers.some((i) => i.toLowerCase() === lowered));
}

export type ParsedScope = { readonly resourceIdentifier: string; readonly permission: string };

/** Splits `https://graph.microsoft.com/Policy.Read.All` into resource and permission. */
export function parseScope(scope: string): ParsedScope {
  const slash = scope.lastIndexOf('/');
  if (slash <= 0 || (!scope.includes('://') && !/^[0-9a-f-]{36}\//i.test(scope))) {
    return { resourceIdentifier: 'https://graph.microsoft.com', permission: scope };
  }
  return { resourceIdentifier: scope.slice(0, slash), permission: scope.slice(slash + 1) };
}

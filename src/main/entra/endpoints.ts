/**
 * Where a tenant's sign-in, Graph and ARM live: Microsoft's global cloud unless the inventory
 * file says otherwise (another cloud), or the simulated tenant this app started – the only case
 * in which a CA of our own is trusted (docs/domain.md, "The inventory file").
 */
import { globalCloudEndpoints, type Inventory } from '../../shared/inventory.ts';
import type { Simulator } from '../../sim/index.ts';

export type TenantEndpoints = {
  readonly tenantId: string;
  /** msal's `auth.authority`: `https://login.microsoftonline.com/{tenantId}`. */
  readonly authority: string;
  /**
   * msal's `auth.knownAuthorities` (host:port) for hosts msal does not know, so it never asks
   * login.microsoftonline.com for instance discovery (docs/microsoft-behaviour.md, "Authority and OpenID discovery").
   */
  readonly knownAuthorities: readonly string[];
  readonly graph: string;
  readonly arm: string;
  /** The simulator's CA certificate; set only for the simulated tenant. */
  readonly trustedCa?: string;
  readonly simulated: boolean;
};

/** Hosts msal-node resolves on its own (its built-in cloud instance metadata). */
const msalKnownHosts = new Set([
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.windows.net',
  'login.microsoft.com',
  'sts.windows.net',
  'login.partner.microsoftonline.cn',
  'login.usgovcloudapi.net',
]);

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

export function endpointsFromInventory(inventory: Inventory): TenantEndpoints {
  const endpoints = inventory.endpoints ?? globalCloudEndpoints;
  const authorityHost = new URL(endpoints.authority);
  return {
    tenantId: inventory.tenantId,
    authority: `${trimSlash(endpoints.authority)}/${inventory.tenantId}`,
    knownAuthorities: msalKnownHosts.has(authorityHost.hostname) ? [] : [authorityHost.host],
    graph: trimSlash(endpoints.graph),
    arm: trimSlash(endpoints.arm),
    simulated: false,
  };
}

export function endpointsForSimulator(sim: Simulator): TenantEndpoints {
  return {
    tenantId: sim.tenantId,
    authority: sim.authority,
    knownAuthorities: [sim.authorityHost],
    graph: sim.endpoints.graph,
    arm: sim.endpoints.arm,
    trustedCa: sim.caCertificatePem,
    simulated: true,
  };
}

/** The `.default` scope of a resource at these endpoints (`https://graph.microsoft.com/.default`). */
export function defaultScope(endpoints: TenantEndpoints, resource: 'graph' | 'arm'): string {
  // Tokens are requested for Microsoft's resource identifiers even when the simulator serves them.
  if (endpoints.simulated) return resource === 'graph' ? 'https://graph.microsoft.com/.default' : 'https://management.azure.com/.default';
  return `${endpoints[resource]}/.default`;
}

/**
 * Named delegated permissions on a resource at these endpoints (`https://graph.microsoft.com/Policy.Read.All`):
 * "each permission is indicated by appending the permission value to the resource's identifier"
 * (https://learn.microsoft.com/entra/identity-platform/scopes-oidc).
 */
export function delegatedScopes(endpoints: TenantEndpoints, resource: 'graph' | 'arm', permissions: readonly string[]): string[] {
  const base = defaultScope(endpoints, resource).replace(/\/\.default$/, '');
  return permissions.map((permission) => `${base}/${permission}`);
}

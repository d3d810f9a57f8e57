/**
 * The simulated tenant of the conformance tests: the small test tenant with Microsoft's example
 * objects added to its seed, read by the break-glass app through the product's own connections
 * (GraphConnection over graph-js, ArmConnection), as a real tenant would be.
 *
 * The app is authorized the way a real tenant authorizes app-only calls: by the Microsoft Graph
 * application permissions granted to it (appRoleAssignments to the Microsoft Graph service
 * principal, https://learn.microsoft.com/graph/permissions-overview#application-permissions), and
 * for ARM by Azure role assignments – Reader on the example's subscription and at
 * /providers/Microsoft.aadiam for the tenant's diagnostic settings (Azure/azure-rest-api-specs
 * issue 11085 and its workaround).
 */
import { ArmConnection } from '../../src/main/entra/arm-connection.ts';
import type { GraphConnection } from '../../src/main/entra/graph-connection.ts';
import { startSimulator, validateSeed, type Simulator } from '../../src/sim/index.ts';
import { graphRoles, ids, testSeedJson } from '../helpers/sim-seed.ts';
import { appGraphConnection, confidentialClient } from '../helpers/sim.ts';

export type SeedJson = Record<string, unknown> & { azure?: Record<string, unknown[]> };
export type SeedChange = (seed: SeedJson) => void;

/**
 * The Graph application permissions the break-glass app holds here: those of every call the
 * product makes, each named on the API's Microsoft page (Permissions section). The ids are
 * Microsoft Graph's app-role ids (https://learn.microsoft.com/graph/permissions-reference).
 */
const appPermissions = {
  ...graphRoles,
  'Application.Read.All': '9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30',
  'RoleManagement.ReadWrite.Directory': '9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8',
  'User.ReadWrite.All': '741f803b-c850-494e-b5df-cde7c675a1ca',
} as const;

/** Azure built-in Reader (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/general#reader). */
const azureReader = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';

function grantEveryPermission(seed: SeedJson): void {
  const graph = (seed['servicePrincipals'] as Array<{ id: string; appRoles: Array<{ id: string; value: string }> }>).find(
    (sp) => sp.id === ids.graphSp,
  )!;
  const grants = seed['appRoleAssignments'] as Array<{ id: string; appRoleId: string; principalId: string }>;
  for (const [value, id] of Object.entries(appPermissions)) {
    if (!graph.appRoles.some((r) => r.id === id))
      graph.appRoles.push({ id, value, allowedMemberTypes: ['Application'], isEnabled: true } as never);
    if (!grants.some((g) => g.principalId === ids.bgApp.sp && g.appRoleId === id)) {
      grants.push({
        id: `conformance-${value}`,
        appRoleId: id,
        principalId: ids.bgApp.sp,
        principalType: 'ServicePrincipal',
        resourceId: ids.graphSp,
      } as never);
    }
  }
}

/** An Azure role assignment: Reader for the break-glass app at `scope` (a subscription, or /providers/Microsoft.aadiam). */
export function readerAt(scope: string, name: string): object {
  return {
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
    name,
    type: 'Microsoft.Authorization/roleAssignments',
    properties: {
      roleDefinitionId: `${scope.startsWith('/subscriptions/') ? scope : ''}/providers/Microsoft.Authorization/roleDefinitions/${azureReader}`,
      principalId: ids.bgApp.sp,
      principalType: 'ServicePrincipal',
      scope,
    },
  };
}

/** An Azure subscription of the test tenant. */
export function subscription(subscriptionId: string): object {
  return {
    id: `/subscriptions/${subscriptionId}`,
    subscriptionId,
    displayName: 'Subscription of the example',
    state: 'Enabled',
    tenantId: ids.tenant,
  };
}

export type ConformanceTenant = { readonly sim: Simulator; readonly graph: GraphConnection; readonly arm: ArmConnection };

/**
 * A simulator for one example: the test seed, `change` (which adds Microsoft's example objects),
 * then every permission granted. A seed that refuses a property of Microsoft's example fails here,
 * naming the JSON path – which is itself a conformance failure. The caller closes `sim`.
 */
export async function conformanceTenant(change: SeedChange): Promise<ConformanceTenant> {
  const json = testSeedJson() as SeedJson;
  change(json);
  grantEveryPermission(json);
  const sim = await startSimulator({ seed: validateSeed(json, "built from Microsoft's example") });
  const app = confidentialClient(sim, ids.bgApp.appId);
  const arm = new ArmConnection({
    armBaseUrl: sim.armBaseUrl,
    trustedCa: sim.caCertificatePem,
    getAccessToken: async () =>
      (await app.acquireTokenByClientCredential({ scopes: ['https://management.azure.com/.default'] }))!.accessToken,
    retry: { maxRetries: 0 },
  });
  return { sim, graph: appGraphConnection(sim, ids.bgApp.appId, { retry: { maxRetries: 0 } }), arm };
}

/** The path of Microsoft's example URL relative to the Graph version (`/users/…?$select=…`), as GraphConnection takes it. */
export function graphPath(url: string): string {
  const parsed = /^https:\/\/graph\.microsoft\.com\/(v1\.0|beta)(\/.*)$/.exec(url);
  if (!parsed) throw new Error(`not a Microsoft Graph URL: ${url}`);
  return parsed[2]!;
}

/** The path and query of Microsoft's example ARM URL, as ArmConnection takes it. */
export function armPath(url: string): string {
  const parsed = new URL(url);
  if (parsed.host !== 'management.azure.com') throw new Error(`not an Azure Resource Manager URL: ${url}`);
  return `${parsed.pathname}${parsed.search}`;
}

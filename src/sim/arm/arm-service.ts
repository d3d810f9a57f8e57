/**
 * The Azure Resource Manager subset the monitoring checks read (docs/microsoft-behaviour.md, "Azure Monitor"): tenant-level
 * `microsoft.aadiam` diagnostic settings, log-search alert rules (`scheduledQueryRules`), action
 * groups, subscriptions and Azure RBAC role assignments. Bearer tokens must be this simulator's
 * tokens for https://management.azure.com; reads need an Azure role on a scope containing the
 * resource (Reader, Monitoring Reader, Contributor, Owner …).
 *
 * The tenant-level `microsoft.aadiam` diagnostic settings are not under any subscription. A
 * signed-in user reaches them with an Entra role (Security Administrator or Global Administrator to
 * change them, https://learn.microsoft.com/entra/identity/monitoring-health/howto-configure-diagnostic-settings;
 * the reader roles to read them). A service principal is refused there even with an Entra role
 * ("AAD: DiagnosticSettings API does not support bearer auth using a service principal",
 * https://github.com/Azure/azure-rest-api-specs/issues/11085); its workaround is an Azure role
 * assignment at scope `/providers/Microsoft.aadiam` (issuecomment-1363008480 there). A grant on a
 * subscription does not reach that scope. Which built-in roles carry
 * `microsoft.aadiam/diagnosticSettings/read` (`*\/read`: Reader, Monitoring Reader, Monitoring
 * Contributor, Contributor, Owner) and `/write` (`*`: Contributor, Owner) is from
 * https://learn.microsoft.com/azure/role-based-access-control/built-in-roles.
 */
import { header, jsonBody, jsonResponse, type SimRequest, type SimResponse } from '../http/messages.ts';
import { diagnosticSettingSchema } from '../seed/schema-azure.ts';
import type { SimulatorContext } from '../token/context.ts';
import { resourceNamed } from '../token/resources.ts';
import {
  globalAdministratorRoleId,
  globalReaderRoleId,
  securityAdministratorRoleId,
  securityReaderRoleId,
} from '../../shared/directory-roles.ts';
import { armErrorResponse, armErrors } from './errors.ts';

const azureRoles = {
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  monitoringReader: '43d0d8ad-25c7-4714-9337-8ba259a9fe05',
  monitoringContributor: '749f88d5-cbae-40b8-bcfc-e573ddc772fa',
};
const readingRoles = new Set(Object.values(azureRoles));
const writingRoles = new Set([azureRoles.owner, azureRoles.contributor]);
const aadiamReaders = [globalAdministratorRoleId, securityAdministratorRoleId, securityReaderRoleId, globalReaderRoleId];
const aadiamWriters = [globalAdministratorRoleId, securityAdministratorRoleId];
export const aadiamScope = '/providers/Microsoft.aadiam';

type Principal = {
  readonly id: string;
  readonly kind: 'app' | 'user';
  readonly ids: ReadonlySet<string>;
  readonly directoryRoles: ReadonlySet<string>;
};

/** An Azure role assignment of one of `roles` to the principal (or a group of it) on `scope` or above it. */
function granted(context: SimulatorContext, principal: Principal, scope: string, roles: ReadonlySet<string>): boolean {
  const lowered = scope.toLowerCase();
  return context.tenant.seed.azure.roleAssignments.some((assignment) => {
    const { principalId, roleDefinitionId, scope: assignedAt } = assignment.properties;
    const roleId = roleDefinitionId.split('/').at(-1)!.toLowerCase();
    return (
      principal.ids.has(principalId.toLowerCase()) &&
      roles.has(roleId) &&
      (lowered === assignedAt.toLowerCase() || lowered.startsWith(`${assignedAt.toLowerCase()}/`))
    );
  });
}

const canRead = (context: SimulatorContext, principal: Principal, scope: string) => granted(context, principal, scope, readingRoles);

/** Who may read (or change) the tenant's diagnostic settings – see the comment at the top. */
function mayUseAadiam(context: SimulatorContext, principal: Principal, write: boolean): boolean {
  if (granted(context, principal, aadiamScope, write ? writingRoles : readingRoles)) return true;
  if (principal.kind === 'app') return false;
  return (write ? aadiamWriters : aadiamReaders).some((r) => principal.directoryRoles.has(r));
}

function page<T>(context: SimulatorContext, request: SimRequest, items: readonly T[]): SimResponse {
  const skip = Number(request.url.searchParams.get('$skiptoken') ?? '0') || 0;
  const value = items.slice(skip, skip + context.pageSize);
  const body: Record<string, unknown> = { value };
  if (skip + context.pageSize < items.length) {
    const next = new URL(request.url.toString());
    next.searchParams.set('$skiptoken', String(skip + context.pageSize));
    body['nextLink'] = next.toString();
  }
  return jsonResponse(200, body);
}

function aadiam(context: SimulatorContext, request: SimRequest, principal: Principal, name: string | undefined): SimResponse {
  const settings = context.tenant.seed.azure.diagnosticSettings;
  const write = request.method !== 'GET';
  const action = `microsoft.aadiam/diagnosticSettings/${write ? 'write' : 'read'}`;
  // ARM names the resource asked for as the scope (the message quoted in hashicorp/terraform-provider-azurerm#12986).
  const scope = name ? `/providers/microsoft.aadiam/diagnosticSettings/${name}` : '/providers/microsoft.aadiam';
  if (!mayUseAadiam(context, principal, write)) return armErrorResponse(armErrors.denied(principal.id, action, scope));
  if (request.method === 'GET' && !name) return jsonResponse(200, { value: settings });
  if (request.method === 'GET') {
    const setting = settings.find((s) => s.name.toLowerCase() === name!.toLowerCase());
    return setting ? jsonResponse(200, setting) : armErrorResponse(armErrors.notFound('microsoft.aadiam/diagnosticSettings', name!));
  }
  if (request.method === 'PUT' && name) {
    const body = jsonBody(request);
    const candidate = {
      id: `providers/microsoft.aadiam/diagnosticSettings/${name}`,
      name,
      type: 'microsoft.aadiam/diagnosticSettings',
      ...(body.ok ? (body.value as object) : {}),
    };
    const parsed = diagnosticSettingSchema.safeParse(candidate);
    if (!parsed.success)
      return armErrorResponse({
        status: 400,
        code: 'InvalidRequestContent',
        message: `The request content is not valid: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`,
      });
    const index = settings.findIndex((s) => s.name.toLowerCase() === name.toLowerCase());
    if (index >= 0) settings[index] = parsed.data;
    else settings.push(parsed.data);
    return jsonResponse(index >= 0 ? 200 : 201, parsed.data);
  }
  return armErrorResponse({ status: 405, code: 'MethodNotAllowed', message: `The method '${request.method}' is not allowed here.` });
}

function insights(context: SimulatorContext, request: SimRequest, principal: Principal, path: string): SimResponse | undefined {
  const match =
    /^\/subscriptions\/([^/]+)(?:\/resourcegroups\/([^/]+))?\/providers\/microsoft\.insights\/(scheduledqueryrules|actiongroups)(?:\/([^/]+))?$/i.exec(
      path,
    );
  if (!match) return undefined;
  const [, subscription, resourceGroup, kind, name] = match;
  const scope = `/subscriptions/${subscription}${resourceGroup ? `/resourceGroups/${resourceGroup}` : ''}`;
  const all =
    kind!.toLowerCase() === 'scheduledqueryrules' ? context.tenant.seed.azure.scheduledQueryRules : context.tenant.seed.azure.actionGroups;
  const action = `Microsoft.Insights/${kind!.toLowerCase() === 'scheduledqueryrules' ? 'scheduledQueryRules' : 'actionGroups'}/read`;
  const inScope = (id: string) => id.toLowerCase().startsWith(`${scope.toLowerCase()}/`);
  if (name) {
    const item = all.find((r) => r.id.toLowerCase() === path.toLowerCase());
    if (!item) return armErrorResponse(armErrors.notFound(action.replace('/read', ''), name));
    return canRead(context, principal, item.id)
      ? jsonResponse(200, item)
      : armErrorResponse(armErrors.denied(principal.id, action, item.id));
  }
  if (!canRead(context, principal, scope) && !all.some((r) => inScope(r.id) && canRead(context, principal, r.id)))
    return armErrorResponse(armErrors.denied(principal.id, action, scope));
  return page(
    context,
    request,
    all.filter((r) => inScope(r.id) && canRead(context, principal, r.id)),
  );
}

export async function handleArm(context: SimulatorContext, request: SimRequest): Promise<SimResponse> {
  const token = /^Bearer\s+(.+)$/i.exec(header(request, 'authorization') ?? '')?.[1];
  if (!token) return armErrorResponse(armErrors.missingToken());
  const arm = resourceNamed('arm');
  const verified = await context.issuer.verifyAccessToken(token, arm.identifiers);
  if ('problem' in verified) return armErrorResponse(armErrors.invalidToken(verified.problem));
  if (!request.url.searchParams.get('api-version')) return armErrorResponse(armErrors.missingApiVersion());
  const id = verified.claims.oid;
  const tenant = context.tenant;
  const principal: Principal = {
    id,
    kind: verified.claims.idtyp === 'app' ? 'app' : 'user',
    ids: new Set([id.toLowerCase(), ...tenant.transitiveGroupIds(id)]),
    directoryRoles: tenant.activeRoleIds(id),
  };
  const path = decodeURIComponent(request.url.pathname).replace(/\/+$/, '');

  const aadiamMatch = /^\/providers\/microsoft\.aadiam\/diagnosticsettings(?:\/([^/]+))?$/i.exec(path);
  if (aadiamMatch) return aadiam(context, request, principal, aadiamMatch[1]);
  if (request.method !== 'GET')
    return armErrorResponse({ status: 405, code: 'MethodNotAllowed', message: `The simulator serves only GET for '${path}'.` });
  if (/^\/subscriptions$/i.test(path)) {
    return page(
      context,
      request,
      tenant.seed.azure.subscriptions.filter((s) => canRead(context, principal, `/subscriptions/${s.subscriptionId}`)),
    );
  }
  const assignments = /^\/subscriptions\/([^/]+)\/providers\/microsoft\.authorization\/roleassignments$/i.exec(path);
  if (assignments) {
    const scope = `/subscriptions/${assignments[1]}`;
    if (!canRead(context, principal, scope))
      return armErrorResponse(armErrors.denied(id, 'Microsoft.Authorization/roleAssignments/read', scope));
    return page(
      context,
      request,
      tenant.seed.azure.roleAssignments.filter((a) => a.properties.scope.toLowerCase().startsWith(scope.toLowerCase())),
    );
  }
  return insights(context, request, principal, path) ?? armErrorResponse(armErrors.noRoute(path));
}

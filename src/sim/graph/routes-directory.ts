/**
 * Users, memberships, groups, domains and the organization (Graph v1.0 and beta):
 * https://learn.microsoft.com/graph/api/user-list, …/user-list-memberof,
 * …/user-list-transitivememberof, …/group-list-members, …/domain-list, …/organization-get,
 * …/certificatebasedauthconfiguration-list, …/directoryobject-get, …/directoryobject-getbyids,
 * …/directory-deleteditems-get.
 */
import { findDirectoryRole } from '../../shared/directory-roles.ts';
import type { TenantState } from '../directory/tenant.ts';
import type { DomainSeed, UserSeed } from '../seed/schema-directory.ts';
import { graphErrors } from './errors.ts';
import {
  collection,
  entity,
  fail,
  metadataContext,
  needs,
  ok,
  requiresAdvancedQuery,
  selectedProperties,
  type GraphCall,
  type GraphResult,
} from './graph-call.ts';
import { accepts } from './permissions.ts';
import { presentDirectoryObject, presentDirectoryRole, presentGroup, presentUser } from './present.ts';
import { route, type GraphRoute } from './routes.ts';

/** `me` works only with a delegated token (Graph answers 400 for app-only callers). */
export function resolveUser(call: GraphCall, idOrMe: string): { user: UserSeed } | { result: GraphResult } {
  const tenant = call.context.tenant;
  if (idOrMe.toLowerCase() === 'me') {
    if (call.caller.kind !== 'user')
      return { result: fail(graphErrors.badRequest('/me request is only valid with delegated authentication flow.')) };
    const me = tenant.user(call.caller.id);
    return me ? { user: me } : { result: fail(graphErrors.notFound()) };
  }
  const user = tenant.user(decodeURIComponent(idOrMe));
  return user ? { user } : { result: fail(graphErrors.notFound(`Resource '${idOrMe}'`)) };
}

function signInActivityProblem(call: GraphCall): GraphResult | undefined {
  if (!selectedProperties(call)?.some((s) => s.toLowerCase() === 'signinactivity')) return undefined;
  // signInActivity needs AuditLog.Read.All and a P1/P2 tenant (resources/signinactivity).
  const denied = needs(call, accepts.readSignInActivity);
  if (denied) return denied;
  if (!call.context.tenant.isPremium) return fail(graphErrors.notPremium());
  return undefined;
}

function memberships(tenant: TenantState, userId: string, transitive: boolean): Record<string, unknown>[] {
  const groups = transitive ? tenant.transitiveGroupIds(userId) : tenant.directGroupIds(userId);
  const roles = transitive
    ? tenant.activeRoleIds(userId)
    : new Set(
        tenant.seed.roleAssignmentSchedules
          .filter(
            (s) =>
              s.principalId.toLowerCase() === userId.toLowerCase() && tenant.activeRoleIds(userId).has(s.roleDefinitionId.toLowerCase()),
          )
          .map((s) => s.roleDefinitionId.toLowerCase()),
      );
  return [
    ...[...groups].map((id) => presentDirectoryObject(tenant, id)!),
    ...[...roles].filter((id) => findDirectoryRole(id)).map((id) => presentDirectoryRole(tenant, id)),
  ];
}

function listMemberships(call: GraphCall, idOrMe: string, transitive: boolean, cast?: string): GraphResult {
  const found = resolveUser(call, idOrMe);
  if ('result' in found) return found.result;
  const denied = needs(call, accepts.readMemberships);
  if (denied) return denied;
  let items = memberships(call.context.tenant, found.user.id, transitive);
  if (cast || call.query.has('$filter')) {
    const advanced = requiresAdvancedQuery(call);
    if (advanced) return fail(advanced);
  }
  if (cast) {
    const type = `#${cast}`.toLowerCase();
    items = items.filter((i) => String(i['@odata.type']).toLowerCase() === type);
  }
  return collection(call, items, { contextFragment: 'directoryObjects', present: (i) => i });
}

function organization(tenant: TenantState): Record<string, unknown> {
  return {
    id: tenant.tenantId,
    displayName: tenant.seed.tenant.displayName,
    tenantType: 'AAD',
    countryLetterCode: null,
    verifiedDomains: tenant.seed.domains
      .filter((d) => d.isVerified)
      .map((d) => ({
        capabilities: (d.supportedServices ?? []).join(', '),
        isDefault: d.isDefault,
        isInitial: d.isInitial,
        name: d.id,
        type: d.authenticationType ?? 'Managed',
      })),
  };
}

/** Objects deleted from the directory (soft-deleted, restorable for 30 days in Entra). */
/**
 * A domain as the seed holds it (resources/domain): what a pasted answer left out is sent as an
 * unset property, null – supportedServices, a "Not nullable" collection, as [] – never a value of
 * the simulator's own (domain-list.md's example has placeholders such as "authenticationType-value").
 */
function presentDomain(domain: DomainSeed): Record<string, unknown> {
  return {
    authenticationType: null,
    availabilityStatus: null,
    isAdminManaged: null,
    isRoot: null,
    isVerified: null,
    supportedServices: [],
    ...domain,
  };
}

function presentDeleted(tenant: TenantState, id: string): Record<string, unknown> | undefined {
  const deleted = tenant.seed.simulator.deletedObjects.find((d) => d.id.toLowerCase() === id.toLowerCase());
  if (!deleted) return undefined;
  return {
    '@odata.type': `#microsoft.graph.${deleted.kind}`,
    id: deleted.id,
    displayName: deleted.displayName,
    deletedDateTime: deleted.deletedDateTime ?? null,
  };
}

/** POST /directoryObjects/getByIds: the live objects among up to 1,000 ids, optionally of some types only. */
function getByIds(call: GraphCall): GraphResult {
  const denied = needs(call, accepts.readDirectoryObjects);
  if (denied) return denied;
  const body = (call.body ?? {}) as { ids?: unknown; types?: unknown };
  if (!Array.isArray(body.ids) || body.ids.some((id) => typeof id !== 'string'))
    return fail(graphErrors.badRequest("The request body must contain 'ids', an array of object ids."));
  if (body.ids.length > 1000) return fail(graphErrors.badRequest('getByIds accepts at most 1000 ids.'));
  const types = Array.isArray(body.types) ? new Set(body.types.map((t) => `#microsoft.graph.${String(t)}`.toLowerCase())) : undefined;
  const tenant = call.context.tenant;
  // "The directory objects returned are the full objects containing all their properties"
  // (directoryobject-getbyids, https://learn.microsoft.com/graph/api/directoryobject-getbyids):
  // a user comes back whole, not with the default property set of GET /users/{id}.
  const whole = (id: string) => {
    const user = tenant.user(id);
    return user ? { '@odata.type': '#microsoft.graph.user', ...presentUser(user, []) } : presentDirectoryObject(tenant, id);
  };
  const found = (body.ids as string[])
    .map(whole)
    .filter((o): o is Record<string, unknown> => o !== undefined && (!types || types.has(String(o['@odata.type']).toLowerCase())));
  return ok({ '@odata.context': metadataContext(call, 'directoryObjects'), value: found });
}

export const directoryRoutes: readonly GraphRoute[] = [
  route('GET', 'directoryObjects/{id}', (call, { id }) => {
    const object = presentDirectoryObject(call.context.tenant, id!);
    if (!object) return fail(graphErrors.notFound(`Resource '${id}'`));
    return needs(call, accepts.readDirectoryObjects) ?? entity(call, object, 'directoryObjects/$entity');
  }),
  route('POST', 'directoryObjects/getByIds', (call) => getByIds(call)),
  route('GET', 'directory/deletedItems/{id}', (call, { id }) => {
    const object = presentDeleted(call.context.tenant, id!);
    if (!object) return fail(graphErrors.notFound(`Resource '${id}'`));
    return needs(call, accepts.readDirectoryObjects) ?? entity(call, object, 'directory/deletedItems/$entity');
  }),
  route('GET', 'users', (call) => {
    const problem = needs(call, accepts.readUsers) ?? signInActivityProblem(call);
    if (problem) return problem;
    const select = selectedProperties(call);
    return collection(call, call.context.tenant.seed.users, { contextFragment: 'users', present: (u) => presentUser(u, select) });
  }),
  route('GET', 'users/{id}', (call, { id }) => {
    const found = resolveUser(call, id!);
    if ('result' in found) return found.result;
    const problem = needs(call, accepts.readUsers) ?? signInActivityProblem(call);
    return problem ?? entity(call, presentUser(found.user, selectedProperties(call)), 'users/$entity');
  }),
  route('GET', 'users/{id}/memberOf', (call, { id }) => listMemberships(call, id!, false)),
  route('GET', 'users/{id}/transitiveMemberOf', (call, { id }) => listMemberships(call, id!, true)),
  route('GET', 'users/{id}/memberOf/{cast}', (call, { id, cast }) => listMemberships(call, id!, false, cast)),
  route('GET', 'users/{id}/transitiveMemberOf/{cast}', (call, { id, cast }) => listMemberships(call, id!, true, cast)),
  route('GET', 'me', (call) => {
    const found = resolveUser(call, 'me');
    return 'result' in found ? found.result : entity(call, presentUser(found.user, selectedProperties(call)), 'users/$entity');
  }),
  route('GET', 'me/memberOf', (call) => listMemberships(call, 'me', false)),
  route('GET', 'me/transitiveMemberOf', (call) => listMemberships(call, 'me', true)),
  route(
    'GET',
    'groups',
    (call) =>
      needs(call, accepts.readGroups) ??
      collection(call, call.context.tenant.seed.groups, { contextFragment: 'groups', present: presentGroup }),
  ),
  route('GET', 'groups/{id}', (call, { id }) => {
    const group = call.context.tenant.group(id!);
    if (!group) return fail(graphErrors.notFound(`Resource '${id}'`));
    return needs(call, accepts.readGroups) ?? entity(call, presentGroup(group), 'groups/$entity');
  }),
  ...(['members', 'owners', 'transitiveMembers'] as const).map((relation) =>
    route('GET', `groups/{id}/${relation}`, (call, { id }) => {
      const tenant = call.context.tenant;
      const group = tenant.group(id!);
      if (!group) return fail(graphErrors.notFound(`Resource '${id}'`));
      const denied = needs(call, accepts.readGroups);
      if (denied) return denied;
      let ids = relation === 'owners' ? group.owners : group.members;
      if (relation === 'transitiveMembers') {
        ids = tenant.seed.users
          .map((u) => u.id)
          .concat(
            tenant.seed.groups.map((g) => g.id),
            tenant.seed.servicePrincipals.map((s) => s.id),
          )
          .filter((m) => tenant.transitiveGroupIds(m).has(group.id.toLowerCase()));
      }
      const items = ids.map((m) => presentDirectoryObject(tenant, m)).filter((o): o is Record<string, unknown> => o !== undefined);
      return collection(call, items, { contextFragment: 'directoryObjects', present: (i) => i });
    }),
  ),
  route(
    'GET',
    'domains',
    (call) =>
      needs(call, accepts.readDomains) ??
      collection(call, call.context.tenant.seed.domains, { contextFragment: 'domains', present: presentDomain }),
  ),
  route('GET', 'domains/{id}', (call, { id }) => {
    const domain = call.context.tenant.seed.domains.find((d) => d.id.toLowerCase() === id!.toLowerCase());
    if (!domain) return fail(graphErrors.notFound(`Resource '${id}'`));
    return needs(call, accepts.readDomains) ?? entity(call, presentDomain(domain), 'domains/$entity');
  }),
  route(
    'GET',
    'organization',
    (call) =>
      needs(call, accepts.readOrganization) ??
      collection(call, [organization(call.context.tenant)], { contextFragment: 'organization', present: (o) => o }),
  ),
  route('GET', 'organization/{id}', (call, { id }) => {
    if (id!.toLowerCase() !== call.context.tenant.tenantId.toLowerCase()) return fail(graphErrors.notFound(`Resource '${id}'`));
    return needs(call, accepts.readOrganization) ?? entity(call, organization(call.context.tenant), 'organization/$entity');
  }),
  route('GET', 'organization/{id}/certificateBasedAuthConfiguration', (call, { id }) => {
    if (id!.toLowerCase() !== call.context.tenant.tenantId.toLowerCase()) return fail(graphErrors.notFound(`Resource '${id}'`));
    return (
      needs(call, accepts.readOrganization) ??
      collection(call, call.context.tenant.seed.certificateBasedAuthConfiguration, {
        contextFragment: `organization('${id}')/certificateBasedAuthConfiguration`,
        present: (c) => c,
      })
    );
  }),
];

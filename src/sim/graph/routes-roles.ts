/**
 * Directory roles and PIM: role definitions and assignments, assignment and eligibility
 * schedules (and their instances), role-management policies and their assignments:
 * https://learn.microsoft.com/graph/api/rbacapplication-list-roleassignments,
 * …/rbacapplication-list-roleassignmentschedules, …/rbacapplication-list-roleeligibilityschedules,
 * …/policyroot-list-rolemanagementpolicyassignments ($filter on scopeId and scopeType is required).
 */
import { createHash } from 'node:crypto';

import { directoryRoles, findDirectoryRole } from '../../shared/directory-roles.ts';
import { scheduleEnd } from '../directory/tenant.ts';
import type { RoleAssignmentScheduleSeed, RoleEligibilityScheduleSeed, RoleManagementPolicySeed } from '../seed/schema-governance.ts';
import { graphErrors } from './errors.ts';
import { applyFilter, collection, entity, fail, needs, type GraphCall, type GraphResult } from './graph-call.ts';
import { accepts } from './permissions.ts';
import { presentDirectoryObject } from './present.ts';
import { route, type GraphRoute } from './routes.ts';

function expands(call: GraphCall, name: string): boolean {
  return (call.query.get('$expand') ?? '')
    .toLowerCase()
    .split(',')
    .some((e) => e.trim().startsWith(name.toLowerCase()));
}

function roleDefinition(id: string): Record<string, unknown> {
  const role = findDirectoryRole(id);
  return {
    id,
    displayName: role?.displayName ?? id,
    description: null,
    isBuiltIn: true,
    isEnabled: true,
    templateId: id,
    version: '1',
    rolePermissions: [],
    resourceScopes: ['/'],
  };
}

function roleAssignmentId(schedule: Pick<RoleAssignmentScheduleSeed, 'principalId' | 'roleDefinitionId' | 'directoryScopeId'>): string {
  return createHash('sha256')
    .update(`${schedule.principalId.toLowerCase()}/${schedule.roleDefinitionId.toLowerCase()}/${schedule.directoryScopeId}`)
    .digest('base64url')
    .slice(0, 43);
}

/** An active assignment as `roleAssignments` shows it (stable id per principal and role). */
function roleAssignmentOf(call: GraphCall, schedule: RoleAssignmentScheduleSeed): Record<string, unknown> {
  const id = roleAssignmentId(schedule);
  const assignment: Record<string, unknown> = {
    id,
    principalId: schedule.principalId,
    roleDefinitionId: schedule.roleDefinitionId,
    directoryScopeId: schedule.directoryScopeId,
    appScopeId: schedule.appScopeId ?? null,
    // resourceScope is a beta property: v1.0's unifiedRoleAssignment has none
    // (https://learn.microsoft.com/graph/api/resources/unifiedroleassignment?view=graph-rest-1.0;
    // the v1.0 model of the Microsoft Graph JavaScript SDK keeps it in additionalData).
    ...(call.version === 'beta' ? { resourceScope: '/' } : {}),
  };
  if (expands(call, 'principal')) assignment['principal'] = presentDirectoryObject(call.context.tenant, schedule.principalId) ?? null;
  if (expands(call, 'roleDefinition')) assignment['roleDefinition'] = roleDefinition(schedule.roleDefinitionId);
  return assignment;
}

function instanceOf(schedule: RoleAssignmentScheduleSeed | RoleEligibilityScheduleSeed): Record<string, unknown> {
  const end = scheduleEnd(schedule);
  const instance: Record<string, unknown> = {
    id: schedule.id,
    principalId: schedule.principalId,
    roleDefinitionId: schedule.roleDefinitionId,
    directoryScopeId: schedule.directoryScopeId,
    appScopeId: schedule.appScopeId ?? null,
    startDateTime: schedule.scheduleInfo.startDateTime,
    endDateTime: Number.isFinite(end) ? new Date(end).toISOString() : null,
    memberType: schedule.memberType,
  };
  if ('assignmentType' in schedule)
    Object.assign(instance, {
      assignmentType: schedule.assignmentType,
      roleAssignmentScheduleId: schedule.id,
      roleAssignmentOriginId: schedule.id,
    });
  else instance['roleEligibilityScheduleId'] = schedule.id;
  return instance;
}

function presentPolicy(call: GraphCall, policy: RoleManagementPolicySeed, withRules: boolean): Record<string, unknown> {
  const { rules, ...rest } = policy;
  return withRules
    ? {
        ...rest,
        'rules@odata.context': `${call.origin}/${call.version}/$metadata#policies/roleManagementPolicies('${policy.id}')/rules`,
        rules,
      }
    : rest;
}

function requireScopeFilter(call: GraphCall): GraphResult | undefined {
  const filter = call.query.get('$filter') ?? '';
  if (/scopeId/i.test(filter) && /scopeType/i.test(filter)) return undefined;
  return fail(
    graphErrors.badRequest(
      "The filter is required and must contain scopeId and scopeType, e.g. $filter=scopeId eq '/' and scopeType eq 'DirectoryRole'.",
    ),
  );
}

export const roleRoutes: readonly GraphRoute[] = [
  route(
    'GET',
    'roleManagement/directory/roleDefinitions',
    (call) =>
      needs(call, accepts.readRoleAssignments) ??
      collection(
        call,
        directoryRoles.map((r) => roleDefinition(r.id)),
        { contextFragment: 'roleManagement/directory/roleDefinitions', present: (r) => r },
      ),
  ),
  route('GET', 'roleManagement/directory/roleDefinitions/{id}', (call, { id }) => {
    if (!findDirectoryRole(id!)) return fail(graphErrors.notFound(`Role definition '${id}'`));
    return (
      needs(call, accepts.readRoleAssignments) ??
      entity(call, roleDefinition(id!.toLowerCase()), 'roleManagement/directory/roleDefinitions/$entity')
    );
  }),
  route('GET', 'roleManagement/directory/roleAssignments', (call) => {
    const denied = needs(call, accepts.readRoleAssignments);
    if (denied) return denied;
    const tenant = call.context.tenant;
    const active = tenant.seed.roleAssignmentSchedules.filter((s) => tenant.isScheduleActive(s));
    return collection(
      call,
      active.map((s) => roleAssignmentOf(call, s)),
      { contextFragment: 'roleManagement/directory/roleAssignments', present: (a) => a },
    );
  }),
  // A direct (non-PIM) active, permanent assignment: rbacapplication-post-roleassignments answers
  // 201 with the unifiedRoleAssignment; unifiedroleassignment-delete answers 204.
  route('POST', 'roleManagement/directory/roleAssignments', (call) => {
    const denied = needs(call, accepts.assignRole);
    if (denied) return denied;
    const tenant = call.context.tenant;
    const body = (call.body ?? {}) as { principalId?: unknown; roleDefinitionId?: unknown; directoryScopeId?: unknown };
    if (typeof body.principalId !== 'string' || typeof body.roleDefinitionId !== 'string')
      return fail(graphErrors.badRequest('principalId and roleDefinitionId are required.'));
    if (!tenant.kindOf(body.principalId)) return fail(graphErrors.notFound(`Principal '${body.principalId}'`));
    if (!findDirectoryRole(body.roleDefinitionId)) return fail(graphErrors.notFound(`Role definition '${body.roleDefinitionId}'`));
    const directoryScopeId = typeof body.directoryScopeId === 'string' ? body.directoryScopeId : '/';
    const wanted = { principalId: body.principalId, roleDefinitionId: body.roleDefinitionId, directoryScopeId };
    if (tenant.seed.roleAssignmentSchedules.some((s) => tenant.isScheduleActive(s) && roleAssignmentId(s) === roleAssignmentId(wanted))) {
      return fail({
        status: 409,
        code: 'Request_BadRequest',
        message: 'A conflicting object with one or more of the specified property values is present in the directory.',
      });
    }
    const schedule: RoleAssignmentScheduleSeed = {
      id: `sim-${roleAssignmentId(wanted).slice(0, 20)}`,
      ...wanted,
      status: 'Provisioned',
      memberType: 'Direct',
      assignmentType: 'Assigned',
      createdDateTime: tenant.clock.now().toISOString(),
      scheduleInfo: { startDateTime: tenant.clock.now().toISOString(), expiration: { type: 'noExpiration' } },
    };
    tenant.seed.roleAssignmentSchedules.push(schedule);
    return {
      status: 201,
      body: {
        '@odata.context': `${call.origin}/${call.version}/$metadata#roleManagement/directory/roleAssignments/$entity`,
        ...roleAssignmentOf(call, schedule),
      },
    };
  }),
  route('DELETE', 'roleManagement/directory/roleAssignments/{id}', (call, { id }) => {
    const denied = needs(call, accepts.removeRoleAssignment);
    if (denied) return denied;
    const schedules = call.context.tenant.seed.roleAssignmentSchedules;
    const index = schedules.findIndex((s) => roleAssignmentId(s) === id);
    if (index < 0) return fail(graphErrors.notFound(`Role assignment '${id}'`));
    schedules.splice(index, 1);
    return { status: 204 };
  }),
  route(
    'GET',
    'roleManagement/directory/roleAssignmentSchedules',
    (call) =>
      needs(call, accepts.readAssignmentSchedules) ??
      collection(call, call.context.tenant.seed.roleAssignmentSchedules, {
        contextFragment: 'roleManagement/directory/roleAssignmentSchedules',
        present: (s) => ({ ...s }),
      }),
  ),
  route(
    'GET',
    'roleManagement/directory/roleEligibilitySchedules',
    (call) =>
      needs(call, accepts.readEligibilitySchedules) ??
      collection(call, call.context.tenant.seed.roleEligibilitySchedules, {
        contextFragment: 'roleManagement/directory/roleEligibilitySchedules',
        present: (s) => ({ ...s }),
      }),
  ),
  route('GET', 'roleManagement/directory/roleAssignmentScheduleInstances', (call) => {
    const tenant = call.context.tenant;
    return (
      needs(call, accepts.readAssignmentSchedules) ??
      collection(call, tenant.seed.roleAssignmentSchedules.filter((s) => tenant.isScheduleActive(s)).map(instanceOf), {
        contextFragment: 'roleManagement/directory/roleAssignmentScheduleInstances',
        present: (s) => s,
      })
    );
  }),
  route('GET', 'roleManagement/directory/roleEligibilityScheduleInstances', (call) => {
    const tenant = call.context.tenant;
    return (
      needs(call, accepts.readEligibilitySchedules) ??
      collection(call, tenant.seed.roleEligibilitySchedules.filter((s) => tenant.isScheduleActive(s)).map(instanceOf), {
        contextFragment: 'roleManagement/directory/roleEligibilityScheduleInstances',
        present: (s) => s,
      })
    );
  }),
  route('GET', 'policies/roleManagementPolicyAssignments', (call) => {
    const problem = needs(call, accepts.readRolePolicies) ?? requireScopeFilter(call);
    if (problem) return problem;
    const tenant = call.context.tenant;
    const filtered = applyFilter(call, tenant.seed.roleManagementPolicyAssignments);
    if (!filtered.ok) return fail(filtered.failure);
    const withPolicy = expands(call, 'policy');
    const withRules = /policy\(\s*\$expand\s*=\s*rules\s*\)/i.test(call.query.get('$expand') ?? '');
    return collection(call, filtered.items, {
      contextFragment: 'policies/roleManagementPolicyAssignments',
      filter: false,
      present: (assignment) => {
        const policy = tenant.seed.roleManagementPolicies.find((p) => p.id === assignment.policyId);
        return withPolicy && policy ? { ...assignment, policy: presentPolicy(call, policy, withRules) } : { ...assignment };
      },
    });
  }),
  route('GET', 'policies/roleManagementPolicies', (call) => {
    const problem = needs(call, accepts.readRolePolicies) ?? requireScopeFilter(call);
    return (
      problem ??
      collection(call, call.context.tenant.seed.roleManagementPolicies, {
        contextFragment: 'policies/roleManagementPolicies',
        present: (p) => presentPolicy(call, p, expands(call, 'rules')),
      })
    );
  }),
  route('GET', 'policies/roleManagementPolicies/{id}', (call, { id }) => {
    const policy = call.context.tenant.seed.roleManagementPolicies.find((p) => p.id === id);
    if (!policy) return fail(graphErrors.notFound(`Role management policy '${id}'`));
    return (
      needs(call, accepts.readRolePolicies) ??
      entity(call, presentPolicy(call, policy, expands(call, 'rules')), 'policies/roleManagementPolicies/$entity')
    );
  }),
  route('GET', 'policies/roleManagementPolicies/{id}/rules', (call, { id }) => {
    const policy = call.context.tenant.seed.roleManagementPolicies.find((p) => p.id === id);
    if (!policy) return fail(graphErrors.notFound(`Role management policy '${id}'`));
    return (
      needs(call, accepts.readRolePolicies) ??
      collection(call, policy.rules, { contextFragment: `policies/roleManagementPolicies('${id}')/rules`, present: (r) => ({ ...r }) })
    );
  }),
];

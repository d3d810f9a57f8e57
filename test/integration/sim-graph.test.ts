/**
 * The simulated Microsoft Graph through the real @microsoft/microsoft-graph-client (and raw
 * HTTPS where the wire shape itself is the point): the reads the break-glass checks make, the
 * writes recovery and rotation make, JSON batching, paging, faults and Graph's error answers.
 */
import assert from 'node:assert/strict';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';

import { BatchRequestContent, BatchResponseContent, GraphError, PageIterator, ResponseType, type BatchResponseBody, type PageCollection } from '@microsoft/microsoft-graph-client';
import type {
  Application,
  AppRoleAssignment,
  AuthenticationMethod,
  ConditionalAccessPolicy,
  DirectoryObject,
  DirectoryRole,
  Domain,
  Fido2AuthenticationMethod,
  Group,
  ServicePrincipal,
  UnifiedRoleAssignmentSchedule,
  UnifiedRoleEligibilitySchedule,
  UnifiedRoleManagementPolicyAssignment,
  User,
} from '@microsoft/microsoft-graph-types';

import type { Simulator } from '../../src/sim/index.ts';
import { adminPassword, globalAdministrator, graphRoles, ids, testSeed, upn } from '../helpers/sim-seed.ts';
import { answerSecurityKeyPage, appGraphClient, confidentialClient, graphScope, signInWithSecurityKey, simRequest, startTestSimulator } from '../helpers/sim.ts';

type Page<T> = { value: T[]; '@odata.nextLink'?: string };
/** Graph's polymorphic items carry `@odata.type`, which the graph-types interfaces leave out. */
type Typed<T> = T & { '@odata.type'?: string };
type GraphErrorBody = { error: { code: string; message: string; innerError: Record<string, string> } };
type SubResponse = { id: string; status: number; headers: Record<string, string>; body?: unknown };

const privilegedRoleAdministrator = 'e8611ab8-c189-46e8-94e1-60213ab1f814';
const rolePolicyId = `DirectoryRole_${ids.tenant}_a9f0b3c8-7f7e-4bd4-9e59-3b6cfe6a3b1c`;
const lobPasswordKeyId = 'f1000000-0000-4000-8000-000000000003';

const ruleTarget = (caller: 'Admin' | 'EndUser', level: 'Eligibility' | 'Assignment') => ({ caller, operations: ['all'], level, inheritableSettings: [], enforcedSettings: [] });

/** The test tenant plus what the reads need: sync state, sign-in activity, an eligible role, a PIM policy for Global Administrator. */
const readSeed = testSeed((json) => {
  const users = json['users'] as Record<string, unknown>[];
  Object.assign(users[0]!, {
    onPremisesSyncEnabled: null,
    signInActivity: { lastSignInDateTime: '2026-02-01T08:00:00Z', lastSignInRequestId: 'b1b1b1b1-0000-4000-8000-000000000001', lastNonInteractiveSignInDateTime: null, lastNonInteractiveSignInRequestId: null },
  });
  Object.assign(users[2]!, { onPremisesSyncEnabled: true });
  json['roleEligibilitySchedules'] = [
    {
      id: 'eligibility-1',
      principalId: ids.admin,
      roleDefinitionId: privilegedRoleAdministrator,
      directoryScopeId: '/',
      status: 'Provisioned',
      memberType: 'Direct',
      scheduleInfo: { startDateTime: '2026-01-01T00:00:00Z', expiration: { type: 'afterDateTime', endDateTime: '2030-01-01T00:00:00Z' } },
    },
  ];
  json['roleManagementPolicies'] = [
    {
      id: rolePolicyId,
      displayName: 'DirectoryRole',
      description: 'DirectoryRole',
      isOrganizationDefault: false,
      scopeId: '/',
      scopeType: 'DirectoryRole',
      lastModifiedDateTime: null,
      lastModifiedBy: null,
      rules: [
        { '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyExpirationRule', id: 'Expiration_Admin_Assignment', target: ruleTarget('Admin', 'Assignment'), isExpirationRequired: false, maximumDuration: 'P180D' },
        { '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyEnablementRule', id: 'Enablement_EndUser_Assignment', target: ruleTarget('EndUser', 'Assignment'), enabledRules: ['MultiFactorAuthentication', 'Justification'] },
        {
          '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyApprovalRule',
          id: 'Approval_EndUser_Assignment',
          target: ruleTarget('EndUser', 'Assignment'),
          setting: { isApprovalRequired: false, isApprovalRequiredForExtension: false, isRequestorJustificationRequired: true, approvalMode: 'NoApproval', approvalStages: [] },
        },
      ],
    },
  ];
  json['roleManagementPolicyAssignments'] = [
    { id: `${rolePolicyId}_${globalAdministrator}`, policyId: rolePolicyId, scopeId: '/', scopeType: 'DirectoryRole', roleDefinitionId: globalAdministrator },
  ];
});

/** The test tenant where the line-of-business app also has a client secret (which rotation removes). */
const writeSeed = testSeed((json) => {
  const apps = json['applications'] as Array<Record<string, unknown>>;
  apps.find((a) => a['id'] === ids.lobApp.objectId)!['passwordCredentials'] = [
    { customKeyIdentifier: null, displayName: 'old secret', endDateTime: '2027-01-01T00:00:00Z', hint: 'Ab1', keyId: lobPasswordKeyId, secretText: null, startDateTime: '2025-01-01T00:00:00Z' },
  ];
});

/** Six users, so two-per-page paging takes three pages. */
const pagingSeed = testSeed((json) => {
  const users = json['users'] as unknown[];
  for (const n of [5, 6]) users.push({ id: `a0000000-0000-4000-8000-00000000000${n}`, displayName: `user${n}`, userPrincipalName: upn(`user${n}`), accountEnabled: true, userType: 'Member' });
});

const sim = await startTestSimulator(readSeed);
const writeSim = await startTestSimulator(writeSeed);
const pagingSim = await startTestSimulator(pagingSeed, { pageSize: 2 });
const faultSim = await startTestSimulator(testSeed());
const reader = appGraphClient(sim, ids.reader.appId);
const breakGlass = appGraphClient(sim, ids.bgApp.appId);

async function appToken(target: Simulator, appId: string, scope = graphScope): Promise<string> {
  const result = await confidentialClient(target, appId).acquireTokenByClientCredential({ scopes: [scope] });
  assert.ok(result?.accessToken);
  return result.accessToken;
}

/** One raw HTTPS call to Graph, for what graph-js would hide (status line, headers, error body as sent). */
async function rawGraph(target: Simulator, path: string, options: { token?: string; method?: string; body?: unknown } = {}) {
  const response = await simRequest(target, path, {
    method: options.method ?? 'GET',
    headers: { ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}), ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = response.body.toString('utf8');
  return { status: response.status, headers: response.headers, json: (text ? JSON.parse(text) : undefined) as unknown };
}

/** Asserts a graph-js rejection: a GraphError with this status and a code matching `code`. */
function graphError(statusCode: number, code: string | RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof GraphError, `expected a GraphError, got ${String(error)}`);
    assert.equal(error.statusCode, statusCode);
    if (typeof code === 'string') assert.equal(error.code, code);
    else assert.match(error.code ?? '', code);
    return true;
  };
}

function assertGraphErrorBody(body: unknown, code: string): GraphErrorBody['error'] {
  const { error } = body as GraphErrorBody;
  assert.equal(error.code, code);
  assert.equal(typeof error.message, 'string');
  assert.ok(error.message.length > 0);
  assert.match(error.innerError['request-id'] ?? '', /^[0-9a-f-]{36}$/);
  assert.match(error.innerError['date'] ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
  return error;
}

/**
 * Counts the HTTPS requests the simulator receives under a path while `action` runs, through
 * Node's own `http.server.request.start` diagnostics channel (the simulator runs in this process).
 */
async function requestsSeen<T>(target: Simulator, pathPrefix: string, action: () => Promise<T>): Promise<{ result: T; paths: string[] }> {
  const paths: string[] = [];
  const listener = (message: unknown) => {
    const { request, server } = message as { request: IncomingMessage; server: Server };
    if ((server.address() as AddressInfo | null)?.port === target.port && request.url?.startsWith(pathPrefix)) paths.push(request.url);
  };
  subscribe('http.server.request.start', listener);
  try {
    return { result: await action(), paths };
  } finally {
    unsubscribe('http.server.request.start', listener);
  }
}

describe('reads through the real Graph client', () => {
  test('users come back with the $select-ed properties, onPremisesSyncEnabled included (null for cloud-only, true for synced)', async () => {
    const page = (await reader.api('/users').select('id,userPrincipalName,accountEnabled,onPremisesSyncEnabled').get()) as Page<User>;
    const byUpn = new Map(page.value.map((u) => [u.userPrincipalName, u]));
    assert.equal(page.value.length, 4);
    assert.deepEqual(Object.keys(byUpn.get(upn('bg1'))!).sort(), ['accountEnabled', 'id', 'onPremisesSyncEnabled', 'userPrincipalName']);
    assert.equal(byUpn.get(upn('bg1'))!.onPremisesSyncEnabled, null);
    assert.equal(byUpn.get(upn('admin'))!.onPremisesSyncEnabled, true);
    assert.equal(byUpn.get(upn('disabled'))!.accountEnabled, false);
  });

  test('without $select a user has Graph’s default properties only (no onPremisesSyncEnabled, no accountEnabled)', async () => {
    const user = (await reader.api(`/users/${ids.bg1}`).get()) as User;
    assert.equal(user.userPrincipalName, upn('bg1'));
    assert.ok(!('onPremisesSyncEnabled' in user));
    assert.ok(!('accountEnabled' in user));
  });

  test('a user can be read by user principal name', async () => {
    const user = (await reader.api(`/users/${upn('bg2')}`).select('id,displayName').get()) as User;
    assert.equal(user.id, ids.bg2);
    assert.equal(user.displayName, 'bg2');
  });

  test('transitiveMemberOf of a user in a nested group returns both groups and the active Global Administrator role', async () => {
    const page = (await reader.api(`/users/${ids.bg1}/transitiveMemberOf`).get()) as Page<Typed<DirectoryObject & Partial<DirectoryRole>>>;
    const groups = page.value.filter((o) => o['@odata.type'] === '#microsoft.graph.group').map((g) => g.id);
    assert.deepEqual(groups.sort(), [ids.exclusionGroup, ids.innerGroup].sort());
    const roles = page.value.filter((o) => o['@odata.type'] === '#microsoft.graph.directoryRole');
    assert.equal(roles.length, 1);
    assert.equal(roles[0]!.roleTemplateId, globalAdministrator);
    assert.equal(roles[0]!.displayName, 'Global Administrator');
    assert.match(roles[0]!.id ?? '', /^[0-9a-f-]{36}$/);
    assert.notEqual(roles[0]!.id, globalAdministrator, 'a directoryRole object id is not the template id');
  });

  test('memberOf shows only the direct group', async () => {
    const page = (await reader.api(`/users/${ids.bg1}/memberOf`).get()) as Page<Typed<DirectoryObject>>;
    assert.deepEqual(page.value.filter((o) => o['@odata.type'] === '#microsoft.graph.group').map((g) => g.id), [ids.innerGroup]);
  });

  test('signInActivity is returned only when $select-ed', async () => {
    const plain = (await reader.api(`/users/${ids.bg1}`).select('id,userPrincipalName').get()) as User;
    assert.ok(!('signInActivity' in plain));
    const selected = (await reader.api(`/users/${ids.bg1}`).select('id,signInActivity').get()) as User;
    assert.equal(selected.signInActivity?.lastSignInDateTime, '2026-02-01T08:00:00Z');
    const never = (await reader.api(`/users/${ids.bg2}`).select('id,signInActivity').get()) as User;
    assert.equal(never.signInActivity, null);
  });

  test('signInActivity on a tenant without P1/P2 is refused: 403 …RequestFromNonPremiumTenantOrB2CTenant', async () => {
    const free = await startTestSimulator(testSeed((json) => ((json['tenant'] as Record<string, unknown>)['licence'] = 'free')));
    const client = appGraphClient(free, ids.reader.appId);
    await assert.rejects(client.api('/users').select('id,signInActivity').get(), graphError(403, /RequestFromNonPremiumTenantOrB2CTenant/));
    await assert.rejects(client.api(`/users/${ids.bg1}`).select('id,signInActivity').get(), graphError(403, /RequestFromNonPremiumTenantOrB2CTenant/));
    const without = (await client.api(`/users/${ids.bg1}`).select('id').get()) as User;
    assert.equal(without.id, ids.bg1, 'the same read without signInActivity still works on a free tenant');
  });

  test('authentication methods list the security key; fido2Methods lists it and reads it by id', async () => {
    const all = (await breakGlass.api(`/users/${ids.bg1}/authentication/methods`).get()) as Page<Typed<AuthenticationMethod>>;
    assert.deepEqual(all.value.map((m) => [m['@odata.type'], m.id]), [['#microsoft.graph.fido2AuthenticationMethod', 'bg1-key-a']]);
    const fido2 = (await breakGlass.api(`/users/${upn('bg1')}/authentication/fido2Methods`).get()) as Page<Fido2AuthenticationMethod>;
    assert.equal(fido2.value.length, 1);
    assert.equal(fido2.value[0]!.displayName, 'Safe key A');
    assert.equal(fido2.value[0]!.aaGuid, 'cb69481e-8ff7-4039-93ec-0a2729a154a8');
    const one = (await breakGlass.api(`/users/${ids.bg1}/authentication/fido2Methods/bg1-key-a`).get()) as Fido2AuthenticationMethod;
    assert.equal(one.model, 'YubiKey 5 Series');
    const admin = (await breakGlass.api(`/users/${ids.admin}/authentication/fido2Methods`).get()) as Page<Fido2AuthenticationMethod>;
    assert.deepEqual(admin.value, []);
  });

  test('without UserAuthenticationMethod permissions the methods are refused: 403', async () => {
    await assert.rejects(reader.api(`/users/${ids.bg1}/authentication/methods`).get(), graphError(403, 'Authorization_RequestDenied'));
  });

  test('domains show the initial *.onmicrosoft.com domain', async () => {
    const page = (await reader.api('/domains').get()) as Page<Domain>;
    const initial = page.value.filter((d) => d.isInitial);
    assert.deepEqual(initial.map((d) => d.id), ['drilltest.onmicrosoft.com']);
    assert.equal(initial[0]!.isVerified, true);
    assert.equal(initial[0]!.authenticationType, 'Managed');
  });

  test('groups are listed without their members, and /members names the nested group', async () => {
    const groups = (await reader.api('/groups').get()) as Page<Group>;
    assert.deepEqual(groups.value.map((g) => g.id).sort(), [ids.exclusionGroup, ids.innerGroup].sort());
    assert.ok(groups.value.every((g) => !('members' in g)));
    const members = (await reader.api(`/groups/${ids.exclusionGroup}/members`).get()) as Page<Typed<DirectoryObject>>;
    assert.deepEqual(members.value.map((m) => [m['@odata.type'], m.id]), [['#microsoft.graph.group', ids.innerGroup]]);
    const inner = (await reader.api(`/groups/${ids.innerGroup}/members`).get()) as Page<Typed<DirectoryObject & User>>;
    assert.deepEqual(inner.value.map((m) => [m['@odata.type'], m.userPrincipalName]), [['#microsoft.graph.user', upn('bg1')]]);
  });

  test('Conditional Access policies can be listed and read one by one', async () => {
    const page = (await reader.api('/identity/conditionalAccess/policies').get()) as Page<ConditionalAccessPolicy>;
    assert.deepEqual(page.value.map((p) => p.id).sort(), [ids.blockPolicy, ids.reportOnlyPolicy, ids.mfaPolicy, ids.workloadPolicy].sort());
    const block = (await reader.api(`/identity/conditionalAccess/policies/${ids.blockPolicy}`).get()) as ConditionalAccessPolicy;
    assert.equal(block.state, 'enabled');
    assert.deepEqual(block.conditions?.users?.excludeGroups, [ids.exclusionGroup]);
    assert.deepEqual(block.grantControls?.builtInControls, ['block']);
    await assert.rejects(reader.api('/identity/conditionalAccess/policies/e0000000-0000-4000-8000-0000000000ff').get(), graphError(404, 'Request_ResourceNotFound'));
  });

  test('PIM: assignment and eligibility schedules filtered by principalId', async () => {
    const active = (await breakGlass.api('/roleManagement/directory/roleAssignmentSchedules').filter(`principalId eq '${ids.bg1}'`).get()) as Page<UnifiedRoleAssignmentSchedule>;
    assert.equal(active.value.length, 1);
    assert.equal(active.value[0]!.roleDefinitionId, globalAdministrator);
    assert.equal(active.value[0]!.assignmentType, 'Assigned');
    assert.equal(active.value[0]!.scheduleInfo?.expiration?.type, 'noExpiration');
    const eligible = (await breakGlass.api('/roleManagement/directory/roleEligibilitySchedules').filter(`principalId eq '${ids.admin}'`).get()) as Page<UnifiedRoleEligibilitySchedule>;
    assert.deepEqual(eligible.value.map((s) => s.roleDefinitionId), [privilegedRoleAdministrator]);
    assert.equal(eligible.value[0]!.scheduleInfo?.expiration?.type, 'afterDateTime');
    const none = (await breakGlass.api('/roleManagement/directory/roleEligibilitySchedules').filter(`principalId eq '${ids.bg1}'`).get()) as Page<UnifiedRoleEligibilitySchedule>;
    assert.deepEqual(none.value, []);
  });

  test('role-management policy assignments need the scope $filter, and $expand=policy($expand=rules) brings the rules', async () => {
    await assert.rejects(breakGlass.api('/policies/roleManagementPolicyAssignments').get(), graphError(400, /BadRequest/));
    const page = (await breakGlass
      .api('/policies/roleManagementPolicyAssignments')
      .filter(`scopeId eq '/' and scopeType eq 'DirectoryRole' and roleDefinitionId eq '${globalAdministrator}'`)
      .expand('policy($expand=rules)')
      .get()) as Page<UnifiedRoleManagementPolicyAssignment>;
    assert.equal(page.value.length, 1);
    const [assignment] = page.value;
    assert.equal(assignment!.policyId, rolePolicyId);
    assert.equal(assignment!.policy?.id, rolePolicyId);
    const rules = new Map((assignment!.policy?.rules ?? []).map((r) => [r.id, r as Record<string, unknown>]));
    assert.deepEqual([...rules.keys()].sort(), ['Approval_EndUser_Assignment', 'Enablement_EndUser_Assignment', 'Expiration_Admin_Assignment']);
    assert.equal(rules.get('Expiration_Admin_Assignment')!['isExpirationRequired'], false);
    assert.deepEqual(rules.get('Enablement_EndUser_Assignment')!['enabledRules'], ['MultiFactorAuthentication', 'Justification']);
    const withoutRules = (await breakGlass.api('/policies/roleManagementPolicyAssignments').filter("scopeId eq '/' and scopeType eq 'DirectoryRole'").expand('policy').get()) as Page<UnifiedRoleManagementPolicyAssignment>;
    assert.ok(withoutRules.value[0]!.policy);
    assert.ok(!('rules' in withoutRules.value[0]!.policy!));
  });

  test('Microsoft Graph’s service principal by appId, and the Graph app roles granted to the break-glass app', async () => {
    const graphSp = (await reader.api("/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')").get()) as ServicePrincipal;
    assert.equal(graphSp.id, ids.graphSp);
    assert.equal(graphSp.displayName, 'Microsoft Graph');
    const grants = (await reader.api(`/servicePrincipals/${ids.bgApp.sp}/appRoleAssignments`).get()) as Page<AppRoleAssignment>;
    assert.equal(grants.value.length, 1);
    assert.equal(grants.value[0]!.appRoleId, graphRoles['Directory.ReadWrite.All']);
    assert.equal(grants.value[0]!.resourceId, graphSp.id);
    assert.equal(grants.value[0]!.principalId, ids.bgApp.sp);
    assert.equal(grants.value[0]!.principalType, 'ServicePrincipal');
  });

  test('a certificate’s key is returned on a $select of one application, and is null in the collection', async () => {
    const one = (await reader.api(`/applications/${ids.bgApp.objectId}`).select('id,appId,keyCredentials').get()) as Application;
    assert.equal(one.keyCredentials?.length, 1);
    assert.match(String(one.keyCredentials![0]!.key ?? ''), /^MII[A-Za-z0-9+/]+=*$/);
    assert.equal(one.keyCredentials![0]!.keyId, 'f0000000-0000-4000-8000-000000000001');
    const byAppId = (await reader.api(`/applications(appId='${ids.bgApp.appId}')`).select('id,keyCredentials').get()) as Application;
    assert.equal(byAppId.id, ids.bgApp.objectId);
    const all = (await reader.api('/applications').select('id,keyCredentials').get()) as Page<Application>;
    const listed = all.value.find((a) => a.id === ids.bgApp.objectId)!;
    assert.equal(listed.keyCredentials?.length, 1);
    assert.equal(listed.keyCredentials![0]!.key, null);
    assert.equal(listed.keyCredentials![0]!.keyId, 'f0000000-0000-4000-8000-000000000001');
  });
});

describe('writes by the break-glass app', () => {
  const bg = appGraphClient(writeSim, ids.bgApp.appId);

  test('PATCH of a CA policy’s state to report-only answers 204 with a request-id header, and reads back', async () => {
    const response = (await bg.api(`/identity/conditionalAccess/policies/${ids.blockPolicy}`).responseType(ResponseType.RAW).patch({ state: 'enabledForReportingButNotEnforced' })) as Response;
    assert.equal(response.status, 204);
    assert.match(response.headers.get('request-id') ?? '', /^[0-9a-f-]{36}$/);
    const policy = (await bg.api(`/identity/conditionalAccess/policies/${ids.blockPolicy}`).get()) as ConditionalAccessPolicy;
    assert.equal(policy.state, 'enabledForReportingButNotEnforced');
    assert.deepEqual(policy.grantControls?.builtInControls, ['block'], 'the rest of the policy is unchanged');
    assert.ok(policy.modifiedDateTime);
  });

  test('a PATCH with a state Graph does not know is refused: 400', async () => {
    await assert.rejects(bg.api(`/identity/conditionalAccess/policies/${ids.mfaPolicy}`).patch({ state: 'off' }), graphError(400, /BadRequest/));
  });

  test('the reader app may not change a CA policy: 403 Authorization_RequestDenied in Graph’s error body', async () => {
    const client = appGraphClient(writeSim, ids.reader.appId);
    await assert.rejects(client.api(`/identity/conditionalAccess/policies/${ids.mfaPolicy}`).patch({ state: 'enabledForReportingButNotEnforced' }), (error: unknown) => {
      graphError(403, 'Authorization_RequestDenied')(error);
      const e = error as GraphError;
      assert.equal(e.message, 'Insufficient privileges to complete the operation.');
      assert.match(e.requestId ?? '', /^[0-9a-f-]{36}$/);
      assert.ok(e.date instanceof Date && !Number.isNaN(e.date.getTime()));
      return true;
    });
    const raw = await rawGraph(writeSim, `/v1.0/identity/conditionalAccess/policies/${ids.mfaPolicy}`, { token: await appToken(writeSim, ids.reader.appId), method: 'PATCH', body: { state: 'enabledForReportingButNotEnforced' } });
    assert.equal(raw.status, 403);
    const error = assertGraphErrorBody(raw.json, 'Authorization_RequestDenied');
    assert.equal(error.innerError['request-id'], raw.headers['request-id']);
    const policy = (await bg.api(`/identity/conditionalAccess/policies/${ids.mfaPolicy}`).get()) as ConditionalAccessPolicy;
    assert.equal(policy.state, 'enabled', 'the refused PATCH changed nothing');
  });

  test('deleting a FIDO2 method answers 204; the method is gone, and so is the physical key that matched it', async () => {
    const response = (await bg.api(`/users/${ids.bg2}/authentication/fido2Methods/bg2-key-a`).responseType(ResponseType.RAW).delete()) as Response;
    assert.equal(response.status, 204);
    assert.ok(response.headers.get('request-id'));
    const left = (await bg.api(`/users/${ids.bg2}/authentication/fido2Methods`).get()) as Page<Fido2AuthenticationMethod>;
    assert.deepEqual(left.value, []);
    assert.ok(!writeSim.snapshot().simulator.securityKeys.some((k) => k.fido2MethodId === 'bg2-key-a'));
    await assert.rejects(bg.api(`/users/${ids.bg2}/authentication/fido2Methods/bg2-key-a`).delete(), graphError(404, 'Request_ResourceNotFound'));
  });

  test('revokeSignInSessions answers 2xx and moves signInSessionsValidFromDateTime', async () => {
    const before = Date.now() - 1000;
    const response = (await bg.api(`/users/${ids.bg1}/revokeSignInSessions`).responseType(ResponseType.RAW).post(undefined)) as Response;
    assert.ok(response.status >= 200 && response.status < 300, `status ${response.status}`);
    assert.ok(response.headers.get('request-id'));
    const user = writeSim.snapshot().users.find((u) => u.id === ids.bg1)!;
    assert.ok(Date.parse(user.signInSessionsValidFromDateTime ?? '') >= before);
  });

  test('a passwordProfile PATCH answers 204: the sealed-envelope password changes', async () => {
    const newPassword = 'Envelope-Two-2026!';
    const response = (await bg.api(`/users/${ids.admin}`).responseType(ResponseType.RAW).patch({ passwordProfile: { forceChangePasswordNextSignIn: false, password: newPassword } })) as Response;
    assert.equal(response.status, 204);
    assert.ok(response.headers.get('request-id'));

    // The old password is now wrong on the sign-in page …
    const authorize = `/${ids.tenant}/oauth2/v2.0/authorize?${new URLSearchParams({ client_id: ids.custodian.appId, response_type: 'code', redirect_uri: 'http://localhost:3874', scope: 'openid https://graph.microsoft.com/.default' })}`;
    const page = await simRequest(writeSim, authorize);
    const refused = await answerSecurityKeyPage(writeSim, page, `/${ids.tenant}/oauth2/v2.0/authorize`, { username: upn('admin'), password: adminPassword });
    assert.match(refused.body.toString('utf8'), /password is incorrect/);
    // … and the new one is accepted (the MFA policy then asks for a second factor: AADSTS50076).
    await assert.rejects(signInWithSecurityKey(writeSim, ids.custodian.appId, [{ username: upn('admin'), password: newPassword }]), /AADSTS50076/);
  });

  test('a password that breaks the complexity rule is refused: 400', async () => {
    await assert.rejects(bg.api(`/users/${ids.admin}`).patch({ passwordProfile: { password: 'short' } }), graphError(400, /BadRequest/));
  });

  test('removePassword removes the application’s client secret: 204', async () => {
    const before = (await bg.api(`/applications/${ids.lobApp.objectId}`).select('id,passwordCredentials').get()) as Application;
    assert.deepEqual(before.passwordCredentials?.map((p) => [p.keyId, p.hint, p.secretText]), [[lobPasswordKeyId, 'Ab1', null]]);
    const response = (await bg.api(`/applications/${ids.lobApp.objectId}/removePassword`).responseType(ResponseType.RAW).post({ keyId: lobPasswordKeyId })) as Response;
    assert.equal(response.status, 204);
    const after = (await bg.api(`/applications/${ids.lobApp.objectId}`).select('id,passwordCredentials').get()) as Application;
    assert.deepEqual(after.passwordCredentials, []);
    await assert.rejects(bg.api(`/applications/${ids.lobApp.objectId}/removePassword`).post({ keyId: lobPasswordKeyId }), graphError(400, /BadRequest/));
  });
});

describe('$batch', () => {
  const missingUser = 'a0000000-0000-4000-8000-0000000000ee';

  test('graph-js BatchRequestContent/BatchResponseContent: every sub-response parses as JSON, a 404 included', async () => {
    const graphUrl = (path: string) => new Request(`https://graph.microsoft.com/v1.0${path}`, { method: 'GET' });
    const content = new BatchRequestContent([
      { id: 'bg1', request: graphUrl(`/users/${ids.bg1}`) },
      { id: 'domains', request: graphUrl('/domains') },
      { id: 'missing', request: graphUrl(`/users/${missingUser}`) },
    ]);
    const body = (await reader.api('/$batch').post(await content.getContent())) as BatchResponseBody;
    const batch = new BatchResponseContent(body);
    const bg1 = batch.getResponseById('bg1');
    assert.equal(bg1.status, 200);
    assert.equal(((await bg1.json()) as User).userPrincipalName, upn('bg1'));
    const domains = batch.getResponseById('domains');
    assert.equal(((await domains.json()) as Page<Domain>).value[0]!.id, 'drilltest.onmicrosoft.com');
    const missing = batch.getResponseById('missing');
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as GraphErrorBody).error.code, 'Request_ResourceNotFound');
  });

  test('sub-response headers spell Content-Type as graph-js expects', async () => {
    const body = (await reader.api('/$batch').post({ requests: [{ id: '1', method: 'GET', url: `/users/${ids.bg1}` }] })) as { responses: SubResponse[] };
    assert.match(body.responses[0]!.headers['Content-Type'] ?? '', /^application\/json/);
  });

  test('a request that depends on a failed one answers 424 while independent ones succeed; the batch itself is 200', async () => {
    const raw = await rawGraph(sim, '/v1.0/$batch', {
      token: await appToken(sim, ids.reader.appId),
      method: 'POST',
      body: {
        requests: [
          { id: '1', method: 'GET', url: `/users/${missingUser}` },
          { id: '2', method: 'GET', url: `/users/${ids.bg1}/transitiveMemberOf`, dependsOn: ['1'] },
          { id: '3', method: 'GET', url: '/domains' },
          { id: '4', method: 'GET', url: `/users/${ids.bg2}?$select=id,userPrincipalName` },
          { id: '5', method: 'GET', url: '/organization', dependsOn: ['3'] },
        ],
      },
    });
    assert.equal(raw.status, 200);
    const statuses = Object.fromEntries((raw.json as { responses: SubResponse[] }).responses.map((r) => [r.id, r.status]));
    assert.deepEqual(statuses, { '1': 404, '2': 424, '3': 200, '4': 200, '5': 200 });
  });

  test('20 requests chained with dependsOn all run', async () => {
    const requests = Array.from({ length: 20 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: `/users/${ids.bg1}?$select=id`, ...(i > 0 ? { dependsOn: [String(i)] } : {}) }));
    const body = (await reader.api('/$batch').post({ requests })) as { responses: SubResponse[] };
    assert.equal(body.responses.length, 20);
    assert.ok(body.responses.every((r) => r.status === 200));
  });

  test('21 requests are refused: 400 for the whole batch', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/domains' }));
    await assert.rejects(reader.api('/$batch').post({ requests }), graphError(400, /BadRequest/));
  });

  test('duplicate request ids are refused: 400 for the whole batch', async () => {
    const requests = [
      { id: '1', method: 'GET', url: '/domains' },
      { id: '1', method: 'GET', url: `/users/${ids.bg1}` },
    ];
    await assert.rejects(reader.api('/$batch').post({ requests }), graphError(400, /BadRequest/));
  });

  test('a write inside $batch is authorised like a direct call', async () => {
    const body = (await reader.api('/$batch').post({
      requests: [{ id: '1', method: 'PATCH', url: `/identity/conditionalAccess/policies/${ids.blockPolicy}`, headers: { 'Content-Type': 'application/json' }, body: { state: 'disabled' } }],
    })) as { responses: SubResponse[] };
    assert.equal(body.responses[0]!.status, 403);
    assert.equal((body.responses[0]!.body as GraphErrorBody).error.code, 'Authorization_RequestDenied');
  });
});

describe('paging', () => {
  const client = appGraphClient(pagingSim, ids.reader.appId);
  const allUpns = ['admin', 'bg1', 'bg2', 'disabled', 'user5', 'user6'].map(upn).sort();

  test('graph-js PageIterator reads all 6 users across three pages of 2', async () => {
    const { result: seen, paths } = await requestsSeen(pagingSim, '/v1.0/users', async () => {
      const first = (await client.api('/users').select('id,userPrincipalName').get()) as PageCollection;
      assert.equal(first.value.length, 2);
      const upns: string[] = [];
      await new PageIterator(client, first, (user: User) => {
        upns.push(user.userPrincipalName!);
        return true;
      }).iterate();
      return upns;
    });
    assert.deepEqual([...seen].sort(), allUpns);
    assert.equal(new Set(seen).size, 6, 'no user twice');
    assert.equal(paths.length, 3);
  });

  test('the nextLink is an absolute URL carrying $skiptoken and the original query; following it by hand reads every page', async () => {
    const upns: string[] = [];
    let page = (await client.api('/users').select('id,userPrincipalName').get()) as Page<User>;
    const links: string[] = [];
    for (;;) {
      upns.push(...page.value.map((u) => u.userPrincipalName!));
      const next = page['@odata.nextLink'];
      if (!next) break;
      links.push(next);
      page = (await client.api(next).get()) as Page<User>;
    }
    assert.deepEqual(upns.sort(), allUpns);
    assert.equal(links.length, 2);
    for (const link of links) {
      const url = new URL(link);
      assert.equal(url.origin, pagingSim.origin);
      assert.equal(url.pathname, '/v1.0/users');
      assert.ok(url.searchParams.get('$skiptoken'));
      assert.equal(url.searchParams.get('$select'), 'id,userPrincipalName');
    }
  });

  test('the nextLink spells $skiptoken literally, as Graph’s own links do (…/users?$top=5&$skiptoken=…)', async () => {
    // graph/paging: "@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$top=5&$skiptoken=RFNwdAIAAQAAACpHcm91cF8x…".
    // Scripts that cut the token out of the link with a plain string match depend on this spelling.
    const page = (await client.api('/users').top(2).get()) as Page<User>;
    const link = page['@odata.nextLink'] ?? '';
    assert.match(link, /[?&]\$skiptoken=[^&]+/, `nextLink was ${link}`);
    assert.match(link, /[?&]\$top=2(&|$)/, `nextLink was ${link}`);
  });

  test('$top overrides the page size', async () => {
    const page = (await client.api('/users').top(5).get()) as Page<User>;
    assert.equal(page.value.length, 5);
    assert.ok(page['@odata.nextLink']);
    const rest = (await client.api(page['@odata.nextLink']).get()) as Page<User>;
    assert.equal(rest.value.length, 1);
    assert.equal(rest['@odata.nextLink'], undefined);
    const whole = (await client.api('/users').top(10).get()) as Page<User>;
    assert.equal(whole.value.length, 6);
    assert.equal(whole['@odata.nextLink'], undefined);
  });
});

describe('faults', () => {
  const client = appGraphClient(faultSim, ids.reader.appId);
  // Each test sets its own plan; setting a plan also restarts the rules' call counts.
  const clear = () => faultSim.setFaults({});

  test('a 429 with a fractional Retry-After, once: the client waits, retries and succeeds; the simulator saw two calls', async () => {
    faultSim.setFaults({ rules: [{ surface: 'graph', method: 'GET', path: '/v1.0/users', times: 1, respond: { status: 429, retryAfter: '0.05' } }] });
    try {
      const { result, paths } = await requestsSeen(faultSim, '/v1.0/users', () => client.api('/users').select('id').get() as Promise<Page<User>>);
      assert.equal(result.value.length, 4);
      assert.equal(paths.length, 2);
    } finally {
      clear();
    }
  });

  test('503 twice, then success: three calls, one answer', async () => {
    faultSim.setFaults({ rules: [{ path: '/v1.0/domains', times: 2, respond: { status: 503, retryAfter: '0.01' } }] });
    try {
      const { result, paths } = await requestsSeen(faultSim, '/v1.0/domains', () => client.api('/domains').get() as Promise<Page<Domain>>);
      assert.equal(result.value[0]!.id, 'drilltest.onmicrosoft.com');
      assert.equal(paths.length, 3);
    } finally {
      clear();
    }
  });

  test('afterCalls lets calls through before the fault starts', async () => {
    faultSim.setFaults({ rules: [{ path: '/v1.0/domains', afterCalls: 1, times: 1, respond: { status: 429, retryAfter: '0.01' } }] });
    try {
      const { paths } = await requestsSeen(faultSim, '/v1.0/domains', async () => {
        await client.api('/domains').get();
        await client.api('/domains').get();
      });
      assert.equal(paths.length, 3, 'the first call passed, the second was throttled once and retried');
    } finally {
      clear();
    }
  });

  test('without retries a 429 surfaces as statusCode 429 with Graph’s throttling body', async () => {
    const noRetry = appGraphClient(faultSim, ids.reader.appId, 0);
    faultSim.setFaults({ rules: [{ surface: 'graph', path: '/v1.0/users', respond: { status: 429, retryAfter: '2.128' } }] });
    try {
      await assert.rejects(noRetry.api('/users').get(), (error: unknown) => {
        graphError(429, 'TooManyRequests')(error);
        const e = error as GraphError;
        assert.equal(e.message, 'Please retry again later.');
        assert.match(e.requestId ?? '', /^[0-9a-f-]{36}$/);
        assert.equal((e.headers as Headers | undefined)?.get('Retry-After'), '2.128');
        const innerError = (JSON.parse(e.body as string) as GraphErrorBody['error']).innerError;
        assert.equal(innerError['code'], '429');
        assert.equal(innerError['status'], '429');
        return true;
      });
      const raw = await rawGraph(faultSim, '/v1.0/users', { token: await appToken(faultSim, ids.reader.appId) });
      assert.equal(raw.status, 429);
      assert.equal(raw.headers['retry-after'], '2.128');
      assertGraphErrorBody(raw.json, 'TooManyRequests');
    } finally {
      clear();
    }
  });

  test('a reset connection surfaces as a network error, not a hang; the next call is answered', async () => {
    faultSim.setFaults({ rules: [{ path: '/v1.0/domains', times: 1, reset: true }] });
    try {
      await assert.rejects(client.api('/domains').get(), (error: unknown) => {
        assert.ok(!(error instanceof GraphError && error.statusCode >= 100), `expected a network error, got status ${(error as GraphError).statusCode}`);
        assert.match(String((error as GraphError).body ?? (error as Error).message), /socket hang up|ECONNRESET/i);
        return true;
      });
      const page = (await client.api('/domains').get()) as Page<Domain>;
      assert.equal(page.value.length, 1);
    } finally {
      clear();
    }
  });

  test('a 429 inside $batch is that sub-response’s status, with Retry-After; the others succeed', async () => {
    faultSim.setFaults({ rules: [{ surface: 'graph', path: '/v1.0/domains', times: 1, respond: { status: 429, retryAfter: '1' } }] });
    try {
      const body = (await client.api('/$batch').post({
        requests: [
          { id: 'user', method: 'GET', url: `/users/${ids.bg1}` },
          { id: 'domains', method: 'GET', url: '/domains' },
        ],
      })) as { responses: SubResponse[] };
      const byId = new Map(body.responses.map((r) => [r.id, r]));
      assert.equal(byId.get('user')!.status, 200);
      const throttled = byId.get('domains')!;
      assert.equal(throttled.status, 429);
      assert.equal(throttled.headers['Retry-After'], '1');
      assert.equal((throttled.body as GraphErrorBody).error.code, 'TooManyRequests');
    } finally {
      clear();
    }
  });

  test('added latency (plan-wide and per rule) still answers', async () => {
    faultSim.setFaults({ latencyMs: 20, rules: [{ path: '/v1.0/domains', latencyMs: 30 }] });
    try {
      const page = (await client.api('/domains').get()) as Page<Domain>;
      assert.equal(page.value.length, 1);
    } finally {
      clear();
    }
  });

  test('faults on the token endpoint answer in Entra’s error shape: temporarily_unavailable', async () => {
    faultSim.setFaults({ rules: [{ surface: 'token', path: `/${ids.tenant}/oauth2/v2.0/token`, times: 1, respond: { status: 503, retryAfter: '5' } }] });
    try {
      const response = await simRequest(faultSim, `/${ids.tenant}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: ids.reader.appId, grant_type: 'client_credentials', scope: graphScope }).toString(),
      });
      assert.equal(response.status, 503);
      assert.equal(response.headers['retry-after'], '5');
      const body = JSON.parse(response.body.toString('utf8')) as { error: string; error_description: string; error_codes: number[]; timestamp: string; trace_id: string; correlation_id: string };
      assert.equal(body.error, 'temporarily_unavailable');
      assert.match(body.error_description, /^AADSTS\d+: /);
      assert.ok(body.error_codes.length > 0);
      assert.ok(body.timestamp && body.trace_id && body.correlation_id);
      // Only once: the app signs in again right after.
      assert.ok(await appToken(faultSim, ids.reader.appId));
    } finally {
      clear();
    }
  });
});

describe('errors', () => {
  test('no token: 401 InvalidAuthenticationToken in Graph’s error body', async () => {
    const raw = await rawGraph(sim, '/v1.0/users');
    assert.equal(raw.status, 401);
    assertGraphErrorBody(raw.json, 'InvalidAuthenticationToken');
  });

  test('a token for another audience (ARM) is refused: 401', async () => {
    const raw = await rawGraph(sim, '/v1.0/users', { token: await appToken(sim, ids.reader.appId, 'https://management.azure.com/.default') });
    assert.equal(raw.status, 401);
    assertGraphErrorBody(raw.json, 'InvalidAuthenticationToken');
  });

  test('a token from another tenant is refused: 401', async () => {
    const otherTenant = '99999999-2222-4333-8444-555555555555';
    const other = await startTestSimulator(testSeed((json) => ((json['tenant'] as Record<string, unknown>)['id'] = otherTenant)));
    const raw = await rawGraph(sim, '/v1.0/users', { token: await appToken(other, ids.reader.appId) });
    assert.equal(raw.status, 401);
    assertGraphErrorBody(raw.json, 'InvalidAuthenticationToken');
  });

  test('an unknown user: 404 Request_ResourceNotFound', async () => {
    await assert.rejects(reader.api('/users/a0000000-0000-4000-8000-0000000000ee').get(), graphError(404, 'Request_ResourceNotFound'));
    await assert.rejects(reader.api(`/users/${upn('nobody')}`).get(), graphError(404, 'Request_ResourceNotFound'));
  });

  test('an unsupported $filter: 400', async () => {
    await assert.rejects(reader.api('/users').filter('length(displayName) eq 3').get(), graphError(400, /BadRequest|UnsupportedQuery/));
  });

  test('a path Graph does not have: 400', async () => {
    await assert.rejects(reader.api('/users/x/notARelation/y/z').get(), (error: unknown) => error instanceof GraphError && error.statusCode === 400);
  });
});

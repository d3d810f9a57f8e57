/**
 * The simulated Microsoft Graph through the real @microsoft/microsoft-graph-client: the reads the
 * break-glass checks make, and directory objects by id (live, deleted, unknown). JSON batching
 * and Graph's error answers are in sim-graph-batch-errors.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

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

import { breakGlassAppPermissions, globalAdministrator, graphRoles, ids, testSeed, upn } from '../helpers/sim-seed.ts';
import { appGraphClient, startTestSimulator } from '../helpers/sim.ts';
import { graphError, type Page, type Typed } from '../helpers/graph-test.ts';
import { deletedGroup, privilegedRoleAdministrator, readSeed, rolePolicyId, unknownId } from '../helpers/sim-read-seed.ts';

const sim = await startTestSimulator(readSeed);
const reader = appGraphClient(sim, ids.reader.appId);
const breakGlass = appGraphClient(sim, ids.bgApp.appId);

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
    const user = (await reader
      .api(`/users/${upn('bg2')}`)
      .select('id,displayName')
      .get()) as User;
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
    assert.deepEqual(
      page.value.filter((o) => o['@odata.type'] === '#microsoft.graph.group').map((g) => g.id),
      [ids.innerGroup],
    );
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
    await assert.rejects(
      client.api(`/users/${ids.bg1}`).select('id,signInActivity').get(),
      graphError(403, /RequestFromNonPremiumTenantOrB2CTenant/),
    );
    const without = (await client.api(`/users/${ids.bg1}`).select('id').get()) as User;
    assert.equal(without.id, ids.bg1, 'the same read without signInActivity still works on a free tenant');
  });

  test('authentication methods list the security key; fido2Methods lists it and reads it by id', async () => {
    const all = (await breakGlass.api(`/users/${ids.bg1}/authentication/methods`).get()) as Page<Typed<AuthenticationMethod>>;
    assert.deepEqual(
      all.value.map((m) => [m['@odata.type'], m.id]),
      [['#microsoft.graph.fido2AuthenticationMethod', 'bg1-key-a']],
    );
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
    assert.deepEqual(
      initial.map((d) => d.id),
      ['drilltest.onmicrosoft.com'],
    );
    assert.equal(initial[0]!.isVerified, true);
    assert.equal(initial[0]!.authenticationType, 'Managed');
  });

  test('groups are listed without their members, and /members names the nested group', async () => {
    const groups = (await reader.api('/groups').get()) as Page<Group>;
    assert.deepEqual(groups.value.map((g) => g.id).sort(), [ids.exclusionGroup, ids.innerGroup].sort());
    assert.ok(groups.value.every((g) => !('members' in g)));
    const members = (await reader.api(`/groups/${ids.exclusionGroup}/members`).get()) as Page<Typed<DirectoryObject>>;
    assert.deepEqual(
      members.value.map((m) => [m['@odata.type'], m.id]),
      [['#microsoft.graph.group', ids.innerGroup]],
    );
    const inner = (await reader.api(`/groups/${ids.innerGroup}/members`).get()) as Page<Typed<DirectoryObject & User>>;
    assert.deepEqual(
      inner.value.map((m) => [m['@odata.type'], m.userPrincipalName]),
      [['#microsoft.graph.user', upn('bg1')]],
    );
  });

  test('Conditional Access policies can be listed and read one by one', async () => {
    const page = (await reader.api('/identity/conditionalAccess/policies').get()) as Page<ConditionalAccessPolicy>;
    assert.deepEqual(page.value.map((p) => p.id).sort(), [ids.blockPolicy, ids.reportOnlyPolicy, ids.mfaPolicy, ids.workloadPolicy].sort());
    const block = (await reader.api(`/identity/conditionalAccess/policies/${ids.blockPolicy}`).get()) as ConditionalAccessPolicy;
    assert.equal(block.state, 'enabled');
    assert.deepEqual(block.conditions?.users?.excludeGroups, [ids.exclusionGroup]);
    assert.deepEqual(block.grantControls?.builtInControls, ['block']);
    await assert.rejects(
      reader.api('/identity/conditionalAccess/policies/e0000000-0000-4000-8000-0000000000ff').get(),
      graphError(404, 'Request_ResourceNotFound'),
    );
  });

  test('PIM: assignment and eligibility schedules filtered by principalId', async () => {
    const active = (await breakGlass
      .api('/roleManagement/directory/roleAssignmentSchedules')
      .filter(`principalId eq '${ids.bg1}'`)
      .get()) as Page<UnifiedRoleAssignmentSchedule>;
    assert.equal(active.value.length, 1);
    assert.equal(active.value[0]!.roleDefinitionId, globalAdministrator);
    assert.equal(active.value[0]!.assignmentType, 'Assigned');
    assert.equal(active.value[0]!.scheduleInfo?.expiration?.type, 'noExpiration');
    const eligible = (await breakGlass
      .api('/roleManagement/directory/roleEligibilitySchedules')
      .filter(`principalId eq '${ids.admin}'`)
      .get()) as Page<UnifiedRoleEligibilitySchedule>;
    assert.deepEqual(
      eligible.value.map((s) => s.roleDefinitionId),
      [privilegedRoleAdministrator],
    );
    assert.equal(eligible.value[0]!.scheduleInfo?.expiration?.type, 'afterDateTime');
    const none = (await breakGlass
      .api('/roleManagement/directory/roleEligibilitySchedules')
      .filter(`principalId eq '${ids.bg1}'`)
      .get()) as Page<UnifiedRoleEligibilitySchedule>;
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
    assert.deepEqual([...rules.keys()].sort(), [
      'Approval_EndUser_Assignment',
      'Enablement_EndUser_Assignment',
      'Expiration_Admin_Assignment',
    ]);
    assert.equal(rules.get('Expiration_Admin_Assignment')!['isExpirationRequired'], false);
    assert.deepEqual(rules.get('Enablement_EndUser_Assignment')!['enabledRules'], ['MultiFactorAuthentication', 'Justification']);
    const withoutRules = (await breakGlass
      .api('/policies/roleManagementPolicyAssignments')
      .filter("scopeId eq '/' and scopeType eq 'DirectoryRole'")
      .expand('policy')
      .get()) as Page<UnifiedRoleManagementPolicyAssignment>;
    assert.ok(withoutRules.value[0]!.policy);
    assert.ok(!('rules' in withoutRules.value[0]!.policy!));
  });

  test('Microsoft Graph’s service principal by appId, and the Graph app roles granted to the break-glass app', async () => {
    const graphSp = (await reader.api("/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')").get()) as ServicePrincipal;
    assert.equal(graphSp.id, ids.graphSp);
    assert.equal(graphSp.displayName, 'Microsoft Graph');
    const grants = (await reader.api(`/servicePrincipals/${ids.bgApp.sp}/appRoleAssignments`).get()) as Page<AppRoleAssignment>;
    assert.deepEqual(
      grants.value.map((g) => g.appRoleId),
      breakGlassAppPermissions.map((p) => graphRoles[p]),
    );
    assert.ok(
      grants.value.every((g) => g.resourceId === graphSp.id && g.principalId === ids.bgApp.sp && g.principalType === 'ServicePrincipal'),
    );
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

describe('directory objects by id: live, deleted, unknown', () => {
  test('getByIds returns only the live objects among the ids, typed, and can keep to some types', async () => {
    const all = (await reader
      .api('/directoryObjects/getByIds')
      .post({ ids: [ids.bg1, ids.exclusionGroup, deletedGroup.id, unknownId] })) as Page<Typed<DirectoryObject>>;
    assert.deepEqual(
      all.value.map((o) => [o.id, o['@odata.type']]).sort(),
      [
        [ids.bg1, '#microsoft.graph.user'],
        [ids.exclusionGroup, '#microsoft.graph.group'],
      ].sort(),
    );
    const groups = (await reader
      .api('/directoryObjects/getByIds')
      .post({ ids: [ids.bg1, ids.exclusionGroup], types: ['group'] })) as Page<DirectoryObject>;
    assert.deepEqual(
      groups.value.map((o) => o.id),
      [ids.exclusionGroup],
    );
  });

  test('a deleted group is found among deleted items, with when it was deleted; an unknown id is not', async () => {
    const deleted = (await reader.api(`/directory/deletedItems/${deletedGroup.id}`).get()) as Typed<Group>;
    assert.equal(deleted['@odata.type'], '#microsoft.graph.group');
    assert.equal(deleted.displayName, deletedGroup.displayName);
    assert.equal(deleted.deletedDateTime, deletedGroup.deletedDateTime);
    await assert.rejects(reader.api(`/directory/deletedItems/${unknownId}`).get(), graphError(404, 'Request_ResourceNotFound'));
    await assert.rejects(reader.api(`/directoryObjects/${deletedGroup.id}`).get(), graphError(404, 'Request_ResourceNotFound'));
    assert.equal(((await reader.api(`/directoryObjects/${ids.bg1}`).get()) as DirectoryObject).id, ids.bg1);
  });
});

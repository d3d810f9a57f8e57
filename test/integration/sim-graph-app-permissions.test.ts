/**
 * App-only Graph calls are authorized by the application permissions in the token, not by a
 * directory role the app holds (conditionalaccesspolicy-update, rbacapplication-post-roleassignments,
 * user-revokesigninsessions); a password reset is the documented exception that needs both
 * (resources/user, passwordProfile; "Who can reset passwords").
 *
 * In this tenant the line-of-business app holds Global Administrator but only Directory.Read.All,
 * and the reader app holds the three Conditional Access permissions and
 * User-PasswordProfile.ReadWrite.All but no directory role.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { ConditionalAccessPolicy } from '@microsoft/microsoft-graph-types';

import { appToken, assertGraphErrorBody, rawGraph } from '../helpers/graph-test.ts';
import { globalAdministrator, graphRoles, ids, permanentGa, testSeed } from '../helpers/sim-seed.ts';
import { startTestSimulator } from '../helpers/sim.ts';

const userAdministrator = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const privilegedAuthenticationAdministrator = '7be44c8a-adaf-4e2a-84d6-ab2649e08a13';

const sim = await startTestSimulator(
  testSeed((json) => {
    // The workload policy blocks the line-of-business app's own sign-in; this file is about what its token may do.
    json['conditionalAccessPolicies'] = (json['conditionalAccessPolicies'] as Array<{ id: string }>).filter(
      (p) => p.id !== ids.workloadPolicy,
    );
    const grants = json['appRoleAssignments'] as unknown[];
    const grant = (id: string, role: keyof typeof graphRoles) =>
      grants.push({
        id,
        appRoleId: graphRoles[role],
        principalId: ids.reader.sp,
        principalType: 'ServicePrincipal',
        resourceId: ids.graphSp,
      });
    grant('reader-ca', 'Policy.ReadWrite.ConditionalAccess');
    grant('reader-apps', 'Application.Read.All');
    grant('reader-passwords', 'User-PasswordProfile.ReadWrite.All');
    (json['roleAssignmentSchedules'] as unknown[]).push(permanentGa('lob-ga', ids.lobApp.sp));
  }),
);

const call = async (appId: string, method: string, path: string, body?: unknown) =>
  rawGraph(sim, `/v1.0${path}`, { token: await appToken(sim, appId), method, ...(body !== undefined ? { body } : {}) });
const policyState = async (id: string) =>
  ((await call(ids.bgApp.appId, 'GET', `/identity/conditionalAccess/policies/${id}`)).json as ConditionalAccessPolicy).state;
const newPassword = { passwordProfile: { password: 'Correct-Horse-42-Battery', forceChangePasswordNextSignIn: false } };

async function assign(principalId: string, roleDefinitionId: string): Promise<void> {
  const created = await call(ids.bgApp.appId, 'POST', '/roleManagement/directory/roleAssignments', {
    principalId,
    roleDefinitionId,
    directoryScopeId: '/',
  });
  assert.equal(created.status, 201);
}

describe('an app holding only Global Administrator', () => {
  test('is refused a Conditional Access PATCH: 403 Authorization_RequestDenied in Graph’s error shape, and nothing changes', async () => {
    const refused = await call(ids.lobApp.appId, 'PATCH', `/identity/conditionalAccess/policies/${ids.mfaPolicy}`, {
      state: 'enabledForReportingButNotEnforced',
    });
    assert.equal(refused.status, 403);
    const error = assertGraphErrorBody(refused.json, 'Authorization_RequestDenied');
    assert.equal(error.message, 'Insufficient privileges to complete the operation.');
    assert.match(
      refused.headers['x-ms-sim-detail'] ?? '',
      /Policy\.ReadWrite\.ConditionalAccess.*directory roles of the service principal do not count/,
    );
    assert.equal(await policyState(ids.mfaPolicy), 'enabled');
  });

  test('cannot assign a directory role, revoke sessions or reset a password either', async () => {
    const role = await call(ids.lobApp.appId, 'POST', '/roleManagement/directory/roleAssignments', {
      principalId: ids.admin,
      roleDefinitionId: globalAdministrator,
      directoryScopeId: '/',
    });
    assert.equal(role.status, 403);
    const revoke = await call(ids.lobApp.appId, 'POST', `/users/${ids.bg1}/revokeSignInSessions`);
    assert.equal(revoke.status, 403);
    const reset = await call(ids.lobApp.appId, 'PATCH', `/users/${ids.bg1}`, newPassword);
    assert.equal(reset.status, 403);
  });
});

describe('an app with Policy.Read.All, Policy.ReadWrite.ConditionalAccess and Application.Read.All', () => {
  test('switches a policy to report-only without any directory role', async () => {
    const patched = await call(ids.reader.appId, 'PATCH', `/identity/conditionalAccess/policies/${ids.blockPolicy}`, {
      state: 'enabledForReportingButNotEnforced',
    });
    assert.equal(patched.status, 204);
    assert.equal(await policyState(ids.blockPolicy), 'enabledForReportingButNotEnforced');
  });
});

describe('an app-only password reset', () => {
  test('without a directory role is refused, even for a user who holds no administrator role', async () => {
    const refused = await call(ids.reader.appId, 'PATCH', `/users/${ids.admin}`, newPassword);
    assert.equal(refused.status, 403);
    assertGraphErrorBody(refused.json, 'Authorization_RequestDenied');
    assert.match(refused.headers['x-ms-sim-detail'] ?? '', /User Administrator/);
  });

  test('with User Administrator resets a non-administrator, but not a Global Administrator', async () => {
    await assign(ids.reader.sp, userAdministrator);
    const user = await call(ids.reader.appId, 'PATCH', `/users/${ids.admin}`, newPassword);
    assert.equal(user.status, 204);
    const admin = await call(ids.reader.appId, 'PATCH', `/users/${ids.bg1}`, newPassword);
    assert.equal(admin.status, 403);
    assert.match(admin.headers['x-ms-sim-detail'] ?? '', /Privileged Authentication Administrator or Global Administrator/);
  });

  test('with Privileged Authentication Administrator resets a Global Administrator', async () => {
    await assign(ids.reader.sp, privilegedAuthenticationAdministrator);
    const admin = await call(ids.reader.appId, 'PATCH', `/users/${ids.bg1}`, newPassword);
    assert.equal(admin.status, 204);
  });
});

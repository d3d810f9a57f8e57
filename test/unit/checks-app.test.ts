import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { checkApp } from '../../src/core/checks/app.ts';
import type { CheckResult } from '../../src/core/checks/model.ts';
import type { TenantSnapshot } from '../../src/core/checks/snapshot.ts';
import {
  app,
  context,
  graphRoleIds,
  graphServicePrincipalId,
  ok,
  readySnapshot,
  testInventory,
  unreadable,
} from '../helpers/check-snapshot.ts';
import { appSubject, assertActionable, expectStatus, withApp } from '../helpers/check-app.ts';

/** Only the Graph permissions named, granted to the break-glass app's service principal. */
const grants = (...names: (keyof typeof graphRoleIds)[]) =>
  ok(
    names.map((name, n) => ({
      id: `grant-${n}`,
      appRoleId: graphRoleIds[name],
      resourceId: graphServicePrincipalId,
      principalId: app.servicePrincipalId,
    })),
  );

function withoutGlobalAdministrator(snapshot: TenantSnapshot): TenantSnapshot {
  assert.ok(snapshot.roleAssignmentSchedules.ok);
  return {
    ...snapshot,
    roleAssignmentSchedules: ok(snapshot.roleAssignmentSchedules.value.filter((s) => s.principalId !== app.servicePrincipalId)),
  };
}

describe('checkApp: the break-glass app registration (BG-APP-01…06)', () => {
  test('a ready tenant passes every app check for the configured app', () => {
    const results = checkApp(context(readySnapshot()));
    assert.deepEqual(
      results.map((r) => [r.id, r.status]),
      ['BG-APP-01', 'BG-APP-02', 'BG-APP-03', 'BG-APP-04', 'BG-APP-05', 'BG-APP-06'].map((id) => [id, 'pass']),
    );
    for (const check of results) {
      assert.deepEqual(check.subject, appSubject);
      assert.ok(check.evidence.length > 0);
      assert.equal(check.remediation, '');
    }
  });

  test('no app in the inventory: one BG-APP-01 failure says there is no app path', () => {
    const results = checkApp(context({ ...readySnapshot(), inventory: testInventory({ app: undefined }), app: undefined }));
    assert.equal(results.length, 1);
    assert.equal(results[0]!.id, 'BG-APP-01');
    assert.equal(results[0]!.status, 'fail');
    assert.equal(results[0]!.subject.kind, 'app');
    assertActionable(results[0]!);
  });

  test('the app is configured but nothing was read about it: every app check is indeterminate', () => {
    const results = checkApp(context({ ...readySnapshot(), app: undefined }));
    assert.deepEqual(
      results.map((r) => r.status),
      Array(6).fill('indeterminate'),
    );
    results.forEach(assertActionable);
  });

  describe('BG-APP-01 registration and service principal', () => {
    test('a disabled service principal fails: the app cannot get a token', () => {
      const check = expectStatus(
        withApp({
          servicePrincipal: ok({ id: app.servicePrincipalId, appId: app.appId, displayName: 'Break-glass app', accountEnabled: false }),
        }),
        'BG-APP-01',
        'fail',
      );
      assert.match(check.title, /disabled/);
      assert.match(check.remediation, /Enabled for users to sign in/);
    });

    test('an unreadable registration is indeterminate with the reason, never a pass', () => {
      const check = expectStatus(
        withApp({ application: unreadable('Request_ResourceNotFound: no application with that appId') }),
        'BG-APP-01',
        'indeterminate',
      );
      assert.ok(check.evidence.some((e) => e.includes('Request_ResourceNotFound')));
    });

    test("an inventory objectId that is not the registration's fails (rotation would write to the wrong object)", () => {
      const snapshot = readySnapshot();
      const check = expectStatus(
        { ...snapshot, inventory: testInventory({ app: { appId: app.appId, objectId: 'd1000000-0000-4000-8000-0000000000ff' } }) },
        'BG-APP-01',
        'fail',
      );
      assert.ok(check.evidence.some((e) => e.includes('d1000000-0000-4000-8000-0000000000ff')));
    });
  });

  describe('BG-APP-02 can the app do what the runbook needs?', () => {
    const caRepair = ['Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess', 'Application.Read.All'] as const;
    const line = (check: CheckResult, start: string) => check.evidence.find((e) => e.startsWith(start)) ?? '';

    test('every application permission, with Global Administrator: passes, listing each action it can do', () => {
      const check = expectStatus(readySnapshot(), 'BG-APP-02', 'pass');
      assert.match(
        line(check, 'Can: Switch a blocking Conditional Access policy'),
        /Policy\.Read\.All \+ Policy\.ReadWrite\.ConditionalAccess \+ Application\.Read\.All/,
      );
      assert.match(
        line(check, "Can: Reset a break-glass account's password"),
        /Privileged Authentication Administrator or Global Administrator/,
      );
      assert.ok(check.evidence.some((e) => e.startsWith('Can: Roll its own certificate') && e.includes('no permission')));
    });

    test('Global Administrator without any Graph application permission fails: a directory role does not authorize app-only calls', () => {
      const check = expectStatus(withApp({ appRoleAssignments: grants() }), 'BG-APP-02', 'fail');
      assert.match(check.title, /cannot repair Conditional Access/);
      assert.ok(check.evidence.includes('Microsoft Graph application permissions granted: none'));
      assert.ok(check.evidence.some((e) => e.includes('Global Administrator') && e.startsWith('Directory roles')));
      assert.match(
        check.remediation,
        /application permissions Policy\.Read\.All, Policy\.ReadWrite\.ConditionalAccess, Application\.Read\.All, GroupMember\.Read\.All, RoleManagement\.ReadWrite\.Directory, User\.Read\.All, User-PasswordProfile\.ReadWrite\.All, User\.RevokeSessions\.All, UserAuthenticationMethod\.Read\.All, UserAuthMethod-Passkey\.ReadWrite\.All, AuditLog\.Read\.All, Directory\.Read\.All and grant admin consent/,
      );
      assert.match(check.remediation, /Global Administrator alone does not let the app call Graph/);
    });

    test('Directory.ReadWrite.All alone fails: Conditional Access needs its own permissions', () => {
      const check = expectStatus(
        withoutGlobalAdministrator(withApp({ appRoleAssignments: grants('Directory.ReadWrite.All') })),
        'BG-APP-02',
        'fail',
      );
      assert.match(
        line(check, 'Cannot: Switch a blocking'),
        /missing the application permission Policy\.Read\.All, Policy\.ReadWrite\.ConditionalAccess, Application\.Read\.All/,
      );
      assert.match(
        line(check, "Cannot: Reset a break-glass account's password"),
        /missing the directory role/,
        'Directory.ReadWrite.All covers the permission, not the role',
      );
    });

    test('without Policy.Read.All the Conditional Access PATCH is out of reach: fails', () => {
      const check = expectStatus(
        withApp({ appRoleAssignments: grants('Policy.ReadWrite.ConditionalAccess', 'Application.Read.All') }),
        'BG-APP-02',
        'fail',
      );
      assert.match(check.remediation, /application permissions Policy\.Read\.All,/);
    });

    test('the three Conditional Access permissions alone: switching to report-only is possible, adding the exclusion back also needs the group read', () => {
      const check = expectStatus(withApp({ appRoleAssignments: grants(...caRepair) }), 'BG-APP-02', 'warn');
      assert.ok(line(check, 'Can: Switch a blocking'));
      assert.match(line(check, 'Cannot: Add the break-glass exclusion back'), /missing the application permission GroupMember\.Read\.All/);
    });

    test('the Conditional Access permissions and Directory.Read.All: the repairs pass, and each other action warns with exactly the permission it lacks', () => {
      const check = expectStatus(withApp({ appRoleAssignments: grants(...caRepair, 'Directory.Read.All') }), 'BG-APP-02', 'warn');
      assert.match(
        check.title,
        /can repair Conditional Access, but cannot: assign a directory role.*reset a break-glass account's password.*revoke.*remove a security key.*read the failed sign-in/,
      );
      assert.ok(line(check, 'Can: Switch a blocking'));
      assert.ok(line(check, 'Can: Add the break-glass exclusion back'));
      assert.match(
        line(check, 'Cannot: Assign a directory role'),
        /missing the application permission RoleManagement\.ReadWrite\.Directory$/,
      );
      assert.match(
        line(check, "Cannot: Revoke a break-glass account's sign-in sessions"),
        /missing the application permission User\.RevokeSessions\.All$/,
      );
      assert.match(
        line(check, 'Cannot: Remove a security key'),
        /UserAuthenticationMethod\.Read\.All.*UserAuthMethod-Passkey\.ReadWrite\.All/,
      );
      assert.match(
        check.remediation,
        /^Grant the break-glass app "Break-glass app" the Microsoft Graph application permissions RoleManagement\.ReadWrite\.Directory, User-PasswordProfile\.ReadWrite\.All, User\.RevokeSessions\.All, UserAuthenticationMethod\.Read\.All, UserAuthMethod-Passkey\.ReadWrite\.All, AuditLog\.Read\.All and grant admin consent/,
      );
      assert.match(
        line(check, 'Cannot: Read the failed sign-in'),
        /missing the application permission AuditLog\.Read\.All$/,
        'Directory.Read.All is held',
      );
      assert.doesNotMatch(check.remediation, /Policy\.ReadWrite\.ConditionalAccess/);
    });

    test('every permission but no privileged directory role: only the password reset warns, naming the role to assign', () => {
      const check = expectStatus(withoutGlobalAdministrator(readySnapshot()), 'BG-APP-02', 'warn');
      assert.match(check.title, /cannot: reset a break-glass account's password$/);
      assert.match(
        check.remediation,
        /^Assign the app Privileged Authentication Administrator \(or Global Administrator\) as an active, permanently assigned role/,
      );
    });

    test('a time-bound Global Administrator assignment does not count for the password reset', () => {
      const snapshot = readySnapshot();
      assert.ok(snapshot.roleAssignmentSchedules.ok);
      const timeBound = snapshot.roleAssignmentSchedules.value.map((s) =>
        s.principalId === app.servicePrincipalId
          ? {
              ...s,
              scheduleInfo: {
                startDateTime: '2026-01-01T00:00:00Z',
                expiration: { type: 'afterDateTime', endDateTime: '2027-01-01T00:00:00Z' },
              },
            }
          : s,
      );
      const check = expectStatus({ ...snapshot, roleAssignmentSchedules: ok(timeBound) }, 'BG-APP-02', 'warn');
      assert.ok(check.evidence.includes('Directory roles of the service principal (active, permanent): none'));
    });

    test('role assignments unreadable with every permission granted: indeterminate for the password reset, not a guess', () => {
      const check = expectStatus(
        { ...readySnapshot(), roleAssignmentSchedules: unreadable('Authorization_RequestDenied: RoleManagement.Read.Directory missing') },
        'BG-APP-02',
        'indeterminate',
      );
      assert.ok(check.evidence.some((e) => e.startsWith("Unknown: Reset a break-glass account's password")));
    });

    test('grants unreadable: indeterminate with the reason', () => {
      const check = expectStatus(
        withApp({ appRoleAssignments: unreadable('Authorization_RequestDenied: Application.Read.All missing') }),
        'BG-APP-02',
        'indeterminate',
      );
      assert.ok(check.evidence.some((e) => e.includes('Application.Read.All missing')));
    });
  });

  describe('BG-APP-06 owners', () => {
    test('an owner on the app registration warns and is named', () => {
      const check = expectStatus(
        withApp({
          owners: ok([{ id: 'a0000000-0000-4000-8000-0000000000aa', '@odata.type': '#microsoft.graph.user', displayName: 'Dev Lead' }]),
        }),
        'BG-APP-06',
        'warn',
      );
      assert.ok(check.evidence.some((e) => e.includes('Dev Lead')));
    });

    test('owners unreadable: indeterminate', () => {
      expectStatus(withApp({ owners: unreadable('Graph error 503') }), 'BG-APP-06', 'indeterminate');
    });
  });
});

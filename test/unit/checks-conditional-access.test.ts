import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { subjectKey } from '../../src/core/checks/model.ts';
import type { AccountSnapshot, DirectoryObjectRef, RoleSchedule, TenantSnapshot } from '../../src/core/checks/snapshot.ts';
import { globalAdministratorRoleId as ga } from '../../src/shared/directory-roles.ts';
import { app, bg1, bg2, exclusionGroupId, ok, readySnapshot, unreadable } from '../helpers/check-snapshot.ts';
import { policy, rows, run, statuses, text, withPolicies } from '../helpers/check-conditional-access.ts';

const groupA = { id: 'b0000000-0000-4000-8000-0000000000aa', '@odata.type': '#microsoft.graph.group', displayName: 'All admins (A)' };
const groupB = {
  id: 'b0000000-0000-4000-8000-0000000000bb',
  '@odata.type': '#microsoft.graph.group',
  displayName: 'Tier-0 admins (B, member of A)',
};
const gaRole = {
  id: 'e0000000-0000-4000-8000-0000000000ga',
  '@odata.type': '#microsoft.graph.directoryRole',
  displayName: 'Global Administrator',
  roleTemplateId: ga,
};

/** Both accounts, changed the same way. */
function withAccounts(snapshot: TenantSnapshot, change: (account: AccountSnapshot, n: number) => Partial<AccountSnapshot>): TenantSnapshot {
  return { ...snapshot, accounts: snapshot.accounts.map((a, n) => ({ ...a, ...change(a, n) })) };
}
const memberOf = (...entries: DirectoryObjectRef[]) => ({ transitiveMemberOf: ok(entries) });

describe('Conditional Access checks on the ready tenant', () => {
  test('every check passes, with one BG-CA-01/02 row per account and the protection policy under BG-CA-03', () => {
    const results = run(readySnapshot());
    assert.deepEqual(
      results.map((r) => `${r.id} ${r.status} ${r.subject.kind}:${r.subject.name}`),
      [
        `BG-CA-01 pass account:${bg1.userPrincipalName}`,
        `BG-CA-01 pass account:${bg2.userPrincipalName}`,
        `BG-CA-02 pass account:${bg1.userPrincipalName}`,
        `BG-CA-02 pass account:${bg2.userPrincipalName}`,
        'BG-CA-03 pass policy:CA006 Break-glass: phishing-resistant MFA',
        'BG-CA-04 pass tenant:Conditional Access policies',
        'BG-CA-05 pass app:Break-glass app',
        'BG-CA-06 pass group:CA-BreakGlassAccounts - Exclude',
      ],
    );
    const pass = rows(results, 'BG-CA-01')[0]!;
    assert.match(
      pass.evidence.join(' '),
      /Excluded from 2 enabled user-scoped policies that include it: 2 through a group it is a member of \(CA-BreakGlassAccounts - Exclude/,
    );
    assert.match(pass.evidence.join(' '), /1 break-glass protection policy applies \(BG-CA-03\)/);
    assert.match(text(rows(results, 'BG-CA-03')[0]!), /Applies to: bg1@drilltest\.onmicrosoft\.com, bg2@drilltest\.onmicrosoft\.com/);
  });
});

describe('BG-CA-01: which policies apply to a break-glass account', () => {
  test('All users with a group exclusion passes; without it each account fails, naming the policy and the fix', () => {
    const excluded = run(withPolicies([policy('CA100 Block all', { includeUsers: ['All'], excludeGroups: [exclusionGroupId] })]));
    assert.deepEqual(statuses(excluded, 'BG-CA-01'), [`pass:account:${bg1.userPrincipalName}`, `pass:account:${bg2.userPrincipalName}`]);

    const open = run(withPolicies([policy('CA101 Block all', { includeUsers: ['All'] })]));
    assert.deepEqual(statuses(open, 'BG-CA-01'), [
      `fail:policy:CA101 Block all × ${bg1.userPrincipalName}`,
      `fail:policy:CA101 Block all × ${bg2.userPrincipalName}`,
    ]);
    const [first, second] = rows(open, 'BG-CA-01');
    // The subject names both: the policy (kind, id, name) and the account it locks out.
    assert.deepEqual(first!.subject, {
      kind: 'policy',
      id: first!.subject.id,
      name: 'CA101 Block all',
      account: { id: bg1.id, name: bg1.userPrincipalName },
    });
    assert.deepEqual(second!.subject.account, { id: bg2.id, name: bg2.userPrincipalName });
    assert.notEqual(subjectKey(first!.subject), subjectKey(second!.subject), 'one entry per check id per subject');
    assert.match(first!.title, /applies to bg1@drilltest\.onmicrosoft\.com and does not exclude it/);
    assert.match(text(first!), /includeUsers: All users/);
    assert.match(text(first!), /No exclusion matches it/);
    assert.match(
      first!.remediation,
      new RegExp(`Add CA-BreakGlassAccounts - Exclude \\(${exclusionGroupId}\\) to the policy's excluded groups`),
    );
  });

  test('an exclusion by the account id or through an active role wins over All users', () => {
    const results = run(
      withPolicies([
        policy('CA102 by id', { includeUsers: ['All'], excludeUsers: [bg1.id, bg2.id] }),
        policy('CA103 by role', { includeUsers: ['All'], excludeRoles: [ga] }),
      ]),
    );
    assert.deepEqual(statuses(results, 'BG-CA-01'), [`pass:account:${bg1.userPrincipalName}`, `pass:account:${bg2.userPrincipalName}`]);
    assert.match(
      rows(results, 'BG-CA-01')[0]!.evidence[0]!,
      /2 enabled user-scoped policies that include it: 1 by the account's id \(excludeUsers\); 1 through a role it holds actively/,
    );
  });

  test('nested group: an account in group B, itself a member of the excluded group A, is excluded', () => {
    const block = policy('CA110 Block outside office', { includeUsers: ['All'], excludeGroups: [groupA.id] });
    const nested = withAccounts(withPolicies([block]), () => memberOf(groupB, groupA, gaRole));
    const results = run(nested);
    assert.deepEqual(statuses(results, 'BG-CA-01'), [`pass:account:${bg1.userPrincipalName}`, `pass:account:${bg2.userPrincipalName}`]);
    assert.match(rows(results, 'BG-CA-01')[0]!.evidence[0]!, /All admins \(A\)/);

    // Direct memberships only (what Maester MT.1005 reads) would not show A: then it is not excluded.
    const direct = run(withAccounts(withPolicies([block]), () => memberOf(groupB, gaRole)));
    assert.deepEqual(statuses(direct, 'BG-CA-01'), [
      `fail:policy:CA110 Block outside office × ${bg1.userPrincipalName}`,
      `fail:policy:CA110 Block outside office × ${bg2.userPrincipalName}`,
    ]);
  });

  test('a group inclusion counts through nesting too', () => {
    const results = run(
      withAccounts(
        withPolicies([
          policy('CA111 Admins MFA', { includeGroups: [groupA.id] }, { grantControls: { operator: 'OR', builtInControls: ['mfa'] } }),
        ]),
        () => memberOf(groupB, groupA),
      ),
    );
    assert.deepEqual(statuses(results, 'BG-CA-01'), [
      `fail:policy:CA111 Admins MFA × ${bg1.userPrincipalName}`,
      `fail:policy:CA111 Admins MFA × ${bg2.userPrincipalName}`,
    ]);
    assert.match(text(rows(results, 'BG-CA-01')[0]!), /includeGroups: All admins \(A\) .* direct or nested member/);
    assert.match(text(rows(results, 'BG-CA-01')[0]!), /Grant: mfa/);
  });

  describe('excludeRoles counts only a role held actively', () => {
    const byRole = policy('CA120 Block all but GAs', { includeUsers: ['All'], excludeRoles: [ga] });
    const eligibleOnly = (s: TenantSnapshot): TenantSnapshot => {
      const bg1Eligible: RoleSchedule = {
        id: 'eligible-1',
        principalId: bg1.id,
        roleDefinitionId: ga,
        directoryScopeId: '/',
        memberType: 'Direct',
        status: 'Provisioned',
        scheduleInfo: { expiration: { type: 'noExpiration' } },
      };
      return {
        ...withAccounts(s, (a, n) => (n === 0 ? memberOf(groupB) : {})),
        roleAssignmentSchedules: ok(
          (s.roleAssignmentSchedules.ok ? s.roleAssignmentSchedules.value : []).filter((r) => r.principalId !== bg1.id),
        ),
        roleEligibilitySchedules: ok([bg1Eligible]),
      };
    };

    test('active role (a directoryRole in transitiveMemberOf) → pass', () => {
      assert.deepEqual(statuses(run(withPolicies([byRole])), 'BG-CA-01'), [
        `pass:account:${bg1.userPrincipalName}`,
        `pass:account:${bg2.userPrincipalName}`,
      ]);
    });

    test('active only in roleAssignmentSchedules, directly or through a group → pass', () => {
      const schedules = readySnapshot().roleAssignmentSchedules;
      const viaGroup: RoleSchedule = {
        id: 'group-ga',
        principalId: groupB.id,
        roleDefinitionId: ga,
        directoryScopeId: '/',
        assignmentType: 'Assigned',
        status: 'Provisioned',
        scheduleInfo: { expiration: { type: 'noExpiration' } },
      };
      let s = withAccounts(withPolicies([byRole]), (a, n) => (n === 0 ? memberOf() : memberOf(groupB)));
      s = {
        ...s,
        roleAssignmentSchedules: ok([...(schedules.ok ? schedules.value.filter((r) => r.principalId !== bg2.id) : []), viaGroup]),
      };
      assert.deepEqual(statuses(run(s), 'BG-CA-01'), [`pass:account:${bg1.userPrincipalName}`, `pass:account:${bg2.userPrincipalName}`]);
    });

    test('eligible only → fail for that account', () => {
      const results = run(eligibleOnly(withPolicies([byRole])));
      assert.deepEqual(statuses(results, 'BG-CA-01'), [
        `fail:policy:CA120 Block all but GAs × ${bg1.userPrincipalName}`,
        `pass:account:${bg2.userPrincipalName}`,
      ]);
      assert.match(text(rows(results, 'BG-CA-01')[0]!), new RegExp(`excludeRoles ${ga}`));
    });

    test('an expired or administrative-unit-scoped assignment is not active at tenant scope → fail', () => {
      const s = eligibleOnly(withPolicies([byRole]));
      const expired: RoleSchedule = {
        id: 'expired',
        principalId: bg1.id,
        roleDefinitionId: ga,
        directoryScopeId: '/',
        assignmentType: 'Activated',
        status: 'Provisioned',
        scheduleInfo: { startDateTime: '2026-11-01T00:00:00Z', expiration: { type: 'afterDateTime', endDateTime: '2026-11-01T08:00:00Z' } },
      };
      const auScoped: RoleSchedule = {
        id: 'au',
        principalId: bg1.id,
        roleDefinitionId: ga,
        directoryScopeId: '/administrativeUnits/x',
        assignmentType: 'Assigned',
        status: 'Provisioned',
      };
      const results = run({ ...s, roleAssignmentSchedules: ok([expired, auScoped]) });
      assert.equal(rows(results, 'BG-CA-01')[0]!.status, 'fail');
    });

    test('role assignments unreadable and the role decides → indeterminate, not pass', () => {
      const s = withAccounts(withPolicies([policy('CA121 GAs only', { includeRoles: [ga] })]), () => memberOf(groupB));
      const results = run({ ...s, roleAssignmentSchedules: unreadable('Graph 403: RoleManagement.Read.Directory missing') });
      assert.deepEqual(statuses(results, 'BG-CA-01'), [
        `indeterminate:policy:CA121 GAs only × ${bg1.userPrincipalName}`,
        `indeterminate:policy:CA121 GAs only × ${bg2.userPrincipalName}`,
      ]);
      assert.match(text(rows(results, 'BG-CA-01')[0]!), /RoleManagement\.Read\.Directory missing/);
    });
  });

  test('a disabled policy is ignored', () => {
    const results = run(withPolicies([policy('CA130 Old block', { includeUsers: ['All'] }, { state: 'disabled' })]));
    assert.deepEqual(statuses(results, 'BG-CA-01'), [`pass:account:${bg1.userPrincipalName}`, `pass:account:${bg2.userPrincipalName}`]);
    assert.deepEqual(statuses(results, 'BG-CA-02'), [`pass:account:${bg1.userPrincipalName}`, `pass:account:${bg2.userPrincipalName}`]);
    assert.match(rows(results, 'BG-CA-01')[0]!.evidence.join(' '), /Not weighed: 1 disabled/);
  });

  test('a policy that targets an authentication context is skipped', () => {
    const results = run(
      withPolicies([
        policy(
          'CA140 Step-up for PIM',
          { includeUsers: ['All'] },
          { applications: { includeApplications: [], includeAuthenticationContextClassReferences: ['c1'] } },
        ),
      ]),
    );
    assert.deepEqual(statuses(results, 'BG-CA-01'), [`pass:account:${bg1.userPrincipalName}`, `pass:account:${bg2.userPrincipalName}`]);
    assert.match(rows(results, 'BG-CA-01')[0]!.evidence.join(' '), /1 targets authentication contexts/);
  });

  test('a policy that targets a user action is skipped', () => {
    const results = run(
      withPolicies([
        policy(
          'CA141 Register security info',
          { includeUsers: ['All'] },
          { applications: { includeApplications: [], includeUserActions: ['urn:user:registersecurityinfo'] } },
        ),
      ]),
    );
    assert.ok(rows(results, 'BG-CA-01').every((r) => r.status === 'pass'));
  });

  test('a service-principal-only policy is skipped for users; one that also names users is weighed', () => {
    const workload = { includeServicePrincipals: ['ServicePrincipalsInMyTenant'], excludeServicePrincipals: [app.servicePrincipalId] };
    const spOnly = run(
      withPolicies([policy('CA150 Block workload identities', { includeUsers: ['None'] }, { clientApplications: workload })]),
    );
    assert.deepEqual(statuses(spOnly, 'BG-CA-01'), [`pass:account:${bg1.userPrincipalName}`, `pass:account:${bg2.userPrincipalName}`]);
    assert.match(rows(spOnly, 'BG-CA-01')[0]!.evidence.join(' '), /1 targets only service principals/);

    const mixed = run(withPolicies([policy('CA151 Users and SPs', { includeUsers: ['All'] }, { clientApplications: workload })]));
    assert.deepEqual(statuses(mixed, 'BG-CA-01'), [
      `fail:policy:CA151 Users and SPs × ${bg1.userPrincipalName}`,
      `fail:policy:CA151 Users and SPs × ${bg2.userPrincipalName}`,
    ]);
  });

  test('guests: a guest-targeted policy does not apply to Member accounts, and applies to a guest account', () => {
    const policies = [
      policy('CA160 Block guests (legacy sentinel)', { includeUsers: ['GuestsOrExternalUsers'] }),
      policy('CA161 Block guests', {
        includeGuestsOrExternalUsers: {
          guestOrExternalUserTypes: 'internalGuest,b2bCollaborationGuest',
          externalTenants: { membershipKind: 'all' },
        },
      }),
    ];
    const members = run(withPolicies(policies));
    assert.deepEqual(statuses(members, 'BG-CA-01'), [`pass:account:${bg1.userPrincipalName}`, `pass:account:${bg2.userPrincipalName}`]);
    assert.match(rows(members, 'BG-CA-01')[0]!.evidence.join(' '), /2 enabled user-scoped policies do not include it/);

    const guest = withAccounts(withPolicies(policies), (a, n) =>
      n === 0 && a.user.ok ? { user: ok({ ...a.user.value, userType: 'Guest' }) } : {},
    );
    const results = run(guest);
    assert.deepEqual(statuses(results, 'BG-CA-01'), [
      `fail:policy:CA160 Block guests (legacy sentinel) × ${bg1.userPrincipalName}`,
      `fail:policy:CA161 Block guests × ${bg1.userPrincipalName}`,
      `pass:account:${bg2.userPrincipalName}`,
    ]);
    assert.match(text(rows(results, 'BG-CA-01')[0]!), /GuestsOrExternalUsers \(the account is a guest\)/);
  });

  test('an account that cannot be resolved is indeterminate, never pass', () => {
    const results = run(withAccounts(readySnapshot(), (a, n) => (n === 1 ? { user: unreadable('Graph 404: user not found') } : {})));
    assert.deepEqual(statuses(results, 'BG-CA-01'), [
      `pass:account:${bg1.userPrincipalName}`,
      `indeterminate:account:${bg2.userPrincipalName}`,
    ]);
    assert.match(text(rows(results, 'BG-CA-01')[1]!), /user not found/);
    assert.equal(rows(results, 'BG-CA-02')[1]!.status, 'indeterminate');
  });
});

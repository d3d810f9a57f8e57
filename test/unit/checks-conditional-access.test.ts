import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkConditionalAccess } from '../../src/core/checks/conditional-access.ts';
import { CheckResult, subjectKey, subjectLabel, type CheckId } from '../../src/core/checks/model.ts';
import type {
  AccountSnapshot,
  ConditionalAccessPolicy,
  ConditionalAccessUsers,
  DirectoryObjectRef,
  GroupFacts,
  RoleSchedule,
  TenantSnapshot,
} from '../../src/core/checks/snapshot.ts';
import { globalAdministratorRoleId as ga } from '../../src/shared/directory-roles.ts';
import { app, bg1, bg2, context, exclusionGroupId, ok, readySnapshot, testInventory, unreadable } from '../helpers/check-snapshot.ts';

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
const deletedId = 'a0000000-0000-4000-8000-0000000000de';
const phishingResistant = {
  id: '00000000-0000-0000-0000-000000000004',
  displayName: 'Phishing-resistant MFA',
  allowedCombinations: ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor'],
};

let serial = 0;
function policy(
  displayName: string,
  users: ConditionalAccessUsers | null,
  change: Partial<ConditionalAccessPolicy> & { applications?: object; clientApplications?: object } = {},
): ConditionalAccessPolicy {
  const { applications, clientApplications, ...rest } = change;
  serial += 1;
  return {
    id: `e1000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    displayName,
    state: 'enabled',
    conditions: {
      applications: {
        includeApplications: ['All'],
        excludeApplications: [],
        includeUserActions: [],
        includeAuthenticationContextClassReferences: [],
        ...applications,
      },
      users: users && {
        includeUsers: [],
        excludeUsers: [],
        includeGroups: [],
        excludeGroups: [],
        includeRoles: [],
        excludeRoles: [],
        ...users,
      },
      clientApplications: clientApplications ?? null,
    },
    grantControls: { operator: 'OR', builtInControls: ['block'], authenticationStrength: null },
    ...rest,
  };
}

const withPolicies = (policies: ConditionalAccessPolicy[], change: Partial<TenantSnapshot> = {}): TenantSnapshot => ({
  ...readySnapshot(),
  conditionalAccessPolicies: ok(policies),
  ...change,
});

/** Both accounts, changed the same way. */
function withAccounts(snapshot: TenantSnapshot, change: (account: AccountSnapshot, n: number) => Partial<AccountSnapshot>): TenantSnapshot {
  return { ...snapshot, accounts: snapshot.accounts.map((a, n) => ({ ...a, ...change(a, n) })) };
}
const memberOf = (...entries: DirectoryObjectRef[]) => ({ transitiveMemberOf: ok(entries) });

function run(snapshot: TenantSnapshot): CheckResult[] {
  const results = checkConditionalAccess(context(snapshot));
  for (const r of results) {
    CheckResult.parse(r);
    assert.ok(r.title.length > 0, `${r.id} has a title`);
    if (r.status !== 'pass') {
      assert.ok(r.evidence.length > 0 && r.evidence.every((e) => e.length > 0), `${r.id} ${r.status} for ${r.subject.name} has evidence`);
      assert.ok(r.remediation.length > 0, `${r.id} ${r.status} for ${r.subject.name} has a remediation`);
    }
  }
  // docs/domain.md, "Results": one result per check id per subject – so a reader can key entries by the pair.
  const keys = results.map((r) => `${r.id} ${subjectKey(r.subject)}`);
  assert.deepEqual(
    keys.filter((key, i) => keys.indexOf(key) !== i),
    [],
    'one entry per check id per subject',
  );
  return results;
}
const rows = (results: CheckResult[], id: CheckId) => results.filter((r) => r.id === id);
const statuses = (results: CheckResult[], id: CheckId) =>
  rows(results, id).map((r) => `${r.status}:${r.subject.kind}:${subjectLabel(r.subject)}`);
const text = (r: CheckResult) => [r.title, ...r.evidence, r.remediation].join('\n');

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

describe('BG-CA-02: report-only policies', () => {
  test('a report-only policy that would apply warns per account and is not a BG-CA-01 failure', () => {
    const results = run(
      withPolicies([
        policy(
          'CA200 Require compliant device (trial)',
          { includeUsers: ['All'] },
          { state: 'enabledForReportingButNotEnforced', grantControls: { operator: 'OR', builtInControls: ['compliantDevice'] } },
        ),
      ]),
    );
    assert.deepEqual(statuses(results, 'BG-CA-01'), [`pass:account:${bg1.userPrincipalName}`, `pass:account:${bg2.userPrincipalName}`]);
    assert.deepEqual(statuses(results, 'BG-CA-02'), [
      `warn:policy:CA200 Require compliant device (trial) × ${bg1.userPrincipalName}`,
      `warn:policy:CA200 Require compliant device (trial) × ${bg2.userPrincipalName}`,
    ]);
    assert.match(rows(results, 'BG-CA-02')[0]!.title, /would lock the account out once switched on/);
    assert.match(rows(results, 'BG-CA-02')[0]!.remediation, /excluded groups/);
  });
});

describe('BG-CA-03: protection policies for the break-glass accounts only', () => {
  const protection = (
    grantControls: ConditionalAccessPolicy['grantControls'],
    users: ConditionalAccessUsers = { includeGroups: [exclusionGroupId] },
  ) => withPolicies([policy('CA300 Break-glass only', users, { grantControls })]);

  test('phishing-resistant strength (built-in id, or only phishing-resistant combinations) → BG-CA-03 pass, not a BG-CA-01 fail', () => {
    for (const strength of [phishingResistant, { id: 'custom-strength', displayName: 'Keys only', allowedCombinations: ['fido2'] }]) {
      const results = run(
        protection({ operator: 'OR', builtInControls: [], authenticationStrength: strength }, { includeUsers: [bg1.id, bg2.id] }),
      );
      assert.deepEqual(statuses(results, 'BG-CA-03'), ['pass:policy:CA300 Break-glass only']);
      assert.ok(rows(results, 'BG-CA-01').every((r) => r.status === 'pass'));
    }
  });

  test('a break-glass-only block policy is a BG-CA-01 fail, not protection', () => {
    const results = run(protection({ operator: 'OR', builtInControls: ['block'], authenticationStrength: null }));
    assert.deepEqual(rows(results, 'BG-CA-03'), []);
    assert.deepEqual(statuses(results, 'BG-CA-01'), [
      `fail:policy:CA300 Break-glass only × ${bg1.userPrincipalName}`,
      `fail:policy:CA300 Break-glass only × ${bg2.userPrincipalName}`,
    ]);
    assert.match(text(rows(results, 'BG-CA-01')[0]!), /targets only break-glass accounts, but its grant is not phishing-resistant/);
    assert.match(rows(results, 'BG-CA-01')[0]!.remediation, /already excludes|Phishing-resistant MFA/);
  });

  test('a break-glass-only policy that admits MFA (SMS possible) fails; so does a phishing-resistant policy for All users', () => {
    const weak = run(protection({ operator: 'OR', builtInControls: ['mfa'], authenticationStrength: phishingResistant }));
    assert.equal(rows(weak, 'BG-CA-01')[0]!.status, 'fail');
    const mfaStrength = run(
      protection({
        operator: 'OR',
        builtInControls: [],
        authenticationStrength: {
          id: '00000000-0000-0000-0000-000000000002',
          displayName: 'Multifactor authentication',
          allowedCombinations: ['fido2', 'password,sms'],
        },
      }),
    );
    assert.equal(rows(mfaStrength, 'BG-CA-01')[0]!.status, 'fail');
    const everyone = run(
      protection({ operator: 'OR', builtInControls: [], authenticationStrength: phishingResistant }, { includeUsers: ['All'] }),
    );
    assert.deepEqual(rows(everyone, 'BG-CA-03'), []);
    assert.equal(rows(everyone, 'BG-CA-01')[0]!.status, 'fail');
  });
});

describe('BG-CA-04: stale ids in exclusion lists', () => {
  test('a deleted id warns once for the policy, naming it; sentinels are not ids', () => {
    const results = run(
      withPolicies([
        policy('CA400 Block all', {
          includeUsers: ['All'],
          excludeUsers: [deletedId, 'GuestsOrExternalUsers'],
          excludeGroups: [exclusionGroupId],
        }),
      ]),
    );
    assert.deepEqual(statuses(results, 'BG-CA-04'), ['warn:policy:CA400 Block all']);
    const [warn] = rows(results, 'BG-CA-04');
    assert.deepEqual(warn!.evidence, [
      `excludeUsers names ${deletedId}, which no longer resolves to a directory object (deleted or unknown).`,
    ]);
    assert.match(warn!.remediation, /remove the dead ids/);
  });

  test('a stale service-principal exclusion counts too; unreadable resolution → indeterminate', () => {
    const spPolicy = policy(
      'CA401 Workload block',
      { includeUsers: ['None'] },
      { clientApplications: { includeServicePrincipals: ['ServicePrincipalsInMyTenant'], excludeServicePrincipals: [deletedId] } },
    );
    assert.match(text(rows(run(withPolicies([spPolicy])), 'BG-CA-04')[0]!), /excludeServicePrincipals names/);
    const results = run(withPolicies([spPolicy], { resolvedExclusionIds: unreadable('getByIds: Graph 403') }));
    assert.deepEqual(statuses(results, 'BG-CA-04'), ['indeterminate:tenant:Conditional Access policies']);
  });
});

describe('BG-CA-05: the break-glass app and workload-identity policies', () => {
  const workload = (name: string, clientApplications: object, state = 'enabled') =>
    policy(name, { includeUsers: ['None'] }, { state, clientApplications });

  test('included by its id or by ServicePrincipalsInMyTenant → fail per policy', () => {
    const results = run(
      withPolicies([
        workload('CA500 Block the app', { includeServicePrincipals: [app.servicePrincipalId] }),
        workload('CA501 Block all SPs', { includeServicePrincipals: ['ServicePrincipalsInMyTenant'], excludeServicePrincipals: [] }),
      ]),
    );
    assert.deepEqual(statuses(results, 'BG-CA-05'), ['fail:policy:CA500 Block the app', 'fail:policy:CA501 Block all SPs']);
    assert.match(text(rows(results, 'BG-CA-05')[0]!), /the app's service principal id/);
    assert.match(text(rows(results, 'BG-CA-05')[1]!), /ServicePrincipalsInMyTenant/);
    assert.match(
      rows(results, 'BG-CA-05')[1]!.remediation,
      new RegExp(`Exclude the service principal Break-glass app \\(${app.servicePrincipalId}\\)`),
    );
  });

  test('excluded, disabled or report-only → pass (report-only named in the evidence)', () => {
    const results = run(
      withPolicies([
        workload('CA502 Block all SPs', {
          includeServicePrincipals: ['ServicePrincipalsInMyTenant'],
          excludeServicePrincipals: [app.servicePrincipalId],
        }),
        workload('CA503 Old', { includeServicePrincipals: ['ServicePrincipalsInMyTenant'] }, 'disabled'),
        workload('CA504 Trial', { includeServicePrincipals: [app.servicePrincipalId] }, 'enabledForReportingButNotEnforced'),
      ]),
    );
    assert.deepEqual(statuses(results, 'BG-CA-05'), ['pass:app:Break-glass app']);
    assert.match(
      rows(results, 'BG-CA-05')[0]!.evidence.join(' '),
      /1 of them include the app and exclude it.*Report-only, would apply once switched on: CA504 Trial/s,
    );
  });

  test('service principal unreadable → indeterminate; no app configured → no row', () => {
    const s = readySnapshot();
    const results = run({ ...s, app: { ...s.app!, servicePrincipal: unreadable('Graph 404: no service principal for the appId') } });
    assert.deepEqual(statuses(results, 'BG-CA-05'), [`indeterminate:app:Break-glass app (${app.appId})`]);
    const { app: _app, ...withoutApp } = s;
    assert.deepEqual(rows(run({ ...withoutApp, inventory: testInventory({ app: undefined }) }), 'BG-CA-05'), []);
  });
});

describe('BG-CA-06: the exclusion group', () => {
  const withGroup = (change: Partial<GroupFacts>): TenantSnapshot => {
    const s = readySnapshot();
    return { ...s, exclusionGroup: ok({ ...(s.exclusionGroup as { ok: true; value: GroupFacts }).value, ...change }) };
  };

  test('each deviation is listed: mail-enabled, dynamic, owners, extra member, not role-assignable', () => {
    const cases: Array<[Partial<GroupFacts>, RegExp]> = [
      [{ mailEnabled: true }, /mail-enabled/],
      [{ groupTypes: ['DynamicMembership'], membershipRule: '(user.department -eq "IT")' }, /dynamic \(rule: \(user\.department/],
      [
        { owners: [{ id: 'a0000000-0000-4000-8000-0000000000ff', '@odata.type': '#microsoft.graph.user', displayName: 'helpdesk' }] },
        /owners.*helpdesk/,
      ],
      [
        {
          members: [
            { id: bg1.id, displayName: 'bg1' },
            { id: bg2.id, displayName: 'bg2' },
            { id: 'a0000000-0000-4000-8000-0000000000ee', '@odata.type': '#microsoft.graph.user', displayName: 'intern' },
          ],
        },
        /members other than the break-glass accounts.*intern/,
      ],
      [{ isAssignableToRole: false }, /not role-assignable/],
    ];
    for (const [change, expected] of cases) {
      const [row] = rows(run(withGroup(change)), 'BG-CA-06');
      assert.equal(row!.status, 'warn', JSON.stringify(change));
      assert.equal(row!.subject.kind, 'group');
      assert.equal(row!.evidence.length, 1, JSON.stringify(row!.evidence));
      assert.match(row!.evidence[0]!, expected);
    }
    const all = rows(run(withGroup(Object.assign({}, ...cases.map(([c]) => c)))), 'BG-CA-06');
    assert.equal(all.length, 1);
    assert.equal(all[0]!.evidence.length, 5);
    assert.match(all[0]!.remediation, /Create a new role-assignable security group/);
  });

  test('a group read without groupTypes is indeterminate, not a pass: it may be a Microsoft 365 or dynamic group', () => {
    const s = readySnapshot();
    const { groupTypes: _left, ...read } = (s.exclusionGroup as { ok: true; value: GroupFacts }).value;
    const [row] = rows(run({ ...s, exclusionGroup: ok(read) }), 'BG-CA-06');
    assert.equal(row!.status, 'indeterminate');
    assert.match(row!.evidence.join(' '), /no groupTypes/);
    assert.match(row!.remediation, /\$select=id,displayName,groupTypes/);
  });

  test('unreadable → indeterminate; no exclusion group configured → no row', () => {
    assert.deepEqual(statuses(run({ ...readySnapshot(), exclusionGroup: unreadable('Graph 403 on /groups') }), 'BG-CA-06'), [
      'indeterminate:group:Break-glass exclusion group',
    ]);
    const { exclusionGroup: _group, ...rest } = readySnapshot();
    assert.deepEqual(rows(run({ ...rest, inventory: testInventory({ exclusionGroupId: undefined }) }), 'BG-CA-06'), []);
  });
});

describe('unreadable Conditional Access policies', () => {
  test('BG-CA-01/02 indeterminate per account, BG-CA-03/04/05 indeterminate once, with the reason', () => {
    const results = run({
      ...readySnapshot(),
      conditionalAccessPolicies: unreadable('Graph 403: Policy.Read.All missing'),
      resolvedExclusionIds: unreadable('Graph 403: Policy.Read.All missing'),
    });
    for (const id of ['BG-CA-01', 'BG-CA-02'] as const)
      assert.deepEqual(statuses(results, id), [
        `indeterminate:account:${bg1.userPrincipalName}`,
        `indeterminate:account:${bg2.userPrincipalName}`,
      ]);
    for (const id of ['BG-CA-03', 'BG-CA-04', 'BG-CA-05'] as const)
      assert.deepEqual(
        rows(results, id).map((r) => r.status),
        ['indeterminate'],
      );
    assert.ok(results.filter((r) => r.id !== 'BG-CA-06').every((r) => r.evidence.some((e) => e.includes('Policy.Read.All missing'))));
    assert.equal(rows(results, 'BG-CA-06')[0]!.status, 'pass');
  });
});

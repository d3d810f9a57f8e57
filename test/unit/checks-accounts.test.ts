import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { globalAdministratorRoleId } from '../../src/shared/directory-roles.ts';
import { checkIds, type CheckId } from '../../src/core/checks/model.ts';
import type { RoleSchedule, TenantSnapshot, UserFacts } from '../../src/core/checks/snapshot.ts';
import { bg1, bg2, ok, readySnapshot, testInventory, tid, unreadable } from '../helpers/check-snapshot.ts';
import { run, verdict, withAccount } from '../helpers/check-accounts.ts';

// The catalogue's own list, checked against what the ready tenant gives below (docs/domain.md, "The catalogue").
const userCheckIds: CheckId[] = checkIds.filter((id) => id.startsWith('BG-USR-'));
const expectedUserChecks = 9;
const adminsGroupId = 'b0000000-0000-4000-8000-0000000000ad';

const withUser = (change: Partial<UserFacts>) => withAccount(0, (a) => ({ user: ok({ ...(a.user.ok ? a.user.value : bg1), ...change }) }));

const gaSchedule = (principalId: string, change: Partial<RoleSchedule> = {}): RoleSchedule => ({
  id: `schedule-${principalId}`,
  principalId,
  roleDefinitionId: globalAdministratorRoleId,
  directoryScopeId: '/',
  memberType: 'Direct',
  assignmentType: 'Assigned',
  status: 'Provisioned',
  scheduleInfo: { startDateTime: '2026-01-01T00:00:00Z', expiration: { type: 'noExpiration', endDateTime: null, duration: null } },
  ...change,
});
/** bg1's own Global Administrator assignment replaced (or removed), everything else as ready. */
function withBg1Assignments(schedules: RoleSchedule[], base = readySnapshot()): TenantSnapshot {
  assert.ok(base.roleAssignmentSchedules.ok);
  return {
    ...base,
    roleAssignmentSchedules: ok([...base.roleAssignmentSchedules.value.filter((s) => s.principalId !== bg1.id), ...schedules]),
  };
}
const inAdminsGroup = (base = readySnapshot()) =>
  withAccount(
    0,
    (a) => ({
      transitiveMemberOf: ok([
        ...(a.transitiveMemberOf.ok ? a.transitiveMemberOf.value : []),
        { id: adminsGroupId, '@odata.type': '#microsoft.graph.group', displayName: 'Tier0 Admins' },
      ]),
    }),
    base,
  );

describe('a ready tenant', () => {
  test('passes every account check, once per check per account, with the account as subject', () => {
    const results = run(readySnapshot());
    assert.equal(userCheckIds.length, expectedUserChecks, 'BG-USR-01 … BG-USR-09');
    assert.equal(results.length, 1 + 2 * userCheckIds.length);
    for (const result of results) assert.equal(result.status, 'pass', `${result.id} ${result.subject.name}: ${result.title}`);
    for (const [user, id] of [bg1, bg2].flatMap((u) => userCheckIds.map((id) => [u, id] as const))) {
      assert.deepEqual(verdict(results, id, 'pass', user.id).subject, { kind: 'account', id: user.id, name: user.userPrincipalName });
    }
  });
});

describe('BG-INV-01 – at least two resolvable break-glass accounts', () => {
  test('passes for two resolved accounts, with the tenant as subject', () => {
    const found = verdict(run(readySnapshot()), 'BG-INV-01', 'pass', tid);
    assert.deepEqual(found.subject, { kind: 'tenant', id: tid, name: 'drilltest.onmicrosoft.com' });
  });

  test('fails when only one break-glass account is configured', () => {
    const ready = readySnapshot();
    const found = verdict(
      run({ ...ready, inventory: testInventory({ accounts: [bg1] }), accounts: ready.accounts.slice(0, 1) }),
      'BG-INV-01',
      'fail',
      tid,
    );
    assert.match(found.title, /Only 1 break-glass account/);
  });

  test('fails when the same account is listed twice (one account is not two)', () => {
    const ready = readySnapshot();
    const found = verdict(
      run({
        ...ready,
        accounts: [ready.accounts[0]!, { ...ready.accounts[0]!, configured: { userPrincipalName: bg1.userPrincipalName.toUpperCase() } }],
      }),
      'BG-INV-01',
      'fail',
      tid,
    );
    assert.ok(found.evidence.some((e) => /more than once/.test(e)));
  });

  test('is indeterminate, naming the account and the reason, when one cannot be resolved', () => {
    const found = verdict(
      run(withAccount(1, () => ({ user: unreadable('Not found: /users/bg2@… does not exist in this tenant.') }))),
      'BG-INV-01',
      'indeterminate',
      tid,
    );
    assert.match(found.title, /bg2@drilltest\.onmicrosoft\.com/);
    assert.ok(found.evidence.some((e) => e.includes('does not exist in this tenant')));
  });

  test('is indeterminate when the inventory’s object id and the directory’s disagree', () => {
    verdict(
      run(withAccount(0, (a) => ({ configured: { ...a.configured, id: 'a0000000-0000-4000-8000-0000000000ff' } }))),
      'BG-INV-01',
      'indeterminate',
      tid,
    );
  });
});

describe('an account whose user object cannot be read', () => {
  test('makes every BG-USR check indeterminate for it, with the configured UPN as subject and the reason as evidence', () => {
    const results = run(withAccount(0, () => ({ user: unreadable('Microsoft Graph refused GET /users/…: permission missing.') })));
    for (const id of userCheckIds) {
      const found = verdict(results, id, 'indeterminate', bg1.userPrincipalName);
      assert.deepEqual(found.subject, { kind: 'account', id: bg1.userPrincipalName, name: bg1.userPrincipalName });
      assert.ok(found.evidence.some((e) => e.includes('permission missing')));
    }
    for (const id of userCheckIds) verdict(results, id, 'pass', bg2.id);
  });
});

describe('BG-USR-01 – exists, enabled, member', () => {
  test('fails for a disabled account', () => {
    const found = verdict(run(withUser({ accountEnabled: false })), 'BG-USR-01', 'fail');
    assert.match(found.title, /is disabled/);
  });

  test('fails for a guest', () => {
    assert.match(verdict(run(withUser({ userType: 'Guest' })), 'BG-USR-01', 'fail').title, /Guest, not a Member/);
  });

  test('is indeterminate when accountEnabled was not returned', () => {
    verdict(run(withUser({ accountEnabled: null })), 'BG-USR-01', 'indeterminate');
  });
});

describe('BG-USR-02 – cloud-only', () => {
  test('fails for an account synchronised from on-premises AD', () => {
    assert.match(verdict(run(withUser({ onPremisesSyncEnabled: true })), 'BG-USR-02', 'fail').title, /synchronised/);
  });

  test('passes when sync was turned off (false)', () => {
    verdict(run(withUser({ onPremisesSyncEnabled: false })), 'BG-USR-02', 'pass');
  });
});

describe('BG-USR-03 – initial *.onmicrosoft.com domain', () => {
  test('fails for a UPN on a custom domain', () => {
    const found = verdict(run(withUser({ userPrincipalName: 'bg1@drilltest.example' })), 'BG-USR-03', 'fail');
    assert.ok(found.remediation.includes('bg1@drilltest.onmicrosoft.com'));
  });

  test('compares domains without regard to case', () => {
    verdict(run(withUser({ userPrincipalName: 'BG1@DrillTest.OnMicrosoft.com' })), 'BG-USR-03', 'pass');
  });

  test('is indeterminate when the domains cannot be read', () => {
    verdict(run({ ...readySnapshot(), domains: unreadable('Microsoft Graph refused GET /domains.') }), 'BG-USR-03', 'indeterminate');
  });
});

describe('BG-USR-04 – permanent active Global Administrator', () => {
  test('fails when the account is only eligible', () => {
    const ready = withBg1Assignments([]);
    const found = verdict(
      run({ ...ready, roleEligibilitySchedules: ok([gaSchedule(bg1.id, { id: 'eligible-bg1', assignmentType: null })]) }),
      'BG-USR-04',
      'fail',
    );
    assert.match(found.title, /only as an eligible assignment/);
    assert.ok(found.evidence.some((e) => e.includes('eligible-bg1')));
  });

  test('fails when the assignment is time-bound', () => {
    const found = verdict(
      run(
        withBg1Assignments([
          gaSchedule(bg1.id, {
            scheduleInfo: {
              startDateTime: '2026-01-01T00:00:00Z',
              expiration: { type: 'afterDateTime', endDateTime: '2027-01-01T00:00:00Z' },
            },
          }),
        ]),
      ),
      'BG-USR-04',
      'fail',
    );
    assert.match(found.title, /time-bound/);
    assert.ok(found.evidence.some((e) => e.includes('2027-01-01T00:00:00Z')));
  });

  test('fails for an activation: even without an end date it is not a permanent assignment', () => {
    const found = verdict(run(withBg1Assignments([gaSchedule(bg1.id, { assignmentType: 'Activated' })])), 'BG-USR-04', 'fail');
    assert.match(found.title, /temporary activation/);
  });

  test('fails when the account does not hold the role at all', () => {
    assert.match(verdict(run(withBg1Assignments([])), 'BG-USR-04', 'fail').title, /does not hold Global Administrator/);
  });

  test('warns when the role is held only through a group the account belongs to', () => {
    const found = verdict(run(withBg1Assignments([gaSchedule(adminsGroupId)], inAdminsGroup())), 'BG-USR-04', 'warn');
    assert.match(found.title, /only through a group/);
    assert.ok(found.evidence.some((e) => e.includes('Tier0 Admins')));
  });

  test('warns when the schedule says memberType Group', () => {
    verdict(run(withBg1Assignments([gaSchedule(bg1.id, { memberType: 'Group' })])), 'BG-USR-04', 'warn');
  });

  test('is indeterminate when role assignments cannot be read', () => {
    verdict(
      run({ ...readySnapshot(), roleAssignmentSchedules: unreadable('needs RoleAssignmentSchedule.Read.Directory') }),
      'BG-USR-04',
      'indeterminate',
    );
  });

  test('is indeterminate when only someone else holds it permanently and the account’s groups are unknown', () => {
    const snapshot = withAccount(
      0,
      () => ({ transitiveMemberOf: unreadable('needs GroupMember.Read.All') }),
      withBg1Assignments([gaSchedule(adminsGroupId)]),
    );
    verdict(run(snapshot), 'BG-USR-04', 'indeterminate');
  });
});

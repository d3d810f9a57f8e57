import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { globalAdministratorRoleId, privilegedRoleAdministratorRoleId } from '../../src/shared/directory-roles.ts';
import type { CheckId, CheckResult, CheckStatus } from '../../src/core/checks/model.ts';
import { checkPim } from '../../src/core/checks/pim.ts';
import { checkReview } from '../../src/core/checks/review.ts';
import type {
  RoleManagementPolicyAssignment,
  RoleManagementPolicyRule,
  RoleSchedule,
  TenantSnapshot,
} from '../../src/core/checks/snapshot.ts';
import { context, ok, readySnapshot, testInventory, tid, unreadable } from '../helpers/check-snapshot.ts';
import { assertPlainInView } from '../helpers/check-words.ts';

const tenant = { kind: 'tenant', id: tid, name: 'drilltest.onmicrosoft.com' };
const alice = 'a1000000-0000-4000-8000-00000000a11c';
const bob = 'a1000000-0000-4000-8000-0000000000b0';

function verdict(results: CheckResult[], id: CheckId, status: CheckStatus): CheckResult {
  const matching = results.filter((r) => r.id === id);
  assert.equal(matching.length, 1, `one ${id} result`);
  const found = matching[0]!;
  assert.equal(found.status, status, `${id}: ${found.title} – ${found.evidence.join(' | ')}`);
  assert.ok(found.evidence.length > 0, `${id} carries evidence`);
  if (status === 'pass') assert.equal(found.remediation, '');
  else assert.ok(found.remediation.length > 20, `${id} ${status} says what to do`);
  return found;
}
const pim = (snapshot: TenantSnapshot) => {
  const results = checkPim(context(snapshot));
  assertPlainInView(results);
  return results;
};

const schedule = (principalId: string, roleDefinitionId: string, change: Partial<RoleSchedule> = {}): RoleSchedule => ({
  id: `${roleDefinitionId.slice(0, 4)}-${principalId}`,
  principalId,
  roleDefinitionId,
  directoryScopeId: '/',
  memberType: 'Direct',
  status: 'Provisioned',
  scheduleInfo: { startDateTime: '2026-01-01T00:00:00Z', expiration: { type: 'afterDateTime', endDateTime: '2027-06-30T00:00:00Z' } },
  ...change,
});

function rolePolicy(roleId: string, rules: { expirationRequired?: boolean; approvalRequired?: boolean }): RoleManagementPolicyAssignment {
  const policyId = `DirectoryRole_${tid}_${roleId.slice(0, 8)}`;
  const list: RoleManagementPolicyRule[] = [
    {
      '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyExpirationRule',
      id: 'Expiration_Admin_Assignment',
      isExpirationRequired: rules.expirationRequired ?? false,
      maximumDuration: 'P180D',
    },
    {
      '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyApprovalRule',
      id: 'Approval_EndUser_Assignment',
      setting: { isApprovalRequired: rules.approvalRequired ?? false, approvalStages: [{ primaryApprovers: [{}] }] },
    },
  ];
  return { id: `${policyId}_${roleId}`, policyId, roleDefinitionId: roleId, policy: { id: policyId, rules: list } };
}

/** Ready, plus: other admins' schedules, and approval required (or not) to activate GA and PRA. */
function tenantWith(change: {
  active?: RoleSchedule[];
  eligible?: RoleSchedule[];
  approvalRequired?: boolean;
  base?: TenantSnapshot;
}): TenantSnapshot {
  const base = change.base ?? readySnapshot();
  assert.ok(base.roleAssignmentSchedules.ok);
  const approvalRequired = change.approvalRequired ?? true;
  return {
    ...base,
    roleAssignmentSchedules: ok([...base.roleAssignmentSchedules.value, ...(change.active ?? [])]),
    roleEligibilitySchedules: ok(change.eligible ?? []),
    roleManagementPolicyAssignments: ok([
      rolePolicy(globalAdministratorRoleId, { approvalRequired }),
      rolePolicy(privilegedRoleAdministratorRoleId, { approvalRequired }),
    ]),
  };
}
const aliceEligibleForGa = [schedule(alice, globalAdministratorRoleId)];

describe('BG-PIM-01 – Global Administrator policy allows permanent active assignment', () => {
  test('passes when the assignment-expiration rule does not require an end', () => {
    assert.deepEqual(verdict(pim(readySnapshot()), 'BG-PIM-01', 'pass').subject, tenant);
  });

  test('warns when PIM requires every active Global Administrator assignment to expire', () => {
    const found = verdict(
      pim({
        ...readySnapshot(),
        roleManagementPolicyAssignments: ok([rolePolicy(globalAdministratorRoleId, { expirationRequired: true })]),
      }),
      'BG-PIM-01',
      'warn',
    );
    assert.match(found.remediation, /Allow permanent active assignment/);
    assert.ok(found.evidence.some((e) => e.includes('isExpirationRequired = true')));
  });

  test('is indeterminate when role policies cannot be read', () => {
    const found = verdict(
      pim({ ...readySnapshot(), roleManagementPolicyAssignments: unreadable('This needs a Microsoft Entra ID P2 licence.') }),
      'BG-PIM-01',
      'indeterminate',
    );
    assert.ok(found.evidence.some((e) => e.includes('P2 licence')));
  });

  test('is indeterminate when no policy is assigned to Global Administrator', () => {
    verdict(
      pim({ ...readySnapshot(), roleManagementPolicyAssignments: ok([rolePolicy(privilegedRoleAdministratorRoleId, {})]) }),
      'BG-PIM-01',
      'indeterminate',
    );
  });

  test('is indeterminate when the policy came without its rules', () => {
    const { policy: _policy, ...withoutPolicy } = rolePolicy(globalAdministratorRoleId, {});
    verdict(pim({ ...readySnapshot(), roleManagementPolicyAssignments: ok([withoutPolicy]) }), 'BG-PIM-01', 'indeterminate');
  });
});

describe('BG-PIM-02 – no PIM approval deadlock', () => {
  test('passes when nobody but the break-glass accounts and app holds or is eligible for GA or PRA', () => {
    assert.deepEqual(verdict(pim(readySnapshot()), 'BG-PIM-02', 'pass').subject, tenant);
  });

  test('warns when every other Global Administrator is eligible-only and activation needs approval', () => {
    const found = verdict(pim(tenantWith({ eligible: aliceEligibleForGa })), 'BG-PIM-02', 'warn');
    assert.match(found.title, /deadlock/);
    assert.ok(found.evidence.some((e) => e.includes(alice)));
    assert.ok(found.evidence.some((e) => /requires approval/.test(e)));
  });

  test('warns when eligible-only PRA and GA paths both need approval', () => {
    verdict(pim(tenantWith({ eligible: [...aliceEligibleForGa, schedule(bob, privilegedRoleAdministratorRoleId)] })), 'BG-PIM-02', 'warn');
  });

  test('passes when another administrator holds Privileged Role Administrator actively', () => {
    verdict(
      pim(
        tenantWith({
          eligible: aliceEligibleForGa,
          active: [
            schedule(bob, privilegedRoleAdministratorRoleId, {
              assignmentType: 'Assigned',
              scheduleInfo: { startDateTime: '2026-01-01T00:00:00Z', expiration: { type: 'noExpiration' } },
            }),
          ],
        }),
      ),
      'BG-PIM-02',
      'pass',
    );
  });

  test('still warns while another administrator has a current activation: it ends within hours, and the next needs approval again', () => {
    const activation = schedule(alice, globalAdministratorRoleId, {
      assignmentType: 'Activated',
      scheduleInfo: { startDateTime: '2026-11-29T08:00:00Z', expiration: { type: 'afterDuration', duration: 'PT8H' } },
    });
    verdict(pim(tenantWith({ eligible: aliceEligibleForGa, active: [activation] })), 'BG-PIM-02', 'warn');
  });

  test('still warns when that activation has ended', () => {
    const ended = schedule(alice, globalAdministratorRoleId, {
      assignmentType: 'Activated',
      scheduleInfo: { startDateTime: '2026-11-28T08:00:00Z', expiration: { type: 'afterDuration', duration: 'PT8H' } },
    });
    verdict(pim(tenantWith({ eligible: aliceEligibleForGa, active: [ended] })), 'BG-PIM-02', 'warn');
  });

  test('passes when activation needs no approval', () => {
    verdict(pim(tenantWith({ eligible: aliceEligibleForGa, approvalRequired: false })), 'BG-PIM-02', 'pass');
  });

  test('is indeterminate when role assignments cannot be read', () => {
    verdict(
      pim({ ...readySnapshot(), roleAssignmentSchedules: unreadable('needs RoleAssignmentSchedule.Read.Directory') }),
      'BG-PIM-02',
      'indeterminate',
    );
  });

  test('is indeterminate when eligible assignments cannot be read', () => {
    verdict(
      pim({ ...readySnapshot(), roleEligibilitySchedules: unreadable('needs RoleEligibilitySchedule.Read.Directory') }),
      'BG-PIM-02',
      'indeterminate',
    );
  });

  test('is indeterminate when the approval settings cannot be read', () => {
    verdict(
      pim({
        ...tenantWith({ eligible: aliceEligibleForGa }),
        roleManagementPolicyAssignments: unreadable('needs RoleManagementPolicy.Read.Directory'),
      }),
      'BG-PIM-02',
      'indeterminate',
    );
  });

  test('is indeterminate when the only other active Global Administrator could be the unread break-glass app', () => {
    const base = readySnapshot();
    const app = base.app!;
    const unknownApp: TenantSnapshot = { ...base, app: { ...app, servicePrincipal: unreadable('needs Application.Read.All') } };
    verdict(pim(unknownApp), 'BG-PIM-02', 'indeterminate');
  });
});

describe('BG-REV-01 – last review or drill within the interval', () => {
  const lastReview = (at?: string, interval = 90): TenantSnapshot => ({
    ...readySnapshot(),
    inventory: testInventory({ reviewIntervalDays: interval }),
    reviews: ok({ journal: 'journal.sqlite3', ...(at ? { lastReviewOrDrillAt: at } : {}) }),
  });
  const review = (snapshot: TenantSnapshot) => checkReview(context(snapshot));

  test('passes for a drill 10 days ago, with the journal as subject', () => {
    assert.deepEqual(verdict(review(readySnapshot()), 'BG-REV-01', 'pass').subject, {
      kind: 'journal',
      id: 'journal.sqlite3',
      name: 'journal.sqlite3',
    });
  });

  test('warns when the last drill is overdue', () => {
    const found = verdict(review(lastReview('2026-08-01T10:00:00Z')), 'BG-REV-01', 'warn');
    assert.ok(found.evidence.some((e) => e.includes('2026-08-01T10:00:00Z')));
  });

  test('fails when the last drill is more than twice overdue', () => {
    verdict(review(lastReview('2026-05-01T10:00:00Z')), 'BG-REV-01', 'fail');
  });

  test('warns, asking for a first drill, when none is recorded', () => {
    const found = verdict(review(lastReview(undefined)), 'BG-REV-01', 'warn');
    assert.match(found.remediation, /drill/);
  });

  test('follows a configured six-month interval', () => {
    verdict(review(lastReview('2026-08-01T10:00:00Z', 183)), 'BG-REV-01', 'pass');
  });

  test('is indeterminate when no journal was given', () => {
    const found = verdict(
      review({ ...readySnapshot(), reviews: unreadable('No journal was given (--journal FILE).') }),
      'BG-REV-01',
      'indeterminate',
    );
    assert.equal(found.subject.kind, 'journal');
    assert.ok(found.evidence.some((e) => e.includes('No journal was given')));
  });
});

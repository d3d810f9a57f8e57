import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConditionalAccessPolicy, ConditionalAccessUsers, GroupFacts, TenantSnapshot } from '../../src/core/checks/snapshot.ts';
import { app, bg1, bg2, exclusionGroupId, ok, readySnapshot, testInventory, unreadable } from '../helpers/check-snapshot.ts';
import { policy, rows, run, statuses, text, withPolicies } from '../helpers/check-conditional-access.ts';

const deletedId = 'a0000000-0000-4000-8000-0000000000de';
const phishingResistant = {
  id: '00000000-0000-0000-0000-000000000004',
  displayName: 'Phishing-resistant MFA',
  allowedCombinations: ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor'],
};

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
    assert.match(row!.evidence.join(' '), /\$select=id,displayName,groupTypes/, 'the Graph request is in the details');
    assert.match(row!.remediation, /Entra admin centre → Groups → .* → Properties/);
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

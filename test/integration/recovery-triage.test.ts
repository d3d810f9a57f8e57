/**
 * The recovery step's triage and the sign-in log, against the simulated tenant the app starts:
 * the policies that block a break-glass account come first with whom and why (BG-CA-01's
 * decision), a change is read back from the tenant and never offered again, the policy that
 * blocked the failed sign-in is named from Entra's sign-in log – or, while the log has not caught
 * up, said to be not there yet – and an unknown user is named in plain words.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import type { FailedSignIn } from '../../src/core/runbooks/incident-position.ts';
import type { SignInRequest } from '../../src/shared/model/sign-in.ts';
import { globalAdministrator, graphRoles, ids, keyIndex, pins, testSeedJson, upn } from '../helpers/sim-seed.ts';
import { settleSignIn, startTestServices } from '../helpers/services.ts';

const custodian = 'Ada Custodian';

function servicesFor(seed: Record<string, unknown>) {
  const services = startTestServices({ simSeed: seed });
  const signIn = (request: SignInRequest, touch?: { key: string; pin: string }) =>
    settleSignIn(services, services.signIn.start(request, { reason: 'Recovery triage on the drill tenant' }).attemptId, touch);
  /** bg2 tries and is blocked by Conditional Access: the attempt as the incident's journal folds it. */
  const bg2Fails = async (): Promise<FailedSignIn> => {
    const at = new Date().toISOString();
    const progress = await signIn(
      { method: 'security-key', userPrincipalName: upn('bg2'), custodian },
      { key: keyIndex.bg2, pin: pins.bg2 },
    );
    assert.equal(progress.state, 'failed');
    return { at, seq: 1, outcome: 'failed', aadstsCode: 53003, title: 'Blocked', method: 'security-key', account: upn('bg2') };
  };
  const bg1SignsIn = async () => {
    const progress = await signIn(
      { method: 'security-key', userPrincipalName: upn('bg1'), custodian },
      { key: keyIndex.bg1, pin: pins.bg1 },
    );
    assert.equal(progress.state, 'signed-in', JSON.stringify(progress));
  };
  return { services, signIn, bg2Fails, bg1SignsIn };
}

describe('the recovery step’s triage', () => {
  const { services, bg2Fails, bg1SignsIn } = servicesFor(testSeedJson());

  test('blocking policies first, each with the account and why; report-only and workload policies block nobody', async () => {
    await bg1SignsIn();
    const { policies, triageProblem } = await services.recovery.policies();
    assert.equal(triageProblem, undefined);
    const block = policies.find((p) => p.id === ids.blockPolicy)!;
    const blocked = block.blocks.map((b) => b.account);
    assert.ok(blocked.includes(upn('bg2')) && !blocked.includes(upn('bg1')), 'bg1 is in the excluded group; bg2 is not');
    assert.match(
      block.blocks.find((b) => b.account === upn('bg2'))!.why,
      /includes all users and does not exclude the account; it blocks the sign-in/,
    );
    const firstQuiet = policies.findIndex((p) => p.blocks.length === 0);
    assert.ok(
      policies.slice(0, firstQuiet).some((p) => p.id === ids.blockPolicy),
      'the blocking policy is listed before the quiet ones',
    );
    assert.ok(policies.slice(firstQuiet).every((p) => p.blocks.length === 0));
    const reportOnly = policies.find((p) => p.id === ids.reportOnlyPolicy)!;
    assert.deepEqual(reportOnly.blocks, []);
    assert.equal(reportOnly.offers.reportOnly, false, 'never offered to a policy that is already report-only');
    assert.deepEqual(policies.find((p) => p.id === ids.workloadPolicy)!.offers, { reportOnly: true, addExclusion: false });
    assert.equal(block.offers.addExclusion, true, 'bg2 is not excluded (this inventory names no group: the accounts are added)');
    services.signIn.signOut(custodian);
  });

  test('after a change the policy is read back: report-only, blocking nobody, not offered again; undone, it blocks again', async () => {
    await bg1SignsIn();
    const preview = await services.recovery.previewReportOnly(ids.blockPolicy);
    const applied = await services.recovery.apply(preview.actionId, custodian);
    const after = await services.recovery.policy(ids.blockPolicy);
    assert.equal(after.state, 'enabledForReportingButNotEnforced');
    assert.deepEqual(after.blocks, []);
    assert.equal(after.offers.reportOnly, false);
    await services.recovery.undo(applied.actionId, custodian);
    const back = await services.recovery.policy(ids.blockPolicy);
    assert.equal(back.state, 'enabled');
    assert.equal(back.offers.reportOnly, true);
    assert.ok(back.blocks.some((b) => b.account === upn('bg2')));

    const exclusion = await services.recovery.apply((await services.recovery.previewAddExclusion(ids.blockPolicy)).actionId, custodian);
    const excluded = await services.recovery.policy(ids.blockPolicy);
    assert.deepEqual(excluded.blocks, [], 'with the exclusion back, the policy blocks no break-glass account');
    assert.equal(excluded.offers.addExclusion, false, 'the exclusion is never offered again once present');
    await services.recovery.undo(exclusion.actionId, custodian);
    services.signIn.signOut(custodian);
  });

  test('the failed sign-in is read from the sign-in log and the policy that blocked it is named', async () => {
    const failed = await bg2Fails();
    await bg1SignsIn();
    const found = await services.recovery.blockedSignIn([failed]);
    assert.equal(found.kind, 'named');
    assert.deepEqual(found.kind === 'named' ? found.policies.map((p) => p.id) : [], [ids.blockPolicy]);
    assert.deepEqual(await services.recovery.blockedSignIn([]), { kind: 'no-failed-attempt' });
    services.signIn.signOut(custodian);
  });

  test('an unknown user for a role is named in the custodian’s words', async () => {
    await bg1SignsIn();
    await assert.rejects(
      services.recovery.previewRoleAssignment('nobody@contoso.com', globalAdministrator),
      (error: Error & { nextStep?: string }) => {
        assert.equal(`${error.message} ${error.nextStep}`, 'There is no user nobody@contoso.com in this tenant. Check the spelling.');
        return true;
      },
    );
    services.signIn.signOut(custodian);
  });
});

describe('the accounts’ own protection policy', () => {
  // The demo tenant's CA006: only the break-glass accounts, the built-in phishing-resistant strength.
  const demoProtection = (
    JSON.parse(readFileSync(join(process.cwd(), 'assets', 'demo-tenant.seed.json'), 'utf8')) as {
      conditionalAccessPolicies: Array<Record<string, unknown>>;
    }
  ).conditionalAccessPolicies.find((p) => String(p['displayName']).startsWith('CA006'))!;
  const seed = testSeedJson();
  const policies = seed['conditionalAccessPolicies'] as Array<Record<string, unknown>>;
  const mfa = policies.find((p) => p['id'] === ids.mfaPolicy)!;
  const protectionId = 'e0000000-0000-4000-8000-0000000000aa';
  // Only the break-glass accounts, phishing-resistant strength only: BG-CA-03's protection policy.
  policies.push({
    ...structuredClone(mfa),
    id: protectionId,
    displayName: 'CA10 Break-glass accounts: phishing-resistant only',
    conditions: {
      ...(structuredClone(mfa['conditions']) as object),
      users: {
        includeUsers: [ids.bg1, ids.bg2],
        excludeUsers: [],
        includeGroups: [],
        excludeGroups: [],
        includeRoles: [],
        excludeRoles: [],
      },
    },
    grantControls: structuredClone(demoProtection['grantControls']),
  });
  policies.push({ ...structuredClone(mfa), id: 'e0000000-0000-4000-8000-0000000000ab', displayName: 'CA9 Require MFA for guests' });
  const { services, bg1SignsIn } = servicesFor(seed);

  test('is offered neither report-only nor the exclusion, and its row says why; names sort with numbers in order', async () => {
    await bg1SignsIn();
    const { policies: rows } = await services.recovery.policies();
    const protection = rows.find((p) => p.id === protectionId)!;
    assert.deepEqual(protection.blocks, []);
    assert.deepEqual(protection.offers, { reportOnly: false, addExclusion: false });
    assert.equal(protection.note, 'Protects the break-glass accounts themselves: left as it is.');
    const quiet = rows.filter((p) => p.blocks.length === 0).map((p) => p.displayName);
    assert.ok(quiet.indexOf('CA9 Require MFA for guests') < quiet.indexOf(protection.displayName), quiet.join(' | '));
    services.signIn.signOut(custodian);
  });
});

describe('the sign-in log read on the app path', () => {
  const bgAppSignsIn = async (services: ReturnType<typeof servicesFor>['services'], signIn: ReturnType<typeof servicesFor>['signIn']) => {
    const progress = await signIn({ method: 'certificate', source: { kind: 'simulated-safe' }, custodian });
    assert.equal(progress.state, 'signed-in', JSON.stringify(progress));
    return () => services.signIn.signOut(custodian);
  };

  test('without AuditLog.Read.All and Directory.Read.All the app is told which permissions it lacks', async () => {
    // The test tenant's break-glass app holds Directory.ReadWrite.All, which signin-list does not name.
    const { services, signIn, bg2Fails } = servicesFor(testSeedJson());
    const failed = await bg2Fails();
    const signOut = await bgAppSignsIn(services, signIn);
    const found = await services.recovery.blockedSignIn([failed]);
    assert.equal(found.kind, 'unreadable');
    assert.match(
      found.kind === 'unreadable' ? found.message : '',
      /needs the application permissions AuditLog\.Read\.All and Directory\.Read\.All/,
    );
    signOut();
  });

  test('granted both, the app reads the log and names the policy that blocked the failed sign-in', async () => {
    const seed = testSeedJson();
    const grants = seed['appRoleAssignments'] as Array<Record<string, unknown>>;
    for (const role of ['AuditLog.Read.All', 'Directory.Read.All'] as const)
      grants.push({
        id: `grant-sign-in-log-${role}`,
        appRoleId: graphRoles[role],
        principalId: ids.bgApp.sp,
        principalType: 'ServicePrincipal',
        resourceId: ids.graphSp,
      });
    const { services, signIn, bg2Fails } = servicesFor(seed);
    const failed = await bg2Fails();
    const signOut = await bgAppSignsIn(services, signIn);
    const found = await services.recovery.blockedSignIn([failed]);
    assert.equal(found.kind, 'named', JSON.stringify(found));
    assert.deepEqual(found.kind === 'named' ? found.policies.map((p) => p.id) : [], [ids.blockPolicy]);
    signOut();
  });
});

describe('a sign-in log that has not caught up yet', () => {
  const seed = testSeedJson();
  seed['tenant'] = { ...(seed['tenant'] as object), signInLogDelaySeconds: 300 };
  const { services, bg2Fails, bg1SignsIn } = servicesFor(seed);

  test('says plainly that the failed sign-in is not there yet and to look again', async () => {
    const failed = await bg2Fails();
    await bg1SignsIn();
    const found = await services.recovery.blockedSignIn([failed]);
    assert.equal(found.kind, 'not-yet');
    assert.match(found.kind === 'not-yet' ? found.message : '', /is not in Entra’s sign-in log yet\. .* Look again in a few minutes\./);
    services.signIn.signOut(custodian);
  });
});

/**
 * Recovery actions after an emergency sign-in, against the simulated tenant the app starts:
 * previewed from the tenant as it is, applied, visible in the tenant (the blocked account gets in),
 * undone (blocked again) – each journaled before it is sent and with Graph's request id after.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { SignInProgress, SignInRequest } from '../../src/shared/model/sign-in.ts';
import { globalAdministrator, ids, keyIndex, pins, testSeedJson, upn } from '../helpers/sim-seed.ts';
import { settleSignIn, startTestServices } from '../helpers/services.ts';

const services = startTestServices({ simSeed: testSeedJson() });
const custodian = 'Ada Custodian';

async function signIn(request: SignInRequest, touch?: { key: string; pin: string }): Promise<SignInProgress> {
  return settleSignIn(
    services,
    services.signIn.start(request, { reason: 'Trying the recovery actions on the drill tenant' }).attemptId,
    touch,
  );
}

/** bg2 is not excluded from the block policy: a security-key sign-in tells whether it gets in. */
async function bg2SignsIn(): Promise<boolean> {
  const attempt = await signIn({ method: 'security-key', userPrincipalName: upn('bg2'), custodian }, { key: keyIndex.bg2, pin: pins.bg2 });
  if (attempt.state === 'signed-in') services.signIn.signOut(custodian);
  return attempt.state === 'signed-in';
}

async function asBreakGlassApp() {
  const progress = await signIn({ method: 'certificate', source: { kind: 'simulated-safe' }, custodian });
  assert.equal(progress.state, 'signed-in');
}

async function policyState(): Promise<string> {
  const sim = (await services.tenant.simulator())!;
  return sim.snapshot().conditionalAccessPolicies.find((p) => p.id === ids.blockPolicy)!.state;
}

function recoveryEntries(): Array<{ summary: string; graphRequestIds?: readonly string[] }> {
  const sessionId = services.signIn.record!.sessionId;
  return services.journal.sessionDetail(sessionId).entries.filter((e) => e.kind === 'recovery-action');
}

describe('switching the blocking policy to report-only', () => {
  test('is previewed exactly, applied so the blocked account gets in, and undone so it is blocked again – all journaled', async () => {
    assert.equal(await bg2SignsIn(), false, 'bg2 is blocked by Conditional Access to begin with');
    await asBreakGlassApp();

    const preview = await services.recovery.previewReportOnly(ids.blockPolicy);
    assert.equal(preview.plan.title, 'Switch "Block everyone but break-glass and admin" to report-only');
    assert.deepEqual(preview.plan.changes, [
      'State: On → Report-only. The policy keeps its settings and is logged, but no longer blocks or asks for anything.',
    ]);
    assert.equal(await policyState(), 'enabled', 'a preview changes nothing');

    const applied = await services.recovery.apply(preview.actionId, custodian);
    assert.equal(applied.status, 'applied');
    assert.equal(await policyState(), 'enabledForReportingButNotEnforced');
    const [about, done] = recoveryEntries();
    assert.match(about!.summary, /^About to: Switch "Block everyone but break-glass and admin" to report-only\.$/);
    assert.match(done!.summary, /^Done: /);
    assert.deepEqual(done!.graphRequestIds, applied.requestIds);

    services.signIn.signOut(custodian);
    assert.equal(await bg2SignsIn(), true, 'with the policy report-only, bg2 gets in');

    await asBreakGlassApp();
    // The action belongs to this run of the app, whoever is signed in now.
    const undone = await services.recovery.undo(applied.actionId, custodian);
    assert.equal(undone.status, 'undone');
    assert.equal(await policyState(), 'enabled');
    assert.match(recoveryEntries().at(-1)!.summary, /^Done: Undo: Set "Block everyone but break-glass and admin" back to On\.$/);
    services.signIn.signOut(custodian);
    assert.equal(await bg2SignsIn(), false, 'undone: bg2 is blocked again');
  });

  test('a policy that is already report-only is refused with the reason', async () => {
    await asBreakGlassApp();
    await assert.rejects(services.recovery.previewReportOnly(ids.reportOnlyPolicy), /already report-only/);
    services.signIn.signOut(custodian);
  });
});

describe('adding the break-glass exclusion back', () => {
  test('adds the accounts to the policy’s exclusions, lets bg2 in, and undo restores the lists exactly', async () => {
    await asBreakGlassApp();
    const preview = await services.recovery.previewAddExclusion(ids.blockPolicy);
    assert.ok(
      preview.plan.changes.some((c) => c.includes(ids.bg2)),
      preview.plan.changes.join('\n'),
    );
    const applied = await services.recovery.apply(preview.actionId, custodian);
    services.signIn.signOut(custodian);
    assert.equal(await bg2SignsIn(), true);
    await asBreakGlassApp();
    await services.recovery.undo(applied.actionId, custodian);
    const sim = (await services.tenant.simulator())!;
    const users = sim.snapshot().conditionalAccessPolicies.find((p) => p.id === ids.blockPolicy)!.conditions.users!;
    assert.deepEqual(users.excludeUsers, [ids.admin]);
    assert.deepEqual(users.excludeGroups, [ids.exclusionGroup]);
    services.signIn.signOut(custodian);
  });
});

describe('assigning a role to a named administrator', () => {
  test('creates an active permanent Global Administrator assignment, and undo removes it', async () => {
    await asBreakGlassApp();
    const preview = await services.recovery.previewRoleAssignment(upn('admin'), globalAdministrator);
    assert.equal(preview.plan.title, `Make ${upn('admin')} Global Administrator`);
    const applied = await services.recovery.apply(preview.actionId, custodian);
    assert.ok(applied.createdId);
    const sim = (await services.tenant.simulator())!;
    const held = () =>
      sim.snapshot().roleAssignmentSchedules.some((s) => s.principalId === ids.admin && s.roleDefinitionId === globalAdministrator);
    assert.equal(held(), true);
    await services.recovery.undo(applied.actionId, custodian);
    assert.equal(held(), false);
    services.signIn.signOut(custodian);
  });

  test('without a sign-in there is no change, and the reason says to sign in first', async () => {
    await assert.rejects(services.recovery.previewReportOnly(ids.blockPolicy), /Nobody is signed in/);
  });

  test('the journal still verifies after all of it', () => {
    const verdict = services.journal.verify();
    assert.equal(verdict.intact, true);
  });
});

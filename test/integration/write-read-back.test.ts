/**
 * A write that Graph did not answer is never resent blind (issue 12, item 5). Through the
 * simulator and its faults:
 * - the Graph connection resends a 429 (for reads and writes: Graph did not process it) and a
 *   read's 503, but sends a write that got a 503 or a reset exactly once;
 * - a recovery action whose PATCH or POST the simulator *applied* and then answered 500 or
 *   dropped (`afterApplying`, how a timeout after Graph committed looks) is not resent, and the
 *   custodian is told what reading the object again showed: it is in place;
 * - one the simulator did not apply is reported as not applied after the read, and trying again
 *   works; the journal records the intent, the unanswered write and what the read showed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { GraphRequestError } from '../../src/main/entra/graph-connection.ts';
import { ActionableError } from '../../src/shared/actionable-error.ts';
import type { FaultRule } from '../../src/sim/index.ts';
import { requestsSeen } from '../helpers/graph-test.ts';
import { globalAdministrator, ids, testSeedJson, upn } from '../helpers/sim-seed.ts';
import { settleSignIn, startTestServices } from '../helpers/services.ts';
import { appGraphConnection } from '../helpers/sim.ts';

const services = startTestServices({ simSeed: testSeedJson() });
const custodian = 'Ada Custodian';
const policyPath = `/v1.0/identity/conditionalAccess/policies/${ids.blockPolicy}`;
const patchPolicy = { surface: 'graph', method: 'PATCH', path: policyPath, times: 1 } as const satisfies FaultRule;

const sim = async () => (await services.tenant.simulator())!;
const policyState = async () => (await sim()).snapshot().conditionalAccessPolicies.find((p) => p.id === ids.blockPolicy)!.state;
const recoveryEntries = () =>
  services.journal.sessionDetail(services.signIn.record!.sessionId).entries.filter((e) => e.kind === 'recovery-action');

async function asBreakGlassApp(): Promise<void> {
  const progress = await settleSignIn(
    services,
    services.signIn.start(
      { method: 'certificate', source: { kind: 'simulated-safe' }, custodian },
      { reason: 'Checking writes are read back' },
    ).attemptId,
  );
  assert.equal(progress.state, 'signed-in');
}

/** How many calls to the policy (its PATCH and any read of it) the simulator saw while `action` ran. */
async function policyCalls<T>(action: () => Promise<T>): Promise<{ result: T | Error; calls: number }> {
  const { result, paths } = await requestsSeen(await sim(), policyPath, () => action().catch((error: unknown) => error as Error));
  return { result, calls: paths.length };
}

describe('the Graph connection resends only what Graph did not process', () => {
  test('a PATCH answered 503 is sent once and fails; a GET answered 503 is retried; a PATCH answered 429 is waited out and resent', async () => {
    const simulator = await sim();
    const graph = appGraphConnection(simulator, ids.bgApp.appId, { retry: { maxRetries: 3, maxWaitSeconds: 5 } });
    try {
      simulator.setFaults({ rules: [{ ...patchPolicy, respond: { status: 503, retryAfter: '0.01' } }] });
      const patch = await requestsSeen(simulator, policyPath, () =>
        graph.write('PATCH', `/identity/conditionalAccess/policies/${ids.blockPolicy}`, { state: 'enabled' }).catch((e: unknown) => e),
      );
      assert.ok(patch.result instanceof GraphRequestError && patch.result.status === 503, 'the 503 surfaces');
      assert.equal(patch.paths.length, 1, 'the write was sent once: a 503 may follow a committed write');
      assert.match(patch.result.nextStep, /reads the tenant again before anything is repeated/);
      assert.doesNotMatch(`${patch.result.message} ${patch.result.nextStep}`, /nothing was changed/i);

      simulator.setFaults({
        rules: [{ surface: 'graph', method: 'GET', path: policyPath, times: 1, respond: { status: 503, retryAfter: '0.01' } }],
      });
      const read = await requestsSeen(simulator, policyPath, () =>
        graph.get<{ id: string }>(`/identity/conditionalAccess/policies/${ids.blockPolicy}`),
      );
      assert.equal(read.result.id, ids.blockPolicy);
      assert.equal(read.paths.length, 2, 'a read is retried after a 503');

      simulator.setFaults({ rules: [{ ...patchPolicy, respond: { status: 429, retryAfter: '0.01' } }] });
      const throttled = await requestsSeen(simulator, policyPath, () =>
        graph.write('PATCH', `/identity/conditionalAccess/policies/${ids.blockPolicy}`, { state: 'enabled' }),
      );
      assert.ok(throttled.result.status < 300);
      assert.equal(throttled.paths.length, 2, 'a 429 means Graph did not process it: waited out and resent');
    } finally {
      simulator.setFaults({});
    }
  });
});

describe('a recovery action Graph did not answer is read back', () => {
  test('report-only: applied, then answered 500 – not resent; the custodian is told the policy is report-only now', async () => {
    await asBreakGlassApp();
    const simulator = await sim();
    const preview = await services.recovery.previewReportOnly(ids.blockPolicy);
    simulator.setFaults({ rules: [{ ...patchPolicy, afterApplying: true, respond: { status: 500 } }] });
    const { result, calls } = await policyCalls(() => services.recovery.apply(preview.actionId, custodian));
    simulator.setFaults({});
    assert.ok(!(result instanceof Error), `the action is done: ${String(result)}`);
    assert.equal(result.status, 'applied');
    assert.equal(calls, 2, 'one PATCH, one read of the policy – nothing resent');
    assert.equal(await policyState(), 'enabledForReportingButNotEnforced');
    assert.match(
      result.note ?? '',
      /^Graph did not confirm the change \(HTTP 500.*\); the app read the policy "Block everyone but break-glass and admin" again: it is Report-only now\.$/,
    );
    const [about, done] = recoveryEntries().slice(-2);
    assert.match(about!.summary, /^About to: Switch /);
    assert.match(done!.summary, /^Done: Switch .*\. Graph did not confirm the change .* it is Report-only now\.$/);
    assert.equal(done!.data['readBack'], 'applied');
    assert.equal((done!.data['unanswered'] as { status: number }).status, 500);

    // Undo it the same way: applied, then the connection drops.
    simulator.setFaults({ rules: [{ ...patchPolicy, afterApplying: true, reset: true }] });
    const undone = await services.recovery.undo(result.actionId, custodian);
    simulator.setFaults({});
    assert.equal(undone.status, 'undone');
    assert.equal(await policyState(), 'enabled');
    assert.match(
      undone.note ?? '',
      /^Graph did not answer \(the connection broke or timed out\); the app read the policy .* again: it is On now\.$/,
    );
    services.signIn.signOut(custodian);
  });

  test('report-only: the connection reset before Graph applied it – reported as unchanged after the read, and trying again works', async () => {
    await asBreakGlassApp();
    const simulator = await sim();
    const preview = await services.recovery.previewReportOnly(ids.blockPolicy);
    simulator.setFaults({ rules: [{ ...patchPolicy, reset: true }] });
    const { result, calls } = await policyCalls(() => services.recovery.apply(preview.actionId, custodian));
    simulator.setFaults({});
    assert.ok(result instanceof ActionableError, `refused with an ActionableError, not ${String(result)}`);
    assert.match(
      result.message,
      /Graph did not answer \(the connection broke or timed out\); the app read the policy "Block everyone but break-glass and admin" again: it is unchanged \(On\); try again\./,
    );
    assert.match(result.nextStep, /Try again/);
    assert.equal(calls, 2, 'the PATCH once, then one read');
    assert.equal(await policyState(), 'enabled');
    const failed = recoveryEntries().at(-1)!;
    assert.match(failed.summary, /^Failed: .* it is unchanged \(On\); try again\.$/);
    assert.equal(failed.data['readBack'], 'not-applied');

    const again = await services.recovery.apply(preview.actionId, custodian);
    assert.equal(again.status, 'applied');
    assert.equal(again.note, undefined, 'answered this time');
    assert.equal(await policyState(), 'enabledForReportingButNotEnforced');
    await services.recovery.undo(again.actionId, custodian);
    services.signIn.signOut(custodian);
  });

  test('report-only: applied, the answer lost, and the read fails too – unknown; trying again reads first and sends nothing', async () => {
    await asBreakGlassApp();
    const simulator = await sim();
    const preview = await services.recovery.previewReportOnly(ids.blockPolicy);
    simulator.setFaults({
      rules: [
        { ...patchPolicy, afterApplying: true, reset: true },
        { surface: 'graph', method: 'GET', path: policyPath, times: 1, respond: { status: 500 } },
      ],
    });
    const first = await policyCalls(() => services.recovery.apply(preview.actionId, custodian));
    simulator.setFaults({});
    assert.ok(first.result instanceof ActionableError, String(first.result));
    assert.match(
      first.result.message,
      /Graph did not answer .*, and reading the policy .* again failed too .*: whether the change was made is not known\./,
    );
    assert.match(first.result.nextStep, /Check the policy .* in the Microsoft Entra admin center\. Trying again here reads it first/);
    assert.equal(recoveryEntries().at(-1)!.data['readBack'], 'unknown');
    assert.equal(await policyState(), 'enabledForReportingButNotEnforced', 'the simulator had applied it');

    const again = await policyCalls(() => services.recovery.apply(preview.actionId, custodian));
    assert.ok(!(again.result instanceof Error), String(again.result));
    assert.equal(again.calls, 1, 'one read, no PATCH: it was already in place');
    assert.match(again.result.note ?? '', /before trying again: it is Report-only now, so nothing was sent\./);
    await services.recovery.undo(again.result.actionId, custodian);
    assert.equal(await policyState(), 'enabled');
    services.signIn.signOut(custodian);
  });

  test('role assignment: the POST applied, then the connection dropped – not resent; the assignment is found and can be undone', async () => {
    await asBreakGlassApp();
    const simulator = await sim();
    const preview = await services.recovery.previewRoleAssignment(upn('admin'), globalAdministrator);
    const post = { surface: 'graph', method: 'POST', path: '/v1.0/roleManagement/directory/roleAssignments', times: 1 } as const;
    simulator.setFaults({ rules: [{ ...post, afterApplying: true, reset: true }] });
    const { result, paths } = await requestsSeen(simulator, '/v1.0/roleManagement/directory/roleAssignments', () =>
      services.recovery.apply(preview.actionId, custodian),
    );
    simulator.setFaults({});
    assert.equal(paths.filter((p) => p === '/v1.0/roleManagement/directory/roleAssignments').length, 1, 'the POST was sent once');
    assert.equal(result.status, 'applied');
    assert.ok(result.createdId, 'the assignment id comes from the read');
    assert.match(result.note ?? '', /the app read the role assignments of .* again: .* holds the role now/);
    const held = () =>
      simulator.snapshot().roleAssignmentSchedules.filter((s) => s.principalId === ids.admin && s.roleDefinitionId === globalAdministrator)
        .length;
    assert.equal(held(), 1, 'one assignment, not two');
    await services.recovery.undo(result.actionId, custodian);
    assert.equal(held(), 0);
    services.signIn.signOut(custodian);
  });
});

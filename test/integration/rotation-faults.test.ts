/**
 * Rotation after use under faults (docs/domain.md, "Rotation after use"): 429, 503 and a
 * connection reset at every step that writes to the tenant. Resuming completes the rotation, and
 * after every single step at least one credential signs in – checked by actually signing in
 * against the simulator.
 *
 * - 429 is waited out by the Graph connection (and a read's 503): the step completes, and its
 *   journal shows intent then done. A write that got a reset connection or a 503 is never sent
 *   again: the app reads the object back, and when Graph had not applied it the step stops with
 *   a clear ActionableError saying so, the journal shows it failed with what the read showed, and
 *   calling the step again completes it. When the simulator applied the write and then answered
 *   500 or dropped the connection (`afterApplying`), the read finds it done. The one
 *   call that is not Graph's – the proof's token request – is not retried by msal-node: a 429 or
 *   503 there stops the proof with Entra's explanation, and continuing redoes it.
 *
 * Which calls reached the simulator, and what it answered, is read off Node's HTTP diagnostics
 * channels (the simulator serves in this process), so every fault is shown to have happened.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { loadCertificateCredential } from '../../src/main/credentials/certificate-credential.ts';
import { ActionableError } from '../../src/shared/actionable-error.ts';
import type { FaultRule } from '../../src/sim/index.ts';
import { appSignsIn, assertSomeCredentialWorks, bg1SignsIn, envelopePassword, rogueKey, rotationTenant } from '../helpers/rotation.ts';
import {
  ada,
  appKeys,
  assertNoDuplicateKeys,
  assertRotated,
  bg1,
  calls,
  finishRotation,
  hits,
  passphrase,
  phases,
  signIn,
  stepEntries,
  target,
  type Known,
  type Target,
} from '../helpers/rotation-faults.ts';
import { tempDir } from '../helpers/temp.ts';

describe('429 is waited out; a write Graph did not answer is read back, never resent – at every step that writes', async () => {
  const tenant = await rotationTenant();
  const services = tenant.start();
  const { rotation } = services;
  const media = tempDir('safe-media-');
  const known: Known = { oldCertificate: tenant.seededCertificate, passwords: [envelopePassword] };
  const invariant = (when: string) => assertSomeCredentialWorks(tenant.sim, known, when);

  const networkProblem = /could not be reached|network|connection|socket hang up|ECONNRESET/i;

  /**
   * The step's call meets the fault once and the step stops: an ActionableError that says the
   * step is not done, why and what next; the journal records the intent, then the failure with
   * the problem; the step is still the current one; the invariant holds.
   */
  async function failsClearly(
    stepId: string,
    where: Target,
    fault: Pick<FaultRule, 'reset' | 'respond'>,
    run: () => Promise<unknown>,
    why: RegExp,
  ): Promise<void> {
    assert.equal(rotation.current()!.current!.step.id, stepId, 'the step under test is the current one');
    const before = stepEntries(services, stepId).length;
    const since = calls.length;
    tenant.sim.setFaults({ rules: [{ ...where, times: 1, ...fault }] });
    let thrown: unknown;
    await assert.rejects(run(), (error: unknown) => ((thrown = error), true));
    tenant.sim.setFaults({});
    assert.ok(thrown instanceof ActionableError, `the step fails with an ActionableError, not ${String(thrown)}`);
    assert.match(thrown.message, /not done|stopped/, 'the custodian is told the step is not done');
    assert.match(`${thrown.message} ${thrown.nextStep}`, why, 'and why');
    assert.ok(thrown.nextStep.length > 0, 'and what to do next');
    const seen = hits(tenant, where, since);
    assert.equal(seen.length, 1, 'the call reached the simulator once');
    assert.equal(
      seen[0]!.status,
      fault.respond?.status,
      fault.reset ? 'and got no answer (the connection was reset)' : 'and got the fault',
    );
    const failed = stepEntries(services, stepId).slice(before);
    assert.deepEqual(phases(failed), ['intent', 'failed'], 'the journal records the intent, then the failure');
    assert.match(String(failed[1]!.data['problem']), why, 'with the problem');
    const record = rotation.current()!.current!;
    assert.equal(record.step.id, stepId, 'the failed step is still the current one');
    assert.equal(record.status, 'failed');
    assert.match(record.problem ?? '', why);
    await invariant(`after ${stepId} failed (${fault.reset ? 'reset' : fault.respond?.status})`);
  }

  /**
   * The step's call answered 429 twice (a read's 429 then 503), then for real: waited out inside
   * one attempt, and the step is done. A write's 503 is not resent (it may have been applied), so
   * only a read meets one here.
   */
  async function waitedOut(stepId: string, where: Target, run: () => Promise<unknown>): Promise<void> {
    assert.equal(rotation.current()!.current!.step.id, stepId, 'the step under test is the current one');
    const before = stepEntries(services, stepId).length;
    const since = calls.length;
    const second = where.method === 'GET' ? 503 : 429;
    tenant.sim.setFaults({
      rules: [
        { ...where, times: 1, respond: { status: 429, retryAfter: 0.1 } },
        { ...where, afterCalls: 1, times: 1, respond: { status: second, retryAfter: 0.1 } },
      ],
    });
    await run();
    tenant.sim.setFaults({});
    const answers = hits(tenant, where, since).map((c) => c.status);
    assert.deepEqual(answers.slice(0, 2), [429, second], `the call was throttled twice (${answers.join(', ')})`);
    assert.equal(answers.length, 3, 'then answered on the third try');
    assert.ok(answers[2]! < 300, `and the third answer is a success (${answers[2]})`);
    assert.deepEqual(
      phases(stepEntries(services, stepId).slice(before)),
      ['intent', 'done'],
      'one attempt: intent then done, the waits inside it',
    );
    assert.equal(rotation.current()!.steps.find((r) => r.step.id === stepId)!.status, 'done');
    await invariant(`after ${stepId}`);
  }

  /**
   * The simulator carries the write out, then answers 500 or drops the connection – a timeout
   * after Graph committed. The write is not sent again; the app reads the object back, and the
   * step is done with what the read showed.
   */
  async function appliedThenLost(
    stepId: string,
    where: Target,
    lost: Pick<FaultRule, 'reset' | 'respond'>,
    run: () => Promise<unknown>,
    shows: RegExp,
  ): Promise<void> {
    assert.equal(rotation.current()!.current!.step.id, stepId, 'the step under test is the current one');
    const before = stepEntries(services, stepId).length;
    const since = calls.length;
    tenant.sim.setFaults({ rules: [{ ...where, times: 1, afterApplying: true, ...lost }] });
    await run();
    tenant.sim.setFaults({});
    const seen = hits(tenant, where, since);
    assert.equal(seen.length, 1, 'the write reached the simulator once and was not resent');
    assert.equal(seen[0]!.status, lost.respond?.status, lost.reset ? 'and got no answer' : 'and got the 500');
    const entries = stepEntries(services, stepId).slice(before);
    assert.deepEqual(phases(entries), ['intent', 'done'], 'intent, then done by the read');
    assert.equal(entries[1]!.data['readBack'], 'applied');
    const record = rotation.current()!.steps.find((r) => r.step.id === stepId)!;
    assert.equal(record.status, 'done');
    assert.match(
      record.summary ?? '',
      lost.reset
        ? /^Graph did not answer \(the connection broke or timed out\); the app read /
        : /^Graph did not confirm the change \(HTTP 500/,
    );
    assert.match(record.summary ?? '', shows, 'the custodian is told what the read showed');
    await invariant(`after ${stepId} was applied and its answer lost`);
  }

  /** Reset once and 503 once before Graph applied it (fails clearly, not resent), then done: waited out, or applied with its answer lost. */
  async function faultedStep(
    stepId: string,
    where: Target,
    run: () => Promise<unknown>,
    end: { readonly lost?: Pick<FaultRule, 'reset' | 'respond'>; readonly shows?: RegExp } = {},
  ): Promise<void> {
    await failsClearly(stepId, where, { reset: true }, run, networkProblem);
    await failsClearly(
      stepId,
      where,
      { respond: { status: 503, retryAfter: 0.1 } },
      run,
      /did not confirm the change \(HTTP 503[^)]*\); the app read .* again: .*; try again\./,
    );
    if (end.lost) await appliedThenLost(stepId, where, end.lost, run, end.shows ?? /./);
    else await waitedOut(stepId, where, run);
  }

  test('the new certificate is saved, and the custodian signs in with the current one', async () => {
    rotation.begin({ custodian: ada, witness: 'Grace Witness', accounts: [bg1], app: true });
    rotation.saveCertificate({ folder: media, passphrase, passphraseAgain: passphrase }, ada);
    known.newCertificate = loadCertificateCredential({ path: String(rotation.current()!.steps[0]!.facts!['path']), passphrase });
    await signIn(services, { kind: 'simulated-safe' });
    await invariant('after saving the new certificate');
  });

  test('addKey', async () => {
    await faultedStep('app-key-added', target.addKey, () => rotation.continueStep(ada), {
      lost: { reset: true },
      shows: /the new certificate [0-9A-F]{40} is on it\.$/,
    });
    assert.equal((await assertNoDuplicateKeys(tenant, known, 'after addKey')).length, 2);
  });

  test('proving the new certificate: the token endpoint reset, 429 and 503 fail it clearly; Graph’s 429 and 503 are waited out', async () => {
    // msal-node does not retry a token request (it remembers the throttling instead), so the
    // proof stops with Entra's explanation; continuing redoes it with a fresh client.
    await failsClearly('app-new-key-proven', target.token, { reset: true }, () => rotation.continueStep(ada), networkProblem);
    await failsClearly(
      'app-new-key-proven',
      target.token,
      { respond: { status: 429, retryAfter: 0.1 } },
      () => rotation.continueStep(ada),
      /busy|slow down/i,
    );
    await failsClearly(
      'app-new-key-proven',
      target.token,
      { respond: { status: 503, retryAfter: 0.1 } },
      () => rotation.continueStep(ada),
      /busy|unavailable/i,
    );
    await waitedOut('app-new-key-proven', target.proofRead, () => rotation.continueStep(ada));
    assert.equal(await appSignsIn(tenant.sim, tenant.seededCertificate), true, 'the old certificate still works until removed');
  });

  test('removeKey', async () => {
    await faultedStep('app-old-keys-removed', target.removeKey, () => rotation.continueStep(ada));
    const keys = await assertNoDuplicateKeys(tenant, known, 'after removeKey');
    assert.equal(keys.length, 1);
    assert.equal(await appSignsIn(tenant.sim, tenant.seededCertificate), false, 'the old certificate is refused once removed');
  });

  test('removePassword', async () => {
    await faultedStep('app-secrets-removed', target.removePassword, () => rotation.continueStep(ada), {
      lost: { respond: { status: 500 } },
      shows: /the app has no client secret now\.$/,
    });
    assert.deepEqual((await appKeys(tenant)).passwordCredentials, []);
  });

  test('setPassword (PATCH /users)', async () => {
    const shown = rotation.newPassword(bg1).password;
    // The custodian has it on the envelope sheet from here on.
    known.passwords.push(shown);
    await faultedStep(`account-password:${bg1}`, target.setPassword, () => rotation.setPassword(bg1, ada), {
      lost: { respond: { status: 500 } },
      shows: /the password of .* again: it was changed at .*, so the password on the sheet is set\.$/,
    });
    assert.equal(await bg1SignsIn(tenant.sim, { password: envelopePassword }), false, 'the envelope password is replaced');
    assert.equal(await bg1SignsIn(tenant.sim, { password: shown }), true, 'the password shown signs in');
  });

  test('revokeSignInSessions', async () => {
    await faultedStep(`account-sessions-revoked:${bg1}`, target.revoke, () => rotation.continueStep(ada), {
      lost: { reset: true },
      shows: /every earlier session and refresh token is revoked\.$/,
    });
  });

  test('the method review (DELETE fido2Methods)', async () => {
    await faultedStep(`account-methods-reviewed:${bg1}`, target.deleteKey, () => rotation.reviewMethods(bg1, [rogueKey.method], ada));
    assert.equal(
      await bg1SignsIn(tenant.sim, { key: rogueKey.index, pin: rogueKey.pin }),
      false,
      'the key registered during the incident is gone',
    );
  });

  test('the rotation completes: old credentials refused, new ones working', async () => {
    await finishRotation(services);
    await assertRotated(tenant, known, known.passwords.at(-1)!);
  });
});

/**
 * Rotation after use when the app run is closed mid-call (docs/domain.md, "Rotation after use"):
 * the step's call is held up at the simulator, the app run is closed while the call is in flight
 * (the simulator still carries the write out), and a new app run on the same data folder and
 * tenant finds the step interrupted, needs a new sign-in (and the new PFX opened again), redoes
 * the step from what the tenant says now – no key added twice, a lost password replaced by a new
 * one – and completes the rotation. After every single step at least one credential signs in –
 * checked by actually signing in against the simulator.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { loadCertificateCredential } from '../../src/main/credentials/certificate-credential.ts';
import { ActionableError } from '../../src/shared/actionable-error.ts';
import {
  appSignsIn,
  assertSomeCredentialWorks,
  bg1SignsIn,
  envelopePassword,
  keyThumbprints,
  rogueKey,
  rotationTenant,
} from '../helpers/rotation.ts';
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
  waitFor,
  type Known,
  type Target,
} from '../helpers/rotation-faults.ts';
import { tempDir } from '../helpers/temp.ts';

describe('the app closed while a step’s Graph call is in flight: a new run finds the step interrupted and completes the rotation', async () => {
  const tenant = await rotationTenant();
  let services = tenant.start();
  const media = tempDir('safe-media-');
  const known: Known = { oldCertificate: tenant.seededCertificate, passwords: [envelopePassword] };
  const invariant = (when: string) => assertSomeCredentialWorks(tenant.sim, known, when);
  let pfxPath = '';

  /**
   * Starts the step with its call held up at the simulator, closes the app run once the call has
   * reached the simulator, waits until the simulator has carried the write out (its answer goes
   * to a run that is gone), and starts a new run on the same data folder and tenant.
   */
  async function closeDuring(stepId: string, where: Target, start: () => Promise<unknown>): Promise<void> {
    const before = stepEntries(services, stepId).length;
    const since = calls.length;
    tenant.sim.setFaults({ rules: [{ ...where, times: 1, latencyMs: 1_500 }] });
    const abandoned = start().then(
      () => 'finished',
      (error: unknown) => error,
    );
    await waitFor(`the intent of ${stepId} in the journal`, () => phases(stepEntries(services, stepId).slice(before)).join() === 'intent');
    await waitFor(`the call of ${stepId} at the simulator`, () => hits(tenant, where, since).some((c) => c.request.complete));
    await services.close();
    // The closed run hears the answer but cannot record it: its journal is closed.
    assert.notEqual(await abandoned, 'finished', 'the closed run must not complete the step');
    await waitFor(`the simulator to answer ${stepId}`, () => hits(tenant, where, since).some((c) => c.status !== undefined));
    assert.ok(hits(tenant, where, since)[0]!.status! < 300, 'the simulator carried the write out');
    tenant.sim.setFaults({});

    services = tenant.start();
    const position = services.rotation.current()!;
    assert.equal(position.current?.step.id, stepId, 'the new run resumes at the step that was cut off');
    assert.equal(position.current?.status, 'interrupted');
    assert.deepEqual(phases(stepEntries(services, stepId).slice(before)), ['intent'], 'nothing after the intent reached the journal');
    assert.equal(services.signIn.session, undefined, 'a new run holds no sign-in');
    await invariant(`after the run was closed during ${stepId}`);
  }

  /** After the restart: nothing happens before a sign-in, and the certificate steps need the PFX again. */
  async function resume(options: {
    signInWith: 'simulated-safe' | 'new-pfx';
    certificate: boolean;
    run: () => Promise<unknown>;
  }): Promise<void> {
    const { rotation } = services;
    await assert.rejects(options.run(), (error: unknown) => error instanceof ActionableError && /Nobody is signed in/.test(error.message));
    await signIn(
      services,
      options.signInWith === 'simulated-safe' ? { kind: 'simulated-safe' } : { kind: 'file', path: pfxPath, passphrase },
    );
    if (options.certificate) {
      assert.equal(rotation.view().active?.reopenCertificate?.path, pfxPath, 'the screen asks for the new PFX again');
      await assert.rejects(
        options.run(),
        (error: unknown) => error instanceof ActionableError && /not open in this app run/.test(error.message),
      );
      rotation.reopenCertificate(passphrase, ada);
      assert.equal(rotation.view().active?.reopenCertificate, undefined);
    }
    await options.run();
  }

  test('the new certificate is saved and the custodian signs in', async () => {
    const { rotation } = services;
    rotation.begin({ custodian: ada, witness: 'Grace Witness', accounts: [bg1], app: true });
    rotation.saveCertificate({ folder: media, passphrase, passphraseAgain: passphrase }, ada);
    pfxPath = String(rotation.current()!.steps[0]!.facts!['path']);
    known.newCertificate = loadCertificateCredential({ path: pfxPath, passphrase });
    await signIn(services, { kind: 'simulated-safe' });
  });

  test('addKey cut off after Graph received it: redone from what the tenant says, the key is not added twice', async () => {
    await closeDuring('app-key-added', target.addKey, () => services.rotation.continueStep(ada));
    assert.equal(
      (await assertNoDuplicateKeys(tenant, known, 'after addKey was cut off')).length,
      2,
      'the cut-off addKey reached the tenant',
    );
    const addKeyCalls = calls.length;
    await resume({ signInWith: 'simulated-safe', certificate: true, run: () => services.rotation.continueStep(ada) });
    assert.equal(hits(tenant, target.addKey, addKeyCalls).length, 0, 'addKey is not called again');
    const done = services.rotation.current()!.steps.find((r) => r.step.id === 'app-key-added')!;
    assert.equal(done.status, 'done');
    assert.equal(done.facts!['found'], true, 'the redo found the key already on the app');
    assert.equal((await assertNoDuplicateKeys(tenant, known, 'after addKey was redone')).length, 2);
    await invariant('after addKey');
  });

  test('the new certificate is proven', async () => {
    await services.rotation.continueStep(ada);
    assert.equal(services.rotation.current()!.current!.step.id, 'app-old-keys-removed');
    await invariant('after the proof');
  });

  test('removeKey cut off: the old certificate is gone; the next run signs in with the new PFX and completes the step', async () => {
    await closeDuring('app-old-keys-removed', target.removeKey, () => services.rotation.continueStep(ada));
    assert.equal(await appSignsIn(tenant.sim, tenant.seededCertificate), false, 'the cut-off removeKey reached the tenant');
    await resume({ signInWith: 'new-pfx', certificate: true, run: () => services.rotation.continueStep(ada) });
    const keys = await assertNoDuplicateKeys(tenant, known, 'after removeKey was redone');
    assert.deepEqual(keyThumbprints(keys), [known.newCertificate!.thumbprintSha1Hex]);
    assert.equal(services.rotation.current()!.current!.step.id, 'app-secrets-removed');
    await invariant('after removeKey');
  });

  test('removePassword cut off: redone, the secret stays removed', async () => {
    await closeDuring('app-secrets-removed', target.removePassword, () => services.rotation.continueStep(ada));
    assert.deepEqual((await appKeys(tenant)).passwordCredentials, [], 'the cut-off removePassword reached the tenant');
    await resume({ signInWith: 'new-pfx', certificate: false, run: () => services.rotation.continueStep(ada) });
    assert.equal(services.rotation.current()!.current!.step.id, `account-password:${bg1}`);
    await invariant('after removePassword');
  });

  test('setPassword cut off: the password shown is lost to the app; a new one is shown and set, and it works', async () => {
    const lost = services.rotation.newPassword(bg1).password;
    known.passwords.push(lost); // on the envelope sheet the custodian wrote
    await closeDuring(`account-password:${bg1}`, target.setPassword, () => services.rotation.setPassword(bg1, ada));
    assert.equal(await bg1SignsIn(tenant.sim, { password: lost }), true, 'the cut-off PATCH reached the tenant');
    const { rotation } = services;
    assert.equal(rotation.view().active?.passwordWaiting, false, 'the new run does not have the password');
    await signIn(services, { kind: 'file', path: pfxPath, passphrase });
    await assert.rejects(
      rotation.setPassword(bg1, ada),
      (error: unknown) => error instanceof ActionableError && /No new password is waiting/.test(error.message),
    );
    const fresh = rotation.newPassword(bg1).password;
    assert.notEqual(fresh, lost);
    known.passwords.push(fresh);
    await rotation.setPassword(bg1, ada);
    assert.equal(await bg1SignsIn(tenant.sim, { password: fresh }), true, 'the new password works');
    assert.equal(await bg1SignsIn(tenant.sim, { password: lost }), false, 'the lost one no longer does');
    assert.equal(rotation.current()!.current!.step.id, `account-sessions-revoked:${bg1}`);
    await invariant('after setPassword');
  });

  test('revokeSignInSessions cut off: redone', async () => {
    await closeDuring(`account-sessions-revoked:${bg1}`, target.revoke, () => services.rotation.continueStep(ada));
    await resume({ signInWith: 'new-pfx', certificate: false, run: () => services.rotation.continueStep(ada) });
    assert.equal(services.rotation.current()!.current!.step.id, `account-methods-reviewed:${bg1}`);
    await invariant('after revoking sessions');
  });

  test('the method review cut off during DELETE: redone, the key registered during the incident stays gone', async () => {
    await closeDuring(`account-methods-reviewed:${bg1}`, target.deleteKey, () =>
      services.rotation.reviewMethods(bg1, [rogueKey.method], ada),
    );
    assert.equal(await bg1SignsIn(tenant.sim, { key: rogueKey.index, pin: rogueKey.pin }), false, 'the cut-off DELETE reached the tenant');
    await resume({ signInWith: 'new-pfx', certificate: false, run: () => services.rotation.reviewMethods(bg1, [rogueKey.method], ada) });
    const reviewed = services.rotation.current()!.steps.find((r) => r.step.id === `account-methods-reviewed:${bg1}`)!;
    assert.equal(reviewed.status, 'done');
    assert.equal(reviewed.facts!['fido2Remaining'], 1);
    await invariant('after the method review');
  });

  test('the rotation completes: old credentials refused, new ones working', async () => {
    const sessionId = await finishRotation(services);
    await assertRotated(tenant, known, known.passwords.at(-1)!);
    const entries = services.journal.store.entries(sessionId);
    assert.deepEqual(
      phases(entries.filter((e) => e.stepId === 'app-key-added' && e.kind === 'rotation-step')),
      ['intent', 'done'],
      'app-key-added: cut off, then found done',
    );
    for (const stepId of [
      'app-old-keys-removed',
      'app-secrets-removed',
      `account-password:${bg1}`,
      `account-sessions-revoked:${bg1}`,
      `account-methods-reviewed:${bg1}`,
    ]) {
      const own = entries.filter((e) => e.stepId === stepId && e.kind === 'rotation-step');
      assert.deepEqual(phases(own), ['intent', 'intent', 'done'], `${stepId}: cut off, then redone`);
    }
  });
});

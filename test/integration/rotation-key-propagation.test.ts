/**
 * The proof step right after addKey, when Entra does not know the new certificate yet (the
 * simulator's key-propagation fault, src/sim/http/faults.ts: the token endpoint refuses the new
 * key with AADSTS700027 for a number of tries or of simulated seconds). The rotation waits and
 * tries again with the wait journaled and shown on screen, within two minutes; beyond that the
 * step fails with a plain message saying the old certificate still works, and nothing is
 * removed. The app's pauses move the simulator's clock instead of the wall clock.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { KeyCredential } from '@microsoft/microsoft-graph-types';

import type { AppServices } from '../../src/main/services/app-services.ts';
import type { Simulator } from '../../src/sim/index.ts';
import { appSignsIn, keyThumbprints, rotationTenant, type RotationTenant } from '../helpers/rotation.ts';
import { settleSignIn } from '../helpers/services.ts';
import { ids } from '../helpers/sim-seed.ts';
import { appGraphConnection } from '../helpers/sim.ts';
import { tempDir } from '../helpers/temp.ts';

const ada = 'Ada Custodian';
const passphrase = 'correct horse battery staple safe';
const proofStep = 'app-new-key-proven';

/** Pauses that pass in the simulator's time only, each noted with what the screen showed meanwhile. */
function simulatedPauses(sim: Simulator, services: () => AppServices) {
  let offsetSeconds = 0;
  const pauses: Array<{ seconds: number; shown: string | undefined }> = [];
  const sleep = async (ms: number) => {
    pauses.push({ seconds: ms / 1000, shown: services().rotation.view().active?.working?.message });
    offsetSeconds += ms / 1000;
    sim.setClockOffset(offsetSeconds);
  };
  return { sleep, pauses, advance: (seconds: number) => sim.setClockOffset((offsetSeconds += seconds)) };
}

/** A rotation of the app only, up to the proof: the new certificate saved, signed in with the current one, added. */
async function upToTheProof(tenant: RotationTenant) {
  const started: { services?: AppServices } = {};
  const time = simulatedPauses(tenant.sim, () => started.services!);
  const services = (started.services = tenant.start({ sleep: time.sleep }));
  const { rotation } = services;
  rotation.begin({ custodian: ada, accounts: [], app: true });
  rotation.saveCertificate({ folder: tempDir('safe-media-'), passphrase, passphraseAgain: passphrase }, ada);
  const signedIn = await settleSignIn(
    services,
    rotation.signIn({ method: 'certificate', source: { kind: 'simulated-safe' }, custodian: ada }).attemptId,
  );
  assert.equal(signedIn.state, 'signed-in');
  await rotation.continueStep(ada);
  assert.equal(rotation.current()?.current?.step.kind, proofStep);
  return { services, time };
}

const appKeys = async (tenant: RotationTenant) =>
  (
    await appGraphConnection(tenant.sim, ids.reader.appId).get<{ keyCredentials: KeyCredential[] }>(
      `/applications/${ids.bgApp.objectId}?$select=keyCredentials`,
    )
  ).keyCredentials;
const notes = (services: AppServices) =>
  services.journal.store.entries(services.rotation.current()!.sessionId).filter((e) => e.kind === 'note' && e.stepId === proofStep);

describe('the new certificate is refused for three tries after addKey', async () => {
  const tenant = await rotationTenant();
  const { services, time } = await upToTheProof(tenant);
  const { rotation } = services;

  test('the proof waits, showing why, and succeeds on the fourth try; the journal records each wait', async () => {
    tenant.sim.setFaults({ keyPropagation: { refusedAttempts: 3 } });
    await rotation.continueStep(ada);
    const proof = rotation.current()!.steps.find((s) => s.step.kind === proofStep)!;
    assert.equal(proof.status, 'done');
    assert.deepEqual(
      time.pauses.map((p) => p.seconds),
      [2, 4, 8],
      'doubling waits',
    );
    for (const pause of time.pauses)
      assert.match(pause.shown ?? '', /does not accept the new certificate yet.*old certificate still works/, 'the screen shows the wait');
    assert.equal(rotation.view().active?.working, undefined, 'nothing is shown as waiting once done');
    assert.deepEqual(
      notes(services).map((e) => e.data['waitSeconds']),
      [2, 4, 8],
    );
    assert.match(notes(services)[0]!.summary, /try 1.*Trying again in 2 s/);
    assert.match(proof.summary!, /accepted on try 4, after waiting 14 s/);
    assert.deepEqual(
      { attempts: proof.facts!['attempts'], waitedSeconds: proof.facts!['waitedSeconds'] },
      { attempts: 4, waitedSeconds: 14 },
    );
    const refused = tenant.sim.signInLog().filter((s) => s.appId === ids.bgApp.appId && s.status?.errorCode === 700027);
    assert.equal(refused.length, 3, 'Entra refused the new key three times, as the sign-in log shows');
  });

  test('then the old certificate is removed as usual', async () => {
    tenant.sim.setFaults({});
    await rotation.continueStep(ada);
    assert.equal((await appKeys(tenant)).length, 1);
    assert.equal(await appSignsIn(tenant.sim, tenant.seededCertificate), false);
  });
});

describe('the new certificate is refused for longer than the rotation waits', async () => {
  const tenant = await rotationTenant();
  const { services, time } = await upToTheProof(tenant);
  const { rotation } = services;

  test('after two minutes the step fails plainly: the old certificate still works and nothing is removed', async () => {
    tenant.sim.setFaults({ keyPropagation: { refusedSeconds: 600 } });
    await assert.rejects(rotation.continueStep(ada), (error: unknown) => {
      assert.ok(error instanceof Error && 'nextStep' in error);
      assert.match(error.message, /still refuses the new certificate [0-9A-F]{40} after 8 tries over 120 s/);
      assert.match(error.message, /the old one still works; nothing is removed until the new one is proven/);
      assert.match(String(error.nextStep), /Wait a few minutes, then continue/);
      return true;
    });
    assert.equal(
      time.pauses.reduce((sum, p) => sum + p.seconds, 0),
      120,
      'two minutes of simulated time, no more',
    );
    const proof = rotation.current()!.current!;
    assert.equal(proof.step.kind, proofStep);
    assert.equal(proof.status, 'failed');
    assert.equal((await appKeys(tenant)).length, 2, 'both certificates are still on the app');
    assert.equal(await appSignsIn(tenant.sim, tenant.seededCertificate), true, 'the old certificate still signs in');
  });

  test('once Entra knows the key, continuing proves it and the rotation goes on', async () => {
    time.advance(600);
    await rotation.continueStep(ada);
    assert.equal(rotation.current()?.current?.step.kind, 'app-old-keys-removed');
    await rotation.continueStep(ada);
    assert.equal(keyThumbprints(await appKeys(tenant)).length, 1);
  });
});

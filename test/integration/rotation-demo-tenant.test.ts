/**
 * Rotation on the demo tenant (assets/demo-tenant.seed.json), the "done when": the app
 * and breakglass1 are rotated through the services, signed in with the simulated safe's
 * certificate, and the closing readiness check is recorded in the journal.
 *
 * - As shipped, the demo tenant has seven planted problems; the rotation removes the one that is
 *   a credential (the app's client secret, BG-APP-04) and the verdict says plainly that the setup
 *   is not sound yet, naming exactly the three other failing plants.
 * - With those three fixed as the organisation would after its readiness drill (see
 *   demoSeedJson), the rotation ends with a passing readiness check recorded in the journal – and
 *   a second rotation in the same drill signs in with the certificate the first one put in the
 *   simulated safe.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { startAppServices, type AppServices } from '../../src/main/services/app-services.ts';
import { resolveAppSetup } from '../../src/main/services/app-setup.ts';
import { demoSeedJson } from '../helpers/rotation.ts';
import { settleReadiness, settleSignIn } from '../helpers/services.ts';
import { tempDir } from '../helpers/temp.ts';

const breakglass1 = 'breakglass1@contosodrill.onmicrosoft.com';
const ada = 'Ada Custodian';
const passphrase = 'four unrelated words: lantern quarry velvet';

function demoServices(findingsFixed: boolean): AppServices {
  const dir = tempDir();
  const seedPath = join(dir, 'demo-tenant.seed.json');
  writeFileSync(seedPath, JSON.stringify(demoSeedJson({ findingsFixed })));
  const configPath = join(process.cwd(), 'assets', 'demo-tenant.config.json');
  return startAppServices(
    resolveAppSetup({
      host: 'web',
      appDir: dir,
      version: '0.0.0-test',
      dataDir: join(dir, 'data'),
      simSeedPath: seedPath,
      configPath,
      redaction: 'development',
    }),
  );
}

/** A whole rotation of the app and breakglass1, as the screen drives it; returns the closed session's verdict. */
async function rotate(services: AppServices) {
  const rotation = services.rotation;
  rotation.begin({ custodian: ada, witness: 'Grace Witness', accounts: [breakglass1], app: true });
  const signedIn = await settleSignIn(
    services,
    rotation.signIn({ method: 'certificate', source: { kind: 'simulated-safe' }, custodian: ada }).attemptId,
  );
  assert.equal(signedIn.state, 'signed-in', JSON.stringify(signedIn));
  rotation.saveCertificate({ folder: tempDir('safe-media-'), passphrase, passphraseAgain: passphrase }, ada);
  for (let i = 0; i < 4; i += 1) await rotation.continueStep(ada);
  rotation.newPassword(breakglass1);
  await rotation.setPassword(breakglass1, ada);
  await rotation.continueStep(ada);
  const methods = await rotation.methods(breakglass1);
  assert.deepEqual(
    methods.filter((m) => m.kind === 'fido2').map((m) => m.displayName),
    ['Safe key A1', 'Safe key A2'],
  );
  await rotation.reviewMethods(breakglass1, [], ada);
  rotation.keyReturned(breakglass1, { keyUsed: 'Safe key A1', returned: true }, ada);
  for (const item of ['safe-combination', 'envelopes', 'custodians'] as const) rotation.checklist(item, ada, ada);
  const { runId } = rotation.verify(ada);
  const checkSessionId = (await settleReadiness(services, runId)).run.sessionId!;
  const { sessionId } = rotation.recordVerification(checkSessionId, ada);
  return { sessionId, checkSessionId, closed: rotation.view({ justClosed: sessionId }).justClosed! };
}

describe('rotation on the demo tenant', () => {
  test('as shipped: the client secret is removed, and the verdict names the three failures rotation cannot fix', async (t) => {
    const services = demoServices(false);
    t.after(() => services.close());
    const { closed } = await rotate(services);
    const verdict = closed.closed!.verdict!;
    assert.equal(verdict.sound, false);
    assert.deepEqual(verdict.failing.map((f) => f.id).sort(), ['BG-CA-01', 'BG-MON-02', 'BG-MON-04']);
    assert.ok(!verdict.failing.some((f) => f.id === 'BG-APP-04'), 'the rotation removed the planted client secret');
  });

  test('with the drill’s other findings fixed: the rotation ends with a passing readiness check in the journal, twice in a row', async (t) => {
    const services = demoServices(true);
    t.after(() => services.close());
    for (const round of [1, 2]) {
      const { sessionId, checkSessionId, closed } = await rotate(services);
      const verdict = closed.closed!.verdict!;
      assert.deepEqual(verdict.failing, [], `round ${round}`);
      assert.equal(verdict.sound, true);
      // Recorded: the check's own session, and the rotation closed with its verdict.
      const check = services.journal.store.session(checkSessionId)!;
      assert.equal(check.kind, 'check');
      const results = services.journal.store.entries(checkSessionId).filter((e) => e.kind === 'check-result');
      assert.ok(results.length > 20);
      assert.ok(results.every((e) => e.data['status'] === 'pass' || e.data['status'] === 'warn'));
      const closing = services.journal.store.entries(sessionId).find((e) => e.kind === 'session-closed')!;
      assert.deepEqual(closing.data['details'], { verdict: verdict.verdict, sound: true, checkSessionId });
    }
    assert.equal(services.journal.verify().intact, true);
  });
});

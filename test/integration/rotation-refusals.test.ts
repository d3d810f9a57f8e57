/**
 * Rotation when the tenant says no, against the simulator: Graph refusing addKey (403
 * Authorization_RequestDenied, injected as a simulator fault) is explained, journaled with Graph's
 * answer, and leaves the app as it was with the new PFX kept for the next try; an app whose every
 * certificate has expired takes the documented PATCH fallback, with the warning on record.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { KeyCredential } from '@microsoft/microsoft-graph-types';

import { ActionableError } from '../../src/shared/actionable-error.ts';
import { expireAppKey, ids, upn } from '../helpers/sim-seed.ts';
import { settleSignIn } from '../helpers/services.ts';
import { appSignsIn, bg1SafeKey, rotationTenant } from '../helpers/rotation.ts';
import { appGraphConnection } from '../helpers/sim.ts';
import { tempDir } from '../helpers/temp.ts';

const ada = 'Ada Custodian';
const passphrase = 'correct horse battery staple safe';

describe('Graph refusing addKey', async () => {
  const tenant = await rotationTenant();
  const services = tenant.start();
  const rotation = services.rotation;
  const keys = async () =>
    (
      await appGraphConnection(tenant.sim, ids.reader.appId).get<{ keyCredentials: KeyCredential[] }>(
        `/applications/${ids.bgApp.objectId}?$select=keyCredentials`,
      )
    ).keyCredentials;

  test('the refusal is explained and journaled; the app keeps its old certificate; trying again works', async () => {
    rotation.begin({ custodian: ada, accounts: [], app: true });
    rotation.saveCertificate({ folder: tempDir('safe-media-'), passphrase, passphraseAgain: passphrase }, ada);
    assert.equal(
      (
        await settleSignIn(
          services,
          rotation.signIn({ method: 'certificate', source: { kind: 'simulated-safe' }, custodian: ada }).attemptId,
        )
      ).state,
      'signed-in',
    );
    tenant.sim.setFaults({
      rules: [
        {
          surface: 'graph',
          method: 'POST',
          path: `/v1.0/applications/${ids.bgApp.objectId}/addKey`,
          times: 1,
          graphError: { status: 403, code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' },
        },
      ],
    });
    await assert.rejects(rotation.continueStep(ada), (error: unknown) => {
      assert.ok(error instanceof ActionableError);
      assert.match(error.message, /addKey/);
      assert.match(error.message, /still has only its old certificate, which still works/);
      assert.match(error.message, /new PFX on the safe’s media is not in use yet/);
      return true;
    });
    const failed = rotation.current()!.current!;
    assert.equal(failed.step.kind, 'app-key-added');
    assert.equal(failed.status, 'failed');
    const entry = services.journal.store.entries(rotation.current()!.sessionId).at(-1)!;
    assert.equal(entry.data['phase'], 'failed');
    assert.equal(entry.data['status'], 403);
    assert.equal(entry.data['graphCode'], 'Authorization_RequestDenied');
    assert.ok(entry.graphRequestIds?.length, 'Graph’s request id is kept for Microsoft support');
    assert.equal((await keys()).length, 1, 'nothing was added');
    assert.equal(await appSignsIn(tenant.sim, tenant.seededCertificate), true);

    await rotation.continueStep(ada);
    assert.equal(rotation.current()!.current!.step.kind, 'app-new-key-proven');
    assert.equal((await keys()).length, 2);
  });

  test('stopping the rotation here records why and what was not done, signs out, and leaves the credentials to rotate', () => {
    const sessionId = rotation.current()!.sessionId;
    assert.throws(() => rotation.abandon('  ', ada), /Say why/);
    rotation.abandon('The safe’s media went missing; continue tomorrow.', ada);
    assert.equal(rotation.current(), undefined);
    assert.equal(services.signIn.session, undefined);
    const closing = services.journal.store.entries(sessionId).find((e) => e.kind === 'session-closed')!;
    const details = closing.data['details'] as { abandoned: string; notDone: string[] };
    assert.equal(details.abandoned, 'The safe’s media went missing; continue tomorrow.');
    assert.ok(details.notDone.some((t) => /proven/.test(t)) && !details.notDone.some((t) => /saved to the safe/.test(t)));
    const view = rotation.view({ justClosed: sessionId });
    assert.equal(view.justClosed?.closed?.abandoned, details.abandoned);
    assert.equal(view.candidates.app?.suggested, true, 'a stopped rotation does not count as done');
  });
});

describe('an app with no valid certificate left', async () => {
  const tenant = await rotationTenant({ change: expireAppKey(ids.bgApp.appId) });
  const services = tenant.start();
  const rotation = services.rotation;

  test('takes the PATCH fallback with the warning on record, signed in as a break-glass account', async () => {
    assert.equal(await appSignsIn(tenant.sim, tenant.seededCertificate), false, 'the expired certificate cannot sign in');
    rotation.begin({ custodian: ada, accounts: [upn('bg1')], app: true });
    rotation.saveCertificate({ folder: tempDir('safe-media-'), passphrase, passphraseAgain: passphrase }, ada);
    const signedIn = await settleSignIn(
      services,
      rotation.signIn({ method: 'security-key', userPrincipalName: upn('bg1'), custodian: ada }).attemptId,
      bg1SafeKey,
    );
    assert.equal(signedIn.state, 'signed-in');
    await rotation.continueStep(ada);
    const added = rotation.current()!.steps.find((s) => s.step.kind === 'app-key-added')!;
    assert.equal(added.status, 'done');
    assert.equal(added.facts!['fallback'], true);
    assert.match(String(added.facts!['warning']), /addKey cannot be used.*replaced/);
    assert.match(added.summary!, /PATCH keyCredentials/);
    await rotation.continueStep(ada); // proven
    await rotation.continueStep(ada); // nothing old left to remove
    const removed = rotation.current()!.steps.find((s) => s.step.kind === 'app-old-keys-removed')!;
    assert.deepEqual(removed.facts!['removed'], []);
    const view = rotation.view().active!;
    assert.ok(
      view.steps.some((s) => typeof s.facts?.['warning'] === 'string'),
      'the screen carries the warning',
    );
    const saved = rotation.current()!.steps.find((s) => s.step.kind === 'app-certificate-saved')!;
    assert.equal(saved.status, 'done');
  });
});

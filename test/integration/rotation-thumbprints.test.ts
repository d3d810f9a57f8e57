/**
 * The app-certificate rotation on key credentials in Graph's own shape: `customKeyIdentifier` is
 * Binary, the base64 of the thumbprint's 20 bytes, and `key` the base64 DER
 * (https://learn.microsoft.com/graph/api/resources/keycredential). The app's current certificate
 * was once uploaded the way Microsoft's example does it, with the hex thumbprint as its
 * identifier (https://learn.microsoft.com/graph/applications-how-to-add-certificate), which Graph
 * keeps as given. Through the real services, msal-node and the Graph client: addKey is accepted
 * (the signed-in certificate is recognised as the app's), an addKey that reached the tenant
 * before the step was cut off is recognised when the step is redone (not added twice), the new
 * key carries Graph's default identifier, and the old key is removed. And the seed: Graph's
 * base64 is accepted, a value that is not base64 is refused at its JSON path.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { KeyCredential } from '@microsoft/microsoft-graph-types';

import { loadCertificateCredential } from '../../src/main/credentials/certificate-credential.ts';
import { addCertificateKey } from '../../src/main/entra/key-roll.ts';
import { certificateFacts } from '../../src/node/x509/certificates.ts';
import { SeedValidationError, validateSeed } from '../../src/sim/index.ts';
import { settleSignIn } from '../helpers/services.ts';
import { appSignsIn, keyThumbprints, rotationTenant } from '../helpers/rotation.ts';
import { ids, testSeedJson } from '../helpers/sim-seed.ts';
import { appGraphConnection } from '../helpers/sim.ts';
import { tempDir } from '../helpers/temp.ts';

const ada = 'Ada Custodian';
const passphrase = 'correct horse battery staple safe';

type AppJson = { appId: string; keyCredentials: Array<Record<string, unknown>> };
const bgAppKey = (json: Record<string, unknown>) =>
  (json['applications'] as AppJson[]).find((a) => a.appId === ids.bgApp.appId)!.keyCredentials[0]!;

describe('an app-certificate rotation on Graph-shaped key credentials', async () => {
  // The current key as written with Microsoft's example: the hex thumbprint in customKeyIdentifier.
  const tenant = await rotationTenant({
    change: (json) => (bgAppKey(json)['customKeyIdentifier'] = certificateFacts(String(bgAppKey(json)['key'])).sha1Hex),
  });
  const services = tenant.start();
  const { rotation } = services;
  const addKeyPath = `/v1.0/applications/${ids.bgApp.objectId}/addKey`;
  const appKeys = async () =>
    (
      await appGraphConnection(tenant.sim, ids.reader.appId).get<{ keyCredentials: KeyCredential[] }>(
        `/applications/${ids.bgApp.objectId}?$select=keyCredentials`,
      )
    ).keyCredentials;

  test('the tenant serves the current key as it was written: the hex text kept as its identifier, the certificate in key', async () => {
    const [old] = await appKeys();
    assert.equal(old!.customKeyIdentifier, certificateFacts(old!.key!).sha1Hex);
  });

  test('addKey is accepted with the current certificate, which is recognised by its certificate, not its identifier', async () => {
    rotation.begin({ custodian: ada, accounts: [], app: true });
    rotation.saveCertificate({ folder: tempDir('safe-media-'), passphrase, passphraseAgain: passphrase }, ada);
    const signedIn = await settleSignIn(
      services,
      rotation.signIn({ method: 'certificate', source: { kind: 'simulated-safe' }, custodian: ada }).attemptId,
    );
    assert.equal(signedIn.state, 'signed-in');

    // The first try is cut off (the connection reset) …
    tenant.sim.setFaults({ rules: [{ surface: 'graph', method: 'POST', path: addKeyPath, reset: true, times: 1 }] });
    await assert.rejects(
      rotation.continueStep(ada),
      /not done: Graph did not answer .*the new certificate [0-9A-F]{40} is not on it; try again/,
    );
    assert.equal(rotation.current()?.current?.step.kind, 'app-key-added');
    assert.equal(rotation.current()?.current?.status, 'failed');
    // … after Graph had applied it: the new key is on the app (as a real reset after the write leaves it).
    const current = services.signIn.session!;
    const saved = rotation.current()!.steps.find((s) => s.step.kind === 'app-certificate-saved')!.facts!;
    const newCertificate = loadCertificateCredential({ path: String(saved['path']), passphrase });
    await addCertificateKey(current.graph, {
      applicationObjectId: ids.bgApp.objectId,
      signer: tenant.seededCertificate,
      newCertificatePem: newCertificate.certificatePem,
    });
    assert.equal((await appKeys()).length, 2);

    // Redone: recognised as already on the app, not added a second time.
    await rotation.continueStep(ada);
    const added = rotation.current()!.steps.find((s) => s.step.kind === 'app-key-added')!;
    assert.equal(added.status, 'done');
    assert.equal(added.facts!['found'], true, 'the step saw the key added before the interruption');
    assert.match(added.summary!, /already on the app/);
    const keys = await appKeys();
    assert.equal(keys.length, 2, 'no certificate was added twice');
    const renewed = keys.find((k) => certificateFacts(k.key!).sha1Hex === newCertificate.thumbprintSha1Hex)!;
    assert.equal(
      renewed.customKeyIdentifier,
      certificateFacts(newCertificate.certificatePem).sha1Base64,
      'Graph’s default: the base64 of the thumbprint bytes',
    );

    // Proven, then the old key removed.
    await rotation.continueStep(ada);
    assert.equal(rotation.current()?.current?.step.kind, 'app-old-keys-removed');
    await rotation.continueStep(ada);
    const removed = rotation.current()!.steps.find((s) => s.step.kind === 'app-old-keys-removed')!;
    assert.equal(removed.status, 'done');
    const oldThumbprint = certificateFacts(tenant.seededCertificate.certificatePem).sha1Hex;
    assert.deepEqual(
      (removed.facts!['removed'] as Array<{ thumbprint: string }>).map((k) => k.thumbprint),
      [oldThumbprint],
      'the old key is named by its thumbprint in hex',
    );
    assert.deepEqual(keyThumbprints(await appKeys()), [newCertificate.thumbprintSha1Hex]);
    assert.equal(await appSignsIn(tenant.sim, tenant.seededCertificate), false, 'the old certificate no longer signs in');
    assert.equal(await appSignsIn(tenant.sim, newCertificate), true);
  });
});

describe('the seed takes customKeyIdentifier as Graph returns it', () => {
  test('the base64 of the thumbprint bytes, and the hex text a key written that way keeps, are accepted', () => {
    for (const identifier of [
      (json: Record<string, unknown>) => certificateFacts(String(bgAppKey(json)['key'])).sha1Base64,
      (json: Record<string, unknown>) => certificateFacts(String(bgAppKey(json)['key'])).sha1Hex,
    ]) {
      const json = testSeedJson();
      bgAppKey(json)['customKeyIdentifier'] = identifier(json);
      assert.doesNotThrow(() => validateSeed(json, 'test seed'));
    }
  });

  test('a value that is not base64 is refused, naming its JSON path and what Graph returns', () => {
    const json = testSeedJson();
    bgAppKey(json)['customKeyIdentifier'] = '3F:9A:not base64';
    const index = (json['applications'] as AppJson[]).findIndex((a) => a.appId === ids.bgApp.appId);
    assert.throws(
      () => validateSeed(json, 'test seed'),
      (error: unknown) =>
        error instanceof SeedValidationError &&
        error.problems.some(
          (p) =>
            p.startsWith(`$.applications[${index}].keyCredentials[0].customKeyIdentifier: `) &&
            /must be base64.*28 base64 characters/.test(p),
        ),
    );
  });
});

/**
 * Rolling the break-glass app's certificate through the product's own pieces – the new
 * certificate made locally, addKey with a proof signed by the current key, a real sign-in with
 * the new certificate, removeKey – against the simulated tenant through msal-node and the Graph
 * client; afterwards the old certificate no longer signs in and the new one does. Also the
 * refusals: a proof from a certificate the app does not hold, and an app with no valid
 * certificate left, which takes the PATCH fallback.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { KeyCredential } from '@microsoft/microsoft-graph-types';
import { decodeJwt, decodeProtectedHeader } from 'jose';

import { certificateCredentialFromPem } from '../../src/main/credentials/certificate-credential.ts';
import { createAppCertificate } from '../../src/main/credentials/new-app-certificate.ts';
import { endpointsForSimulator } from '../../src/main/entra/endpoints.ts';
import { GraphRequestError } from '../../src/main/entra/graph-connection.ts';
import { addCertificateKey, keyRollProof, removeCertificateKey, replaceCertificateKeys } from '../../src/main/entra/key-roll.ts';
import { SignInError, signInWithCertificate } from '../../src/main/entra/sign-in.ts';
import { ids, testSeed, expireAppKey } from '../helpers/sim-seed.ts';
import { startTestSimulator } from '../helpers/sim.ts';

const seededBgKeyId = 'f0000000-0000-4000-8000-000000000001';
const seededLobKeyId = 'f0000000-0000-4000-8000-000000000003';

// The test tenant, with the line-of-business app's only certificate expired an hour ago.
const sim = await startTestSimulator(testSeed(expireAppKey(ids.lobApp.appId)));
const endpoints = endpointsForSimulator(sim);
const seeded = (appId: string) => sim.secrets.credentials.find((c) => c.appId === appId)!;
/** The certificate the break-glass app holds now (the roll below replaces it). */
let bgCredential: { certificatePem: string; privateKeyPem: string } = seeded(ids.bgApp.appId);
const signInAsBgApp = (certificate: { certificatePem: string; privateKeyPem: string }) =>
  signInWithCertificate({
    endpoints,
    appId: ids.bgApp.appId,
    certificate: certificateCredentialFromPem({ ...certificate, label: 'test certificate' }),
  });

async function keyIds(session: Awaited<ReturnType<typeof signInAsBgApp>>, objectId: string): Promise<string[]> {
  const app = await session.graph.get<{ keyCredentials: KeyCredential[] }>(`/applications/${objectId}?$select=keyCredentials`);
  return app.keyCredentials.map((k) => k.keyId!).sort();
}

describe('rolling the break-glass app certificate', () => {
  test('the proof carries exactly what Graph checks, unpadded', async () => {
    const now = new Date('2026-11-29T23:00:00Z');
    const proof = await keyRollProof({ signer: seeded(ids.bgApp.appId), applicationObjectId: ids.bgApp.objectId, now });
    assert.doesNotMatch(proof, /=/);
    const claims = decodeJwt(proof);
    assert.deepEqual(
      { aud: claims.aud, iss: claims.iss, lifetime: claims.exp! - claims.nbf! },
      { aud: '00000002-0000-0000-c000-000000000000', iss: ids.bgApp.objectId, lifetime: 600 },
    );
    assert.equal(claims.nbf, now.getTime() / 1000);
    assert.equal(decodeProtectedHeader(proof).alg, 'RS256');
  });

  test('a proof signed by a certificate the app does not hold is refused and nothing changes', async () => {
    const session = await signInAsBgApp(bgCredential);
    const stranger = createAppCertificate({ appName: 'Not on the app' });
    const before = await keyIds(session, ids.bgApp.objectId);
    await assert.rejects(
      addCertificateKey(session.graph, {
        applicationObjectId: ids.bgApp.objectId,
        signer: stranger,
        newCertificatePem: stranger.certificatePem,
      }),
      (error: unknown) => error instanceof GraphRequestError && error.status === 401 && error.code === 'Authentication_MissingOrMalformed',
    );
    assert.deepEqual(await keyIds(session, ids.bgApp.objectId), before);
  });

  test('addKey with the current key, sign-in with the new one, removeKey of the old: only the new certificate works', async () => {
    const old = bgCredential;
    const current = await signInAsBgApp(old);
    const next = createAppCertificate({ appName: 'Break-glass app' });

    const added = await addCertificateKey(current.graph, {
      applicationObjectId: ids.bgApp.objectId,
      signer: old,
      newCertificatePem: next.certificatePem,
    });
    assert.equal(added.status, 200);
    assert.ok(added.requestId, 'Graph request id for the journal');
    const newKeyId = added.body!.keyId!;
    assert.deepEqual(await keyIds(current, ids.bgApp.objectId), [newKeyId, seededBgKeyId].sort());

    // Proven before anything is removed: the new certificate signs in on its own.
    const proven = await signInAsBgApp(next);
    assert.equal(proven.facts.appId, ids.bgApp.appId);

    const removed = await removeCertificateKey(proven.graph, {
      applicationObjectId: ids.bgApp.objectId,
      keyId: seededBgKeyId,
      signer: next,
    });
    assert.equal(removed.status, 204);
    assert.deepEqual(await keyIds(proven, ids.bgApp.objectId), [newKeyId]);
    bgCredential = next;

    await assert.rejects(signInAsBgApp(old), (error: unknown) => error instanceof SignInError);
    assert.equal((await signInAsBgApp(next)).facts.appId, ids.bgApp.appId);
  });

  test('with no valid certificate left, addKey is refused and the PATCH fallback replaces the keys', async () => {
    const session = await signInAsBgApp(bgCredential);
    const expired = seeded(ids.lobApp.appId);
    const renewed = createAppCertificate({ appName: 'Line-of-business app' });
    await assert.rejects(
      addCertificateKey(session.graph, {
        applicationObjectId: ids.lobApp.objectId,
        signer: expired,
        newCertificatePem: renewed.certificatePem,
      }),
      (error: unknown) => error instanceof GraphRequestError && error.status === 401,
    );
    assert.deepEqual(await keyIds(session, ids.lobApp.objectId), [seededLobKeyId]);

    const replaced = await replaceCertificateKeys(session.graph, {
      applicationObjectId: ids.lobApp.objectId,
      newCertificatePem: renewed.certificatePem,
    });
    assert.equal(replaced.status, 204);
    const keys = (
      await session.graph.get<{ keyCredentials: KeyCredential[] }>(`/applications/${ids.lobApp.objectId}?$select=keyCredentials`)
    ).keyCredentials;
    assert.equal(keys.length, 1);
    // Left out of the PATCH, so Graph's default: the thumbprint's bytes in base64 (resources/keycredential.md).
    assert.equal(keys[0]!.customKeyIdentifier, Buffer.from(renewed.thumbprintSha1Hex, 'hex').toString('base64'));
  });
});

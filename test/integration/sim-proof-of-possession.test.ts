/**
 * Rolling the break-glass app's certificate with addKey/removeKey and the proof-of-possession
 * JWT (docs/microsoft-behaviour.md, "Certificates on an application"; https://learn.microsoft.com/graph/application-rollkey-prooftoken,
 * …/graph/api/application-addkey, …/application-removekey), through the real Graph client acting
 * as the app: a good proof rolls the key, every bad proof is refused with
 * Authentication_MissingOrMalformed and leaves the keys alone, and an app with no valid
 * certificate left has to use PATCH keyCredentials instead.
 */
import assert from 'node:assert/strict';
import { createPrivateKey, sign } from 'node:crypto';
import { describe, test } from 'node:test';

import { ConfidentialClientApplication } from '@azure/msal-node';
import { ResponseType, type Client, type GraphError } from '@microsoft/microsoft-graph-client';
import type { KeyCredential } from '@microsoft/microsoft-graph-types';
import { SignJWT, decodeJwt, type JWTPayload } from 'jose';

import { TrustingNetworkClient } from '../../src/main/entra/msal-network-client.ts';
import { certificateFacts, createSelfSignedCertificate, type CertificateWithKey } from '../../src/node/x509/certificates.ts';
import { ids, testCertificates, testSeed, expireAppKey } from '../helpers/sim-seed.ts';
import { appGraphClient, graphClient, graphScope, msalAuth, startTestSimulator } from '../helpers/sim.ts';

const day = 86_400_000;
const lobKeyId = 'f0000000-0000-4000-8000-000000000003';

/**
 * The test tenant, except that the line-of-business app's only keyCredential ended an hour ago:
 * an application with no currently valid certificate (the break-glass app is unchanged).
 */
const sim = await startTestSimulator(testSeed(expireAppKey(ids.lobApp.appId)));

const certs = testCertificates();
const newCertificate = (commonName: string) =>
  createSelfSignedCertificate({ commonName, notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + 180 * day) });
/** The certificate the custodian rolls to. */
const successor = newCertificate('Break-glass app (next)');
/** A certificate that is on no application. */
const stranger = newCertificate('Not on the app');

const proofAudience = '00000002-0000-0000-c000-000000000000';
const bgAppKeyId = 'f0000000-0000-4000-8000-000000000001';

const x5t = (certificatePem: string) => certificateFacts(certificatePem).x5t;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * The proof as Microsoft's sample makes it: RS256, header x5t = SHA-1 of the signing certificate,
 * aud 00000002-0000-0000-c000-000000000000, iss = the application's object id, nbf = now,
 * exp = now + 10 minutes.
 */
async function proofOfPossession(options: {
  signer: CertificateWithKey;
  objectId?: string;
  namedCertificatePem?: string;
  claims?: JWTPayload;
}): Promise<string> {
  const now = nowSeconds();
  const claims: JWTPayload = {
    aud: proofAudience,
    iss: options.objectId ?? ids.bgApp.objectId,
    nbf: now,
    exp: now + 600,
    ...options.claims,
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', x5t: x5t(options.namedCertificatePem ?? options.signer.certificatePem) })
    .sign(createPrivateKey(options.signer.privateKeyPem));
}

/** base64url *with* '=' padding, which Graph refuses; JSON whitespace is added until padding is needed. */
function paddedSegment(value: Record<string, unknown>): string {
  let json = JSON.stringify(value);
  while (Buffer.byteLength(json) % 3 === 0) json += ' ';
  const encoded = Buffer.from(json).toString('base64url');
  return encoded + '='.repeat((4 - (encoded.length % 4)) % 4);
}

/** A compact RS256 JWT built by hand, with '=' padding in the header, the payload or both. */
function paddedProof(signer: CertificateWithKey, pad: { header: boolean; payload: boolean }): string {
  const now = nowSeconds();
  const header = { alg: 'RS256', typ: 'JWT', x5t: x5t(signer.certificatePem) };
  const payload = { aud: proofAudience, iss: ids.bgApp.objectId, nbf: now, exp: now + 600 };
  const encode = (value: Record<string, unknown>, padded: boolean) =>
    padded ? paddedSegment(value) : Buffer.from(JSON.stringify(value)).toString('base64url');
  const signingInput = `${encode(header, pad.header)}.${encode(payload, pad.payload)}`;
  const signature = sign('sha256', Buffer.from(signingInput), createPrivateKey(signer.privateKeyPem)).toString('base64url');
  return `${signingInput}.${signature}`;
}

const derBase64 = (certificate: CertificateWithKey) => certificateFacts(certificate.certificatePem).derBase64;

const addKeyBody = (certificate: CertificateWithKey, proof: string) => ({
  keyCredential: { type: 'AsymmetricX509Cert', usage: 'Verify', key: derBase64(certificate) },
  passwordCredential: null,
  proof,
});

/** A Graph client for the break-glass app signing in with the given certificate. */
function confidentialClientWith(appId: string, certificate: CertificateWithKey): ConfidentialClientApplication {
  const facts = certificateFacts(certificate.certificatePem);
  return new ConfidentialClientApplication({
    auth: {
      ...msalAuth(sim, appId),
      clientCertificate: { thumbprintSha256: facts.sha256Hex, privateKey: certificate.privateKeyPem, x5c: certificate.certificatePem },
    },
    system: { networkClient: new TrustingNetworkClient(sim.caCertificatePem) },
  });
}

/** The break-glass app, signed in with its seeded certificate: the one it rolls from. */
const bgApp: Client = appGraphClient(sim, ids.bgApp.appId);

/** The same app signed in with the certificate it rolls to (usable once addKey has run). */
const bgAppAfterRoll: Client = graphClient(
  sim,
  async () =>
    (await confidentialClientWith(ids.bgApp.appId, successor).acquireTokenByClientCredential({ scopes: [graphScope] }))!.accessToken,
);

async function keyCredentials(objectId: string, reader: Client = bgApp): Promise<KeyCredential[]> {
  const app = (await reader.api(`/applications/${objectId}`).select('keyCredentials').get()) as { keyCredentials: KeyCredential[] };
  return app.keyCredentials;
}

const keyIdsOf = async (objectId: string, reader: Client = bgApp) => (await keyCredentials(objectId, reader)).map((k) => k.keyId).sort();

/** Graph's answer to a bad proof (https://learn.microsoft.com/graph/application-rollkey-prooftoken): 401 Authentication_MissingOrMalformed. */
function isMissingOrMalformed(error: GraphError): boolean {
  assert.equal(error.statusCode, 401, `HTTP ${error.statusCode} ${error.code}: ${error.message}`);
  assert.equal(error.code, 'Authentication_MissingOrMalformed');
  return true;
}

async function assertAddKeyRefused(proof: string): Promise<void> {
  const before = await keyIdsOf(ids.bgApp.objectId);
  await assert.rejects(bgApp.api(`/applications/${ids.bgApp.objectId}/addKey`).post(addKeyBody(successor, proof)), isMissingOrMalformed);
  assert.deepEqual(await keyIdsOf(ids.bgApp.objectId), before, 'the key list is unchanged');
}

describe('addKey refuses a bad proof of possession with Authentication_MissingOrMalformed and changes nothing', () => {
  test('the app starts with its one seeded certificate', async () => {
    assert.deepEqual(await keyIdsOf(ids.bgApp.objectId), [bgAppKeyId]);
  });

  test('a proof signed with a certificate that is not on the application', async () => {
    await assertAddKeyRefused(await proofOfPossession({ signer: stranger }));
  });

  test('a proof that names the application’s certificate but is signed with another key', async () => {
    await assertAddKeyRefused(await proofOfPossession({ signer: stranger, namedCertificatePem: certs.bgApp.certificatePem }));
  });

  test('a proof for another audience than 00000002-0000-0000-c000-000000000000', async () => {
    await assertAddKeyRefused(await proofOfPossession({ signer: certs.bgApp, claims: { aud: 'https://graph.microsoft.com' } }));
  });

  test('a proof whose issuer is the appId instead of the application’s object id', async () => {
    await assertAddKeyRefused(await proofOfPossession({ signer: certs.bgApp, claims: { iss: ids.bgApp.appId } }));
  });

  test('a proof that lives longer than ten minutes (exp = nbf + 601)', async () => {
    const now = nowSeconds();
    await assertAddKeyRefused(await proofOfPossession({ signer: certs.bgApp, claims: { nbf: now, exp: now + 601 } }));
  });

  test('a proof with "=" base64 padding in its header or its payload', async () => {
    await assertAddKeyRefused(paddedProof(certs.bgApp, { header: true, payload: false }));
    await assertAddKeyRefused(paddedProof(certs.bgApp, { header: false, payload: true }));
  });

  test('removeKey with a bad proof removes nothing', async () => {
    const before = await keyIdsOf(ids.bgApp.objectId);
    const proof = await proofOfPossession({ signer: stranger });
    await assert.rejects(
      bgApp.api(`/applications/${ids.bgApp.objectId}/removeKey`).post({ keyId: bgAppKeyId, proof }),
      isMissingOrMalformed,
    );
    assert.deepEqual(await keyIdsOf(ids.bgApp.objectId), before);
  });
});

describe('an application with no currently valid certificate', () => {
  test('cannot use addKey, even with a proof signed by its (expired) certificate', async () => {
    const proof = await proofOfPossession({ signer: certs.lobApp, objectId: ids.lobApp.objectId });
    const before = await keyIdsOf(ids.lobApp.objectId);
    assert.deepEqual(before, [lobKeyId]);
    await assert.rejects(
      bgApp.api(`/applications/${ids.lobApp.objectId}/addKey`).post(addKeyBody(successor, proof)),
      (error: GraphError) => {
        assert.ok(
          error.statusCode >= 400 && error.statusCode < 500,
          `refused with a client error, got HTTP ${error.statusCode} ${error.code}`,
        );
        return true;
      },
    );
    assert.deepEqual(await keyIdsOf(ids.lobApp.objectId), before);
  });

  test('PATCH keyCredentials, the documented fallback, replaces the list wholesale (204)', async () => {
    const replacement = newCertificate('Line-of-business app (renewed)');
    const facts = certificateFacts(replacement.certificatePem);
    const response = (await bgApp
      .api(`/applications/${ids.lobApp.objectId}`)
      .responseType(ResponseType.RAW)
      .patch({
        keyCredentials: [
          {
            customKeyIdentifier: facts.sha1Hex,
            displayName: 'CN=Line-of-business app (renewed)',
            startDateTime: facts.notBefore.toISOString(),
            endDateTime: facts.notAfter.toISOString(),
            type: 'AsymmetricX509Cert',
            usage: 'Verify',
            key: facts.derBase64,
          },
        ],
      })) as Response;
    assert.equal(response.status, 204);
    const keys = await keyCredentials(ids.lobApp.objectId);
    assert.equal(keys.length, 1, 'the expired key was replaced, not kept');
    assert.notEqual(keys[0]!.keyId, lobKeyId);
    assert.equal(keys[0]!.key, facts.derBase64);

    // With a valid certificate on the app again, addKey works.
    const proof = await proofOfPossession({ signer: replacement, objectId: ids.lobApp.objectId });
    const added = (await bgApp
      .api(`/applications/${ids.lobApp.objectId}/addKey`)
      .post(addKeyBody(newCertificate('Line-of-business app (spare)'), proof))) as KeyCredential;
    assert.ok(added.keyId);
    assert.equal((await keyCredentials(ids.lobApp.objectId)).length, 2);
  });
});

describe('rolling the break-glass certificate with addKey and removeKey', () => {
  let successorKeyId = '';

  test('addKey with a proof signed by the current certificate adds the new one (200, the new keyCredential)', async () => {
    const proof = await proofOfPossession({ signer: certs.bgApp });
    const response = (await bgApp
      .api(`/applications/${ids.bgApp.objectId}/addKey`)
      .responseType(ResponseType.RAW)
      .post(addKeyBody(successor, proof))) as Response;
    assert.equal(response.status, 200);
    const added = (await response.json()) as KeyCredential & { '@odata.context'?: string };
    assert.match(added['@odata.context'] ?? '', /#microsoft\.graph\.keyCredential$/);
    assert.match(added.keyId ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    assert.equal(added.type, 'AsymmetricX509Cert');
    assert.equal(added.usage, 'Verify');
    successorKeyId = added.keyId!;

    const keys = await keyCredentials(ids.bgApp.objectId);
    assert.deepEqual(keys.map((k) => k.keyId).sort(), [bgAppKeyId, successorKeyId].sort());
    assert.equal(keys.find((k) => k.keyId === successorKeyId)?.key, derBase64(successor), 'the new key is the certificate that was sent');
  });

  test('the new certificate signs in with msal (client credentials)', async () => {
    const result = await confidentialClientWith(ids.bgApp.appId, successor).acquireTokenByClientCredential({ scopes: [graphScope] });
    assert.ok(result?.accessToken);
    assert.equal(decodeJwt(result.accessToken)['appid'], ids.bgApp.appId);
  });

  test('removeKey with a proof signed by the new certificate removes the old key (204)', async () => {
    assert.ok(successorKeyId, 'addKey ran first');
    const proof = await proofOfPossession({ signer: successor });
    const response = (await bgAppAfterRoll
      .api(`/applications/${ids.bgApp.objectId}/removeKey`)
      .responseType(ResponseType.RAW)
      .post({ keyId: bgAppKeyId, proof })) as Response;
    assert.equal(response.status, 204);
    assert.deepEqual(await keyIdsOf(ids.bgApp.objectId, bgAppAfterRoll), [successorKeyId]);
  });

  test('the old certificate no longer gets a token: AADSTS700027', async () => {
    await assert.rejects(
      confidentialClientWith(ids.bgApp.appId, certs.bgApp).acquireTokenByClientCredential({ scopes: [graphScope] }),
      (error: Error) => {
        assert.match(error.message, /AADSTS700027/);
        return true;
      },
    );
    const result = await confidentialClientWith(ids.bgApp.appId, successor).acquireTokenByClientCredential({ scopes: [graphScope] });
    assert.ok(result?.accessToken, 'the new certificate still does');
  });
});

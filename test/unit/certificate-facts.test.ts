/**
 * The facts a certificate is named by (src/node/x509/certificates.ts): the thumbprints Entra, msal
 * and Graph use and the JWT header's x5t / x5t#S256, each checked against Node's own SHA digests
 * of the DER, so the facts cannot agree with themselves by mistake.
 */
import assert from 'node:assert/strict';
import { X509Certificate, createHash } from 'node:crypto';
import { describe, test } from 'node:test';

import { certificateFacts, createSelfSignedCertificate, headerThumbprintHex } from '../../src/node/x509/certificates.ts';

const notBefore = new Date('2026-01-01T00:00:00Z');
const { certificatePem } = createSelfSignedCertificate({ commonName: 'BG facts', notBefore, notAfter: new Date('2027-01-01T00:00:00Z') });
const der = new X509Certificate(certificatePem).raw;
const sha1 = createHash('sha1').update(der).digest();
const sha256 = createHash('sha256').update(der).digest();

describe('certificate facts', () => {
  test('the thumbprints are the SHA-1 and SHA-256 of the DER: hex for the portal and msal, base64 for Graph', () => {
    const facts = certificateFacts(certificatePem);
    assert.equal(facts.sha1Hex, sha1.toString('hex').toUpperCase());
    assert.equal(facts.sha1Base64, sha1.toString('base64'));
    assert.equal(facts.sha256Hex, sha256.toString('hex').toUpperCase());
    assert.equal(facts.derBase64, der.toString('base64'));
    assert.equal(facts.notBefore.toISOString(), notBefore.toISOString());
  });

  test('x5t and x5t#S256 are the same digests in base64url without padding', () => {
    const facts = certificateFacts(certificatePem);
    assert.equal(facts.x5t.length, 27);
    assert.equal(facts.x5tS256.length, 43);
    assert.match(facts.x5t + facts.x5tS256, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(Buffer.from(facts.x5t, 'base64url'), sha1);
    assert.deepEqual(Buffer.from(facts.x5tS256, 'base64url'), sha256);
  });

  test('the same facts from the PEM, the DER and the base64 DER Graph returns as a key', () => {
    const fromPem = certificateFacts(certificatePem);
    assert.deepEqual(certificateFacts(der), fromPem);
    assert.deepEqual(certificateFacts(der.toString('base64')), fromPem);
  });

  test('a header thumbprint reads back as the hex the facts carry', () => {
    const facts = certificateFacts(certificatePem);
    assert.equal(headerThumbprintHex(facts.x5t), facts.sha1Hex);
    assert.equal(headerThumbprintHex(facts.x5tS256), facts.sha256Hex);
  });
});

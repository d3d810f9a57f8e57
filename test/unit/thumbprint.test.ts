/**
 * The thumbprint value (src/core/graph/thumbprint.ts): Graph's base64 `customKeyIdentifier`, the
 * hex text a key keeps when it was written with hex (read by Graph as base64), the portal's hex,
 * and matching a key by its certificate before its identifier. Checked against Node's own
 * base64 and SHA-1 so the pure decoder cannot agree with itself by mistake.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';

import {
  base64Bytes,
  bytesBase64,
  isKeyOfCertificate,
  isSameCertificate,
  keyThumbprintText,
  Thumbprint,
} from '../../src/core/graph/thumbprint.ts';

// The certificate of Microsoft's example in concepts/applications-how-to-add-certificate.md is
// not needed: any DER will do, the thumbprint is its SHA-1.
const der = randomBytes(600);
const sha1 = createHash('sha1').update(der).digest();
const hex = sha1.toString('hex').toUpperCase();
const graphIdentifier = sha1.toString('base64');
const certificate = { derBase64: der.toString('base64'), thumbprint: Thumbprint.fromHex(hex)! };

describe('the certificate thumbprint', () => {
  test('Graph’s customKeyIdentifier is the base64 of the 20 SHA-1 bytes (28 characters), shown as upper-case hex', () => {
    assert.equal(graphIdentifier.length, 28);
    const thumbprint = Thumbprint.fromKeyIdentifier(graphIdentifier);
    assert.ok(thumbprint);
    assert.equal(thumbprint.hex, hex);
    assert.equal(thumbprint.base64, graphIdentifier);
    assert.equal(String(thumbprint), hex);
    assert.ok(thumbprint.equals(certificate.thumbprint));
  });

  test('a key written with the hex text keeps that text (Graph read it as base64): it is read as hex', () => {
    // What Graph returns for Microsoft's example PATCH: the same 40 characters, 30 bytes as base64.
    assert.equal(Buffer.from(hex, 'base64').length, 30);
    assert.equal(Buffer.from(hex, 'base64').toString('base64'), hex);
    assert.ok(Thumbprint.fromKeyIdentifier(hex)?.equals(certificate.thumbprint));
    assert.ok(Thumbprint.fromKeyIdentifier(hex.toLowerCase())?.equals(certificate.thumbprint));
  });

  test('an identifier that names no certificate is no thumbprint, and nothing equals it', () => {
    for (const label of ['Test', 'VGVzdA==', '', null, undefined, 'not base64 at all!', `${hex}00`]) {
      assert.equal(Thumbprint.fromKeyIdentifier(label), undefined, String(label));
    }
    assert.equal(certificate.thumbprint.equals(undefined), false);
    const other = Thumbprint.fromBytes(createHash('sha1').update('another').digest())!;
    assert.equal(certificate.thumbprint.equals(other), false);
    assert.equal(Thumbprint.fromBytes(new Uint8Array(19)), undefined);
  });

  test('base64 both ways agrees with Node, URL-safe and unpadded too', () => {
    for (const length of [0, 1, 2, 3, 19, 20, 21, 600]) {
      const bytes = randomBytes(length);
      assert.equal(bytesBase64(bytes), bytes.toString('base64'));
      assert.deepEqual(Buffer.from(base64Bytes(bytes.toString('base64'))!), bytes);
      assert.deepEqual(Buffer.from(base64Bytes(bytes.toString('base64url'))!), bytes);
    }
    assert.equal(base64Bytes('abc$'), undefined);
    assert.equal(base64Bytes('a'), undefined);
  });

  test('a key is matched by its certificate when Graph returned `key`, whatever its identifier says', () => {
    assert.equal(isKeyOfCertificate({ key: certificate.derBase64, customKeyIdentifier: 'a label' }, certificate), true);
    assert.equal(
      isKeyOfCertificate({ key: randomBytes(600).toString('base64'), customKeyIdentifier: graphIdentifier }, certificate),
      false,
      'the certificate decides, not a copied identifier',
    );
  });

  test('without `key` (a list read), the identifier decides, in either reading', () => {
    assert.equal(isKeyOfCertificate({ key: null, customKeyIdentifier: graphIdentifier }, certificate), true);
    assert.equal(isKeyOfCertificate({ customKeyIdentifier: hex }, certificate), true);
    assert.equal(isKeyOfCertificate({ customKeyIdentifier: 'a label' }, certificate), false);
    assert.equal(isSameCertificate({ customKeyIdentifier: hex.toLowerCase() }, { customKeyIdentifier: graphIdentifier }), true);
    assert.equal(isSameCertificate({ key: certificate.derBase64 }, { key: certificate.derBase64, customKeyIdentifier: 'x' }), true);
    assert.equal(
      isSameCertificate({ customKeyIdentifier: 'a label' }, { customKeyIdentifier: 'a label' }),
      false,
      'a label names no certificate',
    );
  });

  test('what is shown for a key: its thumbprint in hex, else what Graph gave', () => {
    assert.equal(keyThumbprintText({ customKeyIdentifier: graphIdentifier }), hex);
    assert.equal(keyThumbprintText({ customKeyIdentifier: 'a label' }), 'identifier "a label"');
    assert.equal(keyThumbprintText({ keyId: 'k1' }), 'keyId k1');
  });
});

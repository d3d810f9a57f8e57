/**
 * Loading the break-glass app's certificate from real files, and every way a custodian at the
 * open safe can get it wrong – a key and certificate that do not belong together, a certificate
 * expired or not valid yet, the wrong file – each with its own reason and words, none of which
 * ever repeat the passphrase or the key. What loads is in certificate-credential.test.ts.
 */
import assert from 'node:assert/strict';
import { createPrivateKey, randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';

import { redactForJournal } from '../../src/core/journal/redaction.ts';
import {
  type CertificateCredentialFailure,
  describeCertificate,
  loadCertificateCredential,
} from '../../src/main/credentials/certificate-credential.ts';
import { certificateFacts } from '../../src/node/x509/certificates.ts';
import { credentialFolder, encryptedKeyPem, pfxBytes, rsaKeyPem, testCertificate } from '../helpers/pfx.ts';
import { assertFailure, failure } from '../helpers/certificate-credential.ts';

const files = credentialFolder();
const passphrase = 'Envelope-7 correct horse';
const breakGlass = testCertificate();
const otherCertificate = testCertificate({ commonName: 'Some other app' });

describe('a key and a certificate that do not belong together', () => {
  test('a key from another certificate in a separate file: "mismatch", naming both files', () => {
    const path = files.write('mismatch.crt', breakGlass.certificatePem);
    const keyPath = files.write('mismatch.key', otherCertificate.privateKeyPem);
    const error = assertFailure(() => loadCertificateCredential({ path, keyPath }), 'mismatch', keyPath);
    assert.ok(error.message.includes(path));
    assert.ok(error.message.includes(certificateFacts(breakGlass.certificatePem).sha1Hex));
  });

  test('a PFX whose key is another certificate\'s: "mismatch"', () => {
    const path = files.write(
      'mismatch.pfx',
      pfxBytes({ credential: { certificatePem: breakGlass.certificatePem, privateKeyPem: otherCertificate.privateKeyPem }, passphrase }),
    );
    assertFailure(() => loadCertificateCredential({ path, passphrase }), 'mismatch', path);
  });
});

describe('validity', () => {
  const expired = testCertificate({ notBefore: new Date('2022-03-01T12:00:00Z'), notAfter: new Date('2024-03-01T12:00:00Z') });
  const future = testCertificate({ notBefore: new Date('2030-06-01T08:30:00Z'), notAfter: new Date('2032-06-01T08:30:00Z') });

  test('an expired PFX says when it expired and that a new certificate must be made and registered', () => {
    const path = files.write('expired.pfx', pfxBytes({ credential: expired, passphrase }));
    const error = assertFailure(() => loadCertificateCredential({ path, passphrase }), 'expired', path);
    assert.match(error.message, /expired on 2024-03-01 12:00 UTC/);
    assert.match(error.nextStep, /new certificate must be made and registered/);
    assert.match(error.nextStep, /BG-APP-03/);
    // The same file on a day it was valid loads: the check is the date, not the file.
    assert.equal(loadCertificateCredential({ path, passphrase, now: new Date('2023-01-01T00:00:00Z') }).subject, 'CN=Break-glass app');
  });

  test('a certificate not valid yet says from when, and what the clock says', () => {
    const path = files.write('future.pfx', pfxBytes({ credential: future, passphrase }));
    const now = new Date('2026-01-15T09:00:00Z');
    const error = assertFailure(() => loadCertificateCredential({ path, passphrase, now }), 'not-yet-valid', path);
    assert.match(error.message, /not valid until 2030-06-01 08:30 UTC/);
    assert.match(error.message, /2026-01-15 09:00 UTC/);
  });

  test('the journal line names the certificate, its thumbprint and its end date', () => {
    const path = files.write('describe.pfx', pfxBytes({ credential: breakGlass, passphrase }));
    const credential = loadCertificateCredential({ path, passphrase });
    assert.equal(
      describeCertificate(credential),
      `CN=Break-glass app, thumbprint ${credential.thumbprintSha1Hex}, valid until ${credential.notAfter.toISOString().slice(0, 10)}`,
    );
  });
});

describe('the wrong file', () => {
  test('a missing file or a folder: "unreadable"', () => {
    const missing = files.path('not-on-the-stick.pfx');
    assert.match(
      assertFailure(() => loadCertificateCredential({ path: missing, passphrase }), 'unreadable', missing).nextStep,
      /USB stick/,
    );
    const folder = files.path('');
    assert.match(assertFailure(() => loadCertificateCredential({ path: folder }), 'unreadable', folder).message, /is a folder/);
    const keyPath = files.path('missing.key');
    assertFailure(
      () => loadCertificateCredential({ path: files.write('cert-for-missing-key.crt', breakGlass.certificatePem), keyPath }),
      'unreadable',
      keyPath,
    );
  });

  test('a text file, an empty file, a DER key: "unsupported-format"', () => {
    const text = files.write('passphrase.txt', `The passphrase is ${passphrase}\n`);
    assertFailure(() => loadCertificateCredential({ path: text }), 'unsupported-format', text);
    const empty = files.write('empty.pfx', '');
    assertFailure(() => loadCertificateCredential({ path: empty }), 'unsupported-format', empty);
    const derKey = files.write('key.der', createPrivateKey(breakGlass.privateKeyPem).export({ type: 'pkcs8', format: 'der' }));
    assertFailure(() => loadCertificateCredential({ path: derKey }), 'unsupported-format', derKey);
  });

  test('a PFX with only the certificate: "no-private-key"', () => {
    const path = files.write('public-only.pfx', pfxBytes({ credential: breakGlass, withoutKey: true, passphrase }));
    assertFailure(() => loadCertificateCredential({ path, passphrase }), 'no-private-key', path);
  });

  test('the public .cer uploaded to Entra, or a certificate PEM alone: "no-private-key"', () => {
    const cer = files.write('break-glass.cer', Buffer.from(certificateFacts(breakGlass.certificatePem).derBase64, 'base64'));
    assert.match(assertFailure(() => loadCertificateCredential({ path: cer }), 'no-private-key', cer).message, /\.cer/);
    const pem = files.write('certificate-only.pem', breakGlass.certificatePem);
    assertFailure(() => loadCertificateCredential({ path: pem }), 'no-private-key', pem);
  });

  test('a key without its certificate: "no-certificate"', () => {
    const path = files.write('key-only.pem', breakGlass.privateKeyPem);
    assertFailure(() => loadCertificateCredential({ path }), 'no-certificate', path);
  });
});

test('no error ever repeats the passphrase or a line of the private key, and every one can be journaled as it is', () => {
  const canaryPassphrase = `canary-${randomUUID()}`;
  const typedPassphrase = `typed-${randomUUID()}`;
  const canaryKey = testCertificate({ commonName: 'Canary app' });
  const expiredCanary = testCertificate({
    privateKeyPem: canaryKey.privateKeyPem,
    notBefore: new Date('2020-01-01T00:00:00Z'),
    notAfter: new Date('2021-01-01T00:00:00Z'),
  });
  const futureCanary = testCertificate({
    privateKeyPem: canaryKey.privateKeyPem,
    notBefore: new Date('2040-01-01T00:00:00Z'),
    notAfter: new Date('2041-01-01T00:00:00Z'),
  });
  const encryptedKey = encryptedKeyPem(canaryKey.privateKeyPem, canaryPassphrase);
  const pfx = (name: string, options: Parameters<typeof pfxBytes>[0]) => files.write(name, pfxBytes(options));
  const damagedKey = canaryKey.privateKeyPem
    .split('\n')
    .filter((_, index) => index !== 5)
    .join('\n');

  const cases: Array<[CertificateCredentialFailure, () => unknown]> = [
    [
      'wrong-passphrase',
      () =>
        loadCertificateCredential({
          path: pfx('c1.pfx', { credential: canaryKey, passphrase: canaryPassphrase }),
          passphrase: typedPassphrase,
        }),
    ],
    [
      'wrong-passphrase',
      () =>
        loadCertificateCredential({
          path: pfx('c2.pfx', { credential: canaryKey, passphrase: canaryPassphrase, useMac: false, algorithm: 'aes256' }),
          passphrase: typedPassphrase,
        }),
    ],
    [
      'wrong-passphrase',
      () =>
        loadCertificateCredential({
          path: files.write('c3.pem', `${canaryKey.certificatePem}${encryptedKey}`),
          passphrase: typedPassphrase,
        }),
    ],
    [
      'passphrase-required',
      () => loadCertificateCredential({ path: pfx('c4.pfx', { credential: canaryKey, passphrase: canaryPassphrase }) }),
    ],
    ['passphrase-required', () => loadCertificateCredential({ path: files.write('c5.pem', `${canaryKey.certificatePem}${encryptedKey}`) })],
    [
      'mismatch',
      () =>
        loadCertificateCredential({
          path: pfx('c6.pfx', {
            credential: { certificatePem: breakGlass.certificatePem, privateKeyPem: canaryKey.privateKeyPem },
            passphrase: canaryPassphrase,
          }),
          passphrase: canaryPassphrase,
        }),
    ],
    [
      'expired',
      () =>
        loadCertificateCredential({
          path: pfx('c7.pfx', { credential: expiredCanary, passphrase: canaryPassphrase }),
          passphrase: canaryPassphrase,
        }),
    ],
    [
      'not-yet-valid',
      () =>
        loadCertificateCredential({
          path: pfx('c8.pfx', { credential: futureCanary, passphrase: canaryPassphrase }),
          passphrase: canaryPassphrase,
        }),
    ],
    [
      'no-private-key',
      () =>
        loadCertificateCredential({
          path: pfx('c9.pfx', { credential: canaryKey, withoutKey: true, passphrase: canaryPassphrase }),
          passphrase: canaryPassphrase,
        }),
    ],
    [
      'no-certificate',
      () => loadCertificateCredential({ path: files.write('c10.pem', canaryKey.privateKeyPem), passphrase: canaryPassphrase }),
    ],
    [
      'unsupported-format',
      () => loadCertificateCredential({ path: files.write('c11.txt', `${canaryPassphrase}\n`), passphrase: canaryPassphrase }),
    ],
    [
      'unsupported-format',
      () =>
        loadCertificateCredential({
          path: files.write('c12.pem', `${canaryKey.certificatePem}${damagedKey}`),
          passphrase: canaryPassphrase,
        }),
    ],
    ['unreadable', () => loadCertificateCredential({ path: files.path('c13-missing.pfx'), passphrase: canaryPassphrase })],
  ];

  const keyLines = [canaryKey.privateKeyPem, encryptedKey, rsaKeyPem(canaryKey.privateKeyPem)]
    .flatMap((pem) => pem.split('\n'))
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  for (const [reason, load] of cases) {
    const error = failure(load);
    assert.equal(error.reason, reason, error.message);
    for (const text of [error.message, error.nextStep]) {
      for (const secret of [canaryPassphrase, typedPassphrase])
        assert.ok(!text.includes(secret), `${reason} repeats a passphrase: ${text}`);
      for (const line of keyLines)
        assert.ok(!text.includes(line), `${reason} repeats a line of the private key PEM ("${line.slice(0, 20)}…")`);
    }
    assert.doesNotThrow(() => redactForJournal({ message: error.message, nextStep: error.nextStep }, [], { mode: 'development' }));
  }
});

/**
 * Loading the break-glass app's certificate from real files: PFX files as Windows/OpenSSL/forge
 * write them (3DES and AES-256, with and without a MAC, with a chain), PEM in one or two files,
 * encrypted keys – and every way a custodian at the open safe can get it wrong, each with its
 * own reason and words, none of which ever repeat the passphrase or the key.
 */
import assert from 'node:assert/strict';
import { createPrivateKey, randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';

import { SignJWT, importPKCS8, importX509, jwtVerify } from 'jose';
import forge from 'node-forge';

import { ActionableError } from '../../src/shared/actionable-error.ts';
import { redactForJournal } from '../../src/core/journal/redaction.ts';
import {
  CertificateCredentialError,
  type CertificateCredentialFailure,
  describeCertificate,
  loadCertificateCredential,
} from '../../src/main/credentials/certificate-credential.ts';
import { certificateFacts } from '../../src/node/x509/certificates.ts';
import { createSimulatorAuthority } from '../../src/sim/crypto/authority.ts';
import { credentialFolder, encryptedKeyPem, pfxBytes, pfxBytesLikeOpenSsl, rsaKeyPem, testCertificate } from '../helpers/pfx.ts';

const files = credentialFolder();
const passphrase = 'Envelope-7 correct horse';
const breakGlass = testCertificate();
const otherCertificate = testCertificate({ commonName: 'Some other app' });

function failure(load: () => unknown): CertificateCredentialError {
  try {
    load();
  } catch (error) {
    assert.ok(error instanceof CertificateCredentialError, `expected a CertificateCredentialError, got ${String(error)}`);
    assert.ok(error instanceof ActionableError);
    return error;
  }
  assert.fail('the credential loaded, but it should not have');
}

function assertFailure(load: () => unknown, reason: CertificateCredentialFailure, path: string): CertificateCredentialError {
  const error = failure(load);
  assert.equal(error.reason, reason, `${error.reason}: ${error.message}`);
  assert.equal(error.path, path);
  assert.ok(error.message.includes(path), `the message names the file: ${error.message}`);
  assert.ok(error.nextStep.length > 20, 'there is a next step');
  return error;
}

describe('a PFX from the safe', () => {
  for (const algorithm of ['3des', 'aes256'] as const) {
    test(`opens with the right passphrase (${algorithm}) and shows the certificate's own thumbprints`, () => {
      const path = files.write(`break-glass-${algorithm}.pfx`, pfxBytes({ credential: breakGlass, passphrase, algorithm }));
      const credential = loadCertificateCredential({ path, passphrase });
      const facts = certificateFacts(breakGlass.certificatePem);

      assert.equal(credential.thumbprintSha1Hex, facts.sha1Hex);
      assert.equal(credential.thumbprintSha256Hex, facts.sha256Hex);
      assert.match(credential.thumbprintSha256Hex, /^[0-9A-F]{64}$/);
      assert.equal(certificateFacts(credential.certificatePem).sha256Hex, facts.sha256Hex);
      assert.equal(credential.subject, 'CN=Break-glass app');
      assert.equal(credential.issuer, 'CN=Break-glass app');
      assert.equal(credential.selfSigned, true);
      assert.deepEqual([credential.notBefore, credential.notAfter], [facts.notBefore, facts.notAfter]);
      assert.equal(credential.source, 'pkcs12');
      assert.match(credential.privateKeyPem, /^-----BEGIN PRIVATE KEY-----\n/);
      assert.equal(
        createPrivateKey(credential.privateKeyPem).export({ type: 'pkcs8', format: 'der' }).toString('base64'),
        createPrivateKey(breakGlass.privateKeyPem).export({ type: 'pkcs8', format: 'der' }).toString('base64'),
      );
    });
  }

  test('is recognised by its content whatever the file is called', () => {
    const path = files.write('BREAKGLASS-KEY.bin', pfxBytes({ credential: breakGlass, passphrase, algorithm: 'aes256' }));
    assert.equal(loadCertificateCredential({ path, passphrase }).source, 'pkcs12');
  });

  test('with its chain in front: the certificate that matches the key is picked, not the first one', () => {
    const chain = [testCertificate({ commonName: 'Root CA' }).certificatePem, testCertificate({ commonName: 'Issuing CA' }).certificatePem];
    const path = files.write('with-chain.pfx', pfxBytes({ credential: breakGlass, passphrase, chain, chainFirst: true }));
    const credential = loadCertificateCredential({ path, passphrase });
    assert.equal(credential.subject, 'CN=Break-glass app');
    assert.equal(credential.thumbprintSha1Hex, certificateFacts(breakGlass.certificatePem).sha1Hex);
  });

  test('holding a CA-issued certificate and its CA: the leaf is picked and reported as not self-signed', () => {
    const authority = createSimulatorAuthority();
    const issued = authority.issueServerCertificate({ ips: ['127.0.0.1'], dnsNames: ['localhost'] });
    const path = files.write('ca-issued.pfx', pfxBytes({ credential: issued, passphrase, chain: [authority.certificatePem] }));
    const credential = loadCertificateCredential({ path, passphrase });
    assert.equal(credential.subject, 'CN=localhost');
    assert.equal(credential.selfSigned, false);
    assert.match(credential.issuer, /CN=Break-Glass Runbook simulator CA/);
    assert.equal(credential.thumbprintSha256Hex, certificateFacts(issued.certificatePem).sha256Hex);
  });

  test('signs a client assertion that verifies against its own certificate', async () => {
    const path = files.write('for-signing.pfx', pfxBytes({ credential: breakGlass, passphrase, algorithm: 'aes256' }));
    const credential = loadCertificateCredential({ path, passphrase });
    // As msal-node builds it with clientCertificate.thumbprintSha256: PS256 with x5t#S256.
    const x5tS256 = Buffer.from(credential.thumbprintSha256Hex, 'hex').toString('base64url');
    const audience = 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/oauth2/v2.0/token';
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'PS256', typ: 'JWT', 'x5t#S256': x5tS256 })
      .setIssuer('app-id')
      .setSubject('app-id')
      .setAudience(audience)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(await importPKCS8(credential.privateKeyPem, 'PS256'));

    const { payload, protectedHeader } = await jwtVerify(assertion, await importX509(credential.certificatePem, 'PS256'), {
      audience,
      issuer: 'app-id',
    });
    assert.equal(payload.sub, 'app-id');
    assert.equal(
      protectedHeader['x5t#S256'],
      Buffer.from(certificateFacts(breakGlass.certificatePem).sha256Hex, 'hex').toString('base64url'),
    );
  });
});

describe('the passphrase', () => {
  for (const algorithm of ['3des', 'aes256'] as const) {
    test(`a wrong one is called wrong, and the custodian learns there is no lock-out (${algorithm})`, () => {
      const path = files.write(`wrong-${algorithm}.pfx`, pfxBytes({ credential: breakGlass, passphrase, algorithm }));
      const error = assertFailure(
        () => loadCertificateCredential({ path, passphrase: 'Envelope-7 correct hoarse' }),
        'wrong-passphrase',
        path,
      );
      assert.match(error.nextStep, /sealed envelope/);
      assert.match(error.nextStep, /no lock-out/);
    });
  }

  test('none given for a protected PFX: asks for it, whether left out or left empty', () => {
    for (const algorithm of ['3des', 'aes256'] as const) {
      const path = files.write(`protected-${algorithm}.pfx`, pfxBytes({ credential: breakGlass, passphrase, algorithm }));
      const error = assertFailure(() => loadCertificateCredential({ path }), 'passphrase-required', path);
      assert.match(error.nextStep, /sealed envelope/);
      assertFailure(() => loadCertificateCredential({ path, passphrase: '' }), 'passphrase-required', path);
    }
  });

  test('a PFX made without a passphrase opens without one, and also when one is typed anyway', () => {
    const noPassword = files.write('no-password.pfx', pfxBytes({ credential: breakGlass, passphrase: null }));
    assert.equal(loadCertificateCredential({ path: noPassword }).subject, 'CN=Break-glass app');
    assert.equal(loadCertificateCredential({ path: noPassword, passphrase }).subject, 'CN=Break-glass app');
    // Windows and OpenSSL "no password" exports key the MAC with the empty string instead.
    const emptyPassword = files.write('empty-password.pfx', pfxBytes({ credential: breakGlass, passphrase: '', algorithm: 'aes256' }));
    assert.equal(loadCertificateCredential({ path: emptyPassword }).subject, 'CN=Break-glass app');
    assert.equal(loadCertificateCredential({ path: emptyPassword, passphrase: '' }).subject, 'CN=Break-glass app');
  });

  for (const algorithm of ['3des', 'aes256'] as const) {
    test(`a PFX without an integrity check (no MAC, ${algorithm}) still tells a wrong or missing passphrase from the right one`, () => {
      const path = files.write(`no-mac-${algorithm}.pfx`, pfxBytes({ credential: breakGlass, passphrase, algorithm, useMac: false }));
      assert.equal(loadCertificateCredential({ path, passphrase }).thumbprintSha1Hex, certificateFacts(breakGlass.certificatePem).sha1Hex);
      assertFailure(() => loadCertificateCredential({ path }), 'passphrase-required', path);
      const wrong = assertFailure(() => loadCertificateCredential({ path, passphrase: 'not it' }), 'wrong-passphrase', path);
      assert.match(wrong.message, /no integrity check/);
    });
  }

  test('a PFX without a MAC, and a wrong passphrase whose garbage passes the padding check: still "wrong passphrase"', () => {
    const bytes = pfxBytes({ credential: breakGlass, passphrase, useMac: false, count: 1 });
    const path = files.write('no-mac-garbage.pfx', bytes);
    // About one wrong passphrase in 150 decrypts to bytes with valid padding; find one.
    let garbageMaker: string | undefined;
    for (let i = 0; i < 5000 && garbageMaker === undefined; i += 1) {
      try {
        forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(bytes.toString('binary')), true, `guess-${i}`);
        garbageMaker = `guess-${i}`;
      } catch (error) {
        if ((error as Error).message !== 'Unable to decrypt PKCS#8 ShroudedKeyBag, wrong password?') garbageMaker = `guess-${i}`;
      }
    }
    assert.ok(garbageMaker, 'a passphrase that passes the padding check exists among 5000 guesses');
    assertFailure(() => loadCertificateCredential({ path, passphrase: garbageMaker }), 'wrong-passphrase', path);
  });

  test('a passphrase with non-English letters opens an AES PFX written the way OpenSSL 3 and Windows write it', () => {
    const umlauts = 'Schlüssel-Größe-7';
    const path = files.write('utf8-passphrase.pfx', pfxBytesLikeOpenSsl(breakGlass, umlauts));
    assert.equal(
      loadCertificateCredential({ path, passphrase: umlauts }).thumbprintSha1Hex,
      certificateFacts(breakGlass.certificatePem).sha1Hex,
    );
    assertFailure(() => loadCertificateCredential({ path, passphrase: 'Schlussel-Grosse-7' }), 'wrong-passphrase', path);
    assertFailure(() => loadCertificateCredential({ path }), 'passphrase-required', path);
  });
});

describe('PEM files', () => {
  test('certificate and key in one file', () => {
    const path = files.write('break-glass.pem', `${breakGlass.certificatePem}${breakGlass.privateKeyPem}`);
    const credential = loadCertificateCredential({ path });
    assert.equal(credential.source, 'pem');
    assert.equal(credential.thumbprintSha256Hex, certificateFacts(breakGlass.certificatePem).sha256Hex);
  });

  test('certificate and a traditional RSA key in one file, key first', () => {
    const path = files.write('rsa-key.pem', `${rsaKeyPem(breakGlass.privateKeyPem)}\n${breakGlass.certificatePem}`);
    assert.equal(loadCertificateCredential({ path }).subject, 'CN=Break-glass app');
  });

  test('certificate and key in two files, the key with Windows line endings', () => {
    const path = files.write('two-files.crt', breakGlass.certificatePem);
    const keyPath = files.write('two-files.key', breakGlass.privateKeyPem.replace(/\n/g, '\r\n'));
    const credential = loadCertificateCredential({ path, keyPath });
    assert.equal(credential.thumbprintSha1Hex, certificateFacts(breakGlass.certificatePem).sha1Hex);
    assert.equal(credential.source, 'pem');
  });

  test('an encrypted key opens with the right passphrase and is refused with a wrong or missing one', () => {
    const path = files.write('encrypted.crt', breakGlass.certificatePem);
    const keyPath = files.write('encrypted.key', encryptedKeyPem(breakGlass.privateKeyPem, passphrase));
    assert.equal(loadCertificateCredential({ path, keyPath, passphrase }).subject, 'CN=Break-glass app');
    const wrong = assertFailure(() => loadCertificateCredential({ path, keyPath, passphrase: 'Envelope-1' }), 'wrong-passphrase', keyPath);
    assert.match(wrong.nextStep, /no lock-out/);
    assertFailure(() => loadCertificateCredential({ path, keyPath }), 'passphrase-required', keyPath);
  });

  test('a legacy encrypted RSA key (Proc-Type) in the same file opens with the right passphrase only', () => {
    const path = files.write('legacy-encrypted.pem', `${breakGlass.certificatePem}${rsaKeyPem(breakGlass.privateKeyPem, passphrase)}`);
    assert.equal(loadCertificateCredential({ path, passphrase }).subject, 'CN=Break-glass app');
    assertFailure(() => loadCertificateCredential({ path, passphrase: 'nope' }), 'wrong-passphrase', path);
    assertFailure(() => loadCertificateCredential({ path }), 'passphrase-required', path);
  });
});

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

/**
 * Loading the break-glass app's certificate from real files: PFX files as Windows/OpenSSL/forge
 * write them (3DES and AES-256, with and without a MAC, with a chain), PEM in one or two files,
 * encrypted keys, and the passphrase – right, wrong or missing. The ways a custodian at the open
 * safe can get the files wrong are in certificate-credential-refusals.test.ts.
 */
import assert from 'node:assert/strict';
import { createPrivateKey, randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';

import { SignJWT, importPKCS8, importX509, jwtVerify } from 'jose';
import forge from 'node-forge';

import { loadCertificateCredential } from '../../src/main/credentials/certificate-credential.ts';
import { certificateFacts } from '../../src/node/x509/certificates.ts';
import { createSimulatorAuthority } from '../../src/sim/crypto/authority.ts';
import { credentialFolder, encryptedKeyPem, pfxBytes, pfxBytesLikeOpenSsl, rsaKeyPem, testCertificate } from '../helpers/pfx.ts';
import { assertFailure } from '../helpers/certificate-credential.ts';

const files = credentialFolder();
const passphrase = 'Envelope-7 correct horse';
const breakGlass = testCertificate();

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
    assert.equal(protectedHeader['x5t#S256'], certificateFacts(breakGlass.certificatePem).x5tS256);
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

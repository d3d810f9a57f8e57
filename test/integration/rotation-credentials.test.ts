/**
 * The credentials a rotation makes, on real files: the new password for the sealed envelope, the
 * new app certificate, its PFX on the safe's media (opened again by the same loader the
 * emergency sign-in uses), and every refusal a custodian can meet while saving it.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { ActionableError } from '../../src/shared/actionable-error.ts';
import { CertificateCredentialError, loadCertificateCredential } from '../../src/main/credentials/certificate-credential.ts';
import { createAppCertificate } from '../../src/main/credentials/new-app-certificate.ts';
import { generateBreakGlassPassword, passwordAlphabet, passwordGroups } from '../../src/main/credentials/password-generator.ts';
import { passphraseProblem, writePfxToFolder } from '../../src/main/credentials/pfx-writer.ts';
import { pfxBytes } from '../../src/node/x509/pfx.ts';
import { tempDir } from '../helpers/temp.ts';

describe('the new break-glass password', () => {
  test('is 40 characters by default, from the unambiguous alphabet, with upper, lower and digits', () => {
    for (let i = 0; i < 200; i += 1) {
      const password = generateBreakGlassPassword();
      assert.equal(password.length, 40);
      assert.match(password, /^[a-zA-Z0-9]+$/);
      for (const ch of password) assert.ok(passwordAlphabet.includes(ch), ch);
      assert.doesNotMatch(password, /[0O1lI5S2Z8Bo]/);
      assert.match(password, /[a-z]/);
      assert.match(password, /[A-Z]/);
      assert.match(password, /[0-9]/);
    }
  });

  test('never repeats and uses the whole alphabet', () => {
    const many = Array.from({ length: 500 }, () => generateBreakGlassPassword(32));
    assert.equal(new Set(many).size, many.length);
    assert.equal(new Set(many.join('')).size, passwordAlphabet.length);
  });

  test('refuses lengths under 32 or over Entra’s 256', () => {
    assert.throws(() => generateBreakGlassPassword(31), RangeError);
    assert.throws(() => generateBreakGlassPassword(257), RangeError);
    assert.equal(generateBreakGlassPassword(256).length, 256);
  });

  test('reads in groups of four', () => {
    assert.deepEqual(passwordGroups('abcdEFGH34567'), ['abcd', 'EFGH', '3456', '7']);
  });
});

describe('the PFX passphrase', () => {
  const good = 'harbour Lantern 47 quietly';
  test('must be typed the same twice', () => {
    assert.match(passphraseProblem(good, `${good}x`)?.message ?? '', /not the same/);
  });
  test('must be long, varied and without edge spaces', () => {
    assert.match(passphraseProblem('Short-1', 'Short-1')?.message ?? '', /at least 16/);
    assert.match(passphraseProblem('aaaaaaaaaaaaaaaaaaaa', 'aaaaaaaaaaaaaaaaaaaa')?.message ?? '', /too few different/);
    assert.match(passphraseProblem(` ${good}`, ` ${good}`)?.message ?? '', /space/);
    assert.equal(passphraseProblem(good, good), undefined);
    assert.equal(passphraseProblem('Tür-Schlüssel größer 9', 'Tür-Schlüssel größer 9'), undefined);
  });
  test('a refusal never repeats the passphrase', () => {
    for (const [a, b] of [
      [good, 'other entirely 99'],
      ['Short-1', 'Short-1'],
      ['zzzzzzzzzzzzzzzzzzzz', 'zzzzzzzzzzzzzzzzzzzz'],
    ] as const) {
      const problem = passphraseProblem(a, b);
      assert.ok(problem instanceof ActionableError);
      assert.ok(!`${problem.message} ${problem.nextStep}`.includes(a));
    }
  });
});

describe('the new app certificate and its PFX', () => {
  const now = new Date('2026-11-29T23:00:00Z');
  const certificate = createAppCertificate({ appName: 'Break-glass automation', now });

  test('is self-signed, valid from just before now for a year, named with the rotation date', () => {
    assert.match(certificate.subject, /CN=Break-glass automation \(rotated 2026-11-29\)/);
    assert.ok(certificate.notBefore.getTime() <= now.getTime());
    assert.equal(Math.round((certificate.notAfter.getTime() - now.getTime()) / 86_400_000), 365);
    assert.match(certificate.thumbprintSha1Hex, /^[0-9A-F]{40}$/);
    assert.notEqual(createAppCertificate({ appName: 'Break-glass automation', now }).thumbprintSha1Hex, certificate.thumbprintSha1Hex);
  });

  for (const passphrase of ['harbour Lantern 47 quietly', 'Tür-Schlüssel größer 9']) {
    test(`opens again with the emergency sign-in's loader (${/^[\x20-\x7e]+$/.test(passphrase) ? 'ASCII' : 'non-ASCII'} passphrase)`, () => {
      const folder = tempDir('breakglass-safe-media-');
      const path = writePfxToFolder(folder, 'break-glass-app.pfx', pfxBytes(certificate, passphrase));
      const loaded = loadCertificateCredential({ path, passphrase, now });
      assert.equal(loaded.source, 'pkcs12');
      assert.equal(loaded.thumbprintSha1Hex, certificate.thumbprintSha1Hex);
      assert.equal(loaded.privateKeyPem.trim(), certificate.privateKeyPem.trim());
      const wrong = (() => {
        try {
          loadCertificateCredential({ path, passphrase: `${passphrase}!`, now });
        } catch (error) {
          return error;
        }
        return undefined;
      })();
      assert.ok(wrong instanceof CertificateCredentialError);
      assert.equal(wrong.reason, 'wrong-passphrase');
    });
  }

  test('the file holds neither the key nor the passphrase in the clear', () => {
    const passphrase = 'harbour Lantern 47 quietly';
    const bytes = pfxBytes(certificate, passphrase);
    const keyBody = certificate.privateKeyPem
      .split('\n')
      .filter((line) => !line.startsWith('-----'))
      .join('');
    const keyDer = Buffer.from(keyBody, 'base64');
    assert.equal(bytes.indexOf(keyDer.subarray(0, 64)), -1);
    assert.equal(bytes.indexOf(Buffer.from(passphrase, 'utf8')), -1);
    assert.equal(bytes.indexOf(Buffer.from(passphrase, 'utf16le')), -1);
  });
});

describe('saving the PFX to the safe’s media', () => {
  const certificate = createAppCertificate({ appName: 'Break-glass automation' });
  const bytes = pfxBytes(certificate, 'harbour Lantern 47 quietly');

  test('never overwrites an existing file and leaves no partial file behind', () => {
    const folder = tempDir('breakglass-safe-media-');
    writeFileSync(join(folder, 'break-glass-app.pfx'), 'the previous certificate');
    assert.throws(
      () => writePfxToFolder(folder, 'break-glass-app.pfx', bytes),
      (error: unknown) => {
        assert.ok(error instanceof ActionableError);
        assert.match(error.message, /already exists; it was left as it is/);
        assert.match(error.nextStep, /another folder/);
        return true;
      },
    );
    assert.equal(readFileSync(join(folder, 'break-glass-app.pfx'), 'utf8'), 'the previous certificate');
    assert.deepEqual(readdirSync(folder), ['break-glass-app.pfx']);
  });

  test('a missing folder or a file instead of a folder is named', () => {
    const folder = tempDir('breakglass-safe-media-');
    assert.throws(() => writePfxToFolder(join(folder, 'not-plugged-in'), 'a.pfx', bytes), /cannot be opened \(ENOENT\)/);
    writeFileSync(join(folder, 'a-file'), '');
    assert.throws(() => writePfxToFolder(join(folder, 'a-file'), 'a.pfx', bytes), /is a file, not a folder/);
  });

  test('an unwritable folder is refused with what to do', () => {
    // As root, permission bits do not stop a write; sysfs refuses new files to everyone.
    let folder: string;
    if (process.getuid?.() === 0) {
      if (!existsSync('/sys/kernel')) return;
      folder = '/sys/kernel';
    } else {
      folder = join(tempDir('breakglass-safe-media-'), 'read-only');
      mkdirSync(folder);
      chmodSync(folder, 0o500);
    }
    assert.throws(
      () => writePfxToFolder(folder, 'break-glass-app.pfx', bytes),
      (error: unknown) => {
        assert.ok(error instanceof ActionableError);
        assert.match(error.message, /read-only or not writable/);
        assert.match(error.nextStep, /lock switch|another folder/);
        return true;
      },
    );
  });
});

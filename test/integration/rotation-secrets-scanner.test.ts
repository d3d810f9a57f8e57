/**
 * The scanner of the rotation's secrets canary (test/integration/rotation-secrets.test.ts) is
 * shown to find the canaries it is meant to find (docs/domain.md, "Journal rules"): in a file, in
 * a SQLite journal and its WAL, a private key in each of its forms, and in captured output.
 */
import assert from 'node:assert/strict';
import { createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { certificateCredentialFromPem } from '../../src/main/credentials/certificate-credential.ts';
import { createAppCertificate } from '../../src/main/credentials/new-app-certificate.ts';
import { JournalStore } from '../../src/main/journal/store.ts';
import { tempDir } from '../helpers/temp.ts';
import {
  captureOutput,
  leaksInBytes,
  leaksInFile,
  leaksInText,
  pemBodyLines,
  privateKeySecret,
  stringSecret,
} from '../helpers/secret-scanner.ts';

describe('the scanner finds what it looks for', () => {
  test('in a file, in a SQLite journal and its WAL, and in captured output', (t) => {
    const dir = tempDir('rotation-secrets-scanner-');
    const canary = `Orchid-${randomBytes(12).toString('hex')}-Lantern`;
    const other = `Quartz-${randomBytes(12).toString('hex')}-Harbour`;
    const secrets = [stringSecret('canary', canary), stringSecret('other', other)];

    const plain = join(dir, 'plain.txt');
    writeFileSync(plain, `before ${canary.slice(3, 30)} after`);
    assert.deepEqual(leaksInFile(plain, secrets), [`${plain}: canary`], 'a part of the canary is found');
    writeFileSync(plain, 'nothing secret here');
    assert.deepEqual(leaksInFile(plain, secrets), []);

    // A passphrase does not look like a secret, so a production journal keeps it: the scanner must see it.
    const file = join(dir, 'journal.sqlite3');
    const store = JournalStore.open(file, { redaction: 'production' });
    const session = store.openSession({ kind: 'review', title: 'Scanner proof', actor: 'Ada' });
    store.append({ sessionId: session.id, actor: 'Ada', kind: 'note', summary: `Typed by mistake: ${canary}`, data: {} });
    assert.deepEqual(leaksInFile(`${file}-wal`, secrets), [`${file}-wal: canary`]);
    store.close();
    assert.deepEqual([...leaksInFile(file, secrets), ...leaksInFile(`${file}-wal`, secrets)], [`${file}: canary`]);

    // A private key: each form is found, the certificate (public) is not.
    const made = createAppCertificate({ appName: 'Scanner proof' });
    const credential = certificateCredentialFromPem({
      certificatePem: made.certificatePem,
      privateKeyPem: made.privateKeyPem,
      label: 'scanner proof',
    });
    const key = privateKeySecret(credential);
    const body = pemBodyLines(credential.privateKeyPem).join('');
    const der = createPrivateKey(credential.privateKeyPem).export({ type: 'pkcs8', format: 'der' });
    assert.equal(leaksInText('pem', `x${credential.privateKeyPem}x`, [key]).length, 1);
    assert.equal(leaksInText('unwrapped', body, [key]).length, 1);
    assert.equal(leaksInBytes('der', Buffer.concat([randomBytes(7), der, randomBytes(5)]), [key]).length, 1);
    assert.equal(leaksInText('jwk', JSON.stringify(createPrivateKey(credential.privateKeyPem).export({ format: 'jwk' })), [key]).length, 1);
    assert.deepEqual(leaksInText('certificate', credential.certificatePem, [key]), []);
    assert.deepEqual(leaksInBytes('certificate', new X509Certificate(credential.certificatePem).raw, [key]), []);

    const capture = captureOutput({ passThrough: false });
    try {
      console.warn('warned: %s', other);
      process.stderr.write(Buffer.from(`raw ${canary}\n`));
    } finally {
      capture.restore();
    }
    assert.deepEqual(leaksInText('output', capture.text(), secrets).sort(), ['output: canary', 'output: other']);
    t.diagnostic('the scanner finds canaries in files, SQLite, its WAL and captured output');
  });
});

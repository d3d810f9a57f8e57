import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';

import forge from 'node-forge';

import type { ApplicationFacts, KeyCredential } from '../../src/core/checks/snapshot.ts';
import { now, ok, readySnapshot, unreadable } from '../helpers/check-snapshot.ts';
import { expectStatus, readyApplication, withApp } from '../helpers/check-app.ts';

const day = 86_400_000;

const withApplication = (change: Partial<ApplicationFacts>) => withApp({ application: ok({ ...readyApplication(), ...change }) });

const certificate = (change: Partial<KeyCredential>): KeyCredential => ({ ...readyApplication().keyCredentials![0]!, ...change });

/** Real DER certificates: a CA trusted for certificate-based auth, one it issued, a self-signed one. */
function buildCertificates() {
  const keyPair = () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    return { privateKey: forge.pki.privateKeyFromPem(privateKey), publicKey: forge.pki.publicKeyFromPem(publicKey) };
  };
  const build = (commonName: string, issuer: { name: string; key: forge.pki.PrivateKey } | undefined, keys: ReturnType<typeof keyPair>) => {
    const cert = forge.pki.createCertificate();
    cert.publicKey = keys.publicKey;
    cert.serialNumber = '0' + Math.floor(Math.random() * 1e9).toString(16);
    cert.validity.notBefore = new Date(now.getTime() - day);
    cert.validity.notAfter = new Date(now.getTime() + 365 * day);
    cert.setSubject([
      { name: 'commonName', value: commonName },
      { name: 'organizationName', value: 'Drilltest' },
    ]);
    cert.setIssuer([
      { name: 'commonName', value: issuer?.name ?? commonName },
      { name: 'organizationName', value: 'Drilltest' },
    ]);
    cert.sign((issuer?.key ?? keys.privateKey) as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
    return forge.util.encode64(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes());
  };
  const caKeys = keyPair();
  const leafKeys = keyPair();
  return {
    ca: build('Drilltest Issuing CA', undefined, caKeys),
    issuedByCa: build('Break-glass app', { name: 'Drilltest Issuing CA', key: caKeys.privateKey }, leafKeys),
    selfSigned: build('Break-glass app', undefined, leafKeys),
  };
}

let built: ReturnType<typeof buildCertificates> | undefined;
const certificates = () => (built ??= buildCertificates());

describe('checkApp: the break-glass app registration (BG-APP-01…06)', () => {
  describe('BG-APP-03 certificate validity', () => {
    test('an expired certificate fails: no valid certificate to sign in with', () => {
      const check = expectStatus(
        withApplication({ keyCredentials: [certificate({ startDateTime: '2025-01-01T00:00:00Z', endDateTime: '2026-11-01T00:00:00Z' })] }),
        'BG-APP-03',
        'fail',
      );
      assert.ok(check.evidence.some((e) => e.includes('A1B2C3D4E5F60718293A4B5C6D7E8F9012345678') && e.includes('expired')));
    });

    test('a certificate expiring in 10 days warns', () => {
      const inTenDays = new Date(now.getTime() + 10 * day + 3_600_000).toISOString();
      const check = expectStatus(withApplication({ keyCredentials: [certificate({ endDateTime: inTenDays })] }), 'BG-APP-03', 'warn');
      assert.match(check.title, /10 days/);
    });

    test('an old certificate expiring while a newer one stays valid passes (rotation overlap)', () => {
      const inTenDays = new Date(now.getTime() + 10 * day).toISOString();
      const check = expectStatus(
        withApplication({
          keyCredentials: [
            certificate({ endDateTime: inTenDays }),
            certificate({
              keyId: 'f0000000-0000-4000-8000-00000000c002',
              customKeyIdentifier: 'FFEE',
              endDateTime: '2030-01-01T00:00:00Z',
            }),
          ],
        }),
        'BG-APP-03',
        'pass',
      );
      assert.equal(check.evidence.length, 2);
    });

    test('the warning window is configurable', () => {
      const inTenDays = new Date(now.getTime() + 10 * day + 3_600_000).toISOString();
      expectStatus(withApplication({ keyCredentials: [certificate({ endDateTime: inTenDays })] }), 'BG-APP-03', 'pass', {
        certificateWarningDays: 7,
      });
    });

    test('no certificate at all fails', () => {
      expectStatus(withApplication({ keyCredentials: [] }), 'BG-APP-03', 'fail');
    });

    test('an application read without keyCredentials is indeterminate, not a crash and not a fail (application-get.md example 2 selects none)', () => {
      const { keyCredentials: _left, passwordCredentials: _alsoLeft, ...read } = readyApplication();
      const snapshot = withApp({ application: ok(read) });
      const check = expectStatus(snapshot, 'BG-APP-03', 'indeterminate');
      assert.match(check.evidence.join(' '), /no keyCredentials.*\$select=id,appId,displayName,keyCredentials,passwordCredentials/);
      expectStatus(snapshot, 'BG-APP-04', 'indeterminate');
      expectStatus(snapshot, 'BG-APP-05', 'indeterminate');
    });
  });

  describe('BG-APP-04 client secrets', () => {
    test('a client secret fails and is listed without its value or its hint (its first characters)', () => {
      const secret = {
        keyId: 'f0000000-0000-4000-8000-00000000d001',
        displayName: 'temporary secret',
        hint: 'Xq7',
        endDateTime: '2027-06-01T00:00:00Z',
        secretText: 'Xq7~CANARY-SECRET-VALUE',
      };
      const check = expectStatus(withApplication({ passwordCredentials: [secret] }), 'BG-APP-04', 'fail');
      assert.ok(check.evidence.some((e) => e.includes('temporary secret') && e.includes(secret.keyId) && e.includes('2027-06-01')));
      assert.ok(!JSON.stringify(check).includes('CANARY'));
      assert.ok(!JSON.stringify(check).includes('Xq7'));
    });
  });

  describe('BG-APP-05 certificate independence', () => {
    test('a certificate shared with another app warns and names that app – also when that app’s key was written with the hex text', () => {
      // Ours carries Graph's base64 of the thumbprint; the other app's key was written with the hex digits, which Graph keeps as given.
      const other = {
        id: 'd1000000-0000-4000-8000-0000000000aa',
        appId: 'd0000000-0000-4000-8000-0000000000aa',
        displayName: 'Payroll sync',
        keyCredentials: [
          certificate({ keyId: 'f0000000-0000-4000-8000-00000000e001', customKeyIdentifier: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678' }),
        ],
      };
      const check = expectStatus(withApp({ otherApplications: ok([other]) }), 'BG-APP-05', 'warn');
      assert.ok(
        check.evidence.some((e) => e.includes('Payroll sync') && e.includes('A1B2C3D4E5F60718293A4B5C6D7E8F9012345678')),
        check.evidence.join('\n'),
      );
    });

    test('base64 identifiers are compared as bytes: two that differ only in case are different certificates', () => {
      const other = {
        id: 'd1000000-0000-4000-8000-0000000000aa',
        appId: 'd0000000-0000-4000-8000-0000000000aa',
        displayName: 'Payroll sync',
        keyCredentials: [
          certificate({ keyId: 'f0000000-0000-4000-8000-00000000e001', customKeyIdentifier: 'OBLD1OX2BXGPOKTCBX6PKBI0VNG=' }),
        ],
      };
      expectStatus(withApp({ otherApplications: ok([other]) }), 'BG-APP-05', 'pass');
    });

    test('BG-APP-03 shows the thumbprint in hex, as the Entra admin center does, not Graph’s base64', () => {
      const check = expectStatus(readySnapshot(), 'BG-APP-03', 'pass');
      assert.ok(
        check.evidence.some((e) => e.includes('thumbprint A1B2C3D4E5F60718293A4B5C6D7E8F9012345678')),
        check.evidence.join('\n'),
      );
    });

    test('a certificate issued by a CA trusted for certificate-based auth warns', () => {
      const { ca, issuedByCa } = certificates();
      const snapshot = withApplication({ keyCredentials: [certificate({ key: issuedByCa })] });
      const check = expectStatus(
        { ...snapshot, certificateAuthorities: ok([{ certificate: ca, isRootAuthority: true }]) },
        'BG-APP-05',
        'warn',
      );
      assert.ok(check.evidence.some((e) => e.includes('issued by a CA trusted for certificate-based auth')));
    });

    test('a self-signed certificate passes even with CBA CAs configured', () => {
      const { ca, selfSigned } = certificates();
      const snapshot = withApplication({ keyCredentials: [certificate({ key: selfSigned })] });
      expectStatus({ ...snapshot, certificateAuthorities: ok([{ certificate: ca, isRootAuthority: true }]) }, 'BG-APP-05', 'pass');
    });

    test("CBA CAs configured but the certificate's body was not read: indeterminate, the issuer is unknown", () => {
      const { ca } = certificates();
      const check = expectStatus({ ...readySnapshot(), certificateAuthorities: ok([{ certificate: ca }]) }, 'BG-APP-05', 'indeterminate');
      assert.ok(check.evidence.some((e) => e.includes('issuer') && e.includes('unknown')));
    });

    test('other applications unreadable: indeterminate', () => {
      expectStatus(
        withApp({ otherApplications: unreadable('Authorization_RequestDenied: Application.Read.All missing') }),
        'BG-APP-05',
        'indeterminate',
      );
    });
  });
});

/**
 * Real credential files in a temp folder, as a custodian would find them on the safe's USB
 * stick: PFX files built with node-forge (the way Windows and OpenSSL lay them out: certificate
 * bags, a shrouded key bag, a MAC), PEM files, encrypted PEM keys.
 */
import { createPrivateKey } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import forge from 'node-forge';

import { pfxBytes as appPfxBytes } from '../../src/node/x509/pfx.ts';
import { type CertificateWithKey, createSelfSignedCertificate } from '../../src/node/x509/certificates.ts';
import { tempDir } from './temp.ts';

const day = 86_400_000;

/** A self-signed certificate valid from yesterday for a year, unless told otherwise. */
export function testCertificate(
  options: { commonName?: string; notBefore?: Date; notAfter?: Date; privateKeyPem?: string } = {},
): CertificateWithKey {
  const now = Date.now();
  return createSelfSignedCertificate({
    commonName: options.commonName ?? 'Break-glass app',
    notBefore: options.notBefore ?? new Date(now - day),
    notAfter: options.notAfter ?? new Date(now + 365 * day),
    ...(options.privateKeyPem ? { privateKeyPem: options.privateKeyPem } : {}),
  });
}

export type PfxOptions = {
  /** The certificate with its key; `withoutKey` leaves the key out (a public-only export). */
  readonly credential: CertificateWithKey;
  readonly withoutKey?: boolean;
  /** Further certificates (PEM), placed before the credential's own when `chainFirst`. */
  readonly chain?: readonly string[];
  readonly chainFirst?: boolean;
  /** null: no passphrase at all (the key bag is stored unencrypted). */
  readonly passphrase: string | null;
  readonly algorithm?: '3des' | 'aes256';
  /** false: no MAC, so nothing tells a wrong passphrase from damage. */
  readonly useMac?: boolean;
  /** Key-derivation iterations; forge's default is 2048. */
  readonly count?: number;
};

/** The PFX's DER bytes. */
export function pfxBytes(options: PfxOptions): Buffer {
  const own = forge.pki.certificateFromPem(options.credential.certificatePem);
  const chain = (options.chain ?? []).map((pem) => forge.pki.certificateFromPem(pem));
  const key = options.withoutKey ? null : (forge.pki.privateKeyFromPem(options.credential.privateKeyPem) as forge.pki.rsa.PrivateKey);
  const certificates = options.chainFirst ? [...chain, own] : [own, ...chain];
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, certificates, options.passphrase, {
    algorithm: options.algorithm ?? '3des',
    useMac: options.useMac ?? true,
    ...(options.count ? { count: options.count } : {}),
  });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/**
 * A PFX as OpenSSL 3 and Windows write one for a non-ASCII passphrase (AES with the UTF-8 bytes,
 * the MAC with UTF-16): the app's own writer, which saves rotated certificates that way.
 */
export function pfxBytesLikeOpenSsl(credential: CertificateWithKey, passphrase: string): Buffer {
  return appPfxBytes(credential, passphrase);
}

/** A folder for one test file's credential files. */
export function credentialFolder(): { write: (name: string, content: string | Buffer) => string; path: (name: string) => string } {
  const dir = tempDir('breakglass-credentials-');
  return {
    write: (name, content) => {
      const file = join(dir, name);
      writeFileSync(file, content);
      return file;
    },
    path: (name) => join(dir, name),
  };
}

/** The key as an encrypted PKCS#8 PEM (-----BEGIN ENCRYPTED PRIVATE KEY-----). */
export function encryptedKeyPem(privateKeyPem: string, passphrase: string): string {
  return createPrivateKey(privateKeyPem).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }).toString();
}

/** The key as a traditional OpenSSL RSA PEM (-----BEGIN RSA PRIVATE KEY-----), optionally with Proc-Type encryption. */
export function rsaKeyPem(privateKeyPem: string, passphrase?: string): string {
  const encryption = passphrase === undefined ? {} : { cipher: 'aes-256-cbc', passphrase };
  return createPrivateKey(privateKeyPem)
    .export({ type: 'pkcs1', format: 'pem', ...encryption })
    .toString();
}

/**
 * The break-glass app's certificate credential: the PFX from the safe's USB stick (or PEM
 * files), opened with the passphrase from the sealed envelope, checked, and handed to msal-node
 * as `clientCertificate: { thumbprintSha256, privateKey }`.
 *
 * Everything that can be wrong with the file is found here, before any network call, so the
 * custodian hears "wrong passphrase" or "expired on …" instead of an AADSTS code later.
 */
import { type KeyObject, type X509Certificate, createPublicKey } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

import { certificateFacts } from '../../node/x509/certificates.ts';
import { type CertificateLabel, CertificateCredentialError, certificateCredentialErrors } from './certificate-credential-error.ts';
import { certificatesFromPem, isDerCertificate, pemBlocks, privateKeysFromPem } from './pem-file.ts';
import { type CredentialParts, asPkcs12File, readPkcs12 } from './pkcs12-file.ts';

export { CertificateCredentialError, type CertificateCredentialFailure } from './certificate-credential-error.ts';

export type CertificateCredential = {
  readonly certificatePem: string;
  /**
   * PKCS#8 PEM, unencrypted. It lives in this process's memory only: never written to disk,
   * never journaled, never sent to the renderer.
   */
  readonly privateKeyPem: string;
  /** SHA-1 of the certificate's DER, upper-case hex: Entra's "thumbprint" (Graph's customKeyIdentifier carries its bytes in base64). */
  readonly thumbprintSha1Hex: string;
  /** SHA-256 of the DER, upper-case hex: msal-node's clientCertificate.thumbprintSha256. */
  readonly thumbprintSha256Hex: string;
  /** "CN=Break-glass app" (several parts joined with ", "). */
  readonly subject: string;
  readonly issuer: string;
  readonly selfSigned: boolean;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly source: 'pkcs12' | 'pem';
};

export type LoadCertificateCredentialOptions = {
  /** A PKCS#12 file (.pfx/.p12 or any name – recognised by content) or a PEM file. */
  readonly path: string;
  /** For a protected PFX or an encrypted PEM key; an empty string counts as none given. */
  readonly passphrase?: string;
  /** A PEM private key file for the PEM certificate at `path`; not used for a PFX, which carries its own key. */
  readonly keyPath?: string;
  /** The time the certificate must be valid at; defaults to now. */
  readonly now?: Date;
};

/** A PFX or PEM file is a few kilobytes; anything this large was chosen by mistake. */
const largestCredentialFile = 1024 * 1024;

export function loadCertificateCredential(options: LoadCertificateCredentialOptions): CertificateCredential {
  const { path, keyPath } = options;
  const passphrase = options.passphrase === '' ? undefined : options.passphrase;
  const { parts, source } = readCredentialParts(path, keyPath, passphrase);
  const keyFile = source === 'pem' && keyPath !== undefined ? keyPath : path;
  return checkedCredential(parts, source, path, keyFile, options.now ?? new Date());
}

/**
 * A credential from PEM text already in memory – the drill certificate in the simulated
 * tenant's safe (the seed's `simulator.credentials`) – checked exactly like a file.
 */
export function certificateCredentialFromPem(options: {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  readonly label: string;
  readonly now?: Date;
}): CertificateCredential {
  const blocks = pemBlocks(Buffer.from(`${options.certificatePem}\n${options.privateKeyPem}`, 'utf8'));
  const parts = { certificates: certificatesFromPem(blocks, options.label), keys: privateKeysFromPem(blocks, options.label, undefined) };
  return checkedCredential(parts, 'pem', options.label, options.label, options.now ?? new Date());
}

function checkedCredential(
  parts: CredentialParts,
  source: 'pkcs12' | 'pem',
  path: string,
  keyFile: string,
  now: Date,
): CertificateCredential {
  if (parts.keys.length === 0 && parts.certificates.length === 0)
    throw certificateCredentialErrors.unsupportedFormat(path, 'it holds neither a certificate nor a private key');
  if (parts.keys.length === 0) throw certificateCredentialErrors.noPrivateKey(keyFile, keyFile === path ? source : 'key-file');
  if (parts.certificates.length === 0) throw certificateCredentialErrors.noCertificate(path);

  const pair = pairKeyWithCertificate(parts);
  if (!pair) throw certificateCredentialErrors.mismatch(path, parts.certificates.map(labelOf), keyFile === path ? undefined : keyFile);
  const { key, certificate } = pair;

  const facts = certificateFacts(certificate.raw);
  if (facts.notBefore.getTime() > now.getTime())
    throw certificateCredentialErrors.notYetValid(path, labelOf(certificate), facts.notBefore, now);
  if (facts.notAfter.getTime() < now.getTime()) throw certificateCredentialErrors.expired(path, labelOf(certificate), facts.notAfter);

  return {
    certificatePem: certificate.toString(),
    privateKeyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    thumbprintSha1Hex: facts.sha1Hex,
    thumbprintSha256Hex: facts.sha256Hex,
    subject: facts.subject,
    issuer: distinguishedName(certificate.issuer),
    selfSigned: isSelfSigned(certificate),
    notBefore: facts.notBefore,
    notAfter: facts.notAfter,
    source,
  };
}

/** "CN=Break-glass app, thumbprint 3F…9A, valid until 2031-01-01": for the journal and the screen. */
export function describeCertificate(credential: Pick<CertificateCredential, 'subject' | 'thumbprintSha1Hex' | 'notAfter'>): string {
  return `${credential.subject}, thumbprint ${credential.thumbprintSha1Hex}, valid until ${credential.notAfter.toISOString().slice(0, 10)}`;
}

function readCredentialParts(
  path: string,
  keyPath: string | undefined,
  passphrase: string | undefined,
): { parts: CredentialParts; source: 'pkcs12' | 'pem' } {
  const bytes = readCredentialFile(path);
  const pkcs12 = asPkcs12File(bytes);
  if (pkcs12) return { parts: readPkcs12(pkcs12, path, passphrase), source: 'pkcs12' };

  const blocks = pemBlocks(bytes);
  if (blocks.length === 0) {
    if (isDerCertificate(bytes)) {
      if (keyPath === undefined) throw certificateCredentialErrors.noPrivateKey(path, 'der-certificate');
      throw certificateCredentialErrors.unsupportedFormat(
        path,
        'the certificate is binary (DER); with a separate key file it must be PEM text',
      );
    }
    throw certificateCredentialErrors.unsupportedFormat(path, 'it is neither a PFX (PKCS#12) nor PEM text');
  }
  const certificates = certificatesFromPem(blocks, path);
  if (keyPath === undefined) return { parts: { certificates, keys: privateKeysFromPem(blocks, path, passphrase) }, source: 'pem' };

  const keyBlocks = pemBlocks(readCredentialFile(keyPath));
  if (keyBlocks.length === 0) throw certificateCredentialErrors.unsupportedFormat(keyPath, 'a key file must be PEM text');
  return { parts: { certificates, keys: privateKeysFromPem(keyBlocks, keyPath, passphrase) }, source: 'pem' };
}

function readCredentialFile(path: string): Buffer {
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: 'EISDIR' });
    if (stats.size === 0) throw certificateCredentialErrors.unsupportedFormat(path, 'the file is empty');
    if (stats.size > largestCredentialFile)
      throw certificateCredentialErrors.unsupportedFormat(
        path,
        `at ${Math.round(stats.size / 1024)} KB it is far too large to be a certificate file`,
      );
    return readFileSync(path);
  } catch (error) {
    if (error instanceof CertificateCredentialError) throw error;
    throw certificateCredentialErrors.unreadable(path, errorCode(error), error);
  }
}

/**
 * The first key whose public key is the certificate's. A PFX often carries the issuing chain
 * too, in any order, so position says nothing.
 */
function pairKeyWithCertificate(parts: CredentialParts): { key: KeyObject; certificate: X509Certificate } | undefined {
  for (const key of parts.keys) {
    const publicKey = createPublicKey(key).export({ type: 'spki', format: 'der' });
    const certificate = parts.certificates.find((candidate) =>
      candidate.publicKey.export({ type: 'spki', format: 'der' }).equals(publicKey),
    );
    if (certificate) return { key, certificate };
  }
  return undefined;
}

/**
 * Issuer equals subject and the certificate's own key verifies its signature. Not
 * checkIssued(): OpenSSL also demands keyCertSign there, which an app certificate lacks.
 */
function isSelfSigned(certificate: X509Certificate): boolean {
  try {
    return certificate.issuer === certificate.subject && certificate.verify(certificate.publicKey);
  } catch {
    return false; // a signature algorithm node cannot verify: not provably self-signed
  }
}

function labelOf(certificate: X509Certificate): CertificateLabel {
  const facts = certificateFacts(certificate.raw);
  return { subject: facts.subject, thumbprintSha1Hex: facts.sha1Hex };
}

/** Node gives "C=DE\nCN=…"; certificateFacts joins a subject the same way. */
function distinguishedName(name: string): string {
  return name.split('\n').join(', ');
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

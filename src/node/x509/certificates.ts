/**
 * X.509 for the product and the simulator: self-signed application certificates (as a custodian
 * creates for a break-glass app, and as the rotation makes), the facts Entra and msal name a
 * certificate by, and the builder the simulator's own CA uses (src/sim/crypto/authority.ts).
 * Keys come from node:crypto; node-forge builds the certificates, because Node has no X.509
 * builder (never an openssl process; docs/architecture.md, "Toolchain pitfalls").
 */
import { X509Certificate, createHash, generateKeyPairSync, randomBytes } from 'node:crypto';

import forge from 'node-forge';

export type CertificateWithKey = { readonly certificatePem: string; readonly privateKeyPem: string };

export type CertificateFacts = {
  /** SHA-1 of the DER, upper-case hex: the thumbprint the Entra admin center shows, msal's `thumbprint`. */
  readonly sha1Hex: string;
  /**
   * SHA-1 of the DER, base64: Graph's default `customKeyIdentifier` – Edm.Binary, "defaults to the
   * thumbprint of the certificate", carried in JSON as base64
   * (https://learn.microsoft.com/graph/api/resources/keycredential).
   */
  readonly sha1Base64: string;
  /** SHA-256 of the DER, upper-case hex: msal's `thumbprintSha256`. */
  readonly sha256Hex: string;
  /** SHA-1 of the DER, base64url without padding: a JWT header's `x5t` (RFC 7515 §4.1.7). */
  readonly x5t: string;
  /** SHA-256 of the DER, base64url without padding: a JWT header's `x5t#S256` (RFC 7515 §4.1.8). */
  readonly x5tS256: string;
  readonly derBase64: string;
  readonly subject: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
};

function newRsaKeyPem(): string {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function serialNumber(): string {
  // Positive, 16 bytes: RFC 5280 §4.1.2.2 allows up to 20 octets.
  return `01${randomBytes(15).toString('hex')}`;
}

export type BuildOptions = {
  readonly subject: ReadonlyArray<forge.pki.CertificateField>;
  readonly issuer?: { readonly certificate: forge.pki.Certificate; readonly key: forge.pki.rsa.PrivateKey };
  readonly keyPem?: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly extensions: ReadonlyArray<Record<string, unknown>>;
};

/** A new certificate (and a new RSA key unless `keyPem` is given), signed by `issuer` or by itself. */
export function buildCertificate(
  options: BuildOptions,
): CertificateWithKey & { certificate: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey } {
  const privateKeyPem = options.keyPem ?? newRsaKeyPem();
  const key = forge.pki.privateKeyFromPem(privateKeyPem) as forge.pki.rsa.PrivateKey;
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  certificate.serialNumber = serialNumber();
  certificate.validity.notBefore = options.notBefore;
  certificate.validity.notAfter = options.notAfter;
  certificate.setSubject([...options.subject]);
  certificate.setIssuer([...(options.issuer?.certificate.subject.attributes ?? options.subject)]);
  certificate.setExtensions([...options.extensions]);
  certificate.sign(options.issuer?.key ?? key, forge.md.sha256.create());
  return { certificatePem: forge.pki.certificateToPem(certificate), privateKeyPem, certificate, key };
}

/** A self-signed certificate such as an app registration's credential (BG-APP-05: not CA-issued). */
export function createSelfSignedCertificate(options: {
  readonly commonName: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly privateKeyPem?: string;
}): CertificateWithKey {
  const built = buildCertificate({
    subject: [{ name: 'commonName', value: options.commonName }],
    ...(options.privateKeyPem ? { keyPem: options.privateKeyPem } : {}),
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  });
  return { certificatePem: built.certificatePem, privateKeyPem: built.privateKeyPem };
}

export function certificateFacts(certificate: string | Buffer): CertificateFacts {
  const x509 =
    typeof certificate === 'string' && certificate.includes('-----BEGIN')
      ? new X509Certificate(certificate)
      : new X509Certificate(Buffer.isBuffer(certificate) ? certificate : Buffer.from(certificate, 'base64'));
  const der = x509.raw;
  const sha1 = createHash('sha1').update(der).digest();
  const sha256 = createHash('sha256').update(der).digest();
  return {
    sha1Hex: sha1.toString('hex').toUpperCase(),
    sha1Base64: sha1.toString('base64'),
    sha256Hex: sha256.toString('hex').toUpperCase(),
    x5t: sha1.toString('base64url'),
    x5tS256: sha256.toString('base64url'),
    derBase64: der.toString('base64'),
    subject: x509.subject.split('\n').join(', '),
    notBefore: new Date(x509.validFrom),
    notAfter: new Date(x509.validTo),
  };
}

/** The thumbprint a JWT header's `x5t` or `x5t#S256` names, as upper-case hex (the form of `sha1Hex` and `sha256Hex`). */
export function headerThumbprintHex(x5t: string): string {
  return Buffer.from(x5t, 'base64url').toString('hex').toUpperCase();
}

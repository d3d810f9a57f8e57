/**
 * The break-glass app's next certificate, made on this computer: a new RSA key from node:crypto
 * and a self-signed X.509 certificate built by node-forge (no openssl process; docs/architecture.md, "Toolchain pitfalls"). The
 * private key stays in this process's memory until it is written, passphrase-protected, to the
 * safe's media (pfx-writer.ts).
 */
import { certificateFacts, createSelfSignedCertificate } from '../../node/x509/certificates.ts';

export type NewAppCertificate = {
  readonly certificatePem: string;
  /** PKCS#8 PEM, unencrypted, in memory only. */
  readonly privateKeyPem: string;
  readonly thumbprintSha1Hex: string;
  readonly subject: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
};

const day = 86_400_000;
/** Entra accepts longer, but a break-glass certificate is rotated after every use and reviewed yearly (BG-APP-03 warns inside 30 days). */
export const defaultCertificateValidityDays = 365;

export function createAppCertificate(options: {
  readonly appName: string;
  readonly now?: Date;
  readonly validityDays?: number;
}): NewAppCertificate {
  const now = options.now ?? new Date();
  // Valid from a few minutes ago, so a clock slightly behind Entra's does not refuse it as not yet valid.
  const notBefore = new Date(now.getTime() - 10 * 60_000);
  const notAfter = new Date(now.getTime() + (options.validityDays ?? defaultCertificateValidityDays) * day);
  const stamp = now.toISOString().slice(0, 10);
  const made = createSelfSignedCertificate({ commonName: `${options.appName} (rotated ${stamp})`, notBefore, notAfter });
  const facts = certificateFacts(made.certificatePem);
  return { ...made, thumbprintSha1Hex: facts.sha1Hex, subject: facts.subject, notBefore: facts.notBefore, notAfter: facts.notAfter };
}

/**
 * Why a certificate credential could not be loaded, in words for a custodian standing at an open
 * safe: what failed, why, and the one thing to do next.
 *
 * Safety invariant: these texts are built from file paths, certificate names, thumbprints,
 * dates and forge's fixed error sentences only – never the passphrase or key material – and the
 * only `cause` ever attached is a file-system error (a decoder's error object may hold bytes of
 * a half-decrypted key). So an error can be shown, logged and journaled as it is.
 */
import { ActionableError } from '../../shared/actionable-error.ts';

export type CertificateCredentialFailure =
  | 'unreadable'
  | 'unsupported-format'
  | 'passphrase-required'
  | 'wrong-passphrase'
  | 'no-private-key'
  | 'no-certificate'
  | 'mismatch'
  | 'not-yet-valid'
  | 'expired';

export class CertificateCredentialError extends ActionableError {
  constructor(
    readonly reason: CertificateCredentialFailure,
    /** The file the problem is in (the key file when the key is at fault). */
    readonly path: string,
    message: string,
    nextStep: string,
    options?: { cause?: unknown },
  ) {
    super(message, nextStep, options);
    this.name = 'CertificateCredentialError';
  }
}

/** What a message may say about a certificate: public facts only. */
export type CertificateLabel = { readonly subject: string; readonly thumbprintSha1Hex: string };

/** "2031-01-01 00:00 UTC": the custodian's clock may be in any zone, the certificate's is UTC. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const label = (certificate: CertificateLabel) => `"${certificate.subject}" (thumbprint ${certificate.thumbprintSha1Hex})`;

const noLockOut = 'three wrong tries do not lock anything';

/** One constructor per failure, so each reason has exactly one wording. */
export const certificateCredentialErrors = {
  unreadable(path: string, code: string | undefined, cause: unknown): CertificateCredentialError {
    switch (code) {
      case 'ENOENT':
      case 'ENOTDIR':
        return new CertificateCredentialError(
          'unreadable',
          path,
          `There is no file at ${path}.`,
          "Check that the safe's USB stick is plugged in and opened by this computer, then choose the certificate file on it again.",
          { cause },
        );
      case 'EACCES':
      case 'EPERM':
        return new CertificateCredentialError(
          'unreadable',
          path,
          `This computer's user account is not allowed to read ${path}.`,
          'Sign in to this computer with an account that may read the USB stick, or copy the file to a folder of your own and choose the copy.',
          { cause },
        );
      case 'EISDIR':
        return new CertificateCredentialError(
          'unreadable',
          path,
          `${path} is a folder, not a certificate file.`,
          'Open the folder and choose the .pfx file inside it.',
          { cause },
        );
      default:
        return new CertificateCredentialError(
          'unreadable',
          path,
          `${path} could not be read${code ? ` (${code})` : ''}.`,
          'Take the USB stick out, put it back in and try again; if it still fails, use the backup copy of the certificate if your runbook keeps one.',
          { cause },
        );
    }
  },

  unsupportedFormat(path: string, what: string): CertificateCredentialError {
    return new CertificateCredentialError(
      'unsupported-format',
      path,
      `${path} is not a certificate file this app can read: ${what}.`,
      "Choose the break-glass app's certificate file: a .pfx/.p12 file, or PEM text files holding the certificate and its private key. If the file is damaged, use the backup copy if your runbook keeps one.",
    );
  },

  passphraseRequired(path: string): CertificateCredentialError {
    return new CertificateCredentialError(
      'passphrase-required',
      path,
      `${path} is protected by a passphrase, and none was given.`,
      'Type the passphrase from the sealed envelope kept with the certificate, then try again.',
    );
  },

  /** `integrityChecked`: false for a PFX without a MAC, where a wrong passphrase and damage look alike. */
  wrongPassphrase(path: string, kind: 'pkcs12' | 'pem', integrityChecked: boolean): CertificateCredentialError {
    const message =
      kind === 'pem'
        ? `The passphrase does not unlock the private key in ${path}.`
        : integrityChecked
          ? `The passphrase does not open ${path}: the file's integrity check does not match it.`
          : `The passphrase does not decrypt the private key in ${path}. (This file has no integrity check, so a damaged file would look the same.)`;
    const file = kind === 'pem' ? 'a key file' : 'a PFX file';
    return new CertificateCredentialError(
      'wrong-passphrase',
      path,
      message,
      `Check the passphrase in the sealed envelope and type it again, minding capital letters and look-alikes such as 0/O and 1/l; ${noLockOut} – ${file} has no lock-out.`,
    );
  },

  noPrivateKey(path: string, kind: 'pkcs12' | 'pem' | 'der-certificate' | 'key-file'): CertificateCredentialError {
    const texts = {
      pkcs12: [
        `${path} holds a certificate but no private key, so it cannot sign in.`,
        'This is probably an export of the public certificate only. Take the PFX that was saved with its private key (the runbook names it); if it is lost, a new certificate must be made and registered on the break-glass app.',
      ],
      pem: [
        `${path} holds a certificate but no private key.`,
        'Give the private key file that was made with this certificate as well, or choose the .pfx file that holds both.',
      ],
      'der-certificate': [
        `${path} is a certificate on its own (a .cer/.der file) without its private key – the public part that is uploaded to Entra ID.`,
        'Choose the .pfx file that holds the certificate together with its private key.',
      ],
      'key-file': [
        `The key file ${path} holds no private key.`,
        'Choose the private key file that was made with this certificate: a PEM text file whose first line names a private key.',
      ],
    } as const;
    const [message, nextStep] = texts[kind];
    return new CertificateCredentialError('no-private-key', path, message, nextStep);
  },

  noCertificate(path: string): CertificateCredentialError {
    return new CertificateCredentialError(
      'no-certificate',
      path,
      `${path} holds a private key but no certificate.`,
      'Choose the .pfx file that holds both, or give the certificate (PEM) as the file and this key as the key file.',
    );
  },

  /** `keyPath`: the separate key file, when the key did not come from `path`. */
  mismatch(path: string, certificates: readonly CertificateLabel[], keyPath?: string): CertificateCredentialError {
    const which =
      certificates.length === 1 && certificates[0]
        ? `the certificate ${label(certificates[0])}`
        : `any of the ${certificates.length} certificates`;
    const key = keyPath === undefined ? 'The private key' : `The private key in ${keyPath}`;
    return new CertificateCredentialError(
      'mismatch',
      keyPath ?? path,
      `${key} does not belong to ${which} in ${path}: their public keys differ.`,
      'Use the key that was made together with this certificate – a key from another certificate cannot sign in as this app. If that key is lost, a new certificate must be made and registered on the break-glass app.',
    );
  },

  notYetValid(path: string, certificate: CertificateLabel, notBefore: Date, now: Date): CertificateCredentialError {
    return new CertificateCredentialError(
      'not-yet-valid',
      path,
      `The certificate ${label(certificate)} in ${path} is not valid until ${formatUtc(notBefore)}; this computer's clock says ${formatUtc(now)}.`,
      "If this computer's clock is wrong, correct it and try again. Otherwise this is a certificate made for the future: use the one currently registered on the break-glass app.",
    );
  },

  expired(path: string, certificate: CertificateLabel, notAfter: Date): CertificateCredentialError {
    return new CertificateCredentialError(
      'expired',
      path,
      `The certificate ${label(certificate)} in ${path} expired on ${formatUtc(notAfter)}, so Entra ID will not accept it.`,
      'Try the other break-glass path (a break-glass account with its security key). Afterwards a new certificate must be made and registered on the break-glass app and its PFX put in the safe; readiness check BG-APP-03 warns of this ahead of time.',
    );
  },
};

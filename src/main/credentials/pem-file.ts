/**
 * PEM credential files: certificates and private keys as -----BEGIN …----- blocks, either in
 * one file or a certificate file plus a key file. node:crypto reads every key kind OpenSSL
 * knows (PKCS#8, encrypted PKCS#8, PKCS#1 with or without the legacy Proc-Type encryption, EC).
 */
import { type KeyObject, X509Certificate, createPrivateKey } from 'node:crypto';

import { certificateCredentialErrors } from './certificate-credential-error.ts';

export type PemBlock = { readonly label: string; readonly text: string };

const privateKeyLabels = new Set(['PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY']);

/** The PEM blocks in the bytes; none when the file is not PEM text. */
export function pemBlocks(bytes: Buffer): PemBlock[] {
  const text = bytes.toString('utf8');
  return Array.from(text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g), (match) => ({
    label: match[1] ?? '',
    text: match[0],
  }));
}

export function certificatesFromPem(blocks: readonly PemBlock[], path: string): X509Certificate[] {
  return blocks
    .filter((block) => block.label === 'CERTIFICATE')
    .map((block) => {
      try {
        return new X509Certificate(block.text);
      } catch {
        throw certificateCredentialErrors.unsupportedFormat(path, 'a certificate in it is damaged');
      }
    });
}

export function privateKeysFromPem(blocks: readonly PemBlock[], path: string, passphrase: string | undefined): KeyObject[] {
  return blocks.filter((block) => privateKeyLabels.has(block.label)).map((block) => privateKey(block, path, passphrase));
}

function privateKey(block: PemBlock, path: string, passphrase: string | undefined): KeyObject {
  // Decided from the block, not from OpenSSL's error: without a passphrase OpenSSL 3 reports
  // "interrupted or cancelled", and a wrong one sometimes passes the padding check and then
  // fails as "unsupported".
  const encrypted = block.label === 'ENCRYPTED PRIVATE KEY' || /^Proc-Type:\s*4,\s*ENCRYPTED/m.test(block.text);
  if (encrypted && passphrase === undefined) throw certificateCredentialErrors.passphraseRequired(path);
  try {
    return createPrivateKey({ key: block.text, format: 'pem', ...(encrypted ? { passphrase } : {}) });
  } catch {
    throw encrypted
      ? certificateCredentialErrors.wrongPassphrase(path, 'pem', true)
      : certificateCredentialErrors.unsupportedFormat(path, 'its private key is damaged or of a kind this app cannot read');
  }
}

/** True when the bytes are one DER-encoded certificate (a .cer/.der file). */
export function isDerCertificate(bytes: Buffer): boolean {
  if (bytes[0] !== 0x30) return false;
  try {
    new X509Certificate(bytes);
    return true;
  } catch {
    return false;
  }
}

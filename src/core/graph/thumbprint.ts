/**
 * A certificate's SHA-1 thumbprint as one value: the 20 bytes, compared as bytes, shown as
 * upper-case hex the way the Entra admin center and `Get-PfxCertificate` show it.
 *
 * Graph's `keyCredential.customKeyIdentifier` is Edm.Binary and "when not provided in the
 * payload, defaults to the thumbprint of the certificate"
 * (https://learn.microsoft.com/graph/api/resources/keycredential); JSON carries Binary as a
 * base64 string (the same page: `key` is "the certificate's raw data in byte array converted to
 * Base64 string"), so Graph returns the 28 base64 characters of the 20 thumbprint bytes, never hex.
 * OData's JSON format also allows the URL-safe alphabet for Binary, so that is read too. A key once written with the hex
 * text in that field – as Microsoft's own example in
 * https://learn.microsoft.com/graph/applications-how-to-add-certificate does – keeps that text:
 * Graph read the 40 hex characters as base64 (30 bytes) and returns the same 40 characters. Both
 * readings are understood here; a key is best matched by its certificate (`key`, the base64 DER,
 * which Graph returns only on `$select=keyCredentials` of a single object), and by this value
 * only where Graph gives no `key`.
 *
 * Pure: no Node modules (the renderer and src/core use it too).
 */

const thumbprintLength = 20;
const hexPattern = /^[0-9a-fA-F]{40}$/;
const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 (RFC 4648 §4, or §5's URL-safe alphabet; padding optional) to bytes; undefined when it is not base64. */
export function base64Bytes(text: string): Uint8Array | undefined {
  const standard = text.replaceAll('-', '+').replaceAll('_', '/');
  const padded = standard.length % 4 === 0 ? standard : standard.padEnd(standard.length + 4 - (standard.length % 4), '=');
  if (!base64Pattern.test(padded)) return undefined;
  const body = padded.replace(/=+$/, '');
  const bytes = new Uint8Array(Math.floor((body.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let at = 0;
  for (const char of body) {
    buffer = (buffer << 6) | alphabet.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}

export function bytesBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const chunk = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    text +=
      alphabet[(chunk >> 18) & 63]! +
      alphabet[(chunk >> 12) & 63]! +
      (b === undefined ? '=' : alphabet[(chunk >> 6) & 63]!) +
      (c === undefined ? '=' : alphabet[chunk & 63]!);
  }
  return text;
}

export class Thumbprint {
  readonly #bytes: Uint8Array;

  private constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  static fromBytes(bytes: Uint8Array): Thumbprint | undefined {
    return bytes.length === thumbprintLength ? new Thumbprint(Uint8Array.from(bytes)) : undefined;
  }

  /** "4809D6EA…" as the portal and PowerShell show it (either case). */
  static fromHex(hex: string): Thumbprint | undefined {
    if (!hexPattern.test(hex)) return undefined;
    return new Thumbprint(Uint8Array.from(hex.match(/../g)!.map((pair) => Number.parseInt(pair, 16))));
  }

  /**
   * The thumbprint a `customKeyIdentifier` names: the base64 of 20 bytes as Graph defaults it,
   * or – for a key written with the hex text – that text read as hex. Undefined for any other
   * identifier (a custom label), which names no certificate.
   */
  static fromKeyIdentifier(customKeyIdentifier: string | null | undefined): Thumbprint | undefined {
    if (!customKeyIdentifier) return undefined;
    const bytes = base64Bytes(customKeyIdentifier);
    if (bytes?.length === thumbprintLength) return new Thumbprint(bytes);
    return Thumbprint.fromHex(customKeyIdentifier);
  }

  equals(other: Thumbprint | undefined): boolean {
    return other !== undefined && other.#bytes.every((byte, i) => byte === this.#bytes[i]);
  }

  /** Upper-case hex, as the Entra admin center shows it. */
  get hex(): string {
    return [...this.#bytes]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('')
      .toUpperCase();
  }

  /** As Graph carries it in `customKeyIdentifier`. */
  get base64(): string {
    return bytesBase64(this.#bytes);
  }

  toString(): string {
    return this.hex;
  }
}

function sameBytes(a: string, b: string): boolean {
  const left = base64Bytes(a);
  const right = base64Bytes(b);
  return left !== undefined && right !== undefined && left.length === right.length && left.every((byte, i) => byte === right[i]);
}

/** What Graph gives of a key credential that this module reads. */
export type KeyCredentialIdentity = { readonly key?: string | null; readonly customKeyIdentifier?: string | null };

/** A certificate as the product holds it: its DER (base64) and its thumbprint. */
export type CertificateIdentity = { readonly derBase64: string; readonly thumbprint: Thumbprint };

/**
 * Whether a key credential Graph returned is this certificate: by its DER when Graph returned
 * `key` (the certificate itself, which no custom identifier can disguise), else by the
 * thumbprint its `customKeyIdentifier` names.
 */
export function isKeyOfCertificate(key: KeyCredentialIdentity, certificate: CertificateIdentity): boolean {
  if (key.key) return sameBytes(key.key, certificate.derBase64);
  return certificate.thumbprint.equals(Thumbprint.fromKeyIdentifier(key.customKeyIdentifier));
}

/** Whether two key credentials are the same certificate, as far as Graph's answer shows. */
export function isSameCertificate(a: KeyCredentialIdentity, b: KeyCredentialIdentity): boolean {
  if (a.key && b.key) return sameBytes(a.key, b.key);
  const named = Thumbprint.fromKeyIdentifier(a.customKeyIdentifier);
  return named !== undefined && named.equals(Thumbprint.fromKeyIdentifier(b.customKeyIdentifier));
}

/** The thumbprint to show for a key: the one its identifier names, else the identifier as Graph gave it. */
export function keyThumbprintText(key: KeyCredentialIdentity & { readonly keyId?: string | null }): string {
  const named = Thumbprint.fromKeyIdentifier(key.customKeyIdentifier);
  if (named) return named.hex;
  return key.customKeyIdentifier ? `identifier "${key.customKeyIdentifier}"` : `keyId ${key.keyId ?? 'unknown'}`;
}

/**
 * Opening a PKCS#12 (PFX) file with node-forge and handing its keys and certificates over as
 * node:crypto objects, so the rest of the credential code is the same for PFX and PEM.
 *
 * node-forge's behaviour this relies on (verified against node-forge 1.4):
 * - A wrong passphrase on a PFX with a MAC fails the MAC check: "PKCS#12 MAC could not be
 *   verified. Invalid password?". That is the normal case – Windows, OpenSSL and forge all
 *   write a MAC.
 * - A PFX without a MAC is decrypted with whatever passphrase is given: a wrong one usually
 *   fails the padding check ("Unable to decrypt PKCS#8 ShroudedKeyBag, wrong password?"), but
 *   about one try in 150 passes it and the garbage then fails ASN.1 decoding with an unrelated
 *   message, or (aes256, no passphrase) a TypeError. Without a MAC every such failure means
 *   "the passphrase did not decrypt it".
 * - "No passphrase" is two different things in PKCS#12: no password bytes at all, or the empty
 *   string (a BMPString terminator); tools differ, and OpenSSL tries both
 *   (PKCS12_verify_mac). So do we.
 * - pkcs12FromAsn1(asn1, null) takes null as the `strict` flag and fails; pass all three
 *   arguments.
 */
import { type KeyObject, X509Certificate, createPrivateKey } from 'node:crypto';

import forge from 'node-forge';

import { certificateCredentialErrors } from './certificate-credential-error.ts';

/** What a credential file holds, before pairing: every private key and every certificate. */
export type CredentialParts = { readonly keys: readonly KeyObject[]; readonly certificates: readonly X509Certificate[] };

const { Class, Type } = forge.asn1;
const oids = forge.pki.oids;
const macMismatch = 'PKCS#12 MAC could not be verified. Invalid password?';

/** A file whose bytes are a PKCS#12 PFX, recognised by content (whatever its name ends with). */
export type Pkcs12File = {
  /** The DER as forge's binary string. */
  readonly binary: string;
  /** False for the public-key integrity mode (a signature instead of a passphrase), which forge cannot open. */
  readonly passwordIntegrity: boolean;
  /** Whether a MAC guards the contents, i.e. whether a wrong passphrase can be told from damage. */
  readonly integrityChecked: boolean;
};

/** The file as a PFX, or undefined when its bytes are something else. */
export function asPkcs12File(bytes: Buffer): Pkcs12File | undefined {
  if (bytes[0] !== 0x30) return undefined; // a PFX is a DER SEQUENCE
  const binary = bytes.toString('binary');
  let pfx: forge.asn1.Asn1;
  try {
    pfx = forge.asn1.fromDer(binary);
  } catch {
    return undefined;
  }
  // PFX ::= SEQUENCE { version INTEGER, authSafe ContentInfo, macData MacData OPTIONAL } (RFC 7292 §4)
  const [version, authSafe, macData] = children(pfx);
  const [contentType] = authSafe ? children(authSafe) : [];
  if (version?.type !== Type.INTEGER || contentType?.type !== Type.OID || typeof contentType.value !== 'string') return undefined;
  const oid = forge.asn1.derToOid(contentType.value);
  if (oid !== oids.data && oid !== oids.signedData) return undefined;
  return { binary, passwordIntegrity: oid === oids.data, integrityChecked: macData !== undefined };
}

/**
 * Opens the PFX with the passphrase (or, when none is given, with both forms of "none").
 * Throws a CertificateCredentialError for a passphrase that does not open it or a file forge
 * cannot read.
 */
export function readPkcs12(file: Pkcs12File, path: string, passphrase: string | undefined): CredentialParts {
  if (!file.passwordIntegrity) {
    throw certificateCredentialErrors.unsupportedFormat(
      path,
      'it is a PFX protected with a public-key signature instead of a passphrase, which this app does not support',
    );
  }
  // A custodian who types a passphrase for a file that has none must not be told "wrong
  // passphrase" forever, so the empty forms are tried after the given one.
  const candidates = passphrase === undefined ? [undefined, ''] : [passphrase, undefined, ''];
  for (const candidate of candidates) {
    const parts = openWith(file, candidate, path);
    if (parts) return parts;
  }
  throw passphrase === undefined
    ? certificateCredentialErrors.passphraseRequired(path)
    : certificateCredentialErrors.wrongPassphrase(path, 'pkcs12', file.integrityChecked);
}

/** The parts, or undefined when this passphrase does not open the file. */
function openWith(file: Pkcs12File, password: string | undefined, path: string): CredentialParts | undefined {
  const attempt = decode(file, password, { macAlreadyChecked: false });
  if (attempt.kind === 'opened') return attempt.parts;
  if (attempt.kind === 'mac-mismatch') return undefined;
  // PKCS#12's own key derivation (the MAC, 3DES) takes the passphrase as UTF-16, but PBES2
  // (AES, the default of OpenSSL 3 and Windows) takes its UTF-8 bytes (RFC 8018 §3). forge hands
  // PBES2 the UTF-16 code units, so a passphrase with "ü" passes the MAC and then fails to
  // decrypt. Try its UTF-8 form for the decryption; the MAC was checked with the right form.
  if (password !== undefined && /[^\x20-\x7e]/.test(password)) {
    const utf8 = decode(file, forge.util.encodeUtf8(password), { macAlreadyChecked: true });
    if (utf8.kind === 'opened') return utf8.parts;
  }
  // Without a MAC a wrong passphrase and a damaged file look alike; with a matching MAC the
  // passphrase is right and the file is damaged or uses a scheme forge lacks.
  if (!file.integrityChecked) return undefined;
  throw certificateCredentialErrors.unsupportedFormat(path, attempt.detail);
}

type Attempt = { kind: 'opened'; parts: CredentialParts } | { kind: 'mac-mismatch' } | { kind: 'undecodable'; detail: string };

function decode(file: Pkcs12File, password: string | undefined, options: { macAlreadyChecked: boolean }): Attempt {
  // Parsed afresh for each try: pkcs12FromAsn1 rewrites parts of the tree it is given.
  const pfx = forge.asn1.fromDer(file.binary);
  if (options.macAlreadyChecked && Array.isArray(pfx.value)) pfx.value.splice(2);
  let bags: forge.pkcs12.Bag[];
  try {
    bags = forge.pkcs12.pkcs12FromAsn1(pfx, true, password).safeContents.flatMap((contents) => contents.safeBags);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return message === macMismatch
      ? { kind: 'mac-mismatch' }
      : { kind: 'undecodable', detail: `the PFX could not be decoded (${message})` };
  }

  const keys: KeyObject[] = [];
  const certificates: X509Certificate[] = [];
  for (const bag of bags) {
    if (bag.type === oids.certBag) {
      const certificate = certificateFromBag(bag);
      if (!certificate) return { kind: 'undecodable', detail: 'a certificate in the PFX is damaged' };
      certificates.push(certificate);
    } else if (bag.type === oids.keyBag || bag.type === oids.pkcs8ShroudedKeyBag) {
      const key = keyFromBag(bag);
      if (!key) return { kind: 'undecodable', detail: 'its private key is damaged or of a kind this app cannot read' };
      keys.push(key);
    }
  }
  return { kind: 'opened', parts: { keys, certificates } };
}

function keyFromBag(bag: forge.pkcs12.Bag): KeyObject | undefined {
  // forge decodes RSA keys; any other kind arrives as the PrivateKeyInfo ASN.1 (bag.asn1).
  const privateKeyInfo = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)) : bag.asn1;
  try {
    return createPrivateKey({ key: derBuffer(privateKeyInfo), format: 'der', type: 'pkcs8' });
  } catch {
    return undefined;
  }
}

function certificateFromBag(bag: forge.pkcs12.Bag): X509Certificate | undefined {
  try {
    return new X509Certificate(bag.cert ? certificateDer(bag.cert) : derBuffer(bag.asn1));
  } catch {
    return undefined;
  }
}

/**
 * The certificate's exact DER, because the thumbprint Entra ID matches is a hash of it.
 * forge keeps the TBSCertificate as read but rebuilds the outer signatureAlgorithm from parsed
 * fields, which can change its bytes (RSASSA-PSS parameters, an absent NULL). RFC 5280
 * §4.1.1.2 requires that field to equal the `signature` field inside the TBSCertificate, so the
 * certificate is reassembled from that.
 */
function certificateDer(certificate: forge.pki.Certificate): Buffer {
  const tbs = certificate.tbsCertificate;
  const fields = children(tbs);
  const hasVersion = fields[0]?.tagClass === Class.CONTEXT_SPECIFIC; // version [0] EXPLICIT is optional (v1)
  const signatureAlgorithm = fields[hasVersion ? 2 : 1];
  if (!signatureAlgorithm) throw new Error('TBSCertificate without a signature algorithm');
  const signatureValue = forge.asn1.create(Class.UNIVERSAL, Type.BITSTRING, false, `\u0000${certificate.signature as string}`);
  return derBuffer(forge.asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, [tbs, signatureAlgorithm, signatureValue]));
}

function children(node: forge.asn1.Asn1): forge.asn1.Asn1[] {
  return Array.isArray(node.value) ? node.value : [];
}

function derBuffer(node: forge.asn1.Asn1): Buffer {
  return Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');
}

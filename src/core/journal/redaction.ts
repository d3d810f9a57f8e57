/**
 * The one redaction function: nothing reaches the journal without passing through it.
 *
 * Two nets. Declared secret fields (journalSecretFieldNames) are replaced wherever they occur,
 * whatever their value. And because a secret can arrive under an innocent name (an error body
 * echoing a token, a summary built from a template), every string and field name is screened
 * for shapes that are unmistakably secret: a JWT, a PEM private key, a DER private key or a
 * PKCS#12 (PFX) blob in base64. In development that is a bug to fix, so it throws and names the
 * field; in production the custodian must not be stopped mid-incident, so the value is replaced.
 */
import { ActionableError } from '../../shared/actionable-error.ts';
import { isPlainObject } from './canonical.ts';

export type RedactionMode = 'development' | 'production';

export const redactedMarker = '[redacted]';

export class JournalSecretError extends ActionableError {
  constructor(
    readonly path: string,
    readonly looksLike: string,
  ) {
    super(
      `Refused to journal ${path}: it looks like ${looksLike}, and no secret may enter the journal.`,
      `Declare the field as secret-bearing (journalSecretFieldNames) or leave the value out before journaling; ` +
        `a production build would have stored "[redacted: looked like ${looksLike}]" instead.`,
    );
    this.name = 'JournalSecretError';
  }
}

const normaliseFieldName = (name: string): string => {
  const lower = name.toLowerCase();
  return lower.includes('-') || lower.includes('_') ? lower.replace(/[-_]/g, '') : lower;
};

/** Every append is redacted, so the normalised name set is built once per list, not per call. */
const normalisedSets = new WeakMap<object, ReadonlySet<string>>();

function normalisedSecretNames(names: Iterable<string>): ReadonlySet<string> {
  const cached = normalisedSets.get(names);
  if (cached) return cached;
  const set = new Set(Array.from(names, normaliseFieldName));
  normalisedSets.set(names, set);
  return set;
}

type Detector = { readonly looksLike: string; readonly test: (text: string) => boolean };

/**
 * True whenever any detector could match, so most strings (every append screens a dozen) are
 * ruled out by their length alone: the shortest JWT the pattern accepts is 25 characters, a
 * base64 key needs 64.
 */
function mightBeSecret(text: string): boolean {
  if (text.length < 25) return false;
  return text.length >= 64 || text.includes('eyJ') || text.includes('PRIVATE KEY');
}

const detectors: readonly Detector[] = [
  // RSA/EC/OPENSSH/ENCRYPTED/PGP variants all end their BEGIN line with "PRIVATE KEY".
  { looksLike: 'a PEM private key', test: (text) => /-----BEGIN [A-Z0-9 ]*PRIVATE KEY/.test(text) },
  // header.payload.signature, base64url; the header is JSON, so it always starts `eyJ` ('{"').
  { looksLike: 'a JSON Web Token', test: (text) => /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*/.test(text) },
  { looksLike: 'a PKCS#12 (PFX) file or DER private key', test: containsBase64PrivateKey },
];

type Context = {
  readonly secretNames: ReadonlySet<string>;
  readonly mode: RedactionMode;
};

/**
 * Returns a copy of `data` with declared secret fields replaced by "[redacted]" at any depth and
 * undeclared secret-looking strings refused (development) or replaced (production). `path`
 * names the root in error messages (e.g. "data").
 */
export function redactForJournal(
  data: unknown,
  secretFieldNames: Iterable<string>,
  options: { readonly mode: RedactionMode; readonly path?: string },
): unknown {
  const context: Context = { secretNames: normalisedSecretNames(secretFieldNames), mode: options.mode };
  return redactValue(data, options.path ?? '(value)', context);
}

function redactValue(value: unknown, path: string, context: Context): unknown {
  if (typeof value === 'string') return screenString(value, path, context);
  if (Array.isArray(value)) return value.map((item, index) => redactValue(item, `${path}[${index}]`, context));
  if (!isPlainObject(value)) return value;

  const copy: Record<string, unknown> = {};
  let redactedNames = 0;
  for (const [name, item] of Object.entries(value)) {
    if (screenString(name, path, context, 'field name') !== name) {
      redactedNames += 1;
      copy[`[redacted field name ${redactedNames}]`] = redactedMarker;
      continue;
    }
    const declaredSecret = context.secretNames.has(normaliseFieldName(name)) && item !== null && item !== undefined;
    const redacted = declaredSecret ? redactedMarker : redactValue(item, `${path}.${name}`, context);
    // A field called "__proto__" (JSON.parse makes those) must stay a field, not become the prototype.
    if (name === '__proto__') Object.defineProperty(copy, name, { value: redacted, enumerable: true, writable: true, configurable: true });
    else copy[name] = redacted;
  }
  return copy;
}

/** For a field name, `path` names the object holding it: the name itself is what looks secret. */
function screenString(text: string, path: string, context: Context, what: 'value' | 'field name' = 'value'): string {
  if (!mightBeSecret(text)) return text;
  for (const detector of detectors) {
    if (!detector.test(text)) continue;
    if (context.mode === 'development') {
      throw new JournalSecretError(what === 'value' ? path : `a field name in ${path}`, detector.looksLike);
    }
    // The whole string goes, not just the match: text around a secret often holds part of it.
    return `[redacted: looked like ${detector.looksLike}]`;
  }
  return text;
}

/**
 * DER in base64 begins with "M" (0x30, a SEQUENCE). After its length comes the first field:
 * INTEGER 3 is the PKCS#12 version (RFC 7292); INTEGER 0 followed by a SEQUENCE or INTEGER is a
 * PKCS#8 or PKCS#1 private key; INTEGER 1 followed by an OCTET STRING is an SEC 1 EC private key.
 * Certificates and public keys start with another SEQUENCE instead, so they pass. Only the start
 * of each base64 run is decoded: a blob is always set off from surrounding text by a quote,
 * "=", ":" or a line break, and looking inside it could mistake a nested structure for a key.
 */
function containsBase64PrivateKey(text: string): boolean {
  if (text.length < 64) return false;
  for (const run of text.matchAll(/[A-Za-z0-9+/]{64,}/g)) {
    if (run[0].startsWith('M') && looksLikePrivateDer(decodeBase64Prefix(run[0].slice(0, 16)))) return true;
  }
  return false;
}

function decodeBase64Prefix(chunk: string): number[] {
  try {
    return Array.from(atob(chunk), (char) => char.charCodeAt(0));
  } catch {
    return [];
  }
}

function looksLikePrivateDer(bytes: readonly number[]): boolean {
  if (bytes[0] !== 0x30 || bytes[1] === undefined) return false;
  const lengthOctets = bytes[1] < 0x80 ? 0 : bytes[1] - 0x80;
  if (lengthOctets > 3) return false;
  const body = 2 + lengthOctets;
  if (bytes[body] !== 0x02 || bytes[body + 1] !== 0x01) return false;
  const version = bytes[body + 2];
  const next = bytes[body + 3];
  if (version === 0x03) return true;
  if (version === 0x00) return next === 0x30 || next === 0x02;
  if (version === 0x01) return next === 0x04;
  return false;
}

/**
 * An entry's stored form and the exact text its hash covers.
 *
 * `data` and `graphRequestIds` are kept as the canonical JSON text that was written, and the
 * hashed text embeds that text verbatim. So verifying a stored journal never parses JSON, and a
 * JSON column that was re-encoded (even to something that means the same) fails its hash –
 * the journal proves its bytes, not just its meaning. Verifying 100,000 entries in under a
 * second (docs/architecture.md, "Benchmarks") depends on this.
 */
import { canonicalJson, isPlainObject, NotCanonicalJsonError } from './canonical.ts';
import { JournalEntryKind, Sha256Hex, UtcTimestamp, type JournalEntry, type JournalEntryContent } from './model.ts';

export type EncodedEntryContent = Omit<JournalEntryContent, 'data' | 'graphRequestIds'> & {
  readonly dataJson: string;
  readonly graphRequestIdsJson?: string | undefined;
};

export type EncodedJournalEntry = EncodedEntryContent & { readonly prevHash: string; readonly hash: string };

/** Throws NotCanonicalJsonError (naming the field) when data or the ids are not JSON of the right shape. */
export function encodeEntryContent(content: JournalEntryContent): EncodedEntryContent {
  // Built field by field rather than with spreads: this runs on every append and every verify.
  const encoded: Mutable<EncodedEntryContent> = {
    seq: content.seq,
    at: content.at,
    sessionId: content.sessionId,
    actor: content.actor,
    kind: content.kind,
    summary: content.summary,
    dataJson: encodeField('.data', content.data, isPlainObject(content.data), 'a JSON object'),
  };
  if (content.witness !== undefined) encoded.witness = content.witness;
  if (content.stepId !== undefined) encoded.stepId = content.stepId;
  const ids: unknown = content.graphRequestIds;
  if (ids !== undefined)
    encoded.graphRequestIdsJson = encodeField('.graphRequestIds', ids, isNonEmptyTextList(ids), 'a non-empty list of request ids');
  return encoded;
}

type Mutable<T> = { -readonly [Key in keyof T]: T[Key] };

function isNonEmptyTextList(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string' && item.length > 0);
}

function encodeField(path: string, value: unknown, shapeOk: boolean, expected: string): string {
  try {
    if (!shapeOk) throw new NotCanonicalJsonError(`must be ${expected}`);
    return canonicalJson(value);
  } catch (error) {
    throw error instanceof NotCanonicalJsonError ? error.within(path) : error;
  }
}

export function encodeEntry(entry: JournalEntry): EncodedJournalEntry {
  return Object.assign(encodeEntryContent(entry), { prevHash: entry.prevHash, hash: entry.hash });
}

/**
 * canonicalJson of the content object, written out field by field in sorted key order so the
 * JSON columns can be embedded as they are. A unit test holds it equal to canonicalJson.
 */
export function canonicalEntryText(content: EncodedEntryContent): string {
  const str = JSON.stringify;
  let text = `{"actor":${str(content.actor)},"at":${str(content.at)},"data":${content.dataJson}`;
  if (content.graphRequestIdsJson !== undefined) text += `,"graphRequestIds":${content.graphRequestIdsJson}`;
  text += `,"kind":${str(content.kind)},"seq":${str(content.seq)},"sessionId":${str(content.sessionId)}`;
  if (content.stepId !== undefined) text += `,"stepId":${str(content.stepId)}`;
  text += `,"summary":${str(content.summary)}`;
  if (content.witness !== undefined) text += `,"witness":${str(content.witness)}`;
  return `${text}}`;
}

const entryKinds: ReadonlySet<unknown> = new Set(JournalEntryKind.options);
const requiredText = ['sessionId', 'actor', 'summary', 'dataJson'] as const;
const optionalText = ['witness', 'stepId', 'graphRequestIdsJson'] as const;
const hashes = ['prevHash', 'hash'] as const;
const knownFields: ReadonlySet<string> = new Set(['seq', 'at', 'kind', ...requiredText, ...optionalText, ...hashes]);

const isText = (value: unknown): boolean => typeof value === 'string' && value.length > 0;

/**
 * What is wrong with the shape of an encoded entry, if anything. This is the JournalEntry
 * schema (model.ts) checked by hand, because zod costs more than hashing on a 100,000-entry
 * verify; a unit test holds the two in agreement.
 */
export function encodedEntryProblem(entry: Readonly<Record<string, unknown>>): string | undefined {
  const { seq, at } = entry;
  // Field values are checked with the schema's own pieces; only the object's outline is repeated.
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return 'seq: not a positive whole number';
  if (!UtcTimestamp.safeParse(at).success) return 'at: not a UTC timestamp';
  if (!entryKinds.has(entry.kind)) return 'kind: not a journal entry kind';
  for (const field of requiredText) if (!isText(entry[field])) return `${field}: missing or empty`;
  for (const field of optionalText) if (entry[field] !== undefined && !isText(entry[field])) return `${field}: empty`;
  for (const field of hashes) {
    if (!Sha256Hex.safeParse(entry[field]).success) return `${field}: not a SHA-256 hash`;
  }
  for (const field in entry) if (!knownFields.has(field)) return `${field}: not a journal entry field`;
  return undefined;
}

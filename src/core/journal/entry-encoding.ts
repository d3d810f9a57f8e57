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
import { JournalEntryKind, sha256HexPattern, UtcTimestamp, type JournalEntry, type JournalEntryContent } from './model.ts';

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
  let text = `{"actor":${quoted(content.actor)},"at":${quoted(content.at)},"data":${content.dataJson}`;
  if (content.graphRequestIdsJson !== undefined) text += `,"graphRequestIds":${content.graphRequestIdsJson}`;
  text += `,"kind":${quoted(content.kind)},"seq":${JSON.stringify(content.seq)},"sessionId":${quoted(content.sessionId)}`;
  if (content.stepId !== undefined) text += `,"stepId":${quoted(content.stepId)}`;
  text += `,"summary":${quoted(content.summary)}`;
  if (content.witness !== undefined) text += `,"witness":${quoted(content.witness)}`;
  return `${text}}`;
}

/**
 * What JSON.stringify escapes in a string: a quote, a backslash, a control character, or a
 * surrogate (only a lone one is escaped, but any sends the string the slow way, which is exact).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: JSON escapes them
const needsEscaping = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * JSON.stringify of a string, without its cost when nothing needs escaping (nearly always: a
 * verify of 100,000 entries quotes 700,000 strings). Anything else, including a value that is
 * not a string, goes through JSON.stringify itself.
 */
function quoted(value: unknown): string {
  return typeof value === 'string' && !needsEscaping.test(value) ? `"${value}"` : JSON.stringify(value);
}

const entryKinds: ReadonlySet<unknown> = new Set(JournalEntryKind.options);
const requiredFields = ['seq', 'at', 'kind', 'sessionId', 'actor', 'summary', 'dataJson', 'prevHash', 'hash'] as const;
const optionalFields = ['witness', 'stepId', 'graphRequestIdsJson'] as const;
const hashes = ['prevHash', 'hash'] as const;
const requiredFieldCount = requiredFields.length;
const knownFields: ReadonlySet<string> = new Set([...requiredFields, ...optionalFields]);
// The schema's own patterns, so the hand-written check below cannot drift from them.
const utcTimestampPattern = UtcTimestamp.def.pattern ?? missingPattern('UtcTimestamp');

function missingPattern(schema: string): never {
  throw new Error(`The ${schema} schema has no pattern to check journal entries with (a zod upgrade changed it).`);
}

/** A non-empty string: the schema's Text. */
export const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** Why a field that failed isText is not text: `absent` when it is missing or empty. Built only for a message. */
function notText(field: string, value: unknown, absent: string): string {
  if (value === undefined || value === null || value === '') return `${field}: ${absent}`;
  // Bytes are what SQLite hands back for a BLOB, which the app never stores.
  return `${field}: not text (${value instanceof Uint8Array ? 'bytes' : typeof value})`;
}

/**
 * What is wrong with the shape of an encoded entry, if anything. This is the JournalEntry
 * schema (model.ts) checked by hand, because zod costs more than hashing on a 100,000-entry
 * verify; a unit test holds the two in agreement.
 */
export function encodedEntryProblem(entry: Readonly<Record<string, unknown>>): string | undefined {
  return encodedContentProblem(entry) ?? hashFieldsProblem(entry);
}

/**
 * encodedEntryProblem without the two hash fields, which verify checks only when they disagree.
 * Written out field by field: a loop over field names costs more here than the hash.
 */
export function encodedContentProblem(entry: Readonly<Record<string, unknown>>): string | undefined {
  const { seq, at, sessionId, actor, summary, dataJson, witness, stepId, graphRequestIdsJson } = entry;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return 'seq: not a positive whole number';
  if (typeof at !== 'string' || !utcTimestampPattern.test(at)) return 'at: not a UTC timestamp';
  if (!entryKinds.has(entry.kind)) return 'kind: not a journal entry kind';
  if (!isText(sessionId)) return notText('sessionId', sessionId, 'missing or empty');
  if (!isText(actor)) return notText('actor', actor, 'missing or empty');
  if (!isText(summary)) return notText('summary', summary, 'missing or empty');
  if (!isText(dataJson)) return notText('dataJson', dataJson, 'missing or empty');
  let fields = requiredFieldCount;
  if (witness !== undefined) {
    if (!isText(witness)) return notText('witness', witness, 'empty');
    fields += 1;
  }
  if (stepId !== undefined) {
    if (!isText(stepId)) return notText('stepId', stepId, 'empty');
    fields += 1;
  }
  if (graphRequestIdsJson !== undefined) {
    if (!isText(graphRequestIdsJson)) return notText('graphRequestIdsJson', graphRequestIdsJson, 'empty');
    fields += 1;
  }
  // Exactly the fields counted: nothing else. Otherwise look for the one that does not belong
  // (a known field holding undefined, or a missing hash field, also lands here and passes).
  if (Object.keys(entry).length !== fields) {
    for (const field in entry) if (!knownFields.has(field)) return `${field}: not a journal entry field`;
  }
  return undefined;
}

/**
 * What is wrong with `prevHash` or `hash`. A hash equal to one just computed is well formed by
 * construction, so the chain check asks this only of an entry whose hashes did not match.
 */
export function hashFieldsProblem(entry: Readonly<Record<string, unknown>>): string | undefined {
  for (const field of hashes) {
    const value = entry[field];
    if (typeof value !== 'string' || !sha256HexPattern.test(value)) return `${field}: not a SHA-256 hash`;
  }
  return undefined;
}

/**
 * The hash chain: each entry commits to the previous entry's hash and to its own canonical
 * content, so an edit, deletion, insertion or reordering anywhere breaks it at that point.
 *
 * What verification finds (test/integration/journal-tamper.test.ts tries each at random):
 * - Without a recorded head: any change to the stored text of an entry (any column, including
 *   JSON re-encoded to mean the same, or a changed type, NULL or empty text), a deleted,
 *   inserted, duplicated, swapped or renumbered entry – with the changed position among the bad
 *   entries. Not found: entries removed from the end, or the chain rewritten from some entry to
 *   the end with fresh hashes; what is left is a shorter or different but consistent chain.
 * - With `expectHead`, a head recorded earlier (printed on a report): all of that, and the removed
 *   or rewritten tail too, because that head is no longer in the chain (`head-mismatch`).
 * - Never: entries appended after the recorded head and sealed correctly. Anyone with the file and
 *   this formula can append, so such entries are only as good as a head recorded after them.
 * - Text edited into bytes that are not UTF-8, which SQLite reads back as the U+FFFD the app stored
 *   there (so the text still matches its hash): the store marks such an item (`storedFormProblem`).
 * A change that leaves every stored value as it was (a value written again, a VACUUM) is never
 * reported: the journal does not cry wolf.
 */
import { hash } from 'node:crypto';
import { ActionableError } from '../../shared/actionable-error.ts';
import { NotCanonicalJsonError } from './canonical.ts';
import {
  canonicalEntryText,
  encodedContentProblem,
  encodeEntryContent,
  hashFieldsProblem,
  type EncodedEntryContent,
  type EncodedJournalEntry,
} from './entry-encoding.ts';
import { genesisHash, JournalEntry, type JournalEntryContent } from './model.ts';

const journalEntryFields: ReadonlySet<string> = new Set(Object.keys(JournalEntry.shape));

/**
 * Set by storage on an item whose stored form the app cannot have written, to why (e.g. "its
 * stored summary is not valid UTF-8"): the entry is reported as edited even when what was read
 * back matches its hash. A symbol, so it is never taken for a field of the entry.
 */
export const storedFormProblem: unique symbol = Symbol('storedFormProblem');
type StoredItem = { readonly [storedFormProblem]?: string };

export function hashEncodedContent(prevHash: string, content: EncodedEntryContent): string {
  // crypto.hash (Node ≥ 20.12) is the one-shot form of createHash, at half the cost per entry.
  return hash('sha256', prevHash + canonicalEntryText(content), 'hex');
}

export function hashEntryContent(prevHash: string, content: JournalEntryContent): string {
  return hashEncodedContent(prevHash, encodeEntryContent(content));
}

/** Links new content to the chain: the only way an entry gets its hashes. */
export function sealEntry(content: JournalEntryContent, prevHash: string): JournalEntry {
  return sealEntryForStorage(content, prevHash).entry;
}

/** sealEntry, also returning the stored form it hashed, so the store encodes the data once. */
export function sealEntryForStorage(content: JournalEntryContent, prevHash: string): { entry: JournalEntry; encoded: EncodedJournalEntry } {
  const encodedContent = encodeEntryContent(content);
  const hash = hashEncodedContent(prevHash, encodedContent);
  return { entry: { ...content, prevHash, hash }, encoded: Object.assign(encodedContent, { prevHash, hash }) };
}

export type ChainProblem = 'missing' | 'duplicated' | 'out-of-order' | 'malformed' | 'broken-link' | 'edited' | 'head-mismatch';

/** One place where the chain is broken: `seq` is the position in the chain where it breaks. */
export type BadEntry = { readonly seq: number; readonly problem: ChainProblem; readonly reason: string };

export type ChainVerdict =
  | { readonly intact: true; readonly count: number; readonly head: string }
  | {
      readonly intact: false;
      /** The first bad entry, repeated from `badEntries[0]`. */
      readonly firstBadSeq: number;
      readonly problem: ChainProblem;
      readonly reason: string;
      /** Every bad entry in chain order (at least one): tampering further on is never hidden by the first. */
      readonly badEntries: readonly BadEntry[];
    };

export type VerifyChainOptions = {
  /**
   * A head hash recorded earlier (e.g. printed on a report). The chain must still contain the
   * entry with that hash; entries appended after it are fine, a chain that stops before it (or
   * no longer has it at all) is reported as `head-mismatch`.
   */
  readonly expectHead?: string | undefined;
  /**
   * The seq of the entry that had `expectHead`, when it is known (a witness file records it): a
   * journal that stops before it is then reported with the number of entries removed from its end.
   */
  readonly expectHeadSeq?: number | undefined;
};

const short = (hash: string): string => `${hash.slice(0, 12)}…`;

/** "entry 4", or "the start of the journal" before entry 1: built only for a message. */
const positionBefore = (expectedSeq: number): string => (expectedSeq === 1 ? 'the start of the journal' : `entry ${expectedSeq - 1}`);

/**
 * Checks entries in the order given (seq 1, 2, 3 …) and names every one that is wrong. Each
 * item is a JournalEntry or, straight from storage, an EncodedJournalEntry; items are typed
 * `unknown` because storage and exports can hold anything, and whatever is not a well-formed
 * entry is reported as `malformed`, never trusted.
 *
 * After a bad entry the check carries on, so that one change is reported once, not at every
 * entry after it: a duplicated or out-of-place copy is passed over, a gap is reported once and
 * the entry after it checked on its own, and the entry after any bad one is not asked to follow
 * on from it (its own hash still covers the link it records, so an edit there is still found).
 */
export function verifyChain(entries: Iterable<unknown>, options: VerifyChainOptions = {}): ChainVerdict {
  const expectHead = options.expectHead === undefined ? undefined : normaliseExpectedHead(options.expectHead);
  let expectedSeq = 1;
  // The hash the next entry must record as its previous one; undefined right after a bad entry.
  let prevHash: string | undefined = genesisHash;
  let lastHash = genesisHash;
  let sawExpectedHead = expectHead === genesisHash;
  // Items without a valid seq just before this one, each assumed to hold the slot it was found in.
  let guessedSlots = 0;
  const badEntries: BadEntry[] = [];

  const bad = (problem: ChainProblem, reason: string): void => {
    badEntries.push({ seq: expectedSeq, problem, reason });
  };

  for (const item of entries) {
    const record = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
    const seq = record.seq;
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) {
      bad('malformed', `The entry after ${positionBefore(expectedSeq)} has no valid sequence number.`);
      prevHash = undefined;
      expectedSeq += 1;
      guessedSlots += 1;
      continue;
    }
    // The entries that follow say the invalid items held no slot of their own (a row renumbered
    // to 0 sorts first): take the slots back, so the entry after them is checked, not "duplicated".
    if (seq < expectedSeq && seq >= expectedSeq - guessedSlots) expectedSeq = seq;
    guessedSlots = 0;
    if (seq === expectedSeq - 1) {
      bad('duplicated', `Entry ${seq} appears twice; entry ${expectedSeq} should follow it.`);
      continue;
    }
    if (seq < expectedSeq) {
      bad('out-of-order', `Entry ${seq} appears after entry ${expectedSeq - 1}: the entries were reordered.`);
      continue;
    }
    if (seq > expectedSeq) {
      const gap = seq === expectedSeq + 1 ? `Entry ${expectedSeq} is missing` : `Entries ${expectedSeq}–${seq - 1} are missing`;
      bad('missing', `${gap}: entry ${seq} follows ${positionBefore(expectedSeq)}.`);
      expectedSeq = seq;
      prevHash = undefined;
    }
    const encoded = encodedOrProblem(record, seq);
    if (typeof encoded === 'string') {
      bad('malformed', encoded);
      prevHash = undefined;
      expectedSeq += 1;
      continue;
    }
    const linked = prevHash === undefined || encoded.prevHash === prevHash;
    const sound = linked && hashEncodedContent(encoded.prevHash, encoded) === encoded.hash;
    // The hash fields' form is checked only where a match has not proven it (a hash equal to a
    // computed or linked one is well formed): the hot path of a 100,000-entry verify skips it.
    const malformedHashes = sound && prevHash !== undefined ? undefined : hashProblem(encoded, seq);
    if (malformedHashes !== undefined) {
      bad('malformed', malformedHashes);
      prevHash = undefined;
      expectedSeq += 1;
      continue;
    }
    if (!linked) {
      const previous = seq === 1 ? 'nothing (it is the first entry)' : `entry ${seq - 1}, whose hash is ${short(prevHash ?? '')}`;
      bad(
        'broken-link',
        `Entry ${seq} does not follow on from the entry before it: it records ${short(encoded.prevHash)} as the previous hash, but it follows ${previous}.`,
      );
    } else if (!sound) {
      bad('edited', `Entry ${seq} was changed after it was written: its content no longer matches its hash.`);
    }
    // Looked up only now, so the hot path pays for one property read per entry and nothing more.
    const storedProblem = sound ? (record as StoredItem)[storedFormProblem] : undefined;
    if (storedProblem !== undefined) bad('edited', `Entry ${seq} was changed after it was written: ${String(storedProblem)}.`);
    if (encoded.hash === expectHead) sawExpectedHead = true;
    prevHash = sound && storedProblem === undefined ? encoded.hash : undefined;
    lastHash = encoded.hash;
    expectedSeq += 1;
  }

  const count = expectedSeq - 1;
  if (expectHead !== undefined && !sawExpectedHead) {
    badEntries.push({
      seq: count + 1,
      problem: 'head-mismatch',
      reason: headMismatchReason(expectHead, options.expectHeadSeq, count, lastHash),
    });
  }
  const [first] = badEntries;
  if (!first) return { intact: true, count, head: lastHash };
  return { intact: false, firstBadSeq: first.seq, problem: first.problem, reason: first.reason, badEntries };
}

function headMismatchReason(expectHead: string, expectHeadSeq: number | undefined, count: number, lastHash: string): string {
  const ends = `The journal ends at entry ${count} (hash ${short(lastHash)})`;
  if (expectHeadSeq === undefined) {
    return `No entry has the expected head hash ${short(expectHead)}. ${ends}: entries after it were removed, or the journal was rewritten.`;
  }
  if (count < expectHeadSeq) {
    const missing = expectHeadSeq - count;
    const which = missing === 1 ? `Entry ${expectHeadSeq} is` : `${missing} entries (#${count + 1}–#${expectHeadSeq}) are`;
    return (
      `${which} missing from the end: the witnessed head is entry ${expectHeadSeq} (hash ${short(expectHead)}). ` +
      `${ends}, so its tail was removed (any entries written after the witness are gone too).`
    );
  }
  return `Entry ${expectHeadSeq} no longer has the witnessed hash ${short(expectHead)}. ${ends}: the journal was rewritten at or before entry ${expectHeadSeq}.`;
}

/** The item as a stored entry, or why it is not a valid journal entry (its hash fields aside: see hashProblem). */
function encodedOrProblem(record: Record<string, unknown>, seq: number): EncodedJournalEntry | string {
  let entry: Record<string, unknown>;
  try {
    if ('dataJson' in record) entry = record;
    else {
      const unknownField = Object.keys(record).find((field) => !journalEntryFields.has(field));
      if (unknownField) return `Entry ${seq} is not a valid journal entry (${unknownField}: not a journal entry field).`;
      entry = Object.assign(encodeEntryContent(record as JournalEntryContent), { prevHash: record.prevHash, hash: record.hash });
    }
  } catch (error) {
    if (!(error instanceof NotCanonicalJsonError)) throw error;
    return `Entry ${seq} is not a valid journal entry (${error.message.replace(/^\./, '')}).`;
  }
  const problem = encodedContentProblem(entry);
  return problem ? `Entry ${seq} is not a valid journal entry (${problem}).` : (entry as EncodedJournalEntry);
}

/** Why the hash fields of an otherwise valid entry are not hashes, if they are not. */
function hashProblem(entry: EncodedJournalEntry, seq: number): string | undefined {
  const problem = hashFieldsProblem(entry);
  return problem ? `Entry ${seq} is not a valid journal entry (${problem}).` : undefined;
}

function normaliseExpectedHead(hash: string): string {
  const normalised = hash.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(normalised)) {
    throw new ActionableError(
      `The expected head "${hash}" is not a journal hash (64 hexadecimal characters).`,
      'Copy the chain head exactly as printed on the report, then verify again.',
    );
  }
  return normalised;
}

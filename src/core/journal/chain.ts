/**
 * The hash chain: each entry commits to the previous entry's hash and to its own canonical
 * content, so an edit, deletion, insertion or reordering anywhere breaks it at that point.
 *
 * A chain rewritten from some point on with fresh hashes is still self-consistent; only a hash
 * recorded elsewhere (the head printed on a report) can expose that, or a truncated tail – hence
 * `expectHead`.
 */
import { hash } from 'node:crypto';
import { ActionableError } from '../../shared/actionable-error.ts';
import { NotCanonicalJsonError } from './canonical.ts';
import {
  canonicalEntryText,
  encodedEntryProblem,
  encodeEntryContent,
  type EncodedEntryContent,
  type EncodedJournalEntry,
} from './entry-encoding.ts';
import { genesisHash, JournalEntry, type JournalEntryContent } from './model.ts';

const journalEntryFields: ReadonlySet<string> = new Set(Object.keys(JournalEntry.shape));

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

export type ChainVerdict =
  | { readonly intact: true; readonly count: number; readonly head: string }
  | { readonly intact: false; readonly firstBadSeq: number; readonly problem: ChainProblem; readonly reason: string };

export type VerifyChainOptions = {
  /**
   * A head hash recorded earlier (e.g. printed on a report). The chain must still contain the
   * entry with that hash; entries appended after it are fine, a chain that stops before it (or
   * no longer has it at all) is reported as `head-mismatch`.
   */
  readonly expectHead?: string | undefined;
};

const short = (hash: string): string => `${hash.slice(0, 12)}…`;

/**
 * Checks entries in the order given (seq 1, 2, 3 …) and names the first one that is wrong.
 * Each item is a JournalEntry or, straight from storage, an EncodedJournalEntry; items are
 * typed `unknown` because storage and exports can hold anything, and whatever is not a
 * well-formed entry is reported as `malformed`, never trusted.
 */
export function verifyChain(entries: Iterable<unknown>, options: VerifyChainOptions = {}): ChainVerdict {
  const expectHead = options.expectHead === undefined ? undefined : normaliseExpectedHead(options.expectHead);
  let expectedSeq = 1;
  let prevHash = genesisHash;
  let sawExpectedHead = expectHead === genesisHash;

  const broken = (problem: ChainProblem, reason: string): ChainVerdict => ({ intact: false, firstBadSeq: expectedSeq, problem, reason });

  for (const item of entries) {
    const record = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
    const seq = record.seq;
    const after = expectedSeq === 1 ? 'the start of the journal' : `entry ${expectedSeq - 1}`;
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) {
      return broken('malformed', `The entry after ${after} has no valid sequence number.`);
    }
    if (seq > expectedSeq) {
      const gap = seq === expectedSeq + 1 ? `Entry ${expectedSeq} is missing` : `Entries ${expectedSeq}–${seq - 1} are missing`;
      return broken('missing', `${gap}: entry ${seq} follows ${after}.`);
    }
    if (seq === expectedSeq - 1) {
      return broken('duplicated', `Entry ${seq} appears twice; entry ${expectedSeq} should follow it.`);
    }
    if (seq < expectedSeq) {
      return broken('out-of-order', `Entry ${seq} appears after entry ${expectedSeq - 1}: the entries were reordered.`);
    }
    let entry: Record<string, unknown>;
    try {
      if ('dataJson' in record) entry = record;
      else {
        const unknownField = Object.keys(record).find((field) => !journalEntryFields.has(field));
        if (unknownField)
          return broken('malformed', `Entry ${seq} is not a valid journal entry (${unknownField}: not a journal entry field).`);
        entry = Object.assign(encodeEntryContent(record as JournalEntryContent), { prevHash: record.prevHash, hash: record.hash });
      }
    } catch (error) {
      if (!(error instanceof NotCanonicalJsonError)) throw error;
      return broken('malformed', `Entry ${seq} is not a valid journal entry (${error.message.replace(/^\./, '')}).`);
    }
    const problem = encodedEntryProblem(entry);
    if (problem) return broken('malformed', `Entry ${seq} is not a valid journal entry (${problem}).`);
    const encoded = entry as EncodedJournalEntry;
    if (encoded.prevHash !== prevHash) {
      const previous = seq === 1 ? 'nothing (it is the first entry)' : `entry ${seq - 1}, whose hash is ${short(prevHash)}`;
      return broken(
        'broken-link',
        `Entry ${seq} does not follow on from the entry before it: it records ${short(encoded.prevHash)} as the previous hash, but it follows ${previous}.`,
      );
    }
    if (hashEncodedContent(prevHash, encoded) !== encoded.hash) {
      return broken('edited', `Entry ${seq} was changed after it was written: its content no longer matches its hash.`);
    }
    if (encoded.hash === expectHead) sawExpectedHead = true;
    prevHash = encoded.hash;
    expectedSeq += 1;
  }

  const count = expectedSeq - 1;
  if (expectHead !== undefined && !sawExpectedHead) {
    return {
      intact: false,
      firstBadSeq: count + 1,
      problem: 'head-mismatch',
      reason:
        `No entry has the expected head hash ${short(expectHead)}. The journal ends at entry ${count} ` +
        `(hash ${short(prevHash)}): entries after it were removed, or the journal was rewritten.`,
    };
  }
  return { intact: true, count, head: prevHash };
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

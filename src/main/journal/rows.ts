/**
 * How an entry is laid out in a `journal_entries` row, and back.
 *
 * The JSON columns hold the canonical text that was hashed (see entry-encoding.ts). Reading is
 * deliberately suspicious: the file may have been edited by hand, so `verify` gets the row as
 * it is, and everything else gets either a valid entry or an error pointing to `verify`.
 */
import type { Statement } from 'better-sqlite3';
import { ActionableError } from '../../shared/actionable-error.ts';
import { storedFormProblem } from '../../core/journal/chain.ts';
import { encodeEntry, type EncodedJournalEntry } from '../../core/journal/entry-encoding.ts';
import { JournalEntry } from '../../core/journal/model.ts';

export type EntryRow = {
  seq: number;
  at: string;
  session_id: string;
  actor: string;
  witness: string | null;
  kind: string;
  step_id: string | null;
  summary: string;
  data: string;
  graph_request_ids: string | null;
  prev_hash: string;
  hash: string;
};

export const entryColumns = 'seq, at, session_id, actor, witness, kind, step_id, summary, data, graph_request_ids, prev_hash, hash';

export const insertEntrySql = `INSERT INTO journal_entries (${entryColumns})
  VALUES (@seq, @at, @session_id, @actor, @witness, @kind, @step_id, @summary, @data, @graph_request_ids, @prev_hash, @hash)`;

export function entryToRow(entry: JournalEntry): EntryRow {
  return encodedEntryToRow(encodeEntry(entry));
}

export function encodedEntryToRow(encoded: EncodedJournalEntry): EntryRow {
  return {
    seq: encoded.seq,
    at: encoded.at,
    session_id: encoded.sessionId,
    actor: encoded.actor,
    witness: encoded.witness ?? null,
    kind: encoded.kind,
    step_id: encoded.stepId ?? null,
    summary: encoded.summary,
    data: encoded.dataJson,
    graph_request_ids: encoded.graphRequestIdsJson ?? null,
    prev_hash: encoded.prevHash,
    hash: encoded.hash,
  };
}

/** The columns of `entryColumns` after seq (an integer: it is the rowid), in the same order. */
const storedColumns = entryColumns.split(', ').slice(1);

/** The columns after seq exactly as stored, for one row (`?`: its seq), for `storedTextProblem`. */
export const storedBytesSql = `SELECT ${storedColumns.map((column) => `CAST(${column} AS BLOB)`).join(', ')} FROM journal_entries WHERE seq = ?`;

/** Reads one row's columns after seq as stored. */
type ReadStoredBytes = (seq: unknown) => readonly unknown[] | undefined;

/** rawRowToEncodedEntry for the rows of one verify; `storedBytes` is storedBytesSql prepared in raw mode. */
export function storedEntryReader(storedBytes: Statement): (values: readonly unknown[]) => Record<string | symbol, unknown> {
  const readStoredBytes: ReadStoredBytes = (seq) => storedBytes.get(seq) as unknown[] | undefined;
  return (values) => rawRowToEncodedEntry(values, readStoredBytes);
}

/**
 * For `verify`: the row as stored, JSON columns untouched, for the chain check to judge. The row
 * is an array of `entryColumns` values (better-sqlite3's raw mode), as building row objects costs
 * a third of the read. A row whose text the app cannot have stored is marked (storedTextProblem).
 */
function rawRowToEncodedEntry(values: readonly unknown[], readStoredBytes: ReadStoredBytes): Record<string | symbol, unknown> {
  const [seq, at, sessionId, actor, witness, kind, stepId, summary, dataJson, graphRequestIdsJson, prevHash, hash] = values;
  const entry: Record<string | symbol, unknown> = { seq, at, sessionId, actor, kind, summary, dataJson, prevHash, hash };
  if (witness !== null) entry.witness = witness;
  if (stepId !== null) entry.stepId = stepId;
  if (graphRequestIdsJson !== null) entry.graphRequestIdsJson = graphRequestIdsJson;
  const problem = storedTextProblem(values, readStoredBytes);
  if (problem !== undefined) entry[storedFormProblem] = problem;
  return entry;
}

/**
 * Why the row's stored text cannot have been written by the app, if it cannot. The app only ever
 * stores valid UTF-8, and SQLite hands back bytes that are not UTF-8 as U+FFFD – so text edited
 * in the file into such bytes, in place of a U+FFFD the app stored, reads back exactly as hashed.
 * Only the bytes tell, and only a row holding U+FFFD can hide such an edit (any other invalid
 * bytes change the text read, which its hash then shows): only those rows are read again.
 */
function storedTextProblem(values: readonly unknown[], readStoredBytes: ReadStoredBytes): string | undefined {
  if (!holdsReplacementCharacter(values)) return undefined;
  const stored = readStoredBytes(values[0]);
  if (!stored) return undefined; // not after the row was just read, in the same read transaction
  const columns = storedColumns.filter((_column, index) => {
    const text = values[index + 1];
    const bytes = stored[index];
    return typeof text === 'string' && Buffer.isBuffer(bytes) && !bytes.equals(Buffer.from(text, 'utf8'));
  });
  if (columns.length === 0) return undefined;
  return `its stored ${columns.join(', ')} ${columns.length === 1 ? 'is' : 'are'} not valid UTF-8 (the app only writes valid UTF-8, so the file was edited outside the app)`;
}

/**
 * Where in a raw row free text can hold U+FFFD and still be a valid entry. A U+FFFD in `at`,
 * `kind` or a hash column is reported by the chain check anyway (no timestamp, kind or hash has
 * one), so those are not looked at: this runs on every row of a verify.
 */
const freeTextIndexes = ['session_id', 'actor', 'witness', 'step_id', 'summary', 'data', 'graph_request_ids'].map(
  (column) => storedColumns.indexOf(column) + 1,
);

function holdsReplacementCharacter(values: readonly unknown[]): boolean {
  for (const index of freeTextIndexes) {
    const value = values[index];
    if (typeof value === 'string' && value.includes('\uFFFD')) return true;
  }
  return false;
}

/** For everything but `verify`: an entry, or an error that sends the user to `verify`. */
export function rowToEntry(row: EntryRow): JournalEntry {
  const candidate: Record<string, unknown> = {
    seq: row.seq,
    at: row.at,
    sessionId: row.session_id,
    actor: row.actor,
    kind: row.kind,
    summary: row.summary,
    data: parseJson(row.data),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
  if (row.witness !== null) candidate.witness = row.witness;
  if (row.step_id !== null) candidate.stepId = row.step_id;
  if (row.graph_request_ids !== null) candidate.graphRequestIds = parseJson(row.graph_request_ids);
  const parsed = JournalEntry.safeParse(candidate);
  if (!parsed.success) {
    throw new ActionableError(
      `Journal entry ${row.seq} cannot be read: it is not in the form the app writes.`,
      'Run "breakglass journal verify" on this file to see where the journal was altered; the file was not changed.',
    );
  }
  return parsed.data;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined; // reported by the schema check as a missing field
  }
}

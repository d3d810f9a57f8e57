/**
 * How an entry is laid out in a `journal_entries` row, and back.
 *
 * The JSON columns hold the canonical text that was hashed (see entry-encoding.ts). Reading is
 * deliberately suspicious: the file may have been edited by hand, so `verify` gets the row as
 * it is, and everything else gets either a valid entry or an error pointing to `verify`.
 */
import { ActionableError } from '../../shared/actionable-error.ts';
import { storedFormProblem } from '../../core/journal/chain.ts';
import { encodeEntry, type EncodedJournalEntry } from '../../core/journal/entry-encoding.ts';
import { JournalEntry } from '../../core/journal/model.ts';
import type { SqliteDatabase } from '../db/sqlite.ts';

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

/**
 * The columns of a raw row (by index) whose free text can hold U+FFFD in a valid entry. A U+FFFD
 * in `at`, `kind` or a hash column is reported by the chain check anyway: no timestamp, kind or
 * hash has one.
 */
const freeTextColumns = ['session_id', 'actor', 'witness', 'step_id', 'summary', 'data', 'graph_request_ids'].map(
  (column) => [entryColumns.split(', ').indexOf(column), column] as const,
);

/** One column of one row exactly as stored (a Buffer), by seq. */
type ReadStoredBytes = (seq: unknown, column: string) => unknown;

/**
 * rawRowToEncodedEntry on `db`, for the rows of its verify: the statements that read a column
 * again as bytes are prepared here, once.
 */
export function storedEntryReader(db: SqliteDatabase): (values: readonly unknown[]) => Record<string | symbol, unknown> {
  const statements = new Map(
    freeTextColumns.map(([, column]) => [column, db.prepare(`SELECT CAST(${column} AS BLOB) FROM journal_entries WHERE seq = ?`).pluck()]),
  );
  const readStoredBytes: ReadStoredBytes = (seq, column) => statements.get(column)?.get(seq);
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
 * Only the bytes tell, and only text holding U+FFFD can hide such an edit (other invalid bytes
 * change the text read, which its hash then shows): only such a column is read again. This runs
 * on every row of a verify, so it is a plain loop.
 */
function storedTextProblem(values: readonly unknown[], readStoredBytes: ReadStoredBytes): string | undefined {
  let columns: string[] | undefined;
  for (const [index, column] of freeTextColumns) {
    const text = values[index];
    if (typeof text !== 'string' || !text.includes('\uFFFD')) continue;
    const bytes = readStoredBytes(values[0], column);
    if (Buffer.isBuffer(bytes) && !bytes.equals(Buffer.from(text, 'utf8'))) (columns ??= []).push(column);
  }
  if (!columns) return undefined;
  return `its stored ${columns.join(', ')} ${columns.length === 1 ? 'is' : 'are'} not valid UTF-8 (the app only writes valid UTF-8, so the file was edited outside the app)`;
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

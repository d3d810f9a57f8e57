/**
 * How an entry is laid out in a `journal_entries` row, and back.
 *
 * The JSON columns hold the canonical text that was hashed (see entry-encoding.ts). Reading is
 * deliberately suspicious: the file may have been edited by hand, so `verify` gets the row as
 * it is, and everything else gets either a valid entry or an error pointing to `verify`.
 */
import { ActionableError } from '../../shared/actionable-error.ts';
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

/**
 * For `verify`: the row as stored, JSON columns untouched, for the chain check to judge. The row
 * is an array of `entryColumns` values (better-sqlite3's raw mode), as building row objects costs
 * a third of the read.
 */
export function rawRowToEncodedEntry(values: readonly unknown[]): Record<string, unknown> {
  const [seq, at, sessionId, actor, witness, kind, stepId, summary, dataJson, graphRequestIdsJson, prevHash, hash] = values;
  const entry: Record<string, unknown> = { seq, at, sessionId, actor, kind, summary, dataJson, prevHash, hash };
  if (witness !== null) entry.witness = witness;
  if (stepId !== null) entry.stepId = stepId;
  if (graphRequestIdsJson !== null) entry.graphRequestIdsJson = graphRequestIdsJson;
  return entry;
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

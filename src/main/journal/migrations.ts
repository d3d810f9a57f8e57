/**
 * The journal's schema, as numbered migrations, and the runner that applies them.
 *
 * The version lives in SQLite's `PRAGMA user_version` (a header field, so it is changed in the
 * same transaction as the schema). Migrations only ever add: a journal is evidence, so no
 * migration may rewrite or drop an entry, and the hashed content never depends on the schema.
 */
import { ActionableError } from '../../shared/actionable-error.ts';
import type { SqliteDatabase } from '../db/sqlite.ts';

export type JournalMigration = {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
};

export const journalMigrations: readonly JournalMigration[] = [
  {
    version: 1,
    description: 'the entries table',
    // seq is the rowid: monotonic, unique, and the order the chain is verified in. STRICT makes
    // SQLite refuse a wrongly typed value instead of converting it. data and graph_request_ids
    // hold canonical JSON text.
    sql: `
      CREATE TABLE journal_entries (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        session_id TEXT NOT NULL,
        actor TEXT NOT NULL,
        witness TEXT,
        kind TEXT NOT NULL,
        step_id TEXT,
        summary TEXT NOT NULL,
        data TEXT NOT NULL,
        graph_request_ids TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    description: 'indexes for the session list and one session’s timeline',
    // The partial index holds only the opening/closing entries, so listing sessions and
    // checking a session is open before each append stay cheap however long the journal gets.
    sql: `
      CREATE INDEX journal_entries_by_session ON journal_entries (session_id, seq);
      CREATE INDEX journal_session_markers ON journal_entries (session_id, seq)
        WHERE kind IN ('session-opened', 'session-closed');
    `,
  },
];

export const latestJournalVersion = journalMigrations.reduce((latest, migration) => Math.max(latest, migration.version), 0);

export type MigrationOutcome = { readonly from: number; readonly to: number };

export function readSchemaVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function newerVersionError(file: string, version: number, known: number): ActionableError {
  return new ActionableError(
    `The journal ${file} was written by a newer version of Break-Glass Runbook (journal format ${version}; ` +
      `this app knows formats up to ${known}). It was left untouched.`,
    'Open it with the newer version of Break-Glass Runbook. Do not delete or replace it: it is the record of what was done.',
  );
}

/**
 * Brings the database up to the newest version in `migrations`, all pending steps in one
 * IMMEDIATE transaction (so two processes opening the same file cannot both migrate it), and
 * refuses a database newer than the code.
 */
export function migrateJournal(
  db: SqliteDatabase,
  file: string,
  migrations: readonly JournalMigration[] = journalMigrations,
): MigrationOutcome {
  assertNumbered(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const run = db.transaction((): MigrationOutcome => {
    const from = readSchemaVersion(db);
    if (from > latest) throw newerVersionError(file, from, latest);
    for (const migration of migrations) {
      if (migration.version <= from) continue;
      db.exec(migration.sql);
      // PRAGMA takes no bound parameters; the value is an integer from this file, checked above.
      db.pragma(`user_version = ${migration.version}`);
    }
    return { from, to: Math.max(from, latest) };
  });
  return run.immediate();
}

function assertNumbered(migrations: readonly JournalMigration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Journal migration ${index + 1} is numbered ${migration.version}; migrations must be numbered 1, 2, 3 … in order.`);
    }
  });
}

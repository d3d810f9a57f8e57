/**
 * The journal on disk: one SQLite file, appended to before the app moves on.
 *
 * Durability: WAL with synchronous=FULL fsyncs the WAL on every commit, so when `append`
 * returns the entry survives a crash or power loss (https://www.sqlite.org/pragma.html#pragma_synchronous).
 * Tamper evidence: seq, time and hashes are computed inside the same IMMEDIATE transaction as
 * the insert, so two writers (the app and a CLI run) can never fork the chain.
 * Secrets: every entry passes through redactForJournal before it is validated or written.
 * Text: every string is made well formed (no lone UTF-16 surrogates) before it is hashed, so the
 * UTF-8 that SQLite stores is exactly what the hash covers.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Transaction } from 'better-sqlite3';
import { ActionableError } from '../../shared/actionable-error.ts';
import { NotCanonicalJsonError } from '../../core/journal/canonical.ts';
import { sealEntryForStorage, verifyChain, type ChainVerdict, type VerifyChainOptions } from '../../core/journal/chain.ts';
import {
  genesisHash,
  journalSecretFieldNames,
  replacedTextFlag,
  sessionMarkerKinds,
  type JournalEntry,
  type JournalEntryDraft,
  type JournalSession,
} from '../../core/journal/model.ts';
import { headWitnessFormat, headWitnessVersion } from '../../core/journal/head-witness.ts';
import { redactForJournal, type RedactionMode } from '../../core/journal/redaction.ts';
import type { HeadWitnessStatus } from '../../shared/model/journal-view.ts';
import { wellFormedDraft } from '../../core/journal/well-formed.ts';
import { checkDraft, type CheckedDraft } from '../../core/journal/draft-check.ts';
import {
  assertAppendable,
  foldSessions,
  sessionClosedDraft,
  sessionOpenedDraft,
  type CloseSessionInput,
  type OpenSessionInput,
} from '../../core/journal/sessions.ts';
import { openSqlite, type SqliteDatabase } from '../db/sqlite.ts';
import { noWitnessFolderMessage, writeHeadWitness } from './head-witness-file.ts';
import { examineJournalFile, JournalFileRefusedError } from './inspect.ts';
import { migrateJournal, type MigrationOutcome } from './migrations.ts';
import { asJournalWriteError } from './write-failure.ts';
import { encodedEntryToRow, entryColumns, insertEntrySql, rowToEntry, storedEntryReader, type EntryRow } from './rows.ts';

export type JournalStoreOptions = {
  /** 'development' refuses undeclared secret-looking values loudly; 'production' redacts them. */
  readonly redaction: RedactionMode;
  readonly nativeBinding?: string | undefined;
  /** The clock for entry times; tests pass a fixed one. */
  readonly now?: () => Date;
  /**
   * The folder the chain head is written to whenever a session closes (docs/domain.md, "The
   * chain-head witness file"); without it no witness is written and the close says so.
   */
  readonly witnessFolder?: string | undefined;
};

export type JournalHead = { readonly seq: number; readonly hash: string };

/** Runs inside the write transaction, so the session state it checks cannot change before the insert. */
type DecideDraft = () => CheckedDraft;
type AppendTransaction = Transaction<(decide: DecideDraft) => JournalEntry>;
type SessionState = 'unknown' | 'open' | 'closed';

// The marker kinds are written into the SQL, not bound: SQLite only uses the partial index
// journal_session_markers when the query repeats the index's own WHERE clause literally.
const markerCondition = `kind IN (${sessionMarkerKinds.map((kind) => `'${kind}'`).join(', ')})`;

export class JournalStore {
  readonly file: string;
  readonly readOnly: boolean;
  /** Which schema version the file had, and which it has now. */
  readonly migration: MigrationOutcome;
  readonly #db: SqliteDatabase;
  readonly #redaction: RedactionMode;
  readonly #now: () => Date;
  readonly #witnessFolder: string | undefined;
  #lastHeadWitness: HeadWitnessStatus | undefined;
  readonly #statements: ReturnType<typeof prepareStatements>;
  readonly #appendTransaction: AppendTransaction;
  /**
   * The head and session states as this connection last saw them, valid while SQLite's
   * `data_version` is unchanged – it changes only when another connection (a CLI run, a second
   * app) commits (https://www.sqlite.org/pragma.html#pragma_data_version). Saves the two reads
   * that would otherwise run in every append's write transaction.
   */
  #cache: { dataVersion: number; head: JournalHead; sessions: Map<string, SessionState> } | undefined;

  private constructor(
    file: string,
    db: SqliteDatabase,
    migration: MigrationOutcome,
    options: { readOnly: boolean; redaction: RedactionMode; now: () => Date; witnessFolder?: string | undefined },
  ) {
    this.file = file;
    this.#db = db;
    this.migration = migration;
    this.readOnly = options.readOnly;
    this.#redaction = options.redaction;
    this.#now = options.now;
    this.#witnessFolder = options.witnessFolder;
    this.#statements = prepareStatements(db);
    this.#appendTransaction = db.transaction((decide: DecideDraft): JournalEntry => {
      const cache = this.#freshCache();
      const draft = decide();
      const { entry, encoded } = sealEntryForStorage({ seq: cache.head.seq + 1, at: this.#now().toISOString(), ...draft }, cache.head.hash);
      this.#statements.insert.run(encodedEntryToRow(encoded));
      cache.head = { seq: entry.seq, hash: entry.hash };
      if (entry.kind === 'session-opened') cache.sessions.set(entry.sessionId, 'open');
      if (entry.kind === 'session-closed') cache.sessions.set(entry.sessionId, 'closed');
      return entry;
    });
  }

  /**
   * Opens the journal at `file` for appending, creating it if missing and upgrading an older
   * format. A newer-format, corrupt, unreadable or foreign file is refused with an
   * ActionableError and left exactly as it was.
   */
  static open(file: string, options: JournalStoreOptions): JournalStore {
    const { inspection, snapshot } = examineJournalFile(file, options);
    snapshot?.close();
    if (inspection.status !== 'missing' && inspection.status !== 'empty' && inspection.status !== 'journal') {
      throw new JournalFileRefusedError(inspection);
    }
    // A full or read-only disk is named as such, not as SQLite's "disk I/O error" (write-failure.ts).
    let db: SqliteDatabase | undefined;
    try {
      if (inspection.status === 'missing') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      db = openSqlite(file, { nativeBinding: options.nativeBinding });
      configureDurability(db, file);
      const migration = migrateJournal(db, file);
      return new JournalStore(file, db, migration, {
        readOnly: false,
        redaction: options.redaction,
        now: options.now ?? (() => new Date()),
        witnessFolder: options.witnessFolder,
      });
    } catch (error) {
      db?.close();
      throw asJournalWriteError(file, error);
    }
  }

  /**
   * Opens a copy of the journal in memory for reading and verifying (CLI `journal verify` and
   * `export`, or a damaged journal kept aside). The file is never written, not even upgraded.
   */
  static openReadOnly(file: string, options: { readonly nativeBinding?: string | undefined } = {}): JournalStore {
    const { inspection, snapshot } = examineJournalFile(file, options);
    if (inspection.status === 'missing' || inspection.status === 'empty') {
      throw new ActionableError(`There is no journal at ${file}.`, 'Check the path to the journal file.');
    }
    if (inspection.status !== 'journal') throw new JournalFileRefusedError(inspection);
    if (!snapshot) throw new Error(`Inspecting ${file} found a journal but kept no copy of it.`);
    try {
      // The copy is upgraded in memory so reads use the current schema; the file keeps its own.
      const migration = migrateJournal(snapshot, file);
      return new JournalStore(file, snapshot, migration, { readOnly: true, redaction: 'production', now: () => new Date() });
    } catch (error) {
      snapshot.close();
      throw error;
    }
  }

  openSession(input: OpenSessionInput): JournalSession {
    const sessionId = randomUUID();
    const draft = this.#clean(sessionOpenedDraft(sessionId, input));
    const entry = this.#write(() => {
      if (this.#sessionState(sessionId) !== 'unknown') throw new Error(`Session id ${sessionId} is already in the journal.`);
      return draft;
    });
    const [session] = foldSessions([entry]);
    if (!session) throw new Error('A session-opened entry did not produce a session.');
    return session;
  }

  /**
   * Closes the session, then writes the chain head – the `session-closed` entry – to the witness
   * folder. The entry is committed first: a witness that cannot be written is reported in
   * `lastHeadWitness()`, never thrown, so the close is not lost (docs/domain.md, "Journal rules").
   */
  closeSession(sessionId: string, input: CloseSessionInput): JournalSession {
    const folder = this.#witnessFolder;
    const entry = this.#write(() => {
      const session = this.#loadSession(sessionId);
      assertAppendable(session, sessionId);
      return this.#clean(sessionClosedDraft(session, input, folder ? { folder } : { notSet: 'No witness folder is set.' }));
    });
    const closed = this.session(sessionId);
    if (!closed) throw new Error(`Session ${sessionId} vanished after it was closed.`);
    this.#lastHeadWitness = folder ? this.#writeWitness(folder, entry, closed) : { state: 'not-set', message: noWitnessFolderMessage };
    return closed;
  }

  /** Where the chain head went at the last close through this store; undefined before one. */
  lastHeadWitness(): HeadWitnessStatus | undefined {
    return this.#lastHeadWitness;
  }

  get witnessFolder(): string | undefined {
    return this.#witnessFolder;
  }

  /** The hash of entry 1, which names the journal in a witness (a copy of the file keeps it). */
  firstEntryHash(): string | undefined {
    return this.#statements.firstHash.get() as string | undefined;
  }

  #writeWitness(folder: string, entry: JournalEntry, session: JournalSession): HeadWitnessStatus {
    const firstEntryHash = this.firstEntryHash();
    if (!firstEntryHash) {
      return {
        state: 'failed',
        folder,
        problem: `The journal ${this.file} has no entry 1, so no witness can name it.`,
        nextStep: `Run "breakglass journal verify ${this.file}", and write the head on the paper record (entry ${entry.seq}, hash ${entry.hash}).`,
      };
    }
    return writeHeadWitness(folder, {
      format: headWitnessFormat,
      version: headWitnessVersion,
      journal: { path: path.resolve(this.file), firstEntryHash },
      head: { seq: entry.seq, hash: entry.hash, at: entry.at },
      session: { id: session.id, kind: session.kind },
      writtenAt: this.#now().toISOString(),
    });
  }

  /** Records one action. Returns only after the entry is durable on disk. */
  append(draft: JournalEntryDraft): JournalEntry {
    const clean = this.#clean(draft);
    if ((sessionMarkerKinds as readonly string[]).includes(clean.kind)) {
      throw new Error(`Entries of kind ${clean.kind} are written by openSession/closeSession, not append.`);
    }
    return this.#write(() => {
      // The cheap check on every append; the full session is read only to explain a refusal.
      if (this.#sessionState(clean.sessionId) !== 'open') assertAppendable(this.#loadSession(clean.sessionId), clean.sessionId);
      return clean;
    });
  }

  /** Every entry in seq order, or one session's. */
  entries(sessionId?: string): JournalEntry[] {
    const rows = (sessionId === undefined ? this.#statements.all.all() : this.#statements.bySession.all(sessionId)) as EntryRow[];
    return rows.map(rowToEntry);
  }

  sessions(): JournalSession[] {
    return foldSessions((this.#statements.allMarkers.all() as EntryRow[]).map(rowToEntry));
  }

  session(sessionId: string): JournalSession | undefined {
    return this.#loadSession(sessionId);
  }

  /** The last entry's seq and hash; seq 0 and the genesis hash for an empty journal. */
  head(): JournalHead {
    const row = this.#statements.head.get() as { seq: number; hash: string } | undefined;
    return row ? { seq: row.seq, hash: row.hash } : { seq: 0, hash: genesisHash };
  }

  verify(options: VerifyChainOptions = {}): ChainVerdict {
    const rows = this.#statements.allRaw.iterate() as IterableIterator<unknown[]>;
    try {
      return verifyChain(mapIterable(rows, this.#statements.storedEntry), options);
    } finally {
      // An open iterator keeps the connection busy (no close, no append) until it is ended,
      // and verifyChain throws on a bad expected head before it reads a row.
      rows.return?.();
    }
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }

  #clean(draft: JournalEntryDraft): CheckedDraft {
    const redacted = redactForJournal(draft, journalSecretFieldNames, { mode: this.#redaction, path: 'entry' });
    const checked = checkDraft(redacted);
    if (!checked.ok) throw invalidEntryError(checked.problems);
    const clean = checked.draft;
    if (Object.hasOwn(clean.data, replacedTextFlag)) {
      throw invalidEntryError([`entry.data.${replacedTextFlag}: only the journal itself may set it`]);
    }
    // Every entry passes here, so what is hashed is what SQLite stores (docs/domain.md, "Journal rules").
    try {
      return wellFormedDraft(clean);
    } catch (error) {
      if (!(error instanceof NotCanonicalJsonError)) throw error;
      throw invalidEntryError([`entry${error.message}`]);
    }
  }

  #write(decide: DecideDraft): JournalEntry {
    if (this.readOnly) {
      throw new ActionableError(`The journal ${this.file} was opened read-only.`, 'Open it for writing to add entries.');
    }
    // IMMEDIATE takes the write lock before reading the head, so no other writer can slip in between.
    try {
      return this.#appendTransaction.immediate(decide);
    } catch (error) {
      // Rolled back: what the cache learnt inside the transaction may not be on disk.
      this.#cache = undefined;
      if (!(error instanceof NotCanonicalJsonError)) throw asJournalWriteError(this.file, error);
      throw invalidEntryError([`entry${error.message}`]);
    }
  }

  /** Inside the write transaction: the cache, re-read if another connection committed meanwhile. */
  #freshCache(): { dataVersion: number; head: JournalHead; sessions: Map<string, SessionState> } {
    const dataVersion = this.#statements.dataVersion.get() as number;
    if (this.#cache?.dataVersion !== dataVersion) {
      this.#cache = { dataVersion, head: this.head(), sessions: new Map() };
    }
    return this.#cache;
  }

  #sessionState(sessionId: string): SessionState {
    const cached = this.#cache?.sessions.get(sessionId);
    if (cached) return cached;
    const state = this.#readSessionState(sessionId);
    if (state !== 'unknown') this.#cache?.sessions.set(sessionId, state);
    return state;
  }

  #readSessionState(sessionId: string): SessionState {
    const kinds = this.#statements.markerKindsOf.all(sessionId) as string[];
    if (kinds.length === 0) return 'unknown';
    return kinds.includes('session-closed') ? 'closed' : 'open';
  }

  #loadSession(sessionId: string): JournalSession | undefined {
    return foldSessions((this.#statements.markersOf.all(sessionId) as EntryRow[]).map(rowToEntry))[0];
  }
}

function invalidEntryError(problems: readonly string[]): ActionableError {
  return new ActionableError(
    `The app tried to journal an invalid entry (${problems.slice(0, 3).join('; ')}); nothing was written.`,
    'This is a bug in Break-Glass Runbook: note the action on paper, carry on, and report the message.',
  );
}

function prepareStatements(db: SqliteDatabase) {
  return {
    insert: db.prepare(insertEntrySql),
    dataVersion: db.prepare('PRAGMA data_version').pluck(),
    head: db.prepare('SELECT seq, hash FROM journal_entries ORDER BY seq DESC LIMIT 1'),
    firstHash: db.prepare('SELECT hash FROM journal_entries WHERE seq = 1').pluck(),
    all: db.prepare(`SELECT ${entryColumns} FROM journal_entries ORDER BY seq`),
    allRaw: db.prepare(`SELECT ${entryColumns} FROM journal_entries ORDER BY seq`).raw(true),
    storedEntry: storedEntryReader(db),
    bySession: db.prepare(`SELECT ${entryColumns} FROM journal_entries WHERE session_id = ? ORDER BY seq`),
    markerKindsOf: db.prepare(`SELECT kind FROM journal_entries WHERE session_id = ? AND ${markerCondition}`).pluck(),
    markersOf: db.prepare(`SELECT ${entryColumns} FROM journal_entries WHERE session_id = ? AND ${markerCondition} ORDER BY seq`),
    // Without INDEXED BY the planner scans every entry here rather than the small partial index.
    allMarkers: db.prepare(
      `SELECT ${entryColumns} FROM journal_entries INDEXED BY journal_session_markers WHERE ${markerCondition} ORDER BY seq`,
    ),
  };
}

function configureDurability(db: SqliteDatabase, file: string): void {
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') {
    throw new ActionableError(
      `The journal ${file} cannot use write-ahead logging (SQLite chose "${String(mode)}"), so appends would not be crash-safe.`,
      'Keep the journal on a local disk or the USB stick, not a network share, and try again.',
    );
  }
  db.pragma('synchronous = FULL');
  // macOS fsync does not flush the drive's cache; F_FULLFSYNC does. Ignored elsewhere.
  db.pragma('fullfsync = ON');
}

function* mapIterable<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}

/**
 * Looks at a journal file without ever writing to it.
 *
 * A damaged or newer-version journal is evidence: it must survive the app's attempt to open
 * it byte for byte, so it can be examined later. Even a read-only SQLite connection leaves
 * `-wal`/`-shm` files beside a WAL-mode database, so the file is read into memory and examined
 * there. Only when a non-empty `-wal` exists (the writer crashed or is still running) does
 * SQLite read the file itself, read-only, because committed entries may still be in the WAL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ActionableError } from '../../shared/actionable-error.ts';
import type { SqliteDatabase } from '../db/sqlite.ts';
import { latestJournalVersion, newerVersionError, readSchemaVersion } from './migrations.ts';
import { journalColumnsProblem, journalSchemaProblem } from './schema-check.ts';

export type JournalFileInspection =
  | { readonly status: 'missing'; readonly file: string }
  /** A 0-byte file or a SQLite database with nothing in it: safe to turn into a journal. */
  | { readonly status: 'empty'; readonly file: string }
  | {
      readonly status: 'journal';
      readonly file: string;
      readonly version: number;
      readonly latestVersion: number;
      readonly needsUpgrade: boolean;
      readonly entryCount: number;
    }
  | (ProblemInspection<'newer-version'> & { readonly version: number; readonly latestVersion: number })
  | ProblemInspection<'not-a-journal'>
  | ProblemInspection<'corrupt'>
  | ProblemInspection<'unreadable'>;

export type ProblemStatus = 'newer-version' | 'not-a-journal' | 'corrupt' | 'unreadable';

type ProblemInspection<Status extends ProblemStatus> = {
  readonly status: Status;
  readonly file: string;
  readonly message: string;
  readonly nextStep: string;
};

export type InspectOptions = { readonly nativeBinding?: string | undefined };

export function inspectJournalFile(file: string, options: InspectOptions = {}): JournalFileInspection {
  const { inspection, snapshot } = examineJournalFile(file, options);
  snapshot?.close();
  return inspection;
}

/**
 * The inspection plus, for a readable journal, an in-memory copy of it that the caller owns
 * (and must close). Writing to the copy never reaches the file.
 */
export function examineJournalFile(
  file: string,
  options: InspectOptions = {},
): { inspection: JournalFileInspection; snapshot?: SqliteDatabase } {
  let snapshot: SqliteDatabase | undefined;
  try {
    const stat = statOrUndefined(file);
    if (!stat) return { inspection: { status: 'missing', file } };
    if (!stat.isFile()) return { inspection: unreadable(file, 'it is not a regular file') };
    snapshot = loadSnapshot(file, options.nativeBinding);
    if (!snapshot) return { inspection: { status: 'empty', file } };
    const inspection = classify(file, snapshot, options.nativeBinding);
    if (inspection.status !== 'journal') {
      snapshot.close();
      return { inspection };
    }
    return { inspection, snapshot };
  } catch (error) {
    snapshot?.close();
    return { inspection: classifyFailure(file, error) };
  }
}

const sqliteMagic = Buffer.from('SQLite format 3\0', 'latin1');

function loadSnapshot(file: string, nativeBinding: string | undefined): SqliteDatabase | undefined {
  const wal = statOrUndefined(`${file}-wal`);
  let bytes: Buffer;
  if (wal && wal.size > 0) {
    bytes = serializeWithWal(file, nativeBinding);
  } else {
    bytes = fs.readFileSync(file);
    if (bytes.length === 0) return undefined;
    if (bytes.length < 100 || !bytes.subarray(0, 16).equals(sqliteMagic)) {
      throw new NotSqliteError();
    }
  }
  // Header bytes 18–19 say "WAL"; an in-memory copy cannot use a WAL, so mark the copy as a
  // rollback-journal database (https://www.sqlite.org/fileformat2.html#file_format_version_numbers).
  if (bytes[18] === 2) bytes[18] = 1;
  if (bytes[19] === 2) bytes[19] = 1;
  return new Database(bytes, bindingOption(nativeBinding));
}

/**
 * The database with the entries still in its `-wal`, read by SQLite read-only where it lies. On
 * read-only media with a `-wal` but no `-shm` (a writer crashed, then the stick was locked or the
 * disk mounted read-only) SQLite cannot build the shared-memory index it needs to read the WAL
 * (https://www.sqlite.org/wal.html#read_only_databases), and better-sqlite3 reports only "Out of
 * memory". Nothing can be writing to such a file, so then the file and its `-wal` are copied into
 * a private temporary folder and read there: every committed entry is read, the file untouched.
 * (`immutable=1` would skip the WAL, and with it the entries it holds.)
 */
function serializeWithWal(file: string, nativeBinding: string | undefined): Buffer {
  try {
    return serializeReadOnly(file, nativeBinding);
  } catch (inPlace) {
    // A private folder (mkdtemp makes it 0700): the copy describes the incident as the file does.
    const copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'breakglass-journal-copy-'));
    try {
      const copy = path.join(copyDir, 'journal.sqlite3');
      try {
        fs.copyFileSync(file, copy);
        fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
      } catch {
        throw inPlace; // no room for a copy: report what reading the file itself said
      }
      // What SQLite says of the copy (damaged, not a database) is what it would say of the file.
      return serializeReadOnly(copy, nativeBinding);
    } finally {
      fs.rmSync(copyDir, { recursive: true, force: true });
    }
  }
}

function serializeReadOnly(file: string, nativeBinding: string | undefined): Buffer {
  const reader = new Database(file, { readonly: true, fileMustExist: true, ...bindingOption(nativeBinding) });
  try {
    return reader.serialize();
  } finally {
    reader.close();
  }
}

/** openSqlite (src/main/db/sqlite.ts) has no read-only or in-memory form; pass the same addon. */
function bindingOption(nativeBinding: string | undefined): { nativeBinding?: string } {
  return nativeBinding ? { nativeBinding } : {};
}

function classify(file: string, db: SqliteDatabase, nativeBinding: string | undefined): JournalFileInspection {
  const damage = fileDamage(db);
  if (damage) return corrupt(file, `SQLite's integrity check failed (${damage})`);
  const version = readSchemaVersion(db);
  const objects = db.prepare('SELECT name FROM sqlite_schema').pluck().all() as string[];
  if (!objects.includes('journal_entries')) {
    if (version === 0 && objects.length === 0) return { status: 'empty', file };
    return notAJournal(file, 'it is a SQLite database without the journal table of Break-Glass Runbook');
  }
  if (version > latestJournalVersion) {
    const error = newerVersionError(file, version, latestJournalVersion);
    return {
      status: 'newer-version',
      file,
      version,
      latestVersion: latestJournalVersion,
      message: error.message,
      nextStep: error.nextStep,
    };
  }
  if (version < 1) {
    const columns = journalColumnsProblem(db, 1, nativeBinding);
    return columns ? notAJournal(file, columns) : corrupt(file, 'it has a journal table but no journal format version');
  }
  const schemaProblem = journalSchemaProblem(db, version, nativeBinding);
  if (schemaProblem) return notAJournal(file, schemaProblem);
  const entryCount = db.prepare('SELECT count(*) FROM journal_entries').pluck().get() as number;
  return {
    status: 'journal',
    file,
    version,
    latestVersion: latestJournalVersion,
    needsUpgrade: version < latestJournalVersion,
    entryCount,
  };
}

/** A journal file refused as it is (newer, foreign, damaged, unreadable); each command words its own next step. */
export class JournalFileRefusedError extends ActionableError {
  readonly status: ProblemStatus;
  readonly file: string;

  constructor(inspection: ProblemInspection<ProblemStatus>) {
    super(inspection.message, inspection.nextStep);
    this.name = 'JournalFileRefusedError';
    this.status = inspection.status;
    this.file = inspection.file;
  }
}

/**
 * The first thing SQLite's quick check finds wrong with the file itself, if anything. A value of
 * the wrong type (a BLOB where a STRICT column holds text) or a NULL in an entry is no damage to
 * the file: it is an entry edited outside the app, which `journal verify` names with its seq.
 */
function fileDamage(db: SqliteDatabase): string | undefined {
  const findings = db.pragma('quick_check') as { quick_check: string }[];
  return findings.map((finding) => finding.quick_check).find((finding) => finding !== 'ok' && !entryValueFinding.test(finding));
}

const entryValueFinding = /^(NULL|non-[A-Z]+) value in journal_entries\.[a-z_]+$/;

class NotSqliteError extends Error {}

function classifyFailure(file: string, error: unknown): JournalFileInspection {
  const code = (error as { code?: unknown }).code;
  if (error instanceof NotSqliteError || code === 'SQLITE_NOTADB') return corrupt(file, 'it is not a SQLite database');
  if (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT')) return corrupt(file, 'SQLite reports the file is damaged');
  if (typeof code === 'string' && code in fileSystemWords) return unreadable(file, fileSystemWords[code]!);
  return unreadable(file, (error as Error).message ?? String(error));
}

/** The file system's refusals in plain words (their codes are POSIX errno names, as Node reports them). */
const fileSystemWords: Readonly<Record<string, string>> = {
  ENOTDIR: 'a part of its path that should be a folder is a file (ENOTDIR)',
  EACCES: 'this account may not read it or a folder on its path (EACCES)',
  EPERM: 'this account may not read it (EPERM)',
  EIO: 'the disk reports an input/output error (EIO)',
  ELOOP: 'its path loops through symbolic links (ELOOP)',
  ENAMETOOLONG: 'its path is too long (ENAMETOOLONG)',
};

function notAJournal(file: string, why: string): JournalFileInspection {
  return {
    status: 'not-a-journal',
    file,
    message: `${file} is not a journal of this app: ${why}. It was left untouched.`,
    nextStep: 'Check the path: this file will not be written to. Choose another file name for the journal.',
  };
}

function corrupt(file: string, why: string): JournalFileInspection {
  return {
    status: 'corrupt',
    file,
    message: `The journal ${file} is damaged: ${why}. It was left untouched.`,
    nextStep: 'Keep the file as it is: it is evidence and may still be examined. Record new entries in another journal file.',
  };
}

function unreadable(file: string, why: string): JournalFileInspection {
  return {
    status: 'unreadable',
    file,
    message: `The journal ${file} cannot be read: ${why}.`,
    nextStep:
      'Check that the file is there, that this account may read it, and that the disk or USB stick is mounted; the file was not changed.',
  };
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The one place that turns a failed write of the journal – SQLite's error codes and the file
 * system's – into words a custodian can act on (docs/domain.md, "Journal rules"): a full disk,
 * a read-only disk or file, a disk that failed or was removed, a place where the file cannot be
 * created. Anything else is not a storage problem and is left to its caller.
 */
import fs from 'node:fs';
import path from 'node:path';

import { ActionableError } from '../../shared/actionable-error.ts';

/** Why the journal could not be written, in plain words, with the code that said so. */
export type JournalStorageProblem = { readonly code: string; readonly why: string };

const fileSystemCodes: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: "this account's disk quota is used up",
  EFBIG: 'the file has reached the largest size this system allows',
  EROFS: 'the disk is read-only',
  EACCES: 'this account may not write there',
  EPERM: 'this account may not write there',
  ENOTDIR: 'a part of its path is a file, not a folder',
  ENOENT: 'its folder does not exist and could not be created',
  EIO: 'the disk reported an input/output error',
};

/** The storage problem behind `error`, or undefined when it is something else (a bug, bad input). */
export function journalStorageProblem(error: unknown): JournalStorageProblem | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  // SQLite's extended codes name the primary code first (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED …).
  if (code === 'SQLITE_FULL') return { code, why: 'the disk is full' };
  if (code.startsWith('SQLITE_READONLY')) return { code, why: 'the file or the disk it is on is read-only' };
  if (code.startsWith('SQLITE_IOERR')) {
    return { code, why: 'the disk refused the write (it may be full, read-only, removed or failing)' };
  }
  if (code.startsWith('SQLITE_CANTOPEN')) return { code, why: 'SQLite cannot open or create the file there' };
  const why = fileSystemCodes[code];
  return why ? { code, why } : undefined;
}

/**
 * A journal write that failed for a storage reason. Its next step fits every caller; a command
 * that knows better (`breakglass check`) words its own from `problem`.
 */
export class JournalWriteError extends ActionableError {
  readonly file: string;
  readonly problem: JournalStorageProblem;

  constructor(file: string, problem: JournalStorageProblem, options?: { cause?: unknown }) {
    super(
      `The journal ${file} could not be written: ${problem.why} (${problem.code}).`,
      'Free space on the disk that holds the journal, or move it to a writable disk, then try again; until then, note each action on paper.',
      options,
    );
    this.name = 'JournalWriteError';
    this.file = file;
    this.problem = problem;
  }
}

/** Rethrows a storage failure of `file` as a JournalWriteError; anything else unchanged. */
export function asJournalWriteError(file: string, error: unknown): unknown {
  if (error instanceof JournalWriteError) return error;
  const problem = journalStorageProblem(error);
  if (!problem) return error;
  // SQLite says only "cannot open" or "I/O error" of a read-only disk, and a folder that cannot be
  // made there is "ENOENT"; the file system says which.
  const readOnly = !['EROFS', 'ENOSPC', 'EDQUOT', 'EFBIG', 'SQLITE_FULL'].includes(problem.code) && onReadOnlyDisk(file);
  return new JournalWriteError(file, readOnly ? { code: `${problem.code}, EROFS`, why: 'the disk it is on is read-only' } : problem, {
    cause: error,
  });
}

/** Whether `file`, or the nearest folder above it that exists, is on a read-only file system. */
function onReadOnlyDisk(file: string): boolean {
  for (let at = path.resolve(file); ; at = path.dirname(at)) {
    try {
      fs.accessSync(at, fs.constants.W_OK);
      return false;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EROFS') return true;
      if (code !== 'ENOENT' || path.dirname(at) === at) return false;
    }
  }
}

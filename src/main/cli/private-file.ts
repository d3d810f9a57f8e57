/**
 * Writes a file the CLI produces (a journal export, a check report): created readable by its owner
 * only, since it describes an incident or the tenant's weak points, and never over an existing
 * file, since an earlier export may be evidence (docs/domain.md, "The `breakglass` command").
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

import { ActionableError } from '../../shared/actionable-error.ts';
import { journalStorageProblem } from '../journal/write-failure.ts';

export type PrivateFileTarget = {
  readonly path: string;
  /** What is written, for messages: "export", "report". */
  readonly what: string;
  readonly nextStep: string;
};

const isFolder = (path: string) => existsSync(path) && statSync(path).isDirectory();

function refusal(target: PrivateFileTarget, code: string | undefined, detail: string): ActionableError {
  const { path, what } = target;
  const storage = code === 'EEXIST' ? undefined : journalStorageProblem({ code });
  if (storage && !isFolder(path)) {
    return new ActionableError(
      `The ${what} could not be written to ${path}: ${storage.why} (${storage.code}).`,
      `Free space on that disk or choose an --out file on another disk, or leave --out away to print the ${what}.`,
    );
  }
  const problem = isFolder(path)
    ? `${path} is a folder; --out needs the name of a new file.`
    : code === 'EEXIST'
      ? `${path} already exists; the ${what} never overwrites a file.`
      : `The ${what} could not be written to ${path} (${code ?? detail}).`;
  return new ActionableError(problem, target.nextStep);
}

/** Refuses a target that exists already – before a long run, so its result is not lost at the end. */
export function refuseExistingTarget(target: PrivateFileTarget): void {
  if (existsSync(target.path)) throw refusal(target, 'EEXIST', '');
}

/**
 * write(2) may write less than asked – on a disk that fills up, it writes what fits and returns the
 * count; only the next call fails (ENOSPC, EFBIG). One writeSync would leave a cut-off file and report
 * success, so the rest is written until all of it is on disk or the write fails.
 */
function writeAll(fd: number, bytes: Buffer): void {
  for (let offset = 0; offset < bytes.length;) {
    const written = writeSync(fd, bytes, offset, bytes.length - offset);
    // A write of nothing would repeat for ever; the disk takes no more, as ENOSPC would say.
    if (written === 0) throw Object.assign(new Error('The disk took no more bytes.'), { code: 'ENOSPC' });
    offset += written;
  }
}

export function writePrivateFile(target: PrivateFileTarget, text: string): void {
  let fd: number | undefined;
  try {
    mkdirSync(dirname(resolve(target.path)), { recursive: true });
    fd = openSync(target.path, 'wx', 0o600);
    writeAll(fd, Buffer.from(text, 'utf8'));
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
  } catch (error) {
    // A file this call created but could not finish (a full disk) is removed, so a half export
    // is never taken for evidence and the next try is not refused as "already exists".
    if (fd !== undefined) {
      closeSync(fd);
      rmSync(target.path, { force: true });
    }
    throw refusal(target, (error as NodeJS.ErrnoException).code, String(error));
  }
}

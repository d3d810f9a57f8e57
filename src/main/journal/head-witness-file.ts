/**
 * Witness files on disk (docs/domain.md, "The chain-head witness file"): written when a session
 * closes, read by `breakglass journal verify --witness` and the Journal screen.
 *
 * Writing never throws: the journal entry is already committed when a witness is written, so a
 * missing, read-only or full folder is reported (with the head to note on paper) and the session
 * stays closed. A witness is written to a temporary file, flushed, then linked to its final name,
 * which fails rather than replace an existing file; where the file system has no hard links (FAT
 * on a USB stick) it is renamed after checking that the name is free.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

import {
  headWitnessFileName,
  headWitnessNamePattern,
  newestHeadWitness,
  parseHeadWitness,
  serializeHeadWitness,
  type HeadWitness,
} from '../../core/journal/head-witness.ts';
import { ActionableError } from '../../shared/actionable-error.ts';
import type { HeadWitnessStatus } from '../../shared/model/journal-view.ts';
import { findDuplicateKey } from '../config/json-duplicate-key.ts';

export type FoundHeadWitness = { readonly file: string; readonly witness: HeadWitness };

/** The fact only: the command line and the desktop app each add how to set a folder there. */
export const noWitnessFolderMessage = 'No witness folder is set, so the chain head was not written outside the journal.';

const codeOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

/** Codes with which a file system says it has no hard links. */
const noHardLinks = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

class NameTaken extends Error {}

/** Writes the witness into `folder`; reports the outcome, never throws. */
export function writeHeadWitness(folder: string, witness: HeadWitness): HeadWitnessStatus {
  const paper = `meanwhile write the head on the paper record (entry ${witness.head.seq}, hash ${witness.head.hash}); the journal entry itself is saved`;
  const name = headWitnessFileName(witness);
  const target = join(folder, name);
  try {
    if (!statSync(folder).isDirectory()) {
      return failed(folder, `The witness folder ${folder} is a file, not a folder.`, `Set "witnessFolder" to a folder; ${paper}.`);
    }
    const text = serializeHeadWitness(witness);
    const temp = join(folder, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
    const fd = openSync(temp, 'wx', 0o600);
    try {
      try {
        writeSync(fd, text);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      place(temp, target, witness);
    } finally {
      rmSync(temp, { force: true });
    }
    syncFolder(folder);
    return { state: 'written', folder, file: target, seq: witness.head.seq, hash: witness.head.hash, writtenAt: witness.writtenAt };
  } catch (error) {
    if (error instanceof NameTaken) {
      return failed(
        folder,
        `A file ${target} already exists in the witness folder and records something else; it was left untouched and no witness was written.`,
        `Keep that file as it is and look at it; ${paper}.`,
      );
    }
    const code = codeOf(error);
    if (code === 'ENOENT') {
      return failed(
        folder,
        `The witness folder ${folder} does not exist (is the USB stick plugged in?), so the chain head was not witnessed.`,
        `Plug in the media or create the folder; ${paper}.`,
      );
    }
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      return failed(
        folder,
        `The witness folder ${folder} cannot be written (${code}: read-only or no permission), so the chain head was not witnessed.`,
        `Make the folder writable, or set "witnessFolder" to another; ${paper}.`,
      );
    }
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      return failed(
        folder,
        `The witness folder ${folder} is full, so the chain head was not witnessed.`,
        `Free some space on it; ${paper}.`,
      );
    }
    if (code === 'ENOTDIR') {
      return failed(folder, `The witness folder ${folder} is not a folder (${code}).`, `Set "witnessFolder" to a folder; ${paper}.`);
    }
    return failed(
      folder,
      `The chain head could not be written to the witness folder ${folder}: ${error instanceof Error ? error.message : String(error)}.`,
      `Check the folder; ${paper}.`,
    );
  }
}

function failed(folder: string, problem: string, nextStep: string): HeadWitnessStatus {
  return { state: 'failed', folder, problem, nextStep };
}

/** Gives the flushed temporary file its final name, never replacing a file already there. */
function place(temp: string, target: string, witness: HeadWitness): void {
  try {
    linkSync(temp, target);
    return;
  } catch (error) {
    const code = codeOf(error);
    if (code === 'EEXIST') return sameHeadOrRefuse(target, witness);
    if (!code || !noHardLinks.has(code)) throw error;
  }
  if (exists(target)) return sameHeadOrRefuse(target, witness);
  renameSync(temp, target);
}

/** A file of the same name that records the same head is that head's witness already. */
function sameHeadOrRefuse(target: string, witness: HeadWitness): void {
  try {
    const existing = parseHeadWitness(readFileSync(target, 'utf8'), target);
    if (existing.head.hash === witness.head.hash && existing.journal.firstEntryHash === witness.journal.firstEntryHash) return;
  } catch (error) {
    if (!(error instanceof ActionableError)) throw error;
  }
  throw new NameTaken();
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return false;
    throw error;
  }
}

/** Flushes the folder's entry for the new file; not possible everywhere (Windows), and then skipped. */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // The file itself is flushed; a folder that cannot be synced is left to the operating system.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function readWitnessFile(file: string): HeadWitness {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ActionableError(
      `The witness file ${file} cannot be read (${codeOf(error) ?? String(error)}).`,
      'Check the path given with --witness.',
    );
  }
  const duplicate = findDuplicateKey(text.replace(/^\uFEFF/, ''));
  if (duplicate) {
    throw new ActionableError(
      `The witness file ${file} is ambiguous: the key "${duplicate.key}" is given twice at ${duplicate.path}.`,
      'Use the witness file as Break-Glass Runbook wrote it; an edited witness is no evidence.',
    );
  }
  return parseHeadWitness(text, `The witness file ${file}`);
}

/** Every witness at `path`: the one file, or each `journal-head-….json` in the folder. */
export function readHeadWitnesses(path: string): FoundHeadWitness[] {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch (error) {
    throw new ActionableError(
      codeOf(error) === 'ENOENT'
        ? `There is no witness file or folder at ${path}.`
        : `${path} cannot be read (${codeOf(error) ?? String(error)}).`,
      'Give the witness file (journal-head-….json) or the witness folder with --witness.',
    );
  }
  if (!isFolder) return [{ file: path, witness: readWitnessFile(path) }];
  let names: string[];
  try {
    names = readdirSync(path).filter((name) => headWitnessNamePattern.test(name));
  } catch (error) {
    throw new ActionableError(
      `The witness folder ${path} cannot be listed (${codeOf(error) ?? String(error)}).`,
      'Check the folder given with --witness.',
    );
  }
  return names.sort().map((name) => ({ file: join(path, name), witness: readWitnessFile(join(path, name)) }));
}

/**
 * The newest witness at `path` of the journal whose entry 1 has `firstEntryHash`. A path holding
 * only other journals' witnesses is bad input, never a silent pass. A journal with no entry 1 left
 * cannot be told apart from another, so any witness is taken: verifying then shows what is missing.
 */
export function headWitnessForJournal(path: string, firstEntryHash: string | undefined, journalFile: string): FoundHeadWitness {
  const all = readHeadWitnesses(path);
  if (all.length === 0) {
    throw new ActionableError(
      `The folder ${path} holds no journal head witness (journal-head-….json).`,
      'Give the folder the app wrote witnesses to, or one witness file.',
    );
  }
  const mine = firstEntryHash === undefined ? all : all.filter((found) => found.witness.journal.firstEntryHash === firstEntryHash);
  const newest = newestHeadWitness(mine);
  if (!newest) {
    const other = all[0]!.witness.journal;
    throw new ActionableError(
      `${all.length === 1 ? `The witness ${all[0]!.file} is` : `The ${all.length} witnesses in ${path} are`} of another journal ` +
        `(${other.path}, entry 1 ${other.firstEntryHash.slice(0, 12)}…), not of ${journalFile} (entry 1 ${firstEntryHash?.slice(0, 12) ?? '?'}…).`,
      'Give the witness written for this journal, or verify the journal the witness names.',
    );
  }
  return newest;
}

/** What the Journal screen shows when no session closed in this run: the newest witness in the folder. */
export function lastHeadWitnessIn(folder: string, firstEntryHash: string | undefined): HeadWitnessStatus {
  const none: HeadWitnessStatus = {
    state: 'none-yet',
    folder,
    message: `Witness folder: ${folder}. It holds no witness of this journal yet (or cannot be read now); the next session closed writes one.`,
  };
  if (firstEntryHash === undefined) return none;
  try {
    const found = headWitnessForJournal(folder, firstEntryHash, 'this journal');
    const { head, writtenAt } = found.witness;
    return { state: 'written', folder, file: found.file, seq: head.seq, hash: head.hash, writtenAt };
  } catch {
    // Only shown on the screen: an unreadable folder or witness must not stop the Journal screen.
    return none;
  }
}

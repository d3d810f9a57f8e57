/**
 * Writing the break-glass app's new certificate as a PFX for the safe's media, protected by a
 * passphrase from the sealed envelope; src/node/x509/pfx.ts makes the bytes.
 */
import { closeSync, constants, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

import { ActionableError } from '../../shared/actionable-error.ts';

/** Why a passphrase for the new PFX is refused, or undefined when it is good enough. */
export function passphraseProblem(first: string, second: string): ActionableError | undefined {
  if (first !== second) {
    return new ActionableError(
      'The two passphrases are not the same.',
      'Type the passphrase again in both fields, exactly as it will be written on the envelope.',
    );
  }
  if ([...first].length < minimumPassphraseLength) {
    return new ActionableError(
      `The passphrase is too short: it needs at least ${minimumPassphraseLength} characters.`,
      'Choose a longer passphrase – four or five unrelated words work well – and type it in both fields.',
    );
  }
  if (new Set(first.toLowerCase()).size < 8) {
    return new ActionableError(
      'The passphrase repeats too few different characters to be hard to guess.',
      'Choose a passphrase made of several unrelated words or a mix of letters and digits.',
    );
  }
  if (first.trim() !== first) {
    return new ActionableError(
      'The passphrase starts or ends with a space, which is easily lost when it is written down.',
      'Remove the leading or trailing spaces and type it in both fields.',
    );
  }
  return undefined;
}

export const minimumPassphraseLength = 16;

/**
 * Writes the PFX into `folder` as `fileName`, never over an existing file, and flushed to the
 * medium before it is renamed into place – a USB stick pulled a moment later still holds either
 * the whole file or none. Returns the full path.
 */
export function writePfxToFolder(folder: string, fileName: string, bytes: Buffer): string {
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch (error) {
    throw new ActionableError(
      `The folder ${folder} cannot be opened (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`,
      "Plug in the safe's media, check it is mounted, and choose the folder again.",
      { cause: error },
    );
  }
  if (!isFolder)
    throw new ActionableError(
      `${folder} is a file, not a folder.`,
      "Choose the folder on the safe's media where the certificate should be saved.",
    );
  const target = join(folder, fileName);
  const partial = join(folder, `.${fileName}.partial`);
  let fd: number | undefined;
  try {
    fd = openSync(partial, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC, 0o600);
    writeSync(fd, bytes);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    try {
      statSync(target);
      throw Object.assign(new Error('exists'), { code: 'EEXIST' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    renameSync(partial, target);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw new ActionableError(
        `${target} already exists; it was left as it is.`,
        'Choose another folder, or move the old file away first.',
      );
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new ActionableError(
        `The certificate cannot be written to ${folder}: the folder is read-only or not writable for this account (${code}).`,
        "Switch the safe's media to writable (check its lock switch) or choose another folder, then save again.",
        { cause: error },
      );
    }
    if (code === 'ENOSPC')
      throw new ActionableError(
        `The medium holding ${folder} is full.`,
        'Free some space on it or choose another folder, then save again.',
        { cause: error },
      );
    throw new ActionableError(
      `The certificate could not be written to ${folder} (${code ?? String(error)}).`,
      'Choose another folder and save again.',
      { cause: error },
    );
  }
  return target;
}

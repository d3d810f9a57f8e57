/**
 * Reads and writes the runbook file (`breakglass.runbook.json`). Reading never fails: a missing
 * file means the built-in runbook, and a bad one means the built-in runbook plus a problem that
 * names the file and the place in it – the custodian at the safe must always get a runbook.
 * Writing validates first and replaces the file atomically, so Settings can never leave half a
 * runbook (or a bad one) on disk.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

import { builtinRunbook } from '../../core/runbooks/builtin-runbook.ts';
import { ActionableError } from '../../shared/actionable-error.ts';
import { RunbookContent, runbookFormatVersion } from '../../shared/model/runbook.ts';
import { describeZodIssue } from '../../shared/zod-issues.ts';

export { runbookFileName } from '../../shared/model/runbook-gaps.ts';

export type RunbookProblem = { readonly message: string; readonly nextStep: string };

export type LoadedRunbook = {
  readonly runbook: RunbookContent;
  readonly source: 'file' | 'builtin';
  readonly problem?: RunbookProblem;
};

const usingBuiltin = 'Until then the app shows the built-in runbook.';

/** Validates parsed JSON; on failure returns the problems as `$.path: reason` lines (at most five). */
function validateRunbook(raw: unknown): { runbook: RunbookContent } | { problems: string } {
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw) && 'version' in raw && raw.version !== runbookFormatVersion) {
    return { problems: `$.version: is ${JSON.stringify(raw.version)}, but this app reads runbook format version ${runbookFormatVersion}` };
  }
  // reportInput: without it zod 4 leaves `input` off issues, and a wrong type would read as missing.
  const parsed = RunbookContent.safeParse(raw, { reportInput: true });
  if (parsed.success) return { runbook: parsed.data };
  const lines = parsed.error.issues.flatMap((issue) => describeZodIssue(issue, 'not part of the runbook format'));
  const more = lines.length > 5 ? ` (and ${lines.length - 5} more)` : '';
  return { problems: lines.slice(0, 5).join('; ') + more };
}

function builtinWith(problem: RunbookProblem): LoadedRunbook {
  return { runbook: builtinRunbook, source: 'builtin', problem };
}

/**
 * The runbook to show: the file at `path` when it is valid, otherwise the built-in runbook –
 * with a problem to show when the file exists but cannot be used.
 */
export function loadRunbook(path: string | undefined): LoadedRunbook {
  if (path === undefined) return { runbook: builtinRunbook, source: 'builtin' };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { runbook: builtinRunbook, source: 'builtin' };
    return builtinWith({
      message: `The runbook file ${path} cannot be read (${code ?? (error as Error).message}).`,
      nextStep: `Check that ${path} is a file this account may read, or save the runbook again from Settings. ${usingBuiltin}`,
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return builtinWith({
      message: `The runbook file ${path} is not valid JSON: ${(error as Error).message}.`,
      nextStep: `Fix the JSON in ${path} (or move it away), or save the runbook again from Settings. ${usingBuiltin}`,
    });
  }
  const result = validateRunbook(raw);
  if ('problems' in result) {
    return builtinWith({
      message: `The runbook file ${path} does not match the runbook format: ${result.problems}.`,
      nextStep: `Correct ${path} (Settings can edit it), then open the runbook again. ${usingBuiltin}`,
    });
  }
  return { runbook: result.runbook, source: 'file' };
}

/**
 * Validates `content` and writes it to `path` as 2-space JSON, keys in the format's order. A bad runbook throws an
 * ActionableError naming the problem and writes nothing. The write goes to a temporary file in
 * the same folder, flushed to disk and renamed over the old file, so a crash or a full disk
 * leaves either the old runbook or the new one – never half of one.
 */
export function saveRunbook(path: string, content: unknown): void {
  const result = validateRunbook(content);
  if ('problems' in result) {
    throw new ActionableError(
      `The runbook was not saved: it does not match the runbook format: ${result.problems}.`,
      `Correct the fields named, then save again. ${path} is unchanged.`,
    );
  }
  const temporary = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
  try {
    const descriptor = openSync(temporary, 'wx');
    try {
      writeFileSync(descriptor, `${JSON.stringify(result.runbook, null, 2)}\n`, 'utf8');
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    throw new ActionableError(
      `The runbook file ${path} could not be saved (${code ?? (error as Error).message}).`,
      `Check that the folder ${dirname(path)} exists, is writable and has free space, then save again. ${path} is unchanged.`,
      { cause: error },
    );
  }
}

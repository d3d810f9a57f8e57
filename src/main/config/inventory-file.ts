/**
 * Reads and validates an inventory file, turning every problem into a message that names the
 * file, the place in it and what to do.
 */
import { readFileSync } from 'node:fs';

import { ActionableError } from '../../shared/actionable-error.ts';
import { Inventory } from '../../shared/inventory.ts';
import { jsonPath } from '../../shared/zod-issues.ts';
import { findDuplicateKey } from './json-duplicate-key.ts';

export const inventoryFileName = 'breakglass.config.json';

/**
 * How the file came to be read, so each next step fits: the app and `breakglass web` fall back to
 * the demo tenant without it, `breakglass check` cannot run without one.
 */
export type InventoryUse = { readonly again: string; readonly demoWithoutIt: boolean };

const appUse: InventoryUse = { again: 'start again', demoWithoutIt: true };

/** Parses inventory JSON text; `source` names the file in messages. */
export function parseInventory(text: string, source: string, use: InventoryUse = appUse): Inventory {
  let raw: unknown;
  // An editor may save the file with a UTF-8 byte-order mark, which JSON.parse refuses.
  const json = text.replace(/^\uFEFF/, '');
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new ActionableError(
      `The configuration file ${source} is not valid JSON: ${(error as Error).message}.`,
      `Fix the JSON in ${source}${use.demoWithoutIt ? ' (or move it away to use the demo tenant)' : ''}, then ${use.again}.`,
    );
  }
  const duplicate = findDuplicateKey(json);
  if (duplicate) {
    throw new ActionableError(
      `The configuration file ${source} is ambiguous: the key "${duplicate.key}" is given twice at ${duplicate.path}.`,
      `Keep one "${duplicate.key}" at ${duplicate.path} in ${source}, then ${use.again}.`,
    );
  }
  const parsed = Inventory.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${jsonPath(issue.path)}: ${issue.message}`)
      .join('; ');
    throw new ActionableError(
      `The configuration file ${source} does not match the inventory format: ${problems}.`,
      `Correct ${source} as described in the README ("The inventory file"), then ${use.again}.`,
    );
  }
  return parsed.data;
}

export function readInventoryFile(path: string, use: InventoryUse = appUse): Inventory {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ActionableError(
      code === 'ENOENT'
        ? `The configuration file ${path} does not exist.`
        : `The configuration file ${path} cannot be read (${code ?? (error as Error).message}).`,
      `Check the path you gave with --config${use.demoWithoutIt ? ', or start without it to use the demo tenant' : `, then ${use.again}`}.`,
    );
  }
  return parseInventory(text, path, use);
}

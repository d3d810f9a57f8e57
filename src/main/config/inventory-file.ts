/**
 * Reads and validates an inventory file, turning every problem into a message that names the
 * file, the place in it and what to do.
 */
import { readFileSync } from 'node:fs';

import { ActionableError } from '../../shared/actionable-error.ts';
import { Inventory } from '../../shared/inventory.ts';
import { jsonPath } from '../../shared/zod-issues.ts';

export const inventoryFileName = 'breakglass.config.json';

/** Parses inventory JSON text; `source` names the file in messages. */
export function parseInventory(text: string, source: string): Inventory {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ActionableError(
      `The configuration file ${source} is not valid JSON: ${(error as Error).message}.`,
      `Fix the JSON in ${source} (or move it away to use the demo tenant), then start again.`,
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
      `Correct ${source} as described in the README ("The inventory file"), then start again.`,
    );
  }
  return parsed.data;
}

export function readInventoryFile(path: string): Inventory {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ActionableError(
      code === 'ENOENT'
        ? `The configuration file ${path} does not exist.`
        : `The configuration file ${path} cannot be read (${code ?? (error as Error).message}).`,
      'Check the path you gave with --config, or start without it to use the demo tenant.',
    );
  }
  return parseInventory(text, path);
}

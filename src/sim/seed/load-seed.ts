/**
 * Reads and validates a simulated-tenant seed. Nothing starts on a bad seed: every problem is
 * reported with its JSON path (`$.users[3].authenticationMethods[0].id`). All shape problems are
 * reported at once; the references between objects can be checked only once every object has
 * its shape, so dangling ids are reported (all at once) after the shapes are right.
 */
import { readFileSync } from 'node:fs';

import { ActionableError } from '../../shared/actionable-error.ts';
import { describeZodIssue, jsonPath } from '../../shared/zod-issues.ts';
import { findReferenceIssues, type SeedIssue } from './references.ts';
import { seedSchema, type Seed } from './schema.ts';

/** The problems of a seed, each as `$.json.path: what is wrong`. */
export class SeedValidationError extends ActionableError {
  readonly problems: readonly string[];

  constructor(source: string, problems: readonly string[]) {
    const shown = problems.slice(0, 25);
    const more = problems.length > shown.length ? `\n  … and ${problems.length - shown.length} more` : '';
    super(
      `The simulated-tenant seed ${source} is not valid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  ${shown.join('\n  ')}${more}`,
      'Fix the seed at the JSON paths named above, or regenerate the demo seed with "node --import tsx src/sim/tools/make-demo-seed.ts".',
    );
    this.name = 'SeedValidationError';
    this.problems = problems;
  }
}

/** Validates parsed seed JSON; returns the seed with every collection present. */
export function validateSeed(json: unknown, source = 'given'): Seed {
  // reportInput: without it zod 4 leaves `input` off issues, and a wrong type would read as missing.
  const parsed = seedSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) throw new SeedValidationError(source, parsed.error.issues.flatMap((issue) => describeZodIssue(issue, "not part of this object's Graph shape")));
  const references: SeedIssue[] = findReferenceIssues(parsed.data);
  if (references.length > 0) throw new SeedValidationError(source, references.map((i) => `${jsonPath(i.path)}: ${i.message}`));
  return parsed.data;
}

export function loadSeedFile(path: string): Seed {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ActionableError(
      `The simulated-tenant seed ${path} cannot be read: ${(error as Error).message}.`,
      'Check the path given with --seed or --sim.',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ActionableError(`The simulated-tenant seed ${path} is not valid JSON: ${(error as Error).message}.`, 'Fix the JSON syntax at the position named.');
  }
  return validateSeed(json, path);
}

export { jsonPath };

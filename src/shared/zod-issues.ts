/**
 * How a file that fails its schema is reported – the inventory, the runbook, a simulated-tenant
 * seed: each problem as `$.json.path: what is wrong`, a wrong value described by its type, never
 * its content (it may be a secret).
 */
import type { z } from 'zod';

export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    const name = String(segment);
    return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `${text}.${name}` : `${text}['${name}']`;
  }, '$');
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * One zod issue as lines a person can act on. Parse with `{ reportInput: true }`: without it
 * zod 4 leaves `input` off issues, and a wrong type would read as missing.
 */
export function describeZodIssue(issue: z.core.$ZodIssue, unknownKeyNote: string): string[] {
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => `${jsonPath([...issue.path, key])}: unknown key (${unknownKeyNote})`);
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) return [`${jsonPath(issue.path)}: ${issue.message}`];
      return [`${jsonPath(issue.path)}: matches none of the allowed shapes`];
    case 'invalid_type':
      return [
        `${jsonPath(issue.path)}: ${issue.input === undefined ? 'is required' : `must be ${issue.expected}, not ${describeValue(issue.input)}`}`,
      ];
    default:
      return [`${jsonPath(issue.path)}: ${issue.message}`];
  }
}

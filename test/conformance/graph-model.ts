/**
 * Reading an answer through Microsoft's own typed models of Microsoft Graph: the Kiota models of
 * the Microsoft Graph JavaScript SDK (@microsoft/msgraph-sdk), parsed by Kiota's JSON parse node
 * the way the SDK parses Graph's answers. Kiota keeps a property its model does not define in
 * `additionalData`; so a property there is one Microsoft's model of that type does not know.
 */
import assert from 'node:assert/strict';

import type { Parsable, ParsableFactory } from '@microsoft/kiota-abstractions';
import { JsonParseNode } from '@microsoft/kiota-serialization-json';

/** OData control information and instance annotations, which Kiota also keeps in additionalData. */
const isAnnotation = (name: string) => name.startsWith('@') || name.includes('@odata.');

function unknownProperties(value: unknown, path: string, found: string[]): void {
  if (Array.isArray(value)) return value.forEach((item, n) => unknownProperties(item, `${path}[${n}]`, found));
  if (!value || typeof value !== 'object' || value instanceof Date) return;
  for (const [name, inner] of Object.entries(value)) {
    if (name === 'additionalData') {
      for (const extra of Object.keys(inner as object)) if (!isAnnotation(extra)) found.push(path ? `${path}.${extra}` : extra);
    } else unknownProperties(inner, path ? `${path}.${name}` : name, found);
  }
}

export type Expected = 'string' | 'boolean' | 'number' | 'Date' | 'array' | 'object';

function valueAt(model: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((at, part) => {
    const indexed = /^(\w+)\[(\d+)\]$/.exec(part);
    const object = at as Record<string, unknown> | undefined;
    return indexed ? (object?.[indexed[1]!] as unknown[] | undefined)?.[Number(indexed[2])] : object?.[part];
  }, model);
}

const typeOf = (value: unknown): string =>
  value instanceof Date ? 'Date' : Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;

/**
 * Parses `body` with Microsoft's model, asserts that nothing lands in `additionalData` (every
 * property is one Microsoft defines for its type) and that each property the product relies on
 * comes out with its type (paths in the model's property names, e.g. `value[0].conditions.users`).
 */
export function assertReadByGraphModel<T extends Parsable>(
  factory: ParsableFactory<T>,
  body: unknown,
  relies: Readonly<Record<string, Expected>>,
): T {
  const model = new JsonParseNode(body).getObjectValue(factory);
  const unknown: string[] = [];
  unknownProperties(model, '', unknown);
  assert.deepEqual(
    unknown,
    [],
    `Microsoft's Graph model does not define these properties of the answer (Kiota put them in additionalData):\n${unknown.join('\n')}`,
  );
  const wrong = Object.entries(relies)
    .map(([path, expected]) => ({ path, expected, actual: typeOf(valueAt(model, path)) }))
    .filter((r) => r.actual !== r.expected)
    .map((r) => `${r.path}: the product relies on ${r.expected}, Microsoft's model read ${r.actual}`);
  assert.deepEqual(wrong, [], wrong.join('\n'));
  return model;
}

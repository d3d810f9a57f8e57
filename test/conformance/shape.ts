/**
 * The one way the conformance tests compare an answer with Microsoft's documented example: every
 * property of Microsoft's example is present in the answer with the same JSON type. A `null` in
 * Microsoft's example says nothing about the type, so any value matches it; a `null` in the
 * answer matches only where the caller names the property as nullable (from Microsoft's resource
 * page). Arrays are compared element by element where both have elements: an element of
 * Microsoft's array is matched with the answer's element of the same `id` or `name`, else with the
 * one at its position.
 *
 * Which properties an answer may carry beyond the example is not judged here: the example is
 * "shortened for readability" on most Microsoft pages, so that is left to Microsoft's own models
 * (graph-model.ts, arm-model.ts), which know every property of a type.
 */
import assert from 'node:assert/strict';

export type ShapeOptions = {
  /**
   * Paths (dot-separated, `[]` for array elements, e.g. `value[].sessionControls`) where the answer
   * may be null although Microsoft's example has a value there: each one is nullable on its
   * Microsoft resource page.
   */
  readonly nullable?: readonly string[];
  /** Paths of Microsoft's example not compared, each with the reason (for example a documentation typo). */
  readonly notCompared?: Readonly<Record<string, string>>;
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const jsonType = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** OData control information that is about the message, not the resource (`@odata.context`, `@odata.nextLink` …). */
const isMessageAnnotation = (name: string) => name.startsWith('@odata.') && name !== '@odata.type';

/** The answer's element to compare with Microsoft's: the one of the same `id`, else of the same `name`, else at the same position. */
function partner(expected: Json, index: number, candidates: Json[]): Json | undefined {
  const object = (value: Json | undefined) => (value && typeof value === 'object' && !Array.isArray(value) ? value : undefined);
  for (const key of ['id', 'name']) {
    const wanted = object(expected)?.[key];
    if (typeof wanted !== 'string') continue;
    const same = candidates.find((c) => String(object(c)?.[key] ?? '').toLowerCase() === wanted.toLowerCase());
    if (same !== undefined) return same;
  }
  return candidates[Math.min(index, candidates.length - 1)];
}

/** What differs, one line per difference, each naming the path. */
export function shapeDifferences(microsoft: unknown, answer: unknown, options: ShapeOptions = {}, path = ''): string[] {
  const here = path || '(body)';
  if (options.notCompared && path in options.notCompared) return [];
  const expected = microsoft as Json;
  const actual = answer as Json;
  if (expected === null) return [];
  if (actual === null)
    return options.nullable?.includes(path) ? [] : [`${here}: Microsoft's example has ${jsonType(expected)}, the answer has null`];
  if (jsonType(expected) !== jsonType(actual))
    return [`${here}: Microsoft's example has ${jsonType(expected)}, the answer has ${jsonType(actual)}`];
  if (Array.isArray(expected)) {
    const candidates = actual as Json[];
    if (candidates.length === 0)
      return expected.length > 0 ? [`${here}: Microsoft's example has ${expected.length} element(s), the answer none`] : [];
    return expected.flatMap((element, n) => shapeDifferences(element, partner(element, n, candidates), options, `${path}[]`));
  }
  if (typeof expected !== 'object') return [];
  const object = actual as Record<string, Json>;
  return Object.entries(expected).flatMap(([name, value]) => {
    if (isMessageAnnotation(name)) return [];
    const at = path ? `${path}.${name}` : name;
    if (!(name in object))
      return options.notCompared && at in options.notCompared ? [] : [`${at}: in Microsoft's example, missing from the answer`];
    return shapeDifferences(value, object[name], options, at);
  });
}

export function assertSameShape(microsoft: unknown, answer: unknown, options: ShapeOptions = {}): void {
  const differences = shapeDifferences(microsoft, answer, options);
  assert.deepEqual(
    differences,
    [],
    `The answer is not in the shape of Microsoft's example:\n${differences.join('\n')}\nAnswer: ${JSON.stringify(answer, null, 1)}`,
  );
}

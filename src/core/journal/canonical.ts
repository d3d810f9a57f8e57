/**
 * The canonical form of journal content: the exact text that is hashed.
 *
 * It must be byte-for-byte reproducible by any future version of the app (or an auditor's own
 * script), so the rules are few and strict: object keys sorted by UTF-16 code unit (JavaScript's
 * default sort, also what RFC 8785 uses), no whitespace, properties whose value is `undefined`
 * left out, and anything JSON cannot represent exactly (NaN, Infinity, bigint, Dates, class
 * instances, holes or `undefined` in arrays) refused rather than silently converted.
 */

export class NotCanonicalJsonError extends TypeError {
  readonly path: string[] = [];

  constructor(readonly problem: string) {
    super(problem);
    this.name = 'NotCanonicalJsonError';
  }

  /** Called while the error unwinds, so the happy path never builds path strings. */
  within(segment: string): this {
    this.path.unshift(segment);
    this.message = `${this.path.join('')}: ${this.problem}`;
    return this;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

export function canonicalJson(value: unknown): string {
  if (value === undefined) throw new NotCanonicalJsonError('undefined has no JSON form');
  // Verifying a long journal canonicalises every entry, so the common case is made cheap: once
  // the value is known to be plain JSON with every object's keys already in order, the built-in
  // JSON.stringify produces exactly the canonical text (it omits undefined properties and
  // escapes strings the same way). Otherwise the keys are sorted by hand.
  return isOrderedJson(value) ? JSON.stringify(value) : write(value);
}

/** Throws for anything that is not JSON data; returns whether every object's keys are sorted. */
function isOrderedJson(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      if (!Number.isFinite(value)) throw new NotCanonicalJsonError(`${String(value)} is not a JSON number`);
      return true;
    case 'object': {
      if (value === null) return true;
      let ordered = true;
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index += 1) {
          try {
            const item: unknown = value[index];
            if (item === undefined) throw new NotCanonicalJsonError('undefined (or a hole) in an array has no JSON form');
            if (!isOrderedJson(item)) ordered = false;
          } catch (error) {
            throw error instanceof NotCanonicalJsonError ? error.within(`[${index}]`) : error;
          }
        }
        return ordered;
      }
      if (!isPlainObject(value)) {
        throw new NotCanonicalJsonError(`a ${value.constructor?.name ?? 'non-plain'} object is not JSON data`);
      }
      let previous: string | undefined;
      for (const key of Object.keys(value)) {
        if (previous !== undefined && previous > key) ordered = false;
        previous = key;
        const item = value[key];
        try {
          if (item !== undefined && !isOrderedJson(item)) ordered = false;
        } catch (error) {
          throw error instanceof NotCanonicalJsonError ? error.within(`.${key}`) : error;
        }
      }
      return ordered;
    }
    default:
      throw new NotCanonicalJsonError(`a ${typeof value} is not JSON data`);
  }
}

/** The slow path, for values whose keys are out of order; the value was already checked. */
function write(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  return Array.isArray(value) ? writeArray(value) : writeObject(value as Record<string, unknown>);
}

function writeArray(items: readonly unknown[]): string {
  let text = '[';
  for (let index = 0; index < items.length; index += 1) text += (index > 0 ? ',' : '') + write(items[index]);
  return `${text}]`;
}

function writeObject(record: Record<string, unknown>): string {
  let text = '{';
  let first = true;
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined) continue;
    text += `${first ? '' : ','}${JSON.stringify(key)}:${write(item)}`;
    first = false;
  }
  return `${text}}`;
}

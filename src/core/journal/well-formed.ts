/**
 * Journal text is made well-formed Unicode before it is hashed (docs/domain.md, "Journal rules").
 *
 * SQLite stores TEXT as UTF-8, and a lone UTF-16 surrogate has no UTF-8 form: SQLite would store
 * U+FFFD in its place while the hash covered the original, and the sound entry would fail its own
 * hash for ever. Text from outside (a Conditional Access policy's name, a note) can carry one, so
 * each lone surrogate is replaced by U+FFFD – what String.prototype.toWellFormed does – and the
 * entry names the fields that were changed, so the record says the text is not exactly as received.
 */
import { isPlainObject, NotCanonicalJsonError } from './canonical.ts';
import { replacedTextFlag, type JsonObject } from './model.ts';

/** ES2024's string methods (Node 20, Electron's Chromium); the project's TypeScript lib is ES2023. */
type WellFormedString = string & { isWellFormed(): boolean; toWellFormed(): string };

export function isWellFormedText(text: string): boolean {
  return (text as WellFormedString).isWellFormed();
}

export function toWellFormedText(text: string): string {
  return (text as WellFormedString).toWellFormed();
}

/**
 * The draft with every string (object keys too) well formed. Returns the draft itself when
 * nothing needed replacing (the usual case, with nothing copied); otherwise a copy whose `data`
 * also holds `replacedTextFlag`: the paths of the fields that were changed, e.g. "summary" or
 * "data.subject.name". Throws NotCanonicalJsonError when two keys of one object would become the same.
 */
export function wellFormedDraft<Draft extends { readonly data: JsonObject }>(draft: Draft): Draft {
  const replaced: string[] = [];
  const repaired = repair(draft, '', replaced) as Draft;
  if (replaced.length === 0) return draft;
  return { ...repaired, data: { ...repaired.data, [replacedTextFlag]: replaced } };
}

function repair(value: unknown, path: string, replaced: string[]): unknown {
  if (typeof value === 'string') {
    if (isWellFormedText(value)) return value;
    replaced.push(path);
    return toWellFormedText(value);
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item: unknown, index) => {
      const fixed = repair(item, `${path}[${index}]`, replaced);
      if (fixed !== item) (copy ??= [...value])[index] = fixed;
    });
    return copy ?? value;
  }
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  let copy: Record<string, unknown> | undefined;
  keys.forEach((key, index) => {
    const item = value[key];
    const fixedKey = isWellFormedText(key) ? key : toWellFormedText(key);
    const itemPath = path ? `${path}.${fixedKey}` : fixedKey;
    if (fixedKey !== key) replaced.push(itemPath);
    const fixed = repair(item, itemPath, replaced);
    if (!copy && (fixed !== item || fixedKey !== key)) {
      copy = {};
      for (const earlier of keys.slice(0, index)) define(copy, earlier, value[earlier]);
    }
    if (!copy) return;
    if (Object.hasOwn(copy, fixedKey)) {
      throw new NotCanonicalJsonError(`two keys read "${fixedKey}" once lone surrogates are replaced`).within(path ? `.${path}` : '');
    }
    define(copy, fixedKey, fixed);
  });
  return copy ?? value;
}

/** A plain assignment would treat a "__proto__" key as the prototype, not as data. */
function define(record: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

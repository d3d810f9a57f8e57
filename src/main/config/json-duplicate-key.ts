/**
 * Finds a key given twice in one JSON object. JSON.parse keeps the last one silently, so a config
 * file with two "tenantId"s would quietly mean one of them; the config readers refuse it as
 * ambiguous instead (docs/domain.md, "The `breakglass` command").
 */
import { jsonPath } from '../../shared/zod-issues.ts';

type Frame = { kind: 'object'; keys: Set<string>; key: string; expectKey: boolean } | { kind: 'array'; index: number };

const childOf = (frame: Frame): string | number => (frame.kind === 'object' ? frame.key : frame.index);

/** The first duplicate key in `text` (valid JSON) and its JSON path, e.g. `$.reader.appId`. */
export function findDuplicateKey(text: string): { key: string; path: string } | undefined {
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    const top = stack.at(-1);
    if (c === '{') stack.push({ kind: 'object', keys: new Set(), key: '', expectKey: true });
    else if (c === '[') stack.push({ kind: 'array', index: 0 });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',' && top?.kind === 'array') top.index += 1;
    else if (c === ',' && top?.kind === 'object') top.expectKey = true;
    else if (c === ':' && top?.kind === 'object') top.expectKey = false;
    else if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (top?.kind === 'object' && top.expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) return { key, path: jsonPath([...stack.slice(0, -1).map(childOf), key]) };
        top.keys.add(key);
        top.key = key;
      }
      i = end;
    }
  }
  return undefined;
}

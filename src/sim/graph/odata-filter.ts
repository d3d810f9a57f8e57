/**
 * The `$filter` forms the product and common tooling send to Graph: comparisons
 * (`eq ne gt ge lt le`), `and`/`or`/`not`, parentheses, `in (…)`, `startsWith`/`endsWith`,
 * and lambda `any` over collections (`signInEventTypes/any(t: t eq 'servicePrincipal')`).
 * https://learn.microsoft.com/graph/filter-query-parameter
 */
type Literal = string | number | boolean | null;

type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'not'; operand: Node }
  | { kind: 'compare'; op: string; path: string[]; value: Literal }
  | { kind: 'in'; path: string[]; values: Literal[] }
  | { kind: 'call'; name: string; path: string[]; value: Literal }
  | { kind: 'any'; path: string[]; variable: string; body: Node | undefined };

type Token = { type: 'string' | 'word' | 'number' | 'punct'; text: string; value?: Literal };

export class FilterError extends Error {}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === "'") {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= text.length) throw new FilterError('unterminated string literal');
        if (text[i] === "'" && text[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (text[i] === "'") {
          i += 1;
          break;
        } else {
          value += text[i];
          i += 1;
        }
      }
      tokens.push({ type: 'string', text: value, value });
    } else if ('(),:'.includes(c)) {
      tokens.push({ type: 'punct', text: c });
      i += 1;
    } else {
      const match = /^[^\s(),:'"]+(?::\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)?)?/.exec(text.slice(i));
      if (!match) throw new FilterError(`unexpected character '${c}'`);
      const word = match[0];
      i += word.length;
      if (/^-?\d+(\.\d+)?$/.test(word)) tokens.push({ type: 'number', text: word, value: Number(word) });
      else tokens.push({ type: 'word', text: word });
    }
  }
  return tokens;
}

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }
  private next(): Token {
    const token = this.tokens[this.position++];
    if (!token) throw new FilterError('unexpected end of the expression');
    return token;
  }
  private expect(text: string): void {
    const token = this.next();
    if (token.text !== text) throw new FilterError(`expected '${text}' but found '${token.text}'`);
  }
  private isWord(text: string): boolean {
    const token = this.peek();
    return token?.type === 'word' && token.text.toLowerCase() === text;
  }

  parse(): Node {
    const node = this.or();
    if (this.peek()) throw new FilterError(`unexpected '${this.peek()!.text}'`);
    return node;
  }
  private or(): Node {
    let left = this.and();
    while (this.isWord('or')) {
      this.next();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }
  private and(): Node {
    let left = this.unary();
    while (this.isWord('and')) {
      this.next();
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }
  private unary(): Node {
    if (this.isWord('not')) {
      this.next();
      return { kind: 'not', operand: this.unary() };
    }
    if (this.peek()?.text === '(') {
      this.next();
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    return this.primary();
  }
  private literal(): Literal {
    const token = this.next();
    if (token.type === 'string' || token.type === 'number') return token.value ?? null;
    const lowered = token.text.toLowerCase();
    if (lowered === 'true') return true;
    if (lowered === 'false') return false;
    if (lowered === 'null') return null;
    // Unquoted date-times and GUIDs are literals too.
    if (/^\d{4}-\d\d-\d\d/.test(token.text) || /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(token.text)) return token.text;
    throw new FilterError(`'${token.text}' is not a literal`);
  }
  private primary(): Node {
    const word = this.next();
    if (word.type !== 'word') throw new FilterError(`expected a property name but found '${word.text}'`);
    if (this.peek()?.text === '(') {
      const name = word.text.toLowerCase();
      if (name.endsWith('/any') || name.endsWith('/all')) {
        this.next();
        const path = word.text.slice(0, -4).split('/');
        if (this.peek()?.text === ')') {
          this.next();
          return { kind: 'any', path, variable: '', body: undefined };
        }
        const variable = this.next().text;
        this.expect(':');
        const body = this.or();
        this.expect(')');
        if (name.endsWith('/all')) throw new FilterError('the all operator is not supported');
        return { kind: 'any', path, variable, body };
      }
      if (name !== 'startswith' && name !== 'endswith' && name !== 'contains')
        throw new FilterError(`function '${word.text}' is not supported`);
      this.next();
      const path = this.next().text.split('/');
      this.expect(',');
      const value = this.literal();
      this.expect(')');
      return { kind: 'call', name, path, value };
    }
    const operator = this.next().text.toLowerCase();
    const path = word.text.split('/');
    if (operator === 'in') {
      this.expect('(');
      const values: Literal[] = [this.literal()];
      while (this.peek()?.text === ',') {
        this.next();
        values.push(this.literal());
      }
      this.expect(')');
      return { kind: 'in', path, values };
    }
    if (!['eq', 'ne', 'gt', 'ge', 'lt', 'le'].includes(operator)) throw new FilterError(`operator '${operator}' is not supported`);
    return { kind: 'compare', op: operator, path, value: this.literal() };
  }
}

function resolve(item: unknown, path: readonly string[], variables: Map<string, unknown>): unknown {
  const [first] = path;
  const fromVariable = first !== undefined && variables.has(first);
  let current: unknown = fromVariable ? variables.get(first) : item;
  for (const segment of fromVariable ? path.slice(1) : path) {
    if (current === null || typeof current !== 'object') return undefined;
    const record = current as Record<string, unknown>;
    const key = Object.keys(record).find((k) => k.toLowerCase() === segment.toLowerCase());
    current = key === undefined ? undefined : record[key];
  }
  return current;
}

function compare(left: unknown, right: Literal): number | undefined {
  if (left === undefined) return undefined;
  if (left === null || right === null) return left === right ? 0 : undefined;
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'boolean' || typeof right === 'boolean') return left === right ? 0 : undefined;
  const a = String(left);
  const b = String(right);
  const dateLike = /^\d{4}-\d\d-\d\dT/;
  if (dateLike.test(a) && dateLike.test(b)) return Date.parse(a) - Date.parse(b);
  return a.toLowerCase().localeCompare(b.toLowerCase());
}

function evaluate(node: Node, item: unknown, variables: Map<string, unknown>): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, item, variables) && evaluate(node.right, item, variables);
    case 'or':
      return evaluate(node.left, item, variables) || evaluate(node.right, item, variables);
    case 'not':
      return !evaluate(node.operand, item, variables);
    case 'in': {
      const value = resolve(item, node.path, variables);
      return node.values.some((v) => compare(value, v) === 0);
    }
    case 'call': {
      const value = resolve(item, node.path, variables);
      if (typeof value !== 'string' || typeof node.value !== 'string') return false;
      const [a, b] = [value.toLowerCase(), node.value.toLowerCase()];
      return node.name === 'startswith' ? a.startsWith(b) : node.name === 'endswith' ? a.endsWith(b) : a.includes(b);
    }
    case 'any': {
      const collection = resolve(item, node.path, variables);
      if (!Array.isArray(collection)) return false;
      if (!node.body) return collection.length > 0;
      return collection.some((element) => evaluate(node.body!, item, new Map([...variables, [node.variable, element]])));
    }
    case 'compare': {
      const result = compare(resolve(item, node.path, variables), node.value);
      if (result === undefined) return node.op === 'ne';
      return { eq: result === 0, ne: result !== 0, gt: result > 0, ge: result >= 0, lt: result < 0, le: result <= 0 }[node.op] ?? false;
    }
  }
}

export type CompiledFilter = { readonly test: (item: unknown) => boolean; readonly mentions: (property: string) => boolean };

/** Parses a `$filter`; throws FilterError with a reason Graph-style callers can show. */
export function compileFilter(text: string): CompiledFilter {
  const tokens = tokenize(text);
  const tree = new Parser(tokens).parse();
  return {
    test: (item) => evaluate(tree, item, new Map()),
    mentions: (property) => tokens.some((t) => t.type === 'word' && t.text.split('/')[0]!.toLowerCase() === property.toLowerCase()),
  };
}

/**
 * One Graph request as the route handlers see it – the same whether it arrived over HTTPS or
 * inside `$batch` – and the OData helpers every collection shares: `$filter`, `$select`,
 * `$top`, `$count` and paging with an opaque `$skiptoken` in `@odata.nextLink`.
 */
import type { SimulatorContext } from '../token/context.ts';
import { graphErrors, type GraphFailure } from './errors.ts';
import { FilterError, compileFilter } from './odata-filter.ts';
import { refusal, type GraphCaller, type GraphOperation } from './permissions.ts';

export type GraphVersion = 'v1.0' | 'beta';

export type GraphCall = {
  readonly context: SimulatorContext;
  readonly method: string;
  readonly version: GraphVersion;
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly origin: string;
  readonly caller: GraphCaller;
};

export type GraphSuccess = { readonly status: number; readonly body?: unknown; readonly headers?: Record<string, string> };
export type GraphResult = GraphSuccess | { readonly failure: GraphFailure };

export const ok = (body: unknown, status = 200): GraphResult => ({ status, body });
export const noContent = (): GraphResult => ({ status: 204 });
export const fail = (failure: GraphFailure): GraphResult => ({ failure });

export function metadataContext(call: GraphCall, fragment: string): string {
  return `${call.origin}/${call.version}/$metadata#${fragment}`;
}

export function selectedProperties(call: GraphCall): string[] | undefined {
  const select = call.query.get('$select');
  if (!select) return undefined;
  return select
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Keeps the `$select`ed properties (and `@odata.type`, which Graph keeps on polymorphic items). A
 * selected property the object does not hold is sent as `null`, as Graph sends an unset property
 * it holds (Microsoft's examples show unset properties as null: serviceprincipal-get.md example 1
 * `"servicePrincipalType": null`, group-get.md `"classification": null`) – the simulator never
 * invents a value for it.
 */
export function project(item: Record<string, unknown>, select: readonly string[] | undefined): Record<string, unknown> {
  if (!select) return item;
  const wanted = new Set(select.map((s) => s.toLowerCase()));
  const kept = Object.fromEntries(Object.entries(item).filter(([key]) => key === '@odata.type' || wanted.has(key.toLowerCase())));
  const held = new Set(Object.keys(kept).map((key) => key.toLowerCase()));
  for (const name of select) if (!held.has(name.toLowerCase())) kept[name] = null;
  return kept;
}

export function applyFilter<T>(call: GraphCall, items: readonly T[]): { ok: true; items: T[] } | { ok: false; failure: GraphFailure } {
  const filter = call.query.get('$filter');
  if (!filter) return { ok: true, items: [...items] };
  try {
    const compiled = compileFilter(filter);
    return { ok: true, items: items.filter((item) => compiled.test(item)) };
  } catch (error) {
    if (error instanceof FilterError) return { ok: false, failure: graphErrors.invalidFilter(error.message) };
    throw error;
  }
}

type CollectionOptions<T> = {
  readonly contextFragment: string;
  readonly present: (item: T) => Record<string, unknown>;
  /** Filter before presenting (on the stored shape); false when the route filtered itself. */
  readonly filter?: boolean;
  readonly maxPageSize?: number;
};

export function collection<T>(call: GraphCall, items: readonly T[], options: CollectionOptions<T>): GraphResult {
  let filtered = [...items];
  if (options.filter !== false) {
    const result = applyFilter(call, items);
    if (!result.ok) return fail(result.failure);
    filtered = result.items;
  }
  const top = Number(call.query.get('$top') ?? '');
  const max = options.maxPageSize ?? 999;
  const pageSize = Math.max(1, Math.min(Number.isInteger(top) && top > 0 ? top : call.context.pageSize, max));
  let skip = 0;
  const token = call.query.get('$skiptoken');
  if (token) {
    try {
      skip = Number((JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { skip: number }).skip) || 0;
    } catch {
      return fail(graphErrors.badRequest('The $skiptoken is not valid. Follow @odata.nextLink exactly as Graph returned it.'));
    }
  }
  const page = filtered.slice(skip, skip + pageSize);
  const select = selectedProperties(call);
  const body: Record<string, unknown> = { '@odata.context': metadataContext(call, options.contextFragment) };
  if (call.query.get('$count') === 'true') body['@odata.count'] = filtered.length;
  body['value'] = page.map((item) => project(withoutContext(options.present(item)), select));
  if (skip + pageSize < filtered.length) {
    // Graph writes `$` and `,` literally in its links (`?$top=5&$skiptoken=…`); URLSearchParams would not.
    const encode = (text: string) => encodeURIComponent(text).replace(/%24/g, '$').replace(/%2C/gi, ',');
    const query = [...call.query].filter(([key]) => key !== '$skiptoken').map(([key, value]) => `${encode(key)}=${encode(value)}`);
    query.push(`$skiptoken=${Buffer.from(JSON.stringify({ skip: skip + pageSize })).toString('base64url')}`);
    body['@odata.nextLink'] = `${call.origin}/${call.version}/${call.segments.join('/')}?${query.join('&')}`;
  }
  return ok(body);
}

/**
 * A pasted seed object may carry the `@odata.context` of the response it was copied from; the
 * context URL describes a response (OData JSON Format 4.01 §10), so this simulator's own replaces it.
 */
function withoutContext(item: Record<string, unknown>): Record<string, unknown> {
  const { '@odata.context': _pasted, ...rest } = item;
  return rest;
}

export function entity(call: GraphCall, item: Record<string, unknown>, contextFragment: string): GraphResult {
  return ok({ '@odata.context': metadataContext(call, contextFragment), ...project(withoutContext(item), selectedProperties(call)) });
}

/** Graph's rule for directory-object casts and advanced queries: ConsistencyLevel eventual + $count. */
export function requiresAdvancedQuery(call: GraphCall): GraphFailure | undefined {
  if (call.headers['consistencylevel']?.toLowerCase() === 'eventual' && call.query.get('$count') === 'true') return undefined;
  return graphErrors.unsupportedQuery(
    'This query needs the ConsistencyLevel: eventual header and $count=true (advanced query capabilities).',
  );
}

/** Graph's 403 unless the caller meets the operation's row of the permission table. */
export function needs(call: GraphCall, operation: GraphOperation): GraphResult | undefined {
  const failure = refusal(call.caller, operation);
  return failure ? fail(failure) : undefined;
}

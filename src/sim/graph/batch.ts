/**
 * JSON batching (docs/microsoft-behaviour.md, "JSON batching"; https://learn.microsoft.com/graph/json-batching): at most 20
 * requests with unique ids, `dependsOn` honoured (a failed dependency answers 424), throttling
 * per sub-request, outer status 200 unless the batch itself is malformed. Sub-response headers
 * spell "Content-Type" with capitals, because graph-js's BatchResponseContent only parses the
 * body when that exact key is present (docs/architecture.md, "Toolchain pitfalls").
 */
import { randomUUID } from 'node:crypto';

import { graphErrorBody, graphErrors, type GraphFailure } from './errors.ts';
import type { GraphCall, GraphResult, GraphVersion } from './graph-call.ts';

type SubRequest = { id: string; method: string; url: string; headers?: Record<string, string>; body?: unknown; dependsOn?: string[] };
type SubResponse = { id: string; status: number; headers: Record<string, string>; body?: unknown };

export const batchLimit = 20;

export type Dispatch = (call: Omit<GraphCall, 'context' | 'caller' | 'origin'>) => Promise<GraphResult>;

/** Each sub-request gets its own request id, as Graph's sub-responses carry one. */
function failureBody(failure: GraphFailure, now: Date) {
  return graphErrorBody(failure, { requestId: randomUUID(), now });
}

function parseRequests(body: unknown): SubRequest[] | string {
  const requests = (body as { requests?: unknown } | undefined)?.requests;
  if (!Array.isArray(requests) || requests.length === 0) return 'The batch body must contain a non-empty "requests" array.';
  if (requests.length > batchLimit) return `Number of requests in the batch exceeds the limit of ${batchLimit}.`;
  const ids = new Set<string>();
  for (const request of requests as SubRequest[]) {
    if (typeof request?.id !== 'string' || typeof request.method !== 'string' || typeof request.url !== 'string')
      return 'Every request needs "id", "method" and "url".';
    if (ids.has(request.id)) return `Batch request id '${request.id}' is not unique.`;
    ids.add(request.id);
    if (request.body !== undefined && !Object.keys(request.headers ?? {}).some((h) => h.toLowerCase() === 'content-type'))
      return `Request '${request.id}' has a body but no Content-Type header.`;
  }
  for (const request of requests as SubRequest[]) {
    for (const dependency of request.dependsOn ?? [])
      if (!ids.has(dependency)) return `Request '${request.id}' depends on unknown request '${dependency}'.`;
  }
  return requests as SubRequest[];
}

export async function runBatch(call: GraphCall, dispatch: Dispatch): Promise<GraphResult> {
  const parsed = parseRequests(call.body);
  if (typeof parsed === 'string') return { failure: graphErrors.badRequest(parsed) };
  const byId = new Map(parsed.map((r) => [r.id, r]));
  const done = new Map<string, SubResponse>();
  const now = () => call.context.tenant.clock.now();

  const run = async (request: SubRequest, chain: Set<string>): Promise<SubResponse> => {
    const finished = done.get(request.id);
    if (finished) return finished;
    if (chain.has(request.id))
      return {
        id: request.id,
        status: 400,
        headers: { 'Content-Type': 'application/json' },
        body: failureBody(graphErrors.badRequest('dependsOn forms a cycle.'), now()),
      };
    for (const dependency of request.dependsOn ?? []) {
      const result = await run(byId.get(dependency)!, new Set([...chain, request.id]));
      if (result.status >= 400) {
        const response = {
          id: request.id,
          status: 424,
          headers: { 'Content-Type': 'application/json' },
          body: failureBody({ status: 424, code: 'FailedDependency', message: `The dependent request '${dependency}' failed.` }, now()),
        };
        done.set(request.id, response);
        return response;
      }
    }
    const response = await execute(request);
    done.set(request.id, response);
    return response;
  };

  const execute = async (request: SubRequest): Promise<SubResponse> => {
    const relative = request.url.replace(/^https?:\/\/[^/]+/, '').replace(/^\//, '');
    const [pathPart, queryPart = ''] = relative.split('?', 2) as [string, string?];
    let segments = pathPart.split('/').filter(Boolean);
    let version: GraphVersion = call.version;
    if (segments[0] === 'v1.0' || segments[0] === 'beta') {
      version = segments[0];
      segments = segments.slice(1);
    }
    const fault = call.context.faults.decide('graph', request.method, `/${version}/${segments.join('/')}`);
    if (fault.respond) {
      if (fault.afterApplying)
        await dispatch({
          method: request.method.toUpperCase(),
          version,
          segments,
          query: new URLSearchParams(queryPart),
          headers: Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
          body: request.body,
        });
      const failure =
        fault.respond.status === 429
          ? graphErrors.throttled()
          : fault.respond.status === 503
            ? graphErrors.unavailable()
            : graphErrors.serverError(fault.respond.status);
      return {
        id: request.id,
        status: fault.respond.status,
        headers: { 'Content-Type': 'application/json', ...(fault.respond.retryAfter ? { 'Retry-After': fault.respond.retryAfter } : {}) },
        body: failureBody(failure, now()),
      };
    }
    const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const result = await dispatch({
      method: request.method.toUpperCase(),
      version,
      segments,
      query: new URLSearchParams(queryPart),
      headers,
      body: request.body,
    });
    if ('failure' in result)
      return {
        id: request.id,
        status: result.failure.status,
        headers: { 'Content-Type': 'application/json' },
        body: failureBody(result.failure, now()),
      };
    return {
      id: request.id,
      status: result.status,
      headers: result.body === undefined ? {} : { 'Content-Type': 'application/json', ...result.headers },
      ...(result.body === undefined ? {} : { body: result.body }),
    };
  };

  for (const request of parsed) await run(request, new Set());
  return { status: 200, body: { responses: parsed.map((r) => done.get(r.id)!) } };
}

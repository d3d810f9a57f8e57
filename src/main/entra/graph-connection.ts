/**
 * The one way the product talks to Microsoft Graph: reads (one object, or every page of a
 * collection), writes that return Graph's `request-id` and our `client-request-id` for the
 * journal, and `$batch` in chunks of 20 with `dependsOn` chains kept together. Throttling is
 * waited out as Graph asks (throttle-retry.ts), but a write that got a 5xx or no answer is never
 * sent again here: it may have been applied (write-outcome.ts reads the tenant to find out);
 * every failure becomes a GraphRequestError a
 * custodian can act on (core/graph/explain-graph-error.ts).
 */
import { randomUUID } from 'node:crypto';

import { ResponseType, type Client } from '@microsoft/microsoft-graph-client';

import { planBatches } from '../../core/graph/batch-plan.ts';
import { explainGraphFailure, type GraphFailureFacts } from '../../core/graph/explain-graph-error.ts';
import { mayResend, parseRetryAfter } from '../../core/graph/retry-delay.ts';
import { ActionableError } from '../../shared/actionable-error.ts';
import { createGraphClient, type GraphClientOptions } from './graph-client.ts';
import { defaultRetryPolicy, waitBeforeRetry, type RetryPolicy } from './throttle-retry.ts';
import { coalescedTokenSource, type TokenSource } from './token-source.ts';

export class GraphRequestError extends ActionableError {
  readonly status: number;
  readonly code: string | undefined;
  readonly requestId: string | undefined;
  readonly clientRequestId: string;

  constructor(facts: GraphFailureFacts & { clientRequestId: string }, cause?: unknown) {
    const explained = explainGraphFailure(facts);
    super(explained.message, explained.nextStep, cause === undefined ? undefined : { cause });
    this.name = 'GraphRequestError';
    this.status = facts.status;
    this.code = facts.code;
    this.requestId = facts.requestId;
    this.clientRequestId = facts.clientRequestId;
  }
}

export type GraphWriteResult<T> = {
  readonly status: number;
  readonly body: T | undefined;
  /** Graph's `request-id`: the key to this change in Microsoft's own audit log. */
  readonly requestId: string | undefined;
  readonly clientRequestId: string;
};

export type GraphBatchRequest = {
  readonly id: string;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Relative to the version, e.g. `/users/{id}?$select=id`. */
  readonly url: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly dependsOn?: readonly string[];
};

export type GraphBatchResponse = {
  readonly id: string;
  readonly status: number;
  readonly body: unknown;
  /** The failure explained, for a status of 400 or more (424: a request it depended on failed). */
  readonly error?: GraphRequestError;
  /** The `request-id` of the `$batch` call that carried it. */
  readonly batchRequestId: string | undefined;
};

type ErrorBody = { error?: { code?: string; message?: string; innerError?: Record<string, string> } };

export type GraphConnectionOptions = Omit<GraphClientOptions, 'retry'> & {
  readonly retry?: Partial<RetryPolicy>;
  readonly version?: 'v1.0' | 'beta';
};

/** The token for Graph could not be had: the sign-in behind this connection failed or expired. */
export class GraphTokenError extends ActionableError {
  constructor(cause: unknown) {
    super(
      `No token for Microsoft Graph could be obtained: ${cause instanceof Error ? cause.message : String(cause)}`,
      'Sign in again; if it fails again, the sign-in screen explains why and what else to try.',
      { cause },
    );
    this.name = 'GraphTokenError';
  }
}

export class GraphConnection {
  readonly #client: Client;
  readonly #retry: RetryPolicy;
  readonly #version: 'v1.0' | 'beta';
  readonly #token: TokenSource;

  constructor(options: GraphConnectionOptions) {
    this.#retry = { ...defaultRetryPolicy, ...options.retry };
    this.#token = coalescedTokenSource(options.getAccessToken);
    this.#client = createGraphClient({ ...options, getAccessToken: this.#token, retry: this.#retry });
    this.#version = options.version ?? 'v1.0';
  }

  /** One object (or one page); throws GraphRequestError on any failure. */
  async get<T>(path: string, headers: Readonly<Record<string, string>> = {}): Promise<T> {
    const result = await this.#send<T>('GET', path, undefined, headers);
    return result.body as T;
  }

  /** Every item of a collection, following `@odata.nextLink` to the last page. */
  async list<T>(path: string, headers: Readonly<Record<string, string>> = {}): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = path;
    while (next) {
      const page: { value?: T[]; '@odata.nextLink'?: string } = await this.get(next, headers);
      items.push(...(page.value ?? []));
      next = page['@odata.nextLink'];
    }
    return items;
  }

  /** A change: the result carries the ids the journal records. */
  write<T = unknown>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<GraphWriteResult<T>> {
    return this.#send<T>(method, path, body, {});
  }

  /** JSON batching: answers by request id, whatever the chunking; throttled requests are retried. */
  async batch(requests: readonly GraphBatchRequest[]): Promise<Map<string, GraphBatchResponse>> {
    const answers = new Map<string, GraphBatchResponse>();
    const chunks = planBatches(requests);
    await Promise.all(chunks.map((chunk) => this.#runBatch(chunk, answers)));
    return answers;
  }

  async #runBatch(chunk: readonly GraphBatchRequest[], answers: Map<string, GraphBatchResponse>): Promise<void> {
    let pending = [...chunk];
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      const sent = await this.#send<{ responses: Array<{ id: string; status: number; headers?: Record<string, string>; body?: unknown }> }>(
        'POST',
        '/$batch',
        {
          requests: pending.map((r) => ({
            id: r.id,
            method: r.method,
            url: r.url,
            ...(r.body !== undefined
              ? { body: r.body, headers: { 'Content-Type': 'application/json', ...r.headers } }
              : r.headers
                ? { headers: r.headers }
                : {}),
            ...(r.dependsOn?.length ? { dependsOn: r.dependsOn.filter((d) => pending.some((p) => p.id === d)) } : {}),
          })),
        },
        {},
      );
      const responses = new Map((sent.body?.responses ?? []).map((r) => [r.id, r]));
      // A sub-request is sent again only as a call of its own would be (mayResend): a write's 5xx is left to the caller.
      const methodOf = new Map(pending.map((r) => [r.id, r.method]));
      const throttled = [...responses.values()].filter((r) => mayResend(r.status, { isRead: methodOf.get(r.id) === 'GET' }));
      const longest = Math.max(0, ...throttled.map((r) => parseRetryAfter(headerOf(r.headers, 'retry-after'), new Date()) ?? 0));
      const retry =
        throttled.length > 0 &&
        (await waitBeforeRetry(
          this.#retry,
          {
            status: throttled[0]!.status,
            retryAfter: String(longest || ''),
            method: 'POST',
            path: `/${this.#version}/$batch`,
            isRead: throttled.every((r) => methodOf.get(r.id) === 'GET'),
          },
          attempt,
        ));
      // Retry the throttled requests and those that failed only because one of them did.
      const again = new Set(retry ? throttled.map((r) => r.id) : []);
      for (const request of pending)
        if (request.dependsOn?.some((d) => again.has(d)) && responses.get(request.id)?.status === 424) again.add(request.id);
      for (const request of pending) {
        if (again.has(request.id)) continue;
        const response = responses.get(request.id);
        const status = response?.status ?? 0;
        const body = response?.body;
        const failure =
          status >= 400 || status === 0
            ? this.#error(
                request.method,
                `/${this.#version}${request.url}`,
                status,
                body as ErrorBody | undefined,
                sent.requestId,
                sent.clientRequestId,
                headerOf(response?.headers, 'retry-after'),
              )
            : undefined;
        answers.set(request.id, { id: request.id, status, body, batchRequestId: sent.requestId, ...(failure ? { error: failure } : {}) });
      }
      pending = pending.filter((r) => again.has(r.id));
    }
  }

  async #send<T>(method: string, path: string, body: unknown, headers: Readonly<Record<string, string>>): Promise<GraphWriteResult<T>> {
    const clientRequestId = randomUUID();
    // Get the token first, so a failed sign-in is reported as one (not as a network problem).
    try {
      await this.#token();
    } catch (error) {
      throw new GraphTokenError(error);
    }
    // A next link is absolute and names its own version; keep it as Graph gave it.
    const absolute = /^https:\/\//.test(path);
    let request = (absolute ? this.#client.api(path) : this.#client.api(path).version(this.#version))
      .header('client-request-id', clientRequestId)
      .responseType(ResponseType.RAW);
    for (const [name, value] of Object.entries(headers)) request = request.header(name, value);
    let response: Response;
    try {
      const call = method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
      response = (await (call === 'get' || call === 'delete' ? request[call]() : request[call](body))) as Response;
    } catch (error) {
      const facts = { method, path: pathOf(path, this.#version), status: 0, networkProblem: networkProblem(error), clientRequestId };
      throw new GraphRequestError(facts, error);
    }
    const requestId = response.headers.get('request-id') ?? undefined;
    const text = await response.text();
    const parsed = text ? (safeJson(text) as T) : undefined;
    if (!response.ok)
      throw this.#error(
        method,
        pathOf(path, this.#version),
        response.status,
        parsed as ErrorBody | undefined,
        requestId,
        clientRequestId,
        response.headers.get('Retry-After'),
      );
    return { status: response.status, body: parsed, requestId, clientRequestId };
  }

  #error(
    method: string,
    path: string,
    status: number,
    body: ErrorBody | undefined,
    requestId: string | undefined,
    clientRequestId: string,
    retryAfter?: string | null,
  ): GraphRequestError {
    const inner = body?.error?.innerError;
    const retryAfterSeconds = parseRetryAfter(retryAfter, new Date());
    return new GraphRequestError({
      method,
      path,
      status,
      clientRequestId,
      ...(body?.error?.code ? { code: body.error.code } : {}),
      ...(body?.error?.message ? { message: body.error.message } : {}),
      ...((inner?.['request-id'] ?? requestId) ? { requestId: inner?.['request-id'] ?? requestId } : {}),
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    });
  }
}

function headerOf(headers: Record<string, string> | undefined, name: string): string | null {
  const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name);
  return key ? headers![key]! : null;
}

function pathOf(path: string, version: string): string {
  if (/^https?:\/\//.test(path)) return new URL(path).pathname;
  return `/${version}${path.startsWith('/') ? '' : '/'}${path}`.split('?')[0]!;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { error: { message: text.slice(0, 300) } };
  }
}

function networkProblem(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const code = (error as { code?: string } | undefined)?.code ?? cause?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

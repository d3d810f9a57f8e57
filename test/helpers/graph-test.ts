/**
 * Assertions and raw calls for the Graph tests against the simulator: the error body Graph
 * sends, a raw HTTPS call for what graph-js hides, and a count of the requests the simulator saw.
 */
import assert from 'node:assert/strict';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { GraphError } from '@microsoft/microsoft-graph-client';

import type { Simulator } from '../../src/sim/index.ts';
import { confidentialClient, graphScope, simRequest } from './sim.ts';

export type Page<T> = { value: T[]; '@odata.nextLink'?: string };
/** Graph's polymorphic items carry `@odata.type`, which the graph-types interfaces leave out. */
export type Typed<T> = T & { '@odata.type'?: string };
export type GraphErrorBody = { error: { code: string; message: string; innerError: Record<string, string> } };
export type SubResponse = { id: string; status: number; headers: Record<string, string>; body?: unknown };

export async function appToken(target: Simulator, appId: string, scope = graphScope): Promise<string> {
  const result = await confidentialClient(target, appId).acquireTokenByClientCredential({ scopes: [scope] });
  assert.ok(result?.accessToken);
  return result.accessToken;
}

/** One raw HTTPS call to Graph, for what graph-js would hide (status line, headers, error body as sent). */
export async function rawGraph(target: Simulator, path: string, options: { token?: string; method?: string; body?: unknown } = {}) {
  const response = await simRequest(target, path, {
    method: options.method ?? 'GET',
    headers: {
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = response.body.toString('utf8');
  return { status: response.status, headers: response.headers, json: (text ? JSON.parse(text) : undefined) as unknown };
}

/** Asserts a graph-js rejection: a GraphError with this status and a code matching `code`. */
export function graphError(statusCode: number, code: string | RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof GraphError, `expected a GraphError, got ${String(error)}`);
    assert.equal(error.statusCode, statusCode);
    if (typeof code === 'string') assert.equal(error.code, code);
    else assert.match(error.code ?? '', code);
    return true;
  };
}

export function assertGraphErrorBody(body: unknown, code: string): GraphErrorBody['error'] {
  const { error } = body as GraphErrorBody;
  assert.equal(error.code, code);
  assert.equal(typeof error.message, 'string');
  assert.ok(error.message.length > 0);
  assert.match(error.innerError['request-id'] ?? '', /^[0-9a-f-]{36}$/);
  assert.match(error.innerError['date'] ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
  return error;
}

/**
 * Counts the HTTPS requests the simulator receives under a path while `action` runs, through
 * Node's own `http.server.request.start` diagnostics channel (the simulator runs in this process).
 */
export async function requestsSeen<T>(
  target: Simulator,
  pathPrefix: string,
  action: () => Promise<T>,
): Promise<{ result: T; paths: string[] }> {
  const paths: string[] = [];
  const listener = (message: unknown) => {
    const { request, server } = message as { request: IncomingMessage; server: Server };
    if ((server.address() as AddressInfo | null)?.port === target.port && request.url?.startsWith(pathPrefix)) paths.push(request.url);
  };
  subscribe('http.server.request.start', listener);
  try {
    return { result: await action(), paths };
  } finally {
    unsubscribe('http.server.request.start', listener);
  }
}

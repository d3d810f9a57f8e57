/**
 * The last link of the Graph client's middleware chain when Graph is the simulator: sends the
 * request through the HTTPS helper (trusting the simulator's CA) and hands graph-js a standard
 * fetch Response, so every other middleware (authentication, retry) works unchanged.
 */
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

import { httpsRequest } from './https-request.ts';

async function requestBody(init: RequestInit | undefined): Promise<Buffer | undefined> {
  const body = init?.body;
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return Buffer.from(await new Response(body).arrayBuffer());
}

function requestHeaders(init: RequestInit | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  new Headers(init?.headers).forEach((value, name) => (headers[name] = value));
  return headers;
}

export class TrustingGraphTransport implements Middleware {
  constructor(private readonly ca: string) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const init = context.options;
    const body = await requestBody(init);
    const response = await httpsRequest(url, {
      method: init?.method ?? 'GET',
      ca: this.ca,
      headers: requestHeaders(init),
      ...(body ? { body } : {}),
      ...(init?.signal ? { signal: init.signal } : {}),
    });
    const empty = response.status === 204 || response.status === 304;
    context.response = new Response(empty ? null : new Uint8Array(response.body), { status: response.status, headers: response.headers });
  }
}

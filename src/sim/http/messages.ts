/**
 * The simulator's request and response values: every surface (token service, pages, Graph,
 * ARM) is a function from SimRequest to SimResponse, so `$batch` can call Graph in-process and
 * faults can be applied in one place.
 */
import type { IncomingHttpHeaders } from 'node:http';

export type SimRequest = {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** The Host header as the client sent it, for issuer and endpoint URLs (docs/architecture.md, "Toolchain pitfalls"). */
  readonly origin: string;
  readonly requestId: string;
};

export type SimResponse = {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
};

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) };
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): SimResponse {
  return { status, headers };
}

export function redirectResponse(location: string): SimResponse {
  return { status: 302, headers: { Location: location, 'Cache-Control': 'no-store' } };
}

export function header(request: SimRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function formBody(request: SimRequest): URLSearchParams {
  return new URLSearchParams(request.body.toString('utf8'));
}

export function jsonBody(request: SimRequest): { ok: true; value: unknown } | { ok: false } {
  if (request.body.length === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(request.body.toString('utf8')) };
  } catch {
    return { ok: false };
  }
}

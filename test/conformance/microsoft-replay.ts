/**
 * Microsoft's documented answers served back over HTTPS, so the product's own connections and
 * readers (GraphConnection over graph-js, ArmConnection, the snapshot collector) read exactly the
 * body on Microsoft's page – not the simulator's idea of it. Each route is one example: its
 * method and path (the example's placeholders such as `{id}` match any one segment; the query is
 * not compared), answered with the example's status and body. Graph's `$batch` is answered the
 * way Graph documents it (https://learn.microsoft.com/graph/json-batching): each sub-request
 * answered from the same routes, unless Microsoft's `$batch` example itself is a route.
 * Anything else answers 404 naming the request, so a test sees which call has no Microsoft
 * example.
 */
import { after } from 'node:test';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';

import { ArmConnection } from '../../src/main/entra/arm-connection.ts';
import { GraphConnection } from '../../src/main/entra/graph-connection.ts';
import { createSimulatorAuthority } from '../../src/sim/crypto/authority.ts';
import type { MicrosoftExample } from './examples.ts';

export type ReplayRoute = { readonly method: string; readonly path: string; readonly status: number; readonly body: unknown };

/** An example as a route: `https://graph.microsoft.com/v1.0/users/{id}` answers at `/v1.0/users/{id}`. */
export function routeOf(example: MicrosoftExample, path?: string): ReplayRoute {
  return {
    method: example.request.method,
    path: path ?? new URL(example.request.url.replace(/[{}]/g, (c) => (c === '{' ? '%7B' : '%7D'))).pathname,
    status: example.response.status,
    body: example.response.body,
  };
}

const segmentPattern = (segment: string) => {
  const decoded = decodeURIComponent(segment);
  return /^\{[^}]+\}$/.test(decoded) ? '[^/]+' : decoded.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
};

function matcher(route: ReplayRoute): (method: string, path: string) => boolean {
  const pattern = new RegExp(`^${route.path.split('/').map(segmentPattern).join('/')}$`, 'i');
  return (method, path) => method.toUpperCase() === route.method.toUpperCase() && pattern.test(decodeURIComponent(path));
}

export type MicrosoftReplay = {
  readonly origin: string;
  readonly caCertificatePem: string;
  /** The product's Graph connection to the replayed answers. */
  readonly graph: GraphConnection;
  /** The product's ARM connection to the replayed answers. */
  readonly arm: ArmConnection;
  /** Every request that had no Microsoft example, as "METHOD path". */
  readonly unanswered: string[];
};

/** Starts a replay of Microsoft's answers for this test file; it stops after the file's tests. */
export async function startMicrosoftReplay(routes: readonly ReplayRoute[]): Promise<MicrosoftReplay> {
  const matchers = routes.map((route) => ({ route, matches: matcher(route) }));
  const unanswered: string[] = [];
  const answer = (method: string, path: string): { status: number; body: unknown } => {
    const found = matchers.find((m) => m.matches(method, path));
    if (found) return { status: found.route.status, body: found.route.body };
    unanswered.push(`${method} ${path}`);
    return { status: 404, body: { error: { code: 'NoMicrosoftExample', message: `No Microsoft example for ${method} ${path}.` } } };
  };
  const authority = createSimulatorAuthority();
  const certificate = authority.issueServerCertificate({ ips: ['127.0.0.1'], dnsNames: ['localhost'] });
  const server = createServer({ cert: certificate.certificatePem, key: certificate.privateKeyPem }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'https://127.0.0.1');
      let result: { status: number; body: unknown };
      // Microsoft's own `$batch` example, where a test gives it as a route, is served as it is.
      const batchExample = matchers.some((m) => m.matches('POST', url.pathname));
      if (request.method === 'POST' && /^\/(v1\.0|beta)\/\$batch$/.test(url.pathname) && !batchExample) {
        const version = url.pathname.split('/')[1]!;
        const batch = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          requests: Array<{ id: string; method: string; url: string }>;
        };
        const responses = batch.requests.map((sub) => {
          const path = new URL(`/${version}${sub.url.startsWith('/') ? '' : '/'}${sub.url}`, 'https://127.0.0.1').pathname;
          const one = answer(sub.method, path);
          return {
            id: sub.id,
            status: one.status,
            headers: { 'Content-Type': 'application/json' },
            ...(one.body === undefined ? {} : { body: one.body }),
          };
        });
        result = { status: 200, body: { responses } };
      } else result = answer(request.method ?? 'GET', url.pathname);
      const text = result.body === undefined ? '' : JSON.stringify(result.body);
      response.writeHead(result.status, {
        ...(text ? { 'Content-Type': 'application/json' } : {}),
        'request-id': '00000000-0000-4000-8000-000000000000',
      });
      response.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The replay takes any bearer token: what is replayed is Microsoft's body, not its authorization.
  const getAccessToken = () => Promise.resolve('replayed-microsoft-answer');
  return {
    origin,
    caCertificatePem: authority.certificatePem,
    graph: new GraphConnection({ graphBaseUrl: origin, trustedCa: authority.certificatePem, getAccessToken, retry: { maxRetries: 0 } }),
    arm: new ArmConnection({ armBaseUrl: origin, trustedCa: authority.certificatePem, getAccessToken, retry: { maxRetries: 0 } }),
    unanswered,
  };
}

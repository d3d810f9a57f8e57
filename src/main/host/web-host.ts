/**
 * The web host: serves the built renderer and the main-process handler table over HTTP on
 * 127.0.0.1, so the real UI runs in a browser against the real services (tests, demos, drills,
 * and machines where the Electron binary is missing).
 *
 * It only ever listens on loopback, and refuses any request whose Host header is not this
 * loopback address (DNS rebinding), whose Origin is another site, or – for the API – that does
 * not carry the per-launch random token. The token travels in the URL fragment, which browsers
 * never send to a server, and the page sends it back as a bearer token.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IpcEnvelope, IpcErrorCode } from '../../shared/ipc/errors.ts';
import { contentSecurityPolicy } from '../../shared/content-security-policy.ts';
import { failure, type Dispatch } from '../ipc/dispatch.ts';
import { resolveStaticFile } from '../static-files.ts';

export const ipcPathPrefix = '/ipc/';
const maxBodyBytes = 1024 * 1024;

export type WebHostOptions = {
  readonly rendererDir: string;
  readonly dispatch: Dispatch;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
};

export type WebHost = {
  readonly port: number;
  readonly origin: string;
  readonly token: string;
  /** What to open in a browser: the origin with the token in the fragment. */
  readonly url: string;
  close(): Promise<void>;
};

const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { ...securityHeaders, 'Content-Type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function refuse(response: ServerResponse, status: number, message: string, nextStep: string): void {
  sendJson(response, status, failure('forbidden-sender', message, nextStep));
}

/**
 * The HTTP status of an answer (docs/architecture.md, "The web host"): the request was wrong
 * (4xx), the handler refused on purpose (409 for where things stand, 422 for input that does not
 * fit), Microsoft's side failed (502), or the app failed (500).
 */
const statusOfCode: Readonly<Record<IpcErrorCode, number>> = {
  'unknown-channel': 404,
  'invalid-input': 400,
  'forbidden-sender': 403,
  refused: 409,
  'input-refused': 422,
  'tenant-failed': 502,
  'invalid-output': 500,
  'handler-failed': 500,
  'transport-failed': 500,
};

function statusFor(envelope: IpcEnvelope): number {
  return envelope.ok ? 200 : statusOfCode[envelope.error.code];
}

function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The path of a request target, or null when it is not a URL at all. */
function pathOf(target: string): string | null {
  try {
    return new URL(target, 'http://placeholder').pathname;
  } catch {
    return null;
  }
}

function malformedAddress(response: ServerResponse): void {
  sendJson(
    response,
    400,
    failure('invalid-input', 'The address of this request is malformed.', 'Open the app through the URL it printed.'),
  );
}

/** The channel named by an API path, or null when its percent-encoding is malformed (`/ipc/%E0`). */
function decodedChannel(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname.slice(ipcPathPrefix.length));
  } catch {
    return null;
  }
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(32).toString('base64url');
  let allowedHosts: ReadonlySet<string> = new Set();
  let allowedOrigins: ReadonlySet<string> = new Set();

  async function handleApi(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
    if (request.method !== 'POST') {
      sendJson(response, 405, failure('invalid-input', 'Calls to the app must use POST.', 'Use the app screens.'));
      return;
    }
    const authorization = request.headers.authorization ?? '';
    const given = authorization.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : '';
    if (!given || !tokensEqual(given, token)) {
      refuse(
        response,
        401,
        'Refused: this request does not carry the token of this app launch.',
        'Open the exact URL printed when the app started (it ends with #token=…).',
      );
      return;
    }
    const text = await readBody(request);
    if (text === null) {
      sendJson(response, 413, failure('invalid-input', 'The request is too large.', 'Use the app screens.'));
      return;
    }
    let input: unknown;
    try {
      input = text.length === 0 ? {} : JSON.parse(text);
    } catch {
      sendJson(response, 400, failure('invalid-input', 'The request body is not JSON.', 'Use the app screens.'));
      return;
    }
    const channel = decodedChannel(pathname);
    if (channel === null) {
      malformedAddress(response);
      return;
    }
    const envelope = await options.dispatch(channel, input);
    sendJson(response, statusFor(envelope), envelope);
  }

  function handleStatic(request: IncomingMessage, response: ServerResponse, pathname: string): void {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...securityHeaders, Allow: 'GET, HEAD' });
      response.end();
      return;
    }
    const file = resolveStaticFile(options.rendererDir, pathname);
    if (!file) {
      response.writeHead(404, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('Not found');
      return;
    }
    response.writeHead(200, { ...securityHeaders, 'Content-Type': file.contentType });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(file.path).pipe(response);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const host = request.headers.host ?? '';
    if (!allowedHosts.has(host)) {
      refuse(
        response,
        403,
        `Refused: the Host header "${host}" is not this machine's loopback address.`,
        'Open the app through the 127.0.0.1 URL it printed.',
      );
      return;
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) {
      refuse(
        response,
        403,
        `Refused: a page from ${origin} tried to use the app.`,
        'Only the app itself may call it; close the other page.',
      );
      return;
    }
    const pathname = pathOf(request.url ?? '/');
    if (pathname === null) {
      malformedAddress(response);
      return;
    }
    if (pathname.startsWith(ipcPathPrefix)) {
      await handleApi(request, response, pathname);
    } else {
      handleStatic(request, response, pathname);
    }
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => {
      // A plain sentence, never the error's text or stack: the page shows it as it is.
      if (!response.headersSent) {
        sendJson(response, 500, failure('handler-failed', 'The web host could not answer this request.', 'Reload the page.'));
      } else {
        response.destroy();
      }
    });
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const origin = `http://127.0.0.1:${port}`;

  return {
    port,
    origin,
    token,
    url: `${origin}/#token=${token}`,
    close: () =>
      new Promise<void>((resolvePromise) => {
        server.closeAllConnections();
        server.close(() => resolvePromise());
      }),
  };
}

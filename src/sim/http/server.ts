/**
 * The simulator's HTTPS listener on 127.0.0.1: reads each request whole, hands it to the
 * router as a SimRequest, and writes the SimResponse back – or drops the connection when a
 * fault asks for a reset. HTTPS only: msal-node refuses http authorities and graph-js sends
 * tokens only over https (docs/microsoft-behaviour.md, "Authority and OpenID discovery";
 * docs/architecture.md, "Toolchain pitfalls").
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

import type { SimRequest, SimResponse } from './messages.ts';

export type RouteResult = SimResponse | { readonly reset: true };

export type HttpsListener = { readonly port: number; close(): Promise<void> };

export async function listenHttps(options: {
  readonly port?: number;
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  readonly handle: (request: SimRequest) => Promise<RouteResult>;
}): Promise<HttpsListener> {
  const sockets = new Set<Socket>();
  const server: Server = createServer({ cert: options.certificatePem, key: options.privateKeyPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const host = req.headers.host ?? `127.0.0.1:${(server.address() as AddressInfo).port}`;
      const request: SimRequest = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', `https://${host}`),
        headers: req.headers,
        body: Buffer.concat(chunks),
        origin: `https://${host}`,
        requestId: randomUUID(),
      };
      options
        .handle(request)
        .then((result) => {
          if ('reset' in result) {
            req.socket.destroy();
            return;
          }
          const clientRequestId = req.headers['client-request-id'];
          res.writeHead(result.status, {
            'request-id': request.requestId,
            'x-ms-request-id': request.requestId,
            ...(typeof clientRequestId === 'string' ? { 'client-request-id': clientRequestId } : {}),
            ...result.headers,
          });
          res.end(result.body);
        })
        .catch((error: unknown) => {
          // A simulator bug must be visible, not a hang: answer 500 with the message.
          res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', 'request-id': request.requestId });
          res.end(`Simulator error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        });
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

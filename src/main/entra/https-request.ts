/**
 * The one HTTPS helper for talking to Entra, Graph and ARM with a trusted CA of our choosing.
 *
 * Used only when the endpoints are the simulator's: Node's global fetch cannot be given a CA
 * per request, and NODE_EXTRA_CA_CERTS is process-wide and read only at start
 * (docs/architecture.md, "Toolchain pitfalls"), so the simulator's CA is passed here instead. For
 * Microsoft's own clouds the product uses the system trust store and the libraries' defaults.
 */
import { request } from 'node:https';

export type HttpsRequestOptions = {
  readonly method: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** PEM of the only CA to trust for this request. */
  readonly ca: string;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
};

export type HttpsResponse = {
  readonly status: number;
  /** Header names lower-cased, as Node and fetch give them. */
  readonly headers: Record<string, string>;
  readonly body: Buffer;
};

export function httpsRequest(url: string, options: HttpsRequestOptions): Promise<HttpsResponse> {
  const target = new URL(url);
  if (target.protocol !== 'https:') return Promise.reject(new Error(`Refusing to send a request to ${target.origin}: only https is used.`));
  const body = options.body === undefined ? undefined : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body, 'utf8');
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: options.method,
        ca: options.ca,
        headers: { ...options.headers, ...(body ? { 'Content-Length': String(body.length) } : {}) },
        ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`No answer from ${target.origin} within ${options.timeoutMs} ms.`)));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Azure Resource Manager reads for the monitoring checks (docs/microsoft-behaviour.md, "ARM error body and paging"): GET with the ARM
 * token, every page (`nextLink`), the same retry policy as Graph, and failures explained. Over
 * the HTTPS helper with the simulator's CA for the simulator, over fetch for Microsoft's clouds.
 */
import { ActionableError } from '../../shared/actionable-error.ts';
import { httpsRequest } from './https-request.ts';
import { defaultRetryPolicy, waitBeforeRetry, type RetryPolicy } from './throttle-retry.ts';
import { coalescedTokenSource, type TokenSource } from './token-source.ts';

export class ArmRequestError extends ActionableError {
  readonly status: number;
  readonly code: string | undefined;

  constructor(path: string, status: number, code: string | undefined, message: string | undefined) {
    const what =
      status === 0
        ? `Azure Resource Manager could not be reached for ${path}: ${message ?? 'no answer'}.`
        : `Azure Resource Manager refused GET ${path} (HTTP ${status}${code ? `, ${code}` : ''})${message ? `: ${message}` : '.'}`;
    const next =
      status === 403
        ? /^\/providers\/microsoft\.aadiam\//i.test(path)
          ? // An app reaches the tenant's diagnostic settings only through an Azure role at this scope (Azure/azure-rest-api-specs#11085).
            'Give the reader app the Azure role Reader at scope /providers/Microsoft.aadiam: az role assignment create --assignee <reader appId> --role "Reader" --scope "/providers/Microsoft.aadiam" (an Entra role does not open the diagnostic settings to an app; a signed-in account needs Security Reader or higher in Entra).'
          : 'Give the reader app (or the signed-in account) the Reader role on the subscription.'
        : status === 404
          ? 'Check the subscription id in the inventory file.'
          : 'Try again in a minute; if it keeps failing, check the Azure status page.';
    super(what, next);
    this.name = 'ArmRequestError';
    this.status = status;
    this.code = code;
  }
}

type ArmPage<T> = { value?: T[]; nextLink?: string };

export class ArmConnection {
  readonly #base: string;
  readonly #token: TokenSource;
  readonly #ca: string | undefined;
  readonly #retry: RetryPolicy;

  constructor(options: {
    readonly armBaseUrl: string;
    readonly getAccessToken: TokenSource;
    readonly trustedCa?: string;
    readonly retry?: Partial<RetryPolicy>;
  }) {
    this.#base = options.armBaseUrl.replace(/\/+$/, '');
    this.#token = coalescedTokenSource(options.getAccessToken);
    this.#ca = options.trustedCa;
    this.#retry = { ...defaultRetryPolicy, ...options.retry };
  }

  /** Every item of an ARM list, following `nextLink`. `path` includes its api-version. */
  async list<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = `${this.#base}${path}`;
    while (next) {
      const page: ArmPage<T> = await this.#get(next);
      items.push(...(page.value ?? []));
      next = page.nextLink;
    }
    return items;
  }

  async #get<T>(url: string): Promise<T> {
    const path = new URL(url).pathname;
    const token = await this.#token();
    for (let attempt = 1; ; attempt += 1) {
      let status: number;
      let text: string;
      let retryAfter: string | null;
      try {
        ({ status, text, retryAfter } = await this.#send(url, token));
      } catch (error) {
        throw new ArmRequestError(path, 0, undefined, error instanceof Error ? error.message : String(error));
      }
      if (status >= 200 && status < 300) return JSON.parse(text) as T;
      if (await waitBeforeRetry(this.#retry, { status, retryAfter, method: 'GET', path }, attempt)) continue;
      let body: { error?: { code?: string; message?: string } } = {};
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        // Not JSON: the status says enough.
      }
      throw new ArmRequestError(path, status, body.error?.code, body.error?.message);
    }
  }

  async #send(url: string, token: string): Promise<{ status: number; text: string; retryAfter: string | null }> {
    const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    if (this.#ca) {
      const response = await httpsRequest(url, { method: 'GET', headers, ca: this.#ca });
      return { status: response.status, text: response.body.toString('utf8'), retryAfter: response.headers['retry-after'] ?? null };
    }
    const response = await fetch(url, { headers });
    return { status: response.status, text: await response.text(), retryAfter: response.headers.get('retry-after') };
  }
}

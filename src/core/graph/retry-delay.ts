/**
 * How long to wait before retrying a throttled or unavailable Graph call, and which calls may be
 * sent again at all. Graph answers 429 (and sometimes 503/504) with `Retry-After` in seconds –
 * some doc revisions show fractions such as `2.128` – or as an HTTP date (graph-js RetryHandler
 * reads both). Without it, back off exponentially from one second.
 */
export const retryableStatuses: ReadonlySet<number> = new Set([429, 503, 504]);

/**
 * Whether a call that got `status` may be sent again without reading the tenant first.
 * - 429: "When throttling occurs, Microsoft Graph returns HTTP status code 429 (Too many
 *   requests), and the requests fail" – the request was not processed; wait Retry-After and
 *   retry it (https://learn.microsoft.com/graph/throttling, "What happens when throttling
 *   occurs?" and "Best practices to handle throttling"). So any call, a write too.
 * - 503/504: Graph's error table says a 503 "may repeat the request after a delay", and a 504 is
 *   a proxy that "did not receive a timely response from the upstream server" – the upstream may
 *   have done the work (https://learn.microsoft.com/graph/errors, "HTTP status codes"). Microsoft
 *   does not say whether a write that got either was applied, so only a read is repeated; a
 *   write is read back first (main/entra/write-outcome.ts).
 */
export function mayResend(status: number, request: { readonly isRead: boolean }): boolean {
  if (status === 429) return true;
  return request.isRead && retryableStatuses.has(status);
}

/** A `$batch` whose requests are all GETs is a read, although it travels as a POST. */
export function isReadOnlyBatch(body: unknown): boolean {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return false;
    }
  }
  const requests = (parsed as { requests?: unknown } | null)?.requests;
  return Array.isArray(requests) && requests.length > 0 && requests.every((r) => (r as { method?: unknown } | null)?.method === 'GET');
}

/** Seconds Graph asked us to wait, or undefined when the header is absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now.getTime()) / 1000);
}

/** The wait before retry number `attempt` (1 for the first retry). */
export function retryDelaySeconds(retryAfter: string | null | undefined, attempt: number, now: Date): number {
  return parseRetryAfter(retryAfter, now) ?? 2 ** (attempt - 1);
}

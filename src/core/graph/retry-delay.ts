/**
 * How long to wait before retrying a throttled or unavailable Graph call. Graph answers 429 (and
 * sometimes 503/504) with `Retry-After` in seconds – some doc revisions show fractions such as
 * `2.128` – or as an HTTP date (protocol-facts §3, "Throttling"; graph-js RetryHandler reads both).
 * Without it, back off exponentially from one second.
 */
export const retryableStatuses: ReadonlySet<number> = new Set([429, 503, 504]);

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

/**
 * The one retry policy for Microsoft Graph (and ARM): a 429 is retried after the `Retry-After`
 * Graph gives (fractions and HTTP dates too), and so are a read's 503 and 504 – a write that got
 * a 5xx is never sent again blind, it may have been applied (core/graph/retry-delay.ts,
 * `mayResend`). At most `maxRetries` times, and never
 * after waiting longer than `maxWaitSeconds` – a longer wait is left to the custodian, with the
 * answer surfacing as an error. Every wait is announced first ("waiting N s for Microsoft Graph"),
 * because a silent pause at 3 a.m. looks like a hang.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

import { isReadOnlyBatch, mayResend, retryDelaySeconds } from '../../core/graph/retry-delay.ts';

export type GraphWait = {
  readonly seconds: number;
  /** 1 for the first retry. */
  readonly attempt: number;
  readonly status: number;
  readonly method: string;
  readonly path: string;
};

export type RetryPolicy = {
  readonly maxRetries: number;
  readonly maxWaitSeconds: number;
  readonly onWait?: (wait: GraphWait) => void;
};

export const defaultRetryPolicy: RetryPolicy = { maxRetries: 3, maxWaitSeconds: 60 };

/** Waits as the policy allows; false when the call should not be retried (again). */
export async function waitBeforeRetry(
  policy: RetryPolicy,
  answer: { status: number; retryAfter: string | null; method: string; path: string; isRead?: boolean },
  attempt: number,
): Promise<boolean> {
  if (!mayResend(answer.status, { isRead: answer.isRead ?? answer.method === 'GET' }) || attempt > policy.maxRetries) return false;
  const seconds = retryDelaySeconds(answer.retryAfter, attempt, new Date());
  if (seconds > policy.maxWaitSeconds) return false;
  policy.onWait?.({ seconds, attempt, status: answer.status, method: answer.method, path: answer.path });
  await sleep(seconds * 1000);
  return true;
}

export class ThrottleRetryHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly policy: RetryPolicy) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const url = new URL(typeof context.request === 'string' ? context.request : context.request.url);
    const method = context.options?.method ?? 'GET';
    const isRead = method === 'GET' || (url.pathname.endsWith('/$batch') && isReadOnlyBatch(context.options?.body));
    for (let attempt = 1; ; attempt += 1) {
      await this.next!.execute(context);
      const response = context.response!;
      const retry = await waitBeforeRetry(
        this.policy,
        { status: response.status, retryAfter: response.headers.get('Retry-After'), method, path: url.pathname, isRead },
        attempt,
      );
      if (!retry) return;
    }
  }
}

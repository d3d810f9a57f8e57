// The pure parts of the Graph connection: how long to wait, how to split a batch, what a failure means.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { planBatches } from '../../src/core/graph/batch-plan.ts';
import { explainGraphFailure } from '../../src/core/graph/explain-graph-error.ts';
import { parseRetryAfter, retryDelaySeconds } from '../../src/core/graph/retry-delay.ts';

describe('Retry-After', () => {
  const now = new Date('2026-11-29T12:00:00Z');
  test('seconds, fractions of a second and HTTP dates are all read', () => {
    assert.equal(parseRetryAfter('3', now), 3);
    assert.equal(parseRetryAfter('2.128', now), 2.128);
    assert.equal(parseRetryAfter('Sun, 29 Nov 2026 12:00:05 GMT', now), 5);
    assert.equal(parseRetryAfter('Sun, 29 Nov 2026 11:00:00 GMT', now), 0, 'a date in the past means now');
  });
  test('without a readable header the wait doubles from one second', () => {
    assert.equal(parseRetryAfter(null, now), undefined);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.deepEqual(
      [1, 2, 3].map((attempt) => retryDelaySeconds(null, attempt, now)),
      [1, 2, 4],
    );
    assert.equal(retryDelaySeconds('0.2', 3, now), 0.2);
  });
});

describe('splitting a batch', () => {
  const request = (id: string, dependsOn?: string[]) => ({ id, ...(dependsOn ? { dependsOn } : {}) });
  test('45 independent requests go in chunks of 20, 20 and 5, in order', () => {
    const chunks = planBatches(Array.from({ length: 45 }, (_, i) => request(String(i))));
    assert.deepEqual(
      chunks.map((c) => c.length),
      [20, 20, 5],
    );
    assert.equal(chunks[0]![0]!.id, '0');
  });
  test('a dependsOn chain stays in one chunk, even when it is given out of order', () => {
    const requests = [
      ...Array.from({ length: 18 }, (_, i) => request(`a${i}`)),
      request('b2', ['b1']),
      request('b1', ['b0']),
      request('b0'),
    ];
    const chunks = planBatches(requests);
    const chainChunk = chunks.find((c) => c.some((r) => r.id === 'b0'))!;
    assert.deepEqual(
      chainChunk
        .filter((r) => r.id.startsWith('b'))
        .map((r) => r.id)
        .sort(),
      ['b0', 'b1', 'b2'],
    );
    assert.ok(chunks.every((c) => c.length <= 20));
  });
  test('a chain longer than Graph allows, an unknown dependency, a repeated id: refused with the reason', () => {
    assert.throws(
      () => planBatches(Array.from({ length: 21 }, (_, i) => request(String(i), i > 0 ? [String(i - 1)] : undefined))),
      /at most 20/,
    );
    assert.throws(() => planBatches([request('a', ['nope'])]), /depends on "nope"/);
    assert.throws(() => planBatches([request('a'), request('a')]), /used twice/);
  });
});

describe('what a failed Graph call means', () => {
  const base = { method: 'PATCH', path: '/v1.0/identity/conditionalAccess/policies/p1', requestId: 'r-1' };
  test('each kind of failure says what happened, keeps the request id, and gives a next step', () => {
    const cases: Array<[number, string | undefined, RegExp]> = [
      [0, undefined, /could not be reached/],
      [401, 'InvalidAuthenticationToken', /did not accept the sign-in/],
      [403, 'Authorization_RequestDenied', /lacks the permission or role/],
      [403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', /P1 or P2 licence/],
      [404, 'Request_ResourceNotFound', /Not found/],
      [429, 'TooManyRequests', /throttling requests/],
      [503, 'serviceNotAvailable', /busy or unavailable/],
      [500, 'generalException', /failed on its side/],
      [400, 'Request_BadRequest', /as invalid/],
    ];
    for (const [status, code, expected] of cases) {
      const explained = explainGraphFailure({
        ...base,
        status,
        ...(code ? { code } : {}),
        ...(status === 0 ? { networkProblem: 'ECONNRESET' } : {}),
      });
      assert.match(explained.message, expected, `${status} ${code}`);
      if (status !== 0) assert.match(explained.message, /request id r-1/);
      assert.ok(explained.nextStep.length > 20, `${status} has a next step`);
    }
  });
  test('a throttled call names the wait Graph asked for', () => {
    assert.match(explainGraphFailure({ ...base, status: 429, retryAfterSeconds: 120.4 }).message, /asked to wait 121 s/);
  });
});

/**
 * The product's Graph connection against the simulated tenant over real HTTPS: every page of a
 * collection, writes that carry their request ids, throttling waited out as Graph asks (and
 * announced), batches in chunks with dependencies, and failures explained for a custodian.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { ConditionalAccessPolicy, User } from '@microsoft/microsoft-graph-types';

import { GraphRequestError, type GraphBatchRequest } from '../../src/main/entra/graph-connection.ts';
import type { GraphWait } from '../../src/main/entra/throttle-retry.ts';
import { ids, testSeed, upn } from '../helpers/sim-seed.ts';
import { appGraphConnection, startTestSimulator } from '../helpers/sim.ts';

const manyUsers = testSeed((json) => {
  const users = json['users'] as unknown[];
  for (let n = 10; n < 16; n += 1)
    users.push({
      id: `a0000000-0000-4000-8000-0000000000${n}`,
      displayName: `user${n}`,
      userPrincipalName: upn(`user${n}`),
      accountEnabled: true,
      userType: 'Member',
    });
});
const sim = await startTestSimulator(manyUsers, { pageSize: 4 });

function isGraphError(status: number, message: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof GraphRequestError, `a GraphRequestError, not ${String(error)}`);
    assert.equal(error.status, status);
    assert.match(error.message, message);
    assert.ok(error.nextStep.length > 0);
    return true;
  };
}

describe('reads', () => {
  test('list follows every @odata.nextLink: ten users over three pages', async () => {
    const users = await appGraphConnection(sim, ids.reader.appId).list<User>('/users?$select=id,userPrincipalName');
    assert.equal(users.length, 10);
    assert.equal(new Set(users.map((u) => u.id)).size, 10);
  });

  test('a read of something that is not there explains itself', async () => {
    await assert.rejects(
      appGraphConnection(sim, ids.reader.appId).get('/users/nobody@drilltest.onmicrosoft.com'),
      isGraphError(404, /Not found: \/v1\.0\/users\/nobody@drilltest\.onmicrosoft\.com does not exist/),
    );
  });
});

describe('writes', () => {
  test('a change returns Graph’s request-id and our client-request-id for the journal', async () => {
    const graph = appGraphConnection(sim, ids.bgApp.appId);
    const result = await graph.write('PATCH', `/identity/conditionalAccess/policies/${ids.mfaPolicy}`, {
      state: 'enabledForReportingButNotEnforced',
    });
    assert.equal(result.status, 204);
    assert.match(result.requestId ?? '', /^[0-9a-f-]{36}$/);
    assert.match(result.clientRequestId, /^[0-9a-f-]{36}$/);
    assert.notEqual(result.requestId, result.clientRequestId);
    const policy = await graph.get<ConditionalAccessPolicy>(`/identity/conditionalAccess/policies/${ids.mfaPolicy}`);
    assert.equal(policy.state, 'enabledForReportingButNotEnforced');
  });

  test('a refused change says the permission is missing, with the request id', async () => {
    const reader = appGraphConnection(sim, ids.reader.appId);
    await assert.rejects(
      reader.write('PATCH', `/identity/conditionalAccess/policies/${ids.mfaPolicy}`, { state: 'enabled' }),
      (error: unknown) => {
        assert.ok(error instanceof GraphRequestError);
        assert.equal(error.status, 403);
        assert.equal(error.code, 'Authorization_RequestDenied');
        assert.match(error.message, /lacks the permission or role/);
        assert.ok(error.requestId && error.message.includes(error.requestId));
        return true;
      },
    );
  });
});

describe('throttling', () => {
  test('a 429 with a fractional Retry-After is waited out, announced, and the call succeeds', async () => {
    const waits: GraphWait[] = [];
    sim.setFaults({ rules: [{ surface: 'graph', path: '/v1.0/domains', times: 1, respond: { status: 429, retryAfter: '0.2' } }] });
    try {
      const graph = appGraphConnection(sim, ids.reader.appId, { retry: { onWait: (wait) => waits.push(wait) } });
      const domains = await graph.list<{ id: string }>('/domains');
      assert.deepEqual(
        domains.map((d) => d.id),
        ['drilltest.onmicrosoft.com'],
      );
      assert.deepEqual(waits, [{ seconds: 0.2, attempt: 1, status: 429, method: 'GET', path: '/v1.0/domains' }]);
    } finally {
      sim.setFaults({});
    }
  });

  test('a wait longer than the cap is not done silently: the call fails saying how long Graph asked for', async () => {
    sim.setFaults({ rules: [{ surface: 'graph', path: '/v1.0/domains', times: 1, respond: { status: 429, retryAfter: 600 } }] });
    try {
      const graph = appGraphConnection(sim, ids.reader.appId, { retry: { maxWaitSeconds: 30 } });
      await assert.rejects(graph.get('/domains'), isGraphError(429, /throttling requests .* asked to wait 600 s/));
    } finally {
      sim.setFaults({});
    }
  });

  test('a dropped connection is explained as a network problem', async () => {
    sim.setFaults({ rules: [{ surface: 'graph', path: '/v1.0/domains', times: 1, reset: true }] });
    try {
      await assert.rejects(appGraphConnection(sim, ids.reader.appId).get('/domains'), isGraphError(0, /could not be reached/));
    } finally {
      sim.setFaults({});
    }
  });
});

describe('$batch', () => {
  test('25 requests go in two batches; a failed dependency answers 424 with its reason; the rest succeed', async () => {
    const requests: GraphBatchRequest[] = [
      ...Array.from({ length: 22 }, (_, n): GraphBatchRequest => ({ id: `user-${n}`, method: 'GET', url: `/users/${ids.bg1}?$select=id` })),
      { id: 'missing', method: 'GET', url: '/users/00000000-0000-4000-8000-00000000dead' },
      { id: 'after-missing', method: 'GET', url: `/users/${ids.bg2}`, dependsOn: ['missing'] },
      { id: 'policy', method: 'GET', url: `/identity/conditionalAccess/policies/${ids.blockPolicy}` },
    ];
    const answers = await appGraphConnection(sim, ids.reader.appId).batch(requests);
    assert.equal(answers.size, 25);
    assert.ok(
      [...answers.values()].filter((a) => a.id.startsWith('user-')).every((a) => a.status === 200 && (a.body as User).id === ids.bg1),
    );
    assert.equal(answers.get('missing')?.status, 404);
    assert.match(answers.get('missing')?.error?.message ?? '', /Not found/);
    assert.equal(answers.get('after-missing')?.status, 424);
    assert.ok(answers.get('after-missing')?.error, 'the failed dependency is explained too');
    assert.equal((answers.get('policy')?.body as ConditionalAccessPolicy).id, ids.blockPolicy);
    assert.ok(
      [...answers.values()].every((a) => a.batchRequestId),
      'each answer knows the $batch call that carried it',
    );
  });

  test('a throttled request inside a batch is retried after its Retry-After, with its dependents', async () => {
    const waits: GraphWait[] = [];
    sim.setFaults({
      rules: [{ surface: 'graph', path: `/v1.0/users/${ids.admin}`, times: 1, respond: { status: 429, retryAfter: '0.1' } }],
    });
    try {
      const answers = await appGraphConnection(sim, ids.reader.appId, { retry: { onWait: (wait) => waits.push(wait) } }).batch([
        { id: 'admin', method: 'GET', url: `/users/${ids.admin}` },
        { id: 'then', method: 'GET', url: `/users/${ids.bg1}`, dependsOn: ['admin'] },
        { id: 'other', method: 'GET', url: `/users/${ids.bg2}` },
      ]);
      assert.deepEqual([...answers.values()].map((a) => [a.id, a.status]).sort(), [
        ['admin', 200],
        ['other', 200],
        ['then', 200],
      ]);
      assert.equal(waits.length, 1);
      assert.equal(waits[0]!.seconds, 0.1);
    } finally {
      sim.setFaults({});
    }
  });
});

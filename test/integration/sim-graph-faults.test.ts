/**
 * The simulated Microsoft Graph through the real @microsoft/microsoft-graph-client: faults on
 * demand (throttling, outages, dropped connections, latency). The writes recovery and rotation
 * make, and paging, are in sim-graph-writes-paging.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { GraphError } from '@microsoft/microsoft-graph-client';
import type { ConditionalAccessPolicy, Domain, User } from '@microsoft/microsoft-graph-types';

import { ids, testSeed } from '../helpers/sim-seed.ts';
import { appGraphClient, graphScope, simRequest, startTestSimulator } from '../helpers/sim.ts';
import {
  appToken,
  assertGraphErrorBody,
  graphError,
  rawGraph,
  requestsSeen,
  type GraphErrorBody,
  type Page,
  type SubResponse,
} from '../helpers/graph-test.ts';

const faultSim = await startTestSimulator(testSeed());

describe('faults', () => {
  const client = appGraphClient(faultSim, ids.reader.appId);
  // Each test sets its own plan; setting a plan also restarts the rules' call counts.
  const clear = () => faultSim.setFaults({});

  test('a 429 with a fractional Retry-After, once: the client waits, retries and succeeds; the simulator saw two calls', async () => {
    faultSim.setFaults({
      rules: [{ surface: 'graph', method: 'GET', path: '/v1.0/users', times: 1, respond: { status: 429, retryAfter: '0.05' } }],
    });
    try {
      const { result, paths } = await requestsSeen(
        faultSim,
        '/v1.0/users',
        () => client.api('/users').select('id').get() as Promise<Page<User>>,
      );
      assert.equal(result.value.length, 4);
      assert.equal(paths.length, 2);
    } finally {
      clear();
    }
  });

  test('503 twice, then success: three calls, one answer', async () => {
    faultSim.setFaults({ rules: [{ path: '/v1.0/domains', times: 2, respond: { status: 503, retryAfter: '0.01' } }] });
    try {
      const { result, paths } = await requestsSeen(faultSim, '/v1.0/domains', () => client.api('/domains').get() as Promise<Page<Domain>>);
      assert.equal(result.value[0]!.id, 'drilltest.onmicrosoft.com');
      assert.equal(paths.length, 3);
    } finally {
      clear();
    }
  });

  test('afterCalls lets calls through before the fault starts', async () => {
    faultSim.setFaults({ rules: [{ path: '/v1.0/domains', afterCalls: 1, times: 1, respond: { status: 429, retryAfter: '0.01' } }] });
    try {
      const { paths } = await requestsSeen(faultSim, '/v1.0/domains', async () => {
        await client.api('/domains').get();
        await client.api('/domains').get();
      });
      assert.equal(paths.length, 3, 'the first call passed, the second was throttled once and retried');
    } finally {
      clear();
    }
  });

  test('without retries a 429 surfaces as statusCode 429 with Graph’s throttling body', async () => {
    const noRetry = appGraphClient(faultSim, ids.reader.appId, 0);
    faultSim.setFaults({ rules: [{ surface: 'graph', path: '/v1.0/users', respond: { status: 429, retryAfter: '2.128' } }] });
    try {
      await assert.rejects(noRetry.api('/users').get(), (error: unknown) => {
        graphError(429, 'TooManyRequests')(error);
        const e = error as GraphError;
        assert.equal(e.message, 'Please retry again later.');
        assert.match(e.requestId ?? '', /^[0-9a-f-]{36}$/);
        assert.equal((e.headers as Headers | undefined)?.get('Retry-After'), '2.128');
        const innerError = (JSON.parse(e.body as string) as GraphErrorBody['error']).innerError;
        assert.equal(innerError['code'], '429');
        assert.equal(innerError['status'], '429');
        return true;
      });
      const raw = await rawGraph(faultSim, '/v1.0/users', { token: await appToken(faultSim, ids.reader.appId) });
      assert.equal(raw.status, 429);
      assert.equal(raw.headers['retry-after'], '2.128');
      assertGraphErrorBody(raw.json, 'TooManyRequests');
    } finally {
      clear();
    }
  });

  test('a reset connection surfaces as a network error, not a hang; the next call is answered', async () => {
    faultSim.setFaults({ rules: [{ path: '/v1.0/domains', times: 1, reset: true }] });
    try {
      await assert.rejects(client.api('/domains').get(), (error: unknown) => {
        assert.ok(
          !(error instanceof GraphError && error.statusCode >= 100),
          `expected a network error, got status ${(error as GraphError).statusCode}`,
        );
        assert.match(String((error as GraphError).body ?? (error as Error).message), /socket hang up|ECONNRESET/i);
        return true;
      });
      const page = (await client.api('/domains').get()) as Page<Domain>;
      assert.equal(page.value.length, 1);
    } finally {
      clear();
    }
  });

  test('a 429 inside $batch is that sub-response’s status, with Retry-After; the others succeed', async () => {
    faultSim.setFaults({ rules: [{ surface: 'graph', path: '/v1.0/domains', times: 1, respond: { status: 429, retryAfter: '1' } }] });
    try {
      const body = (await client.api('/$batch').post({
        requests: [
          { id: 'user', method: 'GET', url: `/users/${ids.bg1}` },
          { id: 'domains', method: 'GET', url: '/domains' },
        ],
      })) as { responses: SubResponse[] };
      const byId = new Map(body.responses.map((r) => [r.id, r]));
      assert.equal(byId.get('user')!.status, 200);
      const throttled = byId.get('domains')!;
      assert.equal(throttled.status, 429);
      assert.equal(throttled.headers['Retry-After'], '1');
      assert.equal((throttled.body as GraphErrorBody).error.code, 'TooManyRequests');
    } finally {
      clear();
    }
  });

  test('afterApplying: the write is carried out, then answered 500 or dropped – how a timeout after Graph committed looks; in $batch too', async () => {
    const bg = appGraphClient(faultSim, ids.bgApp.appId, 0);
    const path = `/v1.0/identity/conditionalAccess/policies/${ids.mfaPolicy}`;
    const state = async () =>
      ((await bg.api(`/identity/conditionalAccess/policies/${ids.mfaPolicy}`).get()) as ConditionalAccessPolicy).state;
    try {
      faultSim.setFaults({ rules: [{ surface: 'graph', method: 'PATCH', path, times: 1, afterApplying: true, respond: { status: 500 } }] });
      await assert.rejects(
        bg.api(`/identity/conditionalAccess/policies/${ids.mfaPolicy}`).patch({ state: 'enabledForReportingButNotEnforced' }),
        graphError(500, /./),
      );
      assert.equal(await state(), 'enabledForReportingButNotEnforced', 'applied although the answer was a 500');
      faultSim.setFaults({ rules: [{ surface: 'graph', method: 'PATCH', path, times: 1, afterApplying: true, reset: true }] });
      await assert.rejects(bg.api(`/identity/conditionalAccess/policies/${ids.mfaPolicy}`).patch({ state: 'enabled' }), (error: unknown) =>
        /socket hang up|ECONNRESET/i.test(String((error as GraphError).body ?? (error as Error).message)),
      );
      assert.equal(await state(), 'enabled', 'applied although the connection was dropped');
      faultSim.setFaults({ rules: [{ surface: 'graph', method: 'PATCH', path, times: 1, afterApplying: true, respond: { status: 504 } }] });
      const body = (await bg.api('/$batch').post({
        requests: [
          {
            id: '1',
            method: 'PATCH',
            url: `/identity/conditionalAccess/policies/${ids.mfaPolicy}`,
            headers: { 'Content-Type': 'application/json' },
            body: { state: 'enabledForReportingButNotEnforced' },
          },
        ],
      })) as { responses: SubResponse[] };
      assert.equal(body.responses[0]!.status, 504);
      assert.equal(await state(), 'enabledForReportingButNotEnforced', 'the sub-request was applied before its 504');
      faultSim.setFaults({ rules: [{ surface: 'graph', method: 'PATCH', path, times: 1, respond: { status: 500 } }] });
      await assert.rejects(
        bg.api(`/identity/conditionalAccess/policies/${ids.mfaPolicy}`).patch({ state: 'enabled' }),
        graphError(500, /./),
      );
      assert.equal(await state(), 'enabledForReportingButNotEnforced', 'without afterApplying the fault comes first: not applied');
      clear();
      await bg.api(`/identity/conditionalAccess/policies/${ids.mfaPolicy}`).patch({ state: 'enabled' });
    } finally {
      clear();
    }
  });

  test('added latency (plan-wide and per rule) still answers', async () => {
    faultSim.setFaults({ latencyMs: 20, rules: [{ path: '/v1.0/domains', latencyMs: 30 }] });
    try {
      const page = (await client.api('/domains').get()) as Page<Domain>;
      assert.equal(page.value.length, 1);
    } finally {
      clear();
    }
  });

  test('faults on the token endpoint answer in Entra’s error shape: temporarily_unavailable', async () => {
    faultSim.setFaults({
      rules: [{ surface: 'token', path: `/${ids.tenant}/oauth2/v2.0/token`, times: 1, respond: { status: 503, retryAfter: '5' } }],
    });
    try {
      const response = await simRequest(faultSim, `/${ids.tenant}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: ids.reader.appId, grant_type: 'client_credentials', scope: graphScope }).toString(),
      });
      assert.equal(response.status, 503);
      assert.equal(response.headers['retry-after'], '5');
      const body = JSON.parse(response.body.toString('utf8')) as {
        error: string;
        error_description: string;
        error_codes: number[];
        timestamp: string;
        trace_id: string;
        correlation_id: string;
      };
      assert.equal(body.error, 'temporarily_unavailable');
      assert.match(body.error_description, /^AADSTS\d+: /);
      assert.ok(body.error_codes.length > 0);
      assert.ok(body.timestamp && body.trace_id && body.correlation_id);
      // Only once: the app signs in again right after.
      assert.ok(await appToken(faultSim, ids.reader.appId));
    } finally {
      clear();
    }
  });
});

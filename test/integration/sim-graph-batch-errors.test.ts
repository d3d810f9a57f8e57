/**
 * The simulated Microsoft Graph through the real @microsoft/microsoft-graph-client (and raw
 * HTTPS where the wire shape itself is the point): JSON batching and Graph's error answers. The
 * reads the break-glass checks make are in sim-graph-reads.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { BatchRequestContent, BatchResponseContent, GraphError, type BatchResponseBody } from '@microsoft/microsoft-graph-client';
import type { Domain, User } from '@microsoft/microsoft-graph-types';

import { ids, testSeed, upn } from '../helpers/sim-seed.ts';
import { appGraphClient, startTestSimulator } from '../helpers/sim.ts';
import {
  appToken,
  assertGraphErrorBody,
  graphError,
  rawGraph,
  type GraphErrorBody,
  type Page,
  type SubResponse,
} from '../helpers/graph-test.ts';
import { readSeed } from '../helpers/sim-read-seed.ts';

const sim = await startTestSimulator(readSeed);
const reader = appGraphClient(sim, ids.reader.appId);

describe('$batch', () => {
  const missingUser = 'a0000000-0000-4000-8000-0000000000ee';

  test('graph-js BatchRequestContent/BatchResponseContent: every sub-response parses as JSON, a 404 included', async () => {
    const graphUrl = (path: string) => new Request(`https://graph.microsoft.com/v1.0${path}`, { method: 'GET' });
    const content = new BatchRequestContent([
      { id: 'bg1', request: graphUrl(`/users/${ids.bg1}`) },
      { id: 'domains', request: graphUrl('/domains') },
      { id: 'missing', request: graphUrl(`/users/${missingUser}`) },
    ]);
    const body = (await reader.api('/$batch').post(await content.getContent())) as BatchResponseBody;
    const batch = new BatchResponseContent(body);
    const bg1 = batch.getResponseById('bg1');
    assert.equal(bg1.status, 200);
    assert.equal(((await bg1.json()) as User).userPrincipalName, upn('bg1'));
    const domains = batch.getResponseById('domains');
    assert.equal(((await domains.json()) as Page<Domain>).value[0]!.id, 'drilltest.onmicrosoft.com');
    const missing = batch.getResponseById('missing');
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as GraphErrorBody).error.code, 'Request_ResourceNotFound');
  });

  test('sub-response headers spell Content-Type as graph-js expects', async () => {
    const body = (await reader.api('/$batch').post({ requests: [{ id: '1', method: 'GET', url: `/users/${ids.bg1}` }] })) as {
      responses: SubResponse[];
    };
    assert.match(body.responses[0]!.headers['Content-Type'] ?? '', /^application\/json/);
  });

  test('a request that depends on a failed one answers 424 while independent ones succeed; the batch itself is 200', async () => {
    const raw = await rawGraph(sim, '/v1.0/$batch', {
      token: await appToken(sim, ids.reader.appId),
      method: 'POST',
      body: {
        requests: [
          { id: '1', method: 'GET', url: `/users/${missingUser}` },
          { id: '2', method: 'GET', url: `/users/${ids.bg1}/transitiveMemberOf`, dependsOn: ['1'] },
          { id: '3', method: 'GET', url: '/domains' },
          { id: '4', method: 'GET', url: `/users/${ids.bg2}?$select=id,userPrincipalName` },
          { id: '5', method: 'GET', url: '/organization', dependsOn: ['3'] },
        ],
      },
    });
    assert.equal(raw.status, 200);
    const statuses = Object.fromEntries((raw.json as { responses: SubResponse[] }).responses.map((r) => [r.id, r.status]));
    assert.deepEqual(statuses, { '1': 404, '2': 424, '3': 200, '4': 200, '5': 200 });
  });

  test('20 requests chained with dependsOn all run', async () => {
    const requests = Array.from({ length: 20 }, (_, i) => ({
      id: String(i + 1),
      method: 'GET',
      url: `/users/${ids.bg1}?$select=id`,
      ...(i > 0 ? { dependsOn: [String(i)] } : {}),
    }));
    const body = (await reader.api('/$batch').post({ requests })) as { responses: SubResponse[] };
    assert.equal(body.responses.length, 20);
    assert.ok(body.responses.every((r) => r.status === 200));
  });

  test('21 requests are refused: 400 for the whole batch', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/domains' }));
    await assert.rejects(reader.api('/$batch').post({ requests }), graphError(400, /BadRequest/));
  });

  test('duplicate request ids are refused: 400 for the whole batch', async () => {
    const requests = [
      { id: '1', method: 'GET', url: '/domains' },
      { id: '1', method: 'GET', url: `/users/${ids.bg1}` },
    ];
    await assert.rejects(reader.api('/$batch').post({ requests }), graphError(400, /BadRequest/));
  });

  test('a write inside $batch is authorised like a direct call', async () => {
    const body = (await reader.api('/$batch').post({
      requests: [
        {
          id: '1',
          method: 'PATCH',
          url: `/identity/conditionalAccess/policies/${ids.blockPolicy}`,
          headers: { 'Content-Type': 'application/json' },
          body: { state: 'disabled' },
        },
      ],
    })) as { responses: SubResponse[] };
    assert.equal(body.responses[0]!.status, 403);
    assert.equal((body.responses[0]!.body as GraphErrorBody).error.code, 'Authorization_RequestDenied');
  });
});

describe('errors', () => {
  test('no token: 401 InvalidAuthenticationToken in Graph’s error body', async () => {
    const raw = await rawGraph(sim, '/v1.0/users');
    assert.equal(raw.status, 401);
    assertGraphErrorBody(raw.json, 'InvalidAuthenticationToken');
  });

  test('a token for another audience (ARM) is refused: 401', async () => {
    const raw = await rawGraph(sim, '/v1.0/users', {
      token: await appToken(sim, ids.reader.appId, 'https://management.azure.com/.default'),
    });
    assert.equal(raw.status, 401);
    assertGraphErrorBody(raw.json, 'InvalidAuthenticationToken');
  });

  test('a token from another tenant is refused: 401', async () => {
    const otherTenant = '99999999-2222-4333-8444-555555555555';
    // Another tenant with the same apps registered in it: its service principals are owned by it.
    const other = await startTestSimulator(
      testSeed((json) => {
        const tenant = json['tenant'] as Record<string, unknown>;
        for (const principal of json['servicePrincipals'] as Array<Record<string, unknown>>) {
          if (principal['appOwnerOrganizationId'] === tenant['id']) principal['appOwnerOrganizationId'] = otherTenant;
        }
        tenant['id'] = otherTenant;
      }),
    );
    const raw = await rawGraph(sim, '/v1.0/users', { token: await appToken(other, ids.reader.appId) });
    assert.equal(raw.status, 401);
    assertGraphErrorBody(raw.json, 'InvalidAuthenticationToken');
  });

  test('an unknown user: 404 Request_ResourceNotFound', async () => {
    await assert.rejects(reader.api('/users/a0000000-0000-4000-8000-0000000000ee').get(), graphError(404, 'Request_ResourceNotFound'));
    await assert.rejects(reader.api(`/users/${upn('nobody')}`).get(), graphError(404, 'Request_ResourceNotFound'));
  });

  test('an unsupported $filter: 400', async () => {
    await assert.rejects(reader.api('/users').filter('length(displayName) eq 3').get(), graphError(400, /BadRequest|UnsupportedQuery/));
  });

  test('a path Graph does not have: 400', async () => {
    await assert.rejects(
      reader.api('/users/x/notARelation/y/z').get(),
      (error: unknown) => error instanceof GraphError && error.statusCode === 400,
    );
  });
});

/**
 * The simulated Microsoft Graph through the real @microsoft/microsoft-graph-client: the writes
 * recovery and rotation make, and paging across pages. Faults on demand are in
 * sim-graph-faults.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { PageIterator, ResponseType, type GraphError, type PageCollection } from '@microsoft/microsoft-graph-client';
import type { Application, ConditionalAccessPolicy, Fido2AuthenticationMethod, User } from '@microsoft/microsoft-graph-types';

import { adminPassword, ids, testSeed, upn } from '../helpers/sim-seed.ts';
import { answerSecurityKeyPage, appGraphClient, signInWithSecurityKey, simRequest, startTestSimulator } from '../helpers/sim.ts';
import { appToken, assertGraphErrorBody, graphError, rawGraph, requestsSeen, type Page } from '../helpers/graph-test.ts';

const lobPasswordKeyId = 'f1000000-0000-4000-8000-000000000003';

/** The test tenant where the line-of-business app also has a client secret (which rotation removes). */
const writeSeed = testSeed((json) => {
  const apps = json['applications'] as Array<Record<string, unknown>>;
  apps.find((a) => a['id'] === ids.lobApp.objectId)!['passwordCredentials'] = [
    {
      customKeyIdentifier: null,
      displayName: 'old secret',
      endDateTime: '2027-01-01T00:00:00Z',
      hint: 'Ab1',
      keyId: lobPasswordKeyId,
      secretText: null,
      startDateTime: '2025-01-01T00:00:00Z',
    },
  ];
});

/** Six users, so two-per-page paging takes three pages. */
const pagingSeed = testSeed((json) => {
  const users = json['users'] as unknown[];
  for (const n of [5, 6])
    users.push({
      id: `a0000000-0000-4000-8000-00000000000${n}`,
      displayName: `user${n}`,
      userPrincipalName: upn(`user${n}`),
      accountEnabled: true,
      userType: 'Member',
    });
});

const writeSim = await startTestSimulator(writeSeed);
const pagingSim = await startTestSimulator(pagingSeed, { pageSize: 2 });

describe('writes by the break-glass app', () => {
  const bg = appGraphClient(writeSim, ids.bgApp.appId);

  test('PATCH of a CA policy’s state to report-only answers 204 with a request-id header, and reads back', async () => {
    const response = (await bg
      .api(`/identity/conditionalAccess/policies/${ids.blockPolicy}`)
      .responseType(ResponseType.RAW)
      .patch({ state: 'enabledForReportingButNotEnforced' })) as Response;
    assert.equal(response.status, 204);
    assert.match(response.headers.get('request-id') ?? '', /^[0-9a-f-]{36}$/);
    const policy = (await bg.api(`/identity/conditionalAccess/policies/${ids.blockPolicy}`).get()) as ConditionalAccessPolicy;
    assert.equal(policy.state, 'enabledForReportingButNotEnforced');
    assert.deepEqual(policy.grantControls?.builtInControls, ['block'], 'the rest of the policy is unchanged');
    assert.ok(policy.modifiedDateTime);
  });

  test('a PATCH with a state Graph does not know is refused: 400', async () => {
    await assert.rejects(
      bg.api(`/identity/conditionalAccess/policies/${ids.mfaPolicy}`).patch({ state: 'off' }),
      graphError(400, /BadRequest/),
    );
  });

  test('the reader app may not change a CA policy: 403 Authorization_RequestDenied in Graph’s error body', async () => {
    const client = appGraphClient(writeSim, ids.reader.appId);
    await assert.rejects(
      client.api(`/identity/conditionalAccess/policies/${ids.mfaPolicy}`).patch({ state: 'enabledForReportingButNotEnforced' }),
      (error: unknown) => {
        graphError(403, 'Authorization_RequestDenied')(error);
        const e = error as GraphError;
        assert.equal(e.message, 'Insufficient privileges to complete the operation.');
        assert.match(e.requestId ?? '', /^[0-9a-f-]{36}$/);
        assert.ok(e.date instanceof Date && !Number.isNaN(e.date.getTime()));
        return true;
      },
    );
    const raw = await rawGraph(writeSim, `/v1.0/identity/conditionalAccess/policies/${ids.mfaPolicy}`, {
      token: await appToken(writeSim, ids.reader.appId),
      method: 'PATCH',
      body: { state: 'enabledForReportingButNotEnforced' },
    });
    assert.equal(raw.status, 403);
    const error = assertGraphErrorBody(raw.json, 'Authorization_RequestDenied');
    assert.equal(error.innerError['request-id'], raw.headers['request-id']);
    const policy = (await bg.api(`/identity/conditionalAccess/policies/${ids.mfaPolicy}`).get()) as ConditionalAccessPolicy;
    assert.equal(policy.state, 'enabled', 'the refused PATCH changed nothing');
  });

  test('deleting a FIDO2 method answers 204; the method is gone, and so is the physical key that matched it', async () => {
    const response = (await bg
      .api(`/users/${ids.bg2}/authentication/fido2Methods/bg2-key-a`)
      .responseType(ResponseType.RAW)
      .delete()) as Response;
    assert.equal(response.status, 204);
    assert.ok(response.headers.get('request-id'));
    const left = (await bg.api(`/users/${ids.bg2}/authentication/fido2Methods`).get()) as Page<Fido2AuthenticationMethod>;
    assert.deepEqual(left.value, []);
    assert.ok(!writeSim.snapshot().simulator.securityKeys.some((k) => k.fido2MethodId === 'bg2-key-a'));
    await assert.rejects(
      bg.api(`/users/${ids.bg2}/authentication/fido2Methods/bg2-key-a`).delete(),
      graphError(404, 'Request_ResourceNotFound'),
    );
  });

  test('revokeSignInSessions answers 2xx and moves signInSessionsValidFromDateTime', async () => {
    const before = Date.now() - 1000;
    const response = (await bg.api(`/users/${ids.bg1}/revokeSignInSessions`).responseType(ResponseType.RAW).post(undefined)) as Response;
    assert.ok(response.status >= 200 && response.status < 300, `status ${response.status}`);
    assert.ok(response.headers.get('request-id'));
    const user = writeSim.snapshot().users.find((u) => u.id === ids.bg1)!;
    assert.ok(Date.parse(user.signInSessionsValidFromDateTime ?? '') >= before);
  });

  test('a passwordProfile PATCH answers 204: the sealed-envelope password changes', async () => {
    const newPassword = 'Envelope-Two-2026!';
    const response = (await bg
      .api(`/users/${ids.admin}`)
      .responseType(ResponseType.RAW)
      .patch({ passwordProfile: { forceChangePasswordNextSignIn: false, password: newPassword } })) as Response;
    assert.equal(response.status, 204);
    assert.ok(response.headers.get('request-id'));

    // The old password is now wrong on the sign-in page …
    const authorize = `/${ids.tenant}/oauth2/v2.0/authorize?${new URLSearchParams({ client_id: ids.custodian.appId, response_type: 'code', redirect_uri: 'http://localhost:3874', scope: 'openid https://graph.microsoft.com/.default' })}`;
    const page = await simRequest(writeSim, authorize);
    const refused = await answerSecurityKeyPage(writeSim, page, `/${ids.tenant}/oauth2/v2.0/authorize`, {
      username: upn('admin'),
      password: adminPassword,
    });
    assert.match(refused.body.toString('utf8'), /password is incorrect/);
    // … and the new one is accepted (the MFA policy then asks for a second factor: AADSTS50076).
    await assert.rejects(
      signInWithSecurityKey(writeSim, ids.custodian.appId, [{ username: upn('admin'), password: newPassword }]),
      /AADSTS50076/,
    );
  });

  test('a password that breaks the complexity rule is refused: 400', async () => {
    await assert.rejects(bg.api(`/users/${ids.admin}`).patch({ passwordProfile: { password: 'short' } }), graphError(400, /BadRequest/));
  });

  test('removePassword removes the application’s client secret: 204', async () => {
    const before = (await bg.api(`/applications/${ids.lobApp.objectId}`).select('id,passwordCredentials').get()) as Application;
    assert.deepEqual(
      before.passwordCredentials?.map((p) => [p.keyId, p.hint, p.secretText]),
      [[lobPasswordKeyId, 'Ab1', null]],
    );
    const response = (await bg
      .api(`/applications/${ids.lobApp.objectId}/removePassword`)
      .responseType(ResponseType.RAW)
      .post({ keyId: lobPasswordKeyId })) as Response;
    assert.equal(response.status, 204);
    const after = (await bg.api(`/applications/${ids.lobApp.objectId}`).select('id,passwordCredentials').get()) as Application;
    assert.deepEqual(after.passwordCredentials, []);
    await assert.rejects(
      bg.api(`/applications/${ids.lobApp.objectId}/removePassword`).post({ keyId: lobPasswordKeyId }),
      graphError(400, /BadRequest/),
    );
  });
});

describe('paging', () => {
  const client = appGraphClient(pagingSim, ids.reader.appId);
  const allUpns = ['admin', 'bg1', 'bg2', 'disabled', 'user5', 'user6'].map(upn).sort();

  test('graph-js PageIterator reads all 6 users across three pages of 2', async () => {
    const { result: seen, paths } = await requestsSeen(pagingSim, '/v1.0/users', async () => {
      const first = (await client.api('/users').select('id,userPrincipalName').get()) as PageCollection;
      assert.equal(first.value.length, 2);
      const upns: string[] = [];
      await new PageIterator(client, first, (user: User) => {
        upns.push(user.userPrincipalName!);
        return true;
      }).iterate();
      return upns;
    });
    assert.deepEqual([...seen].sort(), allUpns);
    assert.equal(new Set(seen).size, 6, 'no user twice');
    assert.equal(paths.length, 3);
  });

  test('the nextLink is an absolute URL carrying $skiptoken and the original query; following it by hand reads every page', async () => {
    const upns: string[] = [];
    let page = (await client.api('/users').select('id,userPrincipalName').get()) as Page<User>;
    const links: string[] = [];
    for (;;) {
      upns.push(...page.value.map((u) => u.userPrincipalName!));
      const next = page['@odata.nextLink'];
      if (!next) break;
      links.push(next);
      page = (await client.api(next).get()) as Page<User>;
    }
    assert.deepEqual(upns.sort(), allUpns);
    assert.equal(links.length, 2);
    for (const link of links) {
      const url = new URL(link);
      assert.equal(url.origin, pagingSim.origin);
      assert.equal(url.pathname, '/v1.0/users');
      assert.ok(url.searchParams.get('$skiptoken'));
      assert.equal(url.searchParams.get('$select'), 'id,userPrincipalName');
    }
  });

  test('the nextLink spells $skiptoken literally, as Graph’s own links do (…/users?$top=5&$skiptoken=…)', async () => {
    // graph/paging: "@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$top=5&$skiptoken=RFNwdAIAAQAAACpHcm91cF8x…".
    // Scripts that cut the token out of the link with a plain string match depend on this spelling.
    const page = (await client.api('/users').top(2).get()) as Page<User>;
    const link = page['@odata.nextLink'] ?? '';
    assert.match(link, /[?&]\$skiptoken=[^&]+/, `nextLink was ${link}`);
    assert.match(link, /[?&]\$top=2(&|$)/, `nextLink was ${link}`);
  });

  test('$top overrides the page size', async () => {
    const page = (await client.api('/users').top(5).get()) as Page<User>;
    assert.equal(page.value.length, 5);
    assert.ok(page['@odata.nextLink']);
    const rest = (await client.api(page['@odata.nextLink']).get()) as Page<User>;
    assert.equal(rest.value.length, 1);
    assert.equal(rest['@odata.nextLink'], undefined);
    const whole = (await client.api('/users').top(10).get()) as Page<User>;
    assert.equal(whole.value.length, 6);
    assert.equal(whole['@odata.nextLink'], undefined);
  });
});

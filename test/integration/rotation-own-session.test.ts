/**
 * Rotating the account the custodian is signed in as (issue 12, item 6). Graph changes one's own
 * password only with changePassword and the current password, and revokeSignInSessions on
 * oneself ends one's own refresh tokens; so the app never makes an account's writes with that
 * account's session. Through the simulator:
 * - the simulator refuses a user's PATCH of their own passwordProfile, as the stricter reading of
 *   Microsoft's pages, and a user who revokes their own sessions loses their own refresh token;
 * - a rotation of bg1 with only bg1 signed in: the screen says so plainly before anything is
 *   sent, setting the password is refused with what to do, no write reaches the tenant, the step
 *   stays where it was (also after a restart), and after a sign-in with the app's certificate the
 *   rotation completes.
 */
import assert from 'node:assert/strict';
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { describe, test } from 'node:test';

import type { AppServices } from '../../src/main/services/app-services.ts';
import { ActionableError } from '../../src/shared/actionable-error.ts';
import { bg1SafeKey, bg1SignsIn, envelopePassword, rogueKey, rotationTenant } from '../helpers/rotation.ts';
import { ids, upn } from '../helpers/sim-seed.ts';
import { settleReadiness, settleSignIn } from '../helpers/services.ts';
import { graphClient, graphScope, publicClient, scriptedBrowser } from '../helpers/sim.ts';

const ada = 'Ada Custodian';
const bg1 = upn('bg1');

const writes: Array<{ port: number; method: string; path: string }> = [];
subscribe('http.server.request.start', (message) => {
  const { request } = message as { request: IncomingMessage };
  if (request.method !== 'GET')
    writes.push({
      port: request.socket.localPort ?? 0,
      method: request.method ?? '',
      path: new URL(request.url ?? '/', 'https://sim').pathname,
    });
});

const tenant = await rotationTenant();
const userWrites = (since: number) =>
  writes.slice(since).filter((w) => w.port === tenant.sim.port && w.path.startsWith(`/v1.0/users/${ids.bg1}`));

describe('the simulator follows Microsoft on one’s own password and sessions', () => {
  test('bg1 may not set its own passwordProfile (that is changePassword, with the current password); revoking its own sessions ends its own refresh token', async () => {
    const browser = scriptedBrowser(tenant.sim, [bg1SafeKey]);
    const client = publicClient(tenant.sim, ids.custodian.appId);
    const result = await client.acquireTokenInteractive({
      scopes: [graphScope],
      openBrowser: browser.openBrowser,
      loginHint: bg1,
      successTemplate: 'ok',
      errorTemplate: 'no',
    });
    const graph = graphClient(tenant.sim, async () => result.accessToken, 0);
    await assert.rejects(
      graph
        .api(`/users/${ids.bg1}`)
        .patch({ passwordProfile: { password: 'Another-Long-Password-2026!', forceChangePasswordNextSignIn: false } }),
      (error: unknown) => {
        const e = error as { statusCode?: number; code?: string; headers?: Headers };
        assert.equal(e.statusCode, 403);
        assert.equal(e.code, 'Authorization_RequestDenied');
        // Refused for being one's own password, not for a missing permission (the simulator says which rule, in a header of its own).
        assert.match(e.headers?.get('x-ms-sim-detail') ?? '', /changePassword/);
        return true;
      },
    );
    assert.equal(await bg1SignsIn(tenant.sim, { password: envelopePassword }), true, 'the password is unchanged');
    // Entra's "valid from" has one-second resolution.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const revoked = (await graph.api(`/users/${ids.bg1}/revokeSignInSessions`).post({})) as { value?: boolean };
    assert.equal(revoked.value, true);
    await assert.rejects(
      client.acquireTokenSilent({ account: result.account!, scopes: [graphScope], forceRefresh: true }),
      /50173/,
      'its own refresh token is gone',
    );
  });
});

describe('a rotation of bg1 while only bg1 is signed in', async () => {
  let services: AppServices = tenant.start();

  test('the screen says, before anything is sent, that bg1 cannot rotate itself, and names the other way in', async () => {
    services.rotation.begin({ custodian: ada, accounts: [bg1], app: false });
    const progress = await settleSignIn(
      services,
      services.rotation.signIn({ method: 'security-key', userPrincipalName: bg1, custodian: ada }).attemptId,
      bg1SafeKey,
    );
    assert.equal(progress.state, 'signed-in', JSON.stringify(progress));
    const view = services.rotation.view().active!;
    assert.equal(view.current?.kind, 'account-password');
    assert.equal(view.ownSession?.account, bg1);
    assert.match(view.ownSession!.message, /You are signed in as .*bg1.*, the account this step rotates/);
    assert.match(view.ownSession!.message, /cannot rotate itself/);
    assert.match(view.ownSession!.nextStep, /Sign in on this screen with the app’s certificate/);
  });

  test('setting the password is refused with what to do; no write reaches the tenant; the step has not started', async () => {
    const since = writes.length;
    services.rotation.newPassword(bg1);
    await assert.rejects(
      services.rotation.setPassword(bg1, ada),
      (error: unknown) =>
        error instanceof ActionableError && /account this step rotates/.test(error.message) && /app’s certificate/.test(error.nextStep),
    );
    assert.deepEqual(userWrites(since), [], 'nothing was sent for bg1');
    const record = services.rotation.current()!.current!;
    assert.equal(record.step.id, `account-password:${bg1}`);
    assert.equal(record.status, 'pending', 'no intent was journaled: nothing was tried');
    assert.equal(await bg1SignsIn(tenant.sim, { password: envelopePassword }), true, 'the envelope password still works');
  });

  test('after a restart the rotation is at the same step, and with the app’s certificate it completes', async () => {
    await services.close();
    services = tenant.start();
    const { rotation } = services;
    assert.equal(rotation.current()?.current?.step.id, `account-password:${bg1}`, 'resumed at the same step');
    const signedIn = await settleSignIn(
      services,
      rotation.signIn({ method: 'certificate', source: { kind: 'simulated-safe' }, custodian: ada }).attemptId,
    );
    assert.equal(signedIn.state, 'signed-in');
    assert.equal(rotation.view().active?.ownSession, undefined, 'the app’s session may rotate bg1');
    const since = writes.length;
    const password = rotation.newPassword(bg1).password;
    await rotation.setPassword(bg1, ada);
    await rotation.continueStep(ada);
    await rotation.reviewMethods(bg1, [rogueKey.method], ada);
    assert.deepEqual(
      userWrites(since).map((w) => w.method),
      ['PATCH', 'POST', 'DELETE'],
      'the password, the revoke and the removal, each once, with the app’s session',
    );
    rotation.keyReturned(bg1, { keyUsed: 'Safe key A', returned: true }, ada);
    rotation.checklist('safe-combination', ada, ada);
    rotation.checklist('envelopes', ada, ada);
    rotation.checklist('custodians', ada, ada);
    const run = await settleReadiness(services, rotation.verify(ada).runId);
    rotation.recordVerification(run.run.sessionId!, ada);
    assert.equal(rotation.current(), undefined, 'the rotation is closed');
    assert.equal(await bg1SignsIn(tenant.sim, { password }), true, 'the new password works');
    assert.equal(await bg1SignsIn(tenant.sim, { password: envelopePassword }), false, 'the old one does not');
    await services.close();
  });
});

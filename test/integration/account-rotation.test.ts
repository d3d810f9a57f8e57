/**
 * Rotating a break-glass user account through the product's Graph connection, against the
 * simulated tenant, with real sign-ins to prove each effect: the new password signs in on the
 * security-key page's envelope path and the old one no longer does; revoking sessions makes a
 * refresh token issued before it useless (AADSTS50173); a key registered during the incident is
 * found by its date and removed, and that physical key stops working.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { generateBreakGlassPassword } from '../../src/main/credentials/password-generator.ts';
import { methodsAddedDuringIncident } from '../../src/core/runbooks/method-baseline.ts';
import { registeredMethods, removeFido2Method, revokeSignInSessions, setPassword } from '../../src/main/entra/account-rotation.ts';
import { GraphRequestError } from '../../src/main/entra/graph-connection.ts';
import { ids, pins, testSeed, upn } from '../helpers/sim-seed.ts';
import { appGraphConnection, graphScope, publicClient, scriptedBrowser, startTestSimulator, type KeyTouch } from '../helpers/sim.ts';

const incidentOpened = new Date(Date.now() - 3_600_000);
const roguePin = '909090';

// The test tenant (its break-glass app holds UserAuthenticationMethod.ReadWrite.All), the MFA
// policy excluding the break-glass group as well (so the envelope password alone signs in), and
// a second key on bg1 registered twenty minutes ago – during the incident.
const sim = await startTestSimulator(
  testSeed((json) => {
    const policies = json['conditionalAccessPolicies'] as Array<{ id: string; conditions: { users: { excludeGroups: string[] } } }>;
    policies.find((p) => p.id === ids.mfaPolicy)!.conditions.users.excludeGroups.push(ids.exclusionGroup);
    const users = json['users'] as Array<{ id: string; authenticationMethods?: unknown[] }>;
    users
      .find((u) => u.id === ids.bg1)!
      .authenticationMethods!.push({
        '@odata.type': '#microsoft.graph.fido2AuthenticationMethod',
        id: 'bg1-key-rogue',
        displayName: 'Added during the incident',
        aaGuid: 'cb69481e-8ff7-4039-93ec-0a2729a154a8',
        model: 'YubiKey 5 Series',
        createdDateTime: new Date(Date.now() - 20 * 60_000).toISOString(),
      });
    const simulator = json['simulator'] as { securityKeys: unknown[] };
    simulator.securityKeys.push({ userId: ids.bg1, fido2MethodId: 'bg1-key-rogue', pin: roguePin });
  }),
);
const graph = appGraphConnection(sim, ids.bgApp.appId);
/** The rogue key's index on the security-key page (after the three seeded keys). */
const rogueKey = '3';

type Touch = { key: string; pin: string } | { password: string };
const asKeyTouch = (touch: Touch): KeyTouch => ('password' in touch ? { username: upn('bg1'), password: touch.password } : touch);

/** An interactive sign-in as bg1 through msal, answering the page with a key or the envelope password. */
async function signInAsBg1(touch: Touch) {
  const client = publicClient(sim, ids.custodian.appId);
  const browser = scriptedBrowser(sim, [asKeyTouch(touch)]);
  const result = await client.acquireTokenInteractive({
    scopes: [graphScope],
    openBrowser: browser.openBrowser,
    prompt: 'login',
    loginHint: upn('bg1'),
    successTemplate: 'Signed in.',
    errorTemplate: 'Sign-in failed.',
  });
  return { client, result };
}

/** A sign-in the page refuses: the custodian reads the refusal, then cancels. Returns the refusal page. */
async function refusedSignIn(touch: Touch): Promise<string> {
  const browser = scriptedBrowser(sim, [asKeyTouch(touch), { cancel: true }]);
  await assert.rejects(
    publicClient(sim, ids.custodian.appId).acquireTokenInteractive({
      scopes: [graphScope],
      openBrowser: browser.openBrowser,
      prompt: 'login',
      loginHint: upn('bg1'),
      successTemplate: 'ok',
      errorTemplate: 'no',
    }),
    /access_denied|cancel/i,
  );
  return browser.seen.pages[1] ?? '';
}

describe('rotating a break-glass user account', () => {
  test('the new password signs in; the one before it no longer does', async () => {
    const first = generateBreakGlassPassword();
    const second = generateBreakGlassPassword();
    const set = await setPassword(graph, ids.bg1, first);
    assert.equal(set.status, 204);
    assert.ok(set.requestId);
    assert.equal((await signInAsBg1({ password: first })).result.account?.username, upn('bg1'));

    await setPassword(graph, ids.bg1, second);
    assert.match(await refusedSignIn({ password: first }), /account or password is incorrect/);
    assert.equal((await signInAsBg1({ password: second })).result.account?.username, upn('bg1'));
  });

  test('a password Entra refuses is explained, and the refusal never repeats it', async () => {
    const weak = 'alllowercaseletters';
    await assert.rejects(setPassword(graph, ids.bg1, weak), (error: unknown) => {
      assert.ok(error instanceof GraphRequestError);
      assert.equal(error.status, 400);
      assert.ok(!`${error.message} ${error.nextStep}`.includes(weak));
      return true;
    });
  });

  test('revoking sign-in sessions ends a session opened before it', async () => {
    const { client, result } = await signInAsBg1({ key: '0', pin: pins.bg1 });
    // Entra's clock for "valid from" has one-second resolution.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const revoked = await revokeSignInSessions(graph, ids.bg1);
    assert.ok(revoked.status >= 200 && revoked.status < 300);
    await assert.rejects(client.acquireTokenSilent({ account: result.account!, scopes: [graphScope], forceRefresh: true }), /50173/);
  });

  test('a key registered during the incident is found by its date and removed; it stops working', async () => {
    const methods = await registeredMethods(graph, ids.bg1);
    assert.deepEqual(
      methods
        .filter((m) => m.kind === 'fido2')
        .map((m) => m.id)
        .sort(),
      ['bg1-key-a', 'bg1-key-rogue'],
    );
    const added = methodsAddedDuringIncident(methods, { since: incidentOpened.toISOString() });
    assert.deepEqual([...added.keys()], ['bg1-key-rogue']);
    assert.equal((await signInAsBg1({ key: rogueKey, pin: roguePin })).result.account?.username, upn('bg1'));

    const removed = await removeFido2Method(graph, ids.bg1, 'bg1-key-rogue');
    assert.equal(removed.status, 204);
    assert.deepEqual(
      (await registeredMethods(graph, ids.bg1)).filter((m) => m.kind === 'fido2').map((m) => m.id),
      ['bg1-key-a'],
    );
    // The simulator drops a deregistered key from its page; either way it signs in no more.
    assert.match(await refusedSignIn({ key: rogueKey, pin: roguePin }), /Choose the security key that is inserted|no longer registered/);
    assert.equal((await signInAsBg1({ key: '0', pin: pins.bg1 })).result.account?.username, upn('bg1'), 'the safe key still works');
  });
});

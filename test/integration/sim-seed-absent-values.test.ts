/**
 * A seed pasted from default GETs lacks properties Graph returns only on `$select`
 * (user-get.md's user has no accountEnabled or userType; application-get.md example 2 has no
 * keyCredentials; domain-list.md's domain no isVerified). The seed takes them; the simulator
 * serves what it holds – an unset property asked for by `$select` as null, as Graph does – and
 * where it must decide on a missing value, it takes the stricter outcome and says what to paste.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { Simulator } from '../../src/sim/index.ts';
import { appToken, rawGraph } from '../helpers/graph-test.ts';
import { ids, keyIndex, pins, testSeed, upn } from '../helpers/sim-seed.ts';
import { confidentialClient, graphScope, signInWithSecurityKey, startTestSimulator } from '../helpers/sim.ts';

type Json = Record<string, unknown>;
const users = (json: Json) => json['users'] as Json[];
const userOf = (json: Json, id: string) => users(json).find((u) => u['id'] === id)!;
const guestBlockPolicy = 'e0000000-0000-4000-8000-0000000000a1';

// bg1 as user-get.md returns a user: neither accountEnabled nor userType; the break-glass app's
// service principal as a $select without accountEnabled.
const sim = await startTestSimulator(
  testSeed((json) => {
    const bg1 = userOf(json, ids.bg1);
    delete bg1['accountEnabled'];
    delete bg1['userType'];
    delete (json['servicePrincipals'] as Json[]).find((sp) => sp['id'] === ids.bgApp.sp)!['accountEnabled'];
  }),
);

describe('a seed without the properties a default GET leaves out', () => {
  test('the simulator serves an unset property asked for by $select as null, never a value of its own', async () => {
    const token = await appToken(sim, ids.reader.appId);
    const { status, json } = await rawGraph(sim, `/v1.0/users/${ids.bg1}?$select=id,accountEnabled,userType`, { token });
    assert.equal(status, 200);
    assert.deepEqual(
      { ...(json as Json), '@odata.context': undefined },
      { '@odata.context': undefined, id: ids.bg1, accountEnabled: null, userType: null },
    );
  });

  test('a user without accountEnabled cannot sign in: AADSTS50057, naming the property and the GET to paste', async () => {
    await assert.rejects(
      signInWithSecurityKey(sim, ids.custodian.appId, [{ key: keyIndex.bg1, pin: pins.bg1 }], upn('bg1'), [graphScope]),
      (error: Error) =>
        /AADSTS50057/.test(error.message) &&
        /no accountEnabled for user a0000000-0000-4000-8000-000000000001/.test(error.message) &&
        /\$select=.*accountEnabled,userType/.test(error.message),
    );
  });

  test('a service principal without accountEnabled gets no token: AADSTS7000112, naming the property to paste', async () => {
    await assert.rejects(
      confidentialClient(sim, ids.bgApp.appId).acquireTokenByClientCredential({ scopes: [graphScope] }),
      (error: Error) => /AADSTS7000112/.test(error.message) && /no accountEnabled for this service principal/.test(error.message),
    );
  });
});

describe('a user whose userType the seed does not hold counts as a guest where that makes a policy apply', () => {
  const withGuestBlock = (userType: string | undefined) =>
    testSeed((json) => {
      const bg1 = userOf(json, ids.bg1);
      if (userType === undefined) delete bg1['userType'];
      else bg1['userType'] = userType;
      const [template] = json['conditionalAccessPolicies'] as Json[];
      const policy = structuredClone(template!) as Json & { conditions: Json };
      policy['id'] = guestBlockPolicy;
      policy['displayName'] = 'Block guests';
      policy.conditions['users'] = {
        includeUsers: ['GuestsOrExternalUsers'],
        excludeUsers: [],
        includeGroups: [],
        excludeGroups: [],
        includeRoles: [],
        excludeRoles: [],
      };
      (json['conditionalAccessPolicies'] as Json[]).push(policy);
    });

  test('a Member is not blocked by a policy for guests', async () => {
    const member = await startTestSimulator(withGuestBlock('Member'));
    const result = await signInWithSecurityKey(member, ids.custodian.appId, [{ key: keyIndex.bg1, pin: pins.bg1 }], upn('bg1'));
    assert.equal(result.account?.username, upn('bg1'));
  });

  test('without userType the policy for guests applies: AADSTS53003', async () => {
    const untyped = await startTestSimulator(withGuestBlock(undefined));
    await assert.rejects(
      signInWithSecurityKey(untyped, ids.custodian.appId, [{ key: keyIndex.bg1, pin: pins.bg1 }], upn('bg1')),
      /AADSTS53003/,
    );
  });
});

describe('the authentication methods policy is served as the seed holds it', () => {
  test("with the policy's own properties in the seed, Graph's shape with them; without, null for each, not the simulator's values", async () => {
    const registrationEnforcement = {
      authenticationMethodsRegistrationCampaign: {
        snoozeDurationInDays: 1,
        state: 'default',
        excludeTargets: [],
        includeTargets: [{ id: 'all_users', targetType: 'group', targetedAuthenticationMethod: 'microsoftAuthenticator' }],
      },
    };
    const held = await startTestSimulator(
      testSeed(
        (json) =>
          void (json['authenticationMethodsPolicy'] = {
            lastModifiedDateTime: '2022-01-26T10:47:26.6044384Z',
            policyVersion: '1.4',
            registrationEnforcement,
          }),
      ),
    );
    const bare = await startTestSimulator(testSeed());
    const read = async (target: Simulator) =>
      (await rawGraph(target, '/v1.0/policies/authenticationMethodsPolicy', { token: await appToken(target, ids.reader.appId) }))
        .json as Json;
    const policy = await read(held);
    assert.equal(policy['lastModifiedDateTime'], '2022-01-26T10:47:26.6044384Z');
    assert.equal(policy['policyVersion'], '1.4');
    assert.deepEqual(policy['registrationEnforcement'], registrationEnforcement);
    const unset = await read(bare);
    assert.deepEqual([unset['lastModifiedDateTime'], unset['policyVersion'], unset['registrationEnforcement']], [null, null, null]);
  });
});

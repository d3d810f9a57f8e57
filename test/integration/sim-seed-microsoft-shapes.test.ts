/**
 * The seed takes what Microsoft returns: objects pasted as Graph and ARM return them – every
 * property Microsoft defines, nullable ones as null, OData annotations, ARM's etag and
 * systemData – load, and the simulator serves them back as pasted (the objects are in
 * test/helpers/pasted-microsoft-shapes.ts). What is refused is in
 * sim-seed-microsoft-shapes-refused.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { validateSeed } from '../../src/sim/index.ts';
import { appToken, rawGraph } from '../helpers/graph-test.ts';
import { ids } from '../helpers/sim-seed.ts';
import { simRequest, startTestSimulator } from '../helpers/sim.ts';
import {
  actionGroupId,
  passkeyPolicy,
  pastedActionGroup,
  pastedDiagnosticSetting,
  pastedPolicy,
  pastedPolicyId,
  pastedRule,
  pastedSeedJson,
  pastedUser,
  pastedUserId,
  ruleId,
  type Json,
} from '../helpers/pasted-microsoft-shapes.ts';

const { ['@odata.context']: _userContext, ...userAsServed } = pastedUser;
const { ['@odata.context']: _policyContext, ...policyAsServed } = pastedPolicy;

const sim = await startTestSimulator(validateSeed(pastedSeedJson(), 'drill/contoso.seed.json'));
const graphToken = await appToken(sim, ids.reader.appId);
async function arm(path: string, appId: string): Promise<Json> {
  const token = await appToken(sim, appId, 'https://management.azure.com/.default');
  const response = await simRequest(sim, path, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200, response.body.toString('utf8'));
  return JSON.parse(response.body.toString('utf8')) as Json;
}

describe('a seed of objects pasted from Microsoft Graph and ARM', () => {
  test('a user with authorizationInfo and nullable properties as null is served back as pasted on $select', async () => {
    const select = Object.keys(userAsServed).join(',');
    const response = await rawGraph(sim, `/v1.0/users/${pastedUserId}?$select=${select}`, { token: graphToken });
    assert.equal(response.status, 200);
    const { ['@odata.context']: context, ...served } = response.json as Json;
    assert.match(String(context), /\/v1\.0\/\$metadata#users/);
    assert.doesNotMatch(String(context), /graph\.microsoft\.com/, 'the simulator’s own context, not the pasted one');
    assert.deepEqual(served, userAsServed);
  });

  test('a beta export of a Conditional Access policy, annotations and all, is served back as pasted', async () => {
    const response = await rawGraph(sim, `/beta/identity/conditionalAccess/policies/${pastedPolicyId}`, { token: graphToken });
    assert.equal(response.status, 200);
    const { ['@odata.context']: context, ...served } = response.json as Json;
    assert.doesNotMatch(String(context), /graph\.microsoft\.com/);
    assert.deepEqual(served, policyAsServed);
  });

  test('over v1.0 the same policy comes without what only beta defines', async () => {
    const response = await rawGraph(sim, `/v1.0/identity/conditionalAccess/policies/${pastedPolicyId}`, { token: graphToken });
    assert.equal(response.status, 200);
    const served = response.json as Json;
    const { deletedDateTime: _deleted, partialEnablementStrategy: _partial, conditions, ...policy } = policyAsServed;
    const { times: _times, deviceStates: _deviceStates, agents: _agents, ...v1Conditions } = conditions;
    assert.deepEqual({ ...served, '@odata.context': undefined }, { '@odata.context': undefined, ...policy, conditions: v1Conditions });
  });

  test('the passkey (FIDO2) policy with passkeyProfiles is served back as pasted', async () => {
    const response = await rawGraph(sim, '/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/Fido2', {
      token: graphToken,
    });
    assert.equal(response.status, 200);
    const { ['@odata.context']: _context, ...served } = response.json as Json;
    assert.deepEqual(served, passkeyPolicy);
  });

  test('the 2023-12-01 alert rule with etag, systemData and identity, and the action group, come back from ARM as pasted', async () => {
    assert.deepEqual(await arm(`${ruleId}?api-version=2023-12-01`, ids.reader.appId), pastedRule);
    assert.deepEqual(await arm(`${actionGroupId}?api-version=2023-01-01`, ids.reader.appId), pastedActionGroup);
  });

  test('the Entra diagnostic setting comes back from ARM as pasted', async () => {
    const list = await arm('/providers/microsoft.aadiam/diagnosticSettings?api-version=2017-04-01', ids.bgApp.appId);
    assert.deepEqual(list['value'], [pastedDiagnosticSetting]);
  });
});

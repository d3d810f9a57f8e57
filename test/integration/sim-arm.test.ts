/**
 * The simulated Azure Resource Manager subset the monitoring checks read (docs/microsoft-behaviour.md, "Azure Monitor"),
 * over raw HTTPS with app tokens from the real msal-node: the tenant's `microsoft.aadiam`
 * diagnostic settings, log-search alert rules and action groups, Azure RBAC, and ARM's errors.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { ids, testSeed } from '../helpers/sim-seed.ts';
import { confidentialClient, graphScope, simRequest, startTestSimulator } from '../helpers/sim.ts';

const armScope = 'https://management.azure.com/.default';

const subscriptionId = '22222222-3333-4444-8555-666666666666';
const subscription = `/subscriptions/${subscriptionId}`;
const resourceGroup = `${subscription}/resourceGroups/rg-monitoring`;
const workspaceId = `${resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/law-breakglass`;
const actionGroupId = `${resourceGroup}/providers/microsoft.insights/actionGroups/bg-oncall`;
const ruleId = `${resourceGroup}/providers/microsoft.insights/scheduledqueryrules/bg-sign-in`;
const readerRole = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const aadiam = '/providers/Microsoft.aadiam';
const query = `SigninLogs | where UserId == "${ids.bg1}" or UserId == "${ids.bg2}"`;

/** Azure Reader for a service principal at `scope` (an ARM role assignment as Microsoft.Authorization returns it). */
const readerAt = (scope: string, principalId: string, name: string) => ({
  id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
  name,
  type: 'Microsoft.Authorization/roleAssignments',
  properties: {
    roleDefinitionId: `${scope === aadiam ? '' : scope}/providers/Microsoft.Authorization/roleDefinitions/${readerRole}`,
    principalId,
    principalType: 'ServicePrincipal',
    scope,
  },
});

/**
 * The test tenant with an Azure subscription that watches break-glass sign-ins. The reader app has
 * Reader on the subscription and at `/providers/Microsoft.aadiam`; the line-of-business app has
 * Reader on the subscription only; the break-glass app has Global Administrator and no Azure role.
 */
const seed = testSeed((json) => {
  // The workload policy blocks the line-of-business app's sign-in; here it only needs a token.
  json['conditionalAccessPolicies'] = (json['conditionalAccessPolicies'] as Array<{ id: string }>).filter(
    (p) => p.id !== ids.workloadPolicy,
  );
  json['azure'] = {
    subscriptions: [{ id: subscription, subscriptionId, displayName: 'Security monitoring', state: 'Enabled', tenantId: ids.tenant }],
    roleAssignments: [
      readerAt(subscription, ids.reader.sp, '33333333-0000-4000-8000-000000000001'),
      readerAt(aadiam, ids.reader.sp, '33333333-0000-4000-8000-000000000002'),
      readerAt(subscription, ids.lobApp.sp, '33333333-0000-4000-8000-000000000003'),
    ],
    diagnosticSettings: [
      {
        id: 'providers/microsoft.aadiam/diagnosticSettings/to-law-breakglass',
        name: 'to-law-breakglass',
        type: 'microsoft.aadiam/diagnosticSettings',
        properties: {
          workspaceId,
          logs: [
            { category: 'SignInLogs', enabled: true, retentionPolicy: { enabled: false, days: 0 } },
            { category: 'AuditLogs', enabled: true, retentionPolicy: { enabled: false, days: 0 } },
          ],
          metrics: [],
        },
      },
    ],
    scheduledQueryRules: [
      {
        id: ruleId,
        name: 'bg-sign-in',
        type: 'microsoft.insights/scheduledqueryrules',
        location: 'westeurope',
        tags: {},
        properties: {
          displayName: 'Break-glass account signed in',
          severity: 0,
          enabled: true,
          evaluationFrequency: 'PT5M',
          scopes: [workspaceId],
          windowSize: 'PT5M',
          criteria: {
            allOf: [
              {
                query,
                timeAggregation: 'Count',
                dimensions: [],
                operator: 'GreaterThan',
                threshold: 0,
                failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 },
              },
            ],
          },
          actions: { actionGroups: [actionGroupId], customProperties: {} },
        },
      },
    ],
    actionGroups: [
      {
        id: actionGroupId,
        name: 'bg-oncall',
        type: 'Microsoft.Insights/ActionGroups',
        location: 'Global',
        tags: {},
        properties: {
          groupShortName: 'bg-oncall',
          enabled: true,
          emailReceivers: [
            { name: 'Security on call', emailAddress: 'oncall@drilltest.example', status: 'Enabled', useCommonAlertSchema: true },
          ],
          smsReceivers: [],
          webhookReceivers: [],
        },
      },
    ],
  };
});

const sim = await startTestSimulator(seed);

type ArmError = { error: { code: string; message: string } };
type ArmList<T> = { value: T[]; nextLink?: string };
type ArmResource = { id: string; name: string; type: string; properties: Record<string, unknown> };

async function token(appId: string, scope = armScope): Promise<string> {
  const result = await confidentialClient(sim, appId).acquireTokenByClientCredential({ scopes: [scope] });
  assert.ok(result?.accessToken);
  return result.accessToken;
}

async function arm(path: string, bearer?: string) {
  const response = await simRequest(sim, path, { headers: bearer ? { Authorization: `Bearer ${bearer}` } : {} });
  const text = response.body.toString('utf8');
  return { status: response.status, headers: response.headers, json: (text ? JSON.parse(text) : undefined) as unknown };
}

/** ARM's error body is exactly `{"error":{"code","message"}}`. */
function assertArmError(body: unknown, code: string): string {
  const { error } = body as ArmError;
  assert.deepEqual(Object.keys(body as object), ['error']);
  assert.equal(error.code, code);
  assert.equal(typeof error.message, 'string');
  assert.ok(error.message.length > 0);
  return error.message;
}

const readerToken = await token(ids.reader.appId);
const breakGlassToken = await token(ids.bgApp.appId);
const lobToken = await token(ids.lobApp.appId);

describe('reading the monitoring setup', () => {
  test('the tenant’s microsoft.aadiam diagnostic settings list the workspace and the SignInLogs category, for an app with Reader at /providers/Microsoft.aadiam', async () => {
    const response = await arm('/providers/microsoft.aadiam/diagnosticSettings?api-version=2017-04-01', readerToken);
    assert.equal(response.status, 200);
    const { value } = response.json as ArmList<ArmResource>;
    assert.equal(value.length, 1);
    assert.equal(value[0]!.name, 'to-law-breakglass');
    assert.equal(value[0]!.properties['workspaceId'], workspaceId);
    const logs = value[0]!.properties['logs'] as Array<{ category: string; enabled: boolean }>;
    assert.ok(logs.some((l) => l.category === 'SignInLogs' && l.enabled));
  });

  test('the spec example’s api-version 2017-04-01-preview and a single setting by name work too', async () => {
    const list = await arm('/providers/microsoft.aadiam/diagnosticSettings?api-version=2017-04-01-preview', readerToken);
    assert.equal(list.status, 200);
    const one = await arm('/providers/microsoft.aadiam/diagnosticSettings/to-law-breakglass?api-version=2017-04-01', readerToken);
    assert.equal(one.status, 200);
    assert.equal((one.json as ArmResource).properties['workspaceId'], workspaceId);
  });

  test('the subscription’s log-search alert rules, for a caller with Reader on the subscription', async () => {
    const response = await arm(`${subscription}/providers/Microsoft.Insights/scheduledQueryRules?api-version=2023-12-01`, readerToken);
    assert.equal(response.status, 200);
    const { value } = response.json as ArmList<ArmResource>;
    assert.deepEqual(
      value.map((r) => r.id),
      [ruleId],
    );
    const properties = value[0]!.properties as {
      enabled: boolean;
      scopes: string[];
      criteria: { allOf: Array<{ query: string }> };
      actions: { actionGroups: string[] };
    };
    assert.equal(properties.enabled, true);
    assert.deepEqual(properties.scopes, [workspaceId]);
    assert.equal(properties.criteria.allOf[0]!.query, query);
    assert.deepEqual(properties.actions.actionGroups, [actionGroupId]);
  });

  test('the rules of one resource group, and one rule by its id', async () => {
    const inGroup = await arm(`${resourceGroup}/providers/Microsoft.Insights/scheduledQueryRules?api-version=2023-12-01`, readerToken);
    assert.equal(inGroup.status, 200);
    assert.equal((inGroup.json as ArmList<ArmResource>).value.length, 1);
    const one = await arm(`${ruleId}?api-version=2023-12-01`, readerToken);
    assert.equal(one.status, 200);
    assert.equal((one.json as ArmResource).name, 'bg-sign-in');
  });

  test('the action group by the id the rule names (compared case-insensitively)', async () => {
    const response = await arm(`${actionGroupId.replace('actionGroups', 'actiongroups')}?api-version=2023-01-01`, readerToken);
    assert.equal(response.status, 200);
    const group = response.json as ArmResource & { properties: { enabled: boolean; emailReceivers: Array<{ status: string }> } };
    assert.equal(group.id, actionGroupId);
    assert.equal(group.properties.enabled, true);
    assert.equal(group.properties.emailReceivers[0]!.status, 'Enabled');
  });

  test('the subscriptions list shows the subscription the caller has a role on', async () => {
    const response = await arm('/subscriptions?api-version=2022-12-01', readerToken);
    assert.equal(response.status, 200);
    assert.deepEqual(
      (response.json as ArmList<{ subscriptionId: string }>).value.map((s) => s.subscriptionId),
      [subscriptionId],
    );
  });

  test('an unknown action group: 404 in ARM’s error shape', async () => {
    const response = await arm(`${resourceGroup}/providers/microsoft.insights/actionGroups/nobody?api-version=2023-01-01`, readerToken);
    assert.equal(response.status, 404);
    assertArmError(response.json, 'ResourceNotFound');
  });
});

describe('ARM refusals', () => {
  test('a caller without an Azure role on the subscription gets 403 AuthorizationFailed, naming itself, the action and the scope', async () => {
    // The break-glass app is Global Administrator in Entra, which gives no Azure RBAC role.
    const response = await arm(`${subscription}/providers/Microsoft.Insights/scheduledQueryRules?api-version=2023-12-01`, breakGlassToken);
    assert.equal(response.status, 403);
    const message = assertArmError(response.json, 'AuthorizationFailed');
    assert.match(message, new RegExp(ids.bgApp.sp));
    assert.match(message, /Microsoft\.Insights\/scheduledQueryRules\/read/);
    assert.match(message, new RegExp(subscription));
    const single = await arm(`${actionGroupId}?api-version=2023-01-01`, breakGlassToken);
    assert.equal(single.status, 403);
    assertArmError(single.json, 'AuthorizationFailed');
  });

  test('a service principal with Global Administrator but no Azure role at /providers/Microsoft.aadiam gets 403 AuthorizationFailed there', async () => {
    // Azure/azure-rest-api-specs#11085: an Entra role does not open the tenant's diagnostic settings to a service principal.
    const response = await arm('/providers/microsoft.aadiam/diagnosticSettings?api-version=2017-04-01', breakGlassToken);
    assert.equal(response.status, 403);
    const message = assertArmError(response.json, 'AuthorizationFailed');
    assert.equal(
      message,
      `The client '${ids.bgApp.sp}' with object id '${ids.bgApp.sp}' does not have authorization to perform action 'microsoft.aadiam/diagnosticSettings/read' over scope '/providers/microsoft.aadiam' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    );
    const one = await arm('/providers/microsoft.aadiam/diagnosticSettings/to-law-breakglass?api-version=2017-04-01', breakGlassToken);
    assert.equal(one.status, 403);
    assert.match(
      assertArmError(one.json, 'AuthorizationFailed'),
      /over scope '\/providers\/microsoft\.aadiam\/diagnosticSettings\/to-law-breakglass'/,
    );
  });

  test('Reader on the subscription does not reach /providers/Microsoft.aadiam: 403', async () => {
    const rules = await arm(`${subscription}/providers/Microsoft.Insights/scheduledQueryRules?api-version=2023-12-01`, lobToken);
    assert.equal(rules.status, 200, 'the same grant reads the subscription');
    const response = await arm('/providers/microsoft.aadiam/diagnosticSettings?api-version=2017-04-01', lobToken);
    assert.equal(response.status, 403);
    assertArmError(response.json, 'AuthorizationFailed');
  });

  test('Reader at /providers/Microsoft.aadiam reads the settings but may not change them: 403 for the write action', async () => {
    const response = await simRequest(sim, '/providers/microsoft.aadiam/diagnosticSettings/to-law-breakglass?api-version=2017-04-01', {
      method: 'PUT',
      headers: { Authorization: `Bearer ${readerToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ properties: { workspaceId, logs: [] } }),
    });
    assert.equal(response.status, 403);
    assert.match(
      assertArmError(JSON.parse(response.body.toString('utf8')), 'AuthorizationFailed'),
      /microsoft\.aadiam\/diagnosticSettings\/write/,
    );
  });

  test('a Graph token is refused by ARM: 401', async () => {
    const response = await arm(
      `${subscription}/providers/Microsoft.Insights/scheduledQueryRules?api-version=2023-12-01`,
      await token(ids.reader.appId, graphScope),
    );
    assert.equal(response.status, 401);
    assertArmError(response.json, 'InvalidAuthenticationToken');
  });

  test('no token: 401', async () => {
    const response = await arm('/providers/microsoft.aadiam/diagnosticSettings?api-version=2017-04-01');
    assert.equal(response.status, 401);
    assertArmError(response.json, 'AuthenticationFailed');
  });

  test('no api-version: 400 MissingApiVersionParameter', async () => {
    const response = await arm(`${subscription}/providers/Microsoft.Insights/scheduledQueryRules`, readerToken);
    assert.equal(response.status, 400);
    assertArmError(response.json, 'MissingApiVersionParameter');
  });

  test('a throttling fault on ARM answers 429 with Retry-After in ARM’s error shape', async () => {
    sim.setFaults({ rules: [{ surface: 'arm', times: 1, respond: { status: 429, retryAfter: 7 } }] });
    try {
      const throttled = await arm(`${ruleId}?api-version=2023-12-01`, readerToken);
      assert.equal(throttled.status, 429);
      assert.equal(throttled.headers['retry-after'], '7');
      assertArmError(throttled.json, 'TooManyRequests');
      const next = await arm(`${ruleId}?api-version=2023-12-01`, readerToken);
      assert.equal(next.status, 200);
    } finally {
      sim.setFaults({});
    }
  });
});

/**
 * The Azure Resource Manager reads of the monitoring checks, each as Microsoft documents it in
 * Azure/azure-rest-api-specs (examples/*.json): the simulator answers in that shape, the product's
 * collector reads Microsoft's answer, and @azure/arm-monitor's client and models read the
 * simulator's answer (Microsoft ships no JavaScript model of Microsoft.Aadiam, so the tenant's
 * diagnostic settings are checked against the example only).
 */
import assert from 'node:assert/strict';

import { listAll, monitorClient, unknownToModel } from './arm-model.ts';
import { conformanceCase } from './conformance.ts';
import { exampleItems, microsoftExample, type MicrosoftExample } from './examples.ts';
import { routeOf, type ReplayRoute } from './microsoft-replay.ts';
import { readValue, snapshotOfReplay } from './product-readers.ts';
import { readerAt, subscription } from './tenant.ts';

const subscriptionOf = (example: MicrosoftExample) => /\/subscriptions\/([^/]+)\//.exec(example.request.url)?.[1] ?? '';

/**
 * Microsoft's three monitoring answers together, each under the subscription the collector asks
 * for: the collector reads none of them without a subscription in the inventory.
 */
const monitoringSubscription = subscriptionOf(microsoftExample('arm-scheduledqueryrules-list-by-subscription'));
const monitoringRoutes = (): ReplayRoute[] => [
  routeOf(microsoftExample('arm-aadiam-diagnosticsettings-list')),
  routeOf(microsoftExample('arm-scheduledqueryrules-list-by-subscription')),
  routeOf(
    microsoftExample('arm-actiongroups-list-by-subscription'),
    `/subscriptions/${monitoringSubscription}/providers/Microsoft.Insights/actionGroups`,
  ),
];
const monitoringOfReplay = async (replay: Parameters<typeof snapshotOfReplay>[0]) =>
  (await snapshotOfReplay(replay, { monitoring: { subscriptionIds: [monitoringSubscription] } })).monitoring;

conformanceCase({
  example: 'arm-aadiam-diagnosticsettings-list',
  seed: (example) => ({
    'azure.diagnosticSettings': exampleItems(example),
    // A service principal reads them with an Azure role at this scope (Azure/azure-rest-api-specs issue 11085).
    'azure.roleAssignments': [readerAt('/providers/Microsoft.aadiam', '5b8a2c1e-7d3f-4e9a-8b6c-2f1e0d9c8b7a')],
  }),
  product: {
    reader: 'collectSnapshot (monitoring), then every check',
    routes: monitoringRoutes,
    read: async (replay) => {
      const settings = readValue((await monitoringOfReplay(replay)).diagnosticSettings, 'the diagnostic settings');
      assert.deepEqual(
        settings.map((s) => [s.name, s.properties.logs.map((l) => l.category)]),
        [['mysetting', ['SignInLogs']]],
      );
    },
  },
});

conformanceCase({
  example: 'arm-scheduledqueryrules-list-by-subscription',
  seed: (example) => ({
    'azure.subscriptions': [subscription(subscriptionOf(example))],
    'azure.roleAssignments': [readerAt(`/subscriptions/${subscriptionOf(example)}`, '0f3c9a55-8f0b-4d8e-9d1e-1f2a3b4c5d6e')],
    'azure.scheduledQueryRules': exampleItems(example),
    // The action group both rules notify, as Microsoft's action-group example shapes one.
    'azure.actionGroups': [
      {
        ...exampleItems(microsoftExample('arm-actiongroups-list-by-subscription'))[1],
        id: '/subscriptions/1cf177ed-1330-4692-80ea-fd3d7783b147/resourcegroups/sqrapi/providers/microsoft.insights/actiongroups/myactiongroup',
        name: 'myactiongroup',
      },
    ],
  }),
  model: {
    read: async (answer, tenant) => {
      const example = microsoftExample('arm-scheduledqueryrules-list-by-subscription');
      const rules = await listAll(
        monitorClient(tenant.sim, subscriptionOf(example), '2023-12-01').scheduledQueryRules.listBySubscription(),
      );
      assert.deepEqual(
        rules.map((r) => [r.name, r.enabled, r.scopes, typeof r.criteria?.allOf?.[0]?.query, r.actions?.actionGroups?.length]),
        [
          ['perf', true, ['/subscriptions/aaf177ed-1330-a9f2-80ea-fd3d7783b147'], 'string', 1],
          ['heartbeat', true, ['/subscriptions/aaf177ed-1330-a9f2-80ea-fd3d7783b147'], 'string', 1],
        ],
      );
      const unknown = unknownToModel((answer as { value: Record<string, unknown>[] }).value, rules, {
        ruleResolveConfiguration: "2023-12-01's name; @azure/arm-monitor 8.0.0 models 2025-01-01-preview, where it is resolveConfiguration",
      });
      assert.deepEqual(unknown, [], `@azure/arm-monitor's model does not know: ${unknown.join(', ')}`);
    },
  },
  product: {
    reader: 'collectSnapshot (monitoring), then every check',
    routes: monitoringRoutes,
    read: async (replay) => {
      const rules = readValue((await monitoringOfReplay(replay)).scheduledQueryRules, 'the alert rules');
      assert.deepEqual(
        rules.map((r) => r.name),
        ['perf', 'heartbeat'],
      );
    },
  },
});

conformanceCase({
  example: 'arm-actiongroups-list-by-subscription',
  seed: (example) => ({
    'azure.subscriptions': [subscription(subscriptionOf(example))],
    'azure.roleAssignments': [readerAt(`/subscriptions/${subscriptionOf(example)}`, '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d')],
    'azure.actionGroups': exampleItems(example),
  }),
  model: {
    read: async (answer, tenant) => {
      const example = microsoftExample('arm-actiongroups-list-by-subscription');
      const groups = await listAll(monitorClient(tenant.sim, subscriptionOf(example), '2023-01-01').actionGroups.listBySubscriptionId());
      assert.deepEqual(
        groups.map((g) => [
          g.name,
          g.enabled,
          g.emailReceivers?.map((r) => typeof r.emailAddress),
          g.smsReceivers?.length,
          g.webhookReceivers?.map((w) => typeof w.serviceUri),
        ]),
        [
          ['SampleActionGroup', true, ['string', 'string'], 2, ['string', 'string']],
          ['SampleActionGroup2', false, ['string'], 1, []],
        ],
      );
      const unknown = unknownToModel((answer as { value: Record<string, unknown>[] }).value, groups);
      assert.deepEqual(unknown, [], `@azure/arm-monitor's model does not know: ${unknown.join(', ')}`);
    },
  },
  product: {
    reader: 'collectSnapshot (monitoring), then every check',
    routes: monitoringRoutes,
    read: async (replay) => {
      const groups = readValue((await monitoringOfReplay(replay)).actionGroups, 'the action groups');
      assert.deepEqual(
        groups.map((g) => [g.name, g.properties.enabled]),
        [
          ['SampleActionGroup', true],
          ['SampleActionGroup2', false],
        ],
      );
    },
  },
});

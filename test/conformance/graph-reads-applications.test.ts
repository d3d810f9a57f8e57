/**
 * Microsoft Graph reads of applications and service principals the product makes – an
 * application by appId and its owners, a service principal's app role assignments and its
 * $select-ed properties – each as Microsoft documents it (examples/*.json):
 * the simulator answers in that shape, the product reads Microsoft's answer, and the Microsoft
 * Graph JavaScript SDK's models read the simulator's answer. The other reads are in the other
 * graph-reads*.test.ts files.
 */
import assert from 'node:assert/strict';

import {
  createApplicationFromDiscriminatorValue,
  createAppRoleAssignmentCollectionResponseFromDiscriminatorValue,
  createDirectoryObjectCollectionResponseFromDiscriminatorValue,
  createServicePrincipalFromDiscriminatorValue,
} from '@microsoft/msgraph-sdk/models/index.js';

import { ids, testSeedJson } from '../helpers/sim-seed.ts';
import { conformanceCase, graphModel } from './conformance.ts';
import { routeOf } from './microsoft-replay.ts';
import { exampleBody, exampleItems, microsoftExample, withoutAnnotations, type ExampleBody } from './examples.ts';
import { readValue, snapshotOfReplay } from './product-readers.ts';
import { graphPath } from './tenant.ts';

conformanceCase({
  example: 'application-get-by-appid',
  seed: (example) => ({ applications: [{ ...withoutAnnotations(exampleBody(example)), owners: [] }] }),
  model: graphModel(createApplicationFromDiscriminatorValue, { id: 'string', appId: 'string', displayName: 'string' }),
  product: {
    reader: 'collectSnapshot (the break-glass app), then every check',
    // Asked with the product's $select (keyCredentials, passwordCredentials), Graph answers those collections: Microsoft's whole application of example 1.
    routes: () => [routeOf(microsoftExample('application-get'), "/v1.0/applications(appId='46e6adf4-a9cf-4b60-9390-0ba6fb00bf6b')")],
    read: async (replay) => {
      const snapshot = await snapshotOfReplay(replay, { app: { appId: '46e6adf4-a9cf-4b60-9390-0ba6fb00bf6b' } });
      assert.equal(readValue(snapshot.app?.application, 'the application').id, '03ef14b0-ca33-4840-8f4f-d6e91916010e');
    },
  },
});

conformanceCase({
  example: 'serviceprincipal-list-approleassignments',
  seed: (example) => {
    const [grant] = exampleItems(example) as ExampleBody[];
    // The page's grant names another principal (8e881353-…) than the one asked (00063ffc-…): the grant is seeded on the one asked.
    return {
      servicePrincipals: [
        {
          id: '00063ffc-54e9-405d-b8f3-56124728e051',
          appId: '0a0b0c0d-0000-4000-8000-00000000e051',
          displayName: grant!['principalDisplayName'] as string,
        },
        {
          id: grant!['resourceId'] as string,
          appId: '0a0b0c0d-0000-4000-8000-00000000f44f',
          displayName: grant!['resourceDisplayName'] as string,
          appRoles: [{ id: grant!['appRoleId'], value: 'Example.Permission', allowedMemberTypes: ['Application'], isEnabled: true }],
        },
      ],
      appRoleAssignments: exampleItems(example).map((g) => ({ ...g, principalId: '00063ffc-54e9-405d-b8f3-56124728e051' })),
    };
  },
  model: graphModel(createAppRoleAssignmentCollectionResponseFromDiscriminatorValue, {
    'value[0].id': 'string',
    'value[0].appRoleId': 'string',
    'value[0].resourceId': 'string',
    'value[0].principalId': 'string',
  }),
  product: {
    reader: 'GraphConnection.list (the grants BG-APP-02 reads)',
    read: async (replay, example) => {
      const grants = await replay.graph.list<{ appRoleId: string; resourceId: string }>(graphPath(example.request.url));
      assert.deepEqual(
        grants.map((g) => [g.appRoleId, g.resourceId]),
        [['e2a3a72e-5f79-4c64-b1b1-878b674786c9', 'fea94d6d-b5bf-44d2-a887-4f72a8d74f44']],
      );
    },
  },
});

conformanceCase({
  example: 'serviceprincipal-get-select',
  // Microsoft's Graph service principal takes the place of the test tenant's (whose id the grants
  // name). The page marks its answer "truncated" ("The response object shown here might be
  // shortened for readability": one app role, one scope of Microsoft Graph's hundreds), so the
  // permissions the test tenant's grants and consents name stay published beside Microsoft's.
  seed: (example) => {
    const microsoftGraph = withoutAnnotations(exampleBody(example)) as ExampleBody & {
      appRoles: object[];
      oauth2PermissionScopes: object[];
    };
    const own = (testSeedJson()['servicePrincipals'] as Array<{ id: string; appRoles: object[]; oauth2PermissionScopes: object[] }>).find(
      (sp) => sp.id === ids.graphSp,
    )!;
    return {
      servicePrincipals: [
        {
          ...microsoftGraph,
          id: ids.graphSp,
          appRoles: [...microsoftGraph.appRoles, ...own.appRoles],
          oauth2PermissionScopes: [...microsoftGraph.oauth2PermissionScopes, ...own.oauth2PermissionScopes],
        },
      ],
    };
  },
  // Asked the way the product asks it: by appId.
  answer: async (tenant) => ({
    body: await tenant.graph.get(
      "/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')?$select=id,appId,displayName,appRoles,oauth2PermissionScopes",
    ),
  }),
  shape: { notCompared: { id: "the test tenant's id of the service principal" } },
  model: graphModel(createServicePrincipalFromDiscriminatorValue, {
    id: 'string',
    'appRoles[0].id': 'string',
    'appRoles[0].value': 'string',
  }),
  product: {
    reader: "collectSnapshot (Microsoft Graph's app roles, BG-APP-02), then every check",
    routes: (example) => [routeOf(example, "/v1.0/servicePrincipals(appId='00000003-0000-0000-c000-000000000000')")],
    read: async (replay) => {
      const roles = readValue((await snapshotOfReplay(replay)).graphAppRoles, "Microsoft Graph's app roles");
      assert.deepEqual(
        roles.roles.map((r) => r.value),
        ['EduAssignments.ReadBasic.All'],
      );
    },
  },
});

conformanceCase({
  example: 'application-list-owners',
  // Microsoft's example names no real owner ("id-value"): Microsoft's application of application-get.md, owned by the test tenant's administrator, is read.
  seed: () => ({ applications: [{ ...withoutAnnotations(exampleBody(microsoftExample('application-get'))), owners: [ids.admin] }] }),
  answer: async (tenant) => ({
    body: await tenant.graph.get('/applications/03ef14b0-ca33-4840-8f4f-d6e91916010e/owners?$select=id,displayName'),
  }),
  model: graphModel(createDirectoryObjectCollectionResponseFromDiscriminatorValue, { 'value[0].id': 'string' }),
  product: {
    reader: "collectSnapshot (the app's owners, BG-APP), then every check",
    routes: (example) => [
      routeOf(microsoftExample('application-get'), `/v1.0/applications(appId='${ids.bgApp.appId}')`),
      routeOf(example, '/v1.0/applications/03ef14b0-ca33-4840-8f4f-d6e91916010e/owners'),
    ],
    read: async (replay) => {
      const snapshot = await snapshotOfReplay(replay, { app: { appId: ids.bgApp.appId } });
      assert.deepEqual(
        readValue(snapshot.app?.owners, "the app's owners").map((o) => o.id),
        ['id-value'],
      );
    },
  },
});

/**
 * The rest of the Microsoft Graph reads of the readiness collector, each as Microsoft documents
 * it (examples/*.json): an account's sign-in activity, the tenant's certificate authorities, the
 * exclusion group's owners, the other applications' certificates and the sign-in client's
 * delegated grants (BG-CLI-01). The simulator answers in that shape, the collector and the check
 * catalogue read Microsoft's answer, and the Microsoft Graph JavaScript SDK's models read the
 * simulator's answer.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

import {
  createApplicationCollectionResponseFromDiscriminatorValue,
  createCertificateBasedAuthConfigurationCollectionResponseFromDiscriminatorValue,
  createDirectoryObjectCollectionResponseFromDiscriminatorValue,
  createAppRoleAssignmentCollectionResponseFromDiscriminatorValue,
  createOAuth2PermissionGrantCollectionResponseFromDiscriminatorValue,
  createUserCollectionResponseFromDiscriminatorValue,
} from '@microsoft/msgraph-sdk/models/index.js';

import { ids } from '../helpers/sim-seed.ts';
import { conformanceCase, graphModel } from './conformance.ts';
import { exampleBody, exampleItems, microsoftExample, withoutAnnotations, type ExampleBody } from './examples.ts';
import { routeOf } from './microsoft-replay.ts';
import { readValue, snapshotOfReplay } from './product-readers.ts';

/** Microsoft's domain of domain-list.md, as the test tenant takes a second domain (see graph-reads.test.ts). */
const contosoDomains = () =>
  exampleItems(microsoftExample('domain-list')).map((d) => ({
    ...d,
    isInitial: false,
    isDefault: false,
    isVerified: true,
    authenticationType: 'Managed',
  }));

conformanceCase({
  example: 'user-list-signinactivity',
  seed: (example) => ({ domains: contosoDomains(), users: exampleItems(example) }),
  // The product asks one user at a time (`/users/{id}?$select=id,signInActivity`): each of Microsoft's
  // users is asked so, with the example's other properties. `id` is selected: this example shows it
  // unselected, while user-get.md's example 3 and application-list.md's example 4 leave it out.
  answer: async (tenant, example) => ({
    body: {
      value: await Promise.all(
        exampleItems(example).map((u) =>
          tenant.graph.get(`/users/${u['id'] as string}?$select=id,displayName,userPrincipalName,signInActivity`),
        ),
      ),
    },
  }),
  model: graphModel(createUserCollectionResponseFromDiscriminatorValue, {
    'value[0].id': 'string',
    'value[0].signInActivity.lastSignInDateTime': 'Date',
  }),
  product: {
    reader: "collectSnapshot (the account's last sign-in), then every check",
    // The product asks one user (`/users/{id}?$select=id,signInActivity`): Microsoft's first user of the list answers it.
    routes: (example) => [{ method: 'GET', path: '/v1.0/users/{id}', status: 200, body: exampleItems(example)[0] }],
    read: async (replay) => {
      const [account] = (
        await snapshotOfReplay(replay, {
          accounts: [{ userPrincipalName: 'AdeleV@contoso.com', id: '1aecaf40-dc3a-461f-88a8-d06994e12898' }],
        })
      ).accounts;
      const activity = readValue(account?.signInActivity, 'the sign-in activity') as { lastSignInDateTime?: string } | null;
      assert.equal(activity?.lastSignInDateTime, '2021-06-17T16:41:33Z');
    },
  },
});

conformanceCase({
  example: 'certificatebasedauthconfiguration-list',
  seed: (example) => ({ certificateBasedAuthConfiguration: exampleItems(example) }),
  // The v1.0 page's request names beta; the product asks v1.0, of its own tenant.
  answer: async (tenant) => ({ body: await tenant.graph.get(`/organization/${ids.tenant}/certificateBasedAuthConfiguration`) }),
  model: graphModel(createCertificateBasedAuthConfigurationCollectionResponseFromDiscriminatorValue, {
    'value[0].id': 'string',
    'value[0].certificateAuthorities[0].isRootAuthority': 'boolean',
    'value[0].certificateAuthorities[0].issuer': 'string',
  }),
  product: {
    reader: 'collectSnapshot (the certificate authorities), then every check',
    routes: (example) => [routeOf(example, '/v1.0/organization/{id}/certificateBasedAuthConfiguration')],
    read: async (replay) => {
      const authorities = readValue((await snapshotOfReplay(replay)).certificateAuthorities, 'the certificate authorities');
      assert.deepEqual(
        authorities.map((a) => (a as { issuer?: string }).issuer),
        ['issuer-value'],
      );
    },
  },
});

/** Microsoft's group of group-get.md, as the page gives it. */
const hrTaskforce = (owners: string[]) => ({
  ...withoutAnnotations(exampleBody(microsoftExample('group-get'))),
  members: [],
  owners,
});
const hrTaskforceId = '02bd9fd6-8f93-4758-87c3-1fb73740a315';

conformanceCase({
  example: 'group-list-owners',
  // Microsoft's request names no group ("{id}"): its owners own Microsoft's group of group-get.md.
  seed: (example) => ({
    domains: contosoDomains(),
    users: exampleItems(example),
    groups: [hrTaskforce(exampleItems(example).map((o) => o['id'] as string))],
  }),
  answer: async (tenant) => ({ body: await tenant.graph.get(`/groups/${hrTaskforceId}/owners`) }),
  model: graphModel(createDirectoryObjectCollectionResponseFromDiscriminatorValue, {
    'value[0].id': 'string',
    'value[0].odataType': 'string',
  }),
  product: {
    reader: "collectSnapshot (the exclusion group's owners, BG-CA-02), then every check",
    routes: (example) => [
      routeOf(microsoftExample('group-get'), '/v1.0/groups/{id}'),
      routeOf(microsoftExample('group-list-members'), '/v1.0/groups/{id}/members'),
      routeOf(example),
    ],
    read: async (replay) => {
      const group = readValue((await snapshotOfReplay(replay, { exclusionGroupId: hrTaskforceId })).exclusionGroup, 'the exclusion group');
      assert.deepEqual(
        group.owners.map((o) => o.id),
        ['4562bcc8-c436-4f95-b7c0-4f8ce89dca5e', 'f0206b06-7c5d-461c-ae24-08f68b7ef463', '5c70937c-d9ea-4a47-8852-ab77630f803d'],
      );
    },
  },
});

/** The object id the test gives Microsoft's application of application-list.md, which shows none. */
const myAppId = 'a0a0a0a0-0000-4000-8000-00000000a11a';

conformanceCase({
  example: 'application-list',
  seed: (example) => ({
    applications: exampleItems(example).map((a) => ({ id: myAppId, ...a, keyCredentials: [], passwordCredentials: [], owners: [] })),
  }),
  // Asked as the product asks it.
  answer: async (tenant) => ({ body: await tenant.graph.get('/applications?$select=id,appId,displayName,keyCredentials') }),
  shape: {
    notCompared: {
      'value[].identifierUris': "not in the product's $select",
      'value[].publisherDomain': "not in the product's $select",
      'value[].signInAudience': "not in the product's $select",
    },
  },
  model: graphModel(createApplicationCollectionResponseFromDiscriminatorValue, {
    'value[0].id': 'string',
    'value[0].appId': 'string',
    'value[0].keyCredentials': 'array',
  }),
  product: {
    reader: "collectSnapshot (the other applications' certificates), then every check",
    routes: (example) => [routeOf(microsoftExample('application-get'), `/v1.0/applications(appId='${ids.bgApp.appId}')`), routeOf(example)],
    read: async (replay) => {
      const snapshot = await snapshotOfReplay(replay, { app: { appId: ids.bgApp.appId } });
      const others = readValue(snapshot.app?.otherApplications, 'the other applications');
      assert.deepEqual(
        others.map((a) => a.displayName),
        ['My app'],
      );
    },
  },
});

/** The client both grants of oauth2permissiongrant-list.md name (a service principal's object id). */
const grantClient = '263a5b01-03e5-408e-8557-bab681df104c';
/** An appId for that client, which the page does not show. */
const grantClientAppId = '0b0b0b0b-0000-4000-8000-00000000c11e';

conformanceCase({
  example: 'oauth2permissiongrant-list',
  seed: (example) => {
    const grants = exampleItems(example);
    // The resources the grants name, publishing the delegated permissions the grants hold.
    const resources = [...new Set(grants.map((g) => g['resourceId'] as string))].map((id) => ({
      id,
      appId: randomUUID(),
      displayName: `Resource ${id.slice(0, 8)}`,
      oauth2PermissionScopes: grants
        .filter((g) => g['resourceId'] === id)
        .flatMap((g) => (g['scope'] as string).split(' '))
        .filter((value) => !['openid', 'profile'].includes(value))
        .map((value) => ({ id: randomUUID(), value, isEnabled: true, type: 'Admin' })),
    }));
    return {
      servicePrincipals: [{ id: grantClient, appId: grantClientAppId, displayName: 'Client of the example' }, ...resources],
      oauth2PermissionGrants: grants,
    };
  },
  answer: async (tenant) => ({ body: await tenant.graph.get(`/oauth2PermissionGrants?$filter=clientId eq '${grantClient}'`) }),
  model: graphModel(createOAuth2PermissionGrantCollectionResponseFromDiscriminatorValue, {
    'value[0].clientId': 'string',
    'value[0].consentType': 'string',
    'value[0].resourceId': 'string',
    'value[0].scope': 'string',
  }),
  product: {
    reader: "collectSnapshot (the sign-in client's delegated grants, BG-CLI-01), then every check",
    routes: (example) => [
      // The sign-in client's service principal: the one the example's grants name (not Microsoft's example of serviceprincipal-get).
      {
        method: 'GET',
        path: `/v1.0/servicePrincipals(appId='${grantClientAppId}')`,
        status: 200,
        body: {
          id: grantClient,
          appId: grantClientAppId,
          displayName: 'Client of the example',
          accountEnabled: true,
          appRoleAssignmentRequired: false,
        },
      },
      routeOf(example),
    ],
    read: async (replay) => {
      const client = (await snapshotOfReplay(replay, { publicClientId: grantClientAppId })).signInClient;
      const grants = readValue(client?.delegatedGrants, "the sign-in client's delegated grants") as readonly ExampleBody[];
      assert.deepEqual(
        grants.map((g) => g['resourceId']),
        ['1804a6f8-e623-4520-8f40-ba1b0c11c42d', '943603e4-e787-4fe9-93d1-e30f749aae39'],
      );
    },
  },
});

/** The client service principal appRoleAssignedTo.md answers for, and an appId for it (the page shows none). */
const assignedClient = '8e881353-1735-45af-af21-ee1344582a4d';
const assignedClientAppId = '0b0b0b0b-0000-4000-8000-00000000a551';

conformanceCase({
  example: 'serviceprincipal-list-approleassignedto',
  seed: (example) => {
    const [assignment] = exampleItems(example);
    return {
      domains: contosoDomains(),
      users: [{ id: assignment!['principalId'], displayName: assignment!['principalDisplayName'], userPrincipalName: 'admin@contoso.com' }],
      servicePrincipals: [{ id: assignedClient, appId: assignedClientAppId, displayName: assignment!['resourceDisplayName'] }],
      appRoleAssignments: exampleItems(example),
    };
  },
  answer: async (tenant) => ({ body: await tenant.graph.get(`/servicePrincipals/${assignedClient}/appRoleAssignedTo`) }),
  model: graphModel(createAppRoleAssignmentCollectionResponseFromDiscriminatorValue, {
    'value[0].principalId': 'string',
    'value[0].principalType': 'string',
    'value[0].appRoleId': 'string',
  }),
  product: {
    reader: 'collectSnapshot (who is assigned to the sign-in client, BG-CLI-01), then every check',
    routes: (example) => [
      // The sign-in client's service principal: the one the example answers for (not Microsoft's example of serviceprincipal-get).
      {
        method: 'GET',
        path: `/v1.0/servicePrincipals(appId='${assignedClientAppId}')`,
        status: 200,
        body: {
          id: assignedClient,
          appId: assignedClientAppId,
          displayName: 'dxprovisioning-graphapi-client',
          accountEnabled: true,
          appRoleAssignmentRequired: true,
        },
      },
      routeOf(example, '/v1.0/servicePrincipals/{id}/appRoleAssignedTo'),
    ],
    read: async (replay) => {
      const client = (await snapshotOfReplay(replay, { publicClientId: assignedClientAppId })).signInClient;
      const assigned = readValue(client?.assignedTo, 'who is assigned to the sign-in client');
      assert.deepEqual(
        assigned.map((a) => [a.principalId, a.appRoleId]),
        [['cdb555e3-b33e-4fd5-a427-17fadacbdfa7', '00000000-0000-0000-0000-000000000000']],
      );
    },
  },
});

/**
 * Microsoft Graph reads the product makes, each as Microsoft documents it (examples/*.json):
 * the simulator answers in that shape, the product reads Microsoft's answer, and the Microsoft
 * Graph JavaScript SDK's models read the simulator's answer.
 */
import assert from 'node:assert/strict';

import {
  createApplicationFromDiscriminatorValue,
  createAppRoleAssignmentCollectionResponseFromDiscriminatorValue,
  createAuthenticationMethodCollectionResponseFromDiscriminatorValue,
  createAuthenticationMethodsPolicyFromDiscriminatorValue,
  createConditionalAccessPolicyCollectionResponseFromDiscriminatorValue,
  createConditionalAccessPolicyFromDiscriminatorValue,
  createDirectoryObjectCollectionResponseFromDiscriminatorValue,
  createDomainCollectionResponseFromDiscriminatorValue,
  createGroupFromDiscriminatorValue,
  createServicePrincipalFromDiscriminatorValue,
  createUnifiedRoleAssignmentScheduleCollectionResponseFromDiscriminatorValue,
  createUnifiedRoleEligibilityScheduleCollectionResponseFromDiscriminatorValue,
  createUnifiedRoleManagementPolicyAssignmentCollectionResponseFromDiscriminatorValue,
  createUserFromDiscriminatorValue,
} from '@microsoft/msgraph-sdk/models/index.js';

import { planAddExclusion, planReportOnly, type PolicyFacts } from '../../src/core/runbooks/recovery-actions.ts';
import { registeredMethods } from '../../src/main/entra/account-rotation.ts';
import { ids, testSeedJson } from '../helpers/sim-seed.ts';
import { conformanceCase, graphModel } from './conformance.ts';
import { routeOf } from './microsoft-replay.ts';
import { exampleBody, exampleItems, microsoftExample, withoutAnnotations, type ExampleBody } from './examples.ts';
import { readValue, snapshotOfReplay } from './product-readers.ts';
import { graphPath } from './tenant.ts';

/** Microsoft's domain of domain-list.md: the domain of the example users' names. */
const contosoDomains = () => exampleItems(microsoftExample('domain-list'));

conformanceCase({
  example: 'conditionalaccess-list-policies',
  seed: (example) => ({ conditionalAccessPolicies: exampleItems(example) }),
  model: graphModel(createConditionalAccessPolicyCollectionResponseFromDiscriminatorValue, {
    'value[0].id': 'string',
    'value[0].displayName': 'string',
    'value[0].state': 'string',
    'value[0].conditions.users.includeUsers': 'array',
    'value[0].conditions.users.excludeUsers': 'array',
    'value[0].conditions.users.excludeGroups': 'array',
    'value[0].grantControls.builtInControls': 'array',
  }),
  product: {
    reader: 'collectSnapshot, then every check',
    read: async (replay, example) => {
      const policies = readValue((await snapshotOfReplay(replay)).conditionalAccessPolicies, 'the Conditional Access policies');
      assert.deepEqual(
        policies.map((p) => p.id),
        exampleItems(example).map((p) => p['id']),
      );
    },
  },
});

conformanceCase({
  example: 'conditionalaccess-get-policy',
  seed: (example) => ({
    conditionalAccessPolicies: [withoutAnnotations(exampleBody(example))],
    // The users the example policy names, which the test tenant does not have.
    'simulator.deletedObjects': ['a702a13d-a437-4a07-8a7e-8c052de62dfd', '124c5b6a-ffa5-483a-9b88-04c3fce5574a'].map((id) => ({
      id,
      kind: 'user',
      displayName: 'User named by the example',
    })),
  }),
  model: graphModel(createConditionalAccessPolicyFromDiscriminatorValue, {
    id: 'string',
    displayName: 'string',
    state: 'string',
    'conditions.users.excludeUsers': 'array',
    'conditions.users.excludeGroups': 'array',
  }),
  product: {
    reader: 'the recovery plans (report-only, add the exclusion back)',
    read: async (replay, example) => {
      const policy = await replay.graph.get<PolicyFacts>(graphPath(example.request.url));
      assert.equal(planReportOnly(policy).apply.method, 'PATCH');
      const plan = planAddExclusion(policy, { userIds: [ids.bg1] });
      // PATCH replaces the collection: Microsoft's own entries (a sentinel among them) stay.
      assert.deepEqual(plan.apply.body, {
        conditions: {
          users: { excludeGroups: [], excludeUsers: ['124c5b6a-ffa5-483a-9b88-04c3fce5574a', 'GuestsOrExternalUsers', ids.bg1] },
        },
      });
    },
  },
});

conformanceCase({
  example: 'domain-list',
  seed: (example) => ({ domains: exampleItems(example) }),
  model: graphModel(createDomainCollectionResponseFromDiscriminatorValue, {
    'value[0].id': 'string',
    'value[0].isDefault': 'boolean',
    'value[0].isInitial': 'boolean',
  }),
  product: {
    reader: 'collectSnapshot, then every check',
    read: async (replay) => {
      const domains = readValue((await snapshotOfReplay(replay)).domains, 'the domains');
      assert.deepEqual(
        domains.map((d) => (d as { id: string }).id),
        ['contoso.com'],
      );
    },
  },
});

/** Microsoft's user of user-get.md example 1, who holds the methods and memberships of the other examples. */
const adele = '87d349ed-44d7-43e1-9a83-5f2406dee5bd';
/** The user whose memberships user-list-transitivememberof.md lists. */
const member = '6e7b768e-07e2-4810-8459-485f84f8f204';

conformanceCase({
  example: 'user-get',
  seed: (example) => ({ domains: contosoDomains(), users: [withoutAnnotations(exampleBody(example))] }),
  model: graphModel(createUserFromDiscriminatorValue, { id: 'string', displayName: 'string', userPrincipalName: 'string' }),
  product: {
    reader: 'collectSnapshot (the break-glass account), then every check',
    read: async (replay) => {
      const [account] = (await snapshotOfReplay(replay, { accounts: [{ userPrincipalName: 'AdeleV@contoso.com', id: adele }] })).accounts;
      assert.equal(readValue(account?.user, 'the account').userPrincipalName, 'AdeleV@contoso.com');
    },
  },
});

conformanceCase({
  example: 'authentication-list-methods',
  seed: (example) => {
    // The page's fido2 example spells the property "creationDateTime"; Microsoft's
    // fido2AuthenticationMethod resource (and its SDK model) call it createdDateTime.
    const methods = exampleItems(example).map(({ creationDateTime, ...method }) => ({
      ...method,
      ...(creationDateTime ? { createdDateTime: creationDateTime } : {}),
    }));
    return {
      domains: contosoDomains(),
      users: [{ ...withoutAnnotations(exampleBody(microsoftExample('user-get'))), authenticationMethods: methods }],
    };
  },
  // /me needs a signed-in user: the app reads the same list at /users/{id}, as the product does.
  answer: async (tenant) => ({ body: await tenant.graph.get(`/users/${adele}/authentication/methods`) }),
  shape: { notCompared: { 'value[].creationDateTime': "a typo on Microsoft's page: the resource defines createdDateTime" } },
  model: graphModel(createAuthenticationMethodCollectionResponseFromDiscriminatorValue, {
    'value[0].id': 'string',
    'value[0].odataType': 'string',
    'value[0].displayName': 'string',
  }),
  product: {
    reader: 'registeredMethods (account rotation)',
    routes: (example) => [{ method: 'GET', path: '/v1.0/users/{id}/authentication/methods', status: 200, body: example.response.body }],
    read: async (replay) => {
      const methods = await registeredMethods(replay.graph, adele);
      assert.deepEqual(
        methods.map((m) => [m.kind, m.displayName]),
        [
          ['fido2', 'Red key'],
          ['windowsHelloForBusiness', "Jordan's Surface Book"],
        ],
      );
    },
  },
});

conformanceCase({
  example: 'user-list-transitivememberof',
  seed: (example) => ({
    domains: contosoDomains(),
    users: [{ ...withoutAnnotations(exampleBody(microsoftExample('user-get'))), id: member }],
    // Microsoft's example group carries no id; the simulator needs one to hold the membership.
    groups: exampleItems(example).map((group, n) => ({
      id: `0c1d2e3f-4a5b-4c6d-8e7f-00000000000${n}`,
      ...group,
      members: [member],
      owners: [],
    })),
  }),
  model: graphModel(createDirectoryObjectCollectionResponseFromDiscriminatorValue, {
    'value[0].id': 'string',
    'value[0].odataType': 'string',
  }),
  product: {
    reader: 'collectSnapshot (memberships of the account), then every check',
    read: async (replay) => {
      const [account] = (await snapshotOfReplay(replay, { accounts: [{ userPrincipalName: 'AdeleV@contoso.com', id: member }] })).accounts;
      const groups = readValue(account?.transitiveMemberOf, 'the memberships');
      assert.deepEqual(
        groups.map((g) => g['@odata.type']),
        ['#microsoft.graph.group'],
      );
    },
  },
});

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
  example: 'directoryobject-getbyids',
  // Microsoft's example lists the same user id twice (for two names): one user can be seeded.
  seed: (example) => ({ domains: contosoDomains(), users: [{ ...exampleItems(example)[0], userPrincipalName: 'trevor@contoso.com' }] }),
  // Microsoft's request names the ids without their dashes in the right places ("84b80893874940a3-…"); the ids of its answer are sent.
  answer: (tenant) =>
    tenant.graph.write('POST', '/directoryObjects/getByIds', { ids: ['84b80893-8749-40a3-97b7-68513b600544'], types: ['user'] }),
  model: graphModel(createDirectoryObjectCollectionResponseFromDiscriminatorValue, {
    'value[0].id': 'string',
    'value[0].odataType': 'string',
  }),
  product: {
    reader: 'collectSnapshot (which excluded ids still exist), then every check',
    // The collector asks getByIds only for ids a policy excludes: Microsoft's policy of conditionalaccesspolicy-get.md, listed.
    routes: () => [
      {
        method: 'GET',
        path: '/v1.0/identity/conditionalAccess/policies',
        status: 200,
        body: { value: [withoutAnnotations(exampleBody(microsoftExample('conditionalaccess-get-policy')))] },
      },
    ],
    read: async (replay) => {
      const found = readValue((await snapshotOfReplay(replay)).resolvedExclusionIds, 'which excluded ids exist');
      assert.deepEqual([...found], ['84b80893-8749-40a3-97b7-68513b600544']);
    },
  },
});

conformanceCase({
  example: 'rbac-list-roleassignmentschedules',
  seed: (example) => ({
    domains: contosoDomains(),
    // The principals of Microsoft's two schedules, as users of the tenant.
    users: exampleItems(example).map((schedule, n) => ({
      ...withoutAnnotations(exampleBody(microsoftExample('user-get'))),
      id: schedule['principalId'],
      userPrincipalName: `principal${n}@contoso.com`,
    })),
    roleAssignmentSchedules: exampleItems(example),
  }),
  model: graphModel(createUnifiedRoleAssignmentScheduleCollectionResponseFromDiscriminatorValue, {
    'value[0].principalId': 'string',
    'value[0].roleDefinitionId': 'string',
    'value[0].scheduleInfo.expiration.type': 'string',
  }),
  product: {
    reader: 'collectSnapshot (PIM), then every check',
    read: async (replay) => {
      const schedules = readValue((await snapshotOfReplay(replay)).roleAssignmentSchedules, 'the role assignment schedules');
      assert.deepEqual(
        schedules.map((s) => s.roleDefinitionId),
        ['fdd7a751-b60b-444a-984c-02652fe8fa1c', '62e90394-69f5-4237-9190-012177145e10'],
      );
    },
  },
});

conformanceCase({
  example: 'policyroot-list-rolemanagementpolicyassignments',
  seed: (example) => ({
    roleManagementPolicyAssignments: exampleItems(example),
    // The policies the assignments name, in the shape of the page's example 2 policy (without its rules).
    roleManagementPolicies: exampleItems(example).map((a) => ({
      id: a['policyId'],
      displayName: 'Directory',
      description: 'Directory',
      isOrganizationDefault: false,
      scopeId: '/',
      scopeType: 'Directory',
      lastModifiedDateTime: null,
      lastModifiedBy: { displayName: null, id: null },
      rules: [],
    })),
  }),
  model: graphModel(createUnifiedRoleManagementPolicyAssignmentCollectionResponseFromDiscriminatorValue, {
    'value[0].policyId': 'string',
    'value[0].roleDefinitionId': 'string',
  }),
  product: {
    reader: 'collectSnapshot (PIM policies), then every check',
    read: async (replay) => {
      const assignments = readValue(
        (await snapshotOfReplay(replay)).roleManagementPolicyAssignments,
        'the role management policy assignments',
      );
      assert.deepEqual(
        assignments.map((a) => a.roleDefinitionId),
        ['62e90394-69f5-4237-9190-012177145e10', '2af84b1e-32c8-42b7-82bc-daa82404023b'],
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
  example: 'group-get',
  seed: (example) => ({ groups: [{ ...withoutAnnotations(exampleBody(example)), members: [], owners: [] }] }),
  model: graphModel(createGroupFromDiscriminatorValue, {
    id: 'string',
    displayName: 'string',
    securityEnabled: 'boolean',
    mailEnabled: 'boolean',
    groupTypes: 'array',
  }),
  product: {
    reader: "the recovery service's name of the exclusion group",
    read: async (replay, example) => {
      const group = await replay.graph.get<{ displayName?: string }>(`${graphPath(example.request.url)}?$select=id,displayName`);
      assert.equal(group.displayName, 'HR Taskforce');
    },
  },
});

conformanceCase({
  example: 'group-list-members',
  // Microsoft's example names neither the group ("{id}") nor a real member ("id-value"): the test tenant's exclusion group and its nested group are read.
  answer: async (tenant) => ({ body: await tenant.graph.get(`/groups/${ids.exclusionGroup}/members?$select=id,displayName`) }),
  model: graphModel(createDirectoryObjectCollectionResponseFromDiscriminatorValue, { 'value[0].id': 'string' }),
  product: {
    reader: 'GraphConnection.list (the members BG-CA-02 reads)',
    read: async (replay) => {
      const members = await replay.graph.list<{ id: string }>(`/groups/${ids.exclusionGroup}/members?$select=id,displayName`);
      assert.deepEqual(
        members.map((m) => m.id),
        ['id-value'],
      );
    },
  },
});

conformanceCase({
  example: 'rbac-list-roleeligibilityschedules',
  seed: (example) => ({
    domains: contosoDomains(),
    users: exampleItems(example).map((schedule) => ({
      ...withoutAnnotations(exampleBody(microsoftExample('user-get'))),
      id: schedule['principalId'],
    })),
    roleEligibilitySchedules: exampleItems(example),
  }),
  model: graphModel(createUnifiedRoleEligibilityScheduleCollectionResponseFromDiscriminatorValue, {
    'value[0].principalId': 'string',
    'value[0].roleDefinitionId': 'string',
    'value[0].scheduleInfo.expiration.type': 'string',
    'value[0].scheduleInfo.expiration.endDateTime': 'Date',
  }),
  product: {
    reader: 'collectSnapshot (PIM), then every check',
    read: async (replay) => {
      const schedules = readValue((await snapshotOfReplay(replay)).roleEligibilitySchedules, 'the role eligibility schedules');
      assert.deepEqual(
        schedules.map((s) => s.scheduleInfo?.expiration?.type),
        ['afterDateTime'],
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

/** Shown on the v1.0 page's Microsoft Authenticator target, unknown to Microsoft's v1.0 model of it. */
const authenticatorBetaProperties = ['outlookMobileAllowedState', 'displayAppInformationRequiredState', 'numberMatchingRequiredState'];

conformanceCase({
  example: 'authenticationmethodspolicy-get',
  // The seed holds the policy (its own properties) and its method configurations apart; the simulator serves them together.
  seed: (example) => {
    const { authenticationMethodConfigurations, ...policy } = withoutAnnotations(exampleBody(example)) as ExampleBody & {
      authenticationMethodConfigurations: object[];
    };
    return { authenticationMethodsPolicy: policy, authenticationMethodConfigurations };
  },
  shape: {
    notCompared: Object.fromEntries(
      authenticatorBetaProperties.map((name) => [
        `authenticationMethodConfigurations[].includeTargets[].${name}`,
        "on the page's v1.0 example, but Microsoft's v1.0 model (@microsoft/msgraph-sdk) does not define it",
      ]),
    ),
  },
  model: graphModel(createAuthenticationMethodsPolicyFromDiscriminatorValue, {
    'authenticationMethodConfigurations[0].odataType': 'string',
    'authenticationMethodConfigurations[0].id': 'string',
    'authenticationMethodConfigurations[0].state': 'string',
  }),
  product: {
    reader: 'collectSnapshot (the FIDO2 and other method configurations), then every check',
    read: async (replay) => {
      const configurations = readValue((await snapshotOfReplay(replay)).authenticationMethodConfigurations, 'the method configurations');
      assert.deepEqual(
        configurations.map((c) => [c.id, c.state]),
        [
          ['Fido2', 'disabled'],
          ['MicrosoftAuthenticator', 'disabled'],
          ['Sms', 'enabled'],
          ['TemporaryAccessPass', 'disabled'],
          ['Email', 'enabled'],
        ],
      );
    },
  },
});

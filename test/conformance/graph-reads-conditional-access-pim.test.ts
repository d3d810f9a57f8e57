/**
 * Microsoft Graph reads of Conditional Access and PIM the product makes – the policies, the
 * role assignment and eligibility schedules and the role-management policies – each as Microsoft
 * documents it (examples/*.json):
 * the simulator answers in that shape, the product reads Microsoft's answer, and the Microsoft
 * Graph JavaScript SDK's models read the simulator's answer. The other reads are in the other
 * graph-reads*.test.ts files.
 */
import assert from 'node:assert/strict';

import {
  createConditionalAccessPolicyCollectionResponseFromDiscriminatorValue,
  createConditionalAccessPolicyFromDiscriminatorValue,
  createUnifiedRoleAssignmentScheduleCollectionResponseFromDiscriminatorValue,
  createUnifiedRoleEligibilityScheduleCollectionResponseFromDiscriminatorValue,
  createUnifiedRoleManagementPolicyAssignmentCollectionResponseFromDiscriminatorValue,
} from '@microsoft/msgraph-sdk/models/index.js';

import { planAddExclusion, planReportOnly, type PolicyFacts } from '../../src/core/runbooks/recovery-actions.ts';
import { ids } from '../helpers/sim-seed.ts';
import { conformanceCase, graphModel } from './conformance.ts';
import { contosoDomains, exampleBody, exampleItems, microsoftExample, withoutAnnotations } from './examples.ts';
import { readValue, snapshotOfReplay } from './product-readers.ts';
import { graphPath } from './tenant.ts';

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

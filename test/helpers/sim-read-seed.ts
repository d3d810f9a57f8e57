/**
 * The tenant the simulated-Graph read tests read (docs/microsoft-behaviour.md): the test seed
 * plus sync state, sign-in activity, an eligible role, a PIM policy for Global Administrator and
 * a deleted group.
 */
import { globalAdministrator, ids, testSeed } from './sim-seed.ts';

export const privilegedRoleAdministrator = 'e8611ab8-c189-46e8-94e1-60213ab1f814';
export const rolePolicyId = `DirectoryRole_${ids.tenant}_a9f0b3c8-7f7e-4bd4-9e59-3b6cfe6a3b1c`;

const ruleTarget = (caller: 'Admin' | 'EndUser', level: 'Eligibility' | 'Assignment') => ({
  caller,
  operations: ['all'],
  level,
  inheritableSettings: [],
  enforcedSettings: [],
});

/** The test tenant plus what the reads need: sync state, sign-in activity, an eligible role, a PIM policy for Global Administrator. */
export const deletedGroup = {
  id: '9d000000-0000-4000-8000-000000000001',
  kind: 'group',
  displayName: 'Old travel exclusions',
  deletedDateTime: '2026-03-01T09:00:00Z',
};
export const unknownId = '9e000000-0000-4000-8000-000000000001';

export const readSeed = testSeed((json) => {
  (json['simulator'] as { deletedObjects?: unknown[] }).deletedObjects = [deletedGroup];
  const users = json['users'] as Record<string, unknown>[];
  Object.assign(users[0]!, {
    onPremisesSyncEnabled: null,
    signInActivity: {
      lastSignInDateTime: '2026-02-01T08:00:00Z',
      lastSignInRequestId: 'b1b1b1b1-0000-4000-8000-000000000001',
      lastNonInteractiveSignInDateTime: null,
      lastNonInteractiveSignInRequestId: null,
    },
  });
  Object.assign(users[2]!, { onPremisesSyncEnabled: true });
  json['roleEligibilitySchedules'] = [
    {
      id: 'eligibility-1',
      principalId: ids.admin,
      roleDefinitionId: privilegedRoleAdministrator,
      directoryScopeId: '/',
      status: 'Provisioned',
      memberType: 'Direct',
      scheduleInfo: { startDateTime: '2026-01-01T00:00:00Z', expiration: { type: 'afterDateTime', endDateTime: '2030-01-01T00:00:00Z' } },
    },
  ];
  json['roleManagementPolicies'] = [
    {
      id: rolePolicyId,
      displayName: 'DirectoryRole',
      description: 'DirectoryRole',
      isOrganizationDefault: false,
      scopeId: '/',
      scopeType: 'DirectoryRole',
      lastModifiedDateTime: null,
      lastModifiedBy: null,
      rules: [
        {
          '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyExpirationRule',
          id: 'Expiration_Admin_Assignment',
          target: ruleTarget('Admin', 'Assignment'),
          isExpirationRequired: false,
          maximumDuration: 'P180D',
        },
        {
          '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyEnablementRule',
          id: 'Enablement_EndUser_Assignment',
          target: ruleTarget('EndUser', 'Assignment'),
          enabledRules: ['MultiFactorAuthentication', 'Justification'],
        },
        {
          '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyApprovalRule',
          id: 'Approval_EndUser_Assignment',
          target: ruleTarget('EndUser', 'Assignment'),
          setting: {
            isApprovalRequired: false,
            isApprovalRequiredForExtension: false,
            isRequestorJustificationRequired: true,
            approvalMode: 'NoApproval',
            approvalStages: [],
          },
        },
      ],
    },
  ];
  json['roleManagementPolicyAssignments'] = [
    {
      id: `${rolePolicyId}_${globalAdministrator}`,
      policyId: rolePolicyId,
      scopeId: '/',
      scopeType: 'DirectoryRole',
      roleDefinitionId: globalAdministrator,
    },
  ];
});

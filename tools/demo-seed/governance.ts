/**
 * Roles and methods policy of the demo tenant: permanent active Global Administrator for the
 * two break-glass accounts and the break-glass app, PIM-eligible roles for the human admins,
 * PIM settings for Global Administrator and Privileged Role Administrator, and the
 * authentication-methods policy (FIDO2 for everyone).
 */
import { roleAssignmentId } from './encoded-ids.ts';
import { apps, customDomain, groupIds, roleManagementPolicyIds, roles, tenantId, userIds } from './ids.ts';
import type {
  AuthenticationMethodConfigurationInput,
  RoleAssignmentScheduleInput,
  RoleEligibilityScheduleInput,
  RoleManagementPolicyAssignmentInput,
  RoleManagementPolicyInput,
  RoleManagementPolicyRuleInput,
} from './shapes.ts';

type Expiration = RoleAssignmentScheduleInput['scheduleInfo']['expiration'];
const permanent: Expiration = { type: 'noExpiration', endDateTime: null, duration: null };
const until = (endDateTime: string): Expiration => ({ type: 'afterDateTime', endDateTime, duration: null });

/** What an assignment and an eligibility schedule share, as Graph returns them. */
function scheduleFields(roleId: string, principalId: string, startDateTime: string, expiration: Expiration) {
  return {
    id: roleAssignmentId(roleId, principalId),
    principalId,
    roleDefinitionId: roleId,
    directoryScopeId: '/',
    appScopeId: null,
    createdUsing: roleAssignmentId(roleId, principalId),
    createdDateTime: startDateTime,
    modifiedDateTime: null,
    status: 'Provisioned' as const,
    memberType: 'Direct' as const,
    scheduleInfo: { startDateTime, recurrence: null, expiration },
  };
}

function activeAssignment(roleId: string, principalId: string, startDateTime: string): RoleAssignmentScheduleInput {
  return { ...scheduleFields(roleId, principalId, startDateTime, permanent), assignmentType: 'Assigned' };
}

export function roleAssignmentSchedules(): RoleAssignmentScheduleInput[] {
  return [
    activeAssignment(roles.globalAdministrator, userIds.breakglass1, '2025-03-04T09:14:30Z'),
    activeAssignment(roles.globalAdministrator, userIds.breakglass2, '2025-03-04T09:16:11Z'),
    activeAssignment(roles.globalAdministrator, apps.breakGlass.servicePrincipalId, '2026-01-12T15:02:47Z'),
    // Reading the tenant-level microsoft.aadiam diagnostic settings needs an Entra role, not an Azure one.
    activeAssignment(roles.securityReader, apps.reader.servicePrincipalId, '2026-01-12T15:10:05Z'),
    activeAssignment(roles.directorySynchronizationAccounts, userIds.directorySync, '2024-02-19T08:11:27Z'),
    activeAssignment(roles.helpdeskAdministrator, userIds.lee, '2024-05-06T12:02:40Z'),
  ];
}

function eligibleAssignment(
  roleId: string,
  principalId: string,
  startDateTime: string,
  expiration: Expiration,
): RoleEligibilityScheduleInput {
  return scheduleFields(roleId, principalId, startDateTime, expiration);
}

export function roleEligibilitySchedules(): RoleEligibilityScheduleInput[] {
  return [
    eligibleAssignment(roles.globalAdministrator, userIds.adele, '2025-03-05T08:00:00Z', permanent),
    eligibleAssignment(roles.privilegedRoleAdministrator, userIds.adele, '2025-03-05T08:00:00Z', permanent),
    eligibleAssignment(roles.globalAdministrator, userIds.alexAdmin, '2025-09-01T08:00:00Z', until('2027-08-31T23:59:59Z')),
    eligibleAssignment(roles.securityAdministrator, userIds.megan, '2025-03-05T08:00:00Z', until('2027-03-04T23:59:59Z')),
    eligibleAssignment(roles.conditionalAccessAdministrator, userIds.megan, '2025-03-05T08:00:00Z', until('2027-03-04T23:59:59Z')),
    eligibleAssignment(roles.exchangeAdministrator, userIds.nestor, '2025-03-05T08:00:00Z', until('2027-03-04T23:59:59Z')),
    eligibleAssignment(roles.cloudApplicationAdministrator, userIds.alexAdmin, '2025-09-01T08:00:00Z', until('2027-08-31T23:59:59Z')),
  ];
}

type Level = 'Eligibility' | 'Assignment';
type Caller = 'Admin' | 'EndUser';
const target = (caller: Caller, level: Level) => ({ caller, operations: ['All'], level, inheritableSettings: [], enforcedSettings: [] });

function notificationRules(caller: Caller, level: Level, adminRecipients: string[]): RoleManagementPolicyRuleInput[] {
  return (['Admin', 'Requestor', 'Approver'] as const).map((recipientType) => ({
    '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyNotificationRule',
    id: `Notification_${recipientType}_${caller}_${level}`,
    target: target(caller, level),
    notificationType: 'Email',
    recipientType,
    notificationLevel: 'All',
    isDefaultRecipientsEnabled: true,
    notificationRecipients: recipientType === 'Admin' ? adminRecipients : [],
  }));
}

/** PIM settings of one directory role (rule ids and targets as Graph returns them; docs/microsoft-behaviour.md, "Role schedules and PIM rules"). */
function pimSettings(options: {
  policyGuid: string;
  activationHours: number;
  approverGroupId?: string;
  alertRecipients: string[];
}): RoleManagementPolicyInput {
  const approval = options.approverGroupId;
  return {
    id: `DirectoryRole_${tenantId}_${options.policyGuid}`,
    displayName: 'DirectoryRole',
    description: 'DirectoryRole',
    isOrganizationDefault: false,
    scopeId: '/',
    scopeType: 'DirectoryRole',
    lastModifiedDateTime: '2025-03-05T07:48:19Z',
    lastModifiedBy: { displayName: 'Adele Vance', id: userIds.adele },
    rules: [
      {
        '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyExpirationRule',
        id: 'Expiration_Admin_Eligibility',
        target: target('Admin', 'Eligibility'),
        isExpirationRequired: false,
        maximumDuration: 'P365D',
      },
      {
        '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyEnablementRule',
        id: 'Enablement_Admin_Eligibility',
        target: target('Admin', 'Eligibility'),
        enabledRules: [],
      },
      ...notificationRules('Admin', 'Eligibility', options.alertRecipients),
      // Permanent active assignment stays allowed: the break-glass accounts depend on it (BG-PIM-01).
      {
        '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyExpirationRule',
        id: 'Expiration_Admin_Assignment',
        target: target('Admin', 'Assignment'),
        isExpirationRequired: false,
        maximumDuration: 'P180D',
      },
      {
        '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyEnablementRule',
        id: 'Enablement_Admin_Assignment',
        target: target('Admin', 'Assignment'),
        enabledRules: ['Justification'],
      },
      ...notificationRules('Admin', 'Assignment', options.alertRecipients),
      {
        '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyExpirationRule',
        id: 'Expiration_EndUser_Assignment',
        target: target('EndUser', 'Assignment'),
        isExpirationRequired: true,
        maximumDuration: `PT${options.activationHours}H`,
      },
      {
        '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyEnablementRule',
        id: 'Enablement_EndUser_Assignment',
        target: target('EndUser', 'Assignment'),
        enabledRules: ['MultiFactorAuthentication', 'Justification', 'Ticketing'],
      },
      {
        '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyApprovalRule',
        id: 'Approval_EndUser_Assignment',
        target: target('EndUser', 'Assignment'),
        setting: {
          isApprovalRequired: Boolean(approval),
          isApprovalRequiredForExtension: false,
          isRequestorJustificationRequired: true,
          approvalMode: 'SingleStage',
          approvalStages: [
            {
              approvalStageTimeOutInDays: 1,
              isApproverJustificationRequired: true,
              escalationTimeInMinutes: 0,
              isEscalationEnabled: false,
              primaryApprovers: approval
                ? [{ '@odata.type': '#microsoft.graph.groupMembers', groupId: approval, description: 'PIM-Approvers-Tier0' }]
                : [],
              escalationApprovers: [],
            },
          ],
        },
      },
      {
        '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyAuthenticationContextRule',
        id: 'AuthenticationContext_EndUser_Assignment',
        target: target('EndUser', 'Assignment'),
        isEnabled: false,
        claimValue: '',
      },
      ...notificationRules('EndUser', 'Assignment', options.alertRecipients),
    ],
  };
}

const pimAlerts = [`pim-alerts@${customDomain}`];

export function roleManagementPolicies(): RoleManagementPolicyInput[] {
  return [
    pimSettings({ policyGuid: roleManagementPolicyIds.globalAdministrator, activationHours: 4, alertRecipients: pimAlerts }),
    pimSettings({
      policyGuid: roleManagementPolicyIds.privilegedRoleAdministrator,
      activationHours: 2,
      approverGroupId: groupIds.pimApprovers,
      alertRecipients: pimAlerts,
    }),
  ];
}

export function roleManagementPolicyAssignments(): RoleManagementPolicyAssignmentInput[] {
  const assignment = (policyGuid: string, roleId: string): RoleManagementPolicyAssignmentInput => ({
    id: `DirectoryRole_${tenantId}_${policyGuid}_${roleId}`,
    policyId: `DirectoryRole_${tenantId}_${policyGuid}`,
    scopeId: '/',
    scopeType: 'DirectoryRole',
    roleDefinitionId: roleId,
  });
  return [
    assignment(roleManagementPolicyIds.globalAdministrator, roles.globalAdministrator),
    assignment(roleManagementPolicyIds.privilegedRoleAdministrator, roles.privilegedRoleAdministrator),
  ];
}

export function authenticationMethodConfigurations(): AuthenticationMethodConfigurationInput[] {
  const everyone = [{ id: 'all_users' as const, targetType: 'group' as const, isRegistrationRequired: false }];
  return [
    {
      '@odata.type': '#microsoft.graph.fido2AuthenticationMethodConfiguration',
      id: 'Fido2',
      state: 'enabled',
      isAttestationEnforced: true,
      isSelfServiceRegistrationAllowed: true,
      keyRestrictions: { isEnforced: false, enforcementType: 'block', aaGuids: [] },
      includeTargets: everyone,
      excludeTargets: [],
    },
    {
      '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethodConfiguration',
      id: 'MicrosoftAuthenticator',
      state: 'enabled',
      isSoftwareOathEnabled: false,
      includeTargets: [{ id: 'all_users', targetType: 'group', isRegistrationRequired: false, authenticationMode: 'any' }],
      excludeTargets: [],
    },
    {
      '@odata.type': '#microsoft.graph.smsAuthenticationMethodConfiguration',
      id: 'Sms',
      state: 'disabled',
      includeTargets: everyone,
      excludeTargets: [],
    },
    {
      '@odata.type': '#microsoft.graph.voiceAuthenticationMethodConfiguration',
      id: 'Voice',
      state: 'disabled',
      isOfficePhoneAllowed: false,
      includeTargets: everyone,
      excludeTargets: [],
    },
    {
      '@odata.type': '#microsoft.graph.emailAuthenticationMethodConfiguration',
      id: 'Email',
      state: 'enabled',
      allowExternalIdToUseEmailOtp: 'enabled',
      includeTargets: everyone,
      excludeTargets: [],
    },
    {
      '@odata.type': '#microsoft.graph.softwareOathAuthenticationMethodConfiguration',
      id: 'SoftwareOath',
      state: 'disabled',
      includeTargets: everyone,
      excludeTargets: [],
    },
    {
      '@odata.type': '#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration',
      id: 'TemporaryAccessPass',
      state: 'enabled',
      defaultLifetimeInMinutes: 60,
      defaultLength: 8,
      minimumLifetimeInMinutes: 60,
      maximumLifetimeInMinutes: 480,
      isUsableOnce: true,
      includeTargets: [{ id: groupIds.itDepartment, targetType: 'group', isRegistrationRequired: false }],
      excludeTargets: [{ id: groupIds.breakGlassExclusion, targetType: 'group' }],
    },
    {
      '@odata.type': '#microsoft.graph.x509CertificateAuthenticationMethodConfiguration',
      id: 'X509Certificate',
      state: 'disabled',
      includeTargets: everyone,
      excludeTargets: [],
    },
  ];
}

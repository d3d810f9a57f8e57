/**
 * Seed shapes for roles and policies: PIM schedules, role-management policies and their
 * assignments, the authentication-methods policy and certificate-based-auth configuration.
 *
 * Sources: https://learn.microsoft.com/graph/api/resources/unifiedroleassignmentschedule,
 * https://learn.microsoft.com/graph/api/resources/unifiedroleeligibilityschedule,
 * https://learn.microsoft.com/graph/api/resources/unifiedrolemanagementpolicy,
 * https://learn.microsoft.com/graph/api/resources/unifiedrolemanagementpolicyassignment,
 * https://learn.microsoft.com/graph/api/resources/authenticationmethodspolicy,
 * https://learn.microsoft.com/graph/api/resources/certificatebasedauthconfiguration.
 */
import { z } from 'zod';

import { certificateAuthoritySchema } from './schema-directory.ts';
import { dateTime, duration, guid, nonEmpty, odataType, stringList } from './schema-common.ts';

const expirationSchema = z.strictObject({
  type: z.enum(['notSpecified', 'noExpiration', 'afterDateTime', 'afterDuration']),
  endDateTime: dateTime.nullable().optional(),
  duration: duration.nullable().optional(),
});

const scheduleInfoSchema = z.strictObject({
  startDateTime: dateTime.nullable(),
  recurrence: z.null().optional(),
  expiration: expirationSchema,
});

const scheduleBase = {
  id: nonEmpty,
  principalId: guid,
  roleDefinitionId: guid,
  directoryScopeId: z.string().startsWith('/', { message: 'must be a directory scope such as "/"' }),
  appScopeId: z.string().nullable().optional(),
  createdUsing: z.string().nullable().optional(),
  createdDateTime: dateTime.nullable().optional(),
  modifiedDateTime: dateTime.nullable().optional(),
  status: z.enum(['Provisioned', 'Granted', 'PendingApproval', 'PendingProvisioning', 'Revoked', 'Canceled', 'Failed']),
  memberType: z.enum(['Direct', 'Group', 'Inherited']),
  scheduleInfo: scheduleInfoSchema,
};

export const roleAssignmentScheduleSchema = z.strictObject({
  ...scheduleBase,
  assignmentType: z.enum(['Assigned', 'Activated']),
});

export const roleEligibilityScheduleSchema = z.strictObject(scheduleBase);

const ruleTargetSchema = z.strictObject({
  caller: z.enum(['Admin', 'EndUser', 'NoneSpecified']),
  operations: stringList,
  level: z.enum(['Eligibility', 'Assignment']),
  inheritableSettings: stringList,
  enforcedSettings: stringList,
});

const subjectSetSchema = z.discriminatedUnion('@odata.type', [
  z.strictObject({ '@odata.type': odataType('singleUser'), userId: guid, description: z.string().nullable().optional() }),
  z.strictObject({ '@odata.type': odataType('groupMembers'), groupId: guid, description: z.string().nullable().optional() }),
  z.strictObject({ '@odata.type': odataType('requestorManager'), managerLevel: z.number().int() }),
]);

const approvalStageSchema = z.strictObject({
  approvalStageTimeOutInDays: z.number().int(),
  isApproverJustificationRequired: z.boolean(),
  escalationTimeInMinutes: z.number().int(),
  isEscalationEnabled: z.boolean(),
  primaryApprovers: z.array(subjectSetSchema),
  escalationApprovers: z.array(subjectSetSchema),
});

const ruleBase = { id: nonEmpty, target: ruleTargetSchema };

export const roleManagementPolicyRuleSchema = z.discriminatedUnion('@odata.type', [
  z.strictObject({
    '@odata.type': odataType('unifiedRoleManagementPolicyExpirationRule'),
    ...ruleBase,
    isExpirationRequired: z.boolean(),
    maximumDuration: duration,
  }),
  z.strictObject({ '@odata.type': odataType('unifiedRoleManagementPolicyEnablementRule'), ...ruleBase, enabledRules: stringList }),
  z.strictObject({
    '@odata.type': odataType('unifiedRoleManagementPolicyApprovalRule'),
    ...ruleBase,
    setting: z.strictObject({
      isApprovalRequired: z.boolean(),
      isApprovalRequiredForExtension: z.boolean(),
      isRequestorJustificationRequired: z.boolean(),
      approvalMode: z.enum(['SingleStage', 'Serial', 'Parallel', 'NoApproval']),
      approvalStages: z.array(approvalStageSchema),
    }),
  }),
  z.strictObject({
    '@odata.type': odataType('unifiedRoleManagementPolicyAuthenticationContextRule'),
    ...ruleBase,
    isEnabled: z.boolean(),
    claimValue: z.string().nullable(),
  }),
  z.strictObject({
    '@odata.type': odataType('unifiedRoleManagementPolicyNotificationRule'),
    ...ruleBase,
    notificationType: z.string(),
    recipientType: z.enum(['Requestor', 'Approver', 'Admin']),
    notificationLevel: z.enum(['None', 'Critical', 'All']),
    isDefaultRecipientsEnabled: z.boolean(),
    notificationRecipients: stringList,
  }),
]);

export const roleManagementPolicySchema = z.strictObject({
  id: nonEmpty,
  displayName: z.string(),
  description: z.string(),
  isOrganizationDefault: z.boolean(),
  scopeId: z.string(),
  scopeType: z.enum(['Directory', 'DirectoryRole', 'Group']),
  lastModifiedDateTime: dateTime.nullable().optional(),
  lastModifiedBy: z.strictObject({ displayName: z.string().nullable(), id: z.string().nullable() }).nullable().optional(),
  rules: z.array(roleManagementPolicyRuleSchema),
});

/** Which policy governs which role (GET /policies/roleManagementPolicyAssignments). */
export const roleManagementPolicyAssignmentSchema = z.strictObject({
  id: nonEmpty,
  policyId: nonEmpty,
  scopeId: z.string(),
  scopeType: z.enum(['Directory', 'DirectoryRole', 'Group']),
  roleDefinitionId: guid,
});

const methodTargetSchema = z.strictObject({
  id: z.union([z.literal('all_users'), guid]),
  targetType: z.enum(['group', 'user']),
  isRegistrationRequired: z.boolean().optional(),
  authenticationMode: z.enum(['any', 'push', 'deviceBasedPush']).optional(),
});

const methodConfigurationBase = {
  id: nonEmpty,
  state: z.enum(['enabled', 'disabled']),
  includeTargets: z.array(methodTargetSchema).optional(),
  excludeTargets: z.array(z.strictObject({ id: z.union([z.literal('all_users'), guid]), targetType: z.enum(['group', 'user']) })),
};

/** Settings of method types the simulator does not interpret are kept as Graph gave them. */
const uninterpreted = z.unknown().optional();

export const authenticationMethodConfigurationSchema = z.discriminatedUnion('@odata.type', [
  z.strictObject({
    '@odata.type': odataType('fido2AuthenticationMethodConfiguration'),
    ...methodConfigurationBase,
    id: z.literal('Fido2'),
    isAttestationEnforced: z.boolean(),
    isSelfServiceRegistrationAllowed: z.boolean(),
    keyRestrictions: z.strictObject({ isEnforced: z.boolean(), enforcementType: z.enum(['allow', 'block']), aaGuids: z.array(guid) }),
  }),
  z.strictObject({
    '@odata.type': odataType('x509CertificateAuthenticationMethodConfiguration'),
    ...methodConfigurationBase,
    id: z.literal('X509Certificate'),
    certificateUserBindings: uninterpreted,
    authenticationModeConfiguration: uninterpreted,
    issuerHintsConfiguration: uninterpreted,
    crlValidationConfiguration: uninterpreted,
  }),
  z.strictObject({ '@odata.type': odataType('microsoftAuthenticatorAuthenticationMethodConfiguration'), ...methodConfigurationBase, id: z.literal('MicrosoftAuthenticator'), featureSettings: uninterpreted, isSoftwareOathEnabled: z.boolean().optional() }),
  z.strictObject({ '@odata.type': odataType('smsAuthenticationMethodConfiguration'), ...methodConfigurationBase, id: z.literal('Sms') }),
  z.strictObject({ '@odata.type': odataType('voiceAuthenticationMethodConfiguration'), ...methodConfigurationBase, id: z.literal('Voice'), isOfficePhoneAllowed: z.boolean().optional() }),
  z.strictObject({ '@odata.type': odataType('emailAuthenticationMethodConfiguration'), ...methodConfigurationBase, id: z.literal('Email'), allowExternalIdToUseEmailOtp: z.string().optional() }),
  z.strictObject({ '@odata.type': odataType('softwareOathAuthenticationMethodConfiguration'), ...methodConfigurationBase, id: z.literal('SoftwareOath') }),
  z.strictObject({
    '@odata.type': odataType('temporaryAccessPassAuthenticationMethodConfiguration'),
    ...methodConfigurationBase,
    id: z.literal('TemporaryAccessPass'),
    defaultLifetimeInMinutes: z.number().int().optional(),
    defaultLength: z.number().int().optional(),
    minimumLifetimeInMinutes: z.number().int().optional(),
    maximumLifetimeInMinutes: z.number().int().optional(),
    isUsableOnce: z.boolean().optional(),
  }),
]);

export const certificateBasedAuthConfigurationSchema = z.strictObject({
  id: nonEmpty,
  certificateAuthorities: z.array(certificateAuthoritySchema),
});

export type RoleAssignmentScheduleSeed = z.infer<typeof roleAssignmentScheduleSchema>;
export type RoleEligibilityScheduleSeed = z.infer<typeof roleEligibilityScheduleSchema>;
export type RoleManagementPolicySeed = z.infer<typeof roleManagementPolicySchema>;
export type RoleManagementPolicyAssignmentSeed = z.infer<typeof roleManagementPolicyAssignmentSchema>;
export type AuthenticationMethodConfigurationSeed = z.infer<typeof authenticationMethodConfigurationSchema>;

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
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import { z } from 'zod';

import { certificateAuthoritySchema } from './schema-directory.ts';
import { dateTime, definedBy, duration, graphObject, guid, microsoftDefined, nonEmpty, odataType, stringList } from './schema-common.ts';

const expirationSchema = graphObject({
  type: z.enum(['notSpecified', 'noExpiration', 'afterDateTime', 'afterDuration']),
  endDateTime: dateTime.nullable().optional(),
  duration: duration.nullable().optional(),
});

const scheduleInfoSchema = graphObject({
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

export const roleAssignmentScheduleSchema = graphObject({
  ...scheduleBase,
  assignmentType: z.enum(['Assigned', 'Activated']),
});

export const roleEligibilityScheduleSchema = graphObject(scheduleBase);

const ruleTargetSchema = graphObject({
  caller: z.enum(['Admin', 'EndUser', 'NoneSpecified']),
  operations: stringList,
  level: z.enum(['Eligibility', 'Assignment']),
  inheritableSettings: stringList,
  enforcedSettings: stringList,
});

const subjectSetSchema = z.discriminatedUnion('@odata.type', [
  graphObject({ '@odata.type': odataType('singleUser'), userId: guid, description: z.string().nullable().optional() }),
  graphObject({ '@odata.type': odataType('groupMembers'), groupId: guid, description: z.string().nullable().optional() }),
  graphObject({ '@odata.type': odataType('requestorManager'), managerLevel: z.number().int() }),
]);

const approvalStageSchema = graphObject({
  approvalStageTimeOutInDays: z.number().int(),
  isApproverJustificationRequired: z.boolean(),
  escalationTimeInMinutes: z.number().int(),
  isEscalationEnabled: z.boolean(),
  primaryApprovers: z.array(subjectSetSchema),
  escalationApprovers: z.array(subjectSetSchema),
});

const ruleBase = { id: nonEmpty, target: ruleTargetSchema };

export const roleManagementPolicyRuleSchema = z.discriminatedUnion('@odata.type', [
  graphObject({
    '@odata.type': odataType('unifiedRoleManagementPolicyExpirationRule'),
    ...ruleBase,
    isExpirationRequired: z.boolean(),
    maximumDuration: duration,
  }),
  graphObject({ '@odata.type': odataType('unifiedRoleManagementPolicyEnablementRule'), ...ruleBase, enabledRules: stringList }),
  graphObject({
    '@odata.type': odataType('unifiedRoleManagementPolicyApprovalRule'),
    ...ruleBase,
    setting: graphObject({
      isApprovalRequired: z.boolean(),
      isApprovalRequiredForExtension: z.boolean(),
      isRequestorJustificationRequired: z.boolean(),
      approvalMode: z.enum(['SingleStage', 'Serial', 'Parallel', 'NoApproval']),
      approvalStages: z.array(approvalStageSchema),
    }),
  }),
  graphObject({
    '@odata.type': odataType('unifiedRoleManagementPolicyAuthenticationContextRule'),
    ...ruleBase,
    isEnabled: z.boolean(),
    claimValue: z.string().nullable(),
  }),
  graphObject({
    '@odata.type': odataType('unifiedRoleManagementPolicyNotificationRule'),
    ...ruleBase,
    notificationType: z.string(),
    recipientType: z.enum(['Requestor', 'Approver', 'Admin']),
    notificationLevel: z.enum(['None', 'Critical', 'All']),
    isDefaultRecipientsEnabled: z.boolean(),
    notificationRecipients: stringList,
  }),
]);

export const roleManagementPolicySchema = graphObject({
  id: nonEmpty,
  displayName: z.string(),
  description: z.string(),
  isOrganizationDefault: z.boolean(),
  scopeId: z.string(),
  scopeType: z.enum(['Directory', 'DirectoryRole', 'Group']),
  lastModifiedDateTime: dateTime.nullable().optional(),
  lastModifiedBy: graphObject({ displayName: z.string().nullable(), id: z.string().nullable() }).nullable().optional(),
  rules: z.array(roleManagementPolicyRuleSchema),
});

/** Which policy governs which role (GET /policies/roleManagementPolicyAssignments). */
export const roleManagementPolicyAssignmentSchema = graphObject({
  id: nonEmpty,
  policyId: nonEmpty,
  scopeId: z.string(),
  scopeType: z.enum(['Directory', 'DirectoryRole', 'Group']),
  roleDefinitionId: guid,
});

/**
 * authenticationMethodTarget and its subtypes: microsoftAuthenticatorAuthenticationMethodTarget
 * (`authenticationMode`), smsAuthenticationMethodTarget (`isUsableForSignIn`) and
 * passkeyAuthenticationMethodTarget (`allowedPasskeyProfiles`, resources/passkeyauthenticationmethodtarget).
 */
/**
 * Properties of the Microsoft Authenticator target that only beta answers carry (beta's
 * microsoftAuthenticatorAuthenticationMethodTarget, before featureSettings; Microsoft's v1.0
 * model does not define them) although authenticationmethodspolicy-get.md's v1.0 example shows
 * them: a pasted beta answer is taken, and v1.0 answers leave them out.
 */
export const authenticatorTargetBetaOnly = [
  'outlookMobileAllowedState',
  'displayAppInformationRequiredState',
  'numberMatchingRequiredState',
] as const;

const methodTargetSchema = graphObject({
  ...microsoftDefined('isUsableForSignIn', 'allowedPasskeyProfiles', ...authenticatorTargetBetaOnly),
  id: z.union([z.literal('all_users'), guid]),
  targetType: z.enum(['group', 'user']),
  isRegistrationRequired: z.boolean().optional(),
  authenticationMode: z.enum(['any', 'push', 'deviceBasedPush']).optional(),
});

const methodConfigurationBase = {
  id: nonEmpty,
  state: z.enum(['enabled', 'disabled']),
  includeTargets: z.array(methodTargetSchema).optional(),
  // Left out of authenticationmethodspolicy-get.md's example; served as the seed holds it.
  excludeTargets: z.array(graphObject({ id: z.union([z.literal('all_users'), guid]), targetType: z.enum(['group', 'user']) })).optional(),
};

/** Settings of method types the simulator does not interpret are kept as Graph gave them. */
const uninterpreted = z.unknown().optional();

/**
 * https://learn.microsoft.com/graph/api/resources/authenticationmethodspolicy: the tenant's one
 * policy, served as the seed holds it around the method configurations (authenticationmethodspolicy-get.md).
 */
export const authenticationMethodsPolicySchema = graphObject({
  ...definedBy<MicrosoftGraph.AuthenticationMethodsPolicy>()(
    'description',
    'displayName',
    'policyMigrationState',
    'reconfirmationInDays',
    'registrationEnforcement',
  ),
  '@odata.type': odataType('authenticationMethodsPolicy').optional(),
  id: z.literal('authenticationMethodsPolicy').optional(),
  lastModifiedDateTime: dateTime.nullable().optional(),
  policyVersion: z.string().nullable().optional(),
  authenticationMethodConfigurations: z
    .unknown()
    .refine(() => false, { message: 'the seed keeps the configurations in $.authenticationMethodConfigurations: move them there' })
    .optional(),
});

export const authenticationMethodConfigurationSchema = z.discriminatedUnion('@odata.type', [
  graphObject({
    '@odata.type': odataType('fido2AuthenticationMethodConfiguration'),
    ...methodConfigurationBase,
    id: z.literal('Fido2'),
    /**
     * https://learn.microsoft.com/graph/api/resources/fido2authenticationmethodconfiguration: passkey
     * profiles (`passkeyProfiles`, `defaultPasskeyProfile`; resources/passkeyprofile) replace the
     * tenant-wide `isAttestationEnforced` and `keyRestrictions`, which are deprecated (removed in
     * October 2027) and nullable in Graph's type definitions.
     */
    ...microsoftDefined('defaultPasskeyProfile', 'passkeyProfiles'),
    isAttestationEnforced: z.boolean().nullable().optional(),
    isSelfServiceRegistrationAllowed: z.boolean(),
    keyRestrictions: graphObject({ isEnforced: z.boolean(), enforcementType: z.enum(['allow', 'block']), aaGuids: z.array(guid) })
      .nullable()
      .optional(),
  }),
  graphObject({
    '@odata.type': odataType('x509CertificateAuthenticationMethodConfiguration'),
    ...methodConfigurationBase,
    id: z.literal('X509Certificate'),
    certificateUserBindings: uninterpreted,
    authenticationModeConfiguration: uninterpreted,
    issuerHintsConfiguration: uninterpreted,
    crlValidationConfiguration: uninterpreted,
  }),
  graphObject({
    '@odata.type': odataType('microsoftAuthenticatorAuthenticationMethodConfiguration'),
    ...methodConfigurationBase,
    id: z.literal('MicrosoftAuthenticator'),
    featureSettings: uninterpreted,
    isSoftwareOathEnabled: z.boolean().nullable().optional(),
  }),
  graphObject({ '@odata.type': odataType('smsAuthenticationMethodConfiguration'), ...methodConfigurationBase, id: z.literal('Sms') }),
  graphObject({
    '@odata.type': odataType('voiceAuthenticationMethodConfiguration'),
    ...methodConfigurationBase,
    id: z.literal('Voice'),
    isOfficePhoneAllowed: z.boolean().nullable().optional(),
  }),
  graphObject({
    '@odata.type': odataType('emailAuthenticationMethodConfiguration'),
    ...methodConfigurationBase,
    id: z.literal('Email'),
    allowExternalIdToUseEmailOtp: z.string().nullable().optional(),
  }),
  graphObject({
    '@odata.type': odataType('softwareOathAuthenticationMethodConfiguration'),
    ...methodConfigurationBase,
    id: z.literal('SoftwareOath'),
  }),
  graphObject({
    '@odata.type': odataType('temporaryAccessPassAuthenticationMethodConfiguration'),
    ...methodConfigurationBase,
    id: z.literal('TemporaryAccessPass'),
    defaultLifetimeInMinutes: z.number().int().nullable().optional(),
    defaultLength: z.number().int().nullable().optional(),
    minimumLifetimeInMinutes: z.number().int().nullable().optional(),
    maximumLifetimeInMinutes: z.number().int().nullable().optional(),
    isUsableOnce: z.boolean().nullable().optional(),
  }),
]);

export const certificateBasedAuthConfigurationSchema = graphObject({
  id: nonEmpty,
  certificateAuthorities: z.array(certificateAuthoritySchema),
});

export type RoleAssignmentScheduleSeed = z.infer<typeof roleAssignmentScheduleSchema>;
export type RoleEligibilityScheduleSeed = z.infer<typeof roleEligibilityScheduleSchema>;
export type RoleManagementPolicySeed = z.infer<typeof roleManagementPolicySchema>;
export type RoleManagementPolicyAssignmentSeed = z.infer<typeof roleManagementPolicyAssignmentSchema>;
export type AuthenticationMethodConfigurationSeed = z.infer<typeof authenticationMethodConfigurationSchema>;

/**
 * Seed shape of Conditional Access policies, as Graph v1.0 returns them from
 * `GET /identity/conditionalAccess/policies`.
 *
 * Sources: https://learn.microsoft.com/graph/api/resources/conditionalaccesspolicy,
 * https://learn.microsoft.com/graph/api/resources/conditionalaccessconditionset,
 * https://learn.microsoft.com/graph/api/resources/conditionalaccessusers,
 * https://learn.microsoft.com/graph/api/resources/conditionalaccessclientapplications,
 * https://learn.microsoft.com/graph/api/resources/authenticationstrengthpolicy.
 */
import { z } from 'zod';

import { dateTime, guid, nonEmpty, odataType, stringList } from './schema-common.ts';

const filterSchema = z.strictObject({ mode: z.enum(['include', 'exclude']), rule: nonEmpty });

const externalTenantsSchema = z.union([
  z.strictObject({ '@odata.type': odataType('conditionalAccessAllExternalTenants'), membershipKind: z.literal('all') }),
  z.strictObject({
    '@odata.type': odataType('conditionalAccessEnumeratedExternalTenants'),
    membershipKind: z.literal('enumerated'),
    members: z.array(guid),
  }),
]);

const guestsOrExternalUsersSchema = z.strictObject({
  /** A comma-separated flags string, e.g. "internalGuest,b2bCollaborationGuest". */
  guestOrExternalUserTypes: nonEmpty,
  externalTenants: externalTenantsSchema.nullable().optional(),
});

export const caUsersSchema = z.strictObject({
  includeUsers: stringList,
  excludeUsers: stringList,
  includeGroups: stringList,
  excludeGroups: stringList,
  includeRoles: stringList,
  excludeRoles: stringList,
  includeGuestsOrExternalUsers: guestsOrExternalUsersSchema.nullable().optional(),
  excludeGuestsOrExternalUsers: guestsOrExternalUsersSchema.nullable().optional(),
});

export const caClientApplicationsSchema = z.strictObject({
  includeServicePrincipals: stringList,
  excludeServicePrincipals: stringList,
  servicePrincipalFilter: filterSchema.nullable().optional(),
});

const caApplicationsSchema = z.strictObject({
  includeApplications: stringList,
  excludeApplications: stringList,
  includeUserActions: stringList,
  includeAuthenticationContextClassReferences: stringList,
  applicationFilter: filterSchema.nullable().optional(),
});

const riskLevel = z.enum(['low', 'medium', 'high', 'hidden', 'none', 'unknownFutureValue']);

export const caConditionsSchema = z.strictObject({
  applications: caApplicationsSchema,
  users: caUsersSchema.nullable().optional(),
  clientApplications: caClientApplicationsSchema.nullable().optional(),
  clientAppTypes: z.array(z.enum(['all', 'browser', 'mobileAppsAndDesktopClients', 'exchangeActiveSync', 'easSupported', 'other'])),
  platforms: z
    .strictObject({ includePlatforms: stringList, excludePlatforms: stringList })
    .nullable()
    .optional(),
  locations: z
    .strictObject({ includeLocations: stringList, excludeLocations: stringList })
    .nullable()
    .optional(),
  devices: z
    .strictObject({ includeDevices: stringList.optional(), excludeDevices: stringList.optional(), deviceFilter: filterSchema.nullable().optional() })
    .nullable()
    .optional(),
  signInRiskLevels: z.array(riskLevel),
  userRiskLevels: z.array(riskLevel),
  servicePrincipalRiskLevels: z.array(riskLevel).optional(),
  insiderRiskLevels: z.string().nullable().optional(),
  authenticationFlows: z.strictObject({ transferMethods: nonEmpty }).nullable().optional(),
});

export const authenticationStrengthSchema = z.strictObject({
  id: guid,
  createdDateTime: dateTime.nullable().optional(),
  modifiedDateTime: dateTime.nullable().optional(),
  displayName: nonEmpty,
  description: z.string().nullable().optional(),
  policyType: z.enum(['builtIn', 'custom']),
  requirementsSatisfied: z.enum(['none', 'mfa', 'unknownFutureValue']),
  allowedCombinations: stringList,
  combinationConfigurations: z
    .array(
      z.strictObject({
        '@odata.type': odataType('fido2CombinationConfiguration'),
        id: nonEmpty,
        appliesToCombinations: stringList,
        allowedAAGUIDs: z.array(guid),
      }),
    )
    .optional(),
});

export const grantControlsSchema = z.strictObject({
  operator: z.enum(['AND', 'OR']),
  builtInControls: z.array(
    z.enum(['block', 'mfa', 'compliantDevice', 'domainJoinedDevice', 'approvedApplication', 'compliantApplication', 'passwordChange', 'unknownFutureValue']),
  ),
  customAuthenticationFactors: stringList,
  termsOfUse: stringList,
  authenticationStrength: authenticationStrengthSchema.nullable().optional(),
});

const isEnabled = z.boolean();
const sessionControlsSchema = z.strictObject({
  applicationEnforcedRestrictions: z.strictObject({ isEnabled }).nullable().optional(),
  cloudAppSecurity: z.strictObject({ isEnabled, cloudAppSecurityType: z.string().nullable() }).nullable().optional(),
  persistentBrowser: z.strictObject({ isEnabled, mode: z.enum(['always', 'never']) }).nullable().optional(),
  signInFrequency: z
    .strictObject({
      isEnabled,
      type: z.enum(['days', 'hours']).nullable(),
      value: z.number().int().nullable(),
      authenticationType: z.enum(['primaryAndSecondaryAuthentication', 'secondaryAuthentication']).optional(),
      frequencyInterval: z.enum(['timeBased', 'everyTime']).optional(),
    })
    .nullable()
    .optional(),
  disableResilienceDefaults: z.boolean().nullable().optional(),
  continuousAccessEvaluation: z.strictObject({ mode: z.enum(['strictEnforcement', 'disabled', 'strictLocation']) }).nullable().optional(),
  secureSignInSession: z.strictObject({ isEnabled }).nullable().optional(),
});

export const conditionalAccessPolicySchema = z.strictObject({
  '@odata.type': odataType('conditionalAccessPolicy').optional(),
  id: guid,
  displayName: nonEmpty,
  templateId: z.string().nullable().optional(),
  createdDateTime: dateTime.nullable().optional(),
  modifiedDateTime: dateTime.nullable().optional(),
  state: z.enum(['enabled', 'disabled', 'enabledForReportingButNotEnforced']),
  conditions: caConditionsSchema,
  grantControls: grantControlsSchema.nullable().optional(),
  sessionControls: sessionControlsSchema.nullable().optional(),
});

export type ConditionalAccessPolicySeed = z.infer<typeof conditionalAccessPolicySchema>;
export type AuthenticationStrengthSeed = z.infer<typeof authenticationStrengthSchema>;

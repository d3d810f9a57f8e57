/**
 * Seed shape of Conditional Access policies, as Graph v1.0 returns them from
 * `GET /identity/conditionalAccess/policies`.
 *
 * Sources: https://learn.microsoft.com/graph/api/resources/conditionalaccesspolicy,
 * https://learn.microsoft.com/graph/api/resources/conditionalaccessconditionset,
 * https://learn.microsoft.com/graph/api/resources/conditionalaccessusers,
 * https://learn.microsoft.com/graph/api/resources/conditionalaccessclientapplications,
 * https://learn.microsoft.com/graph/api/resources/authenticationstrengthpolicy.
 *
 * The product reads v1.0, but custodians export policies from beta (what Maester and the
 * portal's JSON export read), so the beta-only properties Graph returns there are accepted too
 * (https://learn.microsoft.com/graph/api/resources/conditionalaccesspolicy?view=graph-rest-beta,
 * …/conditionalaccessconditionset?view=graph-rest-beta, …/conditionalaccessclientapplications?view=graph-rest-beta),
 * with the OData annotations (`@odata.type`, `includeUsers@odata.type`, `#microsoft.graph.restore` …) beta writes.
 */
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import { z } from 'zod';

import { dateTime, definedBy, graphObject, guid, microsoftDefined, nonEmpty, odataType, stringList } from './schema-common.ts';

/** What only beta defines, at each level of a policy; Graph v1.0 leaves these out. */
export const conditionalAccessBetaOnly = {
  policy: ['deletedDateTime', 'partialEnablementStrategy'],
  conditions: ['deviceStates', 'times', 'agents', 'agentIdRiskLevels'],
  clientApplications: ['includeAgentIdServicePrincipals', 'excludeAgentIdServicePrincipals', 'agentIdServicePrincipalFilter'],
} as const;

const filterSchema = graphObject({ mode: z.enum(['include', 'exclude']), rule: nonEmpty });

const externalTenantsSchema = z.union([
  graphObject({ '@odata.type': odataType('conditionalAccessAllExternalTenants'), membershipKind: z.literal('all') }),
  graphObject({
    '@odata.type': odataType('conditionalAccessEnumeratedExternalTenants'),
    membershipKind: z.literal('enumerated'),
    members: z.array(guid),
  }),
]);

const guestsOrExternalUsersSchema = graphObject({
  /** A comma-separated flags string, e.g. "internalGuest,b2bCollaborationGuest". */
  guestOrExternalUserTypes: nonEmpty,
  externalTenants: externalTenantsSchema.nullable().optional(),
});

export const caUsersSchema = graphObject({
  includeUsers: stringList,
  excludeUsers: stringList,
  includeGroups: stringList,
  excludeGroups: stringList,
  includeRoles: stringList,
  excludeRoles: stringList,
  includeGuestsOrExternalUsers: guestsOrExternalUsersSchema.nullable().optional(),
  excludeGuestsOrExternalUsers: guestsOrExternalUsersSchema.nullable().optional(),
});

export const caClientApplicationsSchema = graphObject({
  // beta: agent identities (conditionalaccessclientapplications?view=graph-rest-beta).
  ...microsoftDefined(...conditionalAccessBetaOnly.clientApplications),
  includeServicePrincipals: stringList,
  excludeServicePrincipals: stringList,
  servicePrincipalFilter: filterSchema.nullable().optional(),
});

const caApplicationsSchema = graphObject({
  includeApplications: stringList,
  excludeApplications: stringList,
  includeUserActions: stringList,
  // Left out of the older policies of conditionalaccessroot-list-policies.md's example. Absent is
  // read as none: the policy then applies to every sign-in to its applications (the stricter outcome).
  includeAuthenticationContextClassReferences: stringList.optional(),
  applicationFilter: filterSchema.nullable().optional(),
});

const riskLevel = z.enum(['low', 'medium', 'high', 'hidden', 'none', 'unknownFutureValue']);

export const caConditionsSchema = graphObject({
  // beta: conditionalaccessconditionset?view=graph-rest-beta (deviceStates, times, agents, agentIdRiskLevels).
  ...microsoftDefined(...conditionalAccessBetaOnly.conditions),
  applications: caApplicationsSchema,
  users: caUsersSchema.nullable().optional(),
  clientApplications: caClientApplicationsSchema.nullable().optional(),
  clientAppTypes: z.array(z.enum(['all', 'browser', 'mobileAppsAndDesktopClients', 'exchangeActiveSync', 'easSupported', 'other'])),
  platforms: z.strictObject({ includePlatforms: stringList, excludePlatforms: stringList }).nullable().optional(),
  locations: z.strictObject({ includeLocations: stringList, excludeLocations: stringList }).nullable().optional(),
  devices: z
    .strictObject({
      includeDevices: stringList.optional(),
      excludeDevices: stringList.optional(),
      deviceFilter: filterSchema.nullable().optional(),
    })
    .nullable()
    .optional(),
  signInRiskLevels: z.array(riskLevel),
  // Left out of conditionalaccesspolicy-get.md's example; absent is read as no risk condition, so
  // the policy applies whatever the risk (the stricter outcome).
  userRiskLevels: z.array(riskLevel).optional(),
  servicePrincipalRiskLevels: z.array(riskLevel).optional(),
  insiderRiskLevels: z.string().nullable().optional(),
  authenticationFlows: graphObject({ transferMethods: nonEmpty }).nullable().optional(),
});

export const authenticationStrengthSchema = graphObject({
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
      graphObject({
        '@odata.type': odataType('fido2CombinationConfiguration'),
        id: nonEmpty,
        appliesToCombinations: stringList,
        allowedAAGUIDs: z.array(guid),
      }),
    )
    .optional(),
});

export const grantControlsSchema = graphObject({
  operator: z.enum(['AND', 'OR']),
  builtInControls: z.array(
    z.enum([
      'block',
      'mfa',
      'compliantDevice',
      'domainJoinedDevice',
      'approvedApplication',
      'compliantApplication',
      'passwordChange',
      'unknownFutureValue',
    ]),
  ),
  customAuthenticationFactors: stringList,
  termsOfUse: stringList,
  authenticationStrength: authenticationStrengthSchema.nullable().optional(),
});

const isEnabled = z.boolean();
const sessionControlsSchema = graphObject({
  applicationEnforcedRestrictions: graphObject({ isEnabled }).nullable().optional(),
  cloudAppSecurity: graphObject({ isEnabled, cloudAppSecurityType: z.string().nullable() }).nullable().optional(),
  persistentBrowser: graphObject({ isEnabled, mode: z.enum(['always', 'never']) })
    .nullable()
    .optional(),
  signInFrequency: z
    .strictObject({
      isEnabled,
      type: z.enum(['days', 'hours']).nullable(),
      value: z.number().int().nullable(),
      authenticationType: z
        .enum(['primaryAndSecondaryAuthentication', 'secondaryAuthentication', 'unknownFutureValue'])
        .nullable()
        .optional(),
      frequencyInterval: z.enum(['timeBased', 'everyTime', 'unknownFutureValue']).nullable().optional(),
    })
    .nullable()
    .optional(),
  disableResilienceDefaults: z.boolean().nullable().optional(),
  continuousAccessEvaluation: graphObject({ mode: z.enum(['strictEnforcement', 'disabled', 'strictLocation']) })
    .nullable()
    .optional(),
  secureSignInSession: graphObject({ isEnabled }).nullable().optional(),
});

export const conditionalAccessPolicySchema = graphObject({
  ...definedBy<MicrosoftGraph.ConditionalAccessPolicy>()('description'),
  // beta: the policy inherits deletedDateTime from policyDeletableItem; partialEnablementStrategy is beta-only.
  ...microsoftDefined(...conditionalAccessBetaOnly.policy),
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

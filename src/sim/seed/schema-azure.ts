/**
 * Seed shapes for the Azure Resource Manager subset: subscriptions, Azure RBAC grants, the
 * tenant-level `microsoft.aadiam` diagnostic settings, log-search alert rules and action groups.
 *
 * Sources (docs/microsoft-behaviour.md, "Azure Monitor"): Azure/azure-rest-api-specs
 * `Microsoft.Aadiam/stable/2017-04-01/azureactivedirectory.json`,
 * `Microsoft.Insights/stable/2023-12-01` (scheduledQueryRules),
 * `Microsoft.Insights/stable/2023-01-01` (actionGroups),
 * https://learn.microsoft.com/rest/api/authorization/role-assignments.
 */
import { z } from 'zod';

import { dateTime, guid, microsoftDefined, nonEmpty, stringList } from './schema-common.ts';

const armId = z.string().startsWith('/', { message: 'must be an ARM resource id starting with "/"' });

/**
 * What the 2023-12-01 ScheduledQueryRuleResource adds to the resource: `etag` and `systemData`
 * (Azure/azure-rest-api-specs `specification/common-types/resource-management/v2/types.json#/definitions/systemData`).
 * The action-group (2023-01-01) and aadiam (2017-04-01) specs define neither, so they are refused there.
 */
const identityType = z.enum(['User', 'Application', 'ManagedIdentity', 'Key']);
const systemDataSchema = z.strictObject({
  createdBy: z.string().optional(),
  createdByType: identityType.optional(),
  createdAt: dateTime.optional(),
  lastModifiedBy: z.string().optional(),
  lastModifiedByType: identityType.optional(),
  lastModifiedAt: dateTime.optional(),
});
const trackedResource = { etag: z.string().optional(), systemData: systemDataSchema.optional() };

export const subscriptionSchema = z.strictObject({
  id: armId,
  subscriptionId: guid,
  displayName: nonEmpty,
  state: z.enum(['Enabled', 'Warned', 'PastDue', 'Disabled', 'Deleted']),
  tenantId: guid,
});

/**
 * `Microsoft.Authorization/stable/2022-04-01/authorization-RoleAssignmentsCalls.json` (RoleAssignment,
 * RoleAssignmentProperties): only roleDefinitionId and principalId are required; ARM returns the
 * read-only `scope` on every assignment, and the simulator authorizes by it.
 */
export const azureRoleAssignmentSchema = z.strictObject({
  id: armId,
  name: guid,
  type: z.literal('Microsoft.Authorization/roleAssignments'),
  properties: z.strictObject({
    ...microsoftDefined(
      'condition',
      'conditionVersion',
      'createdOn',
      'updatedOn',
      'createdBy',
      'updatedBy',
      'delegatedManagedIdentityResourceId',
    ),
    roleDefinitionId: z.string().regex(/\/providers\/Microsoft\.Authorization\/roleDefinitions\/[0-9a-f-]{36}$/i, {
      message: 'must be a role definition resource id ending in /providers/Microsoft.Authorization/roleDefinitions/{guid}',
    }),
    principalId: guid,
    principalType: z.enum(['User', 'Group', 'ServicePrincipal', 'ForeignGroup', 'Device']).optional(),
    scope: armId,
    description: z.string().nullable().optional(),
  }),
});

/**
 * `Microsoft.Aadiam/stable/2017-04-01/azureactivedirectory.json`: DiagnosticSettingsResource is a
 * ProxyOnlyResource (id, name, type, location, kind, tags, identity – all read-only) whose
 * LogSettings and MetricSettings require only `enabled`; the spec's own GET example returns
 * `"type": ""` and `"workspaceId": ""`.
 */
const retentionPolicySchema = z.strictObject({ enabled: z.boolean(), days: z.number().int().min(0) });
const logSettingSchema = z.strictObject({
  category: z.string().optional(),
  enabled: z.boolean(),
  retentionPolicy: retentionPolicySchema.optional(),
});
const metricSettingSchema = z.strictObject({
  timeGrain: z.string().optional(),
  category: z.string().optional(),
  enabled: z.boolean(),
  retentionPolicy: retentionPolicySchema.optional(),
});

export const diagnosticSettingSchema = z.strictObject({
  ...microsoftDefined('kind', 'tags', 'identity'),
  id: z.string(),
  name: nonEmpty,
  type: z.string().optional(),
  location: z.string().optional(),
  properties: z.strictObject({
    storageAccountId: z.string().nullable().optional(),
    workspaceId: z.string().nullable().optional(),
    eventHubAuthorizationRuleId: z.string().nullable().optional(),
    eventHubName: z.string().nullable().optional(),
    serviceBusRuleId: z.string().nullable().optional(),
    logAnalyticsDestinationType: z.string().nullable().optional(),
    logs: z.array(logSettingSchema).optional(),
    metrics: z.array(metricSettingSchema).optional(),
  }),
});

/**
 * `Microsoft.Insights/stable/2023-12-01/scheduledQueryRule_API.json` (ScheduledQueryRuleResource,
 * ScheduledQueryRuleProperties, Condition, Actions, Identity): the resource requires `location`
 * and `properties`, the properties `enabled`, `criteria` and `scopes`; severity, frequency,
 * window and each condition's aggregation, operator and threshold are "required only for rules
 * of the kind LogAlert", so a LogToMetric rule has none of them.
 */
const ruleIdentitySchema = z.strictObject({
  principalId: z.string().optional(),
  tenantId: z.string().optional(),
  type: z.enum(['SystemAssigned', 'UserAssigned', 'None']),
  userAssignedIdentities: z
    .record(z.string(), z.strictObject({ principalId: z.string().optional(), clientId: z.string().optional() }))
    .optional(),
});

const conditionSchema = z.strictObject({
  query: z.string().optional(),
  timeAggregation: z.enum(['Count', 'Average', 'Minimum', 'Maximum', 'Total']).optional(),
  metricMeasureColumn: z.string().optional(),
  resourceIdColumn: z.string().optional(),
  dimensions: z.array(z.strictObject({ name: z.string(), operator: z.enum(['Include', 'Exclude']), values: stringList })).optional(),
  operator: z.enum(['Equals', 'GreaterThan', 'GreaterThanOrEqual', 'LessThan', 'LessThanOrEqual']).optional(),
  threshold: z.number().optional(),
  failingPeriods: z
    .strictObject({ numberOfEvaluationPeriods: z.number().int().optional(), minFailingPeriodsToAlert: z.number().int().optional() })
    .optional(),
  metricName: z.string().optional(),
});

export const scheduledQueryRuleSchema = z.strictObject({
  ...trackedResource,
  id: armId,
  name: nonEmpty,
  type: z.string(),
  location: nonEmpty,
  kind: z.enum(['LogAlert', 'LogToMetric']).optional(),
  identity: ruleIdentitySchema.optional(),
  tags: z.record(z.string(), z.string()).optional(),
  properties: z.strictObject({
    createdWithApiVersion: z.string().optional(),
    isLegacyLogAnalyticsRule: z.boolean().optional(),
    displayName: z.string().optional(),
    description: z.string().optional(),
    severity: z.number().int().min(0).max(4).optional(),
    enabled: z.boolean(),
    evaluationFrequency: z.string().optional(),
    scopes: z.array(armId),
    targetResourceTypes: stringList.optional(),
    windowSize: z.string().optional(),
    overrideQueryTimeRange: z.string().optional(),
    criteria: z.strictObject({ allOf: z.array(conditionSchema).optional() }),
    muteActionsDuration: z.string().optional(),
    autoMitigate: z.boolean().optional(),
    actions: z
      .strictObject({
        actionGroups: z.array(armId).optional(),
        customProperties: z.record(z.string(), z.string()).optional(),
        actionProperties: z.record(z.string(), z.string()).optional(),
      })
      .optional(),
    ruleResolveConfiguration: z.strictObject({ autoResolved: z.boolean().optional(), timeToResolve: z.string().optional() }).optional(),
    // Read-only boolean the service computes (2023-12-01 ScheduledQueryRuleProperties): kept and served back as pasted.
    isWorkspaceAlertsStorageConfigured: z.boolean().optional(),
    skipQueryValidation: z.boolean().optional(),
    checkWorkspaceAlertsStorageConfigured: z.boolean().optional(),
  }),
});

const receiverStatus = z.enum(['Enabled', 'Disabled', 'NotSpecified']);

/**
 * `Microsoft.Insights/stable/2023-01-01/actionGroups_API.json` (ActionGroupResource extends
 * AzureResource – id, name, type, location, tags; no etag or systemData –, ActionGroup,
 * EmailReceiver, SmsReceiver, WebhookReceiver …): the group requires `groupShortName` and
 * `enabled`; every receiver list is optional.
 */
export const actionGroupSchema = z.strictObject({
  id: armId,
  name: nonEmpty,
  type: z.string(),
  location: nonEmpty,
  tags: z.record(z.string(), z.string()).optional(),
  properties: z.strictObject({
    groupShortName: z.string().max(12, { message: 'must be at most 12 characters' }),
    enabled: z.boolean(),
    emailReceivers: z
      .array(
        z.strictObject({
          name: nonEmpty,
          emailAddress: z.email({ message: 'must be an email address' }),
          useCommonAlertSchema: z.boolean().optional(),
          status: receiverStatus.optional(),
        }),
      )
      .optional(),
    smsReceivers: z
      .array(z.strictObject({ name: nonEmpty, countryCode: nonEmpty, phoneNumber: nonEmpty, status: receiverStatus.optional() }))
      .optional(),
    webhookReceivers: z
      .array(
        z.strictObject({
          name: nonEmpty,
          serviceUri: z.url({ message: 'must be a URL' }),
          useCommonAlertSchema: z.boolean().optional(),
          useAadAuth: z.boolean().optional(),
          // 2023-01-01 WebhookReceiver: the Entra application of a useAadAuth webhook (strings); served back as pasted.
          objectId: z.string().optional(),
          identifierUri: z.string().optional(),
          tenantId: z.string().optional(),
        }),
      )
      .optional(),
    voiceReceivers: z
      .array(z.strictObject({ name: nonEmpty, countryCode: nonEmpty, phoneNumber: nonEmpty, status: receiverStatus.optional() }))
      .optional(),
    // Receivers the simulator does not interpret (ITSM, app push, runbook, logic app, function, ARM role, event hub) are kept as ARM gave them.
    itsmReceivers: z.array(z.unknown()).optional(),
    azureAppPushReceivers: z.array(z.unknown()).optional(),
    automationRunbookReceivers: z.array(z.unknown()).optional(),
    logicAppReceivers: z.array(z.unknown()).optional(),
    azureFunctionReceivers: z.array(z.unknown()).optional(),
    armRoleReceivers: z.array(z.unknown()).optional(),
    eventHubReceivers: z.array(z.unknown()).optional(),
  }),
});

export const azureSchema = z.strictObject({
  subscriptions: z.array(subscriptionSchema).default([]),
  roleAssignments: z.array(azureRoleAssignmentSchema).default([]),
  diagnosticSettings: z.array(diagnosticSettingSchema).default([]),
  scheduledQueryRules: z.array(scheduledQueryRuleSchema).default([]),
  actionGroups: z.array(actionGroupSchema).default([]),
});

export type AzureSeed = z.infer<typeof azureSchema>;
export type DiagnosticSettingSeed = z.infer<typeof diagnosticSettingSchema>;
export type ScheduledQueryRuleSeed = z.infer<typeof scheduledQueryRuleSchema>;
export type ActionGroupSeed = z.infer<typeof actionGroupSchema>;
export type AzureRoleAssignmentSeed = z.infer<typeof azureRoleAssignmentSchema>;

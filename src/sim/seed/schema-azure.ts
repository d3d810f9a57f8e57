/**
 * Seed shapes for the Azure Resource Manager subset: subscriptions, Azure RBAC grants, the
 * tenant-level `microsoft.aadiam` diagnostic settings, log-search alert rules and action groups.
 *
 * Sources (protocol-facts §4): Azure/azure-rest-api-specs
 * `Microsoft.Aadiam/stable/2017-04-01/azureactivedirectory.json`,
 * `Microsoft.Insights/stable/2023-12-01` (scheduledQueryRules),
 * `Microsoft.Insights/stable/2023-01-01` (actionGroups),
 * https://learn.microsoft.com/rest/api/authorization/role-assignments.
 */
import { z } from 'zod';

import { guid, nonEmpty, stringList } from './schema-common.ts';

const armId = z.string().startsWith('/', { message: 'must be an ARM resource id starting with "/"' });

export const subscriptionSchema = z.strictObject({
  id: armId,
  subscriptionId: guid,
  displayName: nonEmpty,
  state: z.enum(['Enabled', 'Warned', 'PastDue', 'Disabled', 'Deleted']),
  tenantId: guid,
});

export const azureRoleAssignmentSchema = z.strictObject({
  id: armId,
  name: guid,
  type: z.literal('Microsoft.Authorization/roleAssignments'),
  properties: z.strictObject({
    roleDefinitionId: z.string().regex(/\/providers\/Microsoft\.Authorization\/roleDefinitions\/[0-9a-f-]{36}$/i, {
      message: 'must be a role definition resource id ending in /providers/Microsoft.Authorization/roleDefinitions/{guid}',
    }),
    principalId: guid,
    principalType: z.enum(['User', 'Group', 'ServicePrincipal', 'ForeignGroup', 'Device']),
    scope: armId,
    description: z.string().nullable().optional(),
  }),
});

const logSettingSchema = z.strictObject({
  category: nonEmpty,
  enabled: z.boolean(),
  retentionPolicy: z.strictObject({ enabled: z.boolean(), days: z.number().int() }).optional(),
});

export const diagnosticSettingSchema = z.strictObject({
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
    logs: z.array(logSettingSchema),
    metrics: z.array(z.unknown()).optional(),
  }),
});

export const scheduledQueryRuleSchema = z.strictObject({
  id: armId,
  name: nonEmpty,
  type: z.string(),
  location: nonEmpty,
  kind: z.string().optional(),
  tags: z.record(z.string(), z.string()).optional(),
  properties: z.strictObject({
    displayName: z.string().optional(),
    description: z.string().optional(),
    severity: z.number().int().min(0).max(4),
    enabled: z.boolean(),
    evaluationFrequency: nonEmpty,
    scopes: z.array(armId),
    targetResourceTypes: stringList.optional(),
    windowSize: nonEmpty,
    criteria: z.strictObject({
      allOf: z.array(
        z.strictObject({
          query: nonEmpty,
          timeAggregation: z.enum(['Count', 'Average', 'Minimum', 'Maximum', 'Total']),
          metricMeasureColumn: z.string().optional(),
          resourceIdColumn: z.string().optional(),
          dimensions: z.array(z.unknown()),
          operator: z.enum(['Equals', 'GreaterThan', 'GreaterThanOrEqual', 'LessThan', 'LessThanOrEqual']),
          threshold: z.number(),
          failingPeriods: z.strictObject({ numberOfEvaluationPeriods: z.number().int(), minFailingPeriodsToAlert: z.number().int() }),
        }),
      ),
    }),
    muteActionsDuration: z.string().optional(),
    autoMitigate: z.boolean().optional(),
    actions: z.strictObject({ actionGroups: z.array(armId), customProperties: z.record(z.string(), z.string()).optional() }),
    ruleResolveConfiguration: z.strictObject({ autoResolved: z.boolean(), timeToResolve: z.string() }).optional(),
    skipQueryValidation: z.boolean().optional(),
    checkWorkspaceAlertsStorageConfigured: z.boolean().optional(),
  }),
});

const receiverStatus = z.enum(['Enabled', 'Disabled', 'NotSpecified']);

export const actionGroupSchema = z.strictObject({
  id: armId,
  name: nonEmpty,
  type: z.string(),
  location: nonEmpty,
  tags: z.record(z.string(), z.string()).optional(),
  properties: z.strictObject({
    groupShortName: z.string().max(12, { message: 'must be at most 12 characters' }),
    enabled: z.boolean(),
    emailReceivers: z.array(
      z.strictObject({ name: nonEmpty, emailAddress: z.email({ message: 'must be an email address' }), useCommonAlertSchema: z.boolean().optional(), status: receiverStatus.optional() }),
    ),
    smsReceivers: z.array(z.strictObject({ name: nonEmpty, countryCode: nonEmpty, phoneNumber: nonEmpty, status: receiverStatus.optional() })),
    webhookReceivers: z.array(
      z.strictObject({ name: nonEmpty, serviceUri: z.url({ message: 'must be a URL' }), useCommonAlertSchema: z.boolean().optional(), useAadAuth: z.boolean().optional() }),
    ),
    voiceReceivers: z.array(z.strictObject({ name: nonEmpty, countryCode: nonEmpty, phoneNumber: nonEmpty })).optional(),
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

/**
 * The Azure side of break-glass monitoring, in ARM's shapes (docs/microsoft-behaviour.md, "Azure Monitor"): one
 * subscription, the reader app's Reader grants on it and at `/providers/Microsoft.aadiam` (a service
 * principal reads the tenant's diagnostic settings only through an Azure role at that scope,
 * Azure/azure-rest-api-specs#11085), the tenant's `microsoft.aadiam`
 * diagnostic setting streaming sign-in and audit logs to Log Analytics, the alert rules
 * Microsoft's emergency-access guidance recommends, and their action group.
 */
import { apps, azureIds, azureRoles, customDomain, tenantId, userIds } from './ids.ts';
import type { ActionGroupInput, AzureInputSection, ScheduledQueryRuleInput } from './shapes.ts';

const subscription = `/subscriptions/${azureIds.subscriptionId}`;
const resourceGroup = `${subscription}/resourceGroups/${azureIds.resourceGroup}`;
const workspaceId = `${resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/${azureIds.workspaceName}`;
const actionGroupId = `${resourceGroup}/providers/microsoft.insights/actionGroups/ag-breakglass-signin`;

function roleAssignment(
  name: string,
  roleId: string,
  principalId: string,
  principalType: 'User' | 'ServicePrincipal',
  description: string,
  scope = subscription,
) {
  // A role definition is named under the subscription there, and at the provider level above it.
  const definitionScope = scope.startsWith('/subscriptions/') ? scope : '';
  return {
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
    name,
    type: 'Microsoft.Authorization/roleAssignments' as const,
    properties: {
      roleDefinitionId: `${definitionScope}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`,
      principalId,
      principalType,
      scope,
      description,
    },
  };
}

/** Sev 0, "Number of results greater than 0", every 5 minutes (Microsoft's emergency-access recipe). */
function logAlert(
  name: string,
  options: { displayName: string; description: string; severity: number; query: string },
): ScheduledQueryRuleInput {
  return {
    id: `${resourceGroup}/providers/microsoft.insights/scheduledqueryrules/${name}`,
    name,
    type: 'microsoft.insights/scheduledqueryrules',
    location: 'westeurope',
    kind: 'LogAlert',
    tags: {},
    properties: {
      displayName: options.displayName,
      description: options.description,
      severity: options.severity,
      enabled: true,
      evaluationFrequency: 'PT5M',
      scopes: [workspaceId],
      targetResourceTypes: ['Microsoft.OperationalInsights/workspaces'],
      windowSize: 'PT5M',
      criteria: {
        allOf: [
          {
            query: options.query,
            timeAggregation: 'Count',
            dimensions: [],
            operator: 'GreaterThan',
            threshold: 0,
            failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 },
          },
        ],
      },
      autoMitigate: false,
      actions: {
        actionGroups: [actionGroupId],
        customProperties: { runbook: 'Break-glass sign-in: confirm with the custodian on duty that a drill or incident is under way.' },
      },
      skipQueryValidation: false,
      checkWorkspaceAlertsStorageConfigured: false,
    },
  };
}

function alertRules(): ScheduledQueryRuleInput[] {
  return [
    logAlert('sev0-breakglass-account-signin', {
      displayName: 'Sev0 - Break-glass account sign-in',
      description: 'Any sign-in attempt (successful or not) by an emergency access account.',
      severity: 0,
      // Listed in "Planted problems" in assets/demo-tenant.README.md.
      query: [
        'union isfuzzy=true SigninLogs, AADNonInteractiveUserSignInLogs',
        `| where UserId in ("${userIds.breakglass1}")`,
        '| project TimeGenerated, UserPrincipalName, UserId, AppDisplayName, IPAddress, ResultType, ConditionalAccessStatus',
      ].join('\n'),
    }),
    logAlert('sev0-breakglass-app-signin', {
      displayName: 'Sev0 - Break-glass app sign-in',
      description: 'Any token request by the Break-Glass Emergency Access App.',
      severity: 0,
      query: [
        'AADServicePrincipalSignInLogs',
        `| where AppId == "${apps.breakGlass.appId}" or ServicePrincipalId == "${apps.breakGlass.servicePrincipalId}"`,
        '| project TimeGenerated, ServicePrincipalName, AppId, IPAddress, ResultType, ServicePrincipalCredentialThumbprint',
      ].join('\n'),
    }),
  ];
}

function actionGroups(): ActionGroupInput[] {
  return [
    {
      id: actionGroupId,
      name: 'ag-breakglass-signin',
      type: 'Microsoft.Insights/ActionGroups',
      location: 'Global',
      tags: {},
      properties: {
        groupShortName: 'BG-Signin',
        enabled: true,
        // Listed in "Planted problems" in assets/demo-tenant.README.md.
        emailReceivers: [
          { name: 'SecOps mailbox', emailAddress: `secops@${customDomain}`, useCommonAlertSchema: true, status: 'Enabled' },
          { name: 'IT on-call', emailAddress: `it-oncall@${customDomain}`, useCommonAlertSchema: true, status: 'Enabled' },
        ],
        smsReceivers: [],
        webhookReceivers: [],
        voiceReceivers: [],
        itsmReceivers: [],
        azureAppPushReceivers: [],
        automationRunbookReceivers: [],
        logicAppReceivers: [],
        azureFunctionReceivers: [],
        armRoleReceivers: [],
        eventHubReceivers: [],
      },
    },
  ];
}

export function azure(): AzureInputSection {
  const log = (category: string) => ({ category, enabled: true, retentionPolicy: { enabled: false, days: 0 } });
  return {
    subscriptions: [
      {
        id: subscription,
        subscriptionId: azureIds.subscriptionId,
        displayName: 'Contoso Drill – Security Operations',
        state: 'Enabled',
        tenantId,
      },
    ],
    roleAssignments: [
      roleAssignment(
        azureIds.readerRoleAssignment,
        azureRoles.reader,
        apps.reader.servicePrincipalId,
        'ServicePrincipal',
        'Break-glass readiness checks read alert rules and action groups.',
      ),
      roleAssignment(
        azureIds.readerAadiamRoleAssignment,
        azureRoles.reader,
        apps.reader.servicePrincipalId,
        'ServicePrincipal',
        "Break-glass readiness checks read the tenant's Entra diagnostic settings.",
        '/providers/Microsoft.aadiam',
      ),
      roleAssignment(azureIds.ownerRoleAssignment, azureRoles.owner, userIds.adele, 'User', 'Subscription owner.'),
    ],
    diagnosticSettings: [
      {
        id: '/providers/microsoft.aadiam/diagnosticSettings/entra-to-secops-law',
        name: 'entra-to-secops-law',
        type: 'microsoft.aadiam/diagnosticSettings',
        properties: {
          storageAccountId: null,
          workspaceId,
          eventHubAuthorizationRuleId: null,
          eventHubName: null,
          serviceBusRuleId: null,
          logAnalyticsDestinationType: null,
          logs: [
            'AuditLogs',
            'SignInLogs',
            'NonInteractiveUserSignInLogs',
            'ServicePrincipalSignInLogs',
            'ManagedIdentitySignInLogs',
            'ProvisioningLogs',
            'RiskyUsers',
            'UserRiskEvents',
          ].map(log),
          metrics: [],
        },
      },
    ],
    scheduledQueryRules: alertRules(),
    actionGroups: actionGroups(),
  };
}

/**
 * A seed of objects pasted as Microsoft Graph and ARM return them, for the tests that the seed
 * takes what Microsoft returns (docs/domain.md, "The simulated-tenant seed").
 *
 * The objects below are written for these tests in the shapes of Microsoft's pages and examples:
 * resources/user.md and authorizationinfo.md (v1.0), a beta `GET /identity/conditionalAccess/policies/{id}`
 * export, fido2authenticationmethodconfiguration.md with passkeyProfiles (v1.0), and the
 * Azure/azure-rest-api-specs examples Microsoft.Insights/stable/2023-12-01/examples/getScheduledQueryRule.json,
 * …/2023-01-01/examples/getActionGroup.json and Microsoft.Aadiam/stable/2017-04-01/examples/getDiagnosticSetting.json.
 */
import { ids, testSeedJson, upn } from './sim-seed.ts';

export type Json = Record<string, unknown>;

export const pastedUserId = 'a0000000-0000-4000-8000-0000000000c1';
export const pastedPolicyId = 'e0000000-0000-4000-8000-0000000000c1';
const subscriptionId = '22222222-3333-4444-8555-666666666666';
const resourceGroup = `/subscriptions/${subscriptionId}/resourceGroups/rg-monitoring`;
export const actionGroupId = `${resourceGroup}/providers/microsoft.insights/actionGroups/bg-oncall`;
export const ruleId = `${resourceGroup}/providers/microsoft.insights/scheduledqueryrules/bg-sign-in`;
const workspaceId = `${resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/law-breakglass`;
const readerRole = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';

/** `GET /v1.0/users/{id}?$select=…` as Graph returns it: many properties null, CBA's certificateUserIds. */
export const pastedUser = {
  '@odata.context':
    'https://graph.microsoft.com/v1.0/$metadata#users(id,displayName,userPrincipalName,accountEnabled,userType,authorizationInfo)/$entity',
  id: pastedUserId,
  businessPhones: [],
  displayName: 'Break-glass CBA',
  givenName: null,
  jobTitle: null,
  mail: null,
  mobilePhone: null,
  officeLocation: null,
  preferredLanguage: null,
  surname: null,
  userPrincipalName: upn('bg-cba'),
  accountEnabled: true,
  userType: 'Member',
  ageGroup: null,
  city: null,
  companyName: null,
  department: null,
  employeeId: null,
  employeeLeaveDateTime: null,
  employeeOrgData: null,
  externalUserState: null,
  mailNickname: 'bg-cba',
  onPremisesSyncEnabled: null,
  onPremisesImmutableId: null,
  passwordPolicies: null,
  securityIdentifier: 'S-1-12-1-1111111111-2222222222-3333333333-4444444444',
  signInActivity: null,
  usageLocation: null,
  createdDateTime: '2026-02-13T11:37:41Z',
  otherMails: [],
  proxyAddresses: [],
  identities: [{ signInType: 'userPrincipalName', issuer: 'drilltest.onmicrosoft.com', issuerAssignedId: upn('bg-cba') }],
  authorizationInfo: { certificateUserIds: ['X509:<PN>bg-cba@drilltest.onmicrosoft.com'] },
};

/** A beta export of a policy: OData annotations on objects and properties, beta-only properties, an advertised action. */
export const pastedPolicy = {
  '@odata.context': 'https://graph.microsoft.com/beta/$metadata#identity/conditionalAccess/policies/$entity',
  '@odata.type': '#microsoft.graph.conditionalAccessPolicy',
  '@odata.id': `identity/conditionalAccess/policies('${pastedPolicyId}')`,
  '@odata.editLink': `identity/conditionalAccess/policies('${pastedPolicyId}')`,
  id: pastedPolicyId,
  templateId: null,
  displayName: 'CA000 Require MFA (pasted from beta)',
  'createdDateTime@odata.type': '#DateTimeOffset',
  createdDateTime: '2026-02-13T11:37:41.7574033Z',
  'modifiedDateTime@odata.type': '#DateTimeOffset',
  modifiedDateTime: null,
  'state@odata.type': '#microsoft.graph.conditionalAccessPolicyState',
  state: 'disabled',
  deletedDateTime: null,
  partialEnablementStrategy: null,
  sessionControls: null,
  conditions: {
    '@odata.type': '#microsoft.graph.conditionalAccessConditionSet',
    'userRiskLevels@odata.type': '#Collection(microsoft.graph.riskLevel)',
    userRiskLevels: [],
    signInRiskLevels: [],
    'clientAppTypes@odata.type': '#Collection(microsoft.graph.conditionalAccessClientApp)',
    clientAppTypes: ['all'],
    platforms: null,
    locations: null,
    times: null,
    deviceStates: null,
    devices: null,
    clientApplications: null,
    agents: null,
    applications: {
      '@odata.type': '#microsoft.graph.conditionalAccessApplications',
      'includeApplications@odata.type': '#Collection(String)',
      includeApplications: ['All'],
      excludeApplications: [],
      includeUserActions: [],
      includeAuthenticationContextClassReferences: [],
      applicationFilter: null,
    },
    users: {
      '@odata.type': '#microsoft.graph.conditionalAccessUsers',
      'includeUsers@odata.type': '#Collection(String)',
      includeUsers: ['All'],
      excludeUsers: [],
      includeGroups: [],
      excludeGroups: [ids.exclusionGroup],
      includeRoles: [],
      excludeRoles: [],
      includeGuestsOrExternalUsers: null,
      excludeGuestsOrExternalUsers: null,
    },
  },
  grantControls: {
    '@odata.type': '#microsoft.graph.conditionalAccessGrantControls',
    operator: 'OR',
    'builtInControls@odata.type': '#Collection(microsoft.graph.conditionalAccessGrantControl)',
    builtInControls: ['mfa'],
    customAuthenticationFactors: [],
    termsOfUse: [],
    'authenticationStrength@odata.context': `https://graph.microsoft.com/beta/$metadata#identity/conditionalAccess/policies('${pastedPolicyId}')/grantControls/authenticationStrength/$entity`,
    'authenticationStrength@odata.navigationLink': `https://graph.microsoft.com/beta/identity/conditionalAccess/policies('${pastedPolicyId}')/grantControls/authenticationStrength`,
    authenticationStrength: null,
  },
  '#microsoft.graph.restore': {
    title: 'microsoft.graph.restore',
    target: `https://graph.microsoft.com/beta/identity/conditionalAccess/policies('${pastedPolicyId}')/microsoft.graph.restore`,
  },
};

/** The passkey (FIDO2) policy after migration to passkey profiles (fido2authenticationmethodconfiguration, v1.0). */
export const passkeyPolicy = {
  '@odata.type': '#microsoft.graph.fido2AuthenticationMethodConfiguration',
  id: 'Fido2',
  state: 'enabled',
  defaultPasskeyProfile: '00000000-0000-0000-0000-000000000001',
  isSelfServiceRegistrationAllowed: true,
  isAttestationEnforced: true,
  keyRestrictions: { isEnforced: false, enforcementType: 'block', aaGuids: [] },
  includeTargets: [
    {
      targetType: 'group',
      id: 'all_users',
      isRegistrationRequired: false,
      allowedPasskeyProfiles: ['00000000-0000-0000-0000-000000000001'],
    },
  ],
  excludeTargets: [],
  passkeyProfiles: [
    {
      id: '00000000-0000-0000-0000-000000000001',
      name: 'Default passkey profile',
      passkeyTypes: 'deviceBound,synced',
      attestationEnforcement: 'disabled',
      keyRestrictions: { isEnforced: false, enforcementType: 'allow', aaGuids: [] },
    },
  ],
};

/** A log-search alert rule as the 2023-12-01 GET returns it, with what ARM adds: etag, systemData, identity. */
export const pastedRule = {
  id: ruleId,
  name: 'bg-sign-in',
  type: 'microsoft.insights/scheduledqueryrules',
  location: 'westeurope',
  kind: 'LogAlert',
  etag: '"0a00c1e2-0000-0d00-0000-65f0a0b10000"',
  systemData: {
    createdBy: 'custodian@drilltest.onmicrosoft.com',
    createdByType: 'User',
    createdAt: '2026-02-13T11:37:41.7574033Z',
    lastModifiedBy: 'custodian@drilltest.onmicrosoft.com',
    lastModifiedByType: 'User',
    lastModifiedAt: '2026-02-14T08:00:00Z',
  },
  identity: { type: 'SystemAssigned', principalId: 'f0000000-0000-4000-8000-0000000000c1', tenantId: ids.tenant },
  tags: {},
  properties: {
    createdWithApiVersion: '2023-12-01',
    isLegacyLogAnalyticsRule: false,
    displayName: 'Break-glass account signed in',
    description: 'Any sign-in of a break-glass account',
    severity: 0,
    enabled: true,
    evaluationFrequency: 'PT5M',
    scopes: [workspaceId],
    windowSize: 'PT5M',
    overrideQueryTimeRange: 'P2D',
    criteria: {
      allOf: [
        {
          query: `SigninLogs | where UserId == "${ids.bg1}"`,
          timeAggregation: 'Count',
          dimensions: [{ name: 'UserPrincipalName', operator: 'Include', values: ['*'] }],
          operator: 'GreaterThan',
          threshold: 0,
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 },
        },
      ],
    },
    muteActionsDuration: 'PT30M',
    autoMitigate: false,
    actions: {
      actionGroups: [actionGroupId],
      customProperties: { runbook: 'break-glass' },
      actionProperties: { 'Email.Subject': 'Break-glass sign-in' },
    },
    ruleResolveConfiguration: { autoResolved: true, timeToResolve: 'PT10M' },
    isWorkspaceAlertsStorageConfigured: false,
    checkWorkspaceAlertsStorageConfigured: false,
    skipQueryValidation: false,
  },
};

/** An action group as the 2023-01-01 GET returns it: every receiver list, webhook AAD fields. */
export const pastedActionGroup = {
  id: actionGroupId,
  type: 'Microsoft.Insights/ActionGroups',
  name: 'bg-oncall',
  location: 'Global',
  tags: {},
  properties: {
    groupShortName: 'bg-oncall',
    enabled: true,
    emailReceivers: [{ name: 'Security on call', emailAddress: 'oncall@drilltest.example', status: 'Enabled', useCommonAlertSchema: true }],
    smsReceivers: [{ name: 'On-call phone', countryCode: '49', phoneNumber: '1701234567', status: 'Enabled' }],
    webhookReceivers: [
      {
        name: 'SOAR',
        serviceUri: 'https://soar.drilltest.example/hook',
        useCommonAlertSchema: true,
        useAadAuth: true,
        objectId: 'f0000000-0000-4000-8000-0000000000c2',
        identifierUri: 'api://soar',
        tenantId: ids.tenant,
      },
    ],
    itsmReceivers: [],
    azureAppPushReceivers: [],
    automationRunbookReceivers: [],
    voiceReceivers: [],
    logicAppReceivers: [],
    azureFunctionReceivers: [],
    armRoleReceivers: [],
    eventHubReceivers: [],
  },
};

/** The tenant's Entra diagnostic setting as the 2017-04-01 GET example has it: empty type and workspace strings, metrics. */
export const pastedDiagnosticSetting = {
  id: 'providers/microsoft.aadiam/diagnosticSettings/to-law-breakglass',
  type: '',
  name: 'to-law-breakglass',
  properties: {
    storageAccountId: `${resourceGroup}/providers/Microsoft.Storage/storageAccounts/bgarchive`,
    workspaceId,
    eventHubAuthorizationRuleId: null,
    metrics: [{ category: 'WorkflowMetrics', enabled: false, retentionPolicy: { enabled: false, days: 0 } }],
    logs: [
      { category: 'SignInLogs', enabled: true, retentionPolicy: { enabled: false, days: 0 } },
      { category: 'ServicePrincipalSignInLogs', enabled: true, retentionPolicy: { enabled: false, days: 0 } },
    ],
  },
};

const assignment = (n: number, principalId: string, scope: string) => ({
  id: `${scope}/providers/Microsoft.Authorization/roleAssignments/33333333-0000-4000-8000-00000000000${n}`,
  name: `33333333-0000-4000-8000-00000000000${n}`,
  type: 'Microsoft.Authorization/roleAssignments',
  properties: {
    roleDefinitionId: `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${readerRole}`,
    principalId,
    principalType: 'ServicePrincipal',
    scope,
    condition: null,
    conditionVersion: null,
    createdOn: '2026-02-13T11:37:41.7574033Z',
    updatedOn: '2026-02-13T11:37:41.7574033Z',
    createdBy: 'a0000000-0000-4000-8000-000000000003',
    updatedBy: 'a0000000-0000-4000-8000-000000000003',
    delegatedManagedIdentityResourceId: null,
  },
});

export function pastedSeedJson(): Json {
  const json = testSeedJson();
  (json['users'] as Json[]).push(structuredClone(pastedUser));
  (json['conditionalAccessPolicies'] as Json[]).push(structuredClone(pastedPolicy));
  json['authenticationMethodConfigurations'] = [structuredClone(passkeyPolicy)];
  json['azure'] = {
    subscriptions: [
      {
        id: `/subscriptions/${subscriptionId}`,
        subscriptionId,
        displayName: 'Security monitoring',
        state: 'Enabled',
        tenantId: ids.tenant,
      },
    ],
    // Reader on the subscription for the reader app, and at /providers/microsoft.aadiam for the break-glass app.
    roleAssignments: [
      assignment(1, ids.reader.sp, `/subscriptions/${subscriptionId}`),
      assignment(2, ids.bgApp.sp, '/providers/microsoft.aadiam'),
    ],
    diagnosticSettings: [structuredClone(pastedDiagnosticSetting)],
    scheduledQueryRules: [structuredClone(pastedRule)],
    actionGroups: [structuredClone(pastedActionGroup)],
  };
  return json;
}

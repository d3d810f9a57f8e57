/**
 * The seed takes what Microsoft returns: objects pasted as Graph and ARM return them – every
 * property Microsoft defines, nullable ones as null, OData annotations, ARM's etag and
 * systemData – load, and the simulator serves them back as pasted. Only what Microsoft does not
 * define is refused, and shape, reference and secret problems come in one report.
 *
 * The objects below are written for this test in the shapes of Microsoft's pages and examples:
 * resources/user.md and authorizationinfo.md (v1.0), a beta `GET /identity/conditionalAccess/policies/{id}`
 * export, fido2authenticationmethodconfiguration.md with passkeyProfiles (v1.0), and the
 * Azure/azure-rest-api-specs examples Microsoft.Insights/stable/2023-12-01/examples/getScheduledQueryRule.json,
 * …/2023-01-01/examples/getActionGroup.json and Microsoft.Aadiam/stable/2017-04-01/examples/getDiagnosticSetting.json.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { SeedValidationError, validateSeed } from '../../src/sim/index.ts';
import { appToken, rawGraph } from '../helpers/graph-test.ts';
import { ids, testCertificates, testSeedJson, upn } from '../helpers/sim-seed.ts';
import { simRequest, startTestSimulator } from '../helpers/sim.ts';

type Json = Record<string, unknown>;

const pastedUserId = 'a0000000-0000-4000-8000-0000000000c1';
const pastedPolicyId = 'e0000000-0000-4000-8000-0000000000c1';
const subscriptionId = '22222222-3333-4444-8555-666666666666';
const resourceGroup = `/subscriptions/${subscriptionId}/resourceGroups/rg-monitoring`;
const actionGroupId = `${resourceGroup}/providers/microsoft.insights/actionGroups/bg-oncall`;
const ruleId = `${resourceGroup}/providers/microsoft.insights/scheduledqueryrules/bg-sign-in`;
const workspaceId = `${resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/law-breakglass`;
const readerRole = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';

/** `GET /v1.0/users/{id}?$select=…` as Graph returns it: many properties null, CBA's certificateUserIds. */
const pastedUser = {
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
const pastedPolicy = {
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
const passkeyPolicy = {
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
const pastedRule = {
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
const pastedActionGroup = {
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
const pastedDiagnosticSetting = {
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

function pastedSeedJson(): Json {
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

/** The problems validateSeed reports for the pasted seed after `change`. */
function problemsOf(change: (json: Json) => void): readonly string[] {
  const json = pastedSeedJson();
  change(json);
  try {
    validateSeed(json, 'drill/contoso.seed.json');
  } catch (error) {
    assert.ok(error instanceof SeedValidationError, String(error));
    return error.problems;
  }
  assert.fail('expected a SeedValidationError');
}

const { ['@odata.context']: _userContext, ...userAsServed } = pastedUser;
const { ['@odata.context']: _policyContext, ...policyAsServed } = pastedPolicy;

const sim = await startTestSimulator(validateSeed(pastedSeedJson(), 'drill/contoso.seed.json'));
const graphToken = await appToken(sim, ids.reader.appId);
async function arm(path: string, appId: string): Promise<Json> {
  const token = await appToken(sim, appId, 'https://management.azure.com/.default');
  const response = await simRequest(sim, path, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200, response.body.toString('utf8'));
  return JSON.parse(response.body.toString('utf8')) as Json;
}

describe('a seed of objects pasted from Microsoft Graph and ARM', () => {
  test('a user with authorizationInfo and nullable properties as null is served back as pasted on $select', async () => {
    const select = Object.keys(userAsServed).join(',');
    const response = await rawGraph(sim, `/v1.0/users/${pastedUserId}?$select=${select}`, { token: graphToken });
    assert.equal(response.status, 200);
    const { ['@odata.context']: context, ...served } = response.json as Json;
    assert.match(String(context), /\/v1\.0\/\$metadata#users/);
    assert.doesNotMatch(String(context), /graph\.microsoft\.com/, 'the simulator’s own context, not the pasted one');
    assert.deepEqual(served, userAsServed);
  });

  test('a beta export of a Conditional Access policy, annotations and all, is served back as pasted', async () => {
    const response = await rawGraph(sim, `/beta/identity/conditionalAccess/policies/${pastedPolicyId}`, { token: graphToken });
    assert.equal(response.status, 200);
    const { ['@odata.context']: context, ...served } = response.json as Json;
    assert.doesNotMatch(String(context), /graph\.microsoft\.com/);
    assert.deepEqual(served, policyAsServed);
  });

  test('over v1.0 the same policy comes without what only beta defines', async () => {
    const response = await rawGraph(sim, `/v1.0/identity/conditionalAccess/policies/${pastedPolicyId}`, { token: graphToken });
    assert.equal(response.status, 200);
    const served = response.json as Json;
    const { deletedDateTime: _deleted, partialEnablementStrategy: _partial, conditions, ...policy } = policyAsServed;
    const { times: _times, deviceStates: _deviceStates, agents: _agents, ...v1Conditions } = conditions;
    assert.deepEqual({ ...served, '@odata.context': undefined }, { '@odata.context': undefined, ...policy, conditions: v1Conditions });
  });

  test('the passkey (FIDO2) policy with passkeyProfiles is served back as pasted', async () => {
    const response = await rawGraph(sim, '/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/Fido2', {
      token: graphToken,
    });
    assert.equal(response.status, 200);
    const { ['@odata.context']: _context, ...served } = response.json as Json;
    assert.deepEqual(served, passkeyPolicy);
  });

  test('the 2023-12-01 alert rule with etag, systemData and identity, and the action group, come back from ARM as pasted', async () => {
    assert.deepEqual(await arm(`${ruleId}?api-version=2023-12-01`, ids.reader.appId), pastedRule);
    assert.deepEqual(await arm(`${actionGroupId}?api-version=2023-01-01`, ids.reader.appId), pastedActionGroup);
  });

  test('the Entra diagnostic setting comes back from ARM as pasted', async () => {
    const list = await arm('/providers/microsoft.aadiam/diagnosticSettings?api-version=2017-04-01', ids.bgApp.appId);
    assert.deepEqual(list['value'], [pastedDiagnosticSetting]);
  });
});

describe('only what Microsoft does not define is refused', () => {
  test('a property no Microsoft page defines, next to real ones, is refused at its JSON path', () => {
    const problems = problemsOf((json) => {
      ((json['users'] as Json[]).at(-1)!['authorizationInfo'] as Json)['certificateUserIdz'] = [];
      ((json['azure'] as Json)['scheduledQueryRules'] as Json[])[0]!['etagg'] = 'x';
      ((json['azure'] as Json)['actionGroups'] as Json[])[0]!['etag'] = '"not in the 2023-01-01 spec"';
      (json['conditionalAccessPolicies'] as Json[]).at(-1)!['policyOwner@odata.type'] = '#String';
    });
    assert.deepEqual([...problems].sort(), [
      "$.azure.actionGroups[0].etag: unknown key (not part of this object's Graph shape)",
      "$.azure.scheduledQueryRules[0].etagg: unknown key (not part of this object's Graph shape)",
      // An annotation is accepted only for a property the object has.
      "$.conditionalAccessPolicies[4]['policyOwner@odata.type']: unknown key (not part of this object's Graph shape)",
      "$.users[4].authorizationInfo.certificateUserIdz: unknown key (not part of this object's Graph shape)",
    ]);
  });

  test('shape, reference and secret problems come in one report, each at its JSON path', () => {
    const problems = problemsOf((json) => {
      (json['users'] as Json[]).at(-1)!['favouriteColour'] = 'blue';
      ((json['groups'] as Json[])[0]!['members'] as string[]).push('f9999999-0000-4000-8000-000000000099');
      ((json['simulator'] as Json)['credentials'] as Json[])[0]!['privateKeyPem'] = testCertificates().reader.privateKeyPem;
    });
    assert.deepEqual(
      problems.map((p) => p.slice(0, p.indexOf(': '))),
      ['$.users[4].favouriteColour', '$.groups[0].members[1]', '$.simulator.credentials[0].privateKeyPem'],
    );
  });
});

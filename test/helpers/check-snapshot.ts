/**
 * Hand-built tenant snapshots for the check tests: `readySnapshot()` is a tenant where every
 * check should pass for two break-glass accounts and the app; tests change one part of it.
 * (Each check module's tests extend what they need; keep this the common ground.)
 */
import { appOnlyActions } from '../../src/core/graph/app-only-actions.ts';
import type { CheckContext } from '../../src/core/checks/context.ts';
import { delegatedScopesToRequest } from '../../src/core/graph/delegated-permissions.ts';
import type { Readable, TenantSnapshot } from '../../src/core/checks/snapshot.ts';
import { globalAdministratorRoleId } from '../../src/shared/directory-roles.ts';
import { graphApplicationPermissions, permissionIds, type GraphApplicationPermission } from '../../src/shared/graph-permissions.ts';
import type { Inventory } from '../../src/shared/inventory.ts';

export const ok = <T>(value: T): Readable<T> => ({ ok: true, value });
export const unreadable = (reason: string): Readable<never> => ({ ok: false, reason });

export const tid = '11111111-2222-4333-8444-555555555555';
export const bg1 = { id: 'a0000000-0000-4000-8000-000000000001', userPrincipalName: 'bg1@drilltest.onmicrosoft.com' };
export const bg2 = { id: 'a0000000-0000-4000-8000-000000000002', userPrincipalName: 'bg2@drilltest.onmicrosoft.com' };
export const exclusionGroupId = 'b0000000-0000-4000-8000-000000000001';
export const app = {
  appId: 'd0000000-0000-4000-8000-000000000001',
  objectId: 'd1000000-0000-4000-8000-000000000001',
  servicePrincipalId: 'd2000000-0000-4000-8000-000000000001',
};
export const subscriptionId = 'f0000000-0000-4000-8000-000000000001';
/** Microsoft Graph Command Line Tools' service principal in the test tenant. */
export const graphCommandLineTools = {
  appId: '14d82eec-204b-4c2f-b7e8-296a70dab67e',
  servicePrincipalId: 'd2000000-0000-4000-8000-0000000000c1',
};

export function testInventory(change: Partial<Inventory> = {}): Inventory {
  return {
    tenantId: tid,
    endpoints: {
      authority: 'https://login.microsoftonline.com',
      graph: 'https://graph.microsoft.com',
      arm: 'https://management.azure.com',
    },
    accounts: [bg1, bg2],
    exclusionGroupId,
    app: { appId: app.appId, objectId: app.objectId },
    reader: { appId: 'd0000000-0000-4000-8000-000000000002' },
    monitoring: { subscriptionIds: [subscriptionId] },
    reviewIntervalDays: 90,
    ...change,
  };
}

export const now = new Date('2026-11-29T12:00:00Z');

export function context(snapshot: TenantSnapshot, change: Partial<Omit<CheckContext, 'snapshot'>> = {}): CheckContext {
  return { snapshot, now, certificateWarningDays: 30, ...change };
}

const ga = globalAdministratorRoleId;
export const graphServicePrincipalId = 'c0000000-0000-4000-8000-0000000000ff';
/** The tenant's Microsoft Graph app roles, by the ids Microsoft publishes (the product's own table). */
export const graphRoleIds = permissionIds(graphApplicationPermissions);

/** What a ready break-glass app is granted: the least privileged permission of every need of every runbook action. */
export const runbookAppPermissions: readonly GraphApplicationPermission[] = [
  ...new Set(appOnlyActions.flatMap((action) => action.permissions.map(([first]) => first!))),
];
export const workspaceId = `/subscriptions/${subscriptionId}/resourceGroups/rg-secops/providers/Microsoft.OperationalInsights/workspaces/law-secops`;
const actionGroupId = `/subscriptions/${subscriptionId}/resourceGroups/rg-secops/providers/microsoft.insights/actionGroups/ag-breakglass`;

const fido2 = (id: string, name: string) => ({
  '@odata.type': '#microsoft.graph.fido2AuthenticationMethod',
  id,
  displayName: name,
  aaGuid: 'cb69481e-8ff7-4039-93ec-0a2729a154a8',
  model: 'YubiKey 5 NFC',
  createdDateTime: '2026-01-05T10:00:00Z',
});
const passwordMethod = { '@odata.type': '#microsoft.graph.passwordAuthenticationMethod', id: '28c10230-6103-485e-b985-444c60001490' };

function account(user: { id: string; userPrincipalName: string }, keys: string[]) {
  return {
    configured: { ...user },
    user: ok({
      ...user,
      displayName: user.userPrincipalName.split('@')[0]!,
      accountEnabled: true,
      userType: 'Member',
      onPremisesSyncEnabled: null,
    }),
    signInActivity: ok({ lastSignInDateTime: '2026-11-12T09:00:00Z', lastSuccessfulSignInDateTime: '2026-11-12T09:00:00Z' }),
    transitiveMemberOf: ok([
      { id: exclusionGroupId, '@odata.type': '#microsoft.graph.group', displayName: 'CA-BreakGlassAccounts - Exclude' },
      {
        id: 'e0000000-0000-4000-8000-0000000000ga',
        '@odata.type': '#microsoft.graph.directoryRole',
        displayName: 'Global Administrator',
        roleTemplateId: ga,
      },
    ]),
    authenticationMethods: ok([...keys.map((k, i) => fido2(`${user.id}-key-${i}`, k)), passwordMethod]),
  };
}

const policyBase = (
  id: string,
  displayName: string,
  users: Record<string, string[]>,
  builtInControls: string[],
  extra: Record<string, unknown> = {},
) => ({
  id,
  displayName,
  state: 'enabled',
  conditions: {
    applications: {
      includeApplications: ['All'],
      excludeApplications: [],
      includeUserActions: [],
      includeAuthenticationContextClassReferences: [],
    },
    users: { includeUsers: [], excludeUsers: [], includeGroups: [], excludeGroups: [], includeRoles: [], excludeRoles: [], ...users },
    clientApplications: null,
  },
  grantControls: { operator: 'OR', builtInControls, authenticationStrength: null },
  ...extra,
});

/** A tenant where every check passes (review 10 days ago, certificate valid until 2031). */
export function readySnapshot(): TenantSnapshot {
  return {
    collectedAt: now.toISOString(),
    inventory: testInventory(),
    licence: 'P2',
    domains: ok([
      { id: 'drilltest.onmicrosoft.com', isInitial: true, isVerified: true, isDefault: false },
      { id: 'drilltest.example', isInitial: false, isVerified: true, isDefault: true },
    ]),
    accounts: [account(bg1, ['Safe key A1', 'Safe key A2']), account(bg2, ['Safe key B1', 'Safe key B2'])],
    conditionalAccessPolicies: ok([
      policyBase(
        'e0000000-0000-4000-8000-000000000001',
        'CA000 Require MFA for everyone',
        { includeUsers: ['All'], excludeGroups: [exclusionGroupId] },
        ['mfa'],
      ),
      policyBase(
        'e0000000-0000-4000-8000-000000000002',
        'CA001 Block legacy authentication',
        { includeUsers: ['All'], excludeGroups: [exclusionGroupId] },
        ['block'],
      ),
      policyBase(
        'e0000000-0000-4000-8000-000000000003',
        'CA006 Break-glass: phishing-resistant MFA',
        { includeGroups: [exclusionGroupId] },
        [],
        {
          grantControls: {
            operator: 'OR',
            builtInControls: [],
            authenticationStrength: {
              id: '00000000-0000-0000-0000-000000000004',
              displayName: 'Phishing-resistant MFA',
              allowedCombinations: ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor'],
            },
          },
        },
      ),
    ]),
    resolvedExclusionIds: ok(new Set([exclusionGroupId])),
    exclusionGroup: ok({
      id: exclusionGroupId,
      displayName: 'CA-BreakGlassAccounts - Exclude',
      securityEnabled: true,
      mailEnabled: false,
      groupTypes: [],
      isAssignableToRole: true,
      membershipRule: null,
      members: [
        { id: bg1.id, '@odata.type': '#microsoft.graph.user', displayName: 'bg1' },
        { id: bg2.id, '@odata.type': '#microsoft.graph.user', displayName: 'bg2' },
      ],
      owners: [],
    }),
    roleAssignmentSchedules: ok(
      [bg1.id, bg2.id, app.servicePrincipalId].map((principalId, n) => ({
        id: `assignment-${n}`,
        principalId,
        roleDefinitionId: ga,
        directoryScopeId: '/',
        memberType: 'Direct',
        assignmentType: 'Assigned',
        status: 'Provisioned',
        scheduleInfo: { startDateTime: '2026-01-01T00:00:00Z', expiration: { type: 'noExpiration', endDateTime: null, duration: null } },
      })),
    ),
    roleEligibilitySchedules: ok([]),
    roleManagementPolicyAssignments: ok([
      {
        id: `DirectoryRole_${tid}_p1_${ga}`,
        policyId: `DirectoryRole_${tid}_p1`,
        roleDefinitionId: ga,
        policy: {
          id: `DirectoryRole_${tid}_p1`,
          rules: [
            {
              '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyExpirationRule',
              id: 'Expiration_Admin_Assignment',
              isExpirationRequired: false,
              maximumDuration: 'P180D',
            },
            {
              '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyApprovalRule',
              id: 'Approval_EndUser_Assignment',
              setting: { isApprovalRequired: false, approvalStages: [] },
            },
          ],
        },
      },
    ]),
    authenticationMethodConfigurations: ok([
      {
        '@odata.type': '#microsoft.graph.fido2AuthenticationMethodConfiguration',
        id: 'Fido2',
        state: 'enabled',
        includeTargets: [{ targetType: 'group', id: 'all_users' }],
        excludeTargets: [],
      },
    ]),
    certificateAuthorities: ok([]),
    graphAppRoles: ok({
      servicePrincipalId: graphServicePrincipalId,
      roles: Object.entries(graphRoleIds).map(([value, id]) => ({ id, value })),
    }),
    app: {
      configured: { appId: app.appId, objectId: app.objectId },
      application: ok({
        id: app.objectId,
        appId: app.appId,
        displayName: 'Break-glass app',
        keyCredentials: [
          {
            keyId: 'f0000000-0000-4000-8000-00000000c001',
            type: 'AsymmetricX509Cert',
            usage: 'Verify',
            displayName: 'CN=Break-glass app',
            customKeyIdentifier: 'obLD1OX2BxgpOktcbX6PkBI0Vng=' /* Graph's base64 of thumbprint A1B2C3D4E5F60718293A4B5C6D7E8F9012345678 */,
            startDateTime: '2026-01-01T00:00:00Z',
            endDateTime: '2031-01-01T00:00:00Z',
          },
        ],
        passwordCredentials: [],
      }),
      owners: ok([]),
      servicePrincipal: ok({ id: app.servicePrincipalId, appId: app.appId, displayName: 'Break-glass app', accountEnabled: true }),
      appRoleAssignments: ok(
        runbookAppPermissions.map((name, n) => ({
          id: `grant-${n}`,
          appRoleId: graphRoleIds[name],
          resourceId: graphServicePrincipalId,
          principalId: app.servicePrincipalId,
        })),
      ),
      otherApplications: ok([]),
    },
    signInClient: {
      appId: graphCommandLineTools.appId,
      firstParty: true,
      servicePrincipal: ok({
        id: graphCommandLineTools.servicePrincipalId,
        appId: graphCommandLineTools.appId,
        displayName: 'Microsoft Graph Command Line Tools',
        accountEnabled: true,
        appRoleAssignmentRequired: false,
        appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
      }),
      delegatedGrants: ok([
        {
          id: 'grant-cli',
          clientId: graphCommandLineTools.servicePrincipalId,
          consentType: 'AllPrincipals',
          principalId: null,
          resourceId: graphServicePrincipalId,
          scope: delegatedScopesToRequest().join(' '),
        },
      ]),
      assignedTo: ok([]),
    },
    monitoring: {
      diagnosticSettings: ok([
        {
          name: 'entra-to-secops',
          properties: {
            workspaceId,
            logs: ['SignInLogs', 'NonInteractiveUserSignInLogs', 'ServicePrincipalSignInLogs', 'AuditLogs'].map((category) => ({
              category,
              enabled: true,
            })),
          },
        },
      ]),
      scheduledQueryRules: ok([
        {
          id: `/subscriptions/${subscriptionId}/resourceGroups/rg-secops/providers/Microsoft.Insights/scheduledQueryRules/sev0-breakglass-accounts`,
          name: 'sev0-breakglass-accounts',
          properties: {
            enabled: true,
            severity: 0,
            scopes: [workspaceId],
            criteria: { allOf: [{ query: `SigninLogs | where UserId in ("${bg1.id}", "${bg2.id}")` }] },
            actions: { actionGroups: [actionGroupId] },
          },
        },
        {
          id: `/subscriptions/${subscriptionId}/resourceGroups/rg-secops/providers/Microsoft.Insights/scheduledQueryRules/sev0-breakglass-app`,
          name: 'sev0-breakglass-app',
          properties: {
            enabled: true,
            severity: 0,
            scopes: [workspaceId],
            criteria: { allOf: [{ query: `AADServicePrincipalSignInLogs | where AppId == "${app.appId}"` }] },
            actions: { actionGroups: [actionGroupId] },
          },
        },
      ]),
      actionGroups: ok([
        {
          id: actionGroupId,
          name: 'ag-breakglass',
          properties: {
            enabled: true,
            emailReceivers: [{ name: 'SOC mailbox', emailAddress: 'soc@partner-soc.example', status: 'Enabled' }],
            smsReceivers: [{ name: 'On-call phone', status: 'Enabled' }],
          },
        },
      ]),
    },
    reviews: ok({ lastReviewOrDrillAt: '2026-11-19T10:00:00Z', journal: 'journal.sqlite3' }),
  } as TenantSnapshot;
}

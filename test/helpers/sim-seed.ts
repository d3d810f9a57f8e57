/**
 * A small simulated tenant for tests, built in code so each test can see what it relies on:
 * two break-glass users (bg1 excluded from the block policy through a *nested* group, bg2 not
 * excluded), an administrator with only a password, a disabled user, the break-glass app, a
 * reader app, a line-of-business app blocked by a workload-identity policy, and a public client
 * for interactive sign-in. Certificates are made once per test process.
 */
import { certificateFacts, createSelfSignedCertificate, type CertificateWithKey } from '../../src/node/x509/certificates.ts';
import { globalAdministratorRoleId } from '../../src/shared/directory-roles.ts';
import { graphApplicationPermissions, graphDelegatedPermissions, permissionIds } from '../../src/shared/graph-permissions.ts';
import { validateSeed, type Seed } from '../../src/sim/index.ts';

export const ids = {
  tenant: '11111111-2222-4333-8444-555555555555',
  bg1: 'a0000000-0000-4000-8000-000000000001',
  bg2: 'a0000000-0000-4000-8000-000000000002',
  admin: 'a0000000-0000-4000-8000-000000000003',
  disabled: 'a0000000-0000-4000-8000-000000000004',
  exclusionGroup: 'b0000000-0000-4000-8000-000000000001',
  innerGroup: 'b0000000-0000-4000-8000-000000000002',
  graphSp: 'c0000000-0000-4000-8000-0000000000ff',
  bgApp: {
    appId: 'd0000000-0000-4000-8000-000000000001',
    objectId: 'd1000000-0000-4000-8000-000000000001',
    sp: 'd2000000-0000-4000-8000-000000000001',
  },
  reader: {
    appId: 'd0000000-0000-4000-8000-000000000002',
    objectId: 'd1000000-0000-4000-8000-000000000002',
    sp: 'd2000000-0000-4000-8000-000000000002',
  },
  lobApp: {
    appId: 'd0000000-0000-4000-8000-000000000003',
    objectId: 'd1000000-0000-4000-8000-000000000003',
    sp: 'd2000000-0000-4000-8000-000000000003',
  },
  custodian: {
    appId: 'd0000000-0000-4000-8000-000000000004',
    objectId: 'd1000000-0000-4000-8000-000000000004',
    sp: 'd2000000-0000-4000-8000-000000000004',
  },
  blockPolicy: 'e0000000-0000-4000-8000-000000000001',
  reportOnlyPolicy: 'e0000000-0000-4000-8000-000000000002',
  mfaPolicy: 'e0000000-0000-4000-8000-000000000003',
  workloadPolicy: 'e0000000-0000-4000-8000-000000000004',
} as const;

export const domain = 'drilltest.onmicrosoft.com';
export const upn = (name: string) => `${name}@${domain}`;
export const pins = { bg1: '111111', bg2: '222222', disabled: '333333' } as const;
export const adminPassword = 'correct horse battery staple 42';

export const globalAdministrator = globalAdministratorRoleId;

/** The test tenant's Microsoft Graph application permissions (its Graph service principal's app roles). */
export const graphRoles = permissionIds(graphApplicationPermissions, [
  'Directory.Read.All',
  'Directory.ReadWrite.All',
  'Policy.Read.All',
  'Policy.ReadWrite.ConditionalAccess',
  'Application.ReadWrite.All',
  'AuditLog.Read.All',
  'RoleManagement.Read.Directory',
  'UserAuthenticationMethod.ReadWrite.All',
  'Application.Read.All',
  'RoleManagement.ReadWrite.Directory',
  'User-PasswordProfile.ReadWrite.All',
  'User.RevokeSessions.All',
] as const);

/** The test tenant's Microsoft Graph delegated permissions: what the product's account sign-in asks for. */
export const graphDelegated = permissionIds(graphDelegatedPermissions, [
  'User.Read',
  'Directory.Read.All',
  'Directory.AccessAsUser.All',
  'Policy.Read.All',
  'Policy.ReadWrite.ConditionalAccess',
  'Application.Read.All',
  'Application.ReadWrite.All',
  'RoleManagement.ReadWrite.Directory',
  'UserAuthenticationMethod.ReadWrite.All',
  'User.ReadWrite.All',
  'AuditLog.Read.All',
] as const);

export const custodianConsentGrantId = 'custodian-consent-all-principals';

/** A seed change: nobody has consented to anything for any client (a tenant where no one signed in through it). */
export function withoutConsent(json: Record<string, unknown>): void {
  json['oauth2PermissionGrants'] = [];
}

/**
 * What the break-glass app is granted: every recovery and rotation write of the runbook by the
 * application permission Graph's pages name (Global Administrator, which it also holds, does not
 * authorize app-only calls, but the password reset of an administrator needs it as well).
 */
export const breakGlassAppPermissions = [
  'Directory.ReadWrite.All',
  'Policy.Read.All',
  'Policy.ReadWrite.ConditionalAccess',
  'Application.Read.All',
  'RoleManagement.ReadWrite.Directory',
  'User-PasswordProfile.ReadWrite.All',
  'User.RevokeSessions.All',
  'UserAuthenticationMethod.ReadWrite.All',
] as const satisfies readonly (keyof typeof graphRoles)[];

const day = 86_400_000;

function certificate(commonName: string): CertificateWithKey {
  const now = Date.now();
  return createSelfSignedCertificate({ commonName, notBefore: new Date(now - day), notAfter: new Date(now + 365 * day) });
}

let made: { bgApp: CertificateWithKey; reader: CertificateWithKey; lobApp: CertificateWithKey } | undefined;

/** The test apps' certificates (with private keys), made once per process. */
export function testCertificates() {
  made ??= { bgApp: certificate('Break-glass app'), reader: certificate('Reader app'), lobApp: certificate('Line-of-business app') };
  return made;
}

export function keyCredential(cert: CertificateWithKey, keyId: string, displayName: string) {
  const facts = certificateFacts(cert.certificatePem);
  return {
    // Graph's shape: Binary, the thumbprint's 20 bytes in base64 (resources/keycredential.md).
    customKeyIdentifier: facts.sha1Base64,
    displayName,
    endDateTime: facts.notAfter.toISOString(),
    key: facts.derBase64,
    keyId,
    startDateTime: facts.notBefore.toISOString(),
    type: 'AsymmetricX509Cert' as const,
    usage: 'Verify' as const,
  };
}

const fido2 = (id: string, displayName: string) => ({
  '@odata.type': '#microsoft.graph.fido2AuthenticationMethod' as const,
  id,
  displayName,
  aaGuid: 'cb69481e-8ff7-4039-93ec-0a2729a154a8',
  model: 'YubiKey 5 Series',
  createdDateTime: '2026-01-05T10:00:00Z',
});

const user = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id,
  displayName: name,
  userPrincipalName: upn(name),
  accountEnabled: true,
  userType: 'Member' as const,
  ...extra,
});

const caUsers = (include: string[], excludeUsers: string[] = [], excludeGroups: string[] = []) => ({
  includeUsers: include,
  excludeUsers,
  includeGroups: [],
  excludeGroups,
  includeRoles: [],
  excludeRoles: [],
});

const policy = (id: string, displayName: string, state: string, conditions: Record<string, unknown>, builtInControls: string[]) => ({
  id,
  displayName,
  state,
  conditions: {
    applications: {
      includeApplications: ['All'],
      excludeApplications: [],
      includeUserActions: [],
      includeAuthenticationContextClassReferences: [],
    },
    clientAppTypes: ['all'],
    signInRiskLevels: [],
    userRiskLevels: [],
    ...conditions,
  },
  grantControls: { operator: 'OR', builtInControls, customAuthenticationFactors: [], termsOfUse: [] },
});

const application = (
  app: { appId: string; objectId: string },
  displayName: string,
  keyCredentials: unknown[],
  extra: Record<string, unknown> = {},
) => ({
  id: app.objectId,
  appId: app.appId,
  displayName,
  signInAudience: 'AzureADMyOrg',
  keyCredentials,
  passwordCredentials: [],
  owners: [],
  ...extra,
});

const servicePrincipal = (app: { appId: string; sp: string }, displayName: string) => ({
  id: app.sp,
  appId: app.appId,
  displayName,
  accountEnabled: true,
  servicePrincipalType: 'Application',
  appOwnerOrganizationId: ids.tenant,
  appRoles: [],
  oauth2PermissionScopes: [],
});

const grant = (n: number, principal: string, role: keyof typeof graphRoles) => ({
  id: `grant-${n}`,
  appRoleId: graphRoles[role],
  principalId: principal,
  principalType: 'ServicePrincipal',
  resourceId: ids.graphSp,
});

/** A permanent, active Global Administrator assignment (a roleAssignmentSchedule). */
export const permanentGa = (n: number | string, principalId: string) => ({
  id: `assignment-${n}`,
  principalId,
  roleDefinitionId: globalAdministrator,
  directoryScopeId: '/',
  status: 'Provisioned',
  memberType: 'Direct',
  assignmentType: 'Assigned',
  scheduleInfo: { startDateTime: '2026-01-01T00:00:00Z', expiration: { type: 'noExpiration' } },
});

/** The seed as JSON (before validation), so tests can change it and see validation fail. */
export function testSeedJson(): Record<string, unknown> {
  const certs = testCertificates();
  return {
    tenant: { id: ids.tenant, displayName: 'Drill Test Tenant', licence: 'P2' },
    domains: [{ id: domain, authenticationType: 'Managed', isDefault: true, isInitial: true, isVerified: true }],
    users: [
      user(ids.bg1, 'bg1', { authenticationMethods: [fido2('bg1-key-a', 'Safe key A')] }),
      user(ids.bg2, 'bg2', { authenticationMethods: [fido2('bg2-key-a', 'Safe key B')] }),
      user(ids.admin, 'admin'),
      user(ids.disabled, 'disabled', { accountEnabled: false, authenticationMethods: [fido2('disabled-key', 'Old key')] }),
    ],
    groups: [
      {
        id: ids.exclusionGroup,
        displayName: 'CA-BreakGlassAccounts - Exclude',
        mailEnabled: false,
        securityEnabled: true,
        groupTypes: [],
        members: [ids.innerGroup],
        owners: [],
      },
      {
        id: ids.innerGroup,
        displayName: 'Break-glass (nested)',
        mailEnabled: false,
        securityEnabled: true,
        groupTypes: [],
        members: [ids.bg1],
        owners: [],
      },
    ],
    conditionalAccessPolicies: [
      policy(
        ids.blockPolicy,
        'Block everyone but break-glass and admin',
        'enabled',
        { users: caUsers(['All'], [ids.admin], [ids.exclusionGroup]) },
        ['block'],
      ),
      policy(ids.reportOnlyPolicy, 'Report-only: block everyone', 'enabledForReportingButNotEnforced', { users: caUsers(['All']) }, [
        'block',
      ]),
      policy(ids.mfaPolicy, 'Require MFA for everyone', 'enabled', { users: caUsers(['All']) }, ['mfa']),
      policy(
        ids.workloadPolicy,
        'Block line-of-business app',
        'enabled',
        { users: caUsers(['None']), clientApplications: { includeServicePrincipals: [ids.lobApp.sp], excludeServicePrincipals: [] } },
        ['block'],
      ),
    ],
    roleAssignmentSchedules: [permanentGa(1, ids.bg1), permanentGa(2, ids.bg2), permanentGa(3, ids.bgApp.sp)],
    applications: [
      application(ids.bgApp, 'Break-glass app', [keyCredential(certs.bgApp, 'f0000000-0000-4000-8000-000000000001', 'CN=Break-glass app')]),
      application(ids.reader, 'Reader app', [keyCredential(certs.reader, 'f0000000-0000-4000-8000-000000000002', 'CN=Reader app')]),
      application(ids.lobApp, 'Line-of-business app', [
        keyCredential(certs.lobApp, 'f0000000-0000-4000-8000-000000000003', 'CN=Line-of-business app'),
      ]),
      application(ids.custodian, 'Custodian sign-in', [], {
        isFallbackPublicClient: true,
        publicClient: { redirectUris: ['http://localhost'] },
      }),
    ],
    servicePrincipals: [
      {
        id: ids.graphSp,
        appId: '00000003-0000-0000-c000-000000000000',
        displayName: 'Microsoft Graph',
        accountEnabled: true,
        servicePrincipalType: 'Application',
        appRoles: Object.entries(graphRoles).map(([value, id]) => ({ id, value, allowedMemberTypes: ['Application'], isEnabled: true })),
        oauth2PermissionScopes: Object.entries(graphDelegated).map(([value, id]) => ({
          id,
          value,
          isEnabled: true,
          type: value === 'User.Read' ? 'User' : 'Admin',
        })),
      },
      servicePrincipal(ids.bgApp, 'Break-glass app'),
      servicePrincipal(ids.reader, 'Reader app'),
      servicePrincipal(ids.lobApp, 'Line-of-business app'),
      servicePrincipal(ids.custodian, 'Custodian sign-in'),
    ],
    appRoleAssignments: [
      ...breakGlassAppPermissions.map((role, n) => grant(10 + n, ids.bgApp.sp, role)),
      grant(2, ids.reader.sp, 'Directory.Read.All'),
      grant(3, ids.reader.sp, 'Policy.Read.All'),
      grant(4, ids.reader.sp, 'AuditLog.Read.All'),
      grant(5, ids.lobApp.sp, 'Directory.Read.All'),
      // application-get: Directory.Read.All does not read applications app-only.
      grant(6, ids.reader.sp, 'Application.Read.All'),
    ],
    // The custodian's client holds tenant-wide consent to every scope the product's sign-in asks for.
    oauth2PermissionGrants: [
      {
        id: custodianConsentGrantId,
        clientId: ids.custodian.sp,
        consentType: 'AllPrincipals',
        principalId: null,
        resourceId: ids.graphSp,
        scope: Object.keys(graphDelegated).join(' '),
      },
    ],
    simulator: {
      credentials: [
        { appId: ids.bgApp.appId, ...certs.bgApp },
        { appId: ids.reader.appId, ...certs.reader },
        { appId: ids.lobApp.appId, ...certs.lobApp },
      ],
      securityKeys: [
        { userId: ids.bg1, fido2MethodId: 'bg1-key-a', pin: pins.bg1 },
        { userId: ids.bg2, fido2MethodId: 'bg2-key-a', pin: pins.bg2 },
        { userId: ids.disabled, fido2MethodId: 'disabled-key', pin: pins.disabled },
      ],
      passwords: [{ userId: ids.admin, password: adminPassword }],
    },
  };
}

export function testSeed(change?: (json: Record<string, unknown>) => void): Seed {
  const json = testSeedJson();
  change?.(json);
  return validateSeed(json, 'test seed');
}

/** Index of a user's key in `simulator.securityKeys` – the value the security-key page posts. */
export const keyIndex = { bg1: '0', bg2: '1', disabled: '2' } as const;

/** A seed change: the app's only keyCredential ended an hour ago (an app with no valid certificate left). */
export function expireAppKey(appId: string): (json: Record<string, unknown>) => void {
  return (json) => {
    const apps = json['applications'] as Array<{ appId: string; keyCredentials: Array<{ startDateTime: string; endDateTime: string }> }>;
    const key = apps.find((a) => a.appId === appId)!.keyCredentials[0]!;
    key.startDateTime = new Date(Date.now() - 30 * 86_400_000).toISOString();
    key.endDateTime = new Date(Date.now() - 3_600_000).toISOString();
  };
}

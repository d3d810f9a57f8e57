/**
 * App registrations, service principals and Graph app-role grants of the demo tenant: the
 * break-glass app (certificate, no owners, the runbook's application permissions and Global Administrator),
 * the read-only readiness reader, the public client custodians sign in with, two
 * line-of-business apps, and Microsoft's first-party resources (Graph, Azure management).
 */
import { certificateFacts, type CertificateWithKey } from '../../src/node/x509/certificates.ts';
import {
  graphApplicationPermissions,
  graphDelegatedPermissions,
  type GraphApplicationPermission,
  type GraphDelegatedPermission,
} from '../../src/shared/graph-permissions.ts';
import { appRoleAssignmentId } from './encoded-ids.ts';
import {
  apps,
  azureServiceManagement,
  azureUserImpersonationScopeId,
  customDomain,
  keyIds,
  microsoftGraph,
  microsoftServicesTenantId,
  tenantId,
  userIds,
} from './ids.ts';
import type {
  AppRoleAssignmentInput,
  ApplicationInput,
  KeyCredentialInput,
  OAuth2PermissionGrantInput,
  ServicePrincipalInput,
} from './shapes.ts';

export type DemoCertificates = { readonly breakGlass: CertificateWithKey; readonly reader: CertificateWithKey };

/**
 * A certificate credential as Graph returns it on `$select=keyCredentials`: the thumbprint's bytes
 * in base64 in customKeyIdentifier (Binary, defaulting to the thumbprint), the base64 DER in key
 * (https://learn.microsoft.com/graph/api/resources/keycredential).
 */
function certificateCredential(certificate: CertificateWithKey, keyId: string): KeyCredentialInput {
  const facts = certificateFacts(certificate.certificatePem);
  return {
    customKeyIdentifier: facts.sha1Base64,
    displayName: facts.subject,
    endDateTime: facts.notAfter.toISOString(),
    key: facts.derBase64,
    keyId,
    startDateTime: facts.notBefore.toISOString(),
    type: 'AsymmetricX509Cert',
    usage: 'Verify',
  };
}

const secret = (keyId: string, displayName: string, hint: string, startDateTime: string, endDateTime: string) => ({
  customKeyIdentifier: null,
  displayName,
  endDateTime,
  hint,
  keyId,
  secretText: null,
  startDateTime,
});

const graphPermissions = (appRoles: GraphApplicationPermission[], scopes: GraphDelegatedPermission[] = []) => ({
  resourceAppId: microsoftGraph.appId,
  resourceAccess: [
    ...appRoles.map((name) => ({ id: graphApplicationPermissions[name].id, type: 'Role' as const })),
    ...scopes.map((name) => ({ id: graphDelegatedPermissions[name].id, type: 'Scope' as const })),
  ],
});

/**
 * What the break-glass app holds: the application permission each recovery and rotation write of
 * the runbook needs, per Graph's API pages (Global Administrator, which it also holds, authorizes no
 * app-only call but is the privileged role a password reset of an administrator needs as well).
 */
const breakGlassAppRoles: GraphApplicationPermission[] = [
  'Directory.ReadWrite.All',
  'Policy.Read.All',
  'Policy.ReadWrite.ConditionalAccess',
  'Application.Read.All',
  'RoleManagement.ReadWrite.Directory',
  'User-PasswordProfile.ReadWrite.All',
  'User.RevokeSessions.All',
  'UserAuthenticationMethod.ReadWrite.All',
];
/** Exactly what the routine readiness checks read. */
const readerAppRoles: GraphApplicationPermission[] = [
  'Directory.Read.All',
  'Policy.Read.All',
  'AuditLog.Read.All',
  'RoleManagement.Read.Directory',
  'UserAuthenticationMethod.Read.All',
  'Application.Read.All',
];
const payrollAppRoles: GraphApplicationPermission[] = ['User.Read.All'];

export function applications(certificates: DemoCertificates): ApplicationInput[] {
  const registration = (ids: { objectId: string; appId: string }, displayName: string, createdDateTime: string) => ({
    id: ids.objectId,
    appId: ids.appId,
    displayName,
    createdDateTime,
    signInAudience: 'AzureADMyOrg' as const,
    publisherDomain: customDomain,
    tags: [],
    isFallbackPublicClient: null,
  });
  return [
    {
      ...registration(apps.breakGlass, 'Break-Glass Emergency Access App', '2026-01-12T14:55:20Z'),
      description: 'Emergency access when no administrator can sign in. Certificate kept in the safe. Any sign-in raises a Sev-0 alert.',
      keyCredentials: [certificateCredential(certificates.breakGlass, keyIds.breakGlassCertificate)],
      // Listed in "Planted problems" in assets/demo-tenant.README.md.
      passwordCredentials: [secret(keyIds.breakGlassSecret, 'setup test', 'Wq8', '2026-01-12T14:57:03Z', '2027-01-12T14:57:03Z')],
      requiredResourceAccess: [graphPermissions(breakGlassAppRoles)],
      owners: [],
    },
    {
      ...registration(apps.reader, 'Break-Glass Readiness Reader', '2026-01-12T15:06:41Z'),
      description: 'Read-only: routine break-glass readiness checks (never signs in as a break-glass credential).',
      keyCredentials: [certificateCredential(certificates.reader, keyIds.readerCertificate)],
      passwordCredentials: [],
      requiredResourceAccess: [graphPermissions(readerAppRoles)],
      owners: [userIds.megan],
    },
    {
      ...registration(apps.custodian, 'Break-Glass Runbook (custodian sign-in)', '2026-01-12T15:14:18Z'),
      description: 'Public client for the interactive FIDO2 sign-in of a break-glass account from the runbook laptop.',
      isFallbackPublicClient: true,
      keyCredentials: [],
      passwordCredentials: [],
      publicClient: { redirectUris: ['http://localhost'] },
      requiredResourceAccess: [
        graphPermissions([], custodianGraphScopes),
        { resourceAppId: azureServiceManagement.appId, resourceAccess: [{ id: azureUserImpersonationScopeId, type: 'Scope' }] },
      ],
      owners: [],
    },
    {
      ...registration(apps.expenses, 'Contoso Expenses', '2024-06-03T09:27:55Z'),
      keyCredentials: [],
      passwordCredentials: [secret(keyIds.expensesSecret, 'prod', 'p7K', '2025-06-01T00:00:00Z', '2027-06-01T00:00:00Z')],
      requiredResourceAccess: [graphPermissions([], ['User.Read'])],
      web: {
        redirectUris: [`https://expenses.${customDomain}/signin-oidc`],
        homePageUrl: `https://expenses.${customDomain}/`,
        logoutUrl: `https://expenses.${customDomain}/signout-oidc`,
      },
      owners: [userIds.diego],
    },
    {
      ...registration(apps.payroll, 'Payroll Export Connector', '2025-02-17T11:40:09Z'),
      keyCredentials: [],
      passwordCredentials: [secret(keyIds.payrollSecret, 'connector', 'j2R', '2025-02-17T11:41:30Z', '2027-02-17T11:41:30Z')],
      requiredResourceAccess: [graphPermissions(payrollAppRoles)],
      owners: [userIds.adele],
    },
  ];
}

export function servicePrincipals(): ServicePrincipalInput[] {
  const ownApp = (ids: { appId: string; servicePrincipalId: string }, displayName: string): ServicePrincipalInput => ({
    id: ids.servicePrincipalId,
    appId: ids.appId,
    displayName,
    accountEnabled: true,
    servicePrincipalType: 'Application',
    appOwnerOrganizationId: tenantId,
    appRoleAssignmentRequired: false,
    servicePrincipalNames: [ids.appId],
    tags: ['WindowsAzureActiveDirectoryIntegratedApp'],
    appRoles: [],
    oauth2PermissionScopes: [],
  });
  const firstParty = {
    accountEnabled: true,
    servicePrincipalType: 'Application' as const,
    appOwnerOrganizationId: microsoftServicesTenantId,
    appRoleAssignmentRequired: false,
    tags: [],
  };
  return [
    {
      ...firstParty,
      id: microsoftGraph.servicePrincipalId,
      appId: microsoftGraph.appId,
      displayName: 'Microsoft Graph',
      servicePrincipalNames: [
        'https://graph.microsoft.com',
        'https://graph.microsoft.com/',
        microsoftGraph.appId,
        'https://canary.graph.microsoft.com',
      ],
      appRoles: Object.entries(graphApplicationPermissions).map(([value, role]) => ({
        id: role.id,
        value,
        displayName: role.displayName,
        allowedMemberTypes: ['Application' as const],
        isEnabled: true,
        origin: 'Application',
      })),
      oauth2PermissionScopes: Object.entries(graphDelegatedPermissions).map(([value, scope]) => ({
        id: scope.id,
        value,
        adminConsentDisplayName: scope.displayName,
        isEnabled: true,
        type: scope.type,
      })),
    },
    {
      ...firstParty,
      id: azureServiceManagement.servicePrincipalId,
      appId: azureServiceManagement.appId,
      displayName: 'Windows Azure Service Management API',
      servicePrincipalNames: ['https://management.core.windows.net/', 'https://management.azure.com/', azureServiceManagement.appId],
      appRoles: [],
      oauth2PermissionScopes: [
        {
          id: azureUserImpersonationScopeId,
          value: 'user_impersonation',
          adminConsentDisplayName: 'Access Azure Service Management as organization users (preview)',
          isEnabled: true,
          type: 'User',
        },
      ],
    },
    ownApp(apps.breakGlass, 'Break-Glass Emergency Access App'),
    ownApp(apps.reader, 'Break-Glass Readiness Reader'),
    ownApp(apps.custodian, 'Break-Glass Runbook (custodian sign-in)'),
    ownApp(apps.expenses, 'Contoso Expenses'),
    ownApp(apps.payroll, 'Payroll Export Connector'),
  ];
}

/**
 * What the custodian client's account sign-in asks for (the product's core/graph/delegated-permissions.ts,
 * listed here because the simulator never imports the product), plus the audit log for drills.
 */
const custodianGraphScopes: GraphDelegatedPermission[] = [
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
];

/**
 * Admin consent to the custodian client's delegated permissions, granted for the whole
 * organization when the client was set up – so a drill signs in without a consent prompt (the
 * prompt itself is exercised by the tests on a tenant without these grants). Graph's shape:
 * https://learn.microsoft.com/graph/api/resources/oauth2permissiongrant.
 */
export function oauth2PermissionGrants(): OAuth2PermissionGrantInput[] {
  const grant = (resourceId: string, scope: string) => ({
    id: `${apps.custodian.servicePrincipalId.replaceAll('-', '').slice(0, 22)}${resourceId.replaceAll('-', '').slice(0, 21)}`,
    clientId: apps.custodian.servicePrincipalId,
    consentType: 'AllPrincipals' as const,
    principalId: null,
    resourceId,
    scope,
  });
  return [
    grant(microsoftGraph.servicePrincipalId, ['openid', 'profile', 'offline_access', ...custodianGraphScopes].join(' ')),
    grant(azureServiceManagement.servicePrincipalId, 'user_impersonation'),
  ];
}

/** Admin consent to application permissions: one grant per app role on the Graph service principal. */
export function appRoleAssignments(): AppRoleAssignmentInput[] {
  const grants = (
    principal: { servicePrincipalId: string },
    principalDisplayName: string,
    roles: GraphApplicationPermission[],
    createdDateTime: string,
  ) =>
    roles.map((role) => ({
      id: appRoleAssignmentId(principal.servicePrincipalId, graphApplicationPermissions[role].id),
      appRoleId: graphApplicationPermissions[role].id,
      createdDateTime,
      deletedDateTime: null,
      principalDisplayName,
      principalId: principal.servicePrincipalId,
      principalType: 'ServicePrincipal' as const,
      resourceDisplayName: 'Microsoft Graph',
      resourceId: microsoftGraph.servicePrincipalId,
    }));
  return [
    ...grants(apps.breakGlass, 'Break-Glass Emergency Access App', breakGlassAppRoles, '2026-01-12T15:01:12Z'),
    ...grants(apps.reader, 'Break-Glass Readiness Reader', readerAppRoles, '2026-01-12T15:08:36Z'),
    ...grants(apps.payroll, 'Payroll Export Connector', payrollAppRoles, '2025-02-17T11:45:02Z'),
  ];
}

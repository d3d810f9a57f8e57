/**
 * The demo tenant's Conditional Access policies, named and shaped after the public
 * j0eyv/ConditionalAccessBaseline (docs/microsoft-behaviour.md, "A public Conditional Access baseline"): CA0xx global, CA1xx admins, CA2xx
 * internals, CA3xx service accounts, CA4xx guests, CA5xx workload identities. Almost every
 * policy excludes "CA-BreakGlassAccounts - Exclude"; CA006 targets only that group and requires
 * phishing-resistant MFA (the intended protection of the break-glass accounts, BG-CA-03).
 */
import { apps, groupIds, intuneEnrollmentAppId, namedLocations, roles, userIds } from './ids.ts';
import {
  allGuestsAndExternalUsers,
  caApplications,
  caUsers,
  neverPersistBrowser,
  phishingResistantMfa,
  policy,
  requireControls,
  requireStrength,
  sessionControls,
  signInEveryTime,
  signInFrequency,
} from './policy-builders.ts';
import type { PolicyInput } from './shapes.ts';

const breakGlassGroup = groupIds.breakGlassExclusion;

/** Targets only the break-glass group and requires phishing-resistant MFA: protection, not lock-out (BG-CA-03). */
export const breakGlassProtectionPolicy = {
  id: 'c8b3e1d6-4a9f-4f72-b5e8-1d6c3a9f0e47',
  displayName: 'CA006-Global-IdentityProtection-AnyApp-AnyPlatform-BreakGlassAccounts-PhishingResistantMFA',
} as const;

/** Everyone except the break-glass group; the baseline's global scope. */
const everyone = (extra: Parameters<typeof caUsers>[0] = {}) =>
  caUsers({ includeUsers: ['All'], excludeGroups: [breakGlassGroup], ...extra });

/** Members only: the baseline's "Internals" exclude every kind of guest. */
const internals = (extra: Parameters<typeof caUsers>[0] = {}) =>
  everyone({ excludeGuestsOrExternalUsers: allGuestsAndExternalUsers, ...extra });

/** Privileged directory roles the CA1xx policies target (role template ids). */
const adminRoles = [
  roles.globalAdministrator,
  roles.privilegedRoleAdministrator,
  roles.privilegedAuthenticationAdministrator,
  roles.securityAdministrator,
  roles.conditionalAccessAdministrator,
  roles.applicationAdministrator,
  roles.cloudApplicationAdministrator,
  roles.userAdministrator,
  roles.authenticationAdministrator,
  roles.helpdeskAdministrator,
  roles.hybridIdentityAdministrator,
  roles.exchangeAdministrator,
  roles.sharePointAdministrator,
  roles.intuneAdministrator,
];
const admins = () => caUsers({ includeRoles: adminRoles, excludeGroups: [breakGlassGroup] });

function globalPolicies(): PolicyInput[] {
  const created = '2025-03-04T10:02:11Z';
  return [
    policy({
      id: 'd3f1a6c8-2e9b-4b57-8a4d-6c0e9f3b7a12',
      displayName: 'CA000-Global-IdentityProtection-AnyApp-AnyPlatform-MFA',
      state: 'enabled',
      createdDateTime: created,
      users: everyone({ excludeRoles: [roles.directorySynchronizationAccounts] }),
      grant: requireControls(['mfa']),
    }),
    policy({
      id: '7a2e9c4f-5b1d-4e68-9f3a-0d8c6b2e4a95',
      displayName: 'CA001-Global-AttackSurfaceReduction-AnyApp-AnyPlatform-BLOCK-CountryWhitelist',
      state: 'enabled',
      createdDateTime: created,
      modifiedDateTime: '2025-07-21T08:14:52Z',
      // Listed in "Planted problems" in assets/demo-tenant.README.md.
      users: everyone({
        excludeGroups: [breakGlassGroup, groupIds.travelExclusion],
        excludeRoles: [roles.directorySynchronizationAccounts],
      }),
      conditions: { locations: { includeLocations: ['All'], excludeLocations: [namedLocations.allowedCountries] } },
      grant: requireControls(['block']),
    }),
    policy({
      id: '2b8d5f1e-9c3a-4d76-b0e4-7f1a3c9d5e28',
      displayName: 'CA002-Global-AttackSurfaceReduction-AnyApp-AnyPlatform-BLOCK-LegacyAuthentication',
      state: 'enabled',
      createdDateTime: created,
      users: everyone(),
      conditions: { clientAppTypes: ['exchangeActiveSync', 'other'] },
      grant: requireControls(['block']),
    }),
    policy({
      id: 'e6c4a9d2-1f7b-4a35-8e9c-3b5d0f6a2c71',
      displayName: 'CA003-Global-BaseProtection-RegisterOrJoin-AnyPlatform-MFA',
      state: 'enabled',
      createdDateTime: created,
      users: everyone(),
      applications: caApplications({ includeApplications: [], includeUserActions: ['urn:user:registerdevice'] }),
      grant: requireControls(['mfa']),
    }),
    policy({
      id: '4f9b2d7a-6e3c-4c81-a5f2-9d1e8b4c0a63',
      displayName: 'CA004-Global-AttackSurfaceReduction-AnyApp-AnyPlatform-BLOCK-AuthenticationFlows',
      state: 'enabled',
      createdDateTime: '2025-04-15T12:40:03Z',
      users: everyone(),
      conditions: { authenticationFlows: { transferMethods: 'deviceCodeFlow,authenticationTransfer' } },
      grant: requireControls(['block']),
    }),
    policy({
      id: 'a1e7c3f9-8d2b-4e46-9c5a-2f0b7d3e9a84',
      displayName: 'CA005-Global-DataProtection-Office365-AnyPlatform-Unmanaged-AppEnforcedRestrictions',
      state: 'enabled',
      createdDateTime: created,
      users: everyone(),
      applications: caApplications({ includeApplications: ['Office365'] }),
      conditions: { clientAppTypes: ['browser'] },
      session: sessionControls({ applicationEnforcedRestrictions: { isEnabled: true } }),
    }),
    policy({
      ...breakGlassProtectionPolicy,
      state: 'enabled',
      createdDateTime: '2025-03-04T10:09:27Z',
      users: caUsers({ includeGroups: [breakGlassGroup] }),
      grant: requireStrength(phishingResistantMfa),
    }),
  ];
}

function adminPolicies(): PolicyInput[] {
  const created = '2025-03-04T10:05:40Z';
  return [
    policy({
      id: '5d2a8f3c-7e1b-4d94-a6c0-8b3f1e5d9c26',
      displayName: 'CA100-Admins-IdentityProtection-AdminPortals-AnyPlatform-MFA',
      state: 'enabled',
      createdDateTime: created,
      users: admins(),
      applications: caApplications({ includeApplications: ['MicrosoftAdminPortals'] }),
      grant: requireControls(['mfa']),
    }),
    policy({
      id: '9f6c1b4e-3a8d-4e27-b9d5-0c4e7a2f6b13',
      displayName: 'CA101-Admins-IdentityProtection-AnyApp-AnyPlatform-MFA',
      state: 'enabled',
      createdDateTime: created,
      users: admins(),
      grant: requireControls(['mfa']),
    }),
    policy({
      id: '1c8e4a7f-2d5b-4f39-8e1c-6a9d3b0f5e72',
      displayName: 'CA102-Admins-IdentityProtection-AllApps-AnyPlatform-SigninFrequency',
      state: 'enabled',
      createdDateTime: created,
      users: admins(),
      session: sessionControls({ signInFrequency: signInFrequency(4, 'hours') }),
    }),
    policy({
      id: '6e3a9d1b-8f4c-4a58-9b2e-5d7c0a3f8e16',
      displayName: 'CA103-Admins-IdentityProtection-AllApps-AnyPlatform-PersistentBrowser',
      state: 'enabled',
      createdDateTime: created,
      users: admins(),
      session: sessionControls({ persistentBrowser: neverPersistBrowser }),
    }),
    policy({
      id: 'b5f2c8e3-1a6d-4b97-8c4f-2e9a5d1b7c30',
      displayName: 'CA104-Admins-IdentityProtection-AnyApp-AnyPlatform-PhishingResistantMFA',
      state: 'enabled',
      createdDateTime: '2025-05-12T09:31:18Z',
      users: admins(),
      grant: requireStrength(phishingResistantMfa),
    }),
    policy({
      id: '8a4d1f6c-5b3e-4e82-a7d9-3c0f6b2e9a54',
      displayName: 'CA106-Admins-BaseProtection-AnyApp-AnyPlatform-CompliantDevice',
      state: 'enabledForReportingButNotEnforced',
      createdDateTime: '2026-10-05T13:22:49Z',
      // Listed in "Planted problems" in assets/demo-tenant.README.md.
      users: caUsers({ includeRoles: adminRoles }),
      grant: requireControls(['compliantDevice']),
    }),
  ];
}

function internalPolicies(): PolicyInput[] {
  const created = '2025-03-04T10:07:02Z';
  const allPlatformsBut = (excluded: string[]) => ({ platforms: { includePlatforms: ['all'], excludePlatforms: excluded } });
  const only = (platforms: string[]) => ({ platforms: { includePlatforms: platforms, excludePlatforms: [] } });
  return [
    policy({
      id: 'f2c7a5e9-3d1b-4c64-8a0f-9e6b2d4c1a87',
      displayName: 'CA200-Internals-IdentityProtection-AnyApp-AnyPlatform-CombinedRegistration',
      state: 'enabled',
      createdDateTime: created,
      users: internals(),
      applications: caApplications({ includeApplications: [], includeUserActions: ['urn:user:registersecurityinfo'] }),
      conditions: { locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] } },
      grant: requireControls(['mfa']),
    }),
    policy({
      id: '3e8b6d2a-9c4f-4a17-b5e3-7d1a0c8f6b49',
      displayName: 'CA201-Internals-IdentityProtection-AnyApp-AnyPlatform-BLOCK-HighRiskUser',
      state: 'enabled',
      createdDateTime: created,
      users: internals(),
      conditions: { userRiskLevels: ['high'] },
      grant: requireControls(['block']),
    }),
    policy({
      id: '7c1f4e9b-6a2d-4d85-9e3b-1f5c8a0d2e63',
      displayName: 'CA202-Internals-IdentityProtection-AnyApp-AnyPlatform-MFA-MediumHighRiskSignIn',
      state: 'enabled',
      createdDateTime: created,
      users: internals(),
      conditions: { signInRiskLevels: ['high', 'medium'] },
      grant: requireControls(['mfa']),
      session: sessionControls({ signInFrequency: signInEveryTime }),
    }),
    policy({
      id: 'd9a5b3e1-4f8c-4e26-a1d7-5b3e9c6f0a18',
      displayName: 'CA203-Internals-AppProtection-MicrosoftIntuneEnrollment-AnyPlatform-MFA',
      state: 'enabled',
      createdDateTime: created,
      users: internals(),
      applications: caApplications({ includeApplications: [intuneEnrollmentAppId] }),
      grant: requireControls(['mfa']),
      session: sessionControls({ signInFrequency: signInEveryTime }),
    }),
    policy({
      id: '2a6e9c3f-8b1d-4f74-9c5e-0a3d7f1b6e92',
      displayName: 'CA204-Internals-AttackSurfaceReduction-AllApps-AnyPlatform-BLOCK-UnknownPlatforms',
      state: 'enabled',
      createdDateTime: created,
      users: internals(),
      conditions: allPlatformsBut(['android', 'iOS', 'windows', 'macOS', 'linux']),
      grant: requireControls(['block']),
    }),
    policy({
      id: 'e4d1b7a3-2c9f-4b58-8e6a-9f0c3d5b7a21',
      displayName: 'CA205-Internals-BaseProtection-AnyApp-Windows-CompliantOrHybridJoined',
      state: 'enabled',
      createdDateTime: created,
      users: internals(),
      conditions: only(['windows']),
      grant: requireControls(['compliantDevice', 'domainJoinedDevice']),
    }),
    policy({
      id: '5b9f3c6e-1d4a-4e37-b2c8-6e0a9d4f1c75',
      displayName: 'CA206-Internals-BaseProtection-AnyApp-MacOS-Compliant',
      state: 'enabledForReportingButNotEnforced',
      createdDateTime: '2026-06-30T08:55:12Z',
      users: internals(),
      conditions: only(['macOS']),
      grant: requireControls(['compliantDevice']),
    }),
    policy({
      id: '8f2c6a1d-5e9b-4c43-a7f0-3b8d1e6c9a52',
      displayName: 'CA207-Internals-DataProtection-AnyApp-iOSandAndroid-AppProtection',
      state: 'enabled',
      createdDateTime: created,
      users: internals(),
      conditions: { ...only(['android', 'iOS']), clientAppTypes: ['browser', 'mobileAppsAndDesktopClients'] },
      grant: requireControls(['compliantApplication']),
    }),
    policy({
      id: '0d7b4e9a-3f6c-4a81-9d2e-8c5a1f3b7e60',
      displayName: 'CA208-Internals-IdentityProtection-AllApps-AnyPlatform-SigninFrequency-UnmanagedDevices',
      state: 'enabled',
      createdDateTime: created,
      users: internals(),
      conditions: {
        devices: { deviceFilter: { mode: 'exclude', rule: 'device.isCompliant -eq True -or device.trustType -eq "ServerAD"' } },
      },
      session: sessionControls({ signInFrequency: signInFrequency(12, 'hours'), persistentBrowser: neverPersistBrowser }),
    }),
    // Targets an authentication context (SharePoint sites labelled "Highly confidential"), which
    // only applies when a resource asks for it; break-glass checks skip such policies (BG-CA-01).
    policy({
      id: 'c6a3f8d1-9e2b-4d57-b4c1-0f7e3a9d5b28',
      displayName: 'CA209-Internals-DataProtection-AuthContextC1-AnyPlatform-CompliantDevice',
      state: 'enabled',
      createdDateTime: '2025-11-17T14:06:33Z',
      users: caUsers({ includeUsers: ['All'], excludeGuestsOrExternalUsers: allGuestsAndExternalUsers }),
      applications: caApplications({ includeApplications: [], includeAuthenticationContextClassReferences: ['c1'] }),
      grant: requireControls(['compliantDevice']),
    }),
    policy({
      id: '4a1e8c5b-7d3f-4b69-8a2c-5e9f0b6d3a17',
      displayName: 'CA210-Internals-DataProtection-Office365-AnyPlatform-CompliantDevice',
      state: 'enabled',
      createdDateTime: '2026-09-14T10:48:05Z',
      // Listed in "Planted problems" in assets/demo-tenant.README.md.
      users: caUsers({
        includeUsers: ['All'],
        excludeUsers: [userIds.breakglass1],
        excludeGuestsOrExternalUsers: allGuestsAndExternalUsers,
      }),
      applications: caApplications({ includeApplications: ['Office365'] }),
      grant: requireControls(['compliantDevice']),
    }),
  ];
}

function serviceAccountAndGuestPolicies(): PolicyInput[] {
  const created = '2025-03-04T10:08:15Z';
  const serviceAccounts = () => caUsers({ includeGroups: [groupIds.serviceAccounts], excludeGroups: [breakGlassGroup] });
  const guests = () => caUsers({ includeGuestsOrExternalUsers: allGuestsAndExternalUsers, excludeGroups: [breakGlassGroup] });
  return [
    policy({
      id: '9b5e2a7c-4f1d-4e93-b6a8-2c0d5f8e1a34',
      displayName: 'CA300-ServiceAccounts-IdentityProtection-AnyApp-AnyPlatform-BLOCK-UntrustedLocations',
      state: 'enabled',
      createdDateTime: created,
      users: serviceAccounts(),
      conditions: { locations: { includeLocations: ['All'], excludeLocations: [namedLocations.corporateEgress] } },
      grant: requireControls(['block']),
    }),
    policy({
      id: '1f4c9e6b-2a8d-4d15-9b7e-4a3c0f2d8e59',
      displayName: 'CA301-ServiceAccounts-IdentityProtection-AnyApp-AnyPlatform-MFA',
      state: 'enabledForReportingButNotEnforced',
      createdDateTime: created,
      users: serviceAccounts(),
      grant: requireControls(['mfa']),
    }),
    policy({
      id: '6d8a3f1c-9e5b-4a72-8c4d-1b7e0a5f3c96',
      displayName: 'CA400-GuestUsers-IdentityProtection-AnyApp-AnyPlatform-MFA',
      state: 'enabled',
      createdDateTime: created,
      users: guests(),
      grant: requireControls(['mfa']),
    }),
    policy({
      id: 'a2c9e5f8-3b7d-4e41-9d6a-7f2b1c8e4d03',
      displayName: 'CA401-GuestUsers-AttackSurfaceReduction-AllApps-AnyPlatform-BLOCK-NonGuestAppAccess',
      state: 'enabled',
      createdDateTime: created,
      users: guests(),
      applications: caApplications({ excludeApplications: ['Office365', apps.expenses.appId] }),
      grant: requireControls(['block']),
    }),
    policy({
      id: 'e7b1d4a9-6c3f-4b28-a5e0-9d2c6f1b8a75',
      displayName: 'CA402-GuestUsers-IdentityProtection-AllApps-AnyPlatform-SigninFrequency',
      state: 'enabled',
      createdDateTime: created,
      users: guests(),
      session: sessionControls({ signInFrequency: signInFrequency(1, 'days') }),
    }),
    policy({
      id: '3c5f8b2e-1a9d-4c67-8f3b-6e4a0d9c2b18',
      displayName: 'CA403-GuestUsers-IdentityProtection-AllApps-AnyPlatform-PersistentBrowser',
      state: 'disabled',
      createdDateTime: created,
      users: guests(),
      session: sessionControls({ persistentBrowser: neverPersistBrowser }),
    }),
  ];
}

/** Workload-identity policies scope `clientApplications` and set users to "None" (docs/microsoft-behaviour.md, "Conditional Access policies"). */
function workloadIdentityPolicies(): PolicyInput[] {
  const nobody = caUsers({ includeUsers: ['None'] });
  const breakGlassAndReader = [apps.breakGlass.servicePrincipalId, apps.reader.servicePrincipalId];
  return [
    policy({
      id: 'f9a6d3c1-8e2b-4f54-b1c7-3a5e9d0f6b42',
      displayName: 'CA500-WorkloadIdentities-AttackSurfaceReduction-AnyApp-AnyPlatform-BLOCK-UntrustedLocations',
      state: 'enabled',
      createdDateTime: '2025-08-26T11:37:50Z',
      users: nobody,
      conditions: {
        clientApplications: {
          includeServicePrincipals: ['ServicePrincipalsInMyTenant'],
          excludeServicePrincipals: breakGlassAndReader,
          servicePrincipalFilter: null,
        },
        locations: { includeLocations: ['All'], excludeLocations: [namedLocations.corporateEgress] },
      },
      grant: requireControls(['block']),
    }),
    policy({
      id: '0b3d7f9e-5a1c-4e86-9d4b-8e2f6a1c3d57',
      displayName: 'CA501-WorkloadIdentities-IdentityProtection-AnyApp-AnyPlatform-BLOCK-HighRiskServicePrincipals',
      state: 'disabled',
      createdDateTime: '2025-08-26T11:52:04Z',
      users: nobody,
      conditions: {
        clientApplications: {
          includeServicePrincipals: ['ServicePrincipalsInMyTenant'],
          excludeServicePrincipals: breakGlassAndReader,
          servicePrincipalFilter: null,
        },
        servicePrincipalRiskLevels: ['high'],
      },
      grant: requireControls(['block']),
    }),
  ];
}

export function conditionalAccessPolicies(): PolicyInput[] {
  return [
    ...globalPolicies(),
    ...adminPolicies(),
    ...internalPolicies(),
    ...serviceAccountAndGuestPolicies(),
    ...workloadIdentityPolicies(),
  ];
}

/**
 * A few days of sign-in log (Graph beta `signIn` records, newest first, as auditLogs/signIns
 * returns them): the readiness reader's daily run, staff sign-ins, a password spray, and the last
 * break-glass drill – both accounts with their FIDO2 keys, then the app with its certificate.
 */
import { breakGlassProtectionPolicy } from './conditional-access.ts';
import { apps, breakGlassUpns, customDomain, keyIds, microsoftGraph, signInIds, userIds } from './ids.ts';
import type { SignInInput } from './shapes.ts';
import { lastDrill, type Timeline } from './timeline.ts';

const hamburg = { city: 'Hamburg', state: 'Hamburg', countryOrRegion: 'DE', geoCoordinates: { latitude: 53.5511, longitude: 9.9937 } };
const corporateLaptop = {
  deviceId: '3d6f1a8c-2e4b-4c97-b5d0-8a1e6c3f9b24',
  displayName: 'CD-LT-0142',
  operatingSystem: 'Windows 11',
  browser: 'Edge 131.0.0',
  isCompliant: true,
  isManaged: true,
  trustType: 'Azure AD joined',
};
const runbookLaptop = {
  deviceId: '',
  displayName: '',
  operatingSystem: 'Windows 11',
  browser: 'Edge 131.0.0',
  isCompliant: false,
  isManaged: false,
  trustType: '',
};

const noRisk = { riskDetail: 'none', riskLevelAggregated: 'none', riskLevelDuringSignIn: 'none', riskState: 'none' };
const success = { errorCode: 0, failureReason: null, additionalDetails: null };
const graph = { resourceDisplayName: 'Microsoft Graph', resourceId: microsoftGraph.appId };

function breakGlassDrill(account: 1 | 2, id: string, userId: string, at: string, key: string): SignInInput {
  return {
    id,
    createdDateTime: at,
    userDisplayName: `Break Glass ${account} (Emergency Access)`,
    userPrincipalName: account === 1 ? breakGlassUpns.breakglass1 : breakGlassUpns.breakglass2,
    userId,
    appId: apps.custodian.appId,
    appDisplayName: 'Break-Glass Runbook (custodian sign-in)',
    ipAddress: '198.51.100.24',
    clientAppUsed: 'Mobile Apps and Desktop clients',
    correlationId: account === 1 ? 'c41f7a9e-3b2d-4e58-a6c1-9d0e8f2b7a35' : '7e2b9c4d-1f6a-4d83-b5e9-2a0c7f4d1e68',
    conditionalAccessStatus: 'success',
    isInteractive: true,
    ...noRisk,
    ...graph,
    status: success,
    appliedConditionalAccessPolicies: [
      {
        ...breakGlassProtectionPolicy,
        enforcedGrantControls: ['RequireAuthenticationStrength'],
        enforcedSessionControls: [],
        result: 'success',
      },
    ],
    authenticationRequirement: 'multiFactorAuthentication',
    authenticationDetails: [
      {
        authenticationMethod: 'FIDO2 security key',
        authenticationMethodDetail: key,
        authenticationStepDateTime: at,
        succeeded: true,
        authenticationStepResultDetail: 'MFA successfully completed',
      },
    ],
    signInEventTypes: ['interactiveUser'],
    location: hamburg,
    deviceDetail: runbookLaptop,
  };
}

export function signIns(when: Timeline): SignInInput[] {
  const drill = lastDrill(when);
  return [
    {
      id: signInIds.readerDaily,
      createdDateTime: when.daysAgo(1, '05:30:04'),
      appId: apps.reader.appId,
      appDisplayName: 'Break-Glass Readiness Reader',
      ipAddress: '203.0.113.10',
      correlationId: '5a8d2f6c-9e1b-4b47-8c3a-0f7d2e9b6c14',
      conditionalAccessStatus: 'notApplied',
      isInteractive: false,
      ...graph,
      status: success,
      appliedConditionalAccessPolicies: [],
      signInEventTypes: ['servicePrincipal'],
      servicePrincipalId: apps.reader.servicePrincipalId,
      servicePrincipalName: 'Break-Glass Readiness Reader',
      location: hamburg,
    },
    {
      id: signInIds.isaiahOutlook,
      createdDateTime: when.daysAgo(1, '07:31:22'),
      userDisplayName: 'Isaiah Langer',
      userPrincipalName: `isaiah.langer@${customDomain}`,
      userId: userIds.isaiah,
      appId: '5d661950-3475-41cd-a2c3-d671a3162bc1',
      appDisplayName: 'Microsoft Outlook',
      ipAddress: '203.0.113.10',
      clientAppUsed: 'Mobile Apps and Desktop clients',
      correlationId: '9b1e4d7a-6c3f-4a28-b5e0-3d8c1f6a2e97',
      conditionalAccessStatus: 'success',
      isInteractive: true,
      ...noRisk,
      resourceDisplayName: 'Office 365 Exchange Online',
      resourceId: '00000002-0000-0ff1-ce00-000000000000',
      status: success,
      authenticationRequirement: 'multiFactorAuthentication',
      authenticationDetails: [
        {
          authenticationMethod: 'Mobile app notification',
          authenticationStepDateTime: when.daysAgo(1, '07:31:22'),
          succeeded: true,
          authenticationStepResultDetail: 'MFA completed in Azure AD',
        },
      ],
      signInEventTypes: ['interactiveUser'],
      location: { city: 'Munich', state: 'Bavaria', countryOrRegion: 'DE' },
      deviceDetail: corporateLaptop,
    },
    {
      id: signInIds.sprayAgainstDiego,
      createdDateTime: when.daysAgo(3, '02:17:44'),
      userDisplayName: 'Diego Siciliani',
      userPrincipalName: `diego.siciliani@${customDomain}`,
      userId: userIds.diego,
      appId: '1b730954-1685-4b74-9bfd-dac224a7b894',
      appDisplayName: 'Azure Active Directory PowerShell',
      ipAddress: '192.0.2.77',
      clientAppUsed: 'Mobile Apps and Desktop clients',
      correlationId: '2f6c9a3e-8d1b-4e75-a0c4-7b3e1d9f5a28',
      conditionalAccessStatus: 'notApplied',
      isInteractive: true,
      riskDetail: 'none',
      riskLevelAggregated: 'medium',
      riskLevelDuringSignIn: 'medium',
      riskState: 'atRisk',
      ...graph,
      status: {
        errorCode: 50126,
        failureReason: 'Error validating credentials due to invalid username or password.',
        additionalDetails: "The user didn't enter the right credentials.",
      },
      authenticationRequirement: 'singleFactorAuthentication',
      signInEventTypes: ['interactiveUser'],
      location: { city: 'Amsterdam', state: 'Noord-Holland', countryOrRegion: 'NL' },
    },
    {
      id: signInIds.adelePortal,
      createdDateTime: when.daysAgo(2, '07:58:40'),
      userDisplayName: 'Adele Vance',
      userPrincipalName: `adele.vance@${customDomain}`,
      userId: userIds.adele,
      appId: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c',
      appDisplayName: 'Azure Portal',
      ipAddress: '203.0.113.10',
      clientAppUsed: 'Browser',
      correlationId: '8d3a6f1e-2c9b-4a54-9e7d-1b5f0c8a3d62',
      conditionalAccessStatus: 'success',
      isInteractive: true,
      ...noRisk,
      resourceDisplayName: 'Windows Azure Service Management API',
      resourceId: '797f4846-ba00-4fd7-ba43-dac1f8f63013',
      status: success,
      authenticationRequirement: 'multiFactorAuthentication',
      authenticationDetails: [
        {
          authenticationMethod: 'Windows Hello for Business',
          authenticationStepDateTime: when.daysAgo(2, '07:58:40'),
          succeeded: true,
          authenticationStepResultDetail: 'MFA requirement satisfied by claim in the token',
        },
      ],
      signInEventTypes: ['interactiveUser'],
      location: hamburg,
      deviceDetail: corporateLaptop,
    },
    {
      id: signInIds.drillApp,
      createdDateTime: drill.app,
      appId: apps.breakGlass.appId,
      appDisplayName: 'Break-Glass Emergency Access App',
      ipAddress: '198.51.100.24',
      correlationId: '3c7e0a5f-4b9d-4c16-8e2a-6f1d9b3c7e40',
      conditionalAccessStatus: 'notApplied',
      isInteractive: false,
      ...graph,
      status: success,
      appliedConditionalAccessPolicies: [],
      signInEventTypes: ['servicePrincipal'],
      servicePrincipalId: apps.breakGlass.servicePrincipalId,
      servicePrincipalName: 'Break-Glass Emergency Access App',
      servicePrincipalCredentialKeyId: keyIds.breakGlassCertificate,
      location: hamburg,
    },
    breakGlassDrill(2, signInIds.drillBreakglass2, userIds.breakglass2, drill.breakglass2, 'YubiKey 5 NFC'),
    breakGlassDrill(1, signInIds.drillBreakglass1, userIds.breakglass1, drill.breakglass1, 'YubiKey 5 NFC'),
  ];
}

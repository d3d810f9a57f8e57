/**
 * Tenant, domains and users of the demo tenant: two cloud-only break-glass accounts on the
 * initial domain, staff synchronised from on-premises AD on the custom domain, a cloud-only
 * admin account, a service account, Entra Connect's sync account and one B2B guest.
 */
import { passwordMethodId } from '../../src/sim/seed/schema-directory.ts';
import { breakGlassUpns, customDomain, initialDomain, securityKeyMethods, signInIds, tenantId, tenantName, userIds } from './ids.ts';
import type { AuthenticationMethodInput, DomainInput, TenantInput, UserInput } from './shapes.ts';
import { lastDrill, type Timeline } from './timeline.ts';

export const tenant: TenantInput = { id: tenantId, displayName: tenantName, licence: 'P2' };

export const domains: DomainInput[] = [
  {
    id: customDomain,
    authenticationType: 'Managed',
    availabilityStatus: null,
    isAdminManaged: true,
    isDefault: true,
    isInitial: false,
    isRoot: true,
    isVerified: true,
    supportedServices: ['Email', 'OfficeCommunicationsOnline', 'Intune'],
    passwordValidityPeriodInDays: 2147483647,
    passwordNotificationWindowInDays: 14,
  },
  {
    id: initialDomain,
    authenticationType: 'Managed',
    availabilityStatus: null,
    isAdminManaged: true,
    isDefault: false,
    isInitial: true,
    isRoot: true,
    isVerified: true,
    supportedServices: ['Email', 'OfficeCommunicationsOnline'],
    passwordValidityPeriodInDays: 2147483647,
    passwordNotificationWindowInDays: 14,
  },
];

/** Authenticator AAGUIDs from the FIDO Alliance metadata service. */
const yubiKey5Nfc = { aaGuid: 'fa2b99dc-9e39-4257-8f92-4a30d23c4118', model: 'YubiKey 5 NFC' };
const yubiKey5cNfc = { aaGuid: '2fc0579f-8113-47ea-b116-bb5a8db9202a', model: 'YubiKey 5C NFC' };

function securityKey(
  id: string,
  displayName: string,
  key: { aaGuid: string; model: string },
  createdDateTime: string,
  attestation: string,
): AuthenticationMethodInput {
  return {
    '@odata.type': '#microsoft.graph.fido2AuthenticationMethod',
    id,
    displayName,
    createdDateTime,
    aaGuid: key.aaGuid,
    model: key.model,
    attestationCertificates: [attestation],
    attestationLevel: 'attested',
  };
}

const password = (createdDateTime: string): AuthenticationMethodInput => ({
  '@odata.type': '#microsoft.graph.passwordAuthenticationMethod',
  id: passwordMethodId,
  createdDateTime,
  password: null,
});

const authenticator = (id: string, phone: string, createdDateTime: string): AuthenticationMethodInput => ({
  '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
  id,
  displayName: phone,
  deviceTag: 'SoftwareTokenActivated',
  phoneAppVersion: '6.2411.7800',
  createdDateTime,
});

const mobilePhone = (phoneNumber: string): AuthenticationMethodInput => ({
  '@odata.type': '#microsoft.graph.phoneAuthenticationMethod',
  id: '3179e48a-750b-4051-897c-87b9720928f7',
  phoneNumber,
  phoneType: 'mobile',
  smsSignInState: 'notEnabled',
});

function breakGlassUsers(when: Timeline): UserInput[] {
  const drill = lastDrill(when);
  const account = (
    id: string,
    n: 1 | 2,
    upn: string,
    methods: AuthenticationMethodInput[],
    lastSignIn: string,
    requestId: string,
  ): UserInput => ({
    id,
    displayName: `Break Glass ${n} (Emergency Access)`,
    userPrincipalName: upn,
    givenName: null,
    surname: null,
    mail: null,
    mailNickname: `breakglass${n}`,
    jobTitle: null,
    businessPhones: [],
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: 'en-US',
    usageLocation: 'DE',
    accountEnabled: true,
    userType: 'Member',
    onPremisesSyncEnabled: null,
    onPremisesImmutableId: null,
    createdDateTime: '2025-03-04T09:12:44Z',
    signInSessionsValidFromDateTime: '2026-01-12T14:03:18Z',
    signInActivity: {
      lastSignInDateTime: lastSignIn,
      lastSignInRequestId: requestId,
      lastNonInteractiveSignInDateTime: null,
      lastNonInteractiveSignInRequestId: null,
      lastSuccessfulSignInDateTime: lastSignIn,
      lastSuccessfulSignInRequestId: requestId,
    },
    authenticationMethods: methods,
  });
  return [
    account(
      userIds.breakglass1,
      1,
      breakGlassUpns.breakglass1,
      [
        securityKey(securityKeyMethods.a1, 'Safe key A1', yubiKey5Nfc, '2026-01-12T14:21:09Z', '6fa1c3e25bd84f0a9e7d2c41b8a53f6e90d1c2b7'),
        securityKey(securityKeyMethods.a2, 'Safe key A2', yubiKey5cNfc, '2026-01-12T14:26:47Z', 'b84e2f91c05d3a7e6f18d92c4a0b7e35c1f9d620'),
        password('2025-03-04T09:12:44Z'),
      ],
      drill.breakglass1,
      signInIds.drillBreakglass1,
    ),
    account(
      userIds.breakglass2,
      2,
      breakGlassUpns.breakglass2,
      [
        securityKey(securityKeyMethods.b1, 'Safe key B1', yubiKey5Nfc, '2026-01-12T14:34:52Z', '6fa1c3e25bd84f0a9e7d2c41b8a53f6e90d1c2b7'),
        password('2025-03-04T09:15:02Z'),
      ],
      drill.breakglass2,
      signInIds.drillBreakglass2,
    ),
  ];
}

type Person = { id: string; given: string; surname: string; upn: string; jobTitle: string; office: string; created: string };

/** A member synchronised by Entra Connect from the on-premises forest. */
function syncedUser(person: Person, extra: Partial<UserInput>): UserInput {
  return {
    id: person.id,
    displayName: `${person.given} ${person.surname}`,
    userPrincipalName: person.upn,
    givenName: person.given,
    surname: person.surname,
    mail: person.upn,
    mailNickname: person.upn.split('@')[0] ?? person.given,
    jobTitle: person.jobTitle,
    businessPhones: [],
    officeLocation: person.office,
    preferredLanguage: 'en-US',
    usageLocation: 'DE',
    accountEnabled: true,
    userType: 'Member',
    onPremisesSyncEnabled: true,
    onPremisesImmutableId: Buffer.from(person.id.replaceAll('-', ''), 'hex').toString('base64'),
    createdDateTime: person.created,
    ...extra,
  };
}

function staff(when: Timeline): UserInput[] {
  const at = `@${customDomain}`;
  const signedIn = (lastSignIn: string, requestId: string | null = null) => ({
    lastSignInDateTime: lastSignIn,
    lastSignInRequestId: requestId,
    lastSuccessfulSignInDateTime: lastSignIn,
    lastSuccessfulSignInRequestId: requestId,
  });
  return [
    syncedUser(
      {
        id: userIds.adele,
        given: 'Adele',
        surname: 'Vance',
        upn: `adele.vance${at}`,
        jobTitle: 'Identity & Access Lead',
        office: 'Hamburg HQ',
        created: '2024-02-19T08:30:11Z',
      },
      {
        signInActivity: signedIn(when.daysAgo(2, '07:58:40'), signInIds.adelePortal),
        authenticationMethods: [
          password('2024-02-19T08:30:11Z'),
          authenticator('a7c3e1f9-2b5d-4e84-9c06-1d8f3b7a5e29', 'iPhone 15', '2024-02-19T09:02:55Z'),
          {
            '@odata.type': '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod',
            id: '_jpuR-TGZtk6aQCLF3BQjA2',
            displayName: 'CD-LT-0142',
            keyStrength: 'normal',
            createdDateTime: '2025-06-02T07:45:10Z',
          },
        ],
      },
    ),
    syncedUser(
      {
        id: userIds.megan,
        given: 'Megan',
        surname: 'Bowen',
        upn: `megan.bowen${at}`,
        jobTitle: 'Security Engineer',
        office: 'Hamburg HQ',
        created: '2024-02-19T08:30:12Z',
      },
      {
        signInActivity: signedIn(when.daysAgo(1, '16:12:05')),
        authenticationMethods: [
          password('2024-02-19T08:30:12Z'),
          authenticator('4e2b8d61-9f3a-4c57-b1e8-6a0d2c9f7b35', 'Pixel 8', '2024-03-01T10:11:42Z'),
          mobilePhone('+49 151 23456781'),
        ],
      },
    ),
    syncedUser(
      {
        id: userIds.lee,
        given: 'Lee',
        surname: 'Gu',
        upn: `lee.gu${at}`,
        jobTitle: 'Service Desk Analyst',
        office: 'Leipzig',
        created: '2024-05-06T12:00:03Z',
      },
      {
        signInActivity: signedIn(when.daysAgo(1, '08:03:51')),
        authenticationMethods: [
          password('2024-05-06T12:00:03Z'),
          authenticator('9c5f1a3e-7d2b-4b68-8e4a-0f6c3d1b9a72', 'iPhone 13', '2024-05-06T12:40:19Z'),
        ],
      },
    ),
    syncedUser(
      {
        id: userIds.nestor,
        given: 'Nestor',
        surname: 'Wilke',
        upn: `nestor.wilke${at}`,
        jobTitle: 'Messaging Engineer',
        office: 'Leipzig',
        created: '2024-02-19T08:30:14Z',
      },
      {
        signInActivity: signedIn(when.daysAgo(3, '11:27:36')),
        authenticationMethods: [
          password('2024-02-19T08:30:14Z'),
          authenticator('2f8d4b6a-1e9c-4a35-b7d0-3c5e8f2a6b91', 'Galaxy S23', '2024-02-20T07:55:03Z'),
          mobilePhone('+49 160 98765432'),
        ],
      },
    ),
    syncedUser(
      {
        id: userIds.isaiah,
        given: 'Isaiah',
        surname: 'Langer',
        upn: `isaiah.langer${at}`,
        jobTitle: 'Account Manager',
        office: 'Munich',
        created: '2024-02-19T08:30:15Z',
      },
      {
        signInActivity: signedIn(when.daysAgo(1, '07:31:22'), signInIds.isaiahOutlook),
        authenticationMethods: [
          password('2024-02-19T08:30:15Z'),
          authenticator('6b1e9d3f-4a7c-4e82-9d5b-8f2a0c6e4d17', 'iPhone 14', '2024-02-21T08:14:27Z'),
        ],
      },
    ),
    syncedUser(
      {
        id: userIds.diego,
        given: 'Diego',
        surname: 'Siciliani',
        upn: `diego.siciliani${at}`,
        jobTitle: 'Financial Controller',
        office: 'Hamburg HQ',
        created: '2024-02-19T08:30:16Z',
      },
      {
        signInActivity: {
          ...signedIn(when.daysAgo(4, '15:46:09')),
          lastSignInDateTime: when.daysAgo(3, '02:17:44'),
          lastSignInRequestId: signInIds.sprayAgainstDiego,
        },
        authenticationMethods: [password('2024-02-19T08:30:16Z'), mobilePhone('+49 170 55501234')],
      },
    ),
    ...serviceIdentities(when),
  ];
}

function serviceIdentities(when: Timeline): UserInput[] {
  const cloudOnly = {
    givenName: null,
    surname: null,
    businessPhones: [],
    preferredLanguage: null,
    accountEnabled: true,
    userType: 'Member' as const,
    onPremisesSyncEnabled: null,
  };
  return [
    {
      ...cloudOnly,
      id: userIds.alexAdmin,
      displayName: 'Alex Wilber (admin)',
      userPrincipalName: `adm-alex.wilber@${initialDomain}`,
      givenName: 'Alex',
      surname: 'Wilber',
      mail: null,
      mailNickname: 'adm-alex.wilber',
      jobTitle: 'Cloud Platform Engineer',
      usageLocation: 'DE',
      createdDateTime: '2025-01-08T13:20:37Z',
      signInActivity: { lastSignInDateTime: when.daysAgo(6, '13:02:18'), lastSuccessfulSignInDateTime: when.daysAgo(6, '13:02:18') },
      authenticationMethods: [
        securityKey(
          'QWxleC1ZdWJpS2V5LTVDLU5GQw-pL3s',
          'Alex YubiKey',
          yubiKey5cNfc,
          '2025-01-08T13:41:02Z',
          'c1d7e3a90b4f268e5a3d1c9b7f0e42a6d8b5c3e1',
        ),
        password('2025-01-08T13:20:37Z'),
      ],
    },
    {
      ...cloudOnly,
      id: userIds.scanner,
      displayName: 'svc-printscan',
      userPrincipalName: `svc-printscan@${customDomain}`,
      mail: `svc-printscan@${customDomain}`,
      mailNickname: 'svc-printscan',
      jobTitle: 'Service account – scan-to-mail (MFP Hamburg)',
      usageLocation: 'DE',
      createdDateTime: '2024-04-11T10:05:51Z',
      signInActivity: { lastSignInDateTime: when.daysAgo(0, '06:00:12'), lastSuccessfulSignInDateTime: when.daysAgo(0, '06:00:12') },
      authenticationMethods: [password('2024-04-11T10:05:51Z')],
    },
    {
      ...cloudOnly,
      id: userIds.directorySync,
      displayName: 'On-Premises Directory Synchronization Service Account',
      userPrincipalName: `Sync_CD-DC01_4f2a9c0e1b7d@${initialDomain}`,
      mail: null,
      mailNickname: 'Sync_CD-DC01_4f2a9c0e1b7d',
      jobTitle: null,
      usageLocation: null,
      createdDateTime: '2024-02-19T08:11:27Z',
      signInActivity: {
        lastNonInteractiveSignInDateTime: when.daysAgo(0, '05:58:02'),
        lastSuccessfulSignInDateTime: when.daysAgo(0, '05:58:02'),
      },
      authenticationMethods: [password('2024-02-19T08:11:27Z')],
    },
    {
      id: userIds.guest,
      displayName: 'Pradeep Gupta (Fabrikam)',
      userPrincipalName: `pradeep.gupta_fabrikam.com#EXT#@${initialDomain}`,
      mail: 'pradeep.gupta@fabrikam.com',
      mailNickname: 'pradeep.gupta_fabrikam.com#EXT#',
      givenName: 'Pradeep',
      surname: 'Gupta',
      accountEnabled: true,
      userType: 'Guest',
      onPremisesSyncEnabled: null,
      createdDateTime: '2025-09-23T12:44:08Z',
      signInActivity: { lastSignInDateTime: when.daysAgo(15, '10:20:31'), lastSuccessfulSignInDateTime: when.daysAgo(15, '10:20:31') },
      authenticationMethods: [],
    },
  ];
}

export function users(when: Timeline): UserInput[] {
  return [...breakGlassUsers(when), ...staff(when)];
}

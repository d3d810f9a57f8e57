/**
 * Seed shapes for the directory: tenant, domains, users (with their authentication methods)
 * and groups, in the shape Microsoft Graph v1.0 returns them.
 *
 * Sources: https://learn.microsoft.com/graph/api/resources/user,
 * https://learn.microsoft.com/graph/api/resources/signinactivity,
 * https://learn.microsoft.com/graph/api/resources/fido2authenticationmethod,
 * https://learn.microsoft.com/graph/api/resources/domain, https://learn.microsoft.com/graph/api/resources/group.
 */
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import { z } from 'zod';

import { base64, dateTime, definedBy, graphObject, guid, microsoftDefined, nonEmpty, odataType, stringList } from './schema-common.ts';

export const tenantSchema = z.strictObject({
  id: guid,
  displayName: nonEmpty,
  /** Decides what needs a premium licence (signInActivity, sign-in logs, PIM, CA). */
  licence: z.enum(['free', 'P1', 'P2']),
  /**
   * How long a sign-in takes to appear in `auditLogs/signIns`, in seconds of the simulator's clock
   * (0 or absent: at once). Entra's log is not real time: Microsoft's quickstart for a failed
   * sign-in says "Wait for 5 minutes to ensure that you can find the event in the sign-in log"
   * (https://learn.microsoft.com/entra/identity/monitoring-health/quickstart-analyze-sign-in).
   */
  signInLogDelaySeconds: z.number().int().min(0).max(86_400).optional(),
});

// https://learn.microsoft.com/graph/api/resources/domain
export const domainSchema = graphObject({
  ...definedBy<MicrosoftGraph.Domain>()('manufacturer', 'model', 'state'),
  id: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, { message: 'must be a domain name' }),
  // A plain string in Microsoft's type ("Managed", "Federated"; domain-list.md's example has
  // "authenticationType-value"); the simulator does not act on it.
  authenticationType: z.string().optional(),
  availabilityStatus: z.string().nullable().optional(),
  isAdminManaged: z.boolean().optional(),
  isDefault: z.boolean(),
  isInitial: z.boolean(),
  isRoot: z.boolean().optional(),
  // Left out of domain-list.md's example; where the simulator decides on it (the organization's
  // verifiedDomains) an absent value counts as not verified.
  isVerified: z.boolean().optional(),
  supportedServices: stringList.optional(),
  passwordValidityPeriodInDays: z.number().int().nullable().optional(),
  passwordNotificationWindowInDays: z.number().int().nullable().optional(),
});

/**
 * Graph v1.0 has `createdDateTime` on the fido2, password, Microsoft Authenticator, TAP and
 * Windows Hello methods only (resources/*authenticationmethod.md); phone, email and software
 * OATH methods carry none, so a seed may give it only where Graph does.
 */
const methodBase = { id: nonEmpty };
const created = { createdDateTime: dateTime.nullable().optional() };

/** The password method has a fixed id in every tenant (authenticationmethod-resetpassword). */
export const passwordMethodId = '28c10230-6103-485e-b985-444c60001490';

export const authenticationMethodSchema = z.discriminatedUnion('@odata.type', [
  graphObject({
    '@odata.type': odataType('fido2AuthenticationMethod'),
    ...methodBase,
    ...created,
    displayName: z.string().nullable().optional(),
    aaGuid: guid.nullable().optional(),
    model: z.string().nullable().optional(),
    attestationCertificates: stringList.nullable().optional(),
    attestationLevel: z.enum(['attested', 'notAttested', 'unknownFutureValue']).nullable().optional(),
  }),
  graphObject({
    '@odata.type': odataType('passwordAuthenticationMethod'),
    ...methodBase,
    ...created,
    id: z.literal(passwordMethodId),
    password: z.null().optional(),
  }),
  graphObject({
    '@odata.type': odataType('microsoftAuthenticatorAuthenticationMethod'),
    ...methodBase,
    ...created,
    displayName: z.string().nullable().optional(),
    deviceTag: z.string().nullable().optional(),
    phoneAppVersion: z.string().nullable().optional(),
  }),
  graphObject({
    '@odata.type': odataType('phoneAuthenticationMethod'),
    ...methodBase,
    phoneNumber: nonEmpty,
    phoneType: z.enum(['mobile', 'alternateMobile', 'office']),
    smsSignInState: z
      .enum(['notSupported', 'notAllowedByPolicy', 'notEnabled', 'phoneNumberNotUnique', 'ready', 'notConfigured', 'unknownFutureValue'])
      .nullable()
      .optional(),
  }),
  graphObject({
    '@odata.type': odataType('softwareOathAuthenticationMethod'),
    ...methodBase,
    secretKey: z.null().optional(),
  }),
  graphObject({
    '@odata.type': odataType('emailAuthenticationMethod'),
    ...methodBase,
    emailAddress: z.email({ message: 'must be an email address' }),
  }),
  graphObject({
    '@odata.type': odataType('temporaryAccessPassAuthenticationMethod'),
    ...methodBase,
    ...created,
    temporaryAccessPass: z.null().optional(),
    startDateTime: dateTime.nullable().optional(),
    lifetimeInMinutes: z.number().int().positive(),
    isUsableOnce: z.boolean(),
    isUsable: z.boolean().nullable().optional(),
    methodUsabilityReason: z.string().nullable().optional(),
  }),
  graphObject({
    '@odata.type': odataType('windowsHelloForBusinessAuthenticationMethod'),
    ...methodBase,
    ...created,
    displayName: z.string().nullable().optional(),
    keyStrength: z.enum(['normal', 'weak', 'unknown']).nullable().optional(),
  }),
  // https://learn.microsoft.com/graph/api/resources/externalauthenticationmethod (v1.0): an external
  // MFA provider registered for the user; createdDateTime, configurationId, displayName.
  graphObject({
    '@odata.type': odataType('externalAuthenticationMethod'),
    ...methodBase,
    ...created,
    configurationId: nonEmpty,
    displayName: z.string().nullable().optional(),
  }),
  // https://learn.microsoft.com/graph/api/resources/platformcredentialauthenticationmethod?view=graph-rest-beta:
  // a Platform SSO credential; createdDateTime, displayName, keyStrength, platform.
  graphObject({
    '@odata.type': odataType('platformCredentialAuthenticationMethod'),
    ...methodBase,
    ...created,
    displayName: z.string().nullable().optional(),
    keyStrength: z.enum(['normal', 'weak', 'unknown', 'unknownFutureValue']).nullable().optional(),
    platform: z.enum(['unknown', 'windows', 'macOS', 'iOS', 'android', 'linux', 'unknownFutureValue']).nullable().optional(),
  }),
  // https://learn.microsoft.com/graph/api/resources/qrcodepinauthenticationmethod?view=graph-rest-beta and
  // https://learn.microsoft.com/graph/api/resources/hardwareoathauthenticationmethod?view=graph-rest-beta:
  // only the id is modelled (their codes, PIN and token are relationships); nothing more is accepted.
  graphObject({ '@odata.type': odataType('qrCodePinAuthenticationMethod'), ...methodBase }),
  graphObject({ '@odata.type': odataType('hardwareOathAuthenticationMethod'), ...methodBase }),
]);

/**
 * "Listing users' authentication methods only returns methods supported on this API version"
 * (https://learn.microsoft.com/graph/api/resources/authenticationmethod): these types are on beta
 * only (https://learn.microsoft.com/graph/api/resources/authenticationmethods-overview lists the
 * v1.0 ones), so v1.0 leaves them out.
 */
export const betaOnlyMethodTypes: ReadonlySet<string> = new Set([
  '#microsoft.graph.platformCredentialAuthenticationMethod',
  '#microsoft.graph.qrCodePinAuthenticationMethod',
  '#microsoft.graph.hardwareOathAuthenticationMethod',
]);

const signInActivitySchema = graphObject({
  lastSignInDateTime: dateTime.nullable().optional(),
  lastSignInRequestId: z.string().nullable().optional(),
  lastNonInteractiveSignInDateTime: dateTime.nullable().optional(),
  lastNonInteractiveSignInRequestId: z.string().nullable().optional(),
  lastSuccessfulSignInDateTime: dateTime.nullable().optional(),
  lastSuccessfulSignInRequestId: z.string().nullable().optional(),
});

/**
 * https://learn.microsoft.com/graph/api/resources/user – every property v1.0 defines is accepted
 * and served back on `$select`; the simulator interprets the ones with a schema below.
 * `accountEnabled` and `userType` are optional: Graph returns them only on `$select`
 * (user-get.md's example has neither). The simulator never invents them: a user without
 * `accountEnabled` cannot sign in (the error names the property to paste), and a user without a
 * known `userType` counts as a guest wherever that makes a Conditional Access policy apply.
 */
export const userSchema = graphObject({
  ...definedBy<MicrosoftGraph.User>()(
    'aboutMe',
    'ageGroup',
    'assignedLicenses',
    'assignedPlans',
    'birthday',
    'city',
    'companyName',
    'consentProvidedForMinor',
    'country',
    'creationType',
    'customSecurityAttributes',
    'deletedDateTime',
    'department',
    'deviceEnrollmentLimit',
    'employeeHireDate',
    'employeeId',
    'employeeLeaveDateTime',
    'employeeOrgData',
    'employeeType',
    'externalUserState',
    'externalUserStateChangeDateTime',
    'faxNumber',
    'hireDate',
    'identities',
    'imAddresses',
    'interests',
    'isManagementRestricted',
    'isResourceAccount',
    'lastPasswordChangeDateTime',
    'legalAgeGroupClassification',
    'licenseAssignmentStates',
    'mailboxSettings',
    'mySite',
    'onPremisesDistinguishedName',
    'onPremisesDomainName',
    'onPremisesExtensionAttributes',
    'onPremisesLastSyncDateTime',
    'onPremisesProvisioningErrors',
    'onPremisesSamAccountName',
    'onPremisesSecurityIdentifier',
    'onPremisesUserPrincipalName',
    'otherMails',
    'passwordPolicies',
    'passwordProfile',
    'pastProjects',
    'postalCode',
    'preferredDataLocation',
    'preferredName',
    'print',
    'provisionedPlans',
    'proxyAddresses',
    'responsibilities',
    'schools',
    'securityIdentifier',
    'serviceProvisioningErrors',
    'showInAddressList',
    'skills',
    'state',
    'streetAddress',
  ),
  '@odata.type': odataType('user').optional(),
  id: guid,
  displayName: nonEmpty,
  userPrincipalName: z.string().regex(/^[^@\s]+@[a-z0-9.-]+$/i, { message: 'must be a user principal name (name@domain)' }),
  givenName: z.string().nullable().optional(),
  surname: z.string().nullable().optional(),
  mail: z.string().nullable().optional(),
  mailNickname: z.string().nullable().optional(),
  jobTitle: z.string().nullable().optional(),
  businessPhones: stringList.optional(),
  mobilePhone: z.string().nullable().optional(),
  officeLocation: z.string().nullable().optional(),
  preferredLanguage: z.string().nullable().optional(),
  usageLocation: z.string().nullable().optional(),
  accountEnabled: z.boolean().optional(),
  // A String in Microsoft's type ("Member" or "Guest" on resources/user).
  userType: z.string().nullable().optional(),
  onPremisesSyncEnabled: z.boolean().nullable().optional(),
  onPremisesImmutableId: z.string().nullable().optional(),
  createdDateTime: dateTime.nullable().optional(),
  signInSessionsValidFromDateTime: dateTime.nullable().optional(),
  lastPasswordChangeDateTime: dateTime.nullable().optional(),
  signInActivity: signInActivitySchema.nullable().optional(),
  /** Certificate-based authentication finds the user by these (resources/authorizationinfo). */
  authorizationInfo: graphObject({ certificateUserIds: stringList }).nullable().optional(),
  authenticationMethods: z.array(authenticationMethodSchema).optional(),
});

/** https://learn.microsoft.com/graph/api/resources/group */
export const groupSchema = graphObject({
  ...definedBy<MicrosoftGraph.Group>()(
    'allowExternalSenders',
    'assignedLabels',
    'assignedLicenses',
    'autoSubscribeNewMembers',
    'classification',
    'deletedDateTime',
    'expirationDateTime',
    'hasMembersWithLicenseErrors',
    'hideFromAddressLists',
    'hideFromOutlookClients',
    'isArchived',
    'isManagementRestricted',
    'isSubscribedByMail',
    'licenseProcessingState',
    'onPremisesDomainName',
    'onPremisesLastSyncDateTime',
    'onPremisesNetBiosName',
    'onPremisesProvisioningErrors',
    'onPremisesSamAccountName',
    'onPremisesSecurityIdentifier',
    'onPremisesSyncEnabled',
    'preferredDataLocation',
    'preferredLanguage',
    'proxyAddresses',
    'renewedDateTime',
    'securityIdentifier',
    'serviceProvisioningErrors',
    'theme',
    'uniqueName',
    'unseenCount',
  ),
  // In group-get.md's v1.0 example and in Microsoft's v1.0 model (@microsoft/msgraph-sdk Group),
  // not in @microsoft/microsoft-graph-types.
  ...microsoftDefined('resourceBehaviorOptions', 'resourceProvisioningOptions'),
  '@odata.type': odataType('group').optional(),
  id: guid,
  displayName: nonEmpty,
  description: z.string().nullable().optional(),
  mail: z.string().nullable().optional(),
  mailEnabled: z.boolean(),
  mailNickname: z.string().nullable().optional(),
  securityEnabled: z.boolean(),
  // Returned by default but left out of user-list-transitivememberof.md's group; served as the seed holds it.
  groupTypes: stringList.optional(),
  isAssignableToRole: z.boolean().nullable().optional(),
  membershipRule: z.string().nullable().optional(),
  membershipRuleProcessingState: z.enum(['On', 'Paused']).nullable().optional(),
  visibility: z.string().nullable().optional(),
  createdDateTime: dateTime.nullable().optional(),
  /** Ids of users, groups or service principals (the simulator's `members` relationship). */
  members: z.array(guid),
  owners: z.array(guid),
});

export const certificateAuthoritySchema = graphObject({
  isRootAuthority: z.boolean(),
  certificate: base64,
  issuer: z.string().optional(),
  issuerSki: z.string().optional(),
  certificateRevocationListUrl: z.string().nullable().optional(),
  deltaCertificateRevocationListUrl: z.string().nullable().optional(),
});

export type TenantSeed = z.infer<typeof tenantSchema>;
export type DomainSeed = z.infer<typeof domainSchema>;
export type UserSeed = z.infer<typeof userSchema>;
export type GroupSeed = z.infer<typeof groupSchema>;
export type AuthenticationMethodSeed = z.infer<typeof authenticationMethodSchema>;

/**
 * Seed shapes for the directory: tenant, domains, users (with their authentication methods)
 * and groups, in the shape Microsoft Graph v1.0 returns them.
 *
 * Sources: https://learn.microsoft.com/graph/api/resources/user,
 * https://learn.microsoft.com/graph/api/resources/signinactivity,
 * https://learn.microsoft.com/graph/api/resources/fido2authenticationmethod,
 * https://learn.microsoft.com/graph/api/resources/domain, https://learn.microsoft.com/graph/api/resources/group.
 */
import { z } from 'zod';

import { base64, dateTime, guid, nonEmpty, odataType, stringList } from './schema-common.ts';

export const tenantSchema = z.strictObject({
  id: guid,
  displayName: nonEmpty,
  /** Decides what needs a premium licence (signInActivity, sign-in logs, PIM, CA). */
  licence: z.enum(['free', 'P1', 'P2']),
});

export const domainSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, { message: 'must be a domain name' }),
  authenticationType: z.enum(['Managed', 'Federated']).optional(),
  availabilityStatus: z.string().nullable().optional(),
  isAdminManaged: z.boolean().optional(),
  isDefault: z.boolean(),
  isInitial: z.boolean(),
  isRoot: z.boolean().optional(),
  isVerified: z.boolean(),
  supportedServices: stringList.optional(),
  passwordValidityPeriodInDays: z.number().int().nullable().optional(),
  passwordNotificationWindowInDays: z.number().int().nullable().optional(),
});

const methodBase = { id: nonEmpty, createdDateTime: dateTime.nullable().optional() };

/** The password method has a fixed id in every tenant (authenticationmethod-resetpassword). */
export const passwordMethodId = '28c10230-6103-485e-b985-444c60001490';

export const authenticationMethodSchema = z.discriminatedUnion('@odata.type', [
  z.strictObject({
    '@odata.type': odataType('fido2AuthenticationMethod'),
    ...methodBase,
    displayName: z.string().nullable().optional(),
    aaGuid: guid.nullable().optional(),
    model: z.string().nullable().optional(),
    attestationCertificates: stringList.optional(),
    attestationLevel: z.enum(['attested', 'notAttested', 'unknownFutureValue']).optional(),
  }),
  z.strictObject({
    '@odata.type': odataType('passwordAuthenticationMethod'),
    ...methodBase,
    id: z.literal(passwordMethodId),
    password: z.null().optional(),
  }),
  z.strictObject({
    '@odata.type': odataType('microsoftAuthenticatorAuthenticationMethod'),
    ...methodBase,
    displayName: z.string().nullable().optional(),
    deviceTag: z.string().nullable().optional(),
    phoneAppVersion: z.string().nullable().optional(),
  }),
  z.strictObject({
    '@odata.type': odataType('phoneAuthenticationMethod'),
    ...methodBase,
    phoneNumber: nonEmpty,
    phoneType: z.enum(['mobile', 'alternateMobile', 'office']),
    smsSignInState: z.enum(['notSupported', 'notAllowedByPolicy', 'notEnabled', 'phoneNumberNotUnique', 'ready', 'notConfigured']).optional(),
  }),
  z.strictObject({
    '@odata.type': odataType('softwareOathAuthenticationMethod'),
    ...methodBase,
    secretKey: z.null().optional(),
  }),
  z.strictObject({
    '@odata.type': odataType('emailAuthenticationMethod'),
    ...methodBase,
    emailAddress: z.email({ message: 'must be an email address' }),
  }),
  z.strictObject({
    '@odata.type': odataType('temporaryAccessPassAuthenticationMethod'),
    ...methodBase,
    temporaryAccessPass: z.null().optional(),
    startDateTime: dateTime.nullable().optional(),
    lifetimeInMinutes: z.number().int().positive(),
    isUsableOnce: z.boolean(),
    isUsable: z.boolean().optional(),
    methodUsabilityReason: z.string().optional(),
  }),
  z.strictObject({
    '@odata.type': odataType('windowsHelloForBusinessAuthenticationMethod'),
    ...methodBase,
    displayName: z.string().nullable().optional(),
    keyStrength: z.enum(['normal', 'weak', 'unknown']).optional(),
  }),
]);

const signInActivitySchema = z.strictObject({
  lastSignInDateTime: dateTime.nullable().optional(),
  lastSignInRequestId: z.string().nullable().optional(),
  lastNonInteractiveSignInDateTime: dateTime.nullable().optional(),
  lastNonInteractiveSignInRequestId: z.string().nullable().optional(),
  lastSuccessfulSignInDateTime: dateTime.nullable().optional(),
  lastSuccessfulSignInRequestId: z.string().nullable().optional(),
});

export const userSchema = z.strictObject({
  '@odata.type': odataType('user').optional(),
  id: guid,
  displayName: nonEmpty,
  userPrincipalName: z.string().regex(/^[^@\s]+@[a-z0-9.-]+$/i, { message: 'must be a user principal name (name@domain)' }),
  givenName: z.string().nullable().optional(),
  surname: z.string().nullable().optional(),
  mail: z.string().nullable().optional(),
  mailNickname: z.string().optional(),
  jobTitle: z.string().nullable().optional(),
  businessPhones: stringList.optional(),
  mobilePhone: z.string().nullable().optional(),
  officeLocation: z.string().nullable().optional(),
  preferredLanguage: z.string().nullable().optional(),
  usageLocation: z.string().nullable().optional(),
  accountEnabled: z.boolean(),
  userType: z.enum(['Member', 'Guest']),
  onPremisesSyncEnabled: z.boolean().nullable().optional(),
  onPremisesImmutableId: z.string().nullable().optional(),
  createdDateTime: dateTime.nullable().optional(),
  signInSessionsValidFromDateTime: dateTime.nullable().optional(),
  lastPasswordChangeDateTime: dateTime.nullable().optional(),
  signInActivity: signInActivitySchema.optional(),
  authenticationMethods: z.array(authenticationMethodSchema).optional(),
});

export const groupSchema = z.strictObject({
  '@odata.type': odataType('group').optional(),
  id: guid,
  displayName: nonEmpty,
  description: z.string().nullable().optional(),
  mail: z.string().nullable().optional(),
  mailEnabled: z.boolean(),
  mailNickname: z.string().optional(),
  securityEnabled: z.boolean(),
  groupTypes: stringList,
  isAssignableToRole: z.boolean().nullable().optional(),
  membershipRule: z.string().nullable().optional(),
  membershipRuleProcessingState: z.enum(['On', 'Paused']).nullable().optional(),
  visibility: z.string().nullable().optional(),
  createdDateTime: dateTime.nullable().optional(),
  /** Ids of users, groups or service principals (the simulator's `members` relationship). */
  members: z.array(guid),
  owners: z.array(guid),
});

export const certificateAuthoritySchema = z.strictObject({
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

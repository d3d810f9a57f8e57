/**
 * Seed shapes for applications, service principals, app-role grants and sign-in records.
 *
 * Sources: https://learn.microsoft.com/graph/api/resources/application,
 * https://learn.microsoft.com/graph/api/resources/keycredential,
 * https://learn.microsoft.com/graph/api/resources/passwordcredential,
 * https://learn.microsoft.com/graph/api/resources/serviceprincipal,
 * https://learn.microsoft.com/graph/api/resources/approleassignment,
 * https://learn.microsoft.com/graph/api/resources/signin (beta fields, e.g. signInEventTypes).
 */
import type * as MicrosoftGraph from '@microsoft/microsoft-graph-types';
import { z } from 'zod';

import { base64, dateTime, definedBy, graphObject, guid, microsoftDefined, nonEmpty, odataType, stringList } from './schema-common.ts';

/**
 * `customKeyIdentifier` is Edm.Binary: "when not provided in the payload, defaults to the
 * thumbprint of the certificate" (https://learn.microsoft.com/graph/api/resources/keycredential),
 * and Graph's JSON carries Binary as padded base64 – the 20 SHA-1 bytes as 28 characters. A value
 * that is not base64 is refused, as Graph cannot have returned it. (A key written with the 40 hex
 * digits, as Microsoft's example in https://learn.microsoft.com/graph/applications-how-to-add-certificate
 * does, is valid base64 – Graph read it as such – and is kept as it is.)
 */
const keyIdentifier = z.string().regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, {
  message:
    'must be base64, as Graph returns this Binary property (the certificate\'s SHA-1 thumbprint is 28 base64 characters ending in "="; leave it out and it defaults to the thumbprint)',
});

export const keyCredentialSchema = z.strictObject({
  customKeyIdentifier: keyIdentifier.nullable().optional(),
  displayName: z.string().nullable().optional(),
  endDateTime: dateTime,
  /** Base64 DER of the certificate; Graph returns it only on `$select` of a single object. */
  key: base64.nullable().optional(),
  keyId: guid,
  startDateTime: dateTime,
  type: z.enum(['AsymmetricX509Cert', 'Symmetric', 'X509CertAndPassword']),
  usage: z.enum(['Verify', 'Sign']),
});

export const passwordCredentialSchema = z.strictObject({
  customKeyIdentifier: z.string().nullable().optional(),
  displayName: z.string().nullable().optional(),
  endDateTime: dateTime,
  hint: z.string().nullable().optional(),
  keyId: guid,
  secretText: z.null().optional(),
  startDateTime: dateTime,
});

const redirectUris = graphObject({ redirectUris: stringList });

// https://learn.microsoft.com/graph/api/resources/application
export const applicationSchema = graphObject({
  ...definedBy<MicrosoftGraph.Application>()(
    'addIns',
    'api',
    'applicationTemplateId',
    'appRoles',
    'authenticationBehaviors',
    'certification',
    'defaultRedirectUri',
    'deletedDateTime',
    'disabledByMicrosoftStatus',
    'groupMembershipClaims',
    'identifierUris',
    'info',
    'isDeviceOnlyAuthSupported',
    'logo',
    'nativeAuthenticationApisEnabled',
    'notes',
    'oauth2RequirePostResponse',
    'optionalClaims',
    'parentalControlSettings',
    'requestSignatureVerification',
    'samlMetadataUrl',
    'serviceManagementReference',
    'servicePrincipalLockConfiguration',
    'tokenEncryptionKeyId',
    'uniqueName',
    'verifiedPublisher',
  ),
  '@odata.type': odataType('application').optional(),
  id: guid,
  appId: guid,
  displayName: nonEmpty,
  description: z.string().nullable().optional(),
  createdDateTime: dateTime.nullable().optional(),
  // A nullable String in Microsoft's type (resources/application lists AzureADMyOrg, AzureADMultipleOrgs,
  // AzureADandPersonalMicrosoftAccount, PersonalMicrosoftAccount); the simulator does not act on it.
  signInAudience: z.string().nullable().optional(),
  publisherDomain: z.string().nullable().optional(),
  tags: stringList.optional(),
  isFallbackPublicClient: z.boolean().nullable().optional(),
  // "Not nullable" collections (https://learn.microsoft.com/graph/api/resources/application): Graph
  // serves an application without credentials as [], and a $select that leaves them out
  // (application-get.md example 2) omits them; the simulator holds such an application as having none,
  // so it can neither authenticate with nor addKey a certificate (the stricter outcome).
  keyCredentials: z.array(keyCredentialSchema).default([]),
  passwordCredentials: z.array(passwordCredentialSchema).default([]),
  requiredResourceAccess: z
    .array(graphObject({ resourceAppId: guid, resourceAccess: z.array(graphObject({ id: guid, type: z.enum(['Role', 'Scope']) })) }))
    .optional(),
  publicClient: redirectUris.optional(),
  web: graphObject({
    ...definedBy<MicrosoftGraph.WebApplication>()('implicitGrantSettings', 'redirectUriSettings'),
    redirectUris: stringList,
    homePageUrl: z.string().nullable().optional(),
    logoutUrl: z.string().nullable().optional(),
  }).optional(),
  spa: redirectUris.optional(),
  /** Ids of the users or service principals that own the registration. */
  owners: z.array(guid),
});

const appRoleSchema = graphObject({
  id: guid,
  value: z.string().nullable(),
  displayName: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  allowedMemberTypes: z.array(z.enum(['User', 'Application'])),
  isEnabled: z.boolean(),
  origin: z.string().nullable().optional(),
});

const permissionScopeSchema = graphObject({
  id: guid,
  value: nonEmpty,
  adminConsentDisplayName: z.string().nullable().optional(),
  adminConsentDescription: z.string().nullable().optional(),
  userConsentDisplayName: z.string().nullable().optional(),
  userConsentDescription: z.string().nullable().optional(),
  isEnabled: z.boolean(),
  origin: z.string().nullable().optional(),
  type: z.enum(['Admin', 'User']),
});

// https://learn.microsoft.com/graph/api/resources/serviceprincipal
export const servicePrincipalSchema = graphObject({
  ...definedBy<MicrosoftGraph.ServicePrincipal>()(
    'addIns',
    'alternativeNames',
    'appDescription',
    'appDisplayName',
    'applicationTemplateId',
    'customSecurityAttributes',
    'deletedDateTime',
    'description',
    'disabledByMicrosoftStatus',
    'homepage',
    'info',
    'loginUrl',
    'logoutUrl',
    'notes',
    'notificationEmailAddresses',
    'preferredSingleSignOnMode',
    'preferredTokenSigningKeyThumbprint',
    'replyUrls',
    'resourceSpecificApplicationPermissions',
    'samlSingleSignOnSettings',
    'signInAudience',
    'tokenEncryptionKeyId',
    'verifiedPublisher',
  ),
  '@odata.type': odataType('servicePrincipal').optional(),
  id: guid,
  appId: guid,
  displayName: nonEmpty,
  // Returned on $select only; a service principal without it in the seed gets no token (the error
  // names the property to paste) – Microsoft documents no default.
  accountEnabled: z.boolean().optional(),
  // A nullable String in Microsoft's type; serviceprincipal-get.md example 1 returns null. Not acted on.
  servicePrincipalType: z.string().nullable().optional(),
  appOwnerOrganizationId: guid.nullable().optional(),
  appRoleAssignmentRequired: z.boolean().optional(),
  servicePrincipalNames: stringList.optional(),
  tags: stringList.optional(),
  // "Not nullable" collections (https://learn.microsoft.com/graph/api/resources/serviceprincipal;
  // serviceprincipal-get.md example 1 returns "oauth2PermissionScopes": []): absent means none
  // published, so nothing can be granted or consented from it.
  appRoles: z.array(appRoleSchema).default([]),
  oauth2PermissionScopes: z.array(permissionScopeSchema).default([]),
  keyCredentials: z.array(keyCredentialSchema).optional(),
  passwordCredentials: z.array(passwordCredentialSchema).optional(),
});

export const appRoleAssignmentSchema = graphObject({
  id: nonEmpty,
  appRoleId: guid,
  createdDateTime: dateTime.nullable().optional(),
  deletedDateTime: dateTime.nullable().optional(),
  principalDisplayName: z.string().nullable().optional(),
  principalId: guid,
  principalType: z.enum(['User', 'Group', 'ServicePrincipal']),
  resourceDisplayName: z.string().nullable().optional(),
  resourceId: guid,
});

const appliedPolicySchema = graphObject({
  id: nonEmpty,
  displayName: z.string().nullable().optional(),
  enforcedGrantControls: stringList,
  enforcedSessionControls: stringList,
  result: z.enum([
    'success',
    'failure',
    'notApplied',
    'notEnabled',
    'unknown',
    'reportOnlySuccess',
    'reportOnlyFailure',
    'reportOnlyNotApplied',
    'reportOnlyInterrupted',
    'unknownFutureValue',
  ]),
});

/**
 * Properties only Graph beta has on a sign-in (https://learn.microsoft.com/graph/api/resources/signin?view=graph-rest-beta);
 * the v1.0 route leaves them out, as v1.0 does.
 */
export const signInBetaOnlyProperties = [
  'appliedEventListeners',
  'appTokenProtectionStatus',
  'authenticationAppDeviceDetails',
  'authenticationAppPolicyEvaluationDetails',
  'authenticationContextClassReferences',
  'authenticationDetails',
  'authenticationMethodsUsed',
  'authenticationProcessingDetails',
  'authenticationProtocol',
  'authenticationRequirement',
  'authenticationRequirementPolicies',
  'autonomousSystemNumber',
  'azureResourceId',
  'clientCredentialType',
  'conditionalAccessAudiences',
  'crossTenantAccessType',
  'federatedCredentialId',
  'flaggedForReview',
  'globalSecureAccessIpAddress',
  'homeTenantId',
  'homeTenantName',
  'incomingTokenType',
  'ipAddressFromResourceProvider',
  'isTenantRestricted',
  'isThroughGlobalSecureAccess',
  'managedServiceIdentity',
  'mfaDetail',
  'networkLocationDetails',
  'originalRequestId',
  'originalTransferMethod',
  'privateLinkDetails',
  'processingTimeInMilliseconds',
  'resourceServicePrincipalId',
  'resourceTenantId',
  'servicePrincipalCredentialKeyId',
  'servicePrincipalCredentialThumbprint',
  'servicePrincipalId',
  'servicePrincipalName',
  'sessionId',
  'sessionLifetimePolicies',
  'signInEventTypes',
  'signInIdentifier',
  'signInIdentifierType',
  'signInTokenProtectionStatus',
  'tokenIssuerName',
  'tokenIssuerType',
  'uniqueTokenIdentifier',
  'userAgent',
  'userType',
] as const;

// https://learn.microsoft.com/graph/api/resources/signin (v1.0) and the beta page above.
export const signInSchema = graphObject({
  ...definedBy<MicrosoftGraph.SignIn>()('riskEventTypes', 'riskEventTypes_v2'),
  ...microsoftDefined(...signInBetaOnlyProperties),
  id: nonEmpty,
  createdDateTime: dateTime,
  userDisplayName: z.string().nullable().optional(),
  userPrincipalName: z.string().nullable().optional(),
  userId: z.string().nullable().optional(),
  appId: z.string().nullable().optional(),
  appDisplayName: z.string().nullable().optional(),
  ipAddress: z.string().nullable().optional(),
  clientAppUsed: z.string().nullable().optional(),
  correlationId: z.string().nullable().optional(),
  conditionalAccessStatus: z.enum(['success', 'failure', 'notApplied', 'unknownFutureValue']).nullable().optional(),
  isInteractive: z.boolean().nullable().optional(),
  riskDetail: z.string().nullable().optional(),
  riskLevelAggregated: z.string().nullable().optional(),
  riskLevelDuringSignIn: z.string().nullable().optional(),
  riskState: z.string().nullable().optional(),
  resourceDisplayName: z.string().nullable().optional(),
  resourceId: z.string().nullable().optional(),
  status: graphObject({
    errorCode: z.number().int(),
    failureReason: z.string().nullable().optional(),
    additionalDetails: z.string().nullable().optional(),
  }),
  appliedConditionalAccessPolicies: z.array(appliedPolicySchema).nullable().optional(),
  authenticationRequirement: z.string().optional(),
  authenticationDetails: z
    .array(
      graphObject({
        authenticationMethod: z.string().nullable().optional(),
        authenticationMethodDetail: z.string().nullable().optional(),
        authenticationStepDateTime: dateTime.nullable().optional(),
        authenticationStepRequirement: z.string().nullable().optional(),
        authenticationStepResultDetail: z.string().nullable().optional(),
        succeeded: z.boolean().nullable().optional(),
      }),
    )
    .optional(),
  signInEventTypes: z
    .array(z.enum(['interactiveUser', 'nonInteractiveUser', 'servicePrincipal', 'managedIdentity', 'unknownFutureValue']))
    .optional(),
  servicePrincipalId: z.string().nullable().optional(),
  servicePrincipalName: z.string().nullable().optional(),
  servicePrincipalCredentialKeyId: z.string().nullable().optional(),
  servicePrincipalCredentialThumbprint: z.string().nullable().optional(),
  location: z.unknown().optional(),
  deviceDetail: z.unknown().optional(),
});

export type ApplicationSeed = z.infer<typeof applicationSchema>;
export type KeyCredentialSeed = z.infer<typeof keyCredentialSchema>;
export type PasswordCredentialSeed = z.infer<typeof passwordCredentialSchema>;
export type ServicePrincipalSeed = z.infer<typeof servicePrincipalSchema>;
export type AppRoleAssignmentSeed = z.infer<typeof appRoleAssignmentSchema>;
export type SignInSeed = z.infer<typeof signInSchema>;

/**
 * Token-endpoint failures in Entra's shape (docs/microsoft-behaviour.md, "Token-endpoint errors";
 * https://learn.microsoft.com/entra/identity-platform/reference-error-codes): `error`,
 * `error_description` starting "AADSTSnnnn:" and ending in trace/correlation ids and a timestamp,
 * `error_codes`, `timestamp`, `trace_id`, `correlation_id`, `error_uri`, optional `suberror`/`claims`.
 *
 * Texts follow messages Entra is documented or observed to return (cited per factory); where
 * Microsoft publishes no text, the wording is the simulator's and says so in a comment.
 */
import { randomUUID } from 'node:crypto';

export type EntraError = {
  readonly status: number;
  readonly error: string;
  readonly codes: readonly number[];
  readonly description: string;
  readonly suberror?: string;
  readonly claims?: string;
};

export type EntraErrorBody = {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
  suberror?: string;
  claims?: string;
};

/** "2016-01-09 02:02:12Z", the timestamp format of Entra error bodies. */
export function entraTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

export function entraErrorBody(failure: EntraError, now: Date, correlationId: string = randomUUID()): EntraErrorBody {
  const traceId = randomUUID();
  const timestamp = entraTimestamp(now);
  const code = failure.codes[0] ?? 0;
  return {
    error: failure.error,
    error_description: `AADSTS${code}: ${failure.description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [...failure.codes],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    ...(failure.suberror ? { suberror: failure.suberror } : {}),
    ...(failure.claims ? { claims: failure.claims } : {}),
  };
}

const fail = (
  status: number,
  error: string,
  code: number | number[],
  description: string,
  extra: Partial<EntraError> = {},
): EntraError => ({
  status,
  error,
  codes: Array.isArray(code) ? code : [code],
  description,
  ...extra,
});

const certificateDocs = 'Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .';

export const entraErrors = {
  tenantNotFound: (tenant: string) =>
    fail(
      400,
      'invalid_request',
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    ),
  missingParameter: (name: string) =>
    fail(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`),
  unsupportedGrantType: (grantType: string) =>
    fail(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`),
  applicationNotFound: (appId: string, tenantName: string) =>
    fail(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${appId}' was not found in the directory '${tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ),
  // AADSTS7000112 UnauthorizedClientApplicationDisabled (reference-error-codes).
  applicationDisabled: (appId: string, name: string) =>
    fail(400, 'unauthorized_client', 7000112, `Application '${appId}'(${name}) is disabled.`),
  /** The same for a seed service principal without `accountEnabled`: refused as disabled, naming what to paste. */
  applicationStateNotInSeed: (appId: string, name: string) =>
    fail(
      400,
      'unauthorized_client',
      7000112,
      `Application '${appId}'(${name}) is disabled. (Simulated tenant: the seed holds no accountEnabled for this service principal; paste it as GET /servicePrincipals(appId='${appId}')?$select=id,appId,displayName,accountEnabled,servicePrincipalType,appRoles,oauth2PermissionScopes.)`,
    ),
  credentialMissing: () =>
    fail(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."),
  publicClientWithCredential: () =>
    fail(401, 'invalid_client', 700025, "Client is public so neither 'client_assertion' nor 'client_secret' should be presented."),
  // Observed text: AzureAD/microsoft-authentication-library-for-js#8339, keycloak/keycloak#19425.
  keyNotRegistered: (thumbprint: string, appId: string) =>
    fail(
      401,
      'invalid_client',
      700027,
      `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${thumbprint}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${appId}'. ${certificateDocs}]`,
    ),
  // The header names no thumbprint at all; Entra's exact words for this case are not published.
  thumbprintMissing: (appId: string) =>
    fail(
      401,
      'invalid_client',
      700027,
      `Client assertion failed signature validation. [Reason - The key was not found: the assertion header carries neither 'x5t' nor 'x5t#S256', so no key of app Id '${appId}' can be chosen. ${certificateDocs}]`,
    ),
  // Observed text: AzureAD/passport-azure-ad#453, Azure/azure-sdk-for-java#25109.
  signatureInvalid: (thumbprint: string, start: string, end: string) =>
    fail(
      401,
      'invalid_client',
      700027,
      `Client assertion contains an invalid signature. [Reason - The provided signature value did not match the expected signature value., Thumbprint of key used by client: '${thumbprint}', Found key 'Start=${start}, End=${end}']`,
    ),
  keyExpired: (thumbprint: string, start: string, end: string) =>
    fail(
      401,
      'invalid_client',
      700027,
      `Client assertion contains an invalid signature. [Reason - The key used is expired., Thumbprint of key used by client: '${thumbprint}', Found key 'Start=${start}, End=${end}']`,
    ),
  assertionMalformed: () => fail(401, 'invalid_client', 50027, 'JWT token is invalid or malformed.'),
  // Text: AzureAD/microsoft-authentication-library-for-dotnet#4951 (docs/microsoft-behaviour.md, "Client assertion").
  assertionTime: (now: string, from: string, to: string) =>
    fail(
      401,
      'invalid_client',
      700024,
      `Client assertion is not within its valid time range. Current time: ${now}, assertion valid from ${from}, expiry time of assertion ${to}. ${certificateDocs}`,
    ),
  // Text: AzureAD/azure-activedirectory-library-for-python#79 (error_codes [70002, 50012]).
  assertionAudience: () =>
    fail(
      401,
      'invalid_client',
      [70002, 50012],
      'Error validating credentials. AADSTS50012: Client assertion audience claim does not match Realm issuer.',
    ),
  assertionIssuer: () =>
    fail(401, 'invalid_client', 700021, `Client assertion application identifier doesn't match 'client_id' parameter. ${certificateDocs}`),
  assertionSubject: () => fail(401, 'invalid_client', 50048, 'Subject mismatches Issuer claim in the client assertion.'),
  // AADSTS50013 InvalidAssertion; Entra publishes no text for a replayed jti, so this is the simulator's.
  assertionReplayed: (jti: string) =>
    fail(
      401,
      'invalid_client',
      50013,
      `Assertion is invalid. [Reason - The client assertion with jti '${jti}' was already used to obtain a token for this resource; send a new assertion.]`,
    ),
  scopeMissing: () => fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'scope'."),
  // AADSTS1002012: client credentials need {resource}/.default.
  scopeNeedsDefault: (scope: string) =>
    fail(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    ),
  scopeInvalid: (scope: string) =>
    fail(400, 'invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`),
  multipleResources: () =>
    fail(
      400,
      'invalid_scope',
      28000,
      'Provided value for the input parameter scope is not valid because it contains more than one resource. Scope contains multiple resources.',
    ),
  resourceNotFound: (resource: string, tenantName: string) =>
    fail(
      400,
      'invalid_resource',
      500011,
      `The resource principal named ${resource} was not found in the tenant named ${tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
    ),
  codeInvalid: () => fail(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.'),
  codeExpired: () =>
    fail(
      400,
      'invalid_grant',
      70008,
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
    ),
  codeRedeemed: () =>
    fail(
      400,
      'invalid_grant',
      54005,
      'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
    ),
  codeVerifierMismatch: () =>
    fail(400, 'invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.'),
  redirectUriMismatch: (uri: string, appId: string) =>
    fail(
      400,
      'invalid_request',
      50011,
      `The redirect URI '${uri}' specified in the request does not match the redirect URIs configured for the application '${appId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`,
    ),
  // 53003 with suberror message_only, as captured from Entra (docs/microsoft-behaviour.md, "Token-endpoint errors").
  blockedByConditionalAccess: () =>
    fail(
      400,
      'interaction_required',
      53003,
      'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
      { suberror: 'message_only' },
    ),
  deviceNotCompliant: () =>
    fail(
      400,
      'interaction_required',
      53000,
      'Device is not in required device state: compliant. Conditional Access policy requires a compliant device, and the device is not compliant. The user must enroll their device with an approved MDM provider like Intune.',
      { suberror: 'message_only' },
    ),
  strongAuthRequired: (resource: string, policyId: string) =>
    fail(
      400,
      'invalid_grant',
      50076,
      `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${resource}'.`,
      {
        suberror: 'basic_action',
        claims: JSON.stringify({ access_token: { capolids: { essential: true, values: [policyId] } } }),
      },
    ),
  userDisabled: () => fail(400, 'invalid_grant', 50057, 'The user account is disabled.'),
  /**
   * A seed user without `accountEnabled` (a paste of a default GET, which leaves it out): Microsoft
   * knows every account's state, the simulator does not, and refuses as for a disabled account
   * (the stricter outcome), saying what to paste.
   */
  userStateNotInSeed: (userId: string) =>
    fail(
      400,
      'invalid_grant',
      50057,
      `The user account is disabled. (Simulated tenant: the seed holds no accountEnabled for user ${userId}; paste the user as GET /users/${userId}?$select=id,displayName,userPrincipalName,accountEnabled,userType,onPremisesSyncEnabled.)`,
    ),
  userLocked: () =>
    fail(
      400,
      'invalid_grant',
      50053,
      "Your account is locked because you've tried to sign in too many times with an incorrect user ID or password.",
    ),
  userNotFound: (name: string, tenantName: string) =>
    fail(
      400,
      'invalid_grant',
      50034,
      `The user account ${name} does not exist in the ${tenantName} directory. To sign into this application, the account must be added to the directory.`,
    ),
  grantRevoked: (issued: string, validFrom: string) =>
    fail(
      400,
      'invalid_grant',
      50173,
      `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${issued}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${validFrom}'.`,
    ),
  // Consent (https://learn.microsoft.com/entra/identity-platform/reference-error-codes):
  // 65001 DelegationDoesNotExist "Send an interactive authorization request for this user and resource";
  // the token endpoint marks it with suberror consent_required, which msal turns into an
  // InteractionRequiredAuthError (docs/microsoft-behaviour.md, "Token-endpoint errors").
  consentRequired: (appId: string, name: string) =>
    fail(
      400,
      'invalid_grant',
      65001,
      `The user or administrator has not consented to use the application with ID '${appId}' named '${name}'. Send an interactive authorization request for this user and resource.`,
      { suberror: 'consent_required' },
    ),
  // 90094 AdminConsentRequired – "Administrator consent is required."
  adminConsentRequired: (appId: string, name: string) =>
    fail(
      400,
      'access_denied',
      90094,
      `Administrator consent is required. '${name}' (${appId}) asks for permissions that only an administrator can grant for your organization.`,
    ),
  // 65004 UserDeclinedConsent – "User declined to consent to access the app."
  userDeclinedConsent: () => fail(400, 'access_denied', 65004, 'User declined to consent to access the app.'),
  refreshTokenInvalid: () => fail(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.'),
  authorizationPending: () =>
    fail(400, 'authorization_pending', 70016, 'OAuth 2.0 device flow error. Authorization is pending. Continue polling.'),
  deviceCodeExpired: () => fail(400, 'expired_token', 70019, 'Verification code expired.'),
  deviceCodeDeclined: () => fail(400, 'authorization_declined', 70000, 'The end-user denied the authorization request.'),
  temporarilyUnavailable: () => fail(503, 'temporarily_unavailable', 90006, 'The service is temporarily unavailable. Retry the request.'),
  throttled: () =>
    fail(429, 'temporarily_unavailable', 90055, 'There are too many incoming requests. Retry after the time the Retry-After header gives.'),
} as const;

/**
 * What each sign-in failure means to a custodian, and what to do about it.
 *
 * One entry per AADSTS code, with the source of its meaning: Microsoft's error-code reference
 * (https://learn.microsoft.com/entra/identity-platform/reference-error-codes, "reference-error-codes"
 * below; the names in the comments are the ones that page documents), the texts quoted in
 * (docs/microsoft-behaviour.md, "Client assertion", "Device code" and "Token-endpoint errors"), and the
 * simulator's texts (src/sim/token/entra-errors.ts).
 * A second table covers failures that carry no code (cancelled, no network, busy).
 *
 * Steps that suggest another way in name the alternative they offer, so explain.ts can leave out
 * what is not open to the custodian (no app configured, already on that path) and fall back to a
 * last resort instead of ending in a dead end.
 */
import { certificateSignInGuides } from './codes-cba.ts';
import { consentAndSessionGuides, consentNeeded, deviceCodeRefused } from './codes-consent.ts';
import {
  anotherWayIn,
  appInstead,
  appInsteadOfCa,
  checkClock,
  checkPfx,
  checkTenant,
  lastResort,
  otherAccount,
  startAgain,
  useSecurityKey,
  userInstead,
  type FailureGuide,
} from './guide-steps.ts';

export type { FailureGuide, FailureGuideText, GuideStep, SignInAlternative, SignInPath } from './guide-steps.ts';

const conditionalAccess = (title: string, explanation: string): FailureGuide => ({
  title,
  explanation,
  nextSteps: [
    ...anotherWayIn(appInsteadOfCa),
    'Once you are in, add the break-glass exclusion back to the blocking policy (Recovery actions).',
    'Afterwards, run the readiness checks: BG-CA-01 names every policy that still applies to a break-glass account.',
  ],
});

const enrolmentRequired: FailureGuide = {
  title: 'Microsoft wants this account to register MFA',
  explanation:
    'Microsoft Entra asked this account to register a multi-factor method before it may sign in. It usually means the password was used, or the security key is no longer registered.',
  nextSteps: [
    useSecurityKey(),
    ...anotherWayIn(),
    'Do not register a phone or the Authenticator app for a break-glass account: only security keys (BG-USR-06).',
    "Once you are in, check the account's registered methods (BG-USR-05).",
  ],
};

const assertionRejected: FailureGuide = {
  title: "The app's sign-in was rejected",
  explanation:
    "Microsoft Entra could not validate the app's signed sign-in request. Usually the tenant ID or sign-in address in the inventory file does not match the tenant, or the certificate is not the current one.",
  nextSteps: [checkTenant, checkPfx, ...anotherWayIn(), "Once you are in, check the app's certificates (BG-APP-03)."],
};

const assertionIdentity: FailureGuide = {
  title: "The app's sign-in names the wrong app",
  explanation: "The app's signed sign-in request names a different application from the one it signs in as.",
  nextSteps: ['Check the application ID (appId) of the app in the inventory file.', startAgain, ...anotherWayIn()],
};

const assertionInvalid: FailureGuide = {
  title: "The app's sign-in request was refused",
  explanation:
    'Microsoft Entra refused the signed request the app sent, for example because it was already used or is malformed. A fresh request usually works.',
  nextSteps: [
    { text: 'Sign in once more.', offers: 'wait-and-retry' },
    { text: "If it fails again, check this computer's date, time and time zone.", offers: 'check-clock' },
    checkPfx,
    ...anotherWayIn(),
  ],
};

const clientSecret = (title: string, explanation: string): FailureGuide => ({
  title,
  explanation: `${explanation} Break-glass apps should sign in with a certificate, not a secret.`,
  nextSteps: [
    { text: "Sign in with the app's certificate (the PFX in the safe) instead of a secret.", offers: 'check-certificate' },
    ...anotherWayIn(),
    'Once you are in, remove every client secret from the app (BG-APP-04).',
  ],
});

const scopeProblem: FailureGuide = {
  title: 'The sign-in asked for an invalid permission scope',
  explanation:
    "Microsoft Entra did not accept the permissions the sign-in asked for. This is a problem in the runbook's settings, not in your credentials.",
  nextSteps: [
    'Check the Graph endpoint in the inventory file: the scope is built from it.',
    startAgain,
    'If it fails the same way, write down the trace ID and report it to whoever maintains this laptop.',
    ...anotherWayIn(),
  ],
};

const otherTenant: FailureGuide = {
  title: 'The account belongs to a different tenant',
  explanation:
    'The account you signed in with is not a member of this tenant. The browser may have picked a different, remembered account.',
  nextSteps: [
    'Start the sign-in again and pick the break-glass account (its name ends in .onmicrosoft.com). Choose "Use another account" if the browser offers a remembered one.',
    'Check the tenant ID in the inventory file.',
    ...anotherWayIn(),
  ],
};

export const authorizationPending: FailureGuide = {
  title: 'Waiting for you to finish signing in',
  explanation:
    'Microsoft is still waiting for the code to be entered and the sign-in to be finished on the other device. This is not an error.',
  nextSteps: [
    'Open the address shown, enter the code, and sign in with the security key.',
    'The app keeps checking and continues by itself.',
  ],
  stillWaiting: true,
};

const deviceCodeExpired: FailureGuide = {
  title: 'The device code expired',
  explanation: 'The code was not used in time, so Microsoft Entra stopped waiting. A device code is valid for about 15 minutes.',
  nextSteps: ['Start the sign-in again to get a new code, and enter it straight away.', ...anotherWayIn()],
};

const deviceCodeDeclined: FailureGuide = {
  title: 'The sign-in was declined',
  explanation: 'Someone chose not to approve the sign-in on the other device, so Microsoft Entra stopped it.',
  nextSteps: [
    'Start the sign-in again and approve it on the other device.',
    'If you did not decline it, someone else did: note it in the journal.',
  ],
};

const serviceBusy: FailureGuide = {
  title: 'Microsoft is busy right now',
  explanation:
    "Microsoft Entra asked us to slow down, or is briefly unavailable. This is on Microsoft's side and usually passes within minutes.",
  nextSteps: [
    { text: 'Wait a minute, then try again.', offers: 'wait-and-retry' },
    'If it keeps failing, check the Azure status page (azure.status.microsoft) from another device.',
  ],
};

const cancelled: FailureGuide = {
  title: 'Sign-in cancelled',
  explanation: 'The sign-in was cancelled before it finished. Nothing was changed.',
  nextSteps: [
    'Start the sign-in again when you are ready.',
    'If you did not cancel it, the browser window may have been closed: keep it open until the app says you are in.',
  ],
};

const network: FailureGuide = {
  title: "Can't reach Microsoft",
  explanation:
    "The app could not connect to Microsoft's sign-in service. The problem lies between this computer and Microsoft, not in your credentials.",
  nextSteps: [
    'Check that this computer is online: Wi-Fi or cable connected, and a web page opens.',
    'If your network needs a proxy, or inspects HTTPS traffic, check the proxy settings.',
    "Check that the endpoints in the inventory file are the right ones for your tenant's cloud.",
    { text: 'Then try again.', offers: 'wait-and-retry' },
  ],
};

const interactionRequired: FailureGuide = {
  title: 'Microsoft needs more from this sign-in',
  explanation:
    'Microsoft Entra wants more from this sign-in, such as a second factor or a fresh sign-in in the browser, but did not say what.',
  nextSteps: [
    useSecurityKey('Start the sign-in again and complete every prompt in the browser, using the security key.'),
    ...anotherWayIn(),
  ],
};

export const aadstsGuides: Readonly<Record<number, FailureGuide>> = {
  ...consentAndSessionGuides,
  ...certificateSignInGuides,
  // BlockedByConditionalAccess; the captured body is in (docs/microsoft-behaviour.md, "Token-endpoint errors").
  53003: {
    ...conditionalAccess(
      'Blocked by a Conditional Access policy',
      'Microsoft Entra refused the sign-in because a Conditional Access policy blocks this account. Break-glass accounts should be excluded from every such policy; this one is not.',
    ),
    onPath: {
      // Workload-identity CA policies can block a service principal (BG-CA-05 in docs/domain.md, "The catalogue").
      certificate: {
        title: 'Blocked by a Conditional Access policy for workload identities',
        explanation:
          'Microsoft Entra refused the app sign-in because a Conditional Access policy for workload identities blocks the break-glass app. The app should be excluded from every such policy; it is not.',
        nextSteps: [
          ...anotherWayIn(),
          'Once you are in, exclude the break-glass app from the blocking policy.',
          'Afterwards, run the readiness checks: BG-CA-05 names every policy that still includes the app.',
        ],
      },
    },
  },
  // DeviceNotCompliant.
  53000: conditionalAccess(
    'Conditional Access requires a compliant device',
    'A Conditional Access policy only allows sign-ins from a managed, compliant device, and this computer is not one. Break-glass accounts should be excluded from that policy; this one is not.',
  ),
  // DeviceNotDomainJoined.
  53001: conditionalAccess(
    'Conditional Access requires a domain-joined device',
    'A Conditional Access policy only allows sign-ins from a domain-joined device, and this computer is not one. Break-glass accounts should be excluded from that policy; this one is not.',
  ),
  // ApplicationUsedIsNotAnApprovedApp.
  53002: conditionalAccess(
    'Conditional Access requires an approved app',
    'A Conditional Access policy only allows approved client apps, and this is not one of them. Break-glass accounts should be excluded from that policy; this one is not.',
  ),
  // DeviceAuthenticationRequired.
  50097: conditionalAccess(
    'Conditional Access requires a registered device',
    'A Conditional Access policy requires the device to prove its identity, and this computer cannot. Break-glass accounts should be excluded from that policy; this one is not.',
  ),
  // BlockedByConditionalAccessOnSecurityPolicy.
  530032: conditionalAccess(
    'Blocked by a tenant security policy',
    'Microsoft Entra refused the sign-in because a security policy set for the whole tenant blocks this request.',
  ),
  // BlockedBySecurityDefaults: legacy authentication or a request security defaults deem unsafe.
  530035: {
    title: 'Blocked by security defaults',
    explanation:
      "Microsoft Entra refused the sign-in because the tenant's security defaults block it, usually because it looks like a legacy or unsafe sign-in. Security defaults apply to every account.",
    nextSteps: [
      useSecurityKey(),
      ...anotherWayIn(),
      'Afterwards, consider replacing security defaults with Conditional Access policies that exclude the break-glass accounts.',
    ],
  },
  // UserStrongAuthClientAuthNRequired: "Due to a configuration change made by the admin such as a
  // Conditional Access policy, per-user enforcement, or because you moved to a new location, the user
  // must use multifactor authentication to access the resource. Retry with a new authorize request."
  50076: {
    title: 'Multi-factor authentication is required',
    explanation:
      'Microsoft Entra wants multi-factor authentication for this sign-in – because of a Conditional Access policy, per-user MFA, mandatory MFA for admin portals, or because this computer’s location changed – and what it has is not enough (a password, or an earlier sign-in).',
    nextSteps: [
      useSecurityKey(
        'Start a new sign-in in the browser and use the security key (FIDO2), not the password: enter its PIN and touch it when it blinks. A security key counts as multi-factor.',
      ),
      ...anotherWayIn(),
    ],
    onPath: {
      certificate: {
        explanation:
          'Microsoft Entra wants multi-factor authentication for a user, which an app signing in with its certificate cannot give. This is not expected on the certificate path.',
      },
    },
  },
  // UserStrongAuthEnrollmentRequired.
  50079: enrolmentRequired,
  // UserStrongAuthEnrollmentRequiredInterrupt: the same request, shown during sign-in.
  50072: enrolmentRequired,
  // UserStrongAuthClientAuthNRequiredInterrupt: MFA was required and not passed.
  50074: {
    title: 'The second-factor check did not pass',
    explanation: 'Microsoft Entra asked for multi-factor authentication and the check was not completed.',
    nextSteps: [
      useSecurityKey('Sign in again with the security key (FIDO2): enter its PIN and touch it when it blinks.'),
      'If the key is refused, try the second security key from the safe.',
      ...anotherWayIn(),
    ],
  },
  // ExternalSecurityChallenge: an external MFA provider's challenge was not satisfied.
  50158: {
    title: 'An external security check did not pass',
    explanation: 'Microsoft Entra handed the sign-in to an external security check, and it was not passed.',
    nextSteps: [useSecurityKey('Sign in again with the security key (FIDO2) instead.'), ...anotherWayIn()],
  },
  // IdsLocked: too many failed sign-ins, or a sign-in from a malicious IP. Smart lockout lifts after
  // a minute at first, longer after each further failure
  // (https://learn.microsoft.com/entra/identity/authentication/howto-password-smart-lockout).
  50053: {
    title: 'The account is temporarily locked',
    explanation:
      'Microsoft Entra locked this account after too many failed sign-ins, or because the attempt came from an address it considers malicious. The lock lifts by itself after a while.',
    nextSteps: [
      'Do not try this account again right now: each failed try makes the lock last longer.',
      otherAccount('Meanwhile, sign in with the other break-glass account.'),
      appInstead('Or sign in with the app certificate.'),
      { text: 'Or wait at least a minute, then try this account once more.', offers: 'wait-and-retry' },
      'Afterwards, check the sign-in logs: failed attempts you did not make mean someone is attacking this account.',
    ],
  },
  // UserDisabled.
  50057: {
    title: 'The account is disabled',
    explanation:
      'Microsoft Entra says this break-glass account is disabled, so it cannot sign in. Someone turned it off, by mistake or on purpose.',
    nextSteps: [
      otherAccount('Sign in with the other break-glass account.'),
      appInstead('Or sign in with the app certificate.'),
      userInstead,
      lastResort,
      'Once you are in, re-enable this account and find out in the audit log who disabled it.',
      'Afterwards, run the readiness checks (BG-USR-01).',
    ],
  },
  // InvalidUserNameOrPassword.
  50126: {
    title: 'Wrong user name or password',
    explanation:
      'Microsoft Entra did not accept the user name or password. Break-glass accounts should sign in with a security key, not a password.',
    nextSteps: [
      useSecurityKey('Sign in again and choose the security key (FIDO2) instead of the password.'),
      'If you must use the password, check the user name against the envelope and type the password again slowly. Several failures lock the account.',
      ...anotherWayIn(),
    ],
  },
  // InvalidPasswordExpiredPassword.
  50055: {
    title: 'The password has expired',
    explanation: 'Microsoft Entra says the password of this account has expired.',
    nextSteps: [
      useSecurityKey('Sign in with the security key (FIDO2) instead of the password.'),
      ...anotherWayIn(),
      'Once you are in, set a new password and seal it in a new envelope (Rotation).',
    ],
  },
  // UserAccountNotFound.
  50034: {
    title: 'This account does not exist in the tenant',
    explanation:
      'Microsoft Entra found no account with this user name. The name may be mistyped, the account may have been deleted, or the sign-in went to the wrong tenant.',
    nextSteps: [
      'Check the user name against the inventory file and the envelope: it ends in .onmicrosoft.com.',
      'Check the tenant ID in the inventory file.',
      // troubleshoot-certificate-based-authentication: with a certificate, 50034 means no unique user matched the username binding.
      "If you signed in with the account's certificate or smart card: the certificate did not match this account. Take the card or file labelled for this account, and start again in a new browser window.",
      ...anotherWayIn(),
      'Once you are in, restore the account if it was deleted (Deleted users keeps it for 30 days).',
    ],
  },
  // FreshTokenNeeded: the grant was revoked, e.g. after revokeSignInSessions (docs/microsoft-behaviour.md, "Token-endpoint errors").
  50173: {
    title: 'The earlier sign-in was revoked',
    explanation:
      "Microsoft Entra no longer accepts this account's earlier sign-in: its sessions were revoked or its password changed. This is expected after a rotation.",
    nextSteps: [startAgain, 'If nobody here revoked the sessions or changed the password, someone else did: note it in the journal.'],
  },
  // "Client assertion failed signature validation": key not registered, expired or signature
  // invalid (docs/microsoft-behaviour.md, "Client assertion"; simulator texts keyNotRegistered/keyExpired/signatureInvalid).
  700027: {
    title: 'The app certificate was not accepted',
    explanation:
      "Microsoft Entra did not accept the certificate the app signed in with: it is not registered on the app, it has expired, or this PFX is not the current one. Microsoft's message shows the thumbprint it received.",
    nextSteps: [
      checkPfx,
      'If the safe holds a newer PFX, load that one and sign in again.',
      ...anotherWayIn(),
      "Once you are in, check the app's certificates (BG-APP-03) and rotate if needed.",
    ],
  },
  // "Client assertion is not within its valid time range" (docs/microsoft-behaviour.md, "Client assertion").
  700024: {
    title: "This computer's clock looks wrong",
    explanation:
      "Microsoft Entra rejected the app sign-in because it was stamped with a time outside its valid range. That almost always means this computer's clock is wrong; Microsoft's message shows the time it expected.",
    nextSteps: [checkClock, 'Then sign in again.', ...anotherWayIn()],
  },
  // InvalidJwtToken: invalid or malformed JWT, e.g. a client assertion (simulator assertionMalformed).
  50027: assertionInvalid,
  // InvalidAssertion: invalid for several reasons, including a replayed assertion.
  50013: assertionInvalid,
  // Application with the identifier was not found in the directory.
  700016: {
    title: 'The app was not found in this tenant',
    explanation:
      'Microsoft Entra found no app with this application ID in the tenant. The application ID or tenant ID may be wrong, or the app was deleted.',
    nextSteps: [
      'Check the application ID (appId) and the tenant ID in the inventory file (breakglass.config.json).',
      "Check that the endpoints in the inventory file point at your tenant's cloud.",
      ...anotherWayIn(),
      'Once you are in, check that the app still exists (BG-APP-01); a deleted app can be restored within 30 days.',
    ],
  },
  // InvalidClientSecretProvided.
  7000215: clientSecret("The app's client secret was not accepted", 'Microsoft Entra did not accept the client secret the app sent.'),
  // InvalidClientSecretExpiredKeysProvided.
  7000222: clientSecret("The app's client secret has expired", 'Microsoft Entra refused the client secret because it has expired.'),
  // The request body must contain 'client_assertion' or 'client_secret'.
  7000218: {
    title: 'The app sent no certificate',
    explanation:
      'Microsoft Entra expected the app to prove itself with its certificate, but none was sent. The PFX was probably not loaded.',
    nextSteps: [
      { text: 'Load the PFX from the safe, enter its passphrase, and sign in again.', offers: 'check-certificate' },
      ...anotherWayIn(),
    ],
  },
  // A public client presented a credential ("neither client_assertion nor client_secret").
  700025: {
    title: 'The sign-in app is registered as a public app',
    explanation:
      'The app sent a credential, but it is registered as a public app that must not send one. This is a problem in the app registration, not in your credentials.',
    nextSteps: [
      'Check the application IDs in the inventory file: the user sign-in and the break-glass app must not be mixed up.',
      ...anotherWayIn(),
    ],
  },
  // UnauthorizedClientApplicationDisabled: "The application is disabled."
  7000112: {
    title: 'The app is disabled',
    explanation:
      'Microsoft Entra says the app used to sign in is disabled in this tenant, so it cannot sign in. Someone turned it off, by mistake or on purpose.',
    nextSteps: [
      ...anotherWayIn(),
      'Once you are in, re-enable the service principal – Enterprise applications > the app > Properties > “Enabled for users to sign in?” Yes – and find out in the audit log who disabled it (BG-APP-01 for the break-glass app, BG-CLI-01 for the sign-in app).',
    ],
    onPath: {
      'security-key': {
        explanation:
          'Microsoft Entra says the sign-in app – Microsoft Graph Command Line Tools, or the tenant’s own sign-in app – is disabled in this tenant. Microsoft’s app is still Microsoft’s; only its service principal in this tenant is turned off, and a Global Administrator can turn it on again.',
      },
      'device-code': {
        explanation:
          'Microsoft Entra says the sign-in app – Microsoft Graph Command Line Tools, or the tenant’s own sign-in app – is disabled in this tenant. Microsoft’s app is still Microsoft’s; only its service principal in this tenant is turned off, and a Global Administrator can turn it on again.',
      },
    },
  },
  // InvalidClient "Error validating the credentials", which Entra pairs with 50012 for a client
  // assertion whose audience is not the tenant (simulator assertionAudience).
  70002: assertionRejected,
  // AuthenticationFailed, e.g. "Client assertion audience claim does not match Realm issuer".
  50012: assertionRejected,
  // "Client assertion application identifier doesn't match 'client_id' parameter" (simulator assertionIssuer).
  700021: assertionIdentity,
  // SubjectMismatchesIssuer (simulator assertionSubject).
  50048: assertionIdentity,
  // InvalidTenantName.
  90002: {
    title: 'The tenant was not found',
    explanation:
      'Microsoft Entra found no tenant with this ID or name. The tenant ID may be mistyped, or the sign-in went to the wrong cloud.',
    nextSteps: [
      'Check the tenant ID in the inventory file against your records.',
      'Check that the authority endpoint in the inventory file is the right cloud (for example login.microsoftonline.us for US Government).',
    ],
  },
  // InvalidScope.
  70011: scopeProblem,
  // InvalidMultipleResourcesScope.
  700022: scopeProblem,
  // "Scope contains multiple resources" (simulator multipleResources).
  28000: scopeProblem,
  // Client credential flows need a {resource}/.default scope (simulator scopeNeedsDefault).
  1002012: scopeProblem,
  // InvalidResourceServicePrincipalNotFound.
  500011: {
    title: 'The requested service was not found in this tenant',
    explanation:
      'Microsoft Entra could not find the service the sign-in asked for, normally Microsoft Graph, in this tenant. The Graph endpoint or the tenant ID in the inventory file is probably wrong.',
    nextSteps: [checkTenant, ...anotherWayIn()],
  },
  // InvalidReplyTo: "The reply address is missing, misconfigured, or doesn't match reply addresses
  // configured for the app." Microsoft Graph Command Line Tools registers the loopback address; its
  // registration is Microsoft's and cannot be changed in a tenant, so the fix is in the inventory.
  50011: {
    title: 'The sign-in return address is not registered',
    explanation:
      "Microsoft Entra will not send the sign-in back to this app, because the app's return address (redirect URI, http://localhost on this computer) is not registered for the sign-in app.",
    nextSteps: [
      { text: 'Sign in with a device code instead: it needs no return address.', offers: 'device-code' },
      ...anotherWayIn(),
      'If the inventory names a sign-in app of the tenant’s own ("publicClientId"): once you are in, add http://localhost as a redirect URI (Mobile and desktop applications) to that app registration. Microsoft Graph Command Line Tools cannot be changed in a tenant – if this happens with it, check that "publicClientId" is not set to another Microsoft app by mistake.',
    ],
  },
  // "OAuth2 Authorization code was already redeemed" (docs/microsoft-behaviour.md, "Token requests").
  54005: {
    title: 'The sign-in code was already used',
    explanation:
      'The one-time code from the browser was already used, so Microsoft Entra refused it. A double click or a retry can cause this.',
    nextSteps: [startAgain],
  },
  // ExpiredOrRevokedGrant (docs/microsoft-behaviour.md, "Token requests").
  70008: {
    title: 'The sign-in took too long',
    explanation: 'The one-time code from the browser expired, or the sign-in was revoked, before the app could use it.',
    nextSteps: ['Start the sign-in again, and finish it without long pauses.'],
  },
  // "Invalid request. Request is malformed or invalid" (simulator codeInvalid).
  9002313: {
    title: 'Microsoft could not read the sign-in request',
    explanation: 'Microsoft Entra said the sign-in request was malformed or invalid. A fresh sign-in usually fixes it.',
    nextSteps: [startAgain, ...anotherWayIn()],
  },
  // "The Code_Verifier doesn't match the code_challenge" (PKCE; docs/microsoft-behaviour.md, "Token requests").
  501481: {
    title: 'The sign-in did not match its request',
    explanation:
      'The code from the browser does not belong to the sign-in this app started, for example because two sign-ins were open at once.',
    nextSteps: ['Close other sign-in tabs in the browser.', startAgain],
  },
  // authorization_pending: the device-code poll continues (docs/microsoft-behaviour.md, "Device code").
  70016: authorizationPending,
  // CodeExpired (docs/microsoft-behaviour.md, "Device code").
  70019: deviceCodeExpired,
  // InvalidGrant; in the device-code flow the simulator returns it for a declined request.
  70000: {
    title: 'Microsoft did not accept the sign-in',
    explanation: 'Microsoft Entra refused the sign-in as invalid or revoked. A fresh sign-in usually fixes it.',
    nextSteps: [startAgain, ...anotherWayIn()],
    onPath: { 'device-code': deviceCodeDeclined },
  },
  // ExternalServerRetryableError.
  90006: serviceBusy,
  // TenantThrottlingError.
  90055: serviceBusy,
  // PassThroughUserMfaError: the external account does not exist in this tenant.
  90072: otherTenant,
  // UserUnauthorized: the account from the identity provider does not exist in this tenant.
  50020: otherTenant,
};

/** Failures that carry no AADSTS code, keyed by what the custodian sees. */
export const namedFailureGuides = {
  cancelled,
  network,
  'interaction-required': interactionRequired,
  'service-busy': serviceBusy,
  'device-code-expired': deviceCodeExpired,
  'device-code-declined': deviceCodeDeclined,
} as const satisfies Record<string, FailureGuide>;

/** `error` values (Entra's, and msal's client error codes) that identify a failure without a code. */
export const guidesByErrorName: Readonly<Record<string, FailureGuide>> = {
  network_error: network, // msal-common ClientAuthErrorCodes
  no_network_connectivity: network,
  network_unavailable: network, // msal-node
  endpoints_resolution_error: network, // authority metadata could not be fetched
  openid_config_error: network,
  interaction_required: interactionRequired, // Entra error values (docs/microsoft-behaviour.md, "Token-endpoint errors")
  login_required: interactionRequired,
  consent_required: consentNeeded,
  temporarily_unavailable: serviceBusy,
  slow_down: serviceBusy,
  expired_token: deviceCodeExpired, // device-code poll (RFC 8628 §3.5)
  device_code_expired: deviceCodeExpired, // msal-node
  user_timeout_reached: deviceCodeExpired, // msal-node: the poll's own timeout
  post_request_failed: deviceCodeRefused, // msal-node: any other device-code poll error
};

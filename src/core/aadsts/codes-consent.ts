/**
 * Sign-in failures about consent, assignment to the sign-in app and the life of a session – the
 * ones Microsoft's own sign-in client (Microsoft Graph Command Line Tools, whose registration a
 * tenant cannot change) meets in a real tenant. Each entry's meaning is from Microsoft's
 * error-code reference (https://learn.microsoft.com/entra/identity-platform/reference-error-codes;
 * MicrosoftDocs/entra-docs docs/identity-platform/reference-error-codes.md), quoted in its comment.
 */
import { anotherWayIn, appInstead, otherAccount, useSecurityKey, type FailureGuide } from './guide-steps.ts';

// The consent entries follow reference-error-codes; who may consent for the organization is from
// https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent (Prerequisites).
const grantConsentLater =
  'Once you are in, grant admin consent to the sign-in app (Enterprise applications > the app > Permissions) for the permissions in the README\'s "Permissions in a real tenant"; readiness check BG-CLI-01 shows what is still missing.';
const whoMayConsent =
  'Only a Global Administrator or a Privileged Role Administrator – and, for delegated permissions like these, a Cloud Application or Application Administrator – may consent for the organization.';

// DelegationDoesNotExist: "Send an interactive authorization request for this user and resource."
export const consentNeeded: FailureGuide = {
  title: 'Nobody has consented to the sign-in app’s permissions yet',
  explanation:
    'The permissions the sign-in app asks for have not been granted to it in this tenant, and this request could not ask for them (it was not an interactive sign-in, or asked only for what was granted before).',
  nextSteps: [
    useSecurityKey(
      'Start the sign-in again in the browser with the security key: a break-glass account that is a Global Administrator is then shown Microsoft’s consent page. Tick “Consent on behalf of your organization” and accept.',
    ),
    ...anotherWayIn(),
    grantConsentLater,
  ],
};

// AdminConsentRequired: "Administrator consent is required."
const adminConsentRequired: FailureGuide = {
  title: 'Only an administrator can grant what the sign-in app asks for',
  explanation:
    'The sign-in app asks for permissions nobody has granted in this tenant, and this account is not allowed to grant them: only an administrator can consent to them for the organization.',
  nextSteps: [
    `${whoMayConsent} This account is none of them right now.`,
    ...anotherWayIn(
      appInstead(),
      otherAccount('Or sign in with the other break-glass account, if it holds Global Administrator actively (BG-USR-04).'),
    ),
    grantConsentLater,
  ],
};
// msal-node's DeviceCodeClient throws post_request_failed with only the poll's `error` value for
// any error but authorization_pending ("for any other error, throw"), so Microsoft's code and
// description never reach the app; the other device's page shows them.
export const deviceCodeRefused: FailureGuide = {
  title: 'The sign-in on the other device was refused',
  explanation:
    'Microsoft Entra refused the device-code sign-in. On this path the app is told only that it was refused, not why: the reason, with its AADSTS code, is on the page of the other device.',
  nextSteps: [
    'Read the AADSTS code on the other device’s page. AADSTS90094 means this account may not grant the permissions the sign-in asks for – sign in with an account that is an active Global Administrator; AADSTS53003 means Conditional Access blocked it.',
    ...anotherWayIn(),
  ],
};

export const consentAndSessionGuides: Readonly<Record<number, FailureGuide>> = {
  // EntitlementGrantsNotFound: "The signed in user isn't assigned to a role for the signed in app. Assign the user to the app."
  50105: {
    title: 'The account is not assigned to the sign-in app',
    explanation:
      'The sign-in app (Microsoft Graph Command Line Tools, or the tenant’s own sign-in app) is set to let only assigned users in – “Assignment required” – and this account is not assigned to it.',
    nextSteps: [
      ...anotherWayIn(),
      'Once you are in: Enterprise applications > the sign-in app > Users and groups – assign both break-glass accounts (or set “Assignment required?” to No under Properties). Readiness check BG-CLI-01 warns of this before the next emergency.',
    ],
  },
  // SsoArtifactRevoked: "The session isn't valid due to password expiration or recent password change."
  50133: {
    title: 'The earlier session ended when the password changed',
    explanation:
      'Microsoft Entra no longer accepts the session this sign-in relied on, because the account’s password expired or was changed – as a rotation does.',
    nextSteps: [
      useSecurityKey('Start a new sign-in in the browser and use the security key: it does not depend on the password.'),
      'If nobody here changed the password, someone else did: note it in the journal and check the audit log.',
      ...anotherWayIn(),
    ],
  },
  // BadTokenDueToSignInFrequency: "The refresh token has expired or is invalid due to sign-in frequency checks by Conditional Access."
  70043: {
    title: 'Conditional Access wants a fresh sign-in',
    explanation:
      'A Conditional Access policy limits how long a sign-in lasts (sign-in frequency), and this one has run out. Nothing is wrong with the account or the key.',
    nextSteps: [useSecurityKey('Sign in again in the browser with the security key.'), ...anotherWayIn()],
  },
  // ExpiredOrRevokedGrantInactiveToken: "The refresh token has expired due to inactivity."
  700082: {
    title: 'The sign-in expired after a long pause',
    explanation:
      'The app kept this sign-in without using it for too long, so Microsoft Entra ended it. This is an expected part of a sign-in’s life.',
    nextSteps: [useSecurityKey('Sign in again in the browser with the security key.'), ...anotherWayIn()],
  },
  // "User blocked due to risk on home tenant."
  53011: {
    title: 'Microsoft blocked the account as risky',
    explanation: 'Microsoft Entra ID Protection rates this account as risky in its home tenant, and a risk policy blocks its sign-in.',
    nextSteps: [
      ...anotherWayIn(),
      'Once you are in: Protection > Identity Protection > Risky users – investigate the account; if the risk is explained (for example this drill), confirm it safe or dismiss the risk. Exclude the break-glass accounts from risk-based policies.',
    ],
  },
  // DelegationDoesNotExist: consent_required.
  65001: consentNeeded,
  // "Consent between first party application and first party resource must be configured via
  // preauthorization": a Microsoft app id used as the sign-in app that Microsoft has not
  // preauthorized for this API. Nothing in the tenant can grant it.
  65002: {
    title: 'This Microsoft app cannot be used to sign in here',
    explanation:
      'The sign-in app is one of Microsoft’s own apps that Microsoft has not approved for this service, and no consent in the tenant can change that. The inventory probably names the wrong app as the sign-in app.',
    nextSteps: [
      ...anotherWayIn(),
      'Afterwards: remove "publicClientId" from the inventory file (the app then signs in through Microsoft Graph Command Line Tools), or set it to the tenant’s own public client registration.',
    ],
  },
  // AdminConsentRequired.
  90094: adminConsentRequired,
  // AdminConsentRequiredRequestAccess: "the user is told they need to ask the admin for consent" (admin consent workflow).
  90095: {
    ...adminConsentRequired,
    explanation:
      'The sign-in app asks for permissions nobody has granted in this tenant, and this account may not grant them. The tenant’s admin consent workflow offers to send a request for approval – too slow for an emergency.',
    nextSteps: [
      ...adminConsentRequired.nextSteps,
      'A reviewer can also approve the request under Enterprise applications > Admin consent requests; do not wait for it during an incident.',
    ],
  },
  // UserDeclinedConsent.
  65004: {
    title: 'Consent was declined',
    explanation: 'The consent page was declined, so Microsoft Entra stopped the sign-in.',
    nextSteps: ['Start the sign-in again and accept the consent page.', ...anotherWayIn()],
  },
};

/**
 * Failures of a break-glass account's certificate-based sign-in (a smart card, or a certificate
 * file from the safe's media). The codes and their meanings are Microsoft's "Troubleshoot
 * Microsoft Entra certificate-based authentication" page
 * (https://learn.microsoft.com/entra/identity/authentication/troubleshoot-certificate-based-authentication)
 * and the CRL page for 220501; AADSTS50034 with a certificate (no unique user matched the
 * username binding) is a step of its own entry in codes.ts.
 *
 * Microsoft documents no code for a revoked certificate or an untrusted issuer: its page says a
 * revoked certificate may fail with no message on screen and the reason only in the sign-in log.
 * Those arrive here without a code, and codes.ts's unknown-code guide shows Microsoft's message.
 */
import { anotherWayIn, startAgain, useSecurityKey, type FailureGuide } from './guide-steps.ts';

const keyInstead = useSecurityKey('Sign in with the account’s security key (FIDO2) instead of the certificate.');

export const certificateSignInGuides: Readonly<Record<number, FailureGuide>> = {
  // "Unable to acquire certificate policy from tenant": no authentication policy could be found for
  // the user from the certificate's SAN Principal Name or RFC822Name.
  1001000: {
    title: 'Certificate sign-in failed: Microsoft found no policy for this certificate',
    explanation:
      'Microsoft Entra could not find the certificate-based authentication settings for the account named in the certificate. Usually the user name typed and the certificate do not belong together.',
    nextSteps: [
      'Check that the user name you typed is the account the card or certificate file is labelled for, then start again in a new browser window.',
      keyInstead,
      ...anotherWayIn(),
      'Once you are in, run Check readiness: BG-USR-05 and BG-USR-07 show how certificates are bound to the accounts.',
    ],
  },
  // "Unable To Acquire Value Specified In Binding From Certificate": the wrong certificate was chosen.
  1001003: {
    title: 'Certificate sign-in failed: the wrong certificate was chosen',
    explanation:
      'The certificate the browser presented does not hold the value the tenant binds accounts by. The browser most likely offered another certificate than the break-glass account’s.',
    nextSteps: [
      'Start again in a new browser window, and when the browser asks for a certificate choose the one for this break-glass account (its name is on the card or file label).',
      keyInstead,
      ...anotherWayIn(),
    ],
  },
  // "Sign in was blocked due to User Credential Policy": the user is not in scope of certificate-based authentication.
  130501: {
    title: 'Certificate sign-in is not allowed for this account',
    explanation:
      'The tenant’s certificate-based authentication policy does not include this account (or excludes it), so Microsoft Entra refused the certificate.',
    nextSteps: [
      keyInstead,
      ...anotherWayIn(),
      'Once you are in, include the break-glass accounts in Authentication methods > Certificate-based authentication > Enable and target (BG-USR-07).',
    ],
  },
  // "flowtoken parameter is empty or not valid": the browser keeps presenting the certificate it chose first.
  90100: {
    title: 'The browser is still using the first certificate',
    explanation:
      'After a failed certificate sign-in, the browser keeps presenting the certificate it chose first, and Microsoft Entra refuses the retry.',
    nextSteps: [
      'Close every window of the browser, then ' + startAgain.charAt(0).toLowerCase() + startAgain.slice(1),
      keyInstead,
      ...anotherWayIn(),
    ],
  },
  // InvalidCrlDownload: the CRL of a certificate-based-auth CA could not be downloaded or has
  // expired (https://learn.microsoft.com/entra/identity/authentication/concept-certificate-based-authentication-certificate-revocation-list).
  220501: {
    title: "Certificate sign-in failed: the revocation list can't be checked",
    explanation:
      "Microsoft Entra could not download a valid certificate revocation list (CRL) for your certificate's issuer, so it refused the certificate sign-in.",
    nextSteps: [
      keyInstead,
      ...anotherWayIn(),
      'Once you are in, check that the CRL address in the certificate-based authentication settings is reachable from the internet and that the CRL is not expired.',
    ],
  },
};

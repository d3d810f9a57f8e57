/**
 * BG-USR-09 (docs/domain.md, "The catalogue"): Microsoft requires multifactor authentication for
 * the Azure portal, the Microsoft Entra and Intune admin centers and Azure Resource Manager, with
 * no exemption for emergency access accounts (docs/microsoft-behaviour.md, "Passkeys, certificates and mandatory MFA"). The
 * account must hold a way in that satisfies it: a FIDO2 key the policy lets in, or
 * certificate-based authentication configured as multifactor. A single-factor certificate alone
 * gets it into Graph but not into those portals.
 */
import { waysIn } from './account-ways-in.ts';
import type { CheckContext } from './context.ts';
import { result, type CheckResult, type CheckSubject } from './model.ts';
import type { AccountSnapshot, UserFacts } from './snapshot.ts';

const id = 'BG-USR-09';
const portals = 'the Azure portal, the admin centers and Azure Resource Manager';

export function checkMandatoryMfa(context: CheckContext, subject: CheckSubject, user: UserFacts, account: AccountSnapshot): CheckResult {
  const upn = user.userPrincipalName;
  const ways = waysIn(context, user, account);
  const usableKeys = ways.keyVerdicts.filter((v) => v.allowed === 'yes');
  const evidence = [
    `FIDO2 security keys registered: ${ways.keys.length}; let in by the policy: ${ways.fido2.reach === 'yes' ? usableKeys.length : 0}.`,
    ways.fido2.words,
    ways.certificate.words,
    ways.certificateMode.words,
    ...(ways.policyUnread ? [`Authentication methods policy: ${ways.policyUnread}`] : []),
    ...(account.authenticationMethods.ok ? [] : [`Authentication methods: ${account.authenticationMethods.reason}`]),
  ];
  const keyWay = ways.fido2.reach === 'yes' && usableKeys.length > 0;
  const certificateWay = ways.certificate.reach === 'yes';
  if (keyWay || (certificateWay && ways.certificateMode.mode === 'multiFactor'))
    return result(
      id,
      'pass',
      subject,
      `${upn} can satisfy mandatory MFA with ${keyWay ? 'a FIDO2 security key' : 'a multifactor certificate'}`,
      evidence,
    );
  const setUp = `Register two FIDO2 security keys for ${upn}, or set certificate-based authentication to multifactor (Authentication methods > Certificate-based authentication > Configure > Authentication binding: multifactor, for the issuer of the safe's certificate).`;
  if (certificateWay && ways.certificateMode.mode === 'singleFactor')
    return result(
      id,
      'warn',
      subject,
      `${upn}'s only way in is a single-factor certificate, which does not satisfy mandatory MFA for ${portals}`,
      evidence,
      setUp,
    );
  if (certificateWay && ways.certificateMode.mode === 'depends')
    return result(
      id,
      'warn',
      subject,
      `Whether ${upn}'s certificate satisfies mandatory MFA depends on its issuer or policy OID; it has no FIDO2 key to fall back on`,
      evidence,
      `Check that the rule for the issuer of the safe's certificate makes it multifactor (Authentication methods > Certificate-based authentication > Configure > Authentication binding), or ${setUp.charAt(0).toLowerCase()}${setUp.slice(1)}`,
    );
  const unknown =
    !account.authenticationMethods.ok ||
    ways.fido2.reach === 'unknown' ||
    ways.certificate.reach === 'unknown' ||
    (certificateWay && ways.certificateMode.mode === 'unknown');
  if (unknown)
    return result(
      id,
      'indeterminate',
      subject,
      `Whether ${upn} can satisfy mandatory MFA is unknown`,
      evidence,
      'Give the reader UserAuthenticationMethod.Read.All and Policy.Read.All so the account’s keys and the methods policy can be read, then run the checks again.',
    );
  return result(id, 'fail', subject, `${upn} has no way in that satisfies mandatory MFA for ${portals}`, evidence, setUp);
}

/**
 * BG-USR-05 … BG-USR-07 (docs/domain.md, "The catalogue"): the break-glass account's
 * phishing-resistant ways in – FIDO2 keys, or a certificate (CBA) – nothing phishable registered,
 * and whether the tenant's authentication methods policy really lets it in with them
 * (account-ways-in.ts).
 */
import { userPage } from './account-shared.ts';
import { waysIn, type WaysIn } from './account-ways-in.ts';
import type { CheckContext } from './context.ts';
import { result, type CheckResult, type CheckSubject } from './model.ts';
import type { AccountSnapshot, AuthenticationMethod, UserFacts } from './snapshot.ts';

// ——— BG-USR-05 / 06: registered methods ———

/**
 * The authentication method types Graph lists for a user (resources/authenticationmethods-overview,
 * resources/externalauthenticationmethod; platformCredential, qrCodePin and hardwareOath on beta:
 * resources/platformcredentialauthenticationmethod, resources/qrcodepinauthenticationmethod,
 * resources/hardwareoathauthenticationmethod). There is no x509 method type: a certificate sign-in
 * is bound through the user's certificate user ids or a username binding (account-ways-in.ts).
 */
const methodLabels: Record<string, string> = {
  fido2authenticationmethod: 'FIDO2 security key',
  phoneauthenticationmethod: 'phone (SMS or voice)',
  microsoftauthenticatorauthenticationmethod: 'Microsoft Authenticator',
  softwareoathauthenticationmethod: 'software OATH token',
  hardwareoathauthenticationmethod: 'hardware OATH token',
  emailauthenticationmethod: 'email',
  temporaryaccesspassauthenticationmethod: 'Temporary Access Pass',
  passwordauthenticationmethod: 'password',
  windowshelloforbusinessauthenticationmethod: 'Windows Hello for Business',
  platformcredentialauthenticationmethod: 'platform credential (macOS)',
  qrcodepinauthenticationmethod: 'QR code and PIN',
  externalauthenticationmethod: 'external authentication provider',
};
const methodType = (m: AuthenticationMethod) => m['@odata.type'].replace(/^#?microsoft\.graph\./i, '').toLowerCase();
const describeMethod = (m: AuthenticationMethod) => {
  const type = methodType(m);
  const details = [m.displayName ? `"${m.displayName}"` : '', m.model ?? ''].filter(Boolean).join(', ');
  return `${methodLabels[type] ?? m['@odata.type']}${details ? ` ${details}` : ''} (id ${m.id})`;
};

/**
 * Phishable, on a person's phone or mailbox, or depending on a provider outside the tenant
 * (BG-USR-06, docs/domain.md, "The catalogue"). Not listed, on purpose: the password (Graph returns
 * a passwordAuthenticationMethod for every password-capable user, and Microsoft only asks that
 * FIDO2 or CBA be *registered*), FIDO2, Windows Hello for Business and the platform credential
 * (phishing-resistant, bound to a device). Zero Trust Assessment 21835 accepts only FIDO2 and
 * x509; Canada GR13 fails phone and Authenticator; this list is the union the catalogue names
 * (docs/domain.md, "What other tools check"), with QR code + PIN (a PIN typed into a page),
 * hardware OATH (a one-time code) and external providers (another service, which may be down
 * with the tenant).
 */
const phishableMethodTypes = [
  'phoneauthenticationmethod',
  'microsoftauthenticatorauthenticationmethod',
  'softwareoathauthenticationmethod',
  'hardwareoathauthenticationmethod',
  'emailauthenticationmethod',
  'temporaryaccesspassauthenticationmethod',
  'qrcodepinauthenticationmethod',
  'externalauthenticationmethod',
];

function certificateWords(ways: WaysIn): string[] {
  return ways.certificate.reach === 'no' && ways.certificateUserIds.length === 0 ? [] : [ways.certificate.words];
}

export function checkMethods(context: CheckContext, subject: CheckSubject, user: UserFacts, account: AccountSnapshot): CheckResult[] {
  const upn = user.userPrincipalName;
  const methods = account.authenticationMethods;
  if (!methods.ok) {
    const evidence = [`Authentication methods: ${methods.reason}`];
    const fix =
      'Give the reader UserAuthenticationMethod.Read.All, or review the account in Microsoft Entra admin center > Users > Authentication methods.';
    return [
      result(
        'BG-USR-05',
        'indeterminate',
        subject,
        `Whether ${upn} has a phishing-resistant method is unknown: its methods could not be read`,
        evidence,
        fix,
      ),
      result(
        'BG-USR-06',
        'indeterminate',
        subject,
        `Whether ${upn} has phishable methods is unknown: its methods could not be read`,
        evidence,
        fix,
      ),
    ];
  }
  const ways = waysIn(context, user, account);
  const keys = ways.keys;
  const certificate = ways.certificate.reach;
  const registered = `Registered: ${methods.value.map(describeMethod).join('; ') || 'nothing'}.`;
  const evidence = [registered, ...certificateWords(ways)];
  const registerKeys = `sign in as it at https://aka.ms/mysecurityinfo with a Temporary Access Pass issued in ${userPage(upn)} > Authentication methods, add each key, delete the pass, and keep the keys in the safe`;
  const setUpCertificate = `or set up certificate-based authentication for it (Authentication methods > Certificate-based authentication, with the account's certificate user ids in ${userPage(upn)} > Properties > Authorization info)`;
  let strength: CheckResult;
  if (keys.length === 0 && certificate === 'unknown') {
    strength = result(
      'BG-USR-05',
      'indeterminate',
      subject,
      `Whether ${upn} can sign in with a certificate is unknown, and it has no FIDO2 security key`,
      [...evidence, ...(ways.policyUnread ? [`Authentication methods policy: ${ways.policyUnread}`] : [])],
      'Give the reader Policy.Read.All (and GroupMember.Read.All) so the certificate-based authentication policy can be read, then run the checks again.',
    );
  } else if (keys.length === 0 && certificate === 'no') {
    strength = result(
      'BG-USR-05',
      'fail',
      subject,
      `${upn} has no phishing-resistant sign-in method (FIDO2 key or certificate)`,
      evidence,
      `Since mandatory MFA for the admin portals, a password alone no longer gets an admin in. Register two FIDO2 security keys (${registerKeys}), ${setUpCertificate}.`,
    );
  } else if (keys.length === 1 && certificate !== 'yes') {
    strength = result(
      'BG-USR-05',
      'warn',
      subject,
      `${upn} has only one FIDO2 security key; two or more are recommended`,
      evidence,
      `Register a second key, ideally from another vendor, so one lost or PIN-blocked key does not lock the account out: ${registerKeys}.`,
    );
  } else {
    const held = [
      ...(keys.length > 0 ? [`${keys.length} FIDO2 security key${keys.length === 1 ? '' : 's'}`] : []),
      ...(certificate === 'yes' ? ['certificate-based sign-in'] : []),
    ];
    strength = result('BG-USR-05', 'pass', subject, `${upn} has ${held.join(' and ')} set up`, evidence);
  }
  const phishable = methods.value.filter((m) => phishableMethodTypes.includes(methodType(m)));
  const exposure =
    phishable.length > 0
      ? result(
          'BG-USR-06',
          'fail',
          subject,
          `${upn} has phishable or personal-device methods: ${[...new Set(phishable.map((m) => methodLabels[methodType(m)]))].join(', ')}`,
          phishable.map(describeMethod),
          `Delete them in ${userPage(upn)} > Authentication methods. Break-glass sign-in must not depend on a phone, a mailbox, a person’s device or a provider outside the tenant, and a phishable method is a way in for an attacker.`,
        )
      : result('BG-USR-06', 'pass', subject, `${upn} has no phishable or personal-device methods`, [
          `Registered: ${methods.value.map(describeMethod).join('; ') || 'nothing'}.`,
          // resources/authenticationmethod: a list answers with the types of its API version only.
          'Graph v1.0 lists only the method types it supports: QR code + PIN and hardware OATH tokens are listed on beta only, so they are not seen here.',
        ]);
  return [strength, exposure];
}

// ——— BG-USR-07: the tenant's authentication methods policy ———

const allowedKeyRemedy =
  "In Microsoft Entra admin center > Authentication methods > Policies > Passkey (FIDO2) > Configure, let the safe's key models in (add their AAGUIDs to the allow list, or take them off the block list), or register keys of a model the policy allows.";

export function checkMethodPolicy(context: CheckContext, subject: CheckSubject, user: UserFacts, account: AccountSnapshot): CheckResult {
  const upn = user.userPrincipalName;
  const ways = waysIn(context, user, account);
  if (ways.policyUnread) {
    return result(
      'BG-USR-07',
      'indeterminate',
      subject,
      `Whether ${upn} may use FIDO2 or a certificate is unknown: the authentication methods policy could not be read`,
      [`Authentication methods policy: ${ways.policyUnread}`],
      'Give the reader Policy.Read.All, or check Microsoft Entra admin center > Authentication methods > Policies meanwhile.',
    );
  }
  const evidence = [ways.fido2.words, ...ways.keyVerdicts.map((v) => v.why), ways.certificate.words];
  if (ways.groupsUnread) evidence.push(`Group memberships could not be read: ${ways.groupsUnread}`);
  const refused = ways.keyVerdicts.filter((v) => v.allowed === 'no');
  const enabling = [
    ...(ways.fido2.reach === 'yes' ? ['FIDO2 passkeys'] : []),
    ...(ways.certificate.reach === 'yes' ? ['certificate-based authentication'] : []),
  ];
  if (enabling.length > 0 && refused.length > 0)
    return result(
      'BG-USR-07',
      'warn',
      subject,
      `The authentication methods policy lets ${upn} use ${enabling.join(' and ')}, but would refuse ${refused.length === 1 ? 'one of its keys' : `${refused.length} of its keys`} at sign-in`,
      evidence,
      allowedKeyRemedy,
    );
  if (enabling.length > 0)
    return result('BG-USR-07', 'pass', subject, `The authentication methods policy lets ${upn} use ${enabling.join(' and ')}`, evidence);
  if (ways.fido2.reach === 'unknown' || ways.certificate.reach === 'unknown') {
    return result(
      'BG-USR-07',
      'indeterminate',
      subject,
      `Whether the authentication methods policy lets ${upn} use FIDO2 or a certificate is unknown`,
      evidence,
      'Give the reader GroupMember.Read.All (or Directory.Read.All) so the account’s groups can be matched against the policy targets, then run the checks again; where the tenant uses passkey profiles, check in the Entra admin center that they let the safe’s key models in.',
    );
  }
  const keysRefused = ways.keys.length > 0 && refused.length === ways.keys.length;
  return result(
    'BG-USR-07',
    'fail',
    subject,
    keysRefused
      ? `The authentication methods policy would refuse every registered key of ${upn} at sign-in`
      : `The authentication methods policy does not let ${upn} use FIDO2 or a certificate`,
    evidence,
    keysRefused
      ? allowedKeyRemedy
      : 'In Microsoft Entra admin center > Authentication methods > Policies > Passkey (FIDO2): enable it, include All users or the break-glass group, and remove the account and its groups from Exclude; save. Without this the registered keys cannot be used to sign in.',
  );
}

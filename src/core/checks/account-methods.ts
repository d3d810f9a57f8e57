/**
 * BG-USR-05 … BG-USR-07 (docs/domain.md, "The catalogue"): the break-glass account's registered
 * methods – a phishing-resistant one, nothing phishable – and whether the tenant's authentication
 * methods policy lets it use FIDO2 or a certificate.
 */
import { groupsOf, userPage } from './account-shared.ts';
import type { CheckContext } from './context.ts';
import { result, type CheckResult, type CheckSubject } from './model.ts';
import { sameId } from './pim.ts';
import type { AccountSnapshot, AuthenticationMethod, AuthenticationMethodConfiguration, UserFacts } from './snapshot.ts';

// ——— BG-USR-05 / 06: registered methods ———

const methodLabels: Record<string, string> = {
  fido2authenticationmethod: 'FIDO2 security key',
  x509certificateauthenticationmethod: 'certificate (x509)',
  phoneauthenticationmethod: 'phone (SMS or voice)',
  microsoftauthenticatorauthenticationmethod: 'Microsoft Authenticator',
  softwareoathauthenticationmethod: 'software OATH token',
  emailauthenticationmethod: 'email',
  temporaryaccesspassauthenticationmethod: 'Temporary Access Pass',
  passwordauthenticationmethod: 'password',
  windowshelloforbusinessauthenticationmethod: 'Windows Hello for Business',
};
const methodType = (m: AuthenticationMethod) => m['@odata.type'].replace(/^#?microsoft\.graph\./i, '').toLowerCase();
const describeMethod = (m: AuthenticationMethod) => {
  const type = methodType(m);
  const details = [m.displayName ? `"${m.displayName}"` : '', m.model ?? ''].filter(Boolean).join(', ');
  return `${methodLabels[type] ?? m['@odata.type']}${details ? ` ${details}` : ''} (id ${m.id})`;
};

/**
 * Phishable or tied to a person's device or mailbox (BG-USR-06, docs/domain.md, "The catalogue"). Not listed, on
 * purpose: the password (Graph returns a passwordAuthenticationMethod for every password-capable
 * user, and Microsoft only asks that FIDO2 or CBA be *registered*), FIDO2, x509
 * and Windows Hello for Business (phishing-resistant). Zero Trust Assessment 21835 accepts only
 * FIDO2 and x509; Canada GR13 fails phone and Authenticator; this list is the union the catalogue
 * names (docs/domain.md, "What other tools check").
 */
const phishableMethodTypes = [
  'phoneauthenticationmethod',
  'microsoftauthenticatorauthenticationmethod',
  'softwareoathauthenticationmethod',
  'emailauthenticationmethod',
  'temporaryaccesspassauthenticationmethod',
];

export function checkMethods(subject: CheckSubject, upn: string, account: AccountSnapshot): CheckResult[] {
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
  const keys = methods.value.filter((m) => methodType(m) === 'fido2authenticationmethod');
  const certificates = methods.value.filter((m) => methodType(m) === 'x509certificateauthenticationmethod');
  const strong = [...keys, ...certificates].map(describeMethod);
  const registerKeys = `sign in as it at https://aka.ms/mysecurityinfo with a Temporary Access Pass issued in ${userPage(upn)} > Authentication methods, add each key, delete the pass, and keep the keys in the safe`;
  let strength: CheckResult;
  if (keys.length === 0 && certificates.length === 0) {
    strength = result(
      'BG-USR-05',
      'fail',
      subject,
      `${upn} has no phishing-resistant sign-in method (FIDO2 key or certificate)`,
      [`Registered: ${methods.value.map(describeMethod).join('; ') || 'nothing'}.`],
      `Since mandatory MFA for the admin portals, a password alone no longer gets an admin in. Register two FIDO2 security keys (${registerKeys}), or set up certificate-based authentication.`,
    );
  } else if (keys.length === 1 && certificates.length === 0) {
    strength = result(
      'BG-USR-05',
      'warn',
      subject,
      `${upn} has only one FIDO2 security key; two or more are recommended`,
      strong,
      `Register a second key, ideally from another vendor, so one lost or PIN-blocked key does not lock the account out: ${registerKeys}.`,
    );
  } else {
    strength = result(
      'BG-USR-05',
      'pass',
      subject,
      `${upn} has ${keys.length} FIDO2 security key${keys.length === 1 ? '' : 's'}${certificates.length > 0 ? ` and ${certificates.length} certificate${certificates.length === 1 ? '' : 's'}` : ''} registered`,
      strong,
    );
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
          `Delete them in ${userPage(upn)} > Authentication methods. Break-glass sign-in must not depend on a phone, a mailbox or a person’s device, and a phishable method is a way in for an attacker.`,
        )
      : result('BG-USR-06', 'pass', subject, `${upn} has no phishable or personal-device methods`, [
          `Registered: ${methods.value.map(describeMethod).join('; ') || 'nothing'}.`,
        ]);
  return [strength, exposure];
}

// ——— BG-USR-07: the tenant's authentication methods policy ———

type Targeting = { readonly hit: 'yes' | 'no' | 'unknown'; readonly via: string[]; readonly unknownBecause?: string };

function targeting(
  targets: AuthenticationMethodConfiguration['includeTargets'],
  userId: string,
  groups: Map<string, string> | undefined,
): Targeting {
  // Microsoft's own authenticationmethodspolicy-get.md example answers without excludeTargets:
  // a list Graph did not send is unknown, not empty.
  if (targets == null) return { hit: 'unknown', via: [], unknownBecause: "Graph's answer has no such list" };
  const via: string[] = [];
  let unknown = false;
  for (const target of targets ?? []) {
    if (target.id.toLowerCase() === 'all_users') via.push('all users');
    else if (sameId(target.id, userId)) via.push('the account itself');
    else if (groups?.has(target.id.toLowerCase())) via.push(`group ${groups.get(target.id.toLowerCase())} (${target.id})`);
    else if (!groups && target.targetType?.toLowerCase() !== 'user') unknown = true;
  }
  return { hit: via.length > 0 ? 'yes' : unknown ? 'unknown' : 'no', via };
}

export function checkMethodPolicy(context: CheckContext, subject: CheckSubject, user: UserFacts, account: AccountSnapshot): CheckResult {
  const upn = user.userPrincipalName;
  const configs = context.snapshot.authenticationMethodConfigurations;
  if (!configs.ok) {
    return result(
      'BG-USR-07',
      'indeterminate',
      subject,
      `Whether ${upn} may use FIDO2 or a certificate is unknown: the authentication methods policy could not be read`,
      [`Authentication methods policy: ${configs.reason}`],
      'Give the reader Policy.Read.All, or check Microsoft Entra admin center > Authentication methods > Policies meanwhile.',
    );
  }
  const groups = account.transitiveMemberOf.ok ? groupsOf(account.transitiveMemberOf.value) : undefined;
  const verdicts = ['Fido2', 'X509Certificate'].map((methodId) => {
    const config = configs.value.find((c) => c.id.toLowerCase() === methodId.toLowerCase());
    if (!config) return { methodId, enables: 'no' as const, words: `${methodId}: not in the authentication methods policy.` };
    const included = targeting(config.includeTargets, user.id, groups);
    const excluded = targeting(config.excludeTargets, user.id, groups);
    const enabled = config.state.toLowerCase() === 'enabled';
    const enables =
      !enabled || included.hit === 'no' || excluded.hit === 'yes'
        ? 'no'
        : included.hit === 'yes' && excluded.hit === 'no'
          ? 'yes'
          : 'unknown';
    const why = (t: Targeting) => t.unknownBecause ?? 'group memberships unknown';
    const words = `${methodId}: state ${config.state}; includes the account ${included.hit === 'yes' ? `via ${included.via.join(', ')}` : included.hit === 'no' ? 'not at all' : `perhaps (${why(included)})`}; ${excluded.hit === 'yes' ? `excludes it via ${excluded.via.join(', ')}` : excluded.hit === 'no' ? 'does not exclude it' : `may exclude it (${why(excluded)})`}.`;
    return { methodId, enables, words };
  });
  const evidence = verdicts.map((v) => v.words);
  if (!account.transitiveMemberOf.ok) evidence.push(`Group memberships could not be read: ${account.transitiveMemberOf.reason}`);
  const enabling = verdicts
    .filter((v) => v.enables === 'yes')
    .map((v) => (v.methodId === 'Fido2' ? 'FIDO2 passkeys' : 'certificate-based authentication'));
  if (enabling.length > 0)
    return result('BG-USR-07', 'pass', subject, `The authentication methods policy lets ${upn} use ${enabling.join(' and ')}`, evidence);
  if (verdicts.some((v) => v.enables === 'unknown')) {
    return result(
      'BG-USR-07',
      'indeterminate',
      subject,
      `Whether the authentication methods policy lets ${upn} use FIDO2 or a certificate is unknown`,
      evidence,
      'Give the reader GroupMember.Read.All (or Directory.Read.All) so the account’s groups can be matched against the policy targets, then run the checks again.',
    );
  }
  return result(
    'BG-USR-07',
    'fail',
    subject,
    `The authentication methods policy does not let ${upn} use FIDO2 or a certificate`,
    evidence,
    'In Microsoft Entra admin center > Authentication methods > Policies > Passkey (FIDO2): enable it, include All users or the break-glass group, and remove the account and its groups from Exclude; save. Without this the registered keys cannot be used to sign in.',
  );
}

/**
 * Which phishing-resistant ways in the tenant's authentication methods policy leaves a break-glass
 * account (docs/domain.md, "The catalogue": BG-USR-05, 07 and 09 share this reading):
 *
 * - a method's configuration reaches the account when it is enabled, includes it (all users, the
 *   account, or one of its groups) and does not exclude it;
 * - a registered FIDO2 key signs in only where the key restrictions let its model (AAGUID) in:
 *   "Key restrictions set the usability of specific models or providers for both registration and
 *   authentication", while attestation is enforced at registration only (Microsoft Learn,
 *   how-to-enable-passkey-fido2). Passkey profiles (beta) are not weighed here: where a tenant has
 *   them, whether a key is let in is unknown rather than guessed;
 * - certificate-based authentication binds a certificate to the account by a username binding
 *   (`certificateUserBindings` to `userPrincipalName` or `onPremisesUserPrincipalName`) or by the
 *   account's `authorizationInfo.certificateUserIds` (resources/x509certificateuserbinding,
 *   resources/authorizationinfo); Graph has no x509 authentication method on the user;
 * - whether a certificate sign-in is multifactor is the x509 policy's
 *   `authenticationModeConfiguration` (resources/x509certificateauthenticationmodeconfiguration):
 *   the default mode, and rules by issuer or policy OID that may change it per certificate.
 */
import { groupsOf } from './account-shared.ts';
import type { CheckContext } from './context.ts';
import { sameId } from './pim.ts';
import type { AccountSnapshot, AuthenticationMethod, AuthenticationMethodConfiguration, UserFacts } from './snapshot.ts';

export type Reach = 'yes' | 'no' | 'unknown';
export type Reading = { readonly reach: Reach; readonly words: string };

const methodType = (m: AuthenticationMethod) => m['@odata.type'].replace(/^#?microsoft\.graph\./i, '').toLowerCase();
export const registeredKeys = (methods: readonly AuthenticationMethod[]) =>
  methods.filter((m) => methodType(m) === 'fido2authenticationmethod');

type Targeting = { readonly hit: Reach; readonly via: string[]; readonly unknownBecause?: string };

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
  for (const target of targets) {
    if (target.id.toLowerCase() === 'all_users') via.push('all users');
    else if (sameId(target.id, userId)) via.push('the account itself');
    else if (groups?.has(target.id.toLowerCase())) via.push(`group ${groups.get(target.id.toLowerCase())} (${target.id})`);
    else if (!groups && target.targetType?.toLowerCase() !== 'user') unknown = true;
  }
  return { hit: via.length > 0 ? 'yes' : unknown ? 'unknown' : 'no', via };
}

/** Whether one method's configuration (Fido2, X509Certificate) is enabled for the account, in words for the evidence. */
function methodReach(
  config: AuthenticationMethodConfiguration | undefined,
  methodId: string,
  user: UserFacts,
  groups?: Map<string, string>,
) {
  if (!config) return { reach: 'no' as Reach, words: `${methodId}: not in the authentication methods policy.` };
  const included = targeting(config.includeTargets, user.id, groups);
  const excluded = targeting(config.excludeTargets, user.id, groups);
  const enabled = config.state.toLowerCase() === 'enabled';
  const reach: Reach =
    !enabled || included.hit === 'no' || excluded.hit === 'yes'
      ? 'no'
      : included.hit === 'yes' && excluded.hit === 'no'
        ? 'yes'
        : 'unknown';
  const why = (t: Targeting) => t.unknownBecause ?? 'group memberships unknown';
  const words = `${methodId}: state ${config.state}; includes the account ${included.hit === 'yes' ? `via ${included.via.join(', ')}` : included.hit === 'no' ? 'not at all' : `perhaps (${why(included)})`}; ${excluded.hit === 'yes' ? `excludes it via ${excluded.via.join(', ')}` : excluded.hit === 'no' ? 'does not exclude it' : `may exclude it (${why(excluded)})`}.`;
  return { reach, words };
}

/** One registered key and whether the FIDO2 key restrictions let its model sign in. */
export type KeyVerdict = { readonly key: AuthenticationMethod; readonly allowed: Reach; readonly why: string };

function keyVerdict(config: AuthenticationMethodConfiguration | undefined, key: AuthenticationMethod): KeyVerdict {
  const name = `${key.displayName ? `"${key.displayName}"` : 'A key'}${key.model ? ` (${key.model})` : ''}`;
  if ((config?.passkeyProfiles ?? []).length > 0)
    return { key, allowed: 'unknown', why: `${name}: the tenant uses passkey profiles, which this version does not weigh.` };
  const restrictions = config?.keyRestrictions;
  if (!restrictions?.isEnforced) return { key, allowed: 'yes', why: `${name}: no key restrictions are enforced.` };
  const aaGuid = key.aaGuid?.toLowerCase();
  if (!aaGuid) return { key, allowed: 'unknown', why: `${name}: Graph's answer has no aaGuid, so the key restrictions cannot be matched.` };
  const listed = (restrictions.aaGuids ?? []).some((g) => g.toLowerCase() === aaGuid);
  const type = restrictions.enforcementType?.toLowerCase();
  if (type === 'allow')
    return listed
      ? { key, allowed: 'yes', why: `${name}: its model (AAGUID ${aaGuid}) is on the allow list.` }
      : { key, allowed: 'no', why: `${name}: its model (AAGUID ${aaGuid}) is not on the key restrictions' allow list.` };
  if (type === 'block')
    return listed
      ? { key, allowed: 'no', why: `${name}: its model (AAGUID ${aaGuid}) is on the key restrictions' block list.` }
      : { key, allowed: 'yes', why: `${name}: its model (AAGUID ${aaGuid}) is not on the block list.` };
  return {
    key,
    allowed: 'unknown',
    why: `${name}: the key restrictions' enforcementType ${restrictions.enforcementType ?? 'is missing'}.`,
  };
}

/** Whether an x509 binding can tie a certificate to this account. */
function certificateBinding(config: AuthenticationMethodConfiguration | undefined, user: UserFacts): Reading {
  const ids = user.authorizationInfo?.certificateUserIds ?? [];
  const idsWords =
    user.authorizationInfo === undefined
      ? "Graph's answer has no authorizationInfo"
      : ids.length > 0
        ? `certificate user ids ${ids.join(', ')}`
        : 'no certificate user ids';
  const bindings = config?.certificateUserBindings;
  if (!config) return { reach: 'no', words: `Certificate binding: no X509Certificate configuration; the account has ${idsWords}.` };
  if (bindings == null)
    return { reach: 'unknown', words: `Certificate binding: Graph's answer has no certificateUserBindings; the account has ${idsWords}.` };
  const byIds = ids.length > 0 && bindings.some((b) => b.userProperty?.toLowerCase() === 'certificateuserids');
  const byName = bindings.filter((b) => ['userprincipalname', 'onpremisesuserprincipalname'].includes(b.userProperty?.toLowerCase() ?? ''));
  const listed = bindings.map((b) => `${b.x509CertificateField ?? '?'} → ${b.userProperty ?? '?'}`).join(', ') || 'none';
  const words = `Certificate binding: bindings ${listed}; the account has ${idsWords}.`;
  return { reach: byIds || byName.length > 0 ? 'yes' : 'no', words };
}

export type CertificateMode = 'multiFactor' | 'singleFactor' | 'depends' | 'unknown';

/** The x509 policy's authentication mode: multifactor, single-factor, depending on the certificate (rules), or not told. */
function certificateMode(config: AuthenticationMethodConfiguration | undefined): {
  readonly mode: CertificateMode;
  readonly words: string;
} {
  const modes = config?.authenticationModeConfiguration;
  const fallback = modes?.x509CertificateAuthenticationDefaultMode;
  if (!fallback) return { mode: 'unknown', words: "Certificate mode: Graph's answer has no authenticationModeConfiguration default mode." };
  const ruleModes = (modes.rules ?? []).map((r) => r.x509CertificateAuthenticationMode ?? '');
  const all = new Set([fallback, ...ruleModes].map((m) => m.toLowerCase()));
  const words = `Certificate mode: default ${fallback}${ruleModes.length > 0 ? `, rules ${ruleModes.join(', ')}` : ''}.`;
  if (all.size === 1 && all.has('x509certificatemultifactor')) return { mode: 'multiFactor', words };
  if (all.size === 1 && all.has('x509certificatesinglefactor')) return { mode: 'singleFactor', words };
  return { mode: 'depends', words };
}

export type WaysIn = {
  /** The methods policy could not be read: nothing below is known. */
  readonly policyUnread?: string;
  readonly groupsUnread?: string;
  readonly keys: readonly AuthenticationMethod[];
  readonly keyVerdicts: readonly KeyVerdict[];
  /** FIDO2 enabled for the account and (when it has keys) at least one registered key let in. */
  readonly fido2: Reading;
  /** X509Certificate enabled for the account and a binding that can tie a certificate to it. */
  readonly certificate: Reading;
  readonly certificateMode: { readonly mode: CertificateMode; readonly words: string };
  readonly certificateUserIds: readonly string[];
};

const combine = (a: Reach, b: Reach): Reach => (a === 'no' || b === 'no' ? 'no' : a === 'yes' && b === 'yes' ? 'yes' : 'unknown');

/** The account's ways in as the policy leaves them; `methods` are its registered methods when they could be read. */
export function waysIn(context: CheckContext, user: UserFacts, account: AccountSnapshot): WaysIn {
  const keys = account.authenticationMethods.ok ? registeredKeys(account.authenticationMethods.value) : [];
  const certificateUserIds = user.authorizationInfo?.certificateUserIds ?? [];
  const configs = context.snapshot.authenticationMethodConfigurations;
  const unknown: Reading = { reach: 'unknown', words: 'The authentication methods policy could not be read.' };
  if (!configs.ok)
    return {
      policyUnread: configs.reason,
      keys,
      keyVerdicts: [],
      fido2: unknown,
      certificate: unknown,
      certificateMode: { mode: 'unknown', words: unknown.words },
      certificateUserIds,
    };
  const groups = account.transitiveMemberOf.ok ? groupsOf(account.transitiveMemberOf.value) : undefined;
  const find = (id: string) => configs.value.find((c) => c.id.toLowerCase() === id.toLowerCase());
  const fido2Config = find('Fido2');
  const x509Config = find('X509Certificate');
  const fido2Policy = methodReach(fido2Config, 'Fido2', user, groups);
  const keyVerdicts = keys.map((k) => keyVerdict(fido2Config, k));
  const keysReach: Reach =
    keys.length === 0 || keyVerdicts.some((v) => v.allowed === 'yes')
      ? 'yes'
      : keyVerdicts.some((v) => v.allowed === 'unknown')
        ? 'unknown'
        : 'no';
  const x509Policy = methodReach(x509Config, 'X509Certificate', user, groups);
  const binding = certificateBinding(x509Config, user);
  return {
    ...(account.transitiveMemberOf.ok ? {} : { groupsUnread: account.transitiveMemberOf.reason }),
    keys,
    keyVerdicts,
    fido2: { reach: combine(fido2Policy.reach, keysReach), words: fido2Policy.words },
    certificate: { reach: combine(x509Policy.reach, binding.reach), words: `${x509Policy.words} ${binding.words}` },
    certificateMode: certificateMode(x509Config),
    certificateUserIds,
  };
}

/**
 * Whether the tenant's authentication methods policy lets a user sign in with a FIDO2 security
 * key of a given model (docs/microsoft-behaviour.md, "Passkeys, certificates and mandatory MFA"):
 *
 * - the Fido2 configuration must be enabled, include the user (all users, the user, or a group it
 *   is a transitive member of) and not exclude it
 *   (https://learn.microsoft.com/graph/api/resources/fido2authenticationmethodconfiguration);
 * - enforced key restrictions decide by the key's AAGUID: they "set the usability of specific
 *   models or providers for both registration and authentication", while "attestation enforcement
 *   governs whether a passkey (FIDO2) is allowed only during registration"
 *   (https://learn.microsoft.com/entra/identity/authentication/how-to-enable-passkey-fido2,
 *   https://learn.microsoft.com/graph/api/resources/fido2keyrestrictions), so attestation never
 *   refuses a registered key here;
 * - passkey profiles (beta) are not modelled: a seed that holds them has its keys refused, the
 *   stricter reading, until the simulator decides on them.
 *
 * A seed that holds no authentication methods policy at all does not describe it, and its keys
 * sign in; every real tenant has one, and a seed that holds it is judged by it.
 *
 * Microsoft documents no AADSTS code for a key the policy does not let in (none is listed in
 * https://learn.microsoft.com/entra/identity-platform/reference-error-codes): the page refuses the
 * key in words, as for other key problems, and no token is issued.
 */
import type { TenantState } from '../directory/tenant.ts';

/** Why the key may not sign in, in the words the page shows; undefined when it may. */
export function fido2Refusal(tenant: TenantState, userId: string, aaGuid: string | null | undefined): string | undefined {
  const configs = tenant.seed.authenticationMethodConfigurations;
  if (configs.length === 0) return undefined;
  const config = configs.find((c) => c.id === 'Fido2');
  if (!config || config['@odata.type'] !== '#microsoft.graph.fido2AuthenticationMethodConfiguration' || config.state !== 'enabled')
    return 'Security keys are not enabled for sign-in in this organisation. Sign in another way.';
  const principals = new Set([userId.toLowerCase(), ...tenant.transitiveGroupIds(userId)]);
  const hits = (targets: ReadonlyArray<{ id: string }> | undefined) =>
    (targets ?? []).some((t) => t.id.toLowerCase() === 'all_users' || principals.has(t.id.toLowerCase()));
  if (!hits(config.includeTargets) || hits(config.excludeTargets))
    return 'Your organisation does not let this account sign in with a security key. Sign in another way.';
  if (Array.isArray(config.passkeyProfiles) && config.passkeyProfiles.length > 0)
    return 'Your organisation’s passkey profiles do not let this security key sign in. Sign in another way.';
  const restrictions = config.keyRestrictions;
  if (restrictions?.isEnforced) {
    const listed = restrictions.aaGuids.some((g) => g.toLowerCase() === (aaGuid ?? '').toLowerCase());
    if (restrictions.enforcementType === 'allow' ? !listed : listed)
      return 'Your organisation does not allow this model of security key. Use a key of an allowed model, or sign in another way.';
  }
  return undefined;
}

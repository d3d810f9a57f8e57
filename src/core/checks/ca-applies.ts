/**
 * Does a Conditional Access policy apply to a break-glass account? The pure part of BG-CA-01…03:
 * which policies are user-scoped, what the account is (its transitive groups, its *active* roles,
 * guest or member), and how each policy's include and exclude lists match it.
 *
 * Semantics follow Microsoft (https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-users-groups):
 * a user is included or excluded directly, through a group it is a transitive member of ("Policy
 * is applied to nested users and groups"), through a built-in directory role it holds actively
 * at tenant scope ("Other role types aren't supported, including administrative unit-scoped roles
 * and custom roles"), or as a guest; exclusion always wins over inclusion.
 * The other tools each miss a part of this (docs/domain.md, "What other tools check"): Maester MT.1005 reads
 * only direct excludeUsers/excludeGroups; ZTA 21835 lets an `All users` inclusion beat a group
 * exclusion. Here every path counts, and what cannot be read makes the answer `unknown`, never "not
 * included" (fail closed).
 */
import { findDirectoryRole } from '../../shared/directory-roles.ts';
import type { AccountSnapshot, ConditionalAccessPolicy, ConditionalAccessUsers, Readable, RoleSchedule } from './snapshot.ts';

/** What the policies need to know about one break-glass account. Ids are lower-case. */
export type AccountScope = {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly isGuest: boolean;
  /** Groups it is a direct or nested member of, id → display name. */
  readonly groups: ReadonlyMap<string, string>;
  /** Built-in roles (template ids) it holds actively, id → display name. */
  readonly activeRoles: ReadonlyMap<string, string>;
  /** Why the active roles may be incomplete (role assignment schedules unreadable). */
  readonly rolesUnknownReason?: string;
};

export type Tri = 'yes' | 'no' | 'unknown';

/** One way a policy's list matched the account, in words ("includeUsers: All"). */
export type ScopeMatch = { readonly via: 'all' | 'user' | 'group' | 'role' | 'guest'; readonly how: string };

export type Targeting = {
  /** `applies`: included and not excluded; `unknown`: a role or guest kind could not be decided. */
  readonly verdict: 'applies' | 'excluded' | 'notIncluded' | 'unknown';
  readonly included: readonly ScopeMatch[];
  readonly excluded: readonly ScopeMatch[];
  /** Why the verdict is `unknown`. */
  readonly unknown: readonly string[];
};

export const phishingResistantStrengthId = '00000000-0000-0000-0000-000000000004';
/** The allowedCombinations of Microsoft's built-in "Phishing-resistant MFA" strength. */
const phishingResistantCombinations = new Set(['fido2', 'x509certificatemultifactor', 'windowshelloforbusiness']);

const lower = (values: readonly string[] | null | undefined): string[] => (values ?? []).map((v) => v.toLowerCase());

export function roleName(templateId: string): string {
  return findDirectoryRole(templateId)?.displayName ?? `role ${templateId}`;
}

/**
 * Why a policy is not weighed for user sign-ins, or undefined when it is. (Disabled policies are
 * left out by the caller: they are no risk now.)
 */
export function userScopeSkipReason(policy: ConditionalAccessPolicy): string | undefined {
  const { users, applications, clientApplications } = policy.conditions;
  // Workload-identity policies carry clientApplications instead of users ("Either users or
  // clientApplications is required", conditionalAccessConditionSet); BG-CA-05 weighs them.
  if (!users) return 'targets workload identities, not users';
  // An authentication context applies only when a resource or PIM asks for it (step-up), never
  // to a plain sign-in; Maester MT.1005 leaves these out for the same reason (docs/domain.md, "What other tools check").
  if ((applications?.includeAuthenticationContextClassReferences ?? []).length > 0) return 'targets authentication contexts';
  // User actions (registering security info, joining devices) are not sign-ins to the portals.
  if ((applications?.includeUserActions ?? []).length > 0) return 'targets user actions';
  // Microsoft's workload-identity policies set includeUsers ['None'] beside the service principals
  // (docs/microsoft-behaviour.md, "Conditional Access policies"); such a policy never evaluates a user. A policy that names users as well
  // is still weighed for them – better than Maester, which skips it whole.
  if ((clientApplications?.includeServicePrincipals ?? []).length > 0 && !includesAnyUser(users)) return 'targets only service principals';
  // `includeApplications: ['None']` is a valid value that matches no application at all.
  const apps = applications?.includeApplications ?? [];
  if (apps.length > 0 && apps.every((a) => a === 'None')) return 'targets no application (includeApplications None)';
  return undefined;
}

function includesAnyUser(users: ConditionalAccessUsers): boolean {
  return (
    (users.includeUsers ?? []).some((u) => u !== 'None') ||
    (users.includeGroups ?? []).length > 0 ||
    (users.includeRoles ?? []).length > 0 ||
    users.includeGuestsOrExternalUsers != null
  );
}

/** A role assignment schedule that is in force now at tenant scope (eligibility is not in this list). */
function isActiveAtTenantScope(schedule: RoleSchedule, now: Date): boolean {
  if (schedule.directoryScopeId != null && schedule.directoryScopeId !== '/') return false;
  if (schedule.status != null && schedule.status !== 'Provisioned' && schedule.status !== 'Granted') return false;
  const start = schedule.scheduleInfo?.startDateTime;
  const end = schedule.scheduleInfo?.expiration?.endDateTime;
  if (start && Date.parse(start) > now.getTime()) return false;
  return !(end && Date.parse(end) <= now.getTime());
}

/** What the account is, for matching; not ok when the account or its memberships cannot be read. */
export function accountScope(
  account: Pick<AccountSnapshot, 'configured' | 'user' | 'transitiveMemberOf'>,
  roleSchedules: Readable<readonly RoleSchedule[]>,
  now: Date,
): Readable<AccountScope> {
  if (!account.user.ok)
    return { ok: false, reason: `The account ${account.configured.userPrincipalName} could not be read: ${account.user.reason}` };
  if (!account.transitiveMemberOf.ok)
    return {
      ok: false,
      reason: `The groups and roles of ${account.configured.userPrincipalName} could not be read: ${account.transitiveMemberOf.reason}`,
    };
  const user = account.user.value;
  const groups = new Map<string, string>();
  const activeRoles = new Map<string, string>();
  for (const entry of account.transitiveMemberOf.value) {
    // transitiveMemberOf mixes groups, directoryRoles (active roles only) and administrative units.
    const isRole = entry['@odata.type'] === '#microsoft.graph.directoryRole' || entry.roleTemplateId != null;
    if (isRole && entry.roleTemplateId)
      activeRoles.set(entry.roleTemplateId.toLowerCase(), entry.displayName ?? roleName(entry.roleTemplateId));
    else if (!isRole) groups.set(entry.id.toLowerCase(), entry.displayName ?? entry.id);
  }
  const principals = new Set([user.id.toLowerCase(), ...groups.keys()]);
  if (roleSchedules.ok) {
    for (const schedule of roleSchedules.value) {
      const roleId = schedule.roleDefinitionId.toLowerCase();
      if (principals.has(schedule.principalId.toLowerCase()) && isActiveAtTenantScope(schedule, now) && !activeRoles.has(roleId))
        activeRoles.set(roleId, roleName(roleId));
    }
  }
  return {
    ok: true,
    value: {
      id: user.id.toLowerCase(),
      userPrincipalName: user.userPrincipalName,
      // Graph leaves userType null on some old accounts; those are members.
      isGuest: user.userType === 'Guest',
      groups,
      activeRoles,
      ...(roleSchedules.ok ? {} : { rolesUnknownReason: `active role assignments could not be read (${roleSchedules.reason})` }),
    },
  };
}

type Lists = { users: readonly string[]; groups: readonly string[]; roles: readonly string[]; guests: unknown };

function matchLists(side: 'include' | 'exclude', lists: Lists, account: AccountScope): { matches: ScopeMatch[]; unknown: string[] } {
  const matches: ScopeMatch[] = [];
  const unknown: string[] = [];
  const users = lower(lists.users);
  const usersKey = `${side}Users`;
  if (side === 'include' && users.includes('all')) matches.push({ via: 'all', how: `${usersKey}: All users` });
  if (users.includes(account.id)) matches.push({ via: 'user', how: `${usersKey}: the account itself` });
  if (account.isGuest && users.includes('guestsorexternalusers'))
    matches.push({ via: 'guest', how: `${usersKey}: GuestsOrExternalUsers (the account is a guest)` });
  for (const group of lower(lists.groups)) {
    const name = account.groups.get(group);
    if (name !== undefined)
      matches.push({ via: 'group', how: `${side}Groups: ${name} (${group}), of which the account is a direct or nested member` });
  }
  for (const role of lower(lists.roles)) {
    const name = account.activeRoles.get(role);
    if (name !== undefined) matches.push({ via: 'role', how: `${side}Roles: ${name} (${role}), which the account holds actively` });
    else if (account.rolesUnknownReason) unknown.push(`${side}Roles names ${roleName(role)} (${role}) and ${account.rolesUnknownReason}`);
  }
  if (account.isGuest && lists.guests != null) {
    const key = `${side}GuestsOrExternalUsers`;
    // Inclusion: any guest selection may cover the account – assume it does (the safe side).
    // Exclusion: a userType Guest is an internalGuest or a b2bCollaborationGuest, and Graph's
    // user object does not say which; only a selection naming both surely covers it.
    const kinds = String((lists.guests as { guestOrExternalUserTypes?: unknown }).guestOrExternalUserTypes ?? '')
      .split(',')
      .map((k) => k.trim());
    if (side === 'include' || (kinds.includes('internalGuest') && kinds.includes('b2bCollaborationGuest')))
      matches.push({ via: 'guest', how: `${key}: ${kinds.join(', ') || 'guests'} (the account is a guest)` });
    else
      unknown.push(
        `${key} names ${kinds.join(', ') || 'no guest kind'}, and whether the guest account is one of them cannot be told from Graph`,
      );
  }
  return { matches, unknown };
}

const fold = (matches: readonly ScopeMatch[], unknown: readonly string[]): Tri =>
  matches.length > 0 ? 'yes' : unknown.length > 0 ? 'unknown' : 'no';

/** How the policy's user conditions meet the account. Exclusion always wins. */
export function policyTargeting(users: ConditionalAccessUsers, account: AccountScope): Targeting {
  const include = matchLists(
    'include',
    {
      users: users.includeUsers ?? [],
      groups: users.includeGroups ?? [],
      roles: users.includeRoles ?? [],
      guests: users.includeGuestsOrExternalUsers,
    },
    account,
  );
  const exclude = matchLists(
    'exclude',
    {
      users: users.excludeUsers ?? [],
      groups: users.excludeGroups ?? [],
      roles: users.excludeRoles ?? [],
      guests: users.excludeGuestsOrExternalUsers,
    },
    account,
  );
  const included = fold(include.matches, include.unknown);
  const excluded = fold(exclude.matches, exclude.unknown);
  const verdict =
    excluded === 'yes' ? 'excluded' : included === 'no' ? 'notIncluded' : included === 'yes' && excluded === 'no' ? 'applies' : 'unknown';
  return {
    verdict,
    included: include.matches,
    excluded: exclude.matches,
    unknown:
      verdict === 'unknown' ? [...(included === 'unknown' ? include.unknown : []), ...(excluded === 'unknown' ? exclude.unknown : [])] : [],
  };
}

/** Does the policy name nothing but break-glass accounts and the exclusion group (lower-case ids)? */
export function targetsOnlyBreakGlass(users: ConditionalAccessUsers, breakGlassIds: ReadonlySet<string>): boolean {
  const included = [...lower(users.includeUsers).filter((u) => u !== 'none'), ...lower(users.includeGroups)];
  return (
    included.length > 0 &&
    included.every((id) => breakGlassIds.has(id)) &&
    (users.includeRoles ?? []).length === 0 &&
    users.includeGuestsOrExternalUsers == null
  );
}

/**
 * The grant requires a phishing-resistant authentication strength and nothing else: any other
 * built-in control either weakens it (`mfa` under OR admits SMS) or can lock the account out
 * (`block`, a compliant device the safe's laptop is not).
 */
export function requiresOnlyPhishingResistantStrength(policy: ConditionalAccessPolicy): boolean {
  const grant = policy.grantControls;
  const strength = grant?.authenticationStrength;
  if (!grant || !strength || (grant.builtInControls ?? []).length > 0) return false;
  if (strength.id?.toLowerCase() === phishingResistantStrengthId) return true;
  const combinations = lower(strength.allowedCombinations);
  return combinations.length > 0 && combinations.every((c) => phishingResistantCombinations.has(c));
}

/** The grant in words, for evidence ("block", "mfa OR authentication strength Multifactor authentication"). */
export function describeGrant(policy: ConditionalAccessPolicy): string {
  const grant = policy.grantControls;
  const parts = [...(grant?.builtInControls ?? [])];
  const strength = grant?.authenticationStrength;
  if (strength)
    parts.push(
      `authentication strength ${strength.displayName ?? strength.id ?? '(unnamed)'}${strength.allowedCombinations ? ` [${strength.allowedCombinations.join(', ')}]` : ''}`,
    );
  return parts.length > 0 ? parts.join(` ${grant?.operator ?? 'OR'} `) : 'no grant control (session controls only)';
}

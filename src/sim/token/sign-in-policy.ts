/**
 * Conditional Access evaluation for one sign-in, as a pure function of the tenant state.
 *
 * Rules followed (https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-policies,
 * …/concept-conditional-access-users-groups, …/workload-identity):
 * - every condition of a policy must match for it to apply; exclusions always win over inclusions;
 * - users match directly, through a group they are a *transitive* member of, or through a
 *   directory role they hold *actively* (role template ids);
 * - report-only policies (`enabledForReportingButNotEnforced`) are evaluated and logged but never block;
 * - workload-identity policies (`clientApplications`) apply only to single-tenant service
 *   principals, and `block` is their only grant control.
 *
 * What the simulator cannot know it treats as a laptop on an unknown network would be treated:
 * no named location matches (so "exclude trusted locations" does not exempt it), sign-in and
 * user risk are none, the device is neither compliant nor joined, and device filters match nothing.
 */
import type { ConditionalAccessPolicySeed } from '../seed/schema-conditional-access.ts';
import type { TenantState } from '../directory/tenant.ts';

export type SignInMethod = { readonly kind: 'fido2'; readonly aaGuid?: string | null } | { readonly kind: 'password' };

export type SignInContext =
  | {
      readonly kind: 'user';
      readonly userId: string;
      readonly resourceAppId: string;
      readonly method: SignInMethod;
      readonly flow: 'authorizationCode' | 'deviceCode' | 'refreshToken';
      readonly platform: string;
    }
  | { readonly kind: 'servicePrincipal'; readonly servicePrincipalId: string; readonly resourceAppId: string };

export type PolicyResult =
  'success' | 'failure' | 'notApplied' | 'notEnabled' | 'reportOnlySuccess' | 'reportOnlyFailure' | 'reportOnlyNotApplied';

export type AppliedPolicy = {
  readonly id: string;
  readonly displayName: string;
  readonly enforcedGrantControls: string[];
  readonly enforcedSessionControls: string[];
  readonly result: PolicyResult;
};

export type PolicyDecision = {
  /** `blocked` → AADSTS53003, `deviceRequired` → AADSTS53000, `strongerAuthRequired` → AADSTS50076. */
  readonly outcome: 'allowed' | 'blocked' | 'deviceRequired' | 'strongerAuthRequired';
  readonly deciding?: { readonly id: string; readonly displayName: string };
  readonly applied: AppliedPolicy[];
};

type Unmet = 'block' | 'device' | 'auth';

function appliesToUser(policy: ConditionalAccessPolicySeed, tenant: TenantState, userId: string): boolean {
  const people = policy.conditions.users;
  if (!people) return false;
  const user = tenant.user(userId);
  if (!user) return false;
  const id = user.id.toLowerCase();
  const groups = tenant.transitiveGroupIds(id);
  const roles = tenant.activeRoleIds(id);
  // resources/user: userType is "Member" or "Guest". A seed user without it (a paste of a default
  // GET) or with another value may be either: it counts as a guest for a policy's inclusion and
  // as a member for its exclusion – Microsoft is silent, and the policy then applies (stricter).
  const knownType = user.userType === 'Guest' || user.userType === 'Member';
  const guestFor = { include: !knownType || user.userType === 'Guest', exclude: user.userType === 'Guest' };
  const has = (list: readonly string[], key: string) => list.some((x) => x.toLowerCase() === key);
  const matches = (users: readonly string[], groupIds: readonly string[], roleIds: readonly string[], guests: unknown, isGuest: boolean) =>
    (users.includes('All') && !users.includes('None')) ||
    has(users, id) ||
    (users.includes('GuestsOrExternalUsers') && isGuest) ||
    (guests != null && isGuest) ||
    groupIds.some((g) => groups.has(g.toLowerCase())) ||
    roleIds.some((r) => roles.has(r.toLowerCase()));
  const included = matches(
    people.includeUsers,
    people.includeGroups,
    people.includeRoles,
    people.includeGuestsOrExternalUsers,
    guestFor.include,
  );
  const excluded = matches(
    people.excludeUsers.filter((u) => u !== 'All'),
    people.excludeGroups,
    people.excludeRoles,
    people.excludeGuestsOrExternalUsers,
    guestFor.exclude,
  );
  return included && !excluded;
}

function appliesToServicePrincipal(policy: ConditionalAccessPolicySeed, tenant: TenantState, servicePrincipalId: string): boolean {
  const clients = policy.conditions.clientApplications;
  const principal = tenant.servicePrincipal(servicePrincipalId);
  if (!clients || !principal) return false;
  const id = principal.id.toLowerCase();
  const singleTenant =
    principal.appOwnerOrganizationId?.toLowerCase() === tenant.tenantId.toLowerCase() ||
    Boolean(tenant.applicationByAppId(principal.appId));
  const included =
    (clients.includeServicePrincipals.includes('ServicePrincipalsInMyTenant') ||
      clients.includeServicePrincipals.some((s) => s.toLowerCase() === id)) &&
    singleTenant;
  // A service-principal filter needs custom security attributes the simulator does not model.
  const filtered = clients.servicePrincipalFilter?.mode === 'include';
  return included && !filtered && !clients.excludeServicePrincipals.some((s) => s.toLowerCase() === id);
}

function otherConditionsMatch(policy: ConditionalAccessPolicySeed, context: SignInContext): boolean {
  const { conditions } = policy;
  const apps = conditions.applications;
  if (apps.includeUserActions.length > 0 || (apps.includeAuthenticationContextClassReferences ?? []).length > 0) return false;
  const resource = context.resourceAppId.toLowerCase();
  const appIncluded = apps.includeApplications.includes('All') || apps.includeApplications.some((a) => a.toLowerCase() === resource);
  if (!appIncluded || apps.excludeApplications.some((a) => a.toLowerCase() === resource)) return false;
  if (apps.applicationFilter?.mode === 'include') return false;

  const clientType = 'mobileAppsAndDesktopClients';
  if (!conditions.clientAppTypes.includes('all') && !conditions.clientAppTypes.includes(clientType) && context.kind === 'user')
    return false;
  const noRisk = (levels: readonly string[] | undefined) => !levels || levels.length === 0 || levels.includes('none');
  if (!noRisk(conditions.signInRiskLevels) || !noRisk(conditions.userRiskLevels) || !noRisk(conditions.servicePrincipalRiskLevels))
    return false;
  if (conditions.insiderRiskLevels) return false;
  if (conditions.locations && !conditions.locations.includeLocations.includes('All')) return false;
  if (conditions.devices?.deviceFilter?.mode === 'include') return false;
  if (conditions.platforms && context.kind === 'user') {
    const { includePlatforms, excludePlatforms } = conditions.platforms;
    const included = includePlatforms.includes('all') || includePlatforms.includes(context.platform);
    if (!included || excludePlatforms.includes(context.platform)) return false;
  }
  if (conditions.authenticationFlows) {
    const flows = conditions.authenticationFlows.transferMethods.split(',');
    if (context.kind !== 'user' || context.flow !== 'deviceCode' || !flows.includes('deviceCodeFlow')) return false;
  }
  return true;
}

function unmetGrant(policy: ConditionalAccessPolicySeed, context: SignInContext): Unmet | undefined {
  const grant = policy.grantControls;
  if (!grant) return undefined;
  if (grant.builtInControls.includes('block')) return 'block';
  if (context.kind === 'servicePrincipal') return undefined;
  const method = context.method;
  const checks: Array<{ met: boolean; unmet: Unmet }> = [];
  for (const control of grant.builtInControls) {
    if (control === 'mfa') checks.push({ met: method.kind === 'fido2', unmet: 'auth' });
    if (
      control === 'compliantDevice' ||
      control === 'domainJoinedDevice' ||
      control === 'approvedApplication' ||
      control === 'compliantApplication'
    ) {
      checks.push({ met: false, unmet: 'device' });
    }
  }
  const strength = grant.authenticationStrength;
  if (strength) {
    const combination = method.kind === 'fido2' ? 'fido2' : 'password';
    const aaGuidAllowed = (strength.combinationConfigurations ?? [])
      .filter((c) => c.appliesToCombinations.includes('fido2'))
      .every((c) => method.kind === 'fido2' && c.allowedAAGUIDs.some((g) => g.toLowerCase() === (method.aaGuid ?? '').toLowerCase()));
    checks.push({ met: strength.allowedCombinations.includes(combination) && (combination !== 'fido2' || aaGuidAllowed), unmet: 'auth' });
  }
  if (checks.length === 0) return undefined;
  const failed = checks.filter((c) => !c.met);
  const satisfied = grant.operator === 'OR' ? failed.length < checks.length : failed.length === 0;
  if (satisfied) return undefined;
  return failed.some((f) => f.unmet === 'device') && !failed.some((f) => f.unmet === 'auth') ? 'device' : 'auth';
}

function grantNames(policy: ConditionalAccessPolicySeed): string[] {
  const grant = policy.grantControls;
  if (!grant) return [];
  return [
    ...grant.builtInControls.map((c) => (c === 'mfa' ? 'Mfa' : c.charAt(0).toUpperCase() + c.slice(1))),
    ...(grant.authenticationStrength ? ['RequireAuthenticationStrength'] : []),
  ];
}

export function evaluateSignInPolicy(tenant: TenantState, context: SignInContext): PolicyDecision {
  const applied: AppliedPolicy[] = [];
  const blocking: Array<{ policy: ConditionalAccessPolicySeed; unmet: Unmet }> = [];
  for (const policy of tenant.seed.conditionalAccessPolicies) {
    const base = { id: policy.id, displayName: policy.displayName, enforcedGrantControls: grantNames(policy), enforcedSessionControls: [] };
    if (policy.state === 'disabled') {
      applied.push({ ...base, result: 'notEnabled' });
      continue;
    }
    const reportOnly = policy.state === 'enabledForReportingButNotEnforced';
    const subjectMatches =
      context.kind === 'user'
        ? appliesToUser(policy, tenant, context.userId)
        : appliesToServicePrincipal(policy, tenant, context.servicePrincipalId);
    if (!subjectMatches || !otherConditionsMatch(policy, context)) {
      applied.push({ ...base, result: reportOnly ? 'reportOnlyNotApplied' : 'notApplied' });
      continue;
    }
    const unmet = unmetGrant(policy, context);
    if (reportOnly) {
      applied.push({ ...base, result: unmet ? 'reportOnlyFailure' : 'reportOnlySuccess' });
      continue;
    }
    applied.push({ ...base, result: unmet ? 'failure' : 'success' });
    if (unmet) blocking.push({ policy, unmet });
  }
  const first = (kind: Unmet) => blocking.find((b) => b.unmet === kind)?.policy;
  const deciding = first('block') ?? first('device') ?? first('auth');
  if (!deciding) return { outcome: 'allowed', applied };
  const outcome = first('block') ? 'blocked' : first('device') ? 'deviceRequired' : 'strongerAuthRequired';
  return { outcome, deciding: { id: deciding.id, displayName: deciding.displayName }, applied };
}

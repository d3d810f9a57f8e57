/**
 * Conditional Access checks BG-CA-01 … BG-CA-06 (docs/domain.md, "The catalogue"): is every
 * break-glass account excluded from every policy that could block it (BG-CA-01 … 03, here), are
 * the exclusion lists clean and the exclusion group protected (BG-CA-04, 06:
 * ca-exclusion-hygiene.ts), and is the break-glass app's service principal out of
 * workload-identity policies (BG-CA-05: ca-workload-identity.ts). Which policy applies to which
 * account is decided in ca-applies.ts.
 *
 * Row shapes (decided where the catalogue is silent):
 * - BG-CA-01/02: a fail/warn/indeterminate per policy × account (subject the policy, with the
 *   account in `subject.account`); when an account has none, one pass for it (subject the
 *   account) saying how it is excluded.
 * - BG-CA-03: one pass per protection policy; none when the tenant has no such policy – it is
 *   informational, and a "none present" pass would read as assurance it does not give.
 * - BG-CA-04: a warn per policy with stale ids; one pass for the tenant when there are none.
 * - BG-CA-05: no rows when the inventory names no app (the BG-APP checks speak for it).
 * - BG-CA-06: no row when the inventory names no exclusion group.
 */
import {
  accountScope,
  describeGrant,
  policyTargeting,
  requiresOnlyPhishingResistantStrength,
  targetsOnlyBreakGlass,
  userScopeSkipReason,
  type AccountScope,
  type ScopeMatch,
} from './ca-applies.ts';
import { checkExclusionGroup, checkStaleExclusions } from './ca-exclusion-hygiene.ts';
import { listed, plural, policySubject, portalPath, readPoliciesRemedy, reportOnly, tenantSubject } from './ca-shared.ts';
import { checkWorkloadIdentityPolicies } from './ca-workload-identity.ts';
import type { CheckContext } from './context.ts';
import { result, type CheckResult, type CheckSubject } from './model.ts';
import type { AccountSnapshot, ConditionalAccessPolicy, TenantSnapshot } from './snapshot.ts';

const accountSubject = (account: AccountSnapshot): CheckSubject => ({
  kind: 'account',
  id: account.user.ok ? account.user.value.id : (account.configured.id ?? account.configured.userPrincipalName),
  name: account.configured.userPrincipalName,
});
/** One policy and the account it applies to: each BG-CA-01/02 finding is about this pair. */
const policyAccountSubject = (policy: ConditionalAccessPolicy, account: AccountScope): CheckSubject => ({
  ...policySubject(policy),
  account: { id: account.id, name: account.userPrincipalName },
});

export function checkConditionalAccess(context: CheckContext): CheckResult[] {
  return [
    ...checkPolicyTargeting(context),
    ...checkStaleExclusions(context.snapshot),
    ...checkWorkloadIdentityPolicies(context.snapshot),
    ...checkExclusionGroup(context.snapshot),
  ];
}

/** The ids that stand for break glass in a policy: the accounts and the exclusion group, lower-case. */
export function breakGlassIds(snapshot: {
  readonly accounts: ReadonlyArray<Pick<AccountSnapshot, 'configured' | 'user'>>;
  readonly inventory: { readonly exclusionGroupId?: string | undefined };
}): Set<string> {
  const ids = snapshot.accounts.flatMap((a) => [a.configured.id, a.user.ok ? a.user.value.id : undefined]);
  return new Set([...ids, snapshot.inventory.exclusionGroupId].filter((id): id is string => Boolean(id)).map((id) => id.toLowerCase()));
}

function exclusionGroupLabel(snapshot: TenantSnapshot): string | undefined {
  const id = snapshot.inventory.exclusionGroupId;
  if (!id) return undefined;
  return snapshot.exclusionGroup?.ok ? `${snapshot.exclusionGroup.value.displayName} (${id})` : `the break-glass exclusion group (${id})`;
}

export type Weighed = { readonly policy: ConditionalAccessPolicy; readonly reportOnly: boolean; readonly protection: boolean };

/**
 * Is the policy weighed for the break-glass accounts at all (BG-CA-01/02), and how: disabled
 * policies are no risk now; any state other than disabled or report-only (a value Microsoft
 * might add) is treated as enforced – fail closed. `bgIds` are the accounts' and the exclusion
 * group's ids, lower-case. The recovery step's triage asks the same question.
 */
export function weighPolicy(policy: ConditionalAccessPolicy, bgIds: ReadonlySet<string>): Weighed | { readonly skipped: string } {
  const reason = policy.state === 'disabled' ? 'disabled' : userScopeSkipReason(policy);
  if (reason) return { skipped: reason };
  const users = policy.conditions.users ?? {};
  return {
    policy,
    reportOnly: policy.state === reportOnly,
    protection: targetsOnlyBreakGlass(users, bgIds) && requiresOnlyPhishingResistantStrength(policy),
  };
}

/**
 * What a weighed policy does to one account: `locks-out` (included, not excluded – a BG-CA-01
 * fail when enforced), `undecided` (BG-CA-01 indeterminate), or one of the harmless outcomes.
 */
export type AccountLockOut =
  /** A break-glass protection policy (BG-CA-03): `applies` when the account is not out of it. */
  | { readonly verdict: 'protection'; readonly applies: boolean }
  | { readonly verdict: 'notIncluded' }
  | { readonly verdict: 'excluded'; readonly excluded: readonly ScopeMatch[] }
  | { readonly verdict: 'locks-out'; readonly included: readonly ScopeMatch[] }
  | { readonly verdict: 'undecided'; readonly included: readonly ScopeMatch[]; readonly unknown: readonly string[] };

export function accountLockOut(weighed: Weighed, account: AccountScope): AccountLockOut {
  const targeting = policyTargeting(weighed.policy.conditions.users ?? {}, account);
  if (weighed.protection)
    return { verdict: 'protection', applies: targeting.verdict !== 'excluded' && targeting.verdict !== 'notIncluded' };
  if (targeting.verdict === 'excluded') return { verdict: 'excluded', excluded: targeting.excluded };
  if (targeting.verdict === 'notIncluded') return { verdict: 'notIncluded' };
  if (targeting.verdict === 'unknown') return { verdict: 'undecided', included: targeting.included, unknown: targeting.unknown };
  return { verdict: 'locks-out', included: targeting.included };
}

// ---- BG-CA-01, BG-CA-02, BG-CA-03 -------------------------------------------------------------

function checkPolicyTargeting(context: CheckContext): CheckResult[] {
  const { snapshot } = context;
  const policies = snapshot.conditionalAccessPolicies;
  if (!policies.ok) {
    const title = 'Conditional Access policies could not be read';
    return [
      ...(['BG-CA-01', 'BG-CA-02'] as const).flatMap((id) =>
        snapshot.accounts.map((a) => result(id, 'indeterminate', accountSubject(a), title, [policies.reason], readPoliciesRemedy)),
      ),
      result('BG-CA-03', 'indeterminate', tenantSubject(snapshot), title, [policies.reason], readPoliciesRemedy),
    ];
  }

  const bgIds = breakGlassIds(snapshot);
  const weighed: Weighed[] = [];
  const skipped = new Map<string, number>();
  for (const policy of policies.value) {
    const weighing = weighPolicy(policy, bgIds);
    if ('skipped' in weighing) skipped.set(weighing.skipped, (skipped.get(weighing.skipped) ?? 0) + 1);
    else weighed.push(weighing);
  }
  const skippedNote = skipped.size > 0 ? [`Not weighed: ${[...skipped].map(([why, n]) => `${n} ${why}`).join('; ')}.`] : [];

  const ca01: CheckResult[] = [];
  const ca02: CheckResult[] = [];
  const protectedAccounts = new Map<string, string[]>();
  for (const account of snapshot.accounts) {
    const scope = accountScope(account, snapshot.roleAssignmentSchedules, context.now);
    if (!scope.ok) {
      const remedy = `Check the account in the inventory (${account.configured.userPrincipalName}) and that the reader app may read users and their memberships (User.Read.All, GroupMember.Read.All or Directory.Read.All), then run the checks again.`;
      ca01.push(
        result(
          'BG-CA-01',
          'indeterminate',
          accountSubject(account),
          'Cannot tell which policies apply to the account',
          [scope.reason],
          remedy,
        ),
      );
      ca02.push(
        result(
          'BG-CA-02',
          'indeterminate',
          accountSubject(account),
          'Cannot tell which report-only policies would apply to the account',
          [scope.reason],
          remedy,
        ),
      );
      continue;
    }
    const enforced = weighAccount(
      snapshot,
      scope.value,
      weighed.filter((w) => !w.reportOnly),
      'BG-CA-01',
      bgIds,
    );
    const trial = weighAccount(
      snapshot,
      scope.value,
      weighed.filter((w) => w.reportOnly),
      'BG-CA-02',
      bgIds,
    );
    for (const policy of enforced.protectedBy)
      protectedAccounts.set(policy, [...(protectedAccounts.get(policy) ?? []), scope.value.userPrincipalName]);
    for (const policy of trial.protectedBy)
      protectedAccounts.set(policy, [...(protectedAccounts.get(policy) ?? []), scope.value.userPrincipalName]);

    ca01.push(...enforced.findings);
    if (enforced.findings.length === 0) {
      ca01.push(
        result('BG-CA-01', 'pass', accountSubject(account), 'Excluded from every enabled policy that includes it', [
          ...exclusionSummary(enforced, 'enabled'),
          ...skippedNote,
        ]),
      );
    }
    ca02.push(...trial.findings);
    if (trial.findings.length === 0) {
      ca02.push(
        result(
          'BG-CA-02',
          'pass',
          accountSubject(account),
          'No report-only policy would apply to it once switched on',
          exclusionSummary(trial, 'report-only'),
        ),
      );
    }
  }

  const ca03 = weighed
    .filter((w) => w.protection)
    .map(({ policy, reportOnly: trialOnly }) => {
      const appliesTo = protectedAccounts.get(policy.id) ?? [];
      return result(
        'BG-CA-03',
        'pass',
        policySubject(policy),
        'Intentional protection: phishing-resistant authentication required of the break-glass accounts only',
        [
          `Includes only break-glass accounts or the exclusion group: includeUsers ${listed(policy.conditions.users?.includeUsers)}; includeGroups ${listed(policy.conditions.users?.includeGroups)}.`,
          `Grant: ${describeGrant(policy)}.`,
          `Applies to: ${appliesTo.length > 0 ? appliesTo.join(', ') : 'none of the accounts (they are excluded)'}${trialOnly ? ' – report-only, not enforced yet' : ''}.`,
          'Not a lock-out while each account has a FIDO2 key or certificate registered (BG-USR-05); not counted under BG-CA-01.',
        ],
      );
    });
  return [...ca01, ...ca02, ...ca03];
}

type AccountWeighing = {
  readonly findings: CheckResult[];
  /** For each policy that excludes the account, the ways it does. */
  readonly excludedBy: ScopeMatch[][];
  notIncluded: number;
  readonly protectedBy: string[];
};

function weighAccount(
  snapshot: TenantSnapshot,
  account: AccountScope,
  weighed: readonly Weighed[],
  id: 'BG-CA-01' | 'BG-CA-02',
  bgIds: ReadonlySet<string>,
): AccountWeighing {
  const outcome: AccountWeighing = { findings: [], excludedBy: [], notIncluded: 0, protectedBy: [] };
  for (const policy of weighed) {
    const decision = accountLockOut(policy, account);
    if (decision.verdict === 'protection') {
      if (decision.applies) outcome.protectedBy.push(policy.policy.id);
    } else if (decision.verdict === 'excluded') outcome.excludedBy.push([...decision.excluded]);
    else if (decision.verdict === 'notIncluded') outcome.notIncluded += 1;
    else if (decision.verdict === 'undecided') outcome.findings.push(undecidedFinding(snapshot, policy.policy, account, decision, id));
    else outcome.findings.push(lockOutFinding(snapshot, policy.policy, account, decision, id, bgIds));
  }
  return outcome;
}

function undecidedFinding(
  snapshot: TenantSnapshot,
  policy: ConditionalAccessPolicy,
  account: AccountScope,
  decision: Extract<AccountLockOut, { verdict: 'undecided' }>,
  id: 'BG-CA-01' | 'BG-CA-02',
): CheckResult {
  return result(
    id,
    'indeterminate',
    policyAccountSubject(policy, account),
    `Cannot tell whether ${policy.displayName} applies to ${account.userPrincipalName}`,
    [
      `state: ${policy.state}`,
      ...decision.included.map((m) => `Included by ${m.how}.`),
      ...decision.unknown.map((u) => `Undecided: ${u}.`),
    ],
    `Exclude ${exclusionGroupLabel(snapshot) ?? 'the account'} from this policy, which settles it either way. If active roles could not be read, give the reader app RoleManagement.Read.Directory and run the checks again.`,
  );
}

function lockOutFinding(
  snapshot: TenantSnapshot,
  policy: ConditionalAccessPolicy,
  account: AccountScope,
  decision: Extract<AccountLockOut, { verdict: 'locks-out' }>,
  id: 'BG-CA-01' | 'BG-CA-02',
  bgIds: ReadonlySet<string>,
): CheckResult {
  const users = policy.conditions.users ?? {};
  const evidence = [
    `state: ${policy.state}`,
    `The account is included by: ${decision.included.map((m) => m.how).join('; ')}.`,
    `No exclusion matches it: excludeUsers ${listed(users.excludeUsers)}; excludeGroups ${listed(users.excludeGroups)}; excludeRoles ${listed(users.excludeRoles)}.`,
    `Grant: ${describeGrant(policy)}.`,
    ...(targetsOnlyBreakGlass(users, bgIds)
      ? [
          'The policy targets only break-glass accounts, but its grant is not phishing-resistant authentication alone, so it is a lock-out, not protection (BG-CA-03).',
        ]
      : []),
  ];
  const title =
    id === 'BG-CA-01'
      ? `${policy.displayName} applies to ${account.userPrincipalName} and does not exclude it`
      : `${policy.displayName} (report-only) would apply to ${account.userPrincipalName} – it would lock the account out once switched on`;
  const remedy = exclusionRemedy(snapshot, policy, account, bgIds);
  return result(
    id,
    id === 'BG-CA-01' ? 'fail' : 'warn',
    policyAccountSubject(policy, account),
    title,
    evidence,
    id === 'BG-CA-01' ? remedy : `Before the policy is switched on: ${remedy}`,
  );
}

function exclusionRemedy(
  snapshot: TenantSnapshot,
  policy: ConditionalAccessPolicy,
  account: AccountScope,
  bgIds: ReadonlySet<string>,
): string {
  const users = policy.conditions.users ?? {};
  const group = exclusionGroupLabel(snapshot);
  const groupId = snapshot.inventory.exclusionGroupId?.toLowerCase();
  const protectionHint = targetsOnlyBreakGlass(users, bgIds)
    ? ' If the policy is meant to protect the break-glass accounts, make its only grant the built-in "Phishing-resistant MFA" authentication strength instead.'
    : '';
  if (group && groupId && (users.excludeGroups ?? []).some((g) => g.toLowerCase() === groupId)) {
    return `The policy already excludes ${group}, but ${account.userPrincipalName} is not a member: add the account to that group (direct membership; no expiry).${protectionHint}`;
  }
  if (group) {
    return `Add ${group} to the policy's excluded groups (${portalPath(policy)} → Users → Exclude → Users and groups) and make sure ${account.userPrincipalName} is a member of it. (In an incident the runbook's recovery action "add the break-glass exclusion back" does this.)${protectionHint}`;
  }
  return `Exclude ${account.userPrincipalName} in the policy (${portalPath(policy)} → Users → Exclude → Users and groups). Better: create a static, role-assignable security group holding only the break-glass accounts, exclude it from every policy, and name it as exclusionGroupId in the inventory.${protectionHint}`;
}

function exclusionSummary(weighing: AccountWeighing, state: 'enabled' | 'report-only'): string[] {
  const count = (via: ScopeMatch['via']) => weighing.excludedBy.filter((matches) => matches.some((m) => m.via === via)).length;
  const groupNames = [
    ...new Set(
      weighing.excludedBy
        .flat()
        .filter((m) => m.via === 'group')
        .map((m) => m.how.replace(/^excludeGroups: /, '').replace(/, of which.*$/, '')),
    ),
  ];
  const ways = [
    count('user') > 0 ? `${count('user')} by the account's id (excludeUsers)` : '',
    count('group') > 0 ? `${count('group')} through a group it is a member of (${groupNames.join(', ')})` : '',
    count('role') > 0 ? `${count('role')} through a role it holds actively (excludeRoles)` : '',
    count('guest') > 0 ? `${count('guest')} as a guest` : '',
  ].filter(Boolean);
  const kind = `${state} user-scoped`;
  return [
    weighing.excludedBy.length > 0
      ? `Excluded from ${plural(weighing.excludedBy.length, `${kind} policy`, `${kind} policies`)} that include it: ${ways.join('; ')}.`
      : `No ${kind} policy includes it without excluding it.`,
    `${plural(weighing.notIncluded, `${kind} policy does`, `${kind} policies do`)} not include it.`,
    ...(weighing.protectedBy.length > 0
      ? [
          `${plural(weighing.protectedBy.length, 'break-glass protection policy applies', 'break-glass protection policies apply')} (BG-CA-03).`,
        ]
      : []),
  ];
}

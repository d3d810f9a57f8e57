/**
 * Conditional Access checks BG-CA-01 … BG-CA-06 (docs/domain.md, "The catalogue"): is every
 * break-glass account excluded from every policy that could block it, are the exclusion lists
 * clean, is the break-glass app's service principal out of workload-identity policies, and is the
 * exclusion group protected. Which policy applies to which account is decided in ca-applies.ts.
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
import type { CheckContext } from './context.ts';
import { result, type CheckResult, type CheckSubject } from './model.ts';
import type { AccountSnapshot, ConditionalAccessPolicy, TenantSnapshot } from './snapshot.ts';

const reportOnly = 'enabledForReportingButNotEnforced';
const portalPath = (policy: ConditionalAccessPolicy) =>
  `Entra admin centre → Protection → Conditional Access → Policies → "${policy.displayName}"`;
const readPoliciesRemedy =
  'Give the reader app Policy.Read.All (Conditional Access also needs a Microsoft Entra ID P1 licence), then run the checks again.';

const accountSubject = (account: AccountSnapshot): CheckSubject => ({
  kind: 'account',
  id: account.user.ok ? account.user.value.id : (account.configured.id ?? account.configured.userPrincipalName),
  name: account.configured.userPrincipalName,
});
const policySubject = (policy: ConditionalAccessPolicy): CheckSubject => ({ kind: 'policy', id: policy.id, name: policy.displayName });
/** One policy and the account it applies to: each BG-CA-01/02 finding is about this pair. */
const policyAccountSubject = (policy: ConditionalAccessPolicy, account: AccountScope): CheckSubject => ({
  ...policySubject(policy),
  account: { id: account.id, name: account.userPrincipalName },
});
const tenantSubject = (snapshot: TenantSnapshot): CheckSubject => ({
  kind: 'tenant',
  id: snapshot.inventory.tenantId,
  name: 'Conditional Access policies',
});
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const listed = (values: readonly string[] | null | undefined) => (values && values.length > 0 ? values.join(', ') : '(empty)');

export function checkConditionalAccess(context: CheckContext): CheckResult[] {
  return [
    ...checkPolicyTargeting(context),
    ...checkStaleExclusions(context.snapshot),
    ...checkWorkloadIdentityPolicies(context.snapshot),
    ...checkExclusionGroup(context.snapshot),
  ];
}

/** The ids that stand for break glass in a policy: the accounts and the exclusion group, lower-case. */
function breakGlassIds(snapshot: TenantSnapshot): Set<string> {
  const ids = snapshot.accounts.flatMap((a) => [a.configured.id, a.user.ok ? a.user.value.id : undefined]);
  return new Set([...ids, snapshot.inventory.exclusionGroupId].filter((id): id is string => Boolean(id)).map((id) => id.toLowerCase()));
}

function exclusionGroupLabel(snapshot: TenantSnapshot): string | undefined {
  const id = snapshot.inventory.exclusionGroupId;
  if (!id) return undefined;
  return snapshot.exclusionGroup?.ok ? `${snapshot.exclusionGroup.value.displayName} (${id})` : `the break-glass exclusion group (${id})`;
}

type Weighed = { readonly policy: ConditionalAccessPolicy; readonly reportOnly: boolean; readonly protection: boolean };

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
    // Disabled policies are no risk now; any state other than disabled or report-only (a value
    // Microsoft might add) is treated as enforced – fail closed.
    const reason = policy.state === 'disabled' ? 'disabled' : userScopeSkipReason(policy);
    if (reason) skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
    else {
      const users = policy.conditions.users ?? {};
      weighed.push({
        policy,
        reportOnly: policy.state === reportOnly,
        protection: targetsOnlyBreakGlass(users, bgIds) && requiresOnlyPhishingResistantStrength(policy),
      });
    }
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
  for (const { policy, protection } of weighed) {
    const users = policy.conditions.users ?? {};
    const targeting = policyTargeting(users, account);
    if (protection) {
      if (targeting.verdict !== 'excluded' && targeting.verdict !== 'notIncluded') outcome.protectedBy.push(policy.id);
      continue;
    }
    if (targeting.verdict === 'excluded') outcome.excludedBy.push([...targeting.excluded]);
    else if (targeting.verdict === 'notIncluded') outcome.notIncluded += 1;
    else if (targeting.verdict === 'unknown') {
      outcome.findings.push(
        result(
          id,
          'indeterminate',
          policyAccountSubject(policy, account),
          `Cannot tell whether ${policy.displayName} applies to ${account.userPrincipalName}`,
          [
            `state: ${policy.state}`,
            ...targeting.included.map((m) => `Included by ${m.how}.`),
            ...targeting.unknown.map((u) => `Undecided: ${u}.`),
          ],
          `Exclude ${exclusionGroupLabel(snapshot) ?? 'the account'} from this policy, which settles it either way. If active roles could not be read, give the reader app RoleManagement.Read.Directory and run the checks again.`,
        ),
      );
    } else {
      const evidence = [
        `state: ${policy.state}`,
        `The account is included by: ${targeting.included.map((m) => m.how).join('; ')}.`,
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
      outcome.findings.push(
        result(
          id,
          id === 'BG-CA-01' ? 'fail' : 'warn',
          policyAccountSubject(policy, account),
          title,
          evidence,
          id === 'BG-CA-01' ? remedy : `Before the policy is switched on: ${remedy}`,
        ),
      );
    }
  }
  return outcome;
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

// ---- BG-CA-04: stale ids in exclusion lists ----------------------------------------------------

/** Values Graph allows in exclusion lists that are not directory objects. */
const sentinels = new Set(['all', 'none', 'guestsorexternalusers', 'serviceprincipalsinmytenant']);

function checkStaleExclusions(snapshot: TenantSnapshot): CheckResult[] {
  const policies = snapshot.conditionalAccessPolicies;
  const resolved = snapshot.resolvedExclusionIds;
  const remedy =
    'Give the reader app Directory.Read.All (to resolve the excluded ids with directoryObjects/getByIds) and Policy.Read.All, then run the checks again.';
  if (!policies.ok)
    return [
      result(
        'BG-CA-04',
        'indeterminate',
        tenantSubject(snapshot),
        'Conditional Access policies could not be read',
        [policies.reason],
        readPoliciesRemedy,
      ),
    ];
  if (!resolved.ok)
    return [
      result(
        'BG-CA-04',
        'indeterminate',
        tenantSubject(snapshot),
        'Cannot tell whether the excluded ids still exist',
        [resolved.reason],
        remedy,
      ),
    ];

  let checked = 0;
  const findings: CheckResult[] = [];
  // Every state counts: a disabled policy with a dead exclusion is a lock-out waiting to be enabled.
  // excludeRoles holds role *template* ids, which are not directory objects and do not go stale.
  for (const policy of policies.value) {
    const lists = {
      excludeUsers: policy.conditions.users?.excludeUsers,
      excludeGroups: policy.conditions.users?.excludeGroups,
      excludeServicePrincipals: policy.conditions.clientApplications?.excludeServicePrincipals,
    };
    const stale = Object.entries(lists).flatMap(([list, ids]) => {
      const objects = (ids ?? []).filter((id) => !sentinels.has(id.toLowerCase()));
      checked += objects.length;
      const gone = objects.filter((id) => !resolved.value.has(id.toLowerCase()));
      return gone.length > 0
        ? [
            `${list} names ${gone.join(', ')}, which no longer resolve${gone.length === 1 ? 's' : ''} to a directory object (deleted or unknown).`,
          ]
        : [];
    });
    if (stale.length > 0) {
      findings.push(
        result(
          'BG-CA-04',
          'warn',
          policySubject(policy),
          `${policy.displayName} excludes ids of deleted or unknown objects`,
          stale,
          `Find out what the ids were (audit log, "Deleted items"). If one was a break-glass account or the exclusion group, that exclusion protects nothing now: exclude the current break-glass exclusion group instead (BG-CA-01 shows whether the accounts are still excluded). Then remove the dead ids (${portalPath(policy)} → Exclude), so that restoring a deleted object cannot silently bring back an exclusion nobody reviewed.`,
        ),
      );
    }
  }
  if (findings.length > 0) return findings;
  return [
    result('BG-CA-04', 'pass', tenantSubject(snapshot), 'Every id in the exclusion lists resolves to an existing object', [
      `${plural(checked, 'excluded id', 'excluded ids')} across ${plural(policies.value.length, 'policy', 'policies')} resolve.`,
    ]),
  ];
}

// ---- BG-CA-05: the break-glass app and workload-identity policies ------------------------------

function checkWorkloadIdentityPolicies(snapshot: TenantSnapshot): CheckResult[] {
  const app = snapshot.app;
  if (!app) return [];
  const principal = app.servicePrincipal;
  const appSubject: CheckSubject = principal.ok
    ? { kind: 'app', id: principal.value.id, name: principal.value.displayName }
    : { kind: 'app', id: app.configured.appId, name: `Break-glass app (${app.configured.appId})` };
  const policies = snapshot.conditionalAccessPolicies;
  if (!principal.ok)
    return [
      result(
        'BG-CA-05',
        'indeterminate',
        appSubject,
        "The break-glass app's service principal could not be read",
        [principal.reason],
        'Check the appId in the inventory and that the reader app may read service principals (Application.Read.All), then run the checks again.',
      ),
    ];
  if (!policies.ok)
    return [
      result(
        'BG-CA-05',
        'indeterminate',
        appSubject,
        'Conditional Access policies could not be read',
        [policies.reason],
        readPoliciesRemedy,
      ),
    ];

  const spId = principal.value.id.toLowerCase();
  const findings: CheckResult[] = [];
  const trial: string[] = [];
  let excluding = 0;
  let workload = 0;
  for (const policy of policies.value) {
    const clients = policy.conditions.clientApplications;
    if (!clients || policy.state === 'disabled') continue;
    workload += 1;
    const include = (clients.includeServicePrincipals ?? []).map((s) => s.toLowerCase());
    const how = include.includes(spId)
      ? "the app's service principal id"
      : include.includes('serviceprincipalsinmytenant')
        ? 'ServicePrincipalsInMyTenant'
        : undefined;
    if (!how) continue;
    if ((clients.excludeServicePrincipals ?? []).some((s) => s.toLowerCase() === spId)) {
      excluding += 1;
      continue;
    }
    // BG-CA-05 weighs enabled policies only (docs/domain.md, "The catalogue"); a report-only one is named in the pass evidence.
    if (policy.state === reportOnly) {
      trial.push(policy.displayName);
      continue;
    }
    findings.push(
      result(
        'BG-CA-05',
        'fail',
        policySubject(policy),
        `${policy.displayName} applies to the break-glass app's service principal`,
        [
          `state: ${policy.state}`,
          `includeServicePrincipals names ${how} (${principal.value.id}).`,
          `excludeServicePrincipals ${listed(clients.excludeServicePrincipals)} does not name it.`,
          `Grant: ${describeGrant(policy)}.`,
        ],
        `Exclude the service principal ${principal.value.displayName} (${principal.value.id}) from the policy (${portalPath(policy)} → Workload identities → Exclude). Otherwise the app path of the runbook fails exactly when the user path is blocked.`,
      ),
    );
  }
  if (findings.length > 0) return findings;
  return [
    result('BG-CA-05', 'pass', appSubject, 'No enabled workload-identity policy applies to the app', [
      `${plural(workload, 'workload-identity policy', 'workload-identity policies')} weighed (disabled ones left out); ${excluding} of them include the app and exclude it.`,
      ...(trial.length > 0 ? [`Report-only, would apply once switched on: ${trial.join(', ')} – exclude the app before enabling.`] : []),
    ]),
  ];
}

// ---- BG-CA-06: the exclusion group itself -----------------------------------------------------

function checkExclusionGroup(snapshot: TenantSnapshot): CheckResult[] {
  const id = snapshot.inventory.exclusionGroupId;
  if (!id) return [];
  const read = snapshot.exclusionGroup ?? { ok: false as const, reason: 'The exclusion group was not read.' };
  if (!read.ok)
    return [
      result(
        'BG-CA-06',
        'indeterminate',
        { kind: 'group', id, name: 'Break-glass exclusion group' },
        'The exclusion group could not be read',
        [read.reason],
        `Check exclusionGroupId (${id}) in the inventory and that the reader app may read groups, their members and owners (GroupMember.Read.All or Directory.Read.All), then run the checks again.`,
      ),
    ];
  const group = read.value;
  const subject: CheckSubject = { kind: 'group', id: group.id, name: group.displayName };
  const accountIds = new Set(
    snapshot.accounts
      .flatMap((a) => [a.configured.id, a.user.ok ? a.user.value.id : undefined])
      .filter((x): x is string => Boolean(x))
      .map((x) => x.toLowerCase()),
  );
  const types = group.groupTypes ?? [];
  const others = group.members.filter((m) => !accountIds.has(m.id.toLowerCase()));
  const describe = (o: { id: string; displayName?: string | null; '@odata.type'?: string }) =>
    `${o.displayName ?? '(no name)'} (${o.id}${o['@odata.type'] ? `, ${o['@odata.type'].replace('#microsoft.graph.', '')}` : ''})`;

  // Each deviation: what is wrong, and what to do. A dynamic or owned group lets someone other
  // than a Privileged Role Administrator decide who escapes every CA policy; role-assignable
  // groups can only be managed by Privileged Role Administrators and Global Administrators.
  const deviations: Array<[string, string]> = [];
  if (group.securityEnabled !== true)
    deviations.push(['It is not a security group (securityEnabled is not true).', 'use a security group']);
  if (types.includes('Unified'))
    deviations.push(['It is a Microsoft 365 group (groupTypes Unified).', 'use a security group, not a Microsoft 365 group']);
  if (types.includes('DynamicMembership') || (group.membershipRule ?? '') !== '')
    deviations.push([`Its membership is dynamic (rule: ${group.membershipRule ?? 'none'}).`, 'use assigned (static) membership']);
  if (group.mailEnabled === true) deviations.push(['It is mail-enabled.', 'use a group that is not mail-enabled']);
  if (group.isAssignableToRole !== true)
    deviations.push([
      'It is not role-assignable, so User and Groups Administrators can change who it excludes.',
      'use a role-assignable group (isAssignableToRole can only be set when the group is created)',
    ]);
  if (group.owners.length > 0)
    deviations.push([`It has owners, who can change its members: ${group.owners.map(describe).join(', ')}.`, 'remove every owner']);
  if (others.length > 0)
    deviations.push([
      `It has members other than the break-glass accounts, each excluded from every policy that excludes the group: ${others.map(describe).join(', ')}.`,
      'remove every member that is not a break-glass account',
    ]);

  const memberIds = new Set(group.members.map((m) => m.id.toLowerCase()));
  const missing = snapshot.accounts.filter((a) => a.user.ok && !memberIds.has(a.user.value.id.toLowerCase()));
  const missingNote =
    missing.length > 0
      ? [
          `Not direct members: ${missing.map((a) => a.configured.userPrincipalName).join(', ')} (BG-CA-01 shows whether they are excluded another way).`,
        ]
      : [];
  // Graph returns groupTypes on every group read (resources/group, "Returned by default"); an answer
  // without it cannot show the group is neither a Microsoft 365 group nor dynamic.
  if (deviations.length === 0 && group.groupTypes == null) {
    return [
      result(
        'BG-CA-06',
        'indeterminate',
        subject,
        'Whether the exclusion group is static and not a Microsoft 365 group is unknown',
        ["Graph's answer for the group has no groupTypes.", ...missingNote],
        `Read the group with GET /groups/${group.id}?$select=id,displayName,groupTypes,securityEnabled,mailEnabled,membershipRule,isAssignableToRole (GroupMember.Read.All), or check Entra admin centre → Groups → ${group.displayName} → Properties (Group type, Membership type), then run the checks again.`,
      ),
    ];
  }
  if (deviations.length === 0) {
    return [
      result('BG-CA-06', 'pass', subject, 'The exclusion group is a static, role-assignable security group of break-glass accounts only', [
        `securityEnabled, not mail-enabled, assigned membership, role-assignable, no owners, ${plural(group.members.length, 'member', 'members')}, all break-glass accounts.`,
        ...missingNote,
      ]),
    ];
  }
  // These properties cannot be changed on an existing group (mail-enabled security groups are
  // Exchange objects), so the fix is a new group, swapped in without a moment unexcluded.
  const recreate =
    group.isAssignableToRole !== true || types.includes('Unified') || group.securityEnabled !== true || group.mailEnabled === true;
  const steps = deviations.map(([, fix]) => fix).join('; ');
  const remedy = recreate
    ? `Create a new role-assignable security group with assigned membership, not mail-enabled, no owners, holding only the break-glass accounts; add it to every policy's exclusions beside the old one, check BG-CA-01 passes, then remove the old group from the exclusions and set exclusionGroupId in the inventory. What the new group fixes: ${steps}.`
    : `Fix the group in Entra admin centre → Groups → ${group.displayName}: ${steps}.`;
  return [
    result(
      'BG-CA-06',
      'warn',
      subject,
      'The exclusion group is not locked down',
      [...deviations.map(([what]) => what), ...missingNote],
      remedy,
    ),
  ];
}

/**
 * Conditional Access checks BG-CA-04 and BG-CA-06 (docs/domain.md, "The catalogue"): are the
 * exclusions themselves sound – do the exclusion lists name only objects that still exist, and is
 * the exclusion group locked down so that nobody but a Privileged Role Administrator decides who
 * escapes every policy. Row shapes are described in conditional-access.ts.
 */
import { plural, policySubject, portalPath, readPoliciesRemedy, tenantSubject } from './ca-shared.ts';
import { result, type CheckResult, type CheckSubject } from './model.ts';
import type { TenantSnapshot } from './snapshot.ts';

// ---- BG-CA-04: stale ids in exclusion lists ----------------------------------------------------

/** Values Graph allows in exclusion lists that are not directory objects. */
const sentinels = new Set(['all', 'none', 'guestsorexternalusers', 'serviceprincipalsinmytenant']);

export function checkStaleExclusions(snapshot: TenantSnapshot): CheckResult[] {
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

// ---- BG-CA-06: the exclusion group itself -----------------------------------------------------

export function checkExclusionGroup(snapshot: TenantSnapshot): CheckResult[] {
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
        [
          "Graph's answer for the group has no groupTypes.",
          ...missingNote,
          `By Graph (GroupMember.Read.All): GET /groups/${group.id}?$select=id,displayName,groupTypes,securityEnabled,mailEnabled,membershipRule,isAssignableToRole`,
        ],
        `Check Entra admin centre → Groups → ${group.displayName} → Properties (Group type, Membership type), or read the group by Graph (the request is in the details), then run the checks again.`,
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

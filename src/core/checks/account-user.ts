/**
 * BG-USR-01 … BG-USR-04 (docs/domain.md, "The catalogue"): the break-glass user object – enabled
 * and a member, cloud-only, on the tenant's initial domain – and its permanent active Global
 * Administrator assignment.
 */
import { globalAdministratorRoleId } from '../../shared/directory-roles.ts';
import { groupsOf, userPage } from './account-shared.ts';
import type { CheckContext } from './context.ts';
import { result, type CheckResult, type CheckSubject } from './model.ts';
import { roleName, sameId, scheduleStanding } from './pim.ts';
import type { AccountSnapshot, UserFacts } from './snapshot.ts';

const ga = roleName(globalAdministratorRoleId);

// ——— BG-USR-01 … 03: the user object ———

export function checkUserObject(subject: CheckSubject, user: UserFacts): CheckResult {
  const upn = user.userPrincipalName;
  if (typeof user.accountEnabled !== 'boolean' || !user.userType) {
    return result(
      'BG-USR-01',
      'indeterminate',
      subject,
      `Whether ${upn} is an enabled member account is unknown`,
      [
        `accountEnabled = ${user.accountEnabled ?? 'not returned'}, userType = ${user.userType ?? 'not returned'}.`,
        'The reader must select accountEnabled and userType (User.Read.All).',
      ],
      "Give the reader the permission to read whether the account is enabled and a member (named in the details); meanwhile check it in the Entra admin center › Users › the account's Properties.",
    );
  }
  const evidence = [`accountEnabled = ${user.accountEnabled}, userType = ${user.userType}.`];
  const disabled = !user.accountEnabled;
  const notMember = user.userType.toLowerCase() !== 'member';
  if (!disabled && !notMember)
    return result('BG-USR-01', 'pass', subject, `${upn} exists, is enabled and is a member of the tenant`, evidence);
  const what = [...(disabled ? ['is disabled'] : []), ...(notMember ? [`is a ${user.userType}, not a Member`] : [])].join(' and ');
  const fix = [
    ...(disabled
      ? [
          `Enable it in ${userPage(upn)} > Edit properties > Settings ("Account enabled"), after finding out in the audit log who disabled it and why (an inactivity clean-up must exclude break-glass accounts).`,
        ]
      : []),
    ...(notMember
      ? [
          'A break-glass account must be a member of this tenant: create a cloud-only member account on the initial *.onmicrosoft.com domain and put it in the inventory instead.',
        ]
      : []),
  ];
  return result('BG-USR-01', 'fail', subject, `${upn} ${what}`, evidence, fix.join(' '));
}

export function checkCloudOnly(subject: CheckSubject, user: UserFacts): CheckResult {
  const upn = user.userPrincipalName;
  const evidence = [`onPremisesSyncEnabled = ${user.onPremisesSyncEnabled ?? 'null (never synced)'}.`];
  if (user.onPremisesSyncEnabled === true) {
    return result(
      'BG-USR-02',
      'fail',
      subject,
      `${upn} is synchronised from on-premises Active Directory, not cloud-only`,
      evidence,
      'A synced account fails with on-premises AD or Entra Connect – exactly what an emergency may have taken away. Create a cloud-only account on the initial *.onmicrosoft.com domain, make it break-glass, and remove this one from the inventory.',
    );
  }
  return result('BG-USR-02', 'pass', subject, `${upn} is cloud-only`, evidence);
}

export function checkInitialDomain(context: CheckContext, subject: CheckSubject, user: UserFacts): CheckResult {
  const upn = user.userPrincipalName;
  const { domains } = context.snapshot;
  if (!domains.ok) {
    return result(
      'BG-USR-03',
      'indeterminate',
      subject,
      `Whether ${upn} is on the tenant’s initial domain is unknown: domains could not be read`,
      [`Domains: ${domains.reason}`],
      'Give the reader Domain.Read.All (or Directory.Read.All), then run the checks again.',
    );
  }
  // The initial domain is *.onmicrosoft.com in the global cloud, but not in every cloud
  // (e.g. *.onmicrosoft.us), so the rule is "equals the isInitial domain", not a suffix.
  const initial = domains.value.find((d) => d.isInitial === true);
  if (!initial) {
    return result(
      'BG-USR-03',
      'indeterminate',
      subject,
      `Whether ${upn} is on the tenant’s initial domain is unknown: no domain is marked initial`,
      [`Domains read: ${domains.value.map((d) => d.id).join(', ') || 'none'}; none has isInitial = true.`],
      'Check the domain list in Microsoft Entra admin center > Domain names and the reader’s Domain.Read.All permission.',
    );
  }
  const domain = upn.slice(upn.lastIndexOf('@') + 1);
  const evidence = [`UPN domain ${domain}; the tenant’s initial domain is ${initial.id}.`];
  if (domain.toLowerCase() === initial.id.toLowerCase())
    return result('BG-USR-03', 'pass', subject, `${upn} is on the initial domain ${initial.id}`, evidence);
  return result(
    'BG-USR-03',
    'fail',
    subject,
    `${upn} is not on the tenant’s initial domain ${initial.id}`,
    evidence,
    `A custom domain depends on DNS and, if federated, on the identity provider. Change the user principal name to ${upn.slice(0, upn.lastIndexOf('@'))}@${initial.id} in ${userPage(upn)} > Edit properties, then update breakglass.config.json and any alert rule that names the UPN.`,
  );
}

// ——— BG-USR-04: permanent active Global Administrator ———

export function checkGlobalAdministrator(
  context: CheckContext,
  subject: CheckSubject,
  user: UserFacts,
  account: AccountSnapshot,
): CheckResult {
  const { snapshot, now } = context;
  const upn = user.userPrincipalName;
  const assignments = snapshot.roleAssignmentSchedules;
  if (!assignments.ok) {
    return result(
      'BG-USR-04',
      'indeterminate',
      subject,
      `Whether ${upn} holds ${ga} permanently is unknown: role assignments could not be read`,
      [`Active role assignments: ${assignments.reason}`],
      'Give the reader RoleAssignmentSchedule.Read.Directory (or RoleManagement.Read.Directory), or check Microsoft Entra admin center > Roles & admins > Global Administrator meanwhile.',
    );
  }
  const groups = account.transitiveMemberOf.ok ? groupsOf(account.transitiveMemberOf.value) : undefined;
  const isUser = (principalId: string) => sameId(principalId, user.id);
  const isGroup = (principalId: string) => groups?.has(principalId.toLowerCase()) ?? false;
  const gaActive = assignments.value
    .filter((s) => sameId(s.roleDefinitionId, globalAdministratorRoleId))
    .map((s) => ({ s, standing: scheduleStanding(s, 'assignment', now) }));
  const viaGroupWords = (principalId: string) => (isGroup(principalId) ? ` (group ${groups?.get(principalId.toLowerCase())})` : '');
  const mine = gaActive.filter((a) => isUser(a.s.principalId) || isGroup(a.s.principalId));
  const direct = mine.filter((a) => isUser(a.s.principalId) && a.s.memberType?.toLowerCase() !== 'group');
  const evidence = mine.map((a) => `${a.standing.description}${viaGroupWords(a.s.principalId)}.`);
  const eligibility = snapshot.roleEligibilitySchedules;
  const eligible = eligibility.ok
    ? eligibility.value
        .filter((s) => sameId(s.roleDefinitionId, globalAdministratorRoleId) && (isUser(s.principalId) || isGroup(s.principalId)))
        .map((s) => scheduleStanding(s, 'eligibility', now))
        .filter((e) => e.inEffect)
    : [];
  evidence.push(...eligible.map((e) => `${e.description}.`));
  if (!eligibility.ok) evidence.push(`Eligible assignments could not be read: ${eligibility.reason}`);
  if (!account.transitiveMemberOf.ok) evidence.push(`Group memberships could not be read: ${account.transitiveMemberOf.reason}`);

  const makePermanent = `In Microsoft Entra admin center > ID Governance > Privileged Identity Management > Microsoft Entra roles > Roles > ${ga} > Add assignments, assign ${upn} directly with assignment type "Active" and "Permanently assigned" ticked (if that option is missing, see BG-PIM-01); then remove its eligible or time-bound assignment.`;
  if (direct.some((a) => a.standing.permanentActive))
    return result('BG-USR-04', 'pass', subject, `${upn} holds ${ga} as a permanent active assignment`, evidence);
  const viaGroup = mine.filter((a) => a.standing.permanentActive && !direct.includes(a));
  if (viaGroup.length > 0) {
    return result(
      'BG-USR-04',
      'warn',
      subject,
      `${upn} holds ${ga} permanently only through a group`,
      evidence,
      `A group path breaks when the group’s membership changes and is harder to audit. ${makePermanent}`,
    );
  }
  if (!groups && gaActive.some((a) => a.standing.permanentActive && !isUser(a.s.principalId))) {
    return result(
      'BG-USR-04',
      'indeterminate',
      subject,
      `Whether ${upn} holds ${ga} through a group is unknown: its group memberships could not be read`,
      evidence,
      'Give the reader GroupMember.Read.All (or Directory.Read.All), then run the checks again.',
    );
  }
  if (mine.length === 0 && eligible.length === 0)
    evidence.unshift(`No active or eligible ${ga} assignment for ${upn} (${user.id}) or its groups.`);
  const title = mine.some((a) => a.standing.activation && a.standing.inEffect)
    ? `${upn} holds ${ga} only through a temporary activation of an eligible assignment`
    : mine.some((a) => a.standing.inEffect)
      ? `${upn} holds ${ga} only as a time-bound assignment`
      : mine.length > 0
        ? `${upn} has a ${ga} assignment that is not in effect`
        : eligible.length > 0
          ? `${upn} holds ${ga} only as an eligible assignment`
          : `${upn} does not hold ${ga}`;
  return result(
    'BG-USR-04',
    'fail',
    subject,
    title,
    evidence,
    `A break-glass account must not depend on PIM activation, approval or an end date. ${makePermanent}`,
  );
}

/**
 * BG-PIM-01 and BG-PIM-02 (docs/domain.md, "The catalogue"): the Privileged Identity Management
 * settings that can take break-glass access away – a Global Administrator role policy that
 * forbids permanent active assignments, and the approval deadlock Microsoft warns about
 * (docs/microsoft-behaviour.md, "Emergency access accounts"). Also how a role schedule stands
 * at a moment, which BG-USR-04 reads the same way.
 */
import { findDirectoryRole, globalAdministratorRoleId, privilegedRoleAdministratorRoleId } from '../../shared/directory-roles.ts';
import type { CheckContext } from './context.ts';
import { result, type CheckResult, type CheckSubject } from './model.ts';
import type { RoleManagementPolicyAssignment, RoleSchedule, TenantSnapshot } from './snapshot.ts';
import { addIsoDuration } from '../../shared/iso-duration.ts';

export const sameId = (a: string | null | undefined, b: string | null | undefined): boolean =>
  !!a && !!b && a.toLowerCase() === b.toLowerCase();

export const roleName = (roleId: string): string => findDirectoryRole(roleId)?.displayName ?? `role ${roleId}`;

/** The subject of tenant-wide results: the tenant, called by its initial domain when known. */
export function tenantSubject(snapshot: TenantSnapshot): CheckSubject {
  const initial = snapshot.domains.ok ? snapshot.domains.value.find((d) => d.isInitial === true) : undefined;
  return { kind: 'tenant', id: snapshot.inventory.tenantId, name: initial?.id ?? snapshot.inventory.tenantId };
}

export const pimSettingsPath = (role: string) =>
  `Microsoft Entra admin center > ID Governance > Privileged Identity Management > Microsoft Entra roles > Settings > ${role} > Edit`;

export type ScheduleStanding = {
  /** Grants (or makes eligible for) the role now: provisioned, started, not ended. */
  readonly inEffect: boolean;
  /** An `Assigned` (not `Activated`) active assignment with `noExpiration`, in effect: what BG-USR-04 asks for. */
  readonly permanentActive: boolean;
  /** An `Activated` assignment: a temporary activation of an eligible one. */
  readonly activation: boolean;
  /** Plain words for evidence: which schedule, what kind, until when. */
  readonly description: string;
};

/**
 * How an assignment or eligibility schedule stands at `now` (docs/microsoft-behaviour.md, "Role schedules and PIM rules"): `Provisioned`
 * or `Granted` (as the simulator treats them), started, and within its expiration. An end that
 * the schedule does not state (`notSpecified`, a missing date) is not taken as "still running".
 */
export function scheduleStanding(schedule: RoleSchedule, kind: 'assignment' | 'eligibility', now: Date): ScheduleStanding {
  const startText = schedule.scheduleInfo?.startDateTime ?? undefined;
  const expiration = schedule.scheduleInfo?.expiration ?? undefined;
  const start = startText ? Date.parse(startText) : Number.NEGATIVE_INFINITY;
  let end: number | undefined;
  let expirationWords: string;
  if (expiration?.type === 'noExpiration') {
    end = Number.POSITIVE_INFINITY;
    expirationWords = 'permanent (noExpiration)';
  } else if (expiration?.type === 'afterDateTime') {
    end = expiration.endDateTime ? Date.parse(expiration.endDateTime) : undefined;
    expirationWords = `time-bound, ends ${expiration.endDateTime ?? '(end not stated)'}`;
  } else if (expiration?.type === 'afterDuration') {
    end = expiration.duration && startText ? addIsoDuration(start, expiration.duration) : undefined;
    expirationWords = `time-bound, ${expiration.duration ?? '(duration not stated)'} from ${startText ?? '(start not stated)'}`;
  } else {
    expirationWords = `expiration ${expiration?.type ?? 'not stated'}`;
  }
  const statusOk = !schedule.status || ['provisioned', 'granted'].includes(schedule.status.toLowerCase());
  const started = !Number.isNaN(start) && start <= now.getTime();
  const inEffect = statusOk && started && end !== undefined && !Number.isNaN(end) && now.getTime() < end;
  const assignmentType = schedule.assignmentType?.toLowerCase();
  const activation = kind === 'assignment' && assignmentType === 'activated';
  const permanentActive = kind === 'assignment' && assignmentType === 'assigned' && expiration?.type === 'noExpiration' && inEffect;

  const what =
    kind === 'eligibility'
      ? 'eligible assignment'
      : assignmentType === 'assigned'
        ? 'active assignment'
        : activation
          ? 'activation of an eligible assignment (temporary)'
          : `active schedule (assignmentType ${schedule.assignmentType ?? 'not stated'})`;
  const notes = [
    expirationWords,
    ...(schedule.memberType?.toLowerCase() === 'group' ? ['through a group'] : []),
    ...(statusOk ? [] : [`status ${schedule.status}`]),
    ...(started ? [] : [`not started (starts ${startText})`]),
    ...(end !== undefined && end <= now.getTime() ? ['ended'] : []),
  ];
  return {
    inEffect,
    permanentActive,
    activation,
    description: `${roleName(schedule.roleDefinitionId)} ${what} ${schedule.id} for ${schedule.principalId}: ${notes.join(', ')}`,
  };
}

const listed = (lines: readonly string[], max = 8) =>
  lines.length <= max ? [...lines] : [...lines.slice(0, max), `… and ${lines.length - max} more.`];

function policyRules(policies: readonly RoleManagementPolicyAssignment[], roleId: string) {
  const assigned = policies.filter((p) => sameId(p.roleDefinitionId, roleId));
  if (assigned.length === 0) return { found: false as const, problem: `No role-management policy is assigned to ${roleName(roleId)}.` };
  const withoutRules = assigned.find((p) => !p.policy?.rules);
  if (withoutRules)
    return { found: false as const, problem: `The policy ${withoutRules.policyId} of ${roleName(roleId)} came without its rules.` };
  return { found: true as const, assignments: assigned };
}

const cannotReadPolicies = (roles: string) =>
  `Give the reader RoleManagementPolicy.Read.Directory (PIM needs a Microsoft Entra ID P2 licence), or check the ${roles} settings by hand in ${pimSettingsPath('<role>')}.`;

function checkPermanentAssignmentAllowed(context: CheckContext): CheckResult {
  const { snapshot } = context;
  const subject = tenantSubject(snapshot);
  const ga = roleName(globalAdministratorRoleId);
  const policies = snapshot.roleManagementPolicyAssignments;
  if (!policies.ok) {
    return result(
      'BG-PIM-01',
      'indeterminate',
      subject,
      `Whether PIM allows permanent active ${ga} assignments is unknown: role policies could not be read`,
      [`Role-management policies: ${policies.reason}`],
      cannotReadPolicies(ga),
    );
  }
  const found = policyRules(policies.value, globalAdministratorRoleId);
  if (!found.found) {
    return result(
      'BG-PIM-01',
      'indeterminate',
      subject,
      `Whether PIM allows permanent active ${ga} assignments is unknown: its role policy was not found`,
      [found.problem],
      cannotReadPolicies(ga),
    );
  }
  const rules = found.assignments.map((a) => ({
    policyId: a.policyId,
    rule: a.policy?.rules?.find((r) => r.id === 'Expiration_Admin_Assignment'),
  }));
  const unknown = rules.filter((r) => typeof r.rule?.isExpirationRequired !== 'boolean');
  if (unknown.length > 0) {
    return result(
      'BG-PIM-01',
      'indeterminate',
      subject,
      `Whether PIM allows permanent active ${ga} assignments is unknown: the assignment-expiration rule is missing`,
      unknown.map((r) => `Policy ${r.policyId} has no Expiration_Admin_Assignment rule with isExpirationRequired.`),
      cannotReadPolicies(ga),
    );
  }
  const evidence = rules.map(
    (r) =>
      `Policy ${r.policyId}: Expiration_Admin_Assignment.isExpirationRequired = ${r.rule?.isExpirationRequired}${r.rule?.maximumDuration ? `, maximumDuration ${r.rule.maximumDuration}` : ''}.`,
  );
  if (rules.some((r) => r.rule?.isExpirationRequired === true)) {
    return result(
      'BG-PIM-01',
      'warn',
      subject,
      `PIM does not allow permanent active ${ga} assignments, so the break-glass accounts’ assignments must expire`,
      evidence,
      `In ${pimSettingsPath(ga)} > Assignment, tick "Allow permanent active assignment" and save; then make each break-glass account’s ${ga} assignment active and permanent (BG-USR-04).`,
    );
  }
  return result('BG-PIM-01', 'pass', subject, `PIM allows permanent active ${ga} assignments`, evidence);
}

/** Ids that are break-glass paths, and how many break-glass principals have no known id. */
function breakGlassPrincipals(snapshot: TenantSnapshot): { ids: Set<string>; unknown: string[] } {
  const ids = new Set<string>();
  const unknown: string[] = [];
  for (const account of snapshot.accounts) {
    const id = account.user.ok ? account.user.value.id : account.configured.id;
    if (id) ids.add(id.toLowerCase());
    else unknown.push(`break-glass account ${account.configured.userPrincipalName} (not resolved)`);
    if (account.configured.id) ids.add(account.configured.id.toLowerCase());
  }
  if (snapshot.inventory.exclusionGroupId) ids.add(snapshot.inventory.exclusionGroupId.toLowerCase());
  if (snapshot.inventory.app) {
    if (snapshot.app?.servicePrincipal.ok) ids.add(snapshot.app.servicePrincipal.value.id.toLowerCase());
    else unknown.push(`the break-glass app ${snapshot.inventory.app.appId} (service principal not read)`);
  }
  return { ids, unknown };
}

function checkApprovalDeadlock(context: CheckContext): CheckResult {
  const { snapshot, now } = context;
  const subject = tenantSubject(snapshot);
  const roles = [globalAdministratorRoleId, privilegedRoleAdministratorRoleId];
  const roleWords = roles.map(roleName).join(' or ');
  const watched = (s: RoleSchedule) => roles.some((r) => sameId(r, s.roleDefinitionId));
  const { ids: breakGlass, unknown } = breakGlassPrincipals(snapshot);
  const others = (s: RoleSchedule) => watched(s) && !breakGlass.has(s.principalId.toLowerCase());
  const cannotRead = (what: string, reason: string, permission: string) =>
    result(
      'BG-PIM-02',
      'indeterminate',
      subject,
      `Whether a PIM approval deadlock can lock administrators out is unknown: ${what} could not be read`,
      [`${what}: ${reason}`],
      `Give the reader ${permission}, or review the ${roleWords} assignments in Microsoft Entra admin center > ID Governance > Privileged Identity Management > Microsoft Entra roles > Assignments.`,
    );

  if (!snapshot.roleAssignmentSchedules.ok)
    return cannotRead('Active role assignments', snapshot.roleAssignmentSchedules.reason, 'RoleAssignmentSchedule.Read.Directory');
  const active = snapshot.roleAssignmentSchedules.value
    .filter((s) => others(s))
    .map((s) => ({ s, standing: scheduleStanding(s, 'assignment', now) }))
    // A current activation is not a standing path: it ends within hours and the next one needs the
    // same approval, so it is weighed through its eligibility (as BG-USR-04 does).
    .filter((a) => a.standing.inEffect && !a.standing.activation);
  const activePrincipals = new Set(active.map((a) => a.s.principalId.toLowerCase()));
  const activeEvidence = active.map((a) => a.standing.description);
  if (activePrincipals.size > unknown.length) {
    return result(
      'BG-PIM-02',
      'pass',
      subject,
      `Principals other than the break-glass accounts hold ${roleWords} actively, so no PIM approval stands between them and the tenant`,
      listed(activeEvidence),
    );
  }
  if (activePrincipals.size > 0) {
    // Too few to be sure: each could be a break-glass principal whose id could not be read.
    return result(
      'BG-PIM-02',
      'indeterminate',
      subject,
      `Whether a PIM approval deadlock can lock administrators out is unknown: the only active ${roleWords} could be break-glass`,
      [...activeEvidence, ...unknown.map((u) => `Cannot tell whether that is ${u}.`)],
      'Make the break-glass accounts and app readable (BG-INV-01, BG-APP-01), then run the checks again.',
    );
  }

  if (!snapshot.roleEligibilitySchedules.ok)
    return cannotRead('Eligible role assignments', snapshot.roleEligibilitySchedules.reason, 'RoleEligibilitySchedule.Read.Directory');
  const eligible = snapshot.roleEligibilitySchedules.value
    .filter((s) => others(s))
    .map((s) => ({ s, standing: scheduleStanding(s, 'eligibility', now) }))
    .filter((e) => e.standing.inEffect);
  if (eligible.length === 0) {
    return result(
      'BG-PIM-02',
      'pass',
      subject,
      `No PIM approval can block ${roleWords}: nobody but the break-glass accounts and app holds or is eligible for them`,
      [`No active or eligible ${roleWords} assignment for any principal other than the break-glass accounts, app and exclusion group.`],
    );
  }

  if (!snapshot.roleManagementPolicyAssignments.ok) {
    return cannotRead('Role-management policies', snapshot.roleManagementPolicyAssignments.reason, 'RoleManagementPolicy.Read.Directory');
  }
  const policies = snapshot.roleManagementPolicyAssignments.value;
  const eligibleRoles = roles.filter((r) => eligible.some((e) => sameId(e.s.roleDefinitionId, r)));
  const approval = eligibleRoles.map((roleId) => {
    const found = policyRules(policies, roleId);
    if (!found.found) return { roleId, required: undefined, words: found.problem };
    const rules = found.assignments.map((a) => a.policy?.rules?.find((r) => r.id === 'Approval_EndUser_Assignment'));
    const settings = rules.map((r) => r?.setting?.isApprovalRequired);
    const required = settings.some((v) => typeof v !== 'boolean') ? undefined : settings.some((v) => v === true);
    const approvers = rules
      .flatMap((r) => r?.setting?.approvalStages ?? [])
      .reduce((n, stage) => n + (stage.primaryApprovers?.length ?? 0), 0);
    const words =
      required === undefined
        ? `The policy of ${roleName(roleId)} states no Approval_EndUser_Assignment.isApprovalRequired.`
        : `Activating ${roleName(roleId)} ${required ? `requires approval (${approvers} primary approver${approvers === 1 ? '' : 's'} named)` : 'does not require approval'}.`;
    return { roleId, required, words };
  });
  const evidence = [
    `No principal other than the break-glass accounts and app holds ${roleWords} actively.`,
    ...listed(eligible.map((e) => e.standing.description)),
    ...approval.map((a) => a.words),
  ];

  if (approval.some((a) => a.required === false)) {
    return result(
      'BG-PIM-02',
      'pass',
      subject,
      `No PIM approval deadlock: an eligible administrator can activate ${approval
        .filter((a) => a.required === false)
        .map((a) => roleName(a.roleId))
        .join(' and ')} without approval`,
      evidence,
    );
  }
  if (approval.some((a) => a.required === undefined)) {
    return result(
      'BG-PIM-02',
      'indeterminate',
      subject,
      'Whether a PIM approval deadlock can lock administrators out is unknown: a role’s approval setting could not be read',
      evidence,
      cannotReadPolicies(roleWords),
    );
  }
  return result(
    'BG-PIM-02',
    'warn',
    subject,
    `PIM approval deadlock risk: every ${roleWords} path other than break-glass is eligible-only and needs approval to activate`,
    evidence,
    `Give at least one named administrator (not a break-glass account) an active Privileged Role Administrator assignment, or turn off "Require approval to activate" in ${pimSettingsPath(eligibleRoles.map(roleName).join(' / '))} > Activation. Otherwise, when the approvers are unavailable, only the break-glass accounts can administer the tenant (Microsoft's "PIM deadlock" scenario).`,
  );
}

export function checkPim(context: CheckContext): CheckResult[] {
  return [checkPermanentAssignmentAllowed(context), checkApprovalDeadlock(context)];
}

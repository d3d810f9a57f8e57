/**
 * The recovery actions a custodian commonly needs once signed in (docs/domain.md, "The incident runbook",
 * step `recovery-actions`), planned as exact Graph changes with a preview of what will change and the
 * change that undoes it – pure, so the screen, the journal and the tests all see the same plan:
 * - switch a Conditional Access policy to report-only (preferred over deleting it);
 * - add the break-glass exclusion back to a policy;
 * - assign a directory role to a named administrator (a direct, permanent assignment).
 * Sources: conditionalaccesspolicy-update (PATCH replaces the collections it names),
 * rbacapplication-post-roleassignments, unifiedroleassignment-delete.
 */
import type { JsonObject } from '../journal/model.ts';
import { ActionableError } from '../../shared/actionable-error.ts';

export type GraphChange = { readonly method: 'PATCH' | 'POST' | 'DELETE'; readonly path: string; readonly body?: JsonObject };

export type RecoveryPlan = {
  readonly kind: 'policy-report-only' | 'policy-add-exclusion' | 'assign-role';
  readonly title: string;
  readonly target: { readonly kind: 'policy' | 'user'; readonly id: string; readonly name: string };
  /** What will change, one line each, in the words the admin center uses. */
  readonly changes: readonly string[];
  readonly apply: GraphChange;
  /** The change that puts things back; for a new role assignment its id comes from Graph's answer. */
  readonly undo: GraphChange | { readonly deleteCreatedRoleAssignment: true };
  readonly undoDescription: string;
};

export type PolicyFacts = {
  readonly id: string;
  readonly displayName: string;
  readonly state: string;
  readonly conditions: {
    readonly users?: { readonly excludeUsers?: readonly string[]; readonly excludeGroups?: readonly string[] } | null;
  };
};

const stateWords: Record<string, string> = { enabled: 'On', disabled: 'Off', enabledForReportingButNotEnforced: 'Report-only' };
const words = (state: string) => stateWords[state] ?? state;
const policyPath = (id: string) => `/identity/conditionalAccess/policies/${encodeURIComponent(id)}`;

export function planReportOnly(policy: PolicyFacts): RecoveryPlan {
  if (policy.state === 'enabledForReportingButNotEnforced') {
    throw new ActionableError(
      `"${policy.displayName}" is already report-only: it blocks nobody.`,
      'Choose the policy that blocks the sign-in (the sign-in log names it), or go on.',
    );
  }
  return {
    kind: 'policy-report-only',
    title: `Switch "${policy.displayName}" to report-only`,
    target: { kind: 'policy', id: policy.id, name: policy.displayName },
    changes: [
      `State: ${words(policy.state)} → Report-only. The policy keeps its settings and is logged, but no longer blocks or asks for anything.`,
    ],
    apply: { method: 'PATCH', path: policyPath(policy.id), body: { state: 'enabledForReportingButNotEnforced' } },
    undo: { method: 'PATCH', path: policyPath(policy.id), body: { state: policy.state } },
    undoDescription: `Set "${policy.displayName}" back to ${words(policy.state)}.`,
  };
}

export function planAddExclusion(
  policy: PolicyFacts,
  exclusion: { readonly groupId?: string; readonly groupName?: string; readonly userIds?: readonly string[] },
): RecoveryPlan {
  const users = policy.conditions.users;
  if (!users)
    throw new ActionableError(
      `"${policy.displayName}" does not target users, so there is nothing to exclude a break-glass account from.`,
      'Choose a user policy.',
    );
  const groups = [...(users.excludeGroups ?? [])];
  const people = [...(users.excludeUsers ?? [])];
  const has = (list: readonly string[], id: string) => list.some((x) => x.toLowerCase() === id.toLowerCase());
  const newGroups = exclusion.groupId && !has(groups, exclusion.groupId) ? [...groups, exclusion.groupId] : groups;
  const addedUsers = (exclusion.userIds ?? []).filter((id) => !has(people, id));
  const newPeople = [...people, ...addedUsers];
  const changes = [
    ...(newGroups.length > groups.length ? [`Exclude group: add ${exclusion.groupName ?? exclusion.groupId}`] : []),
    ...addedUsers.map((id) => `Exclude user: add ${id}`),
  ];
  if (changes.length === 0)
    throw new ActionableError(
      `"${policy.displayName}" already excludes the break-glass accounts.`,
      'If the sign-in is still blocked, another policy does it: check the sign-in log for its name.',
    );
  return {
    kind: 'policy-add-exclusion',
    title: `Add the break-glass exclusion back to "${policy.displayName}"`,
    target: { kind: 'policy', id: policy.id, name: policy.displayName },
    changes,
    // PATCH replaces each collection it names, so both lists are sent whole.
    apply: {
      method: 'PATCH',
      path: policyPath(policy.id),
      body: { conditions: { users: { excludeGroups: newGroups, excludeUsers: newPeople } } },
    },
    undo: {
      method: 'PATCH',
      path: policyPath(policy.id),
      body: { conditions: { users: { excludeGroups: groups, excludeUsers: people } } },
    },
    undoDescription: `Put the exclusion lists of "${policy.displayName}" back as they were (${groups.length} group(s), ${people.length} user(s)).`,
  };
}

export function planRoleAssignment(
  principal: { readonly id: string; readonly name: string },
  role: { readonly id: string; readonly name: string },
): RecoveryPlan {
  return {
    kind: 'assign-role',
    title: `Make ${principal.name} ${role.name}`,
    target: { kind: 'user', id: principal.id, name: principal.name },
    changes: [
      `Role: ${role.name}, assigned directly, active and permanent, for the whole directory.`,
      'Remove it again once normal administration works (Undo does that).',
    ],
    apply: {
      method: 'POST',
      path: '/roleManagement/directory/roleAssignments',
      body: { principalId: principal.id, roleDefinitionId: role.id, directoryScopeId: '/' },
    },
    undo: { deleteCreatedRoleAssignment: true },
    undoDescription: `Remove the ${role.name} assignment of ${principal.name}.`,
  };
}

/** The undo as a Graph change, once the action's own answer is known. */
export function undoChange(plan: RecoveryPlan, applied: { readonly createdId?: string }): GraphChange {
  if ('method' in plan.undo) return plan.undo;
  if (!applied.createdId) throw new Error('The role assignment that was created has no id to remove.');
  return { method: 'DELETE', path: `/roleManagement/directory/roleAssignments/${encodeURIComponent(applied.createdId)}` };
}

/**
 * How to tell, by reading the tenant, whether a change (or its undo) is in place – used when
 * Graph did not answer the write, which may have been applied all the same. `read` is the GET;
 * `judge` gets its body, or undefined when the object is not found (404).
 */
export type RecoveryReadBack = {
  readonly what: string;
  readonly read: string;
  readonly judge: (body: unknown) => { readonly applied: boolean; readonly shows: string; readonly createdId?: string };
};

type PolicyRead = Partial<PolicyFacts> | undefined;
const usersOf = (policy: PolicyRead) => policy?.conditions?.users ?? undefined;
const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.some((y) => y.toLowerCase() === x.toLowerCase()));
const includesAll = (list: readonly string[], wanted: readonly string[]) =>
  wanted.every((x) => list.some((y) => y.toLowerCase() === x.toLowerCase()));

export function recoveryReadBack(
  plan: RecoveryPlan,
  phase: 'apply' | 'undo',
  applied: { readonly createdId?: string } = {},
): RecoveryReadBack {
  const change = phase === 'apply' ? plan.apply : 'method' in plan.undo ? plan.undo : undefined;
  const before = 'method' in plan.undo ? plan.undo : undefined;
  if (plan.kind === 'policy-report-only') {
    const wanted = String((change?.body as { state?: string } | undefined)?.state ?? '');
    const other = String((phase === 'apply' ? before?.body : plan.apply.body)?.['state'] ?? '');
    return {
      what: `the policy "${plan.target.name}"`,
      read: policyPath(plan.target.id),
      judge: (body) => {
        const state = String((body as PolicyRead)?.state ?? '');
        if (state === wanted) return { applied: true, shows: `it is ${words(state)} now` };
        return {
          applied: false,
          shows:
            state === other
              ? `it is unchanged (${words(state)})`
              : `it is ${words(state) || 'not found'}, neither ${words(other)} nor ${words(wanted)} – someone else may have changed it`,
        };
      },
    };
  }
  if (plan.kind === 'policy-add-exclusion') {
    const users =
      (change?.body as { conditions?: { users?: { excludeGroups?: string[]; excludeUsers?: string[] } } } | undefined)?.conditions?.users ??
      {};
    const groups = users.excludeGroups ?? [];
    const people = users.excludeUsers ?? [];
    return {
      what: `the policy "${plan.target.name}"`,
      read: policyPath(plan.target.id),
      judge: (body) => {
        const now = usersOf(body as PolicyRead);
        const nowGroups = [...(now?.excludeGroups ?? [])];
        const nowPeople = [...(now?.excludeUsers ?? [])];
        // Adding must leave the wanted exclusions in place; putting back must restore the lists exactly.
        const done =
          phase === 'apply'
            ? includesAll(nowGroups, groups) && includesAll(nowPeople, people)
            : sameIds(nowGroups, groups) && sameIds(nowPeople, people);
        const lists = `${nowGroups.length} excluded group(s), ${nowPeople.length} excluded user(s)`;
        if (done)
          return {
            applied: true,
            shows:
              phase === 'apply'
                ? `it excludes the break-glass accounts now (${lists})`
                : `its exclusion lists are as they were before (${lists})`,
          };
        return {
          applied: false,
          shows:
            phase === 'apply'
              ? `the break-glass exclusion is not on it (${lists})`
              : `its exclusion lists are not back as they were (${lists})`,
        };
      },
    };
  }
  const roleId = String(plan.apply.body?.['roleDefinitionId'] ?? '');
  if (phase === 'apply') {
    return {
      what: `the role assignments of ${plan.target.name}`,
      read: `/roleManagement/directory/roleAssignments?$filter=${encodeURIComponent(`principalId eq '${plan.target.id}'`)}`,
      judge: (body) => {
        const list =
          (body as { value?: Array<{ id?: string; roleDefinitionId?: string; directoryScopeId?: string }> } | undefined)?.value ?? [];
        const found = list.find((a) => a.roleDefinitionId?.toLowerCase() === roleId.toLowerCase() && (a.directoryScopeId ?? '/') === '/');
        return found
          ? {
              applied: true,
              shows: `${plan.target.name} holds the role now (assignment ${found.id ?? 'unknown'})`,
              ...(found.id ? { createdId: found.id } : {}),
            }
          : { applied: false, shows: `${plan.target.name} does not hold the role` };
      },
    };
  }
  return {
    what: `the role assignment of ${plan.target.name}`,
    read: `/roleManagement/directory/roleAssignments/${encodeURIComponent(applied.createdId ?? '')}`,
    judge: (body) =>
      body === undefined ? { applied: true, shows: 'the assignment is gone' } : { applied: false, shows: 'the assignment is still there' },
  };
}

/**
 * Recovery actions after an emergency sign-in (core/runbooks/recovery-actions.ts plans them):
 * each one is previewed from the tenant as it is now, applied only when confirmed, journaled
 * before the change is sent and again with Graph's request id when it is done (or failed), and
 * can be undone the same way. They act with the signed-in break-glass session and are recorded in
 * that sign-in's journal session.
 */
import { randomUUID } from 'node:crypto';

import type { DelegatedActionId } from '../../core/graph/delegated-permissions.ts';
import { planAddExclusion, planReportOnly, planRoleAssignment, undoChange, type GraphChange, type PolicyFacts, type RecoveryPlan } from '../../core/runbooks/recovery-actions.ts';
import { findDirectoryRole } from '../../shared/directory-roles.ts';
import { ActionableError } from '../../shared/actionable-error.ts';
import type { RecoveryActionView } from '../../shared/model/incident.ts';
import { GraphRequestError } from '../entra/graph-connection.ts';
import type { TenantSession } from '../entra/tenant-session.ts';
import type { JournalService } from './journal-service.ts';
import type { Recorder, SignInService } from './sign-in-service.ts';
import type { TenantConnection } from './tenant-connection.ts';

/** The delegated permissions a recovery action needs when an account session makes it. */
const delegatedActionOf: Record<RecoveryPlan['kind'], DelegatedActionId> = { 'policy-report-only': 'ca-report-only', 'policy-add-exclusion': 'ca-add-exclusion', 'assign-role': 'role-assignment' };

export type RecoveryActionState = {
  readonly actionId: string;
  readonly plan: RecoveryPlan;
  readonly status: 'previewed' | 'applied' | 'undone';
  readonly requestIds: readonly string[];
  readonly createdId?: string;
};

/** A recovery action as the screens see it. */
export function recoveryActionView(action: RecoveryActionState): RecoveryActionView {
  return {
    actionId: action.actionId,
    kind: action.plan.kind,
    title: action.plan.title,
    changes: [...action.plan.changes],
    status: action.status === 'applied' ? 'done' : action.status,
    requestIds: [...action.requestIds],
    undoDescription: action.plan.undoDescription,
  };
}

export class RecoveryService {
  readonly #signIn: SignInService;
  readonly #journal: JournalService;
  readonly #tenant: TenantConnection;
  readonly #actions = new Map<string, RecoveryActionState>();

  constructor(options: { signIn: SignInService; journal: JournalService; tenant: TenantConnection }) {
    this.#signIn = options.signIn;
    this.#journal = options.journal;
    this.#tenant = options.tenant;
  }

  /** Switch a Conditional Access policy to report-only: the preview, from the policy as it is now. */
  async previewReportOnly(policyId: string): Promise<RecoveryActionState> {
    this.#session().ensureDelegated('ca-report-only');
    return this.#previewed(planReportOnly(await this.#policy(policyId)));
  }

  /** Add the inventory's exclusion group (or, without one, the break-glass accounts) back to a policy. */
  async previewAddExclusion(policyId: string): Promise<RecoveryActionState> {
    this.#session().ensureDelegated('ca-add-exclusion');
    const inventory = this.#tenant.inventory();
    const policy = await this.#policy(policyId);
    if (inventory.exclusionGroupId) {
      const group = await this.#session().graph.get<{ displayName?: string }>(`/groups/${inventory.exclusionGroupId}?$select=id,displayName`);
      return this.#previewed(planAddExclusion(policy, { groupId: inventory.exclusionGroupId, ...(group.displayName ? { groupName: group.displayName } : {}) }));
    }
    const ids = inventory.accounts.map((a) => a.id).filter((id): id is string => Boolean(id));
    if (ids.length === 0) throw new ActionableError('The inventory names neither an exclusion group nor the object ids of the accounts.', 'Add "exclusionGroupId" (or the accounts\' "id") to the inventory file, or add the exclusion in the admin center.');
    return this.#previewed(planAddExclusion(policy, { userIds: ids }));
  }

  /** Assign a directory role to a named administrator (user id or UPN, role template id). */
  async previewRoleAssignment(user: string, roleId: string): Promise<RecoveryActionState> {
    const role = findDirectoryRole(roleId);
    if (!role) throw new ActionableError(`"${roleId}" is not a built-in directory role this app knows.`, 'Choose the role from the list (for example Global Administrator).');
    this.#session().ensureDelegated('role-assignment');
    const found = await this.#session().graph.get<{ id: string; userPrincipalName: string }>(`/users/${encodeURIComponent(user)}?$select=id,userPrincipalName`);
    return this.#previewed(planRoleAssignment({ id: found.id, name: found.userPrincipalName }, { id: role.id, name: role.displayName }));
  }

  /** Applies a previewed action – the custodian has confirmed it. */
  async apply(actionId: string, actor: string): Promise<RecoveryActionState> {
    const action = this.#action(actionId, 'previewed');
    const result = await this.#change(action.plan.apply, action.plan, `${action.plan.title}`, actor);
    const createdId = (result.body as { id?: string } | undefined)?.id;
    const applied: RecoveryActionState = { ...action, status: 'applied', requestIds: [...action.requestIds, ...(result.requestId ? [result.requestId] : [])], ...(createdId ? { createdId } : {}) };
    this.#actions.set(actionId, applied);
    return applied;
  }

  async undo(actionId: string, actor: string): Promise<RecoveryActionState> {
    const action = this.#action(actionId, 'applied');
    const change = undoChange(action.plan, action.createdId ? { createdId: action.createdId } : {});
    const result = await this.#change(change, action.plan, `Undo: ${action.plan.undoDescription}`, actor);
    const undone: RecoveryActionState = { ...action, status: 'undone', requestIds: [...action.requestIds, ...(result.requestId ? [result.requestId] : [])] };
    this.#actions.set(actionId, undone);
    return undone;
  }

  /** The tenant's Conditional Access policies, to choose the one a recovery action is for. */
  async policies(): Promise<Array<{ id: string; displayName: string; state: string }>> {
    const policies = await this.#session().graph.list<{ id: string; displayName: string; state: string }>('/identity/conditionalAccess/policies?$select=id,displayName,state');
    return policies.map((p) => ({ id: p.id, displayName: p.displayName, state: p.state })).sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  actions(): RecoveryActionState[] {
    return [...this.#actions.values()];
  }

  /** Journal the intent, send the change, journal the outcome with Graph's request id. */
  async #change(change: GraphChange, plan: RecoveryPlan, title: string, actor: string) {
    const session = this.#session();
    session.ensureDelegated(delegatedActionOf[plan.kind]);
    const record = this.#record();
    const what = title.replace(/\.$/, '');
    const base = { sessionId: record.sessionId, actor: actor || record.actor, ...(record.witness ? { witness: record.witness } : {}), kind: 'recovery-action' as const, stepId: `recovery.${plan.kind}` };
    this.#journal.store.append({ ...base, summary: `About to: ${what}.`, data: { target: plan.target, changes: [...plan.changes], method: change.method, path: change.path } });
    try {
      const result = await session.graph.write(change.method, change.path, change.body);
      this.#journal.store.append({ ...base, summary: `Done: ${what}.`, data: { status: result.status, clientRequestId: result.clientRequestId }, ...(result.requestId ? { graphRequestIds: [result.requestId] } : {}) });
      return result;
    } catch (error) {
      const graph = error instanceof GraphRequestError ? error : undefined;
      this.#journal.store.append({
        ...base,
        summary: `Failed: ${what}. ${error instanceof Error ? error.message : String(error)}`,
        data: { ...(graph ? { status: graph.status, clientRequestId: graph.clientRequestId, ...(graph.code ? { graphCode: graph.code } : {}) } : {}) },
        ...(graph?.requestId ? { graphRequestIds: [graph.requestId] } : {}),
      });
      throw error;
    }
  }

  #previewed(plan: RecoveryPlan): RecoveryActionState {
    const action: RecoveryActionState = { actionId: randomUUID(), plan, status: 'previewed', requestIds: [] };
    this.#actions.set(action.actionId, action);
    return action;
  }

  async #policy(policyId: string): Promise<PolicyFacts> {
    return this.#session().graph.get<PolicyFacts>(`/identity/conditionalAccess/policies/${encodeURIComponent(policyId)}`);
  }

  #action(actionId: string, status: RecoveryActionState['status']): RecoveryActionState {
    const action = this.#actions.get(actionId);
    if (!action) throw new ActionableError('That recovery action is not known (the app may have restarted).', 'Preview the action again.');
    if (action.status !== status) throw new ActionableError(`That action is ${action.status}, not ${status}.`, 'Refresh the list of actions and choose again.');
    return action;
  }

  #session(): TenantSession {
    const session = this.#signIn.session;
    if (!session) throw new ActionableError('Nobody is signed in to the tenant.', 'Sign in with a break-glass account or the app certificate first.');
    return session;
  }

  #record(): Recorder {
    const record = this.#signIn.record;
    if (!record) throw new ActionableError('The journal could not record the sign-in, so no change is made without a record.', 'Keep a paper record and make the change in the admin center, or restart the app so the journal opens.');
    return record;
  }
}

/**
 * Recovery actions after an emergency sign-in (core/runbooks/recovery-actions.ts plans them):
 * each one is previewed from the tenant as it is now, applied only when confirmed, journaled
 * before the change is sent and again with Graph's request id when it is done (or failed), and
 * can be undone the same way. They act with the signed-in break-glass session and are recorded in
 * that sign-in's journal session.
 *
 * A change Graph did not answer (no answer, or a 5xx) may have been applied, so it is never sent
 * again blind: the object is read back at once and the journal and the custodian are told what
 * the read showed (entra/write-outcome.ts); an action whose outcome stayed unknown is read again
 * before it is tried again.
 */
import { randomUUID } from 'node:crypto';

import type { DelegatedActionId } from '../../core/graph/delegated-permissions.ts';
import type { JsonObject } from '../../core/journal/model.ts';
import {
  planAddExclusion,
  planReportOnly,
  planRoleAssignment,
  recoveryReadBack,
  undoChange,
  type GraphChange,
  type PolicyFacts,
  type RecoveryPlan,
  type RecoveryReadBack,
} from '../../core/runbooks/recovery-actions.ts';
import { findDirectoryRole } from '../../shared/directory-roles.ts';
import { ActionableError } from '../../shared/actionable-error.ts';
import type { BlockedSignIn, PolicySummary, RecoveryActionView, RecoveryPolicies } from '../../shared/model/incident.ts';
import type { ConditionalAccessPolicy } from '../../core/checks/snapshot.ts';
import type { FailedSignIn } from '../../core/runbooks/incident-position.ts';
import { GraphRequestError, type GraphConnection, type GraphWriteResult } from '../entra/graph-connection.ts';
import type { TenantSession } from '../entra/tenant-session.ts';
import { isUnansweredWrite, settleUnansweredWrite, type ReadBack } from '../entra/write-outcome.ts';
import { SessionWriter } from '../journal/session-writer.ts';
import type { JournalService } from './journal-service.ts';
import type { Recorder, SignInService } from './sign-in-service.ts';
import type { TenantConnection } from './tenant-connection.ts';
import { readBlockedSignIn } from './recovery-sign-in-log.ts';
import { policySummary, readTriageContext, triage, type TriageContext } from './recovery-triage.ts';

/** The delegated permissions a recovery action needs when an account session makes it. */
const delegatedActionOf: Record<RecoveryPlan['kind'], DelegatedActionId> = {
  'policy-report-only': 'ca-report-only',
  'policy-add-exclusion': 'ca-add-exclusion',
  'assign-role': 'role-assignment',
};

export type RecoveryActionState = {
  readonly actionId: string;
  readonly plan: RecoveryPlan;
  readonly status: 'previewed' | 'applied' | 'undone';
  readonly requestIds: readonly string[];
  readonly createdId?: string;
  /** An earlier try (of the change or its undo) got no answer and no read settled it: read before sending again. */
  readonly unsettled?: boolean;
  /** What reading the tenant showed after Graph did not answer, for the screen. */
  readonly note?: string;
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
    ...(action.note ? { note: action.note } : {}),
  };
}

export class RecoveryService {
  readonly #signIn: SignInService;
  readonly #journal: JournalService;
  readonly #tenant: TenantConnection;
  readonly #actions = new Map<string, RecoveryActionState>();
  /** The accounts as the triage last read them, for the read-back of one policy in the same session. */
  #triage: { readonly session: TenantSession; readonly context: TriageContext } | undefined;

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
      const group = await this.#session().graph.get<{ displayName?: string }>(
        `/groups/${inventory.exclusionGroupId}?$select=id,displayName`,
      );
      return this.#previewed(
        planAddExclusion(policy, { groupId: inventory.exclusionGroupId, ...(group.displayName ? { groupName: group.displayName } : {}) }),
      );
    }
    const ids = inventory.accounts.map((a) => a.id).filter((id): id is string => Boolean(id));
    if (ids.length === 0)
      throw new ActionableError(
        'The inventory names neither an exclusion group nor the object ids of the accounts.',
        'Add "exclusionGroupId" (or the accounts\' "id") to the inventory file, or add the exclusion in the admin center.',
      );
    return this.#previewed(planAddExclusion(policy, { userIds: ids }));
  }

  /** Assign a directory role to a named administrator (user id or UPN, role template id). */
  async previewRoleAssignment(user: string, roleId: string): Promise<RecoveryActionState> {
    const role = findDirectoryRole(roleId);
    if (!role)
      throw new ActionableError(
        `"${roleId}" is not a built-in directory role this app knows.`,
        'Choose the role from the list (for example Global Administrator).',
      );
    this.#session().ensureDelegated('role-assignment');
    const found = await this.#session()
      .graph.get<{ id: string; userPrincipalName: string }>(`/users/${encodeURIComponent(user)}?$select=id,userPrincipalName`)
      .catch((error: unknown) => {
        if (error instanceof GraphRequestError && error.status === 404)
          throw new ActionableError(`There is no user ${user} in this tenant.`, 'Check the spelling.', { cause: error });
        throw error;
      });
    return this.#previewed(planRoleAssignment({ id: found.id, name: found.userPrincipalName }, { id: role.id, name: role.displayName }));
  }

  /** Applies a previewed action – the custodian has confirmed it. */
  async apply(actionId: string, actor: string): Promise<RecoveryActionState> {
    const action = this.#action(actionId, 'previewed');
    const result = await this.#change(action, action.plan.apply, `${action.plan.title}`, actor, recoveryReadBack(action.plan, 'apply'));
    const createdId = result.createdId ?? (result.body as { id?: string } | undefined)?.id;
    const applied: RecoveryActionState = {
      ...action,
      status: 'applied',
      requestIds: [...action.requestIds, ...(result.requestId ? [result.requestId] : [])],
      ...(createdId ? { createdId } : {}),
      ...(result.note ? { note: result.note } : {}),
      unsettled: false,
    };
    this.#actions.set(actionId, applied);
    return applied;
  }

  async undo(actionId: string, actor: string): Promise<RecoveryActionState> {
    const action = this.#action(actionId, 'applied');
    const change = undoChange(action.plan, action.createdId ? { createdId: action.createdId } : {});
    const result = await this.#change(
      action,
      change,
      `Undo: ${action.plan.undoDescription}`,
      actor,
      recoveryReadBack(action.plan, 'undo', action.createdId ? { createdId: action.createdId } : {}),
    );
    const undone: RecoveryActionState = {
      ...action,
      status: 'undone',
      requestIds: [...action.requestIds, ...(result.requestId ? [result.requestId] : [])],
      ...(result.note ? { note: result.note } : {}),
      unsettled: false,
    };
    this.#actions.set(actionId, undone);
    return undone;
  }

  /**
   * The tenant's Conditional Access policies, those that block a break-glass account first (with
   * whom and why), each with the changes it offers as it is now.
   */
  async policies(): Promise<RecoveryPolicies> {
    const session = this.#session();
    const [policies, context] = await Promise.all([
      session.graph.list<ConditionalAccessPolicy>('/identity/conditionalAccess/policies'),
      readTriageContext(session.graph, this.#tenant.inventory()),
    ]);
    this.#triage = { session, context };
    return triage(policies, context);
  }

  /** One policy read back from the tenant (after a change or its undo), as the list shows it. */
  async policy(policyId: string): Promise<PolicySummary> {
    const session = this.#session();
    const context =
      this.#triage?.session === session ? this.#triage.context : await readTriageContext(session.graph, this.#tenant.inventory());
    const policy = await session.graph.get<ConditionalAccessPolicy>(`/identity/conditionalAccess/policies/${encodeURIComponent(policyId)}`);
    return policySummary(policy, context);
  }

  /** What Entra's sign-in log says about the incident's last failed account sign-in. */
  blockedSignIn(attempts: readonly FailedSignIn[]): Promise<BlockedSignIn> {
    const session = this.#session();
    return readBlockedSignIn(session.graph, attempts, session.facts.kind);
  }

  actions(): RecoveryActionState[] {
    return [...this.#actions.values()];
  }

  /**
   * Journal the intent, send the change, journal the outcome with Graph's request id. When Graph
   * does not answer, the object is read back and the outcome is what the read showed.
   */
  async #change(
    action: RecoveryActionState,
    change: GraphChange,
    title: string,
    actor: string,
    check: RecoveryReadBack,
  ): Promise<GraphWriteResult<unknown> & { createdId?: string; note?: string }> {
    const session = this.#session();
    const plan = action.plan;
    session.ensureDelegated(delegatedActionOf[plan.kind]);
    const record = this.#record();
    const what = title.replace(/\.$/, '');
    const writer = new SessionWriter(this.#journal.store, record);
    const journal = (entry: { summary: string; data: JsonObject; graphRequestIds?: string[] }) =>
      writer.append({ kind: 'recovery-action', stepId: `recovery.${plan.kind}`, ...entry }, actor);
    const intent = () =>
      journal({
        summary: `About to: ${what}.`,
        data: { target: plan.target, changes: [...plan.changes], method: change.method, path: change.path },
      });
    const readBack = () => readTenant(session.graph, check);
    if (action.unsettled) {
      // The last try got no answer and no read settled it: never send it again before reading.
      const shown = await readBack();
      if (shown.applied) {
        const note = `An earlier try got no answer; the app read ${check.what} before trying again: ${shown.shows}, so nothing was sent.`;
        intent();
        journal({ summary: `Done: ${what}. ${note}`, data: { readBack: 'applied', readShows: shown.shows, notSent: true } });
        return {
          status: 0,
          body: undefined,
          requestId: undefined,
          clientRequestId: '',
          ...(shown.createdId ? { createdId: shown.createdId } : {}),
          note,
        };
      }
    }
    intent();
    try {
      const result = await session.graph.write(change.method, change.path, change.body);
      journal({
        summary: `Done: ${what}.`,
        data: { status: result.status, clientRequestId: result.clientRequestId },
        ...(result.requestId ? { graphRequestIds: [result.requestId] } : {}),
      });
      return result;
    } catch (error) {
      const graph = error instanceof GraphRequestError ? error : undefined;
      const requestIds = graph?.requestId ? { graphRequestIds: [graph.requestId] } : {};
      if (isUnansweredWrite(error)) {
        const settled = await settleUnansweredWrite(error, check.what, readBack);
        this.#actions.set(action.actionId, { ...action, unsettled: settled.applied === undefined });
        if (settled.applied) {
          journal({ summary: `Done: ${what}. ${settled.sentence}`, data: settled.facts, ...requestIds });
          return {
            status: error.status,
            body: undefined,
            requestId: error.requestId,
            clientRequestId: error.clientRequestId,
            ...(settled.createdId ? { createdId: settled.createdId } : {}),
            note: settled.sentence,
          };
        }
        journal({ summary: `Failed: ${what}. ${settled.sentence}`, data: settled.facts, ...requestIds });
        throw new ActionableError(
          `${what}: ${settled.sentence}`,
          settled.applied === false
            ? 'Try again: the change was read back and is not in place.'
            : `Check ${check.what} in the Microsoft Entra admin center. Trying again here reads it first and does not send the change again if it is already in place.`,
          { cause: error },
        );
      }
      journal({
        summary: `Failed: ${what}. ${error instanceof Error ? error.message : String(error)}`,
        data: {
          ...(graph
            ? { status: graph.status, clientRequestId: graph.clientRequestId, ...(graph.code ? { graphCode: graph.code } : {}) }
            : {}),
        },
        ...requestIds,
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
    if (action.status !== status)
      throw new ActionableError(`That action is ${action.status}, not ${status}.`, 'Refresh the list of actions and choose again.');
    return action;
  }

  #session(): TenantSession {
    const session = this.#signIn.session;
    if (!session)
      throw new ActionableError('Nobody is signed in to the tenant.', 'Sign in with a break-glass account or the app certificate first.');
    return session;
  }

  #record(): Recorder {
    const record = this.#signIn.record;
    if (!record)
      throw new ActionableError(
        'The journal could not record the sign-in, so no change is made without a record.',
        'Keep a paper record and make the change in the admin center, or restart the app so the journal opens.',
      );
    return record;
  }
}

/** One read of the object a change is about; a 404 is an answer too (the object, or the assignment, is gone). */
async function readTenant(graph: GraphConnection, check: RecoveryReadBack): Promise<ReadBack> {
  let body: unknown;
  try {
    body = await graph.get(check.read);
  } catch (error) {
    if (!(error instanceof GraphRequestError && error.status === 404)) throw error;
    body = undefined;
  }
  return check.judge(body);
}

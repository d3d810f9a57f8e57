/**
 * A break-glass account's steps of a rotation (docs/domain.md, "Rotation after use"): a new
 * password set once it is on the envelope sheet, every session revoked, the registered methods
 * reviewed (security keys added during the incident removed); that the physical key is back in
 * the safe is confirmed in manual-steps.ts. Each write is made with another break-glass session
 * (rotation-guards.ts), and one Graph did not answer is settled by reading the account back.
 */
import { methodBaselines, methodsAddedDuringIncident } from '../../../core/runbooks/method-baseline.ts';
import type { RotationPosition } from '../../../core/runbooks/rotation-flow.ts';
import { ActionableError } from '../../../shared/actionable-error.ts';
import type { RegisteredMethodView } from '../../../shared/model/rotation.ts';
import {
  accountTimestamps,
  registeredMethods,
  removeFido2Method,
  revokeSignInSessions,
  setPassword,
} from '../../entra/account-rotation.ts';
import type { GraphConnection } from '../../entra/graph-connection.ts';
import type { JournalStore } from '../../journal/store.ts';
import type { ReadBackPlan } from './rotation-guards.ts';
import { act, ids, type RotationStepContext, type StepRun } from './step-journal.ts';

/** The account's object id from the plan where it is known, else its UPN. */
export function userRef(position: RotationPosition, upn: string): string {
  return position.plan.accounts.find((a) => a.userPrincipalName === upn)?.id ?? upn;
}

export async function revokeSessions(context: RotationStepContext, run: StepRun, graph: GraphConnection): Promise<void> {
  const account = run.record.step.account!;
  context.requireOtherSession(run.position, account);
  const user = userRef(run.position, account);
  const before = (await accountTimestamps(graph, user)).sessionsValidFrom;
  const settle: ReadBackPlan = {
    what: `the sign-in sessions of ${account}`,
    read: async () => {
      const now = (await accountTimestamps(graph, user)).sessionsValidFrom;
      return now !== before
        ? { applied: true, shows: `they count only from ${now ?? 'now'}, so every earlier session and refresh token is revoked` }
        : { applied: false, shows: `they are unchanged (valid from ${before ?? 'the account’s creation'})` };
    },
  };
  await act(
    context,
    run,
    `Revoking the sign-in sessions of ${account}.`,
    { sessionsValidFromBefore: before ?? '' },
    async () => {
      const result = await revokeSignInSessions(graph, user);
      return { summary: `Revoked every sign-in session and refresh token of ${account}.`, facts: {}, requestIds: ids(result.requestId) };
    },
    settle,
  );
}

export async function setNewPassword(context: RotationStepContext, run: StepRun, graph: GraphConnection, password: string): Promise<void> {
  const account = run.record.step.account!;
  context.requireOtherSession(run.position, account);
  const user = userRef(run.position, account);
  // The password cannot be read, but when it last changed can: that is how an unanswered reset is settled.
  const before = (await accountTimestamps(graph, user)).passwordChanged;
  const settle: ReadBackPlan = {
    what: `the password of ${account}`,
    read: async () => {
      const now = (await accountTimestamps(graph, user)).passwordChanged;
      return now !== before
        ? { applied: true, shows: `it was changed at ${now ?? 'an unknown time'}, so the password on the sheet is set` }
        : { applied: false, shows: `it is unchanged (last changed ${before ?? 'never'})` };
    },
  };
  await act(
    context,
    run,
    `Setting a new password on ${account} (written on the envelope sheet by ${run.actor}; the password itself is never recorded).`,
    { passwordChangedBefore: before ?? '' },
    async () => {
      const result = await setPassword(graph, user, password);
      return {
        summary: `New password set on ${account}; the previous one no longer works. Seal the sheet in the envelope.`,
        facts: { forceChangeAtNextSignIn: false },
        requestIds: ids(result.requestId),
      };
    },
    settle,
  );
}

/** The account's registered methods, those added since the incident flagged. */
export async function methodViews(
  store: JournalStore,
  position: RotationPosition,
  upn: string,
  graph: GraphConnection,
): Promise<RegisteredMethodView[]> {
  const methods = await registeredMethods(graph, userRef(position, upn));
  const since = position.plan.since;
  // The record made when the incident got its first Graph session (incident-service.ts): phone and email methods have no date.
  const baseline = since
    ? methodBaselines(store.sessions(), (id) => store.entries(id), { since, until: position.openedAt }).get(upn.toLowerCase())
    : undefined;
  const added = methodsAddedDuringIncident(methods, { ...(since ? { since } : {}), ...(baseline ? { baseline } : {}) });
  return methods.map((m) => ({
    id: m.id,
    kind: m.kind,
    ...(m.displayName ? { displayName: m.displayName } : {}),
    ...(m.createdDateTime ? { createdDateTime: m.createdDateTime } : {}),
    addedDuringIncident: added.has(m.id),
    ...(added.has(m.id) ? { addedBecause: added.get(m.id)! } : {}),
    removable: m.kind === 'fido2',
  }));
}

/** Removes the methods the custodian confirmed, then records what remains (two FIDO2 keys or more). */
export async function reviewAccountMethods(
  context: RotationStepContext,
  run: StepRun,
  graph: GraphConnection,
  remove: readonly string[],
): Promise<void> {
  const account = run.record.step.account!;
  const user = userRef(run.position, account);
  const before = await registeredMethods(graph, user);
  const chosen = before.filter((m) => remove.includes(m.id));
  const unknown = remove.filter((id) => !before.some((m) => m.id === id));
  const notRemovable = chosen.filter((m) => m.kind !== 'fido2');
  if (notRemovable.length > 0)
    throw new ActionableError(
      `Only security keys (FIDO2) can be removed here; ${notRemovable.map((m) => m.displayName ?? m.kind).join(', ')} must be removed in the Microsoft Entra admin center.`,
      'Untick them, confirm the review, and remove them there.',
    );
  const fido2Left = before.filter((m) => m.kind === 'fido2' && !remove.includes(m.id));
  if (fido2Left.length === 0)
    throw new ActionableError(
      'That would remove every security key of the account, leaving no phishing-resistant way in.',
      'Keep at least the keys that are in the safe; remove only keys registered during the incident.',
    );
  const names = chosen.map((m) => `${m.displayName ?? m.kind} (${m.id})`);
  context.requireOtherSession(run.position, account);
  const settle: ReadBackPlan = {
    what: `the methods of ${account}`,
    read: async () => {
      const left = (await registeredMethods(graph, user)).filter((m) => chosen.some((c) => c.id === m.id));
      return left.length === 0
        ? { applied: true, shows: `${names.join(', ')} ${chosen.length === 1 ? 'is' : 'are'} gone` }
        : {
            applied: false,
            shows: `${left.map((m) => m.displayName ?? m.id).join(', ')} ${left.length === 1 ? 'is' : 'are'} still registered`,
          };
    },
  };
  await act(
    context,
    run,
    chosen.length > 0 ? `Removing ${names.join(', ')} from ${account}.` : `Reviewing the methods of ${account}: nothing to remove.`,
    { remove: chosen.map((m) => m.id) },
    async () => {
      const requestIds: string[] = [];
      for (const method of chosen) requestIds.push(...ids((await removeFido2Method(graph, user, method.id)).requestId));
      const after = await registeredMethods(graph, user);
      const keys = after.filter((m) => m.kind === 'fido2');
      const warning =
        keys.length < 2 ? ` Only ${keys.length} security key remains: register a second one and keep both in the safe (BG-USR-05).` : '';
      return {
        summary: `Methods of ${account} reviewed${chosen.length > 0 ? `; removed ${names.join(', ')}` : '; nothing removed'}. ${keys.length} security key${keys.length === 1 ? '' : 's'} remain${keys.length === 1 ? 's' : ''}: ${keys.map((k) => k.displayName ?? k.id).join(', ')}.${warning}${unknown.length > 0 ? ` Already gone: ${unknown.join(', ')}.` : ''}`,
        facts: {
          removed: chosen.map((m) => ({ id: m.id, kind: m.kind, displayName: m.displayName ?? '' })),
          fido2Remaining: keys.length,
          methodsRemaining: after.map((m) => m.kind),
          ...(warning ? { warning: warning.trim() } : {}),
        },
        requestIds,
      };
    },
    settle,
  );
}

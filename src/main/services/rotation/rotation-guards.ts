/**
 * Two rules of the rotation's writes that do not depend on the step:
 *
 * - An account is never rotated with its own session. Graph changes one's own password only
 *   through `POST /me/changePassword` with the current password ("Update your own password",
 *   https://learn.microsoft.com/graph/api/user-changepassword); `passwordProfile` is how an
 *   administrator "resets the password of another user" (…/user-update, Example 3). And
 *   `revokeSignInSessions` "invalidates all the refresh tokens issued to applications for a user"
 *   (…/user-revokesigninsessions) – on oneself, the very session doing the rotation. Doing the
 *   revoke last with the account's own session would still need changePassword (and so the
 *   envelope password typed into this app) for the password, so the app does not try: the
 *   account's steps wait for a session of another break-glass account or of the app.
 * - A write Graph did not answer is read back (entra/write-outcome.ts); `ReadBackPlan` says what
 *   to read for each step.
 */
import { ActionableError } from '../../../shared/actionable-error.ts';
import type { SessionFacts } from '../../entra/tenant-session.ts';
import type { ReadBack } from '../../entra/write-outcome.ts';

export type ReadBackPlan = {
  /** "the app's certificates", "bg1@…'s password" */
  readonly what: string;
  readonly read: () => Promise<ReadBack>;
  /** Work the step does after its writes when they are found applied (e.g. the simulated safe's certificate). */
  readonly onApplied?: () => void;
};

/** Whether `facts` is the session of the account `account` (by object id, or by UPN). */
export function isOwnSession(
  facts: SessionFacts | undefined,
  account: { readonly userPrincipalName: string; readonly id?: string },
): boolean {
  if (!facts || facts.kind !== 'user') return false;
  if (account.id && facts.objectId && account.id.toLowerCase() === facts.objectId.toLowerCase()) return true;
  return facts.who.toLowerCase() === account.userPrincipalName.toLowerCase();
}

/** What the custodian is told, before anything is sent, when the only session is the account's own. */
export function ownSessionProblem(
  account: string,
  others: { readonly accounts: readonly string[]; readonly app?: string },
): { message: string; nextStep: string } {
  const ways = [
    ...(others.app ? [`the app’s certificate (${others.app})`] : []),
    ...others.accounts.map((a) => `${a} and its security key`),
  ];
  return {
    message: `You are signed in as ${account}, the account this step rotates. An account cannot rotate itself: it may change its own password only by giving its current one, and ending its sessions would end this sign-in. Nothing was sent for this step.`,
    nextStep:
      ways.length > 0
        ? `Sign in on this screen with ${ways.join(', or with ')}, then do this step; the rotation goes on from here.`
        : 'Add a second break-glass account or the break-glass app to the inventory and sign in with it; until then, reset this account’s password and revoke its sessions in the Microsoft Entra admin center signed in as another administrator, and record it.',
  };
}

export function requireOtherSession(
  facts: SessionFacts | undefined,
  account: { readonly userPrincipalName: string; readonly id?: string },
  others: { readonly accounts: readonly string[]; readonly app?: string },
): void {
  if (!isOwnSession(facts, account)) return;
  const problem = ownSessionProblem(account.userPrincipalName, others);
  throw new ActionableError(problem.message, problem.nextStep);
}

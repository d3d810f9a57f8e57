/**
 * The break-glass session a rotation acts with (docs/domain.md, "Rotation after use"): signed in
 * from the rotation's screen and journaled in the rotation's session, never the account's own
 * session for that account's steps (rotation-guards.ts), and refused for a step whose delegated
 * permissions an account token lacks.
 */
import type { DelegatedActionId } from '../../../core/graph/delegated-permissions.ts';
import type { RotationPosition } from '../../../core/runbooks/rotation-flow.ts';
import { ActionableError } from '../../../shared/actionable-error.ts';
import type { SignInRequest } from '../../../shared/model/sign-in.ts';
import type { GraphConnection } from '../../entra/graph-connection.ts';
import type { SignInService } from '../sign-in-service.ts';
import type { TenantConnection } from '../tenant-connection.ts';
import { requireOtherSession } from './rotation-guards.ts';

/** The break-glass sign-in the rotation acts with, journaled in the rotation's session. */
export function rotationSignIn(signIn: SignInService, position: RotationPosition, request: SignInRequest): { attemptId: string } {
  return signIn.start(request, {
    record: {
      sessionId: position.sessionId,
      actor: request.custodian,
      ...(request.witness ? { witness: request.witness } : position.witness ? { witness: position.witness } : {}),
    },
  });
}

/** The signed-in session's Graph; with `action`, refused first when an account token lacks its scopes. */
export function actingGraph(signIn: SignInService, action?: DelegatedActionId): GraphConnection {
  const session = signIn.session;
  if (!session)
    throw new ActionableError(
      'Nobody is signed in, so the rotation cannot act on the tenant.',
      'Sign in on this screen with a break-glass credential (the app’s current certificate, or an account and its key).',
    );
  if (action) session.ensureDelegated(action);
  return session.graph;
}

export function appName(tenant: TenantConnection, appId: string): string {
  return tenant.appName(appId) ?? 'Break-glass app';
}

/** The break-glass credentials other than `account` that could sign in for its steps. */
export function otherCredentials(tenant: TenantConnection, account: string): { accounts: string[]; app?: string } {
  let inventory;
  try {
    inventory = tenant.inventory();
  } catch {
    return { accounts: [] };
  }
  return {
    accounts: inventory.accounts.map((a) => a.userPrincipalName).filter((a) => a.toLowerCase() !== account.toLowerCase()),
    ...(inventory.app ? { app: appName(tenant, inventory.app.appId) } : {}),
  };
}

/** An account's writes are never made with that account's own session (rotation-guards.ts). */
export function requireSessionOtherThan(
  signIn: SignInService,
  tenant: TenantConnection,
  position: RotationPosition,
  account: string,
): void {
  const planned = position.plan.accounts.find((a) => a.userPrincipalName === account) ?? { userPrincipalName: account };
  requireOtherSession(signIn.session?.facts, planned, otherCredentials(tenant, account));
}

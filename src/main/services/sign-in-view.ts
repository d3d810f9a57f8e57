/**
 * What the screen and the journal are told of a signed-in session (docs/architecture.md, "One
 * emergency sign-in, end to end"): who, how, which roles and permissions, which actions the token cannot
 * do, and what one read through Graph showed – never the token itself.
 */
import { unavailableActions } from '../../core/graph/delegated-permissions.ts';
import { findDirectoryRole, globalAdministratorRoleId } from '../../shared/directory-roles.ts';
import { ActionableError } from '../../shared/actionable-error.ts';
import type { SessionView } from '../../shared/model/sign-in.ts';
import type { SessionFacts, TenantSession } from '../entra/tenant-session.ts';

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function sessionView(facts: SessionFacts, confirmed: { displayName?: string; graphProblem?: string } = {}): SessionView {
  return {
    ...confirmed,
    kind: facts.kind,
    method: facts.method,
    who: facts.who,
    objectId: facts.objectId,
    tenantId: facts.tenantId,
    directoryRoles: facts.directoryRoleIds.map((id) => findDirectoryRole(id)?.displayName ?? id),
    holdsGlobalAdministrator: facts.directoryRoleIds.some((id) => id.toLowerCase() === globalAdministratorRoleId),
    permissions: [...facts.permissions],
    ...(facts.kind === 'user'
      ? { unavailableActions: unavailableActions(facts.permissions).map((a) => ({ ...a, missing: [...a.missing] })) }
      : {}),
    ...(facts.credential ? { credential: facts.credential } : {}),
    signedInAt: facts.signedInAt,
    expiresAt: facts.expiresAt,
  };
}

/** Reads who we are through Graph: proof the token works there, and the name Graph knows. */
export async function confirmAccess(session: TenantSession): Promise<{ displayName?: string; graphProblem?: string }> {
  const { facts } = session;
  try {
    const path =
      facts.kind === 'user'
        ? '/me?$select=id,displayName,userPrincipalName'
        : `/servicePrincipals(appId='${facts.appId}')?$select=id,displayName`;
    const found = await session.graph.get<{ displayName?: string | null }>(path);
    return found.displayName ? { displayName: found.displayName } : {};
  } catch (error) {
    return { graphProblem: error instanceof ActionableError ? `${error.message} ${error.nextStep}` : describe(error) };
  }
}

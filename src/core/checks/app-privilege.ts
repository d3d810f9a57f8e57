/**
 * BG-APP-02: can the break-glass app do what the runbook needs? Signed in with its certificate the
 * app is authorized by the Microsoft Graph *application permissions* granted to it, per each API's
 * page; a directory role it holds (even Global Administrator) counts only where the page says so –
 * a password reset of an administrator (src/core/graph/app-only-actions.ts has the table and its
 * sources). So the check reads the app's app-role grants on Microsoft Graph and its directory roles
 * and answers, for each recovery and rotation action, whether the app can perform it.
 *
 * Verdicts: `fail` when the app can make none of the Conditional Access repairs (the reason a
 * break-glass app exists); `warn` when it can, but some other action is out of reach; `pass` when
 * every action is possible. A grant that cannot be read makes the check `indeterminate`; directory
 * roles that cannot be read leave only the password reset unknown.
 */
import { findDirectoryRole, globalAdministratorRoleId } from '../../shared/directory-roles.ts';
import { graphApplicationPermissions } from '../../shared/graph-permissions.ts';
import { appOnlyVerdicts, type ActionVerdict } from '../graph/app-only-actions.ts';
import type { CheckContext } from './context.ts';
import { result, type CheckResult, type CheckSubject } from './model.ts';
import { sameId, scheduleStanding } from './pim.ts';
import type { AppSnapshot } from './snapshot.ts';

const knownPermissionNames = new Map<string, string>(Object.entries(graphApplicationPermissions).map(([name, { id }]) => [id, name]));
const roleName = (id: string) => findDirectoryRole(id.toLowerCase())?.displayName ?? `role ${id}`;

/** The app's Microsoft Graph application permissions by name, or why they could not be read. */
function grantedPermissions(context: CheckContext, app: AppSnapshot): { names: Set<string> } | { unread: string } {
  const { graphAppRoles } = context.snapshot;
  if (!app.appRoleAssignments.ok) return { unread: `the app's permission grants: ${app.appRoleAssignments.reason}` };
  if (!graphAppRoles.ok) return { unread: `Microsoft Graph's app roles: ${graphAppRoles.reason}` };
  const graph = graphAppRoles.value;
  const names = app.appRoleAssignments.value
    .filter((a) => sameId(a.resourceId, graph.servicePrincipalId))
    .map(
      (a) =>
        graph.roles.find((r) => sameId(r.id, a.appRoleId))?.value ??
        knownPermissionNames.get(a.appRoleId.toLowerCase()) ??
        `unknown app role ${a.appRoleId}`,
    );
  return { names: new Set(names) };
}

/** Directory roles held by the service principal as active, permanent assignments (as BG-USR-04 reads a user's). */
function standingRoles(context: CheckContext, app: AppSnapshot): Set<string> | undefined {
  const { roleAssignmentSchedules } = context.snapshot;
  if (!app.servicePrincipal.ok || !roleAssignmentSchedules.ok) return undefined;
  const principalId = app.servicePrincipal.value.id;
  return new Set(
    roleAssignmentSchedules.value
      .filter((s) => sameId(s.principalId, principalId) && scheduleStanding(s, 'assignment', context.now).permanentActive)
      .map((s) => s.roleDefinitionId.toLowerCase()),
  );
}

function describe(verdict: ActionVerdict, rolesKnown: boolean): string {
  const { action } = verdict;
  const needs = action.permissions.length === 0 ? 'no permission' : action.permissions.map((group) => group.join(' or ')).join(' + ');
  const role = action.directoryRoles ? `, and the directory role ${action.directoryRoles.names}` : '';
  if (verdict.possible) return `Can: ${action.title} (needs ${needs}${role})`;
  if (verdict.missingPermissions.length === 0 && !rolesKnown)
    return `Unknown: ${action.title} – needs the directory role ${action.directoryRoles?.names}, and the app's directory roles could not be read`;
  const missing = [
    ...(verdict.missingPermissions.length > 0 ? [`the application permission ${verdict.missingPermissions.join(', ')}`] : []),
    ...(verdict.missingDirectoryRole && rolesKnown
      ? [`the directory role ${action.directoryRoles?.names} (${action.directoryRoles?.why})`]
      : []),
  ];
  return `Cannot: ${action.title} – needs ${needs}${role}; missing ${missing.join(' and ')}`;
}

function remediation(subject: CheckSubject, out: readonly ActionVerdict[], rolesKnown: boolean, holdsGlobalAdministrator: boolean): string {
  const permissions = [...new Set(out.flatMap((v) => v.missingPermissions))];
  const needsRole = rolesKnown && out.some((v) => v.missingDirectoryRole);
  const steps = [
    ...(permissions.length > 0
      ? [
          `Grant the break-glass app "${subject.name}" the Microsoft Graph application permissions ${permissions.join(', ')} and grant admin consent (App registrations › ${subject.name} › API permissions › Add a permission › Microsoft Graph › Application permissions, then "Grant admin consent for the tenant").`,
        ]
      : []),
    ...(needsRole
      ? [
          'Assign the app Privileged Authentication Administrator (or Global Administrator) as an active, permanently assigned role (Roles and administrators › the role › Add assignments): an app-only password reset of a Global Administrator needs it besides the permission.',
        ]
      : []),
    ...(holdsGlobalAdministrator && permissions.length > 0
      ? ['Global Administrator alone does not let the app call Graph: app-only calls are authorized by application permissions.']
      : []),
  ];
  return steps.join(' ');
}

export function checkPrivilege(context: CheckContext, app: AppSnapshot, subject: CheckSubject): CheckResult {
  const id = 'BG-APP-02';
  const permissions = grantedPermissions(context, app);
  const roles = standingRoles(context, app);
  const roleEvidence = roles
    ? `Directory roles of the service principal (active, permanent): ${roles.size > 0 ? [...roles].map(roleName).join(', ') : 'none'}`
    : `Could not read the app's directory roles: ${!app.servicePrincipal.ok ? app.servicePrincipal.reason : context.snapshot.roleAssignmentSchedules.ok ? '' : context.snapshot.roleAssignmentSchedules.reason}`;
  if ('unread' in permissions) {
    return result(
      id,
      'indeterminate',
      subject,
      'Could not tell which runbook actions the app can perform',
      [`Could not read ${permissions.unread}`, roleEvidence],
      'Resolve the read problem named in the evidence (the reader app needs Application.Read.All to read app-role grants), then run the checks again.',
    );
  }
  const verdicts = appOnlyVerdicts(permissions.names, roles ?? new Set());
  const rolesKnown = roles !== undefined;
  const evidence = [
    `Microsoft Graph application permissions granted: ${permissions.names.size > 0 ? [...permissions.names].sort().join(', ') : 'none'}`,
    roleEvidence,
    ...verdicts.map((v) => describe(v, rolesKnown)),
  ];
  const holdsGlobalAdministrator = roles?.has(globalAdministratorRoleId) ?? false;
  const out = verdicts.filter((v) => !v.possible && (v.missingPermissions.length > 0 || rolesKnown));
  const unknown = verdicts.some((v) => !v.possible && v.missingPermissions.length === 0 && !rolesKnown);
  const repairs = verdicts.filter((v) => v.action.repairsConditionalAccess);
  if (!repairs.some((v) => v.possible)) {
    return result(
      id,
      'fail',
      subject,
      'The app cannot repair Conditional Access',
      evidence,
      remediation(subject, out, rolesKnown, holdsGlobalAdministrator),
    );
  }
  if (out.length > 0) {
    return result(
      id,
      'warn',
      subject,
      `The app can repair Conditional Access, but cannot: ${out.map((v) => v.action.title.charAt(0).toLowerCase() + v.action.title.slice(1)).join('; ')}`,
      evidence,
      remediation(subject, out, rolesKnown, holdsGlobalAdministrator),
    );
  }
  if (unknown) {
    return result(
      id,
      'indeterminate',
      subject,
      "Could not tell whether the app may reset the break-glass accounts' passwords",
      evidence,
      'Resolve the read problem named in the evidence (the reader app needs RoleManagement.Read.Directory to read role assignments), then run the checks again.',
    );
  }
  return result(id, 'pass', subject, 'The app can perform every recovery and rotation action of the runbook', evidence);
}

/**
 * Who is calling Graph and what they may do, from the access token alone – one table, one row per
 * kind of Graph call the product makes, each row taken from the Permissions section of the API's
 * page (https://learn.microsoft.com/graph/api/<page>, cited in the row).
 *
 * - App-only tokens are authorized by the application permissions in `roles` alone, as each page's
 *   "Application" row lists them. A directory role the service principal holds (`wids`) counts only
 *   where the page says so (today: resetting a password, `appOnlyDirectoryRoles`).
 *   Source: https://learn.microsoft.com/graph/permissions-overview ("Application permissions …
 *   the app has the full level of privileges implied by the permission").
 * - Delegated tokens need the permission in `scp` *and* a directory role of the signed-in user that
 *   allows it, except the directory reads any member may do: "the effective permissions … are the
 *   intersection of the delegated permissions the app has been granted and the privileges of the
 *   signed-in user" (same page, "Delegated permissions").
 * - Each requirement is a list of groups: every group must be met by one permission in it (the
 *   pages write "Policy.Read.All, Policy.ReadWrite.ConditionalAccess and Application.Read.All").
 *   Only the permissions a page lists count; Microsoft is silent on a ReadWrite permission standing
 *   in for a Read one it does not list, so the simulator does not assume it.
 * - Versions of a page differ: Microsoft added narrower permissions (User.RevokeSessions.All,
 *   UserAuthMethod-Passkey.ReadWrite.All) and rewrote the tables. A permission that some published
 *   version of the page lists for the call is accepted (our reading: Microsoft documents no
 *   withdrawal of the broader ones), and the product asks for the least privileged one first.
 * - Compared with the page's permissions table (microsoftgraph/microsoft-graph-docs-contrib,
 *   api-reference/v1.0/api/*.md and includes/permissions/*.md): the rows for
 *   user-list-transitivememberof, user-update and resources/user (passwordProfile),
 *   user-revokesigninsessions, authentication-list-methods, fido2authenticationmethod-delete,
 *   conditionalaccesspolicy-update, rbacapplication-post-roleassignments,
 *   rbacapplication-list-roleassignmentschedules, authenticationmethodspolicy-get, application-get,
 *   application-list-owners and signin-list. The other rows are carried over from the simulator's
 *   earlier table and name their page; they were not checked again.
 */
import {
  applicationAdministratorRoleId,
  authenticationAdministratorRoleId,
  authenticationPolicyAdministratorRoleId,
  cloudApplicationAdministratorRoleId,
  conditionalAccessAdministratorRoleId,
  globalAdministratorRoleId,
  globalReaderRoleId,
  privilegedAuthenticationAdministratorRoleId,
  privilegedRoleAdministratorRoleId,
  reportsReaderRoleId,
  securityAdministratorRoleId,
  securityReaderRoleId,
  userAdministratorRoleId,
} from '../../shared/directory-roles.ts';
import type { AccessTokenClaims } from '../token/issuer.ts';
import { graphErrors, type GraphFailure } from './errors.ts';

export type GraphCaller = {
  readonly kind: 'app' | 'user';
  /** Object id of the service principal (app-only) or the user (delegated). */
  readonly id: string;
  readonly appId: string;
  readonly appRoles: ReadonlySet<string>;
  readonly scopes: ReadonlySet<string>;
  readonly directoryRoles: ReadonlySet<string>;
};

export function callerFromClaims(claims: AccessTokenClaims): GraphCaller {
  return {
    kind: claims.idtyp === 'app' ? 'app' : 'user',
    id: claims.oid,
    appId: claims.appid,
    appRoles: new Set(claims.roles ?? []),
    scopes: new Set((claims.scp ?? '').split(' ').filter(Boolean)),
    directoryRoles: new Set((claims.wids ?? []).map((w) => w.toLowerCase())),
  };
}

/** Every group must be met by one of its permissions; `null` is the page's "Not supported". */
type Requirement = readonly (readonly string[])[] | null;

export type GraphOperation = {
  /** The API page whose Permissions section this row copies. */
  readonly page: string;
  readonly application: Requirement;
  readonly delegated: Requirement;
  /** App-only: the directory roles the page requires of the service principal as well. */
  readonly appOnlyDirectoryRoles?: {
    readonly anyOf: readonly string[];
    readonly forPrivilegedTarget: readonly string[];
    readonly source: string;
  };
};

const oneOf = (...permissions: string[]): readonly string[] => permissions;
const op = (
  page: string,
  application: Requirement,
  delegated: Requirement = application,
  extra: Partial<GraphOperation> = {},
): GraphOperation => ({ page: `https://learn.microsoft.com/graph/api/${page}`, application, delegated, ...extra });

const directoryRead = oneOf('Directory.Read.All', 'Directory.ReadWrite.All');

/** The directory roles a password reset needs besides the permission (see `accepts.resetPassword`). */
export const passwordResetDirectoryRoles = {
  anyOf: [userAdministratorRoleId, privilegedAuthenticationAdministratorRoleId, globalAdministratorRoleId],
  forPrivilegedTarget: [privilegedAuthenticationAdministratorRoleId, globalAdministratorRoleId],
  source:
    'https://learn.microsoft.com/graph/api/resources/user (passwordProfile); https://learn.microsoft.com/entra/identity/role-based-access-control/privileged-roles-permissions#who-can-reset-passwords',
} as const;

/** The documented permissions of every Graph call the product makes, least privileged first. */
export const accepts = {
  // User.ReadBasic.All is a delegated permission only (concepts/includes/permissions-ids.md lists no application id for it).
  readUsers: op(
    'user-get',
    [oneOf('User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All')],
    [oneOf('User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All')],
  ),
  readMemberships: op(
    'user-list-transitivememberof',
    [oneOf('User.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All', 'Group.Read.All', 'GroupMember.Read.All')],
    [oneOf('User.Read', 'Directory.Read.All', 'Directory.ReadWrite.All', 'Group.Read.All', 'GroupMember.Read.All', 'User.Read.All')],
  ),
  // resources/signinactivity: signInActivity needs AuditLog.Read.All as well as a user read.
  readSignInActivity: op('user-get', [oneOf('AuditLog.Read.All')]),
  writeUsers: op('user-update', [oneOf('User.ReadWrite.All', 'Directory.ReadWrite.All')]),
  // resources/user, passwordProfile: "User-PasswordProfile.ReadWrite.All is the least privileged
  // permission to update this property … In app-only scenarios, the calling app must be assigned a
  // supported permission and at least the User Administrator Microsoft Entra role." For a target
  // who holds an administrator role the stricter reading of "Who can reset passwords" applies:
  // only Privileged Authentication Administrator or Global Administrator may reset it.
  // Delegated: user-update says "The Directory.AccessAsUser.All permission is required to update this
  // property"; the newer resource text names User-PasswordProfile.ReadWrite.All. No version names a
  // delegated User.ReadWrite.All or Directory.ReadWrite.All for it, so neither counts.
  resetPassword: op(
    'user-update',
    [oneOf('User-PasswordProfile.ReadWrite.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All')],
    [oneOf('User-PasswordProfile.ReadWrite.All', 'Directory.AccessAsUser.All')],
    { appOnlyDirectoryRoles: passwordResetDirectoryRoles },
  ),
  // Versions of the page differ (see the header): one Application row lists "User.RevokeSessions.All"
  // ("Higher privileged: Not available"), an earlier one "Directory.ReadWrite.All", the oldest
  // "User.ReadWrite.All, Directory.ReadWrite.All"; each is accepted.
  revokeSessions: op(
    'user-revokesigninsessions',
    [oneOf('User.RevokeSessions.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All')],
    [oneOf('User.RevokeSessions.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All')],
  ),
  readMethods: op('authentication-list-methods', [oneOf('UserAuthenticationMethod.Read.All', 'UserAuthenticationMethod.ReadWrite.All')]),
  // authentication-post-phonemethods: UserAuthMethod-Phone.ReadWrite.All least privileged, then
  // UserAuthenticationMethod.ReadWrite.All (acting on another user; both kinds).
  createPhoneMethod: op('authentication-post-phonemethods', [
    oneOf('UserAuthMethod-Phone.ReadWrite.All', 'UserAuthenticationMethod.ReadWrite.All'),
  ]),
  deletePasskey: op('fido2authenticationmethod-delete', [
    oneOf('UserAuthMethod-Passkey.ReadWrite.All', 'UserAuthenticationMethod.ReadWrite.All'),
  ]),
  readDomains: op('domain-list', [oneOf('Domain.Read.All', 'Directory.Read.All', 'Domain.ReadWrite.All', 'Directory.ReadWrite.All')]),
  readOrganization: op('organization-get', [
    oneOf('Organization.Read.All', 'Directory.Read.All', 'Organization.ReadWrite.All', 'Directory.ReadWrite.All'),
  ]),
  readGroups: op('group-list-members', [
    oneOf('GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'),
  ]),
  readDirectoryObjects: op('directoryobject-getbyids', [directoryRead]),
  readConditionalAccess: op('conditionalaccessroot-list-policies', [oneOf('Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess')]),
  // "Policy.Read.All, Policy.ReadWrite.ConditionalAccess and Application.Read.All", for both kinds
  // (and the page's known issue: Application.Read.All is needed as well).
  updateConditionalAccess: op('conditionalaccesspolicy-update', [
    oneOf('Policy.Read.All'),
    oneOf('Policy.ReadWrite.ConditionalAccess'),
    oneOf('Application.Read.All'),
  ]),
  readAuthenticationMethodsPolicy: op('authenticationmethodspolicy-get', [
    oneOf('Policy.Read.AuthenticationMethod', 'Policy.ReadWrite.AuthenticationMethod', 'Policy.Read.All'),
  ]),
  assignRole: op('rbacapplication-post-roleassignments', [oneOf('RoleManagement.ReadWrite.Directory')]),
  removeRoleAssignment: op('unifiedroleassignment-delete', [oneOf('RoleManagement.ReadWrite.Directory')]),
  readRoleAssignments: op('rbacapplication-list-roleassignments', [
    oneOf(
      'RoleManagement.Read.Directory',
      'Directory.Read.All',
      'RoleManagement.Read.All',
      'RoleManagement.ReadWrite.Directory',
      'Directory.ReadWrite.All',
    ),
  ]),
  readAssignmentSchedules: op(
    'rbacapplication-list-roleassignmentschedules',
    [oneOf('RoleManagement.Read.All', 'RoleManagement.Read.Directory', 'RoleManagement.ReadWrite.Directory')],
    [
      oneOf(
        'RoleAssignmentSchedule.Read.Directory',
        'RoleAssignmentSchedule.ReadWrite.Directory',
        'RoleManagement.Read.All',
        'RoleManagement.Read.Directory',
      ),
    ],
  ),
  readEligibilitySchedules: op('rbacapplication-list-roleeligibilityschedules', [
    oneOf(
      'RoleEligibilitySchedule.Read.Directory',
      'RoleManagement.Read.Directory',
      'RoleManagement.Read.All',
      'RoleEligibilitySchedule.ReadWrite.Directory',
      'RoleManagement.ReadWrite.Directory',
    ),
  ]),
  readRolePolicies: op('policyroot-list-rolemanagementpolicyassignments', [
    oneOf(
      'RoleManagementPolicy.Read.Directory',
      'RoleManagement.Read.Directory',
      'RoleManagement.Read.All',
      'RoleManagementPolicy.ReadWrite.Directory',
      'RoleManagement.ReadWrite.Directory',
    ),
  ]),
  // application-get (the simulator applies it to the lists and to service principals too).
  readApplications: op(
    'application-get',
    [oneOf('Application.Read.All', 'Application.ReadWrite.OwnedBy', 'Application.ReadWrite.All')],
    [oneOf('Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All')],
  ),
  readApplicationOwners: op(
    'application-list-owners',
    [
      oneOf(
        'Application.ReadWrite.OwnedBy',
        'Application.Read.All',
        'Application.ReadWrite.All',
        'Directory.Read.All',
        'Directory.ReadWrite.All',
      ),
    ],
    [oneOf('Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All')],
  ),
  // application-update, application-removepassword; application-addkey / -removekey also let an
  // application roll its own keys without any permission (handled in routes-applications.ts).
  writeApplications: op('application-update', [oneOf('Application.ReadWrite.All', 'Directory.ReadWrite.All')]),
  writeOwnedApplications: op('application-update', [oneOf('Application.ReadWrite.OwnedBy')]),
  readAppRoleAssignments: op('serviceprincipal-list-approleassignments', [
    oneOf(
      'Application.Read.All',
      'AppRoleAssignment.ReadWrite.All',
      'Directory.Read.All',
      'Application.ReadWrite.All',
      'Directory.ReadWrite.All',
    ),
  ]),
  // signin-list: "AuditLog.Read.All and Directory.Read.All" (its known issue), for both kinds.
  readSignIns: op('signin-list', [oneOf('AuditLog.Read.All'), oneOf('Directory.Read.All')]),
  // resources/appliedconditionalaccesspolicy: shown in a sign-in record only to callers who may read
  // Conditional Access ("Permissions for client apps" of how-to-view-applied-conditional-access-policies).
  readAppliedConditionalAccess: op('resources/appliedconditionalaccesspolicy', [
    oneOf('Policy.Read.ConditionalAccess', 'Policy.ReadWrite.ConditionalAccess', 'Policy.Read.All'),
  ]),
  // oauth2permissiongrant-list: "Directory.Read.All" least privileged, then
  // "DelegatedPermissionGrant.ReadWrite.All, Directory.ReadWrite.All" – the same for both kinds
  // (includes/permissions/oauth2permissiongrant-list-permissions.md).
  readDelegatedPermissionGrants: op('oauth2permissiongrant-list', [
    oneOf('Directory.Read.All', 'DelegatedPermissionGrant.ReadWrite.All', 'Directory.ReadWrite.All'),
  ]),
} as const satisfies Record<string, GraphOperation>;

/** What a directory role lets a *signed-in user* do with a delegated permission (permissions-reference of Entra roles, simplified). */
const roleRights: Record<string, readonly string[] | '*' | 'read'> = {
  [globalAdministratorRoleId]: '*',
  [globalReaderRoleId]: 'read',
  [privilegedRoleAdministratorRoleId]: [
    'RoleManagement.ReadWrite.Directory',
    'RoleManagementPolicy.ReadWrite.Directory',
    'RoleAssignmentSchedule.ReadWrite.Directory',
    'RoleEligibilitySchedule.ReadWrite.Directory',
    'Directory.Read.All',
  ],
  [privilegedAuthenticationAdministratorRoleId]: [
    'UserAuthenticationMethod.ReadWrite.All',
    'UserAuthMethod-Passkey.ReadWrite.All',
    'User-PasswordProfile.ReadWrite.All',
    'User.RevokeSessions.All',
    'User.Read.All',
  ],
  [authenticationAdministratorRoleId]: ['UserAuthenticationMethod.ReadWrite.All', 'UserAuthMethod-Passkey.ReadWrite.All', 'User.Read.All'],
  [authenticationPolicyAdministratorRoleId]: ['Policy.ReadWrite.AuthenticationMethod', 'Policy.Read.All'],
  [conditionalAccessAdministratorRoleId]: ['Policy.ReadWrite.ConditionalAccess', 'Policy.Read.All', 'Application.Read.All'],
  [securityAdministratorRoleId]: [
    'Policy.ReadWrite.ConditionalAccess',
    'Policy.Read.All',
    'AuditLog.Read.All',
    'Directory.Read.All',
    'Application.Read.All',
    'RoleManagement.Read.Directory',
  ],
  [securityReaderRoleId]: ['Policy.Read.All', 'AuditLog.Read.All', 'Directory.Read.All', 'RoleManagement.Read.Directory'],
  [reportsReaderRoleId]: ['AuditLog.Read.All', 'Directory.Read.All'],
  [applicationAdministratorRoleId]: ['Application.ReadWrite.All', 'Directory.Read.All'],
  [cloudApplicationAdministratorRoleId]: ['Application.ReadWrite.All', 'Directory.Read.All'],
  [userAdministratorRoleId]: ['User.ReadWrite.All', 'Group.ReadWrite.All', 'User.RevokeSessions.All', 'Directory.Read.All'],
};

/** Directory reads every member user may do with the matching delegated scope. */
const memberDefaults = new Set([
  'User.Read.All',
  'User.ReadBasic.All',
  'Group.Read.All',
  'GroupMember.Read.All',
  'Directory.Read.All',
  'Domain.Read.All',
  'Organization.Read.All',
  'Application.Read.All',
]);

const isRead = (permission: string) => /\.Read\./.test(permission) || permission.endsWith('.Read');

/** A delegated ReadWrite scope or role right also reads (the simulator's delegated rule, unchanged). */
function withImplied(granted: Iterable<string>): Set<string> {
  const all = new Set<string>();
  for (const permission of granted) {
    all.add(permission);
    all.add(permission.replace('.ReadWrite.', '.Read.'));
  }
  return all;
}

function userRoleAllows(caller: GraphCaller, permission: string): boolean {
  for (const role of caller.directoryRoles) {
    const rights = roleRights[role];
    if (rights === '*') return true;
    if (rights === 'read' && isRead(permission)) return true;
    if (Array.isArray(rights) && withImplied(rights).has(permission)) return true;
  }
  return false;
}

function delegatedHolds(caller: GraphCaller, permission: string): boolean {
  const scoped = withImplied(caller.scopes).has(permission) || caller.scopes.has('Directory.AccessAsUser.All');
  return scoped && (userRoleAllows(caller, permission) || memberDefaults.has(permission));
}

/** The requirement that applies to this caller, with the permissions it lacks (empty when allowed). */
function missingGroups(caller: GraphCaller, operation: GraphOperation): readonly (readonly string[])[] | 'not-supported' {
  const requirement = caller.kind === 'app' ? operation.application : operation.delegated;
  if (!requirement) return 'not-supported';
  const holds = caller.kind === 'app' ? (p: string) => caller.appRoles.has(p) : (p: string) => delegatedHolds(caller, p);
  return requirement.filter((group) => !group.some(holds));
}

export function permits(caller: GraphCaller, operation: GraphOperation): boolean {
  const missing = missingGroups(caller, operation);
  return missing !== 'not-supported' && missing.length === 0;
}

/** Graph's 403 for a caller the operation's row does not admit, naming what it lacks (simulator detail header). */
export function refusal(caller: GraphCaller, operation: GraphOperation): GraphFailure | undefined {
  const missing = missingGroups(caller, operation);
  if (missing !== 'not-supported' && missing.length === 0) return undefined;
  const kind = caller.kind === 'app' ? 'application' : 'delegated';
  if (missing === 'not-supported') return graphErrors.denied(`${kind} permissions are not supported for this API (${operation.page})`);
  const needed = missing.map((group) => group.join(' or ')).join('; and ');
  const roleNote =
    caller.kind === 'app' && caller.directoryRoles.size > 0 ? '; directory roles of the service principal do not count here' : '';
  return graphErrors.denied(`needs the ${kind} permission ${needed} (${operation.page})${roleNote}`);
}

export function holdsDirectoryRole(caller: GraphCaller, roleIds: readonly string[]): boolean {
  return roleIds.some((id) => caller.directoryRoles.has(id.toLowerCase()));
}

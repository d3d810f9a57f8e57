/**
 * Who is calling Graph and what they may do, from the access token alone.
 *
 * App-only tokens carry Graph application permissions in `roles`; a service principal that holds
 * a directory role (`wids`) also gets that role's rights – how a break-glass app with Global
 * Administrator can repair Conditional Access. Delegated tokens need the permission in `scp`
 * *and* a directory role that allows it, except the directory reads any member may do
 * (https://learn.microsoft.com/graph/permissions-overview, "delegated permissions ... effective
 * permissions are the intersection"). Each route lists the permissions Graph's docs accept for it.
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
} from '../directory/role-catalogue.ts';
import type { AccessTokenClaims } from '../token/issuer.ts';

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

const reads = (...names: string[]) => names;

/** What a directory role lets its holder do in Graph (a simplification of permissions-reference). */
const roleRights: Record<string, readonly string[] | '*' | 'read'> = {
  [globalAdministratorRoleId]: '*',
  [globalReaderRoleId]: 'read',
  [privilegedRoleAdministratorRoleId]: reads('RoleManagement.ReadWrite.Directory', 'RoleManagementPolicy.ReadWrite.Directory', 'RoleAssignmentSchedule.ReadWrite.Directory', 'RoleEligibilitySchedule.ReadWrite.Directory', 'Directory.Read.All'),
  [privilegedAuthenticationAdministratorRoleId]: reads('UserAuthenticationMethod.ReadWrite.All', 'User-PasswordProfile.ReadWrite.All', 'User.RevokeSessions.All', 'User.Read.All'),
  [authenticationAdministratorRoleId]: reads('UserAuthenticationMethod.ReadWrite.All', 'User.Read.All'),
  [authenticationPolicyAdministratorRoleId]: reads('Policy.ReadWrite.AuthenticationMethod', 'Policy.Read.All'),
  [conditionalAccessAdministratorRoleId]: reads('Policy.ReadWrite.ConditionalAccess', 'Policy.Read.All', 'Application.Read.All'),
  [securityAdministratorRoleId]: reads('Policy.ReadWrite.ConditionalAccess', 'Policy.Read.All', 'AuditLog.Read.All', 'Directory.Read.All', 'Application.Read.All', 'RoleManagement.Read.Directory'),
  [securityReaderRoleId]: reads('Policy.Read.All', 'AuditLog.Read.All', 'Directory.Read.All', 'RoleManagement.Read.Directory'),
  [reportsReaderRoleId]: reads('AuditLog.Read.All', 'Directory.Read.All'),
  [applicationAdministratorRoleId]: reads('Application.ReadWrite.All', 'Directory.Read.All'),
  [cloudApplicationAdministratorRoleId]: reads('Application.ReadWrite.All', 'Directory.Read.All'),
  [userAdministratorRoleId]: reads('User.ReadWrite.All', 'Group.ReadWrite.All', 'User.RevokeSessions.All', 'Directory.Read.All'),
};

/** Directory reads every member user may do with the matching delegated scope. */
const memberDefaults = new Set(['User.Read.All', 'User.ReadBasic.All', 'Group.Read.All', 'GroupMember.Read.All', 'Directory.Read.All', 'Domain.Read.All', 'Organization.Read.All', 'Application.Read.All']);

const isRead = (permission: string) => /\.Read\./.test(permission) || permission.endsWith('.Read');

function withImplied(granted: Iterable<string>): Set<string> {
  const all = new Set<string>();
  for (const permission of granted) {
    all.add(permission);
    all.add(permission.replace('.ReadWrite.', '.Read.'));
  }
  return all;
}

function roleAllows(caller: GraphCaller, permission: string): boolean {
  for (const role of caller.directoryRoles) {
    const rights = roleRights[role];
    if (rights === '*') return true;
    if (rights === 'read' && isRead(permission)) return true;
    if (Array.isArray(rights) && withImplied(rights).has(permission)) return true;
  }
  return false;
}

/** True when the caller may use `permission` (or a broader one the same route accepts). */
export function holds(caller: GraphCaller, permission: string): boolean {
  if (caller.kind === 'app') return withImplied(caller.appRoles).has(permission) || roleAllows(caller, permission);
  const scoped = withImplied(caller.scopes).has(permission) || caller.scopes.has('Directory.AccessAsUser.All');
  return scoped && (roleAllows(caller, permission) || memberDefaults.has(permission));
}

export function holdsAny(caller: GraphCaller, anyOf: readonly string[]): boolean {
  return anyOf.some((permission) => holds(caller, permission));
}

export function holdsDirectoryRole(caller: GraphCaller, roleIds: readonly string[]): boolean {
  return roleIds.some((id) => caller.directoryRoles.has(id.toLowerCase()));
}

/** Accepted permissions per kind of operation, least privileged first (from Graph's API pages). */
export const accepts = {
  readUsers: ['User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  readMemberships: ['GroupMember.Read.All', 'User.Read.All', 'Group.Read.All', 'Directory.Read.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
  writeUsers: ['User.ReadWrite.All', 'Directory.ReadWrite.All'],
  writePasswordProfile: ['User-PasswordProfile.ReadWrite.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
  revokeSessions: ['User.RevokeSessions.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
  readMethods: ['UserAuthenticationMethod.Read.All', 'UserAuthenticationMethod.ReadWrite.All'],
  writeMethods: ['UserAuthenticationMethod.ReadWrite.All'],
  readDomains: ['Domain.Read.All', 'Directory.Read.All', 'Domain.ReadWrite.All', 'Directory.ReadWrite.All'],
  readOrganization: ['Organization.Read.All', 'Directory.Read.All', 'Organization.ReadWrite.All', 'Directory.ReadWrite.All'],
  readGroups: ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'],
  readConditionalAccess: ['Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess'],
  writeConditionalAccess: ['Policy.ReadWrite.ConditionalAccess'],
  readAuthenticationMethodsPolicy: ['Policy.Read.All', 'Policy.ReadWrite.AuthenticationMethod'],
  writeRoleAssignments: ['RoleManagement.ReadWrite.Directory'],
  readRoleAssignments: ['RoleManagement.Read.Directory', 'Directory.Read.All', 'RoleManagement.Read.All', 'RoleManagement.ReadWrite.Directory', 'Directory.ReadWrite.All'],
  readAssignmentSchedules: ['RoleAssignmentSchedule.Read.Directory', 'RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'RoleAssignmentSchedule.ReadWrite.Directory', 'RoleManagement.ReadWrite.Directory'],
  readEligibilitySchedules: ['RoleEligibilitySchedule.Read.Directory', 'RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'RoleEligibilitySchedule.ReadWrite.Directory', 'RoleManagement.ReadWrite.Directory'],
  readRolePolicies: ['RoleManagementPolicy.Read.Directory', 'RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'RoleManagementPolicy.ReadWrite.Directory', 'RoleManagement.ReadWrite.Directory'],
  readApplications: ['Application.Read.All', 'Application.ReadWrite.OwnedBy', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  writeApplications: ['Application.ReadWrite.All', 'Directory.ReadWrite.All'],
  readAppRoleAssignments: ['Application.Read.All', 'AppRoleAssignment.ReadWrite.All', 'Directory.Read.All', 'Application.ReadWrite.All', 'Directory.ReadWrite.All'],
  readAuditLogs: ['AuditLog.Read.All'],
  // https://learn.microsoft.com/graph/api/oauth2permissiongrant-list (delegated and application alike).
  readDelegatedPermissionGrants: ['Directory.Read.All', 'DelegatedPermissionGrant.ReadWrite.All', 'Directory.ReadWrite.All'],
} as const satisfies Record<string, readonly string[]>;

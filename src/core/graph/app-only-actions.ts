/**
 * What the break-glass app needs for each action of the runbook, signed in with its certificate
 * (app-only). App-only Graph calls are authorized by the *application permissions* granted to the
 * app (admin-consented app roles of Microsoft Graph), per each API's Permissions section; a
 * directory role the app holds counts only where the page says so
 * (https://learn.microsoft.com/graph/permissions-overview). Pure data, so the readiness check
 * (BG-APP-02), the README's permission section and the screens say the same thing.
 *
 * Each requirement is a list of groups: every group must be met by one permission in it, least
 * privileged first. The Microsoft Graph app-role ids are the ones
 * https://learn.microsoft.com/graph/permissions-reference lists (src/shared/graph-permissions.ts); BG-APP-02
 * names a grant by the tenant's own Microsoft Graph service principal (`appRoles[].value`) first and
 * uses these ids only when that read is missing an entry.
 */
import { globalAdministratorRoleId, privilegedAuthenticationAdministratorRoleId } from '../../shared/directory-roles.ts';
import type { GraphApplicationPermission } from '../../shared/graph-permissions.ts';

export type AppOnlyAction = {
  readonly id:
    | 'policy-report-only'
    | 'policy-add-exclusion'
    | 'assign-role'
    | 'reset-password'
    | 'revoke-sessions'
    | 'remove-security-key'
    | 'read-sign-in-log'
    | 'roll-own-certificate';
  /** What the custodian would do, in the runbook's words. */
  readonly title: string;
  /** A Conditional Access repair: the reason a break-glass app exists. */
  readonly repairsConditionalAccess: boolean;
  readonly permissions: readonly (readonly GraphApplicationPermission[])[];
  /** Directory roles the app must also hold (any one of them), and why. */
  readonly directoryRoles?: { readonly anyOf: readonly string[]; readonly names: string; readonly why: string };
  /** The Microsoft pages this requirement is copied from. */
  readonly sources: readonly string[];
};

const page = (name: string) => `https://learn.microsoft.com/graph/api/${name}`;
// conditionalaccessroot-list-policies to find the policy, conditionalaccesspolicy-update to change it:
// "Policy.Read.All, Policy.ReadWrite.ConditionalAccess and Application.Read.All".
const conditionalAccessRepair: AppOnlyAction['permissions'] = [
  ['Policy.Read.All'],
  ['Policy.ReadWrite.ConditionalAccess'],
  ['Application.Read.All'],
];
const conditionalAccessSources = [page('conditionalaccessroot-list-policies'), page('conditionalaccesspolicy-update')];
// Every account action first finds the account: user-get, "User.Read.All" least privileged, then
// "User.ReadWrite.All, Directory.Read.All, Directory.ReadWrite.All" (application).
const readUser: readonly GraphApplicationPermission[] = [
  'User.Read.All',
  'User.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];

export const appOnlyActions: readonly AppOnlyAction[] = [
  {
    id: 'policy-report-only',
    title: 'Switch a blocking Conditional Access policy to report-only',
    repairsConditionalAccess: true,
    permissions: conditionalAccessRepair,
    sources: conditionalAccessSources,
  },
  {
    id: 'policy-add-exclusion',
    title: 'Add the break-glass exclusion back to a Conditional Access policy',
    repairsConditionalAccess: true,
    // The exclusion group is read first (group-get: "GroupMember.Read.All" least privileged, then
    // "Group.Read.All, Directory.Read.All, Group.ReadWrite.All, Directory.ReadWrite.All").
    permissions: [
      ...conditionalAccessRepair,
      ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'],
    ],
    sources: [...conditionalAccessSources, page('group-get')],
  },
  {
    id: 'assign-role',
    title: 'Assign a directory role to a named administrator',
    repairsConditionalAccess: false,
    permissions: [['RoleManagement.ReadWrite.Directory'], readUser],
    sources: [page('rbacapplication-post-roleassignments'), page('unifiedroleassignment-delete'), page('user-get')],
  },
  {
    id: 'reset-password',
    title: "Reset a break-glass account's password",
    repairsConditionalAccess: false,
    permissions: [['User-PasswordProfile.ReadWrite.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'], readUser],
    // resources/user, passwordProfile: app-only also needs a directory role; the break-glass
    // accounts are Global Administrators, whose passwords only these two roles may reset.
    directoryRoles: {
      anyOf: [privilegedAuthenticationAdministratorRoleId, globalAdministratorRoleId],
      names: 'Privileged Authentication Administrator or Global Administrator',
      why: 'the break-glass accounts are Global Administrators, and only these roles may reset an administrator’s password',
    },
    sources: [
      page('user-update'),
      page('resources/user'),
      page('user-get'),
      'https://learn.microsoft.com/entra/identity/role-based-access-control/privileged-roles-permissions#who-can-reset-passwords',
    ],
  },
  // user-revokesigninsessions: the versions of the page list User.RevokeSessions.All, or the broader
  // User.ReadWrite.All / Directory.ReadWrite.All (each accepted; the narrowest first).
  {
    id: 'revoke-sessions',
    title: "Revoke a break-glass account's sign-in sessions",
    repairsConditionalAccess: false,
    permissions: [['User.RevokeSessions.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'], readUser],
    sources: [page('user-revokesigninsessions'), page('user-get')],
  },
  {
    id: 'remove-security-key',
    title: 'Remove a security key registered during the incident',
    repairsConditionalAccess: false,
    // The review lists the methods first (authentication-list-methods, acting on other users:
    // "UserAuthenticationMethod.Read.All", then "UserAuthenticationMethod.ReadWrite.All").
    permissions: [
      ['UserAuthenticationMethod.Read.All', 'UserAuthenticationMethod.ReadWrite.All'],
      ['UserAuthMethod-Passkey.ReadWrite.All', 'UserAuthenticationMethod.ReadWrite.All'],
      readUser,
    ],
    sources: [page('authentication-list-methods'), page('fido2authenticationmethod-delete'), page('user-get')],
  },
  // signin-list, Application: "AuditLog.Read.All and Directory.Read.All" – both, by the page's known
  // issue; the recovery step reads the failed sign-in's applied policies with it on the app path.
  {
    id: 'read-sign-in-log',
    title: "Read the failed sign-in from Entra's sign-in log (which policy blocked it)",
    repairsConditionalAccess: false,
    permissions: [['AuditLog.Read.All'], ['Directory.Read.All']],
    sources: [page('signin-list')],
  },
  // application-addkey: "An application does not need any specific permission to roll its own keys."
  {
    id: 'roll-own-certificate',
    title: 'Roll its own certificate (addKey, removeKey)',
    repairsConditionalAccess: false,
    permissions: [],
    sources: [page('application-addkey'), page('application-removekey')],
  },
];

export type ActionVerdict = {
  readonly action: AppOnlyAction;
  /** The permission groups the app does not meet, by the least privileged permission of each. */
  readonly missingPermissions: readonly GraphApplicationPermission[];
  readonly missingDirectoryRole: boolean;
  readonly possible: boolean;
};

/** Which actions an app with these application permissions (names) and directory roles (ids) can perform. */
export function appOnlyVerdicts(held: ReadonlySet<string>, directoryRoleIds: ReadonlySet<string>): ActionVerdict[] {
  const roles = new Set([...directoryRoleIds].map((r) => r.toLowerCase()));
  return appOnlyActions.map((action) => {
    const missingPermissions = action.permissions.filter((group) => !group.some((p) => held.has(p))).map((group) => group[0]!);
    const missingDirectoryRole = !!action.directoryRoles && !action.directoryRoles.anyOf.some((r) => roles.has(r.toLowerCase()));
    return { action, missingPermissions, missingDirectoryRole, possible: missingPermissions.length === 0 && !missingDirectoryRole };
  });
}

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
 * https://learn.microsoft.com/graph/permissions-reference lists (the same in every tenant); BG-APP-02
 * names a grant by the tenant's own Microsoft Graph service principal (`appRoles[].value`) first and
 * uses these ids only when that read is missing an entry.
 */
import { globalAdministratorRoleId, privilegedAuthenticationAdministratorRoleId } from '../../shared/directory-roles.ts';

/** Microsoft Graph application permissions (app roles of the Graph service principal) the runbook uses. */
export const graphApplicationPermissionIds = {
  'Application.Read.All': '9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30',
  'Application.ReadWrite.All': '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9',
  'Directory.Read.All': '7ab1d382-f21e-4acd-a863-ba3e13f7da61',
  'Group.Read.All': '5b567255-7703-4780-807c-7be8301ae99b',
  'Group.ReadWrite.All': '62a82d76-70ea-41e2-9197-370581804d09',
  'GroupMember.Read.All': '98830695-27a2-44f7-8c18-0c3ebc9698f6',
  'User.Read.All': 'df021288-bdef-4463-88db-98f22de89214',
  'UserAuthenticationMethod.Read.All': '38d9df27-64da-44fd-b7c5-a6fbac20248f',
  'Directory.ReadWrite.All': '19dbc75e-c2e2-444c-a770-ec69d8559fc7',
  'Policy.Read.All': '246dd0d5-5bd0-4def-940b-0421030a5b68',
  'Policy.ReadWrite.ConditionalAccess': '01c0a623-fc9b-48e9-b794-0756f8e8f067',
  'RoleManagement.ReadWrite.Directory': '9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8',
  'User-PasswordProfile.ReadWrite.All': 'cc117bb9-00cf-4eb8-b580-ea2a878fe8f7',
  'User.ReadWrite.All': '741f803b-c850-494e-b5df-cde7c675a1ca',
  'User.RevokeSessions.All': '77f3a031-c388-4f99-b373-dc68676a979e',
  'UserAuthenticationMethod.ReadWrite.All': '50483e42-d915-4231-9639-7fdb7fd190e5',
  'UserAuthMethod-Passkey.ReadWrite.All': '0400e371-7db1-4338-a269-96069eb65227',
} as const;

export type GraphApplicationPermission = keyof typeof graphApplicationPermissionIds;

export type AppOnlyAction = {
  readonly id: 'policy-report-only' | 'policy-add-exclusion' | 'assign-role' | 'reset-password' | 'revoke-sessions' | 'remove-security-key' | 'roll-own-certificate';
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
const conditionalAccessRepair: AppOnlyAction['permissions'] = [['Policy.Read.All'], ['Policy.ReadWrite.ConditionalAccess'], ['Application.Read.All']];
const conditionalAccessSources = [page('conditionalaccessroot-list-policies'), page('conditionalaccesspolicy-update')];
// Every account action first finds the account: user-get, "User.Read.All" least privileged, then
// "User.ReadWrite.All, Directory.Read.All, Directory.ReadWrite.All" (application).
const readUser: readonly GraphApplicationPermission[] = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];

export const appOnlyActions: readonly AppOnlyAction[] = [
  { id: 'policy-report-only', title: 'Switch a blocking Conditional Access policy to report-only', repairsConditionalAccess: true, permissions: conditionalAccessRepair, sources: conditionalAccessSources },
  {
    id: 'policy-add-exclusion',
    title: 'Add the break-glass exclusion back to a Conditional Access policy',
    repairsConditionalAccess: true,
    // The exclusion group is read first (group-get: "GroupMember.Read.All" least privileged, then
    // "Group.Read.All, Directory.Read.All, Group.ReadWrite.All, Directory.ReadWrite.All").
    permissions: [...conditionalAccessRepair, ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All']],
    sources: [...conditionalAccessSources, page('group-get')],
  },
  { id: 'assign-role', title: 'Assign a directory role to a named administrator', repairsConditionalAccess: false, permissions: [['RoleManagement.ReadWrite.Directory'], readUser], sources: [page('rbacapplication-post-roleassignments'), page('unifiedroleassignment-delete'), page('user-get')] },
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
    sources: [page('user-update'), page('resources/user'), page('user-get'), 'https://learn.microsoft.com/entra/identity/role-based-access-control/privileged-roles-permissions#who-can-reset-passwords'],
  },
  // user-revokesigninsessions: the versions of the page list User.RevokeSessions.All, or the broader
  // User.ReadWrite.All / Directory.ReadWrite.All (each accepted; the narrowest first).
  { id: 'revoke-sessions', title: "Revoke a break-glass account's sign-in sessions", repairsConditionalAccess: false, permissions: [['User.RevokeSessions.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'], readUser], sources: [page('user-revokesigninsessions'), page('user-get')] },
  {
    id: 'remove-security-key',
    title: 'Remove a security key registered during the incident',
    repairsConditionalAccess: false,
    // The review lists the methods first (authentication-list-methods, acting on other users:
    // "UserAuthenticationMethod.Read.All", then "UserAuthenticationMethod.ReadWrite.All").
    permissions: [['UserAuthenticationMethod.Read.All', 'UserAuthenticationMethod.ReadWrite.All'], ['UserAuthMethod-Passkey.ReadWrite.All', 'UserAuthenticationMethod.ReadWrite.All'], readUser],
    sources: [page('authentication-list-methods'), page('fido2authenticationmethod-delete'), page('user-get')],
  },
  // application-addkey: "An application does not need any specific permission to roll its own keys."
  { id: 'roll-own-certificate', title: 'Roll its own certificate (addKey, removeKey)', repairsConditionalAccess: false, permissions: [], sources: [page('application-addkey'), page('application-removekey')] },
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

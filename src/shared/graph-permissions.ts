/**
 * The one list of Microsoft Graph permission ids: the part of Graph's permission catalogue the
 * product's checks, the simulator's test tenants and the demo tenant use, with Microsoft's real
 * ids (the same in every tenant). Source: https://learn.microsoft.com/graph/permissions-reference
 * (each permission's Application and Delegated identifier).
 */

/** The Microsoft Graph application's appId: its service principal holds the permissions below. */
export const microsoftGraphAppId = '00000003-0000-0000-c000-000000000000';
/** The Azure AD Graph application's appId: the fixed `aud` of addKey/removeKey proofs (docs/microsoft-behaviour.md, "Certificates on an application"). */
export const azureAdGraphAppId = '00000002-0000-0000-c000-000000000000';

/** Application permissions: app roles on the Microsoft Graph service principal. */
export const graphApplicationPermissions = {
  'Application.Read.All': { id: '9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30', displayName: 'Read all applications' },
  'Application.ReadWrite.All': { id: '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9', displayName: 'Read and write all applications' },
  'AppRoleAssignment.ReadWrite.All': {
    id: '06b708a9-e830-4db3-a914-8e69da51d44f',
    displayName: 'Manage app permission grants and app role assignments',
  },
  'AuditLog.Read.All': { id: 'b0afded3-3588-46d8-8b3d-9842eff778da', displayName: 'Read all audit log data' },
  'Directory.Read.All': { id: '7ab1d382-f21e-4acd-a863-ba3e13f7da61', displayName: 'Read directory data' },
  'Directory.ReadWrite.All': { id: '19dbc75e-c2e2-444c-a770-ec69d8559fc7', displayName: 'Read and write directory data' },
  'Domain.Read.All': { id: 'dbb9058a-0e50-45d7-ae91-66909b5d4664', displayName: 'Read domains' },
  'Group.Read.All': { id: '5b567255-7703-4780-807c-7be8301ae99b', displayName: 'Read all groups' },
  'Group.ReadWrite.All': { id: '62a82d76-70ea-41e2-9197-370581804d09', displayName: 'Read and write all groups' },
  'GroupMember.Read.All': { id: '98830695-27a2-44f7-8c18-0c3ebc9698f6', displayName: 'Read all group memberships' },
  'Organization.Read.All': { id: '498476ce-e0fe-48b0-b801-37ba7e2685c6', displayName: 'Read organization information' },
  'Policy.Read.All': { id: '246dd0d5-5bd0-4def-940b-0421030a5b68', displayName: "Read your organization's policies" },
  'Policy.ReadWrite.AuthenticationMethod': {
    id: '29c18626-4985-4dcd-85c0-193eef327366',
    displayName: 'Read and write all authentication method policies',
  },
  'Policy.ReadWrite.ConditionalAccess': {
    id: '01c0a623-fc9b-48e9-b794-0756f8e8f067',
    displayName: "Read and write your organization's conditional access policies",
  },
  'RoleManagement.Read.Directory': { id: '483bed4a-2ad3-4361-a73b-c83ccdbdc53c', displayName: 'Read all directory RBAC settings' },
  'RoleManagement.ReadWrite.Directory': {
    id: '9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8',
    displayName: 'Read and write all directory RBAC settings',
  },
  'RoleManagementPolicy.Read.Directory': {
    id: 'fdc4c997-9942-4479-bfcb-75a36d1138df',
    displayName: "Read all policies for privileged role assignments of your company's directory",
  },
  'User.Read.All': { id: 'df021288-bdef-4463-88db-98f22de89214', displayName: "Read all users' full profiles" },
  'User.ReadWrite.All': { id: '741f803b-c850-494e-b5df-cde7c675a1ca', displayName: "Read and write all users' full profiles" },
  'User-PasswordProfile.ReadWrite.All': {
    id: 'cc117bb9-00cf-4eb8-b580-ea2a878fe8f7',
    displayName: 'Read and write all password profiles and reset user passwords',
  },
  'User.RevokeSessions.All': { id: '77f3a031-c388-4f99-b373-dc68676a979e', displayName: 'Revoke all sign in sessions for a user' },
  'UserAuthenticationMethod.Read.All': {
    id: '38d9df27-64da-44fd-b7c5-a6fbac20248f',
    displayName: "Read all users' authentication methods",
  },
  'UserAuthenticationMethod.ReadWrite.All': {
    id: '50483e42-d915-4231-9639-7fdb7fd190e5',
    displayName: "Read and write all users' authentication methods",
  },
  'UserAuthMethod-Passkey.ReadWrite.All': {
    id: '0400e371-7db1-4338-a269-96069eb65227',
    displayName: "Read and write all users' passkey authentication methods",
  },
} as const;

export type GraphApplicationPermission = keyof typeof graphApplicationPermissions;

/** Delegated permissions: OAuth2 permission scopes on the Microsoft Graph service principal. */
export const graphDelegatedPermissions = {
  'User.Read': { id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d', type: 'User', displayName: 'Sign in and read user profile' },
  'User.Read.All': { id: 'a154be20-db9c-4678-8ab7-66f6cc099a59', type: 'Admin', displayName: "Read all users' full profiles" },
  'User.ReadWrite.All': {
    id: '204e0828-b5ca-4ad8-b9f3-f32a958e7cc4',
    type: 'Admin',
    displayName: "Read and write all users' full profiles",
  },
  'Directory.Read.All': { id: '06da0dbc-49e2-44d2-8312-53f166ab848a', type: 'Admin', displayName: 'Read directory data' },
  'Directory.ReadWrite.All': { id: 'c5366453-9fb0-48a5-a156-24f0c49a4b84', type: 'Admin', displayName: 'Read and write directory data' },
  'Directory.AccessAsUser.All': {
    id: '0e263e50-5827-48a4-b97c-d940288653c7',
    type: 'Admin',
    displayName: 'Access directory as the signed in user',
  },
  'Application.Read.All': { id: 'c79f8feb-a9db-4090-85f9-90d820caa0eb', type: 'Admin', displayName: 'Read applications' },
  // Delegated id from microsoftgraph/microsoft-graph-docs-contrib concepts/includes/permissions-ids.md.
  'Application.ReadWrite.All': {
    id: 'bdfbf15f-ee85-4955-8675-146e8e5296b5',
    type: 'Admin',
    displayName: 'Read and write all applications',
  },
  'AuditLog.Read.All': { id: 'e4c9e354-4dc5-45b8-9e7c-e1393b0b1a20', type: 'Admin', displayName: 'Read audit log data' },
  'Policy.Read.All': { id: '572fea84-0151-49b2-9301-11cb16974376', type: 'Admin', displayName: "Read your organization's policies" },
  'Policy.ReadWrite.ConditionalAccess': {
    id: 'ad902697-1014-4ef5-81ef-2b4301988e8c',
    type: 'Admin',
    displayName: "Read and write your organization's conditional access policies",
  },
  'RoleManagement.ReadWrite.Directory': {
    id: 'd01b97e9-cbc0-49fe-810a-750afd5527a3',
    type: 'Admin',
    displayName: 'Read and write directory RBAC settings',
  },
  'UserAuthenticationMethod.ReadWrite.All': {
    id: 'b7887744-6746-4312-813d-72daeaee7e2d',
    type: 'Admin',
    displayName: "Read and write all users' authentication methods",
  },
} as const;

export type GraphDelegatedPermission = keyof typeof graphDelegatedPermissions;

/** Each permission's id by its name, for the names given (the whole catalogue when none are), in their order. */
export function permissionIds<Name extends string>(
  catalogue: Readonly<Record<Name, { readonly id: string }>>,
  names: readonly Name[] = Object.keys(catalogue) as Name[],
): Readonly<Record<Name, string>> {
  return Object.fromEntries(names.map((name) => [name, catalogue[name].id])) as Record<Name, string>;
}

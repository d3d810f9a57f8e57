/**
 * Built-in Microsoft Entra directory roles by role *template* id: the names the app shows for a
 * token's `wids`, and the roles the simulated tenant knows.
 * Source: https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference
 * (the template ids are the same in every tenant).
 */
export type DirectoryRoleDefinition = { readonly id: string; readonly displayName: string; readonly isPrivileged: boolean };

export const globalAdministratorRoleId = '62e90394-69f5-4237-9190-012177145e10';
export const privilegedRoleAdministratorRoleId = 'e8611ab8-c189-46e8-94e1-60213ab1f814';
export const privilegedAuthenticationAdministratorRoleId = '7be44c8a-adaf-4e2a-84d6-ab2649e08a13';
export const globalReaderRoleId = 'f2ef992c-3afb-46b9-b7cf-a126ee74c451';
export const conditionalAccessAdministratorRoleId = 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9';
export const securityAdministratorRoleId = '194ae4cb-b126-40b2-bd5b-6091b380977d';
export const securityReaderRoleId = '5d6b6bb7-de71-4623-b4af-96380a352509';
export const reportsReaderRoleId = '4a5d8f65-41da-4de4-8968-e035b65339cf';
export const applicationAdministratorRoleId = '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3';
export const cloudApplicationAdministratorRoleId = '158c047a-c907-4556-b7ef-446551a6b5f7';
export const userAdministratorRoleId = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
export const authenticationAdministratorRoleId = 'c4e39bd9-1100-46d3-8c65-fb160da0071f';
export const authenticationPolicyAdministratorRoleId = '0526716b-113d-4c15-b2c8-68e3c22b9f80';
export const hybridIdentityAdministratorRoleId = '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2';
export const helpdeskAdministratorRoleId = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
export const intuneAdministratorRoleId = '3a2c62db-5318-420d-8d74-23affee5d9d5';
export const exchangeAdministratorRoleId = '29232cdf-9323-42fd-ade2-1d097af3e4de';
export const sharePointAdministratorRoleId = 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c';
export const directorySynchronizationAccountsRoleId = 'd29b2b05-8046-44ba-8758-1e26182fcf32';

const role = (id: string, displayName: string, isPrivileged = false): DirectoryRoleDefinition => ({ id, displayName, isPrivileged });

export const directoryRoles: readonly DirectoryRoleDefinition[] = [
  role(globalAdministratorRoleId, 'Global Administrator', true),
  role(privilegedRoleAdministratorRoleId, 'Privileged Role Administrator', true),
  role(privilegedAuthenticationAdministratorRoleId, 'Privileged Authentication Administrator', true),
  role(securityAdministratorRoleId, 'Security Administrator', true),
  role(conditionalAccessAdministratorRoleId, 'Conditional Access Administrator', true),
  role(applicationAdministratorRoleId, 'Application Administrator', true),
  role(cloudApplicationAdministratorRoleId, 'Cloud Application Administrator', true),
  role(userAdministratorRoleId, 'User Administrator', true),
  role(authenticationAdministratorRoleId, 'Authentication Administrator', true),
  role(authenticationPolicyAdministratorRoleId, 'Authentication Policy Administrator', true),
  role(hybridIdentityAdministratorRoleId, 'Hybrid Identity Administrator', true),
  role('966707d0-3269-4727-9be2-8c3a10f19b9d', 'Password Administrator', true),
  role(helpdeskAdministratorRoleId, 'Helpdesk Administrator', true),
  role(intuneAdministratorRoleId, 'Intune Administrator', true),
  role(exchangeAdministratorRoleId, 'Exchange Administrator'),
  role(sharePointAdministratorRoleId, 'SharePoint Administrator'),
  role('69091246-20e8-4a56-aa4d-066075b2a7a8', 'Teams Administrator'),
  role('fdd7a751-b60b-444a-984c-02652fe8fa1c', 'Groups Administrator'),
  role('17315797-102d-40b4-93e0-432062caca18', 'Compliance Administrator'),
  role('b0f54661-2d74-4c50-afa3-1ec803f12efe', 'Billing Administrator'),
  role('4d6ac14f-3453-41d0-bef9-a3e0c569773a', 'License Administrator'),
  role('7698a772-787b-4ac8-901f-60d6b08affd2', 'Cloud Device Administrator'),
  role('5f2222b1-57c3-48ba-8ad5-d4759f1fde6f', 'Security Operator'),
  role(securityReaderRoleId, 'Security Reader'),
  role(globalReaderRoleId, 'Global Reader'),
  role(reportsReaderRoleId, 'Reports Reader'),
  role('88d8e3e3-8f55-4a1e-953a-9b9898b8876b', 'Directory Readers'),
  role('9360feb5-f418-4baa-8175-e2a00bac4301', 'Directory Writers', true),
  role('cf1c38e5-3621-4004-a7cb-879624dced7c', 'Application Developer', true),
  role('95e79109-95c0-4d8e-aee3-d01accf2d47b', 'Guest Inviter'),
  role(directorySynchronizationAccountsRoleId, 'Directory Synchronization Accounts', true),
  // Not marked privileged on the built-in roles page; the role of Microsoft's PIM eligibility examples
  // (api-reference/v1.0/api/rbacapplication-list-roleeligibilityschedules.md).
  role('8424c6f0-a189-499e-bbd0-26c1753c96d4', 'Attribute Definition Administrator'),
  // "Roles not shown in the portal: Restricted Guest User – can't be used"; its template id is the one
  // https://learn.microsoft.com/graph/api/resources/authorizationpolicy names for guestUserRoleId.
  // Microsoft's policyroot-list-rolemanagementpolicyassignments example lists its PIM policy.
  role('2af84b1e-32c8-42b7-82bc-daa82404023b', 'Restricted Guest User'),
];

const byId = new Map(directoryRoles.map((r) => [r.id, r]));

export function findDirectoryRole(id: string): DirectoryRoleDefinition | undefined {
  return byId.get(id.toLowerCase());
}

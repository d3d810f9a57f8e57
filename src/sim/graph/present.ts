/**
 * Stored seed objects → what Graph returns: relationships the seed keeps inline (members,
 * owners, authentication methods) are never part of the entity, users get Graph's default
 * property set unless `$select` asks for more, and certificate `key`s come back only on a
 * `$select` of one object (resources/keycredential).
 */
import { findDirectoryRole } from '../../shared/directory-roles.ts';
import type { TenantState } from '../directory/tenant.ts';
import type { ApplicationSeed, ServicePrincipalSeed } from '../seed/schema-apps.ts';
import type { GroupSeed, UserSeed } from '../seed/schema-directory.ts';

/** Properties Graph v1.0 returns for a user without `$select` (resources/user, "Properties"). */
const defaultUserProperties = [
  'id',
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
];

export function presentUser(user: UserSeed, select: readonly string[] | undefined): Record<string, unknown> {
  const { authenticationMethods: _methods, signInActivity, ...rest } = user;
  const full: Record<string, unknown> = {
    businessPhones: [],
    mail: null,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    jobTitle: null,
    givenName: null,
    surname: null,
    onPremisesSyncEnabled: null,
    ...rest,
  };
  if (select?.some((s) => s.toLowerCase() === 'signinactivity')) full['signInActivity'] = signInActivity ?? null;
  if (select) return full;
  return Object.fromEntries(defaultUserProperties.map((key) => [key, full[key] ?? null]));
}

export function presentGroup(group: GroupSeed): Record<string, unknown> {
  const { members: _members, owners: _owners, ...rest } = group;
  return { description: null, isAssignableToRole: null, membershipRule: null, ...rest };
}

const withoutKeys = <T extends { key?: string | null }>(credentials: readonly T[], includeKeys: boolean) =>
  credentials.map((credential) => ({ ...credential, key: includeKeys ? (credential.key ?? null) : null }));

export function presentApplication(app: ApplicationSeed, includeKeys = false): Record<string, unknown> {
  const { owners: _owners, ...rest } = app;
  return {
    ...rest,
    keyCredentials: withoutKeys(app.keyCredentials, includeKeys),
    passwordCredentials: app.passwordCredentials.map((p) => ({ ...p, secretText: null })),
  };
}

export function presentServicePrincipal(principal: ServicePrincipalSeed, includeKeys = false): Record<string, unknown> {
  // appRoleAssignmentRequired is a non-null Boolean, false by default (https://learn.microsoft.com/graph/api/resources/serviceprincipal).
  return {
    ...principal,
    appRoleAssignmentRequired: principal.appRoleAssignmentRequired ?? false,
    keyCredentials: withoutKeys(principal.keyCredentials ?? [], includeKeys),
    passwordCredentials: principal.passwordCredentials ?? [],
  };
}

export function presentDirectoryRole(tenant: TenantState, roleTemplateId: string): Record<string, unknown> {
  const role = findDirectoryRole(roleTemplateId);
  return {
    '@odata.type': '#microsoft.graph.directoryRole',
    id: tenant.directoryRoleObjectId(roleTemplateId),
    deletedDateTime: null,
    description: null,
    displayName: role?.displayName ?? roleTemplateId,
    roleTemplateId,
  };
}

/** Any directory object by id, typed as Graph types members, owners and memberOf entries. */
export function presentDirectoryObject(tenant: TenantState, id: string): Record<string, unknown> | undefined {
  const user = tenant.user(id);
  // A directory object listed through a relationship (group-list-owners.md, "Response") carries the
  // user's accountEnabled although the user resource returns it "only on $select": Microsoft's
  // documented answer wins, so the simulator adds it where the seed holds it.
  if (user)
    return {
      '@odata.type': '#microsoft.graph.user',
      ...presentUser(user, undefined),
      ...(user.accountEnabled !== undefined ? { accountEnabled: user.accountEnabled } : {}),
    };
  const group = tenant.group(id);
  if (group) return { '@odata.type': '#microsoft.graph.group', ...presentGroup(group) };
  const principal = tenant.servicePrincipal(id);
  if (principal) return { '@odata.type': '#microsoft.graph.servicePrincipal', ...presentServicePrincipal(principal) };
  return undefined;
}

/**
 * A v1.0 answer leaves out the properties only beta defines (a seed may hold a beta export),
 * with their `property@odata.*` annotations.
 */
export function withoutProperties(item: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const dropped = new Set(names);
  return Object.fromEntries(Object.entries(item).filter(([key]) => !dropped.has(key.split('@')[0]!)));
}

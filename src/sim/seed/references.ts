/**
 * The checks zod cannot express: every id a seed object names must resolve, ids are unique,
 * and the simulator's secrets match what the directory says (a credential's certificate is one
 * of its application's keyCredentials, a security key is one of its user's FIDO2 methods).
 *
 * They run in the same pass as the shape checks: objects whose shape is wrong are set aside
 * (`SetAside`), their ids still count as present, and paths are given in the seed as written.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';

import { jsonPath } from '../../shared/zod-issues.ts';
import { findDirectoryRole } from '../../shared/directory-roles.ts';
import type { Seed } from './schema.ts';

export type SeedIssue = { readonly path: ReadonlyArray<string | number>; readonly message: string };

/** The objects left out of the seed because their shape is wrong (their problems are reported already). */
export type SetAside = {
  /** Their `id`s (and `appId`s), lower-case: a reference to one of them is not dangling. */
  readonly ids: ReadonlySet<string>;
  /** Collections (`domains`, `azure.actionGroups` …) of which at least one object was set aside. */
  readonly collections: ReadonlySet<string>;
  /** From a path in the seed that was checked to the same object's path in the seed as written. */
  readonly position: (path: ReadonlyArray<string | number>) => ReadonlyArray<string | number>;
};

const nothingSetAside: SetAside = { ids: new Set(), collections: new Set(), position: (path) => path };

const caUserSentinels = new Set(['All', 'None', 'GuestsOrExternalUsers']);

export function findReferenceIssues(seed: Seed, setAside: SetAside = nothingSetAside): SeedIssue[] {
  const issues: SeedIssue[] = [];
  const problem = (path: ReadonlyArray<string | number>, message: string) => issues.push({ path: setAside.position(path), message });
  const lower = (id: string) => id.toLowerCase();
  const aside = (id: string) => setAside.ids.has(lower(id));

  const users = new Set(seed.users.map((u) => lower(u.id)));
  const groups = new Set(seed.groups.map((g) => lower(g.id)));
  const servicePrincipals = new Set(seed.servicePrincipals.map((s) => lower(s.id)));
  const deleted = new Map(seed.simulator.deletedObjects.map((d) => [lower(d.id), d.kind]));
  const live = (id: string) => users.has(lower(id)) || groups.has(lower(id)) || servicePrincipals.has(lower(id)) || aside(id);

  const unique = (collection: string, ids: readonly string[], key = 'id') => {
    const seen = new Map<string, number>();
    ids.forEach((id, index) => {
      const first = seen.get(lower(id));
      if (first !== undefined)
        problem([collection, index, key], `duplicate ${key} "${id}" (also at ${jsonPath(setAside.position([collection, first]))})`);
      else seen.set(lower(id), index);
    });
  };
  unique(
    'users',
    seed.users.map((u) => u.id),
  );
  unique(
    'users',
    seed.users.map((u) => u.userPrincipalName),
    'userPrincipalName',
  );
  unique(
    'groups',
    seed.groups.map((g) => g.id),
  );
  unique(
    'domains',
    seed.domains.map((d) => d.id),
  );
  unique(
    'conditionalAccessPolicies',
    seed.conditionalAccessPolicies.map((p) => p.id),
  );
  unique(
    'applications',
    seed.applications.map((a) => a.id),
  );
  unique(
    'applications',
    seed.applications.map((a) => a.appId),
    'appId',
  );
  unique(
    'servicePrincipals',
    seed.servicePrincipals.map((s) => s.id),
  );
  unique(
    'servicePrincipals',
    seed.servicePrincipals.map((s) => s.appId),
    'appId',
  );
  unique(
    'roleAssignmentSchedules',
    seed.roleAssignmentSchedules.map((s) => s.id),
  );
  unique(
    'roleEligibilitySchedules',
    seed.roleEligibilitySchedules.map((s) => s.id),
  );
  unique(
    'roleManagementPolicies',
    seed.roleManagementPolicies.map((p) => p.id),
  );
  unique(
    'appRoleAssignments',
    seed.appRoleAssignments.map((a) => a.id),
  );

  const ref = (
    path: ReadonlyArray<string | number>,
    id: string,
    allowed: ReadonlyArray<'user' | 'group' | 'servicePrincipal'>,
    what: string,
  ) => {
    const isLive =
      (allowed.includes('user') && users.has(lower(id))) ||
      (allowed.includes('group') && groups.has(lower(id))) ||
      (allowed.includes('servicePrincipal') && servicePrincipals.has(lower(id)));
    if (!isLive && !aside(id)) problem(path, `${what} "${id}" is not in the seed`);
  };
  const deletedOk = (
    path: ReadonlyArray<string | number>,
    id: string,
    allowed: ReadonlyArray<'user' | 'group' | 'servicePrincipal'>,
    what: string,
  ) => {
    const kind = deleted.get(lower(id));
    if (kind && allowed.includes(kind)) return;
    ref(path, id, allowed, `${what} (neither live nor listed in $.simulator.deletedObjects)`);
  };
  const knownRole = (path: ReadonlyArray<string | number>, id: string) => {
    if (!findDirectoryRole(id)) problem(path, `role template "${id}" is not a built-in directory role the simulator knows`);
  };

  // resources/domain, isInitial: "true if this is the initial domain created by Microsoft Online
  // Services (contoso.com). There's only one initial domain per company." Microsoft's own
  // domain-list.md example has contoso.com as the initial domain, so no suffix is required.
  const initial = seed.domains.filter((d) => d.isInitial);
  if (initial.length > 1 || (initial.length === 0 && !setAside.collections.has('domains')))
    problem(
      ['domains'],
      `exactly one domain must have "isInitial": true (found ${initial.length}: ${initial.map((d) => d.id).join(', ') || 'none'}) – a tenant has one initial domain`,
    );
  const domains = new Set(seed.domains.map((d) => lower(d.id)));
  seed.users.forEach((user, u) => {
    const domain = lower(user.userPrincipalName.split('@')[1] ?? '');
    if (!domains.has(domain) && !aside(domain)) problem(['users', u, 'userPrincipalName'], `domain "${domain}" is not one of $.domains`);
    const methodIds = new Set<string>();
    (user.authenticationMethods ?? []).forEach((method, m) => {
      if (methodIds.has(method.id)) problem(['users', u, 'authenticationMethods', m, 'id'], `duplicate method id "${method.id}"`);
      methodIds.add(method.id);
    });
  });

  seed.groups.forEach((group, g) => {
    group.members.forEach((id, m) => ref(['groups', g, 'members', m], id, ['user', 'group', 'servicePrincipal'], 'member'));
    group.owners.forEach((id, o) => ref(['groups', g, 'owners', o], id, ['user', 'servicePrincipal'], 'owner'));
  });

  seed.conditionalAccessPolicies.forEach((policy, p) => {
    const base = ['conditionalAccessPolicies', p, 'conditions'];
    const people = policy.conditions.users;
    if (people) {
      for (const key of ['includeUsers', 'excludeUsers'] as const) {
        people[key].forEach((id, i) => {
          if (!caUserSentinels.has(id)) deletedOk([...base, 'users', key, i], id, ['user'], 'user');
        });
      }
      for (const key of ['includeGroups', 'excludeGroups'] as const) {
        people[key].forEach((id, i) => deletedOk([...base, 'users', key, i], id, ['group'], 'group'));
      }
      for (const key of ['includeRoles', 'excludeRoles'] as const) {
        people[key].forEach((id, i) => knownRole([...base, 'users', key, i], id));
      }
    }
    const clients = policy.conditions.clientApplications;
    if (clients) {
      clients.includeServicePrincipals.forEach((id, i) => {
        if (id !== 'ServicePrincipalsInMyTenant')
          deletedOk([...base, 'clientApplications', 'includeServicePrincipals', i], id, ['servicePrincipal'], 'service principal');
      });
      clients.excludeServicePrincipals.forEach((id, i) =>
        deletedOk([...base, 'clientApplications', 'excludeServicePrincipals', i], id, ['servicePrincipal'], 'service principal'),
      );
    }
    if (!people && !clients)
      problem(base, 'needs "users" or "clientApplications" (Graph: "Either users or clientApplications is required")');
  });

  const schedules = [
    ['roleAssignmentSchedules', seed.roleAssignmentSchedules],
    ['roleEligibilitySchedules', seed.roleEligibilitySchedules],
  ] as const;
  const groupsById = new Map(seed.groups.map((g) => [lower(g.id), g]));
  for (const [name, list] of schedules) {
    list.forEach((schedule, s) => {
      ref([name, s, 'principalId'], schedule.principalId, ['user', 'group', 'servicePrincipal'], 'principal');
      // Entra assigns directory roles only to role-assignable groups
      // (https://learn.microsoft.com/entra/identity/role-based-access-control/groups-concept).
      const group = groupsById.get(lower(schedule.principalId));
      if (group && group.isAssignableToRole !== true)
        problem(
          [name, s, 'principalId'],
          `group "${group.displayName}" is not role-assignable ("isAssignableToRole": true), so it cannot hold a directory role`,
        );
      knownRole([name, s, 'roleDefinitionId'], schedule.roleDefinitionId);
    });
  }

  const policyIds = new Set(seed.roleManagementPolicies.map((p) => p.id));
  seed.roleManagementPolicyAssignments.forEach((assignment, a) => {
    if (!policyIds.has(assignment.policyId) && !aside(assignment.policyId))
      problem(['roleManagementPolicyAssignments', a, 'policyId'], `policy "${assignment.policyId}" is not in $.roleManagementPolicies`);
    knownRole(['roleManagementPolicyAssignments', a, 'roleDefinitionId'], assignment.roleDefinitionId);
  });
  seed.roleManagementPolicies.forEach((policy, p) => {
    policy.rules.forEach((rule, r) => {
      if (rule['@odata.type'] !== '#microsoft.graph.unifiedRoleManagementPolicyApprovalRule') return;
      rule.setting.approvalStages.forEach((stage, st) => {
        for (const key of ['primaryApprovers', 'escalationApprovers'] as const) {
          stage[key].forEach((approver, i) => {
            const path = ['roleManagementPolicies', p, 'rules', r, 'setting', 'approvalStages', st, key, i];
            if ('userId' in approver) ref([...path, 'userId'], approver.userId, ['user'], 'approver');
            if ('groupId' in approver) ref([...path, 'groupId'], approver.groupId, ['group'], 'approver group');
          });
        }
      });
    });
  });

  seed.authenticationMethodConfigurations.forEach((configuration, c) => {
    for (const key of ['includeTargets', 'excludeTargets'] as const) {
      (configuration[key] ?? []).forEach((target, t) => {
        if (target.id !== 'all_users')
          ref(['authenticationMethodConfigurations', c, key, t, 'id'], target.id, [target.targetType], target.targetType);
      });
    }
  });

  // An application object lives only in its home tenant; elsewhere the app is a service principal
  // alone (https://learn.microsoft.com/entra/identity-platform/app-objects-and-service-principals) –
  // so no application may share its appId with a service principal another tenant owns, such as
  // Microsoft Graph Command Line Tools.
  const foreign = new Map(
    seed.servicePrincipals
      .filter((sp) => sp.appOwnerOrganizationId && lower(sp.appOwnerOrganizationId) !== lower(seed.tenant.id))
      .map((sp) => [lower(sp.appId), sp]),
  );
  seed.applications.forEach((app, a) => {
    app.owners.forEach((id, o) => ref(['applications', a, 'owners', o], id, ['user', 'servicePrincipal'], 'owner'));
    const owner = foreign.get(lower(app.appId));
    if (owner)
      problem(
        ['applications', a, 'appId'],
        `"${app.appId}" is ${owner.displayName}, owned by tenant ${owner.appOwnerOrganizationId}: its application object is not in this tenant, only its service principal`,
      );
  });

  const spById = new Map(seed.servicePrincipals.map((s) => [lower(s.id), s]));
  seed.appRoleAssignments.forEach((assignment, a) => {
    const kind = assignment.principalType === 'User' ? 'user' : assignment.principalType === 'Group' ? 'group' : 'servicePrincipal';
    ref(['appRoleAssignments', a, 'principalId'], assignment.principalId, [kind], assignment.principalType);
    const resource = spById.get(lower(assignment.resourceId));
    if (!resource && !aside(assignment.resourceId))
      problem(
        ['appRoleAssignments', a, 'resourceId'],
        `resource service principal "${assignment.resourceId}" is not in $.servicePrincipals`,
      );
    const defaultAccess = '00000000-0000-0000-0000-000000000000';
    if (resource && assignment.appRoleId !== defaultAccess && !resource.appRoles.some((r) => lower(r.id) === lower(assignment.appRoleId))) {
      problem(
        ['appRoleAssignments', a, 'appRoleId'],
        `app role "${assignment.appRoleId}" is not one of ${resource.displayName}'s appRoles`,
      );
    }
  });

  // An alert rule's action groups are ARM resource ids that may live in any subscription, also one
  // the seed does not hold (scheduledQueryRules 2023-12-01 Actions.actionGroups: "Action Group
  // resource Ids to invoke when the alert fires"; Microsoft's own list-by-subscription example
  // names one in another subscription). The seed takes such a rule; a reader then cannot find the
  // group, as with a real tenant where it lacks access to that subscription.
  seed.azure.roleAssignments.forEach((assignment, a) => {
    if (!live(assignment.properties.principalId))
      problem(
        ['azure', 'roleAssignments', a, 'properties', 'principalId'],
        `principal "${assignment.properties.principalId}" is not in the seed`,
      );
  });

  seed.simulator.deletedObjects.forEach((object, d) => {
    if (live(object.id) && !aside(object.id))
      problem(['simulator', 'deletedObjects', d, 'id'], `"${object.id}" is a live object, so it cannot be deleted too`);
  });
  findConsentGrantIssues(seed, problem);
  findSecretIssues(seed, problem, aside);
  return issues;
}

function findSecretIssues(
  seed: Seed,
  problem: (path: ReadonlyArray<string | number>, message: string) => void,
  aside: (id: string) => boolean,
): void {
  const appsByAppId = new Map(seed.applications.map((a) => [a.appId.toLowerCase(), a]));
  seed.simulator.credentials.forEach((credential, c) => {
    const path = ['simulator', 'credentials', c];
    const app = appsByAppId.get(credential.appId.toLowerCase());
    if (!app)
      return aside(credential.appId)
        ? undefined
        : problem([...path, 'appId'], `application "${credential.appId}" is not in $.applications`);
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(credential.certificatePem);
    } catch (error) {
      return problem([...path, 'certificatePem'], `is not a readable X.509 certificate (${(error as Error).message})`);
    }
    try {
      if (!certificate.checkPrivateKey(createPrivateKey(credential.privateKeyPem)))
        problem([...path, 'privateKeyPem'], 'is not the private key of certificatePem');
    } catch (error) {
      problem([...path, 'privateKeyPem'], `is not a readable private key (${(error as Error).message})`);
    }
    const thumbprint = certificate.fingerprint.replaceAll(':', '');
    // By the certificate itself where the seed has `key`; else by customKeyIdentifier, which Graph
    // returns as the base64 of the thumbprint's bytes (https://learn.microsoft.com/graph/api/resources/keycredential).
    const thumbprintBase64 = Buffer.from(thumbprint, 'hex').toString('base64');
    const registered = app.keyCredentials.some((k) =>
      k.key ? Buffer.from(k.key, 'base64').equals(certificate.raw) : k.customKeyIdentifier === thumbprintBase64,
    );
    if (!registered) problem([...path, 'certificatePem'], `is not one of ${app.displayName}'s keyCredentials (thumbprint ${thumbprint})`);
  });

  const usersById = new Map(seed.users.map((u) => [u.id.toLowerCase(), u]));
  seed.simulator.securityKeys.forEach((key, k) => {
    const user = usersById.get(key.userId.toLowerCase());
    if (!user)
      return aside(key.userId) ? undefined : problem(['simulator', 'securityKeys', k, 'userId'], `user "${key.userId}" is not in $.users`);
    const method = (user.authenticationMethods ?? []).find((m) => m.id === key.fido2MethodId);
    if (method?.['@odata.type'] !== '#microsoft.graph.fido2AuthenticationMethod') {
      problem(['simulator', 'securityKeys', k, 'fido2MethodId'], `is not one of ${user.userPrincipalName}'s fido2AuthenticationMethod ids`);
    }
  });
  seed.simulator.passwords.forEach((entry, p) => {
    if (!usersById.has(entry.userId.toLowerCase()) && !aside(entry.userId))
      problem(['simulator', 'passwords', p, 'userId'], `user "${entry.userId}" is not in $.users`);
  });
}

/** The ids a grant names must resolve, and its scopes must be the resource's delegated permissions. */
export function findConsentGrantIssues(seed: Seed, problem: (path: ReadonlyArray<string | number>, message: string) => void): void {
  const lower = (id: string) => id.toLowerCase();
  const servicePrincipals = new Map(seed.servicePrincipals.map((s) => [lower(s.id), s]));
  const users = new Set(seed.users.map((u) => lower(u.id)));
  const ids = new Map<string, number>();
  seed.oauth2PermissionGrants.forEach((grant, g) => {
    const path = ['oauth2PermissionGrants', g];
    const first = ids.get(grant.id);
    if (first !== undefined) problem([...path, 'id'], `duplicate id "${grant.id}" (also at $.oauth2PermissionGrants[${first}])`);
    else ids.set(grant.id, g);
    if (!servicePrincipals.has(lower(grant.clientId)))
      problem([...path, 'clientId'], `client service principal "${grant.clientId}" is not in $.servicePrincipals`);
    const resource = servicePrincipals.get(lower(grant.resourceId));
    if (!resource) problem([...path, 'resourceId'], `resource service principal "${grant.resourceId}" is not in $.servicePrincipals`);
    if (grant.principalId && !users.has(lower(grant.principalId)))
      problem([...path, 'principalId'], `user "${grant.principalId}" is not in $.users`);
    if (resource) {
      // "Each claim value should match the value field of one of the delegated permissions defined by the API."
      const published = new Set(resource.oauth2PermissionScopes.map((s) => lower(s.value)));
      for (const value of grant.scope.split(' ').filter(Boolean)) {
        if (!published.has(lower(value)) && !oidcScopes.has(value))
          problem([...path, 'scope'], `"${value}" is not one of ${resource.displayName}'s oauth2PermissionScopes`);
      }
    }
  });
}

/** OpenID Connect scopes appear in grants to Microsoft Graph too (the list example: "openid profile"). */
const oidcScopes = new Set(['openid', 'profile', 'offline_access', 'email']);

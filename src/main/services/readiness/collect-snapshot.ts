/**
 * Gathers the tenant snapshot the checks read, in as few sequential round trips as Graph allows
 * (docs/architecture.md, "Benchmarks"): round 1 is one `$batch` burst (chunks of 20 sent together)
 * with everything that needs no earlier answer, plus the ARM reads in parallel; round 2 asks for
 * what needed round 1's ids (app owners and grants, which exclusion ids still exist); paging
 * follows `@odata.nextLink` where a collection is longer than a page. Every part that cannot be
 * read is kept as its reason, so the checks fail closed.
 */
import type {
  AccountSnapshot,
  AppRoleAssignment,
  AuthenticationMethodConfiguration,
  CertificateAuthority,
  ConditionalAccessPolicy,
  DirectoryObjectRef,
  MonitoringSnapshot,
  Readable,
  ReviewHistory,
  SignInClientPrincipal,
  SignInClientSnapshot,
  TenantSnapshot,
} from '../../../core/checks/snapshot.ts';
import { ActionableError } from '../../../shared/actionable-error.ts';
import { microsoftGraphAppId } from '../../../shared/graph-permissions.ts';
import { microsoftGraphCommandLineToolsAppId, signInClientId, type Inventory } from '../../../shared/inventory.ts';
import type { GraphBatchRequest, GraphBatchResponse } from '../../entra/graph-connection.ts';
import type { TenantSession } from '../../entra/tenant-session.ts';

export type CollectProgress = { readonly step: string; readonly done: number; readonly total: number };

export type CollectOptions = {
  readonly inventory: Inventory;
  readonly session: Pick<TenantSession, 'graph' | 'arm'>;
  readonly reviews: ReviewHistory;
  readonly onProgress?: (progress: CollectProgress) => void;
  /** The one-request-at-a-time baseline of the benchmark: no `$batch`, every call awaited in turn. */
  readonly oneAtATime?: boolean;
  readonly now?: () => Date;
};

export type CollectedSnapshot = { readonly snapshot: TenantSnapshot; readonly roundTrips: number; readonly requests: number };

type Answer = GraphBatchResponse;

const reasonOf = (error: unknown) =>
  error instanceof ActionableError ? `${error.message} ${error.nextStep}` : error instanceof Error ? error.message : String(error);

class Fetcher {
  roundTrips = 0;
  requests = 0;

  constructor(private readonly options: CollectOptions) {}

  /** One round trip: every request at once (batched), or one after another for the baseline. */
  async round(requests: readonly GraphBatchRequest[]): Promise<Map<string, Answer>> {
    const { graph } = this.options.session;
    this.requests += requests.length;
    if (!this.options.oneAtATime) {
      this.roundTrips += 1;
      return graph.batch(requests);
    }
    const answers = new Map<string, Answer>();
    for (const request of requests) {
      this.roundTrips += 1;
      try {
        const body =
          request.method === 'GET' ? await graph.get(request.url) : (await graph.write(request.method, request.url, request.body)).body;
        answers.set(request.id, { id: request.id, status: 200, body, batchRequestId: undefined });
      } catch (error) {
        answers.set(request.id, {
          id: request.id,
          status: (error as { status?: number }).status ?? 0,
          body: undefined,
          batchRequestId: undefined,
          ...(error instanceof ActionableError ? { error: error as never } : {}),
        });
      }
    }
    return answers;
  }

  /** The answer as data, following next links for collections; or why it could not be read. */
  async read<T>(answer: Answer | undefined, collection: boolean): Promise<Readable<T>> {
    if (!answer) return { ok: false, reason: 'Microsoft Graph gave no answer for this request.' };
    if (answer.status >= 400 || answer.status === 0)
      return { ok: false, reason: answer.error ? reasonOf(answer.error) : `Microsoft Graph answered HTTP ${answer.status}.` };
    const body = answer.body as { value?: unknown[]; '@odata.nextLink'?: string } | undefined;
    if (!collection) return { ok: true, value: body as T };
    const items = [...(body?.value ?? [])];
    let next = body?.['@odata.nextLink'];
    try {
      while (next) {
        this.roundTrips += 1;
        this.requests += 1;
        const page: { value?: unknown[]; '@odata.nextLink'?: string } = await this.options.session.graph.get(next);
        items.push(...(page.value ?? []));
        next = page['@odata.nextLink'];
      }
    } catch (error) {
      return { ok: false, reason: reasonOf(error) };
    }
    return { ok: true, value: items as T };
  }
}

async function readable<T>(read: () => Promise<T>): Promise<Readable<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    return { ok: false, reason: reasonOf(error) };
  }
}

function collectMonitoring(options: CollectOptions): Promise<MonitoringSnapshot> {
  const subscriptions = options.inventory.monitoring?.subscriptionIds ?? [];
  if (subscriptions.length === 0) {
    const none: Readable<never> = {
      ok: false,
      reason: 'No Azure subscription is configured under "monitoring" in the inventory file, so the alerting cannot be read.',
    };
    return Promise.resolve({ diagnosticSettings: none, scheduledQueryRules: none, actionGroups: none });
  }
  const { arm } = options.session;
  const perSubscription = async <T>(kind: string, apiVersion: string) =>
    (
      await Promise.all(
        subscriptions.map((id) => arm.list<T>(`/subscriptions/${id}/providers/Microsoft.Insights/${kind}?api-version=${apiVersion}`)),
      )
    ).flat();
  return Promise.all([
    readable(() => arm.list(`/providers/microsoft.aadiam/diagnosticSettings?api-version=2017-04-01`)),
    readable(() => perSubscription('scheduledQueryRules', '2023-12-01')),
    readable(() => perSubscription('actionGroups', '2023-01-01')),
  ]).then(
    ([diagnosticSettings, scheduledQueryRules, actionGroups]) =>
      ({ diagnosticSettings, scheduledQueryRules, actionGroups }) as MonitoringSnapshot,
  );
}

const userSelect = 'id,displayName,userPrincipalName,accountEnabled,userType,onPremisesSyncEnabled,authorizationInfo';

/** The ids Conditional Access exclusion lists name (sentinels such as GuestsOrExternalUsers left out). */
function exclusionIds(policies: readonly ConditionalAccessPolicy[]): string[] {
  const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const ids = policies.flatMap((p) => [
    ...(p.conditions.users?.excludeUsers ?? []),
    ...(p.conditions.users?.excludeGroups ?? []),
    ...(p.conditions.clientApplications?.excludeServicePrincipals ?? []),
  ]);
  return [...new Set(ids.filter((id) => guid.test(id)).map((id) => id.toLowerCase()))];
}

export async function collectSnapshot(options: CollectOptions): Promise<CollectedSnapshot> {
  const { inventory } = options;
  const fetcher = new Fetcher(options);
  const progress = (step: string, done: number) => options.onProgress?.({ step, done, total: 3 });
  const app = inventory.app;

  progress('Reading accounts, policies, roles and the app', 0);
  const accountRequests = inventory.accounts.flatMap((account, n): GraphBatchRequest[] => {
    const who = encodeURIComponent(account.id ?? account.userPrincipalName);
    return [
      { id: `user-${n}`, method: 'GET', url: `/users/${who}?$select=${userSelect}` },
      // Asked apart: without a P1/P2 licence or AuditLog.Read.All it fails alone, not the user read.
      { id: `activity-${n}`, method: 'GET', url: `/users/${who}?$select=id,signInActivity` },
      { id: `memberOf-${n}`, method: 'GET', url: `/users/${who}/transitiveMemberOf?$select=id,displayName,roleTemplateId` },
      { id: `methods-${n}`, method: 'GET', url: `/users/${who}/authentication/methods` },
    ];
  });
  const tenantRequests: GraphBatchRequest[] = [
    { id: 'domains', method: 'GET', url: '/domains' },
    { id: 'policies', method: 'GET', url: '/identity/conditionalAccess/policies' },
    { id: 'assignments', method: 'GET', url: '/roleManagement/directory/roleAssignmentSchedules' },
    { id: 'eligibilities', method: 'GET', url: '/roleManagement/directory/roleEligibilitySchedules' },
    {
      id: 'rolePolicies',
      method: 'GET',
      url: "/policies/roleManagementPolicyAssignments?$filter=scopeId eq '/' and scopeType eq 'DirectoryRole'&$expand=policy($expand=rules)",
    },
    { id: 'methodsPolicy', method: 'GET', url: '/policies/authenticationMethodsPolicy' },
    { id: 'cba', method: 'GET', url: `/organization/${inventory.tenantId}/certificateBasedAuthConfiguration` },
    { id: 'graphSp', method: 'GET', url: `/servicePrincipals(appId='${microsoftGraphAppId}')?$select=id,appRoles` },
    // BG-CLI-01: the public client the accounts sign in through (serviceprincipal-get).
    {
      id: 'signInClient',
      method: 'GET',
      url: `/servicePrincipals(appId='${signInClientId(inventory)}')?$select=id,appId,displayName,accountEnabled,appRoleAssignmentRequired,appOwnerOrganizationId`,
    },
    ...(app
      ? ([
          {
            id: 'application',
            method: 'GET',
            url: `/applications(appId='${app.appId}')?$select=id,appId,displayName,keyCredentials,passwordCredentials`,
          },
          {
            id: 'servicePrincipal',
            method: 'GET',
            url: `/servicePrincipals(appId='${app.appId}')?$select=id,appId,displayName,accountEnabled`,
          },
          { id: 'applications', method: 'GET', url: '/applications?$select=id,appId,displayName,keyCredentials' },
        ] satisfies GraphBatchRequest[])
      : []),
    ...(inventory.exclusionGroupId
      ? ([
          {
            id: 'group',
            method: 'GET',
            url: `/groups/${inventory.exclusionGroupId}?$select=id,displayName,securityEnabled,mailEnabled,groupTypes,isAssignableToRole,membershipRule`,
          },
          { id: 'groupMembers', method: 'GET', url: `/groups/${inventory.exclusionGroupId}/members?$select=id,displayName` },
          { id: 'groupOwners', method: 'GET', url: `/groups/${inventory.exclusionGroupId}/owners?$select=id,displayName` },
        ] satisfies GraphBatchRequest[])
      : []),
  ];
  const [first, monitoring] = await Promise.all([fetcher.round([...accountRequests, ...tenantRequests]), collectMonitoring(options)]);

  const policies = await fetcher.read<ConditionalAccessPolicy[]>(first.get('policies'), true);
  const application = app
    ? await fetcher.read<{ id: string; appId: string; displayName: string; keyCredentials: never[]; passwordCredentials: never[] }>(
        first.get('application'),
        false,
      )
    : undefined;
  const servicePrincipal = app
    ? await fetcher.read<{ id: string; appId: string; displayName: string; accountEnabled: boolean }>(first.get('servicePrincipal'), false)
    : undefined;
  // Not found is an answer here: Microsoft Graph Command Line Tools has no service principal until its first consent.
  const clientAnswer = first.get('signInClient');
  const clientPrincipal: Readable<SignInClientPrincipal | null> =
    clientAnswer?.status === 404 ? { ok: true, value: null } : await fetcher.read<SignInClientPrincipal>(clientAnswer, false);

  progress('Reading the app’s owners and grants, and which excluded ids still exist', 1);
  const excluded = policies.ok ? exclusionIds(policies.value) : [];
  const second: GraphBatchRequest[] = [
    ...(application?.ok
      ? [{ id: 'owners', method: 'GET', url: `/applications/${application.value.id}/owners?$select=id,displayName` } as const]
      : []),
    ...(servicePrincipal?.ok
      ? [{ id: 'grants', method: 'GET', url: `/servicePrincipals/${servicePrincipal.value.id}/appRoleAssignments` } as const]
      : []),
    // oauth2permissiongrant-list ($filter on clientId), serviceprincipal-list-approleassignedto.
    ...(clientPrincipal.ok && clientPrincipal.value
      ? ([
          { id: 'clientGrants', method: 'GET', url: `/oauth2PermissionGrants?$filter=clientId eq '${clientPrincipal.value.id}'` },
          { id: 'clientAssigned', method: 'GET', url: `/servicePrincipals/${clientPrincipal.value.id}/appRoleAssignedTo` },
        ] satisfies GraphBatchRequest[])
      : []),
    // getByIds takes up to 1,000 ids per call (directoryobject-getbyids).
    ...Array.from({ length: Math.ceil(excluded.length / 1000) }, (_, n): GraphBatchRequest => ({
      id: `byIds-${n}`,
      method: 'POST',
      url: '/directoryObjects/getByIds',
      body: { ids: excluded.slice(n * 1000, (n + 1) * 1000) },
    })),
  ];
  const secondAnswers = second.length > 0 ? await fetcher.round(second) : new Map<string, Answer>();

  progress('Putting the snapshot together', 2);
  let resolvedExclusionIds: Readable<ReadonlySet<string>>;
  if (!policies.ok) resolvedExclusionIds = { ok: false, reason: policies.reason };
  else {
    const found = new Set<string>();
    let failure: string | undefined;
    for (const [id, answer] of secondAnswers) {
      if (!id.startsWith('byIds-')) continue;
      const read = await fetcher.read<DirectoryObjectRef[]>({ ...answer, body: answer.body }, false);
      if (!read.ok) failure = read.reason;
      else for (const object of (read.value as unknown as { value?: DirectoryObjectRef[] }).value ?? []) found.add(object.id.toLowerCase());
    }
    resolvedExclusionIds = failure ? { ok: false, reason: failure } : { ok: true, value: found };
  }

  const accounts: AccountSnapshot[] = await Promise.all(
    inventory.accounts.map(async (account, n) => {
      const activity = await fetcher.read<{ signInActivity?: object | null }>(first.get(`activity-${n}`), false);
      return {
        configured: { userPrincipalName: account.userPrincipalName, ...(account.id ? { id: account.id } : {}) },
        user: await fetcher.read(first.get(`user-${n}`), false),
        signInActivity: activity.ok ? { ok: true, value: (activity.value.signInActivity ?? null) as never } : activity,
        transitiveMemberOf: await fetcher.read(first.get(`memberOf-${n}`), true),
        authenticationMethods: await fetcher.read(first.get(`methods-${n}`), true),
      } as AccountSnapshot;
    }),
  );

  const methodsPolicy = await fetcher.read<{ authenticationMethodConfigurations?: AuthenticationMethodConfiguration[] }>(
    first.get('methodsPolicy'),
    false,
  );
  const cba = await fetcher.read<Array<{ certificateAuthorities?: CertificateAuthority[] }>>(first.get('cba'), true);
  const graphSp = await fetcher.read<{ id: string; appRoles?: Array<{ id: string; value?: string | null }> }>(first.get('graphSp'), false);
  const group = inventory.exclusionGroupId ? await fetcher.read<Record<string, unknown>>(first.get('group'), false) : undefined;
  const members = inventory.exclusionGroupId ? await fetcher.read<DirectoryObjectRef[]>(first.get('groupMembers'), true) : undefined;
  const owners = inventory.exclusionGroupId ? await fetcher.read<DirectoryObjectRef[]>(first.get('groupOwners'), true) : undefined;
  const otherApplications = app
    ? await fetcher.read<Array<{ id: string; appId: string; displayName: string; keyCredentials: never[] }>>(
        first.get('applications'),
        true,
      )
    : undefined;

  const notRead = (reason: string): Readable<never> => ({ ok: false, reason });
  const clientNotRead = clientPrincipal.ok
    ? clientPrincipal.value
      ? 'not read'
      : 'the sign-in client has no service principal'
    : clientPrincipal.reason;
  const signInClient: SignInClientSnapshot = {
    appId: signInClientId(inventory),
    firstParty: signInClientId(inventory).toLowerCase() === microsoftGraphCommandLineToolsAppId,
    servicePrincipal: clientPrincipal,
    delegatedGrants: secondAnswers.has('clientGrants')
      ? await fetcher.read(secondAnswers.get('clientGrants'), true)
      : clientPrincipal.ok && !clientPrincipal.value
        ? { ok: true, value: [] }
        : notRead(clientNotRead),
    assignedTo: secondAnswers.has('clientAssigned')
      ? await fetcher.read(secondAnswers.get('clientAssigned'), true)
      : clientPrincipal.ok && !clientPrincipal.value
        ? { ok: true, value: [] }
        : notRead(clientNotRead),
  };

  const snapshot: TenantSnapshot = {
    collectedAt: (options.now?.() ?? new Date()).toISOString(),
    inventory,
    domains: await fetcher.read(first.get('domains'), true),
    accounts,
    conditionalAccessPolicies: policies,
    resolvedExclusionIds,
    ...(group && members && owners
      ? {
          exclusionGroup:
            group.ok && members.ok && owners.ok
              ? {
                  ok: true,
                  value: { ...(group.value as { id: string; displayName: string }), members: members.value, owners: owners.value },
                }
              : {
                  ok: false,
                  reason: [group, members, owners]
                    .map((r) => (r.ok ? '' : r.reason))
                    .filter(Boolean)
                    .join(' '),
                },
        }
      : {}),
    roleAssignmentSchedules: await fetcher.read(first.get('assignments'), true),
    roleEligibilitySchedules: await fetcher.read(first.get('eligibilities'), true),
    roleManagementPolicyAssignments: await fetcher.read(first.get('rolePolicies'), true),
    authenticationMethodConfigurations: methodsPolicy.ok
      ? { ok: true, value: methodsPolicy.value.authenticationMethodConfigurations ?? [] }
      : methodsPolicy,
    certificateAuthorities: cba.ok ? { ok: true, value: cba.value.flatMap((c) => c.certificateAuthorities ?? []) } : cba,
    graphAppRoles: graphSp.ok
      ? { ok: true, value: { servicePrincipalId: graphSp.value.id, roles: graphSp.value.appRoles ?? [] } }
      : graphSp,
    ...(app && application && servicePrincipal && otherApplications
      ? {
          app: {
            configured: { appId: app.appId, ...(app.objectId ? { objectId: app.objectId } : {}) },
            application,
            owners: secondAnswers.has('owners')
              ? await fetcher.read(secondAnswers.get('owners'), true)
              : { ok: false, reason: application.ok ? 'not read' : application.reason },
            servicePrincipal,
            appRoleAssignments: secondAnswers.has('grants')
              ? await fetcher.read<AppRoleAssignment[]>(secondAnswers.get('grants'), true)
              : { ok: false, reason: servicePrincipal.ok ? 'not read' : servicePrincipal.reason },
            otherApplications: otherApplications.ok
              ? { ok: true, value: otherApplications.value.filter((a) => a.appId.toLowerCase() !== app.appId.toLowerCase()) }
              : otherApplications,
          },
        }
      : {}),
    signInClient,
    monitoring,
    reviews: options.reviews,
  };
  progress('Done', 3);
  return { snapshot, roundTrips: fetcher.roundTrips, requests: fetcher.requests };
}

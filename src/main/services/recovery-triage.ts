/**
 * The recovery step's triage (docs/domain.md, "The incident runbook"): which Conditional Access
 * policies block the break-glass accounts now – BG-CA-01's own decision (core/checks:
 * weighPolicy, accountLockOut), read with the signed-in session – and what each policy offers
 * without offering a change it already has. Reading the failed sign-in back from Entra's sign-in
 * log is in recovery-sign-in-log.ts.
 */
import { accountScope, userScopeSkipReason, type AccountScope, type ScopeMatch } from '../../core/checks/ca-applies.ts';
import { accountLockOut, breakGlassIds, weighPolicy } from '../../core/checks/conditional-access.ts';
import type { AccountSnapshot, ConditionalAccessPolicy, Readable, RoleSchedule } from '../../core/checks/snapshot.ts';
import { planAddExclusion } from '../../core/runbooks/recovery-actions.ts';
import type { Inventory } from '../../shared/inventory.ts';
import type { PolicySummary, RecoveryPolicies } from '../../shared/model/incident.ts';
import type { GraphConnection } from '../entra/graph-connection.ts';

/** What the decision needs besides the policy, read once per listing. */
export type TriageContext = {
  readonly scopes: readonly AccountScope[];
  readonly bgIds: ReadonlySet<string>;
  readonly exclusion: { readonly groupId?: string; readonly userIds?: readonly string[] };
  readonly problems: readonly string[];
};

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function readable<T>(read: () => Promise<T>): Promise<Readable<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    return { ok: false, reason: reasonOf(error) };
  }
}

/** The accounts of the inventory as the decision sees them, read with the signed-in session. */
export async function readTriageContext(graph: GraphConnection, inventory: Inventory): Promise<TriageContext> {
  const schedules = await readable(() => graph.list<RoleSchedule>('/roleManagement/directory/roleAssignmentSchedules'));
  const accounts = await Promise.all(
    inventory.accounts.map(async (configured): Promise<Pick<AccountSnapshot, 'configured' | 'user' | 'transitiveMemberOf'>> => {
      const who = encodeURIComponent(configured.id ?? configured.userPrincipalName);
      const [user, transitiveMemberOf] = await Promise.all([
        readable(() =>
          graph.get<{ id: string; userPrincipalName: string; userType?: string }>(`/users/${who}?$select=id,userPrincipalName,userType`),
        ),
        readable(() => graph.list<{ id: string }>(`/users/${who}/transitiveMemberOf?$select=id,displayName,roleTemplateId`)),
      ]);
      return { configured, user, transitiveMemberOf };
    }),
  );
  const scopes: AccountScope[] = [];
  const problems: string[] = [];
  for (const account of accounts) {
    const scope = accountScope(account, schedules, new Date());
    if (scope.ok) scopes.push(scope.value);
    else problems.push(scope.reason);
  }
  const userIds = inventory.accounts.map((a) => a.id).filter((id): id is string => Boolean(id));
  return {
    scopes,
    bgIds: breakGlassIds({ accounts, inventory }),
    exclusion: inventory.exclusionGroupId ? { groupId: inventory.exclusionGroupId } : { userIds },
    problems,
  };
}

const viaWords: Record<ScopeMatch['via'], string> = {
  all: 'all users',
  user: 'the account by name',
  group: 'a group the account is in',
  role: 'a role the account holds',
  guest: 'guests',
};

const grantWords: Record<string, string> = {
  block: 'blocks the sign-in',
  mfa: 'asks for multifactor authentication',
  compliantDevice: 'asks for a compliant device',
  domainJoinedDevice: 'asks for a hybrid-joined device',
  approvedApplication: 'asks for an approved client app',
  compliantApplication: 'asks for an app protection policy',
  passwordChange: 'asks for a password change',
};

function grantInWords(policy: ConditionalAccessPolicy): string {
  const grant = policy.grantControls;
  const parts = (grant?.builtInControls ?? []).map((c) => grantWords[c] ?? `asks for ${c}`);
  if (grant?.authenticationStrength)
    parts.push(
      `asks for the authentication strength ${grant.authenticationStrength.displayName ?? grant.authenticationStrength.id ?? ''}`.trim(),
    );
  return parts.length > 0 ? parts.join(grant?.operator === 'AND' ? ' and ' : ' or ') : 'sets session controls only';
}

/** One policy as the recovery step lists it. */
export function policySummary(policy: ConditionalAccessPolicy, context: TriageContext): PolicySummary {
  const blocks: PolicySummary['blocks'] = [];
  const weighed = weighPolicy(policy, context.bgIds);
  // Report-only policies block nobody now (BG-CA-02 warns about them for later); only enforced ones are triaged.
  if (!('skipped' in weighed) && !weighed.reportOnly) {
    for (const scope of context.scopes) {
      const decision = accountLockOut(weighed, scope);
      const included = 'included' in decision ? [...new Set(decision.included.map((m) => viaWords[m.via]))].join(', ') : '';
      if (decision.verdict === 'locks-out')
        blocks.push({
          account: scope.userPrincipalName,
          why: `It includes ${included} and does not exclude the account; it ${grantInWords(policy)}.`,
          undecided: false,
        });
      else if (decision.verdict === 'undecided')
        blocks.push({
          account: scope.userPrincipalName,
          why: `It may apply: ${decision.unknown.join('; ')}.`,
          undecided: true,
        });
    }
  }
  // The accounts' own protection policy (BG-CA-03) never blocks them by BG-CA-01's decision; turning it to
  // report-only would only weaken them, so it is not offered (docs/domain.md, "The incident runbook").
  const protection = 'protection' in weighed && weighed.protection;
  return {
    id: policy.id,
    displayName: policy.displayName,
    state: policy.state,
    blocks,
    offers: { reportOnly: policy.state === 'enabled' && !protection, addExclusion: offersExclusion(policy, context) },
    ...(protection ? { note: 'Protects the break-glass accounts themselves: left as it is.' } : {}),
  };
}

/**
 * The exclusion is offered only for a policy weighed for user sign-ins that is not the accounts'
 * own protection, and only where adding it changes something (planAddExclusion refuses otherwise).
 */
function offersExclusion(policy: ConditionalAccessPolicy, context: TriageContext): boolean {
  const weighed = weighPolicy(policy, context.bgIds);
  // A break-glass protection policy (BG-CA-03) is meant to apply to the accounts: excluding them undoes it.
  if (userScopeSkipReason(policy) || ('protection' in weighed && weighed.protection)) return false;
  try {
    planAddExclusion(policy, context.exclusion);
    return true;
  } catch {
    return false;
  }
}

/** Every policy: those that block a break-glass account first (sure ones before undecided), then the rest by name. */
export function triage(policies: readonly ConditionalAccessPolicy[], context: TriageContext): RecoveryPolicies {
  const rank = (p: PolicySummary) => (p.blocks.some((b) => !b.undecided) ? 0 : p.blocks.length > 0 ? 1 : 2);
  const rows = policies
    .map((p) => policySummary(p, context))
    .sort((a, b) => rank(a) - rank(b) || a.displayName.localeCompare(b.displayName, undefined, { numeric: true }));
  return {
    policies: rows,
    ...(context.problems.length > 0
      ? { triageProblem: `Which policies block the break-glass accounts could not all be told: ${context.problems.join(' ')}` }
      : {}),
  };
}

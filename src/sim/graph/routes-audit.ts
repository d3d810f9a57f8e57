/**
 * Sign-in logs (docs/microsoft-behaviour.md, "Sign-in logs"; https://learn.microsoft.com/graph/api/signin-list).
 * Needs AuditLog.Read.All and Directory.Read.All and a P1/P2 tenant. Without an event-type
 * filter only interactive user sign-ins are listed; service-principal sign-ins need beta and
 * `signInEventTypes/any(t: t eq 'servicePrincipal')`, a property v1.0 does not have.
 */
import { signInBetaOnlyProperties, type SignInSeed } from '../seed/schema-apps.ts';
import { graphErrors } from './errors.ts';
import { applyFilter, collection, entity, fail, needs, type GraphCall, type GraphResult } from './graph-call.ts';
import { accepts, permits } from './permissions.ts';
import { withoutProperties } from './present.ts';
import { route, type GraphRoute } from './routes.ts';

/**
 * The applied Conditional Access policies of a record are "returned only for callers with
 * privileges to read conditional access data" (resources/appliedconditionalaccesspolicy): the
 * client needs Policy.Read.ConditionalAccess, Policy.ReadWrite.ConditionalAccess or Policy.Read.All,
 * and a signed-in user a role that reads the policies as well (MicrosoftDocs/entra-docs,
 * how-to-view-applied-conditional-access-policies.md). Other callers get the record without them.
 */
function present(call: GraphCall, record: SignInSeed): Record<string, unknown> {
  const shown = call.version === 'beta' ? { ...record } : withoutProperties(record, signInBetaOnlyProperties);
  return permits(call.caller, accepts.readAppliedConditionalAccess) ? shown : { ...shown, appliedConditionalAccessPolicies: [] };
}

/**
 * A sign-in is in the log only some minutes after it happened (reference-log-latency; the
 * quickstart for a failed sign-in waits 5 minutes): the seed's `tenant.signInLogDelaySeconds` holds it
 * back by that much of the simulator's clock.
 */
function logged(call: GraphCall, record: SignInSeed): boolean {
  const delay = (call.context.tenant.seed.tenant.signInLogDelaySeconds ?? 0) * 1000;
  return delay === 0 || Date.parse(record.createdDateTime) <= call.context.tenant.clock.now().getTime() - delay;
}

function denied(call: GraphCall): GraphResult | undefined {
  const denied = needs(call, accepts.readSignIns);
  if (denied) return denied;
  if (!call.context.tenant.isPremium) return fail(graphErrors.notPremium());
  return undefined;
}

const isInteractiveUser = (record: SignInSeed) =>
  record.signInEventTypes ? record.signInEventTypes.includes('interactiveUser') : record.isInteractive !== false && Boolean(record.userId);

export const auditRoutes: readonly GraphRoute[] = [
  route('GET', 'auditLogs/signIns', (call) => {
    const problem = denied(call);
    if (problem) return problem;
    const filter = call.query.get('$filter') ?? '';
    const byEventType = /signInEventTypes/i.test(filter);
    if (byEventType && call.version === 'v1.0')
      return fail(graphErrors.badRequest("Could not find a property named 'signInEventTypes' on type 'microsoft.graph.signIn'."));
    const records = call.context.tenant.seed.signIns
      .filter((r) => logged(call, r))
      .sort((a, b) => Date.parse(b.createdDateTime) - Date.parse(a.createdDateTime));
    const filtered = applyFilter(call, records);
    if (!filtered.ok) return fail(filtered.failure);
    const items = byEventType ? filtered.items : filtered.items.filter(isInteractiveUser);
    return collection(call, items, {
      contextFragment: 'auditLogs/signIns',
      filter: false,
      maxPageSize: 1000,
      present: (r) => present(call, r),
    });
  }),
  route('GET', 'auditLogs/signIns/{id}', (call, { id }) => {
    const problem = denied(call);
    if (problem) return problem;
    const record = call.context.tenant.seed.signIns.find((r) => r.id === id && logged(call, r));
    return record ? entity(call, present(call, record), 'auditLogs/signIns/$entity') : fail(graphErrors.notFound(`Sign-in '${id}'`));
  }),
];

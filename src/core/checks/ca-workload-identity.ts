/**
 * Conditional Access check BG-CA-05 (docs/domain.md, "The catalogue"): the break-glass app's
 * service principal is excluded from every enabled workload-identity policy that includes it, so
 * the app path of the runbook still works when the user path is blocked. Row shapes are
 * described in conditional-access.ts.
 */
import { describeGrant } from './ca-applies.ts';
import { listed, plural, policySubject, portalPath, readPoliciesRemedy, reportOnly } from './ca-shared.ts';
import { result, type CheckResult, type CheckSubject } from './model.ts';
import type { TenantSnapshot } from './snapshot.ts';

export function checkWorkloadIdentityPolicies(snapshot: TenantSnapshot): CheckResult[] {
  const app = snapshot.app;
  if (!app) return [];
  const principal = app.servicePrincipal;
  const appSubject: CheckSubject = principal.ok
    ? { kind: 'app', id: principal.value.id, name: principal.value.displayName }
    : { kind: 'app', id: app.configured.appId, name: `Break-glass app (${app.configured.appId})` };
  const policies = snapshot.conditionalAccessPolicies;
  if (!principal.ok)
    return [
      result(
        'BG-CA-05',
        'indeterminate',
        appSubject,
        "The break-glass app's service principal could not be read",
        [principal.reason],
        'Check the appId in the inventory and that the reader app may read service principals (Application.Read.All), then run the checks again.',
      ),
    ];
  if (!policies.ok)
    return [
      result(
        'BG-CA-05',
        'indeterminate',
        appSubject,
        'Conditional Access policies could not be read',
        [policies.reason],
        readPoliciesRemedy,
      ),
    ];

  const spId = principal.value.id.toLowerCase();
  const findings: CheckResult[] = [];
  const trial: string[] = [];
  let excluding = 0;
  let workload = 0;
  for (const policy of policies.value) {
    const clients = policy.conditions.clientApplications;
    if (!clients || policy.state === 'disabled') continue;
    workload += 1;
    const include = (clients.includeServicePrincipals ?? []).map((s) => s.toLowerCase());
    const how = include.includes(spId)
      ? "the app's service principal id"
      : include.includes('serviceprincipalsinmytenant')
        ? 'ServicePrincipalsInMyTenant'
        : undefined;
    if (!how) continue;
    if ((clients.excludeServicePrincipals ?? []).some((s) => s.toLowerCase() === spId)) {
      excluding += 1;
      continue;
    }
    // BG-CA-05 weighs enabled policies only (docs/domain.md, "The catalogue"); a report-only one is named in the pass evidence.
    if (policy.state === reportOnly) {
      trial.push(policy.displayName);
      continue;
    }
    findings.push(
      result(
        'BG-CA-05',
        'fail',
        policySubject(policy),
        `${policy.displayName} applies to the break-glass app's service principal`,
        [
          `state: ${policy.state}`,
          `includeServicePrincipals names ${how} (${principal.value.id}).`,
          `excludeServicePrincipals ${listed(clients.excludeServicePrincipals)} does not name it.`,
          `Grant: ${describeGrant(policy)}.`,
        ],
        `Exclude the service principal ${principal.value.displayName} (${principal.value.id}) from the policy (${portalPath(policy)} → Workload identities → Exclude). Otherwise the app path of the runbook fails exactly when the user path is blocked.`,
      ),
    );
  }
  if (findings.length > 0) return findings;
  return [
    result('BG-CA-05', 'pass', appSubject, 'No enabled workload-identity policy applies to the app', [
      `${plural(workload, 'workload-identity policy', 'workload-identity policies')} weighed (disabled ones left out); ${excluding} of them include the app and exclude it.`,
      ...(trial.length > 0 ? [`Report-only, would apply once switched on: ${trial.join(', ')} – exclude the app before enabling.`] : []),
    ]),
  ];
}

/**
 * What the Conditional Access checks (conditional-access.ts, ca-exclusion-hygiene.ts,
 * ca-workload-identity.ts) share: the subjects their rows are about, the portal path and remedy
 * they name, and how they word counts and id lists (docs/domain.md, "The catalogue").
 */
import type { CheckSubject } from './model.ts';
import type { ConditionalAccessPolicy, TenantSnapshot } from './snapshot.ts';

export const reportOnly = 'enabledForReportingButNotEnforced';
export const portalPath = (policy: ConditionalAccessPolicy) =>
  `Entra admin centre → Protection → Conditional Access → Policies → "${policy.displayName}"`;
export const readPoliciesRemedy =
  'Give the reader app Policy.Read.All (Conditional Access also needs a Microsoft Entra ID P1 licence), then run the checks again.';

export const policySubject = (policy: ConditionalAccessPolicy): CheckSubject => ({
  kind: 'policy',
  id: policy.id,
  name: policy.displayName,
});
export const tenantSubject = (snapshot: TenantSnapshot): CheckSubject => ({
  kind: 'tenant',
  id: snapshot.inventory.tenantId,
  name: 'Conditional Access policies',
});
export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
export const listed = (values: readonly string[] | null | undefined) => (values && values.length > 0 ? values.join(', ') : '(empty)');

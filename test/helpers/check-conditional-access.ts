/**
 * Conditional Access policies for the BG-CA check tests, on the ready tenant of check-snapshot.ts:
 * `policy()` builds one in Graph's shape, `withPolicies` puts a list in the snapshot, and `run`
 * runs the checks, asserting what every result must carry; `rows`, `statuses` and `text` read them.
 */
import assert from 'node:assert/strict';
import { checkConditionalAccess } from '../../src/core/checks/conditional-access.ts';
import { CheckResult, subjectKey, subjectLabel, type CheckId } from '../../src/core/checks/model.ts';
import type { ConditionalAccessPolicy, ConditionalAccessUsers, TenantSnapshot } from '../../src/core/checks/snapshot.ts';
import { context, ok, readySnapshot } from './check-snapshot.ts';
import { assertPlainInView } from './check-words.ts';

let serial = 0;
export function policy(
  displayName: string,
  users: ConditionalAccessUsers | null,
  change: Partial<ConditionalAccessPolicy> & { applications?: object; clientApplications?: object } = {},
): ConditionalAccessPolicy {
  const { applications, clientApplications, ...rest } = change;
  serial += 1;
  return {
    id: `e1000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    displayName,
    state: 'enabled',
    conditions: {
      applications: {
        includeApplications: ['All'],
        excludeApplications: [],
        includeUserActions: [],
        includeAuthenticationContextClassReferences: [],
        ...applications,
      },
      users: users && {
        includeUsers: [],
        excludeUsers: [],
        includeGroups: [],
        excludeGroups: [],
        includeRoles: [],
        excludeRoles: [],
        ...users,
      },
      clientApplications: clientApplications ?? null,
    },
    grantControls: { operator: 'OR', builtInControls: ['block'], authenticationStrength: null },
    ...rest,
  };
}

export const withPolicies = (policies: ConditionalAccessPolicy[], change: Partial<TenantSnapshot> = {}): TenantSnapshot => ({
  ...readySnapshot(),
  conditionalAccessPolicies: ok(policies),
  ...change,
});

export function run(snapshot: TenantSnapshot): CheckResult[] {
  const results = checkConditionalAccess(context(snapshot));
  assertPlainInView(results);
  for (const r of results) {
    CheckResult.parse(r);
    assert.ok(r.title.length > 0, `${r.id} has a title`);
    if (r.status !== 'pass') {
      assert.ok(r.evidence.length > 0 && r.evidence.every((e) => e.length > 0), `${r.id} ${r.status} for ${r.subject.name} has evidence`);
      assert.ok(r.remediation.length > 0, `${r.id} ${r.status} for ${r.subject.name} has a remediation`);
    }
  }
  // docs/domain.md, "Results": one result per check id per subject – so a reader can key entries by the pair.
  const keys = results.map((r) => `${r.id} ${subjectKey(r.subject)}`);
  assert.deepEqual(
    keys.filter((key, i) => keys.indexOf(key) !== i),
    [],
    'one entry per check id per subject',
  );
  return results;
}
export const rows = (results: CheckResult[], id: CheckId) => results.filter((r) => r.id === id);
export const statuses = (results: CheckResult[], id: CheckId) =>
  rows(results, id).map((r) => `${r.status}:${r.subject.kind}:${subjectLabel(r.subject)}`);
export const text = (r: CheckResult) => [r.title, ...r.evidence, r.remediation].join('\n');

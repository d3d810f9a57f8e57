/**
 * A tenant of real size: the demo tenant with its Conditional Access policies filled up to the
 * service maximum of 195 per tenant, for screens and checks that must stay
 * usable at that size. The demo's own policies – its planted lock-out (CA210, which blocks
 * breakglass2) among them – come first, unchanged; the rest are renamed copies of the demo's
 * other policies with fixed ids, each in its original's state (a report-only original stays
 * report-only: switched on, some would lock the accounts out), so a run is repeatable and the
 * lock-outs stay the demo's own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const serviceMaximumPolicies = 195;

type Policy = { id: string; displayName: string; state: string } & Record<string, unknown>;

/** A fixed, well-formed GUID for the n-th copy. */
const copyId = (n: number) => `0c0c0c0c-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** The demo seed (JSON-ready) with `count` Conditional Access policies. */
export function largeTenantSeedJson(count = serviceMaximumPolicies): Record<string, unknown> {
  const seed = JSON.parse(readFileSync(join(process.cwd(), 'assets', 'demo-tenant.seed.json'), 'utf8')) as Record<string, unknown>;
  const own = seed['conditionalAccessPolicies'] as Policy[];
  const templates = own.filter((policy) => !policy.displayName.startsWith('CA210'));
  const copies = Array.from({ length: Math.max(0, count - own.length) }, (_, n): Policy => {
    const template = structuredClone(templates[n % templates.length]!);
    const number = 1000 + n;
    return {
      ...template,
      id: copyId(n + 1),
      displayName: `CA${number}-${template.displayName.replace(/^CA\d+-?/, '')}`,
    };
  });
  return { ...seed, conditionalAccessPolicies: [...own, ...copies] };
}

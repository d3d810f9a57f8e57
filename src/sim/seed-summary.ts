/**
 * Reads just enough of a simulated-tenant seed to name it (its `tenant` section).
 */
import { readFileSync } from 'node:fs';

import { ActionableError } from '../shared/actionable-error.ts';

export type SeedSummary = { readonly tenantId: string; readonly displayName: string };

export function readSeedSummary(path: string): SeedSummary {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ActionableError(
      `The simulated-tenant seed ${path} cannot be read: ${(error as Error).message}.`,
      'Check the path given with --sim, or start without it to use the built-in demo tenant.',
    );
  }
  const tenant = (raw as { tenant?: { id?: unknown; displayName?: unknown } } | null)?.tenant;
  if (typeof tenant?.id !== 'string' || typeof tenant.displayName !== 'string') {
    throw new ActionableError(
      `The simulated-tenant seed ${path} has no valid "tenant" section at $.tenant (it needs "id" and "displayName").`,
      'Fix the seed file, or start without --sim to use the built-in demo tenant.',
    );
  }
  return { tenantId: tenant.id, displayName: tenant.displayName };
}

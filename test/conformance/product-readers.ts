/**
 * The product's readers run on Microsoft's replayed answers: the readiness snapshot collector
 * (which reads most of Graph and ARM in `$batch` rounds) followed by the whole check catalogue,
 * so "the product parses it" means the collector keeps Microsoft's body as data and no check
 * stumbles over it.
 */
import assert from 'node:assert/strict';

import { runChecks } from '../../src/core/checks/index.ts';
import type { Readable, TenantSnapshot } from '../../src/core/checks/snapshot.ts';
import { collectSnapshot } from '../../src/main/services/readiness/collect-snapshot.ts';
import { globalCloudEndpoints, type Inventory } from '../../src/shared/inventory.ts';
import type { MicrosoftReplay } from './microsoft-replay.ts';

/** A tenant id for inventories of the replay (Microsoft's examples name no tenant). */
const replayTenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47';

export async function snapshotOfReplay(replay: MicrosoftReplay, inventory: Partial<Inventory> = {}): Promise<TenantSnapshot> {
  const full: Inventory = { tenantId: replayTenantId, endpoints: globalCloudEndpoints, accounts: [], reviewIntervalDays: 90, ...inventory };
  const now = new Date('2026-06-01T00:00:00Z');
  const { snapshot } = await collectSnapshot({
    inventory: full,
    session: { graph: replay.graph, arm: replay.arm } as never,
    reviews: { ok: false, reason: 'not part of the conformance test' },
    now: () => now,
  });
  const results = runChecks({ snapshot, now, certificateWarningDays: 30 });
  assert.ok(results.length > 0, 'the check catalogue gave no result on the snapshot');
  return snapshot;
}

/** The value of a snapshot part that must have been read; fails with the collector's reason otherwise. */
export function readValue<T>(part: Readable<T> | undefined, what: string): T {
  assert.ok(part, `the snapshot has no ${what}`);
  assert.ok(part.ok, `the collector could not read ${what}: ${part.ok ? '' : part.reason}`);
  return part.value;
}

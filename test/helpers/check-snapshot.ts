/**
 * Hand-built tenant snapshots for the check tests: `readySnapshot()` is a tenant where every
 * check should pass for two break-glass accounts and the app; tests change one part of it.
 * (Each check module's tests extend what they need; keep this the common ground.)
 */
import type { CheckContext } from '../../src/core/checks/context.ts';
import type { Readable, TenantSnapshot } from '../../src/core/checks/snapshot.ts';
import type { Inventory } from '../../src/shared/inventory.ts';

export const ok = <T>(value: T): Readable<T> => ({ ok: true, value });
export const unreadable = (reason: string): Readable<never> => ({ ok: false, reason });

export const tid = '11111111-2222-4333-8444-555555555555';
export const bg1 = { id: 'a0000000-0000-4000-8000-000000000001', userPrincipalName: 'bg1@drilltest.onmicrosoft.com' };
export const bg2 = { id: 'a0000000-0000-4000-8000-000000000002', userPrincipalName: 'bg2@drilltest.onmicrosoft.com' };
export const exclusionGroupId = 'b0000000-0000-4000-8000-000000000001';
export const app = { appId: 'd0000000-0000-4000-8000-000000000001', objectId: 'd1000000-0000-4000-8000-000000000001', servicePrincipalId: 'd2000000-0000-4000-8000-000000000001' };
export const subscriptionId = 'f0000000-0000-4000-8000-000000000001';

export function testInventory(change: Partial<Inventory> = {}): Inventory {
  return {
    tenantId: tid,
    endpoints: { authority: 'https://login.microsoftonline.com', graph: 'https://graph.microsoft.com', arm: 'https://management.azure.com' },
    accounts: [bg1, bg2],
    exclusionGroupId,
    app: { appId: app.appId, objectId: app.objectId },
    reader: { appId: 'd0000000-0000-4000-8000-000000000002' },
    monitoring: { subscriptionIds: [subscriptionId] },
    reviewIntervalDays: 90,
    ...change,
  };
}

export const now = new Date('2026-11-29T12:00:00Z');

export function context(snapshot: TenantSnapshot, change: Partial<Omit<CheckContext, 'snapshot'>> = {}): CheckContext {
  return { snapshot, now, certificateWarningDays: 30, ...change };
}

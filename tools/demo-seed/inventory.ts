/**
 * The inventory file matching the demo tenant (docs/domain.md, "The inventory file"). No endpoints:
 * with `--sim` the simulator points them at itself, and no certificate paths: with `--sim`
 * the credentials come from the seed's `simulator` section.
 */
import type { z } from 'zod';

import type { Inventory } from '../../src/shared/inventory.ts';
import { apps, azureIds, breakGlassUpns, groupIds, tenantId, userIds } from './ids.ts';

export function inventory(): z.input<typeof Inventory> {
  return {
    tenantId,
    accounts: [
      { userPrincipalName: breakGlassUpns.breakglass1, id: userIds.breakglass1 },
      { userPrincipalName: breakGlassUpns.breakglass2, id: userIds.breakglass2 },
    ],
    exclusionGroupId: groupIds.breakGlassExclusion,
    publicClientId: apps.custodian.appId,
    app: { appId: apps.breakGlass.appId, objectId: apps.breakGlass.objectId },
    reader: { appId: apps.reader.appId },
    monitoring: { subscriptionIds: [azureIds.subscriptionId] },
    reviewIntervalDays: 90,
  };
}

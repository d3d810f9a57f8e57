/** What every area of checks receives: the snapshot, the time, and the thresholds. */
import type { TenantSnapshot } from './snapshot.ts';

export type CheckContext = {
  readonly snapshot: TenantSnapshot;
  readonly now: Date;
  /** BG-APP-03 warns when the last valid certificate expires within this many days (30). */
  readonly certificateWarningDays: number;
};

export const globalAdministratorRoleId = '62e90394-69f5-4237-9190-012177145e10';
export const privilegedRoleAdministratorRoleId = 'e8611ab8-c189-46e8-94e1-60213ab1f814';

/** What every area of checks receives: the snapshot, the time, and the thresholds. */
import type { TenantSnapshot } from './snapshot.ts';

export type CheckContext = {
  readonly snapshot: TenantSnapshot;
  readonly now: Date;
  /** BG-APP-03 warns when the last valid certificate expires within this many days (30). */
  readonly certificateWarningDays: number;
};

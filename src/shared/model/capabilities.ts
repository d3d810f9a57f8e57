/**
 * The product's four entry points and whether this build provides them yet.
 */
import { z } from 'zod';

export const capabilityIds = ['incident', 'rotation', 'readiness', 'drill'] as const;

export const CapabilityId = z.enum(capabilityIds);
export type CapabilityId = z.infer<typeof CapabilityId>;

export const Capability = z
  .object({
    id: CapabilityId,
    title: z.string(),
    summary: z.string(),
    available: z.boolean(),
    /** Shown when the entry point is chosen but not available: what is missing, plainly. */
    unavailableReason: z.string().optional(),
    /** What the custodian should do instead, right now. */
    nextStep: z.string().optional(),
  })
  .strict();

export type Capability = z.infer<typeof Capability>;

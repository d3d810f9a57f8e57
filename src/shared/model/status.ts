/**
 * What the home screen shows: the tenant in use, where the journal lives, and the open incident.
 */
import { z } from 'zod';

import { Capability } from './capabilities.ts';
import { IncidentStepId } from './incident.ts';

export const TenantInUse = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('configured'),
      tenantId: z.string(),
      label: z.string(),
      configPath: z.string(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('demo'),
      label: z.string(),
      tenantName: z.string(),
      seedPath: z.string(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('none'),
      label: z.string(),
      /** Set when a configuration file exists but could not be used. */
      problem: z.string().optional(),
      nextStep: z.string(),
    })
    .strict(),
]);

export type TenantInUse = z.infer<typeof TenantInUse>;

export const JournalLocation = z
  .object({
    /** The journal database file. */
    file: z.string(),
    /** Why it is there: next to the app (portable, on the safe's media) or in the user's profile. */
    mode: z.enum(['portable', 'user-data', 'chosen']),
    /** continued: the usual file could not be used and is kept untouched; this one carries on. */
    state: z.enum(['ready', 'continued', 'unavailable']),
    /** One plain sentence about the state. */
    detail: z.string(),
  })
  .strict();

export type JournalLocation = z.infer<typeof JournalLocation>;

/** The open incident (or drill), folded from the journal, for the banner every screen shows. */
export const OpenIncidentStatus = z
  .object({
    kind: z.enum(['incident', 'drill']),
    title: z.string(),
    /** The step the incident screen resumes at. */
    step: IncidentStepId,
    openedAt: z.string(),
  })
  .strict();

export type OpenIncidentStatus = z.infer<typeof OpenIncidentStatus>;

export const AppStatus = z
  .object({
    product: z.object({ name: z.string(), version: z.string() }).strict(),
    host: z.enum(['electron', 'web']),
    tenant: TenantInUse,
    journal: JournalLocation,
    capabilities: z.array(Capability),
    /** Set while an incident is open; the journal is its only source. */
    incident: OpenIncidentStatus.optional(),
  })
  .strict();

export type AppStatus = z.infer<typeof AppStatus>;

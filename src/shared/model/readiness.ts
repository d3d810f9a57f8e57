/**
 * What the Check readiness screen sees: what it can run as, earlier runs from the journal, a
 * run's progress and its results. The reader's PFX passphrase travels only inward.
 */
import { z } from 'zod';

import { CheckResult, CheckStatus } from './checks.ts';

export const CheckCounts = z
  .object({ pass: z.number().int(), warn: z.number().int(), fail: z.number().int(), indeterminate: z.number().int() })
  .strict();

export const ReadinessRunView = z
  .object({
    /** The journal session that holds the run (its export and history key). */
    sessionId: z.string().optional(),
    tenantId: z.string(),
    startedAt: z.string(),
    finishedAt: z.string(),
    verdict: CheckStatus,
    summary: CheckCounts,
    results: z.array(CheckResult),
    journalHead: z.string().optional(),
    /** The journal stopped taking writes during the run: what is missing from it, and what to do. */
    journalGap: z.object({ message: z.string(), nextStep: z.string() }).strict().optional(),
  })
  .strict();
export type ReadinessRunView = z.infer<typeof ReadinessRunView>;

export const ReadinessHistoryItem = z
  .object({ sessionId: z.string(), at: z.string(), verdict: CheckStatus.optional(), summary: CheckCounts, actor: z.string() })
  .strict();
export type ReadinessHistoryItem = z.infer<typeof ReadinessHistoryItem>;

export const ReadinessOptions = z
  .object({
    tenantLabel: z.string(),
    /** Set when no readiness check can run here, with what to do about it. */
    problem: z.object({ message: z.string(), nextStep: z.string() }).strict().optional(),
    reader: z
      .object({ appId: z.string(), source: z.enum(['simulated-safe', 'file']), certificatePath: z.string().optional() })
      .strict()
      .optional(),
    history: z.array(ReadinessHistoryItem),
    alertQueries: z.object({ accounts: z.string(), app: z.string().optional() }).strict().optional(),
  })
  .strict();
export type ReadinessOptions = z.infer<typeof ReadinessOptions>;

export const ReadinessStart = z
  .object({ actor: z.string().trim().min(1, 'say who runs the check').max(200), passphrase: z.string().max(1024).optional() })
  .strict();

export const ReadinessProgress = z.discriminatedUnion('state', [
  z.object({ state: z.literal('running'), step: z.string(), done: z.number().int(), total: z.number().int() }).strict(),
  z.object({ state: z.literal('done'), run: ReadinessRunView }).strict(),
  z.object({ state: z.literal('failed'), message: z.string(), nextStep: z.string() }).strict(),
]);
export type ReadinessProgress = z.infer<typeof ReadinessProgress>;

export const readinessExportFormats = ['md', 'json'] as const;
export const ReadinessExportFormat = z.enum(readinessExportFormats);
export const toolExportKinds = ['maester', 'sentinel-watchlist'] as const;
export const ToolExportKind = z.enum(toolExportKinds);

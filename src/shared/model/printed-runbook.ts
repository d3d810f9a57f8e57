/**
 * The printed runbook for the safe (docs/domain.md, "The printed runbook"): the runbook in use,
 * the tenant and its break-glass accounts, and what the most common sign-in refusals mean – all
 * the custodian needs on paper when no screen works.
 */
import { z } from 'zod';

import { RunbookContent } from './runbook.ts';

export const PrintedSignInCode = z
  .object({
    code: z.number().int(),
    /** Which way in the advice is for. */
    path: z.enum(['security-key', 'certificate']),
    title: z.string(),
    whatToDo: z.array(z.string()),
  })
  .strict();
export type PrintedSignInCode = z.infer<typeof PrintedSignInCode>;

export const PrintedRunbook = z
  .object({
    runbook: RunbookContent,
    source: z.enum(['file', 'builtin']),
    tenant: z
      .object({
        label: z.string(),
        simulated: z.boolean(),
        tenantId: z.string().optional(),
        /** Where the accounts sign in: the authority with the tenant id. */
        signInAddress: z.string().optional(),
        /** Why the tenant's details are missing, when they are. */
        problem: z.string().optional(),
      })
      .strict(),
    accounts: z.array(z.string()),
    app: z.object({ label: z.string(), appId: z.string() }).strict().optional(),
    signInCodes: z.array(PrintedSignInCode),
    printedAt: z.string(),
  })
  .strict();
export type PrintedRunbook = z.infer<typeof PrintedRunbook>;

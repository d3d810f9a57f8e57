/**
 * The readiness check catalogue's results (DOMAIN.md, "The check catalogue"): one result per
 * check id per subject, `pass | warn | fail | indeterminate`, with the evidence that decided it
 * and what to do about it. Ids and their meanings are part of the product's interface.
 */
import { z } from 'zod';

export const CheckStatus = z.enum(['pass', 'warn', 'fail', 'indeterminate']);
export type CheckStatus = z.infer<typeof CheckStatus>;

export const checkIds = [
  'BG-INV-01',
  'BG-USR-01', 'BG-USR-02', 'BG-USR-03', 'BG-USR-04', 'BG-USR-05', 'BG-USR-06', 'BG-USR-07', 'BG-USR-08',
  'BG-CA-01', 'BG-CA-02', 'BG-CA-03', 'BG-CA-04', 'BG-CA-05', 'BG-CA-06',
  'BG-PIM-01', 'BG-PIM-02',
  'BG-APP-01', 'BG-APP-02', 'BG-APP-03', 'BG-APP-04', 'BG-APP-05', 'BG-APP-06',
  'BG-MON-01', 'BG-MON-02', 'BG-MON-03', 'BG-MON-04',
  'BG-REV-01',
] as const;
export const CheckId = z.enum(checkIds);
export type CheckId = z.infer<typeof CheckId>;

/** What a result is about: an account, the app, a policy, the tenant, monitoring. */
export const CheckSubject = z
  .object({
    kind: z.enum(['tenant', 'account', 'app', 'policy', 'group', 'monitoring', 'journal']),
    /** The object id or UPN, policy id, subscription id… */
    id: z.string(),
    /** What a person calls it: the UPN, the policy's display name. */
    name: z.string(),
  })
  .strict();
export type CheckSubject = z.infer<typeof CheckSubject>;

export const CheckResult = z
  .object({
    id: CheckId,
    status: CheckStatus,
    subject: CheckSubject,
    /** One line saying what held or did not. */
    title: z.string(),
    /** The data that decided it, in plain words ("excludeGroups contains CA-BreakGlass (…)"). */
    evidence: z.array(z.string()),
    /** What to do when it is not a pass; empty for a pass. */
    remediation: z.string(),
  })
  .strict();
export type CheckResult = z.infer<typeof CheckResult>;

export type CheckSummary = Record<CheckStatus, number>;

export function summarize(results: readonly CheckResult[]): CheckSummary {
  const summary: CheckSummary = { pass: 0, warn: 0, fail: 0, indeterminate: 0 };
  for (const result of results) summary[result.status] += 1;
  return summary;
}

/** The overall verdict: the worst status present (fail and indeterminate both stop a "ready"). */
export function overallStatus(results: readonly CheckResult[]): CheckStatus {
  const order: CheckStatus[] = ['fail', 'indeterminate', 'warn', 'pass'];
  return order.find((status) => results.some((r) => r.status === status)) ?? 'pass';
}

export function result(id: CheckId, status: CheckStatus, subject: CheckSubject, title: string, evidence: readonly string[] = [], remediation = ''): CheckResult {
  return { id, status, subject, title, evidence: [...evidence], remediation: status === 'pass' ? '' : remediation };
}

/**
 * The readiness check catalogue's results (docs/domain.md, "Results"): one result per
 * check id per subject, `pass | warn | fail | indeterminate`, with the evidence that decided it
 * and what to do about it. Ids and their meanings are part of the product's interface.
 */
import { CheckId, CheckResult, CheckStatus, CheckSubject, checkIds, subjectKey, subjectLabel } from '../../shared/model/checks.ts';

export { CheckId, CheckResult, CheckStatus, CheckSubject, checkIds, subjectKey, subjectLabel };

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

export function result(
  id: CheckId,
  status: CheckStatus,
  subject: CheckSubject,
  title: string,
  evidence: readonly string[] = [],
  remediation = '',
): CheckResult {
  return { id, status, subject, title, evidence: [...evidence], remediation: status === 'pass' ? '' : remediation };
}

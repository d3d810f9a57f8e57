/**
 * The whole check catalogue on one snapshot, in catalogue order: accounts, Conditional Access,
 * PIM, the app, monitoring, review.
 */
import { checkAccounts } from './accounts.ts';
import { checkApp } from './app.ts';
import { checkConditionalAccess } from './conditional-access.ts';
import type { CheckContext } from './context.ts';
import { checkIds, type CheckResult } from './model.ts';
import { checkMonitoring } from './monitoring.ts';
import { checkPim } from './pim.ts';
import { checkReview } from './review.ts';
import { checkSignInClient } from './sign-in-client.ts';

export function runChecks(context: CheckContext): CheckResult[] {
  const results = [
    ...checkAccounts(context),
    ...checkConditionalAccess(context),
    ...checkPim(context),
    ...checkApp(context),
    ...checkSignInClient(context),
    ...checkMonitoring(context),
    ...checkReview(context),
  ];
  const order = new Map(checkIds.map((id, index) => [id, index]));
  // Stable: results of one id keep the order their module gave them.
  return results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => order.get(a.r.id)! - order.get(b.r.id)! || a.i - b.i)
    .map(({ r }) => r);
}

export type { CheckContext } from './context.ts';

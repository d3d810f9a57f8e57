/**
 * BG-USR-08 (docs/domain.md, "The catalogue"): the break-glass account signed in successfully
 * within the review interval, so its key and the drill are known to work.
 */
import { userPage } from './account-shared.ts';
import type { CheckContext } from './context.ts';
import { result, type CheckResult, type CheckSubject } from './model.ts';
import type { AccountSnapshot } from './snapshot.ts';

const dayMs = 24 * 60 * 60 * 1000;

// ——— BG-USR-08: recent sign-in ———

export function checkRecentSignIn(context: CheckContext, subject: CheckSubject, upn: string, account: AccountSnapshot): CheckResult {
  const interval = context.snapshot.inventory.reviewIntervalDays;
  const activity = account.signInActivity;
  if (!activity.ok) {
    return result(
      'BG-USR-08',
      'indeterminate',
      subject,
      `When ${upn} last signed in is unknown: sign-in activity could not be read`,
      [`Sign-in activity: ${activity.reason}`],
      `Reading signInActivity needs AuditLog.Read.All for the reader and a Microsoft Entra ID P1 or P2 licence; meanwhile check ${userPage(upn)} > Sign-in logs.`,
    );
  }
  const drill = `Run a live drill: tell the security operations team, sign in as ${upn} with its key from the safe, perform an admin task and record it in the journal (Microsoft asks for this at least every 90 days). Make sure no inactivity clean-up disables the account.`;
  // lastSuccessfulSignInDateTime exists since December 2023 (docs/microsoft-behaviour.md, "Users and sign-in activity"): null there means
  // no successful sign-in, whatever lastSignInDateTime says – that one also counts failed attempts
  // (a password spray would keep it fresh). It is used only where the property is missing altogether.
  const reported = activity.value !== null && activity.value !== undefined && 'lastSuccessfulSignInDateTime' in activity.value;
  const successful = activity.value?.lastSuccessfulSignInDateTime ?? undefined;
  const last = reported ? successful : (activity.value?.lastSignInDateTime ?? undefined);
  if (!last)
    return result(
      'BG-USR-08',
      'warn',
      subject,
      `${upn} has never signed in (or not since sign-in activity is recorded)`,
      ['signInActivity records no sign-in.'],
      drill,
    );
  const at = Date.parse(last);
  const field = successful
    ? 'lastSuccessfulSignInDateTime'
    : 'lastSignInDateTime (no successful sign-in date recorded; this one may be a failed attempt)';
  if (Number.isNaN(at)) {
    return result(
      'BG-USR-08',
      'indeterminate',
      subject,
      `When ${upn} last signed in is unknown: the date cannot be read`,
      [`${field} = "${last}".`],
      `Check ${userPage(upn)} > Sign-in logs.`,
    );
  }
  const ageDays = Math.floor(Math.max(context.now.getTime() - at, 0) / dayMs);
  const evidence = [`${field} = ${last} (${ageDays} days ago); the review interval is ${interval} days.`];
  if (context.now.getTime() - at <= interval * dayMs) {
    return result('BG-USR-08', 'pass', subject, `${upn} last signed in ${ageDays} days ago, within the ${interval}-day interval`, evidence);
  }
  return result(
    'BG-USR-08',
    'warn',
    subject,
    `${upn} last signed in ${ageDays} days ago, longer ago than the ${interval}-day interval`,
    evidence,
    drill,
  );
}

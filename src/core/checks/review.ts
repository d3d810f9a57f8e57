/**
 * BG-REV-01: the break-glass setup was reviewed or drilled recently enough (docs/domain.md,
 * "The catalogue"). Microsoft asks for validation at least every 90 days
 * (docs/microsoft-behaviour.md, "Emergency access accounts"); the interval is the
 * inventory's `reviewIntervalDays`. The date comes from the journal, not from the tenant.
 */
import type { CheckContext } from './context.ts';
import { result, type CheckResult, type CheckSubject } from './model.ts';

const dayMs = 24 * 60 * 60 * 1000;

const runADrill = (intervalDays: number) =>
  `Run a review or live drill with this app (tell the security operations team first, sign in with each break-glass account, perform an admin task, put the keys back) so it is recorded in the journal; repeat at least every ${intervalDays} days and after custodian or subscription changes.`;

export function checkReview(context: CheckContext): CheckResult[] {
  const { reviews, inventory } = context.snapshot;
  const intervalDays = inventory.reviewIntervalDays;

  if (!reviews.ok) {
    const subject: CheckSubject = { kind: 'journal', id: 'journal', name: 'the journal' };
    const unknown = 'When the break-glass setup was last reviewed or drilled is unknown';
    return [
      'noJournal' in reviews
        ? result(
            'BG-REV-01',
            'indeterminate',
            subject,
            `${unknown}: no journal was given`,
            [`Journal: ${reviews.reason}`],
            'Run "breakglass check" again with --journal FILE naming the journal of earlier reviews and drills (next to the app on the safe’s media), so the date of the last one can be read.',
          )
        : result(
            'BG-REV-01',
            'indeterminate',
            subject,
            `${unknown}: the journal could not be read`,
            [`Journal: ${reviews.reason}`],
            'Check the journal with "breakglass journal verify FILE", then run the checks again.',
          ),
    ];
  }

  const { journal, lastReviewOrDrillAt } = reviews.value;
  const subject: CheckSubject = { kind: 'journal', id: journal, name: journal };
  if (!lastReviewOrDrillAt) {
    // The original catalogue gave no verdict for "never" (docs/domain.md, "Where the code departs from the original catalogue"); a fresh journal is normal for a new setup, so it
    // is a warning that asks for the first drill rather than a failure.
    return [
      result(
        'BG-REV-01',
        'warn',
        subject,
        'No review or drill of the break-glass setup is recorded in the journal',
        [`Journal ${journal} records no review or drill.`],
        runADrill(intervalDays),
      ),
    ];
  }

  const at = Date.parse(lastReviewOrDrillAt);
  if (Number.isNaN(at)) {
    return [
      result(
        'BG-REV-01',
        'indeterminate',
        subject,
        'The date of the last review or drill in the journal cannot be read',
        [`Journal ${journal} records the last review or drill at "${lastReviewOrDrillAt}", which is not a date.`],
        `Check the journal with "breakglass journal verify ${journal}" (an unreadable date can mean it was edited), then record a new review or drill.`,
      ),
    ];
  }

  const ageDays = (context.now.getTime() - at) / dayMs;
  const evidence = [
    `Journal ${journal}: last review or drill ${lastReviewOrDrillAt} (${Math.floor(Math.max(ageDays, 0))} days ago); the review interval is ${intervalDays} days.`,
  ];
  if (ageDays <= intervalDays) {
    return [
      result(
        'BG-REV-01',
        'pass',
        subject,
        `The break-glass setup was last reviewed or drilled ${Math.floor(Math.max(ageDays, 0))} days ago, within the ${intervalDays}-day interval`,
        evidence,
      ),
    ];
  }
  if (ageDays > 2 * intervalDays) {
    return [
      result(
        'BG-REV-01',
        'fail',
        subject,
        `The last review or drill was ${Math.floor(ageDays)} days ago, more than twice the ${intervalDays}-day interval`,
        evidence,
        runADrill(intervalDays),
      ),
    ];
  }
  return [
    result(
      'BG-REV-01',
      'warn',
      subject,
      `The last review or drill was ${Math.floor(ageDays)} days ago, beyond the ${intervalDays}-day interval`,
      evidence,
      runADrill(intervalDays),
    ),
  ];
}

/**
 * The rotation's last step (docs/domain.md, "Rotation after use"): the readiness check run
 * after the rotation, read from its journal session, recorded in the rotation as its verdict.
 */
import { overallStatus, subjectLabel, summarize } from '../../../core/checks/model.ts';
import type { JsonObject } from '../../../core/journal/model.ts';
import type { RotationPosition } from '../../../core/runbooks/rotation-flow.ts';
import { ActionableError } from '../../../shared/actionable-error.ts';
import type { CheckResult } from '../../../shared/model/checks.ts';
import type { RotationVerdict } from '../../../shared/model/rotation.ts';
import type { JournalStore } from '../../journal/store.ts';
import { stepDone, type RotationStepContext, type StepRun } from './step-journal.ts';

/** Refuses a check session that is not a finished readiness check run since the rotation began. */
export function requireCheckAfter(store: JournalStore, checkSessionId: string, position: RotationPosition): void {
  const check = store.session(checkSessionId);
  if (!check || check.kind !== 'check' || !check.closedAt)
    throw new ActionableError('That is not a finished readiness check.', 'Run the check from this screen and wait for it to finish.');
  if (check.openedAt < position.openedAt)
    throw new ActionableError('That readiness check ran before this rotation began.', 'Run the check again from this screen.');
}

/** Journals the verdict of the readiness run `checkSessionId` as the rotation's readiness step. */
export function recordVerdict(
  context: RotationStepContext,
  run: StepRun,
  checkSessionId: string,
  results: readonly CheckResult[],
): RotationVerdict {
  const verdict: RotationVerdict = {
    checkSessionId,
    verdict: overallStatus(results),
    sound: !results.some((r) => r.status === 'fail' || r.status === 'indeterminate'),
    summary: summarize(results),
    failing: results.flatMap((r) =>
      r.status === 'fail' || r.status === 'indeterminate'
        ? [{ id: r.id, status: r.status, subject: subjectLabel(r.subject), title: r.title, remediation: r.remediation }]
        : [],
    ),
    warnings: results
      .filter((r) => r.status === 'warn')
      .map((r) => ({ id: r.id, subject: subjectLabel(r.subject), title: r.title, remediation: r.remediation })),
  };
  const counts = `${verdict.summary.pass} pass, ${verdict.summary.warn} warn, ${verdict.summary.fail} fail, ${verdict.summary.indeterminate} indeterminate`;
  stepDone(
    context,
    run,
    verdict.sound
      ? `Readiness check after the rotation: the break-glass setup is sound (${counts}).`
      : `Readiness check after the rotation: NOT sound – ${verdict.failing.map((f) => `${f.id} ${f.subject}`).join('; ')} (${counts}).`,
    verdict as unknown as JsonObject,
  );
  return verdict;
}

/**
 * The rotation's steps the custodian does and confirms, which the app only records
 * (docs/domain.md, "Rotation after use"): which physical key was used and that it is back in the
 * safe, and each item of the manual checklist with who did it.
 */
import { checklistItems, type ChecklistItem } from '../../../core/runbooks/rotation-flow.ts';
import { ActionableError } from '../../../shared/actionable-error.ts';
import { stepDone, type RotationStepContext, type StepRun } from './step-journal.ts';

/** Which physical key was used in the incident, and that it is back in the safe. */
export function keyBackInSafe(context: RotationStepContext, run: StepRun, input: { keyUsed: string; returned: boolean }): void {
  if (!input.keyUsed.trim())
    throw new ActionableError(
      'Say which physical key was used (or “none” if only the envelope was).',
      'Write the label on the key, e.g. “Safe key A1”.',
    );
  if (!input.returned)
    throw new ActionableError('The key is not confirmed back in the safe.', 'Put the key back in the safe, then confirm.');
  stepDone(context, run, `${input.keyUsed.trim()} (used for ${run.record.step.account}) is back in the safe, confirmed by ${run.actor}.`, {
    keyUsed: input.keyUsed.trim(),
    returnedToSafe: true,
  });
}

/** A manual checklist item, with who did it (and, by the entry, when); refused unless it is the current step. */
export function checklistItemDone(
  context: RotationStepContext,
  run: Omit<StepRun, 'record'> & { readonly record: StepRun['record'] | undefined },
  item: ChecklistItem,
  doneBy: string,
): void {
  const { record } = run;
  if (record?.step.kind !== 'checklist' || record.step.item !== item)
    throw new ActionableError(`“${checklistItems[item]}” is not the current step.`, 'Finish the step on screen first.');
  if (!doneBy.trim()) throw new ActionableError('Say who did it.', 'Write the name of the person who did it.');
  stepDone(context, { ...run, record }, `${checklistItems[item]}: done by ${doneBy.trim()}.`, { doneBy: doneBy.trim() });
}

/**
 * The rotation's steps the app can do alone once the custodian says continue (docs/domain.md,
 * "Rotation after use"): add the new key, prove it, remove the old keys and any client secret,
 * revoke an account's sessions – each with the signed-in session's Graph, refused first when an
 * account token lacks the step's delegated permissions.
 */
import type { DelegatedActionId } from '../../../core/graph/delegated-permissions.ts';
import { automaticStepKinds, type RotationStep } from '../../../core/runbooks/rotation-flow.ts';
import { ActionableError } from '../../../shared/actionable-error.ts';
import type { SignInService } from '../sign-in-service.ts';
import { actingGraph } from './acting-session.ts';
import { revokeSessions } from './account-steps.ts';
import { addKey, proveNewKey, removeOldKeys, removeSecrets } from './app-certificate-steps.ts';
import type { RotationStepContext, StepRun } from './step-journal.ts';

/** The delegated permissions an automatic step needs when an account session runs it (proving signs in anew). */
const delegatedActionOfStep: Partial<Record<RotationStep['kind'], DelegatedActionId>> = {
  'app-key-added': 'app-credentials',
  'app-old-keys-removed': 'app-credentials',
  'app-secrets-removed': 'app-credentials',
  'account-sessions-revoked': 'sessions-revoke',
};

/** Refuses a current step that needs the custodian's input, not just “continue”. */
export function requireAutomatic(record: StepRun['record'] | undefined): StepRun['record'] {
  if (!record || !automaticStepKinds.includes(record.step.kind))
    throw new ActionableError('The current step needs your input, not just “continue”.', 'Follow the instructions of the step on screen.');
  return record;
}

/** Runs the current automatic step; it journals its intent and outcome itself. */
export async function runAutomaticStep(context: RotationStepContext, signIn: SignInService, run: StepRun): Promise<void> {
  const graph = actingGraph(signIn, delegatedActionOfStep[run.record.step.kind]);
  switch (run.record.step.kind) {
    case 'app-key-added':
      await addKey(context, run, graph);
      break;
    case 'app-new-key-proven':
      await proveNewKey(context, run);
      break;
    case 'app-old-keys-removed':
      await removeOldKeys(context, run, graph);
      break;
    case 'app-secrets-removed':
      await removeSecrets(context, run, graph);
      break;
    case 'account-sessions-revoked':
      await revokeSessions(context, run, graph);
      break;
    default:
      break;
  }
}

/**
 * How a rotation step is journaled around its work (docs/domain.md, "Rotation after use"): the
 * intent before anything is sent, then the outcome – or the failure with Graph's words and
 * request id, and where the custodian stands now. A write Graph did not answer is read back at
 * once, and the step is done or not by what the read shows (rotation-guards.ts, ReadBackPlan).
 */
import type { JsonObject } from '../../../core/journal/model.ts';
import {
  rotationEntry,
  type RotationEntryDraft,
  type RotationPosition,
  type RotationStep,
  type RotationStepRecord,
} from '../../../core/runbooks/rotation-flow.ts';
import { ActionableError } from '../../../shared/actionable-error.ts';
import type { CertificateCredential } from '../../credentials/certificate-credential.ts';
import { GraphRequestError } from '../../entra/graph-connection.ts';
import { isUnansweredWrite, settleUnansweredWrite } from '../../entra/write-outcome.ts';
import type { SignInService } from '../sign-in-service.ts';
import type { TenantConnection } from '../tenant-connection.ts';
import type { ReadBackPlan } from './rotation-guards.ts';

export type RotationNote = { kind: 'note'; stepId: string; summary: string; data: JsonObject };

/** What the step functions need of the rotation service: its connections and its journal. */
export type RotationStepContext = {
  readonly tenant: TenantConnection;
  readonly signIn: SignInService;
  /** How the proof step pauses between tries; tests pass one that moves simulated time instead. */
  readonly sleep: ((ms: number) => Promise<void>) | undefined;
  /** Journals into the rotation's session, extending the entries the call folded. */
  append(position: RotationPosition, actor: string, draft: RotationEntryDraft | RotationNote): void;
  /** An account's writes are never made with that account's own session (rotation-guards.ts). */
  requireOtherSession(position: RotationPosition, account: string): void;
  /** The new certificate, open in this app run, or the refusal saying how to open it again. */
  requireNewCertificate(position: RotationPosition): CertificateCredential;
  /** What the running step waits for, for the screen; undefined when it waits no more. */
  setWorking(working: { sessionId: string; stepId: string; message: string } | undefined): void;
};

/** The step being run: where the rotation stands, its current step, and who acts. */
export type StepRun = { readonly position: RotationPosition; readonly record: RotationStepRecord; readonly actor: string };

export type StepOutcome = { summary: string; facts: JsonObject; requestIds?: string[] };

/** Where the custodian stands when a step fails: nothing is left half-done without saying so. */
const stateAfterFailure: Partial<Record<RotationStep['kind'], string>> = {
  'app-key-added':
    'The app still has only its old certificate, which still works. The new PFX on the safe’s media is not in use yet; keep it – trying again uses it.',
  'app-new-key-proven': 'Both certificates are on the app and the old one still works; nothing is removed until the new one is proven.',
  'app-old-keys-removed':
    'The new certificate is proven; any old certificate not yet removed still works. Trying again removes what is left.',
  'account-password': 'Keep the sheet: trying again sets the same password; the security keys work either way.',
};

export const describe = (error: unknown) =>
  error instanceof ActionableError ? `${error.message} ${error.nextStep}` : error instanceof Error ? error.message : String(error);

export function ids(requestId: string | undefined): string[] {
  return requestId ? [requestId] : [];
}

/** Journals a step as done without Graph work (found done already, or confirmed by the custodian). */
export function stepDone(context: RotationStepContext, run: StepRun, summary: string, facts: JsonObject = {}): void {
  context.append(run.position, run.actor, rotationEntry(run.record.step, 'done', summary, facts));
}

/** Intent, the Graph work, then the outcome – or the failure with Graph's words and request id. */
export async function act(
  context: RotationStepContext,
  run: StepRun,
  intent: string,
  intentFacts: JsonObject,
  work: () => Promise<StepOutcome>,
  settle?: ReadBackPlan,
): Promise<void> {
  const { position, record, actor } = run;
  context.append(position, actor, rotationEntry(record.step, 'intent', intent, intentFacts));
  let outcome;
  try {
    outcome = await work();
  } catch (error) {
    if (settle && isUnansweredWrite(error)) return settleStep(context, run, error, settle);
    const requestId = error instanceof GraphRequestError ? error.requestId : undefined;
    const problem = describe(error);
    context.append(
      position,
      actor,
      rotationEntry(
        record.step,
        'failed',
        `${record.step.title} failed: ${problem}`,
        {
          problem,
          ...(error instanceof GraphRequestError ? { status: error.status, ...(error.code ? { graphCode: error.code } : {}) } : {}),
        },
        ids(requestId),
      ),
    );
    const state = stateAfterFailure[record.step.kind] ?? 'Nothing after this step was started.';
    throw error instanceof ActionableError
      ? new ActionableError(`${record.step.title} – not done: ${error.message} ${state}`, error.nextStep, { cause: error })
      : new ActionableError(
          `${record.step.title} stopped: ${problem}`,
          'Check the connection and continue; the step is redone from what the tenant says now.',
          { cause: error },
        );
  }
  context.append(position, actor, rotationEntry(record.step, 'done', outcome.summary, outcome.facts, outcome.requestIds ?? []));
}

/** A write Graph did not answer: read back, journaled, and the step done or not by what the read showed. */
async function settleStep(context: RotationStepContext, run: StepRun, error: GraphRequestError, settle: ReadBackPlan): Promise<void> {
  const { position, record, actor } = run;
  const settled = await settleUnansweredWrite(error, settle.what, settle.read);
  const requestIds = ids(error.requestId);
  if (settled.applied) {
    settle.onApplied?.();
    context.append(position, actor, rotationEntry(record.step, 'done', settled.sentence, settled.facts, requestIds));
    return;
  }
  context.append(
    position,
    actor,
    rotationEntry(
      record.step,
      'failed',
      `${record.step.title} failed: ${settled.sentence}`,
      { problem: settled.sentence, ...settled.facts },
      requestIds,
    ),
  );
  const state = settled.applied === false ? ` ${stateAfterFailure[record.step.kind] ?? 'Nothing after this step was started.'}` : '';
  throw new ActionableError(
    `${record.step.title} – not done: ${settled.sentence}${state}`,
    settled.applied === false
      ? 'Continue to try the step again.'
      : 'Check it in the Microsoft Entra admin center; continuing reads the tenant first and does not repeat what is already done.',
    { cause: error },
  );
}

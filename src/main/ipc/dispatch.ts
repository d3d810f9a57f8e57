/**
 * Runs one IPC call against the handler table: the only way into a main-process handler.
 *
 * The channel must be in the contract, the input must parse against its schema, and the
 * handler's output must parse against its output schema before it leaves main. Every failure
 * becomes an envelope with a plain message and a next step; nothing is passed through unchecked.
 */
import { ActionableError } from '../../shared/actionable-error.ts';
import { isChannelName, type ChannelName } from '../../shared/ipc/channels.ts';
import { contract, type ChannelHandler, type HandlerTable } from '../../shared/ipc/contract.ts';
import type { IpcEnvelope, IpcErrorCode } from '../../shared/ipc/errors.ts';

export type Dispatch = (channel: unknown, input: unknown) => Promise<IpcEnvelope>;

export function failure(code: IpcErrorCode, message: string, nextStep: string): IpcEnvelope {
  return { ok: false, error: { code, message, nextStep } };
}

export function forbiddenSender(origin: string): IpcEnvelope {
  return failure(
    'forbidden-sender',
    `Refused a request from ${origin || 'an unknown origin'}: only the app's own screens may call it.`,
    'Use the Break-Glass Runbook window; nothing else may drive the app.',
  );
}

function describeIssues(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : '(input)'}: ${issue.message}`)
    .join('; ');
}

export function createDispatcher(handlers: HandlerTable): Dispatch {
  return async function dispatch(channel, input) {
    if (!isChannelName(channel)) {
      return failure(
        'unknown-channel',
        `Unknown request "${String(channel).slice(0, 80)}": it is not part of the app's IPC contract.`,
        'This is a defect in the app. Restart it; if it happens again, use the paper runbook and report it.',
      );
    }
    const spec = contract[channel];
    const parsedInput = spec.input.safeParse(input);
    if (!parsedInput.success) {
      return failure(
        'invalid-input',
        `The request "${channel}" was malformed: ${describeIssues(parsedInput.error)}.`,
        'This is a defect in the app. Go back to the home screen and try again.',
      );
    }
    let value: unknown;
    try {
      // The table is indexed by the same channel name, so this handler accepts this input.
      const handler = handlers[channel] as ChannelHandler<ChannelName>;
      value = await handler(parsedInput.data as never);
    } catch (error) {
      if (error instanceof ActionableError) {
        return failure('handler-failed', error.message, error.nextStep);
      }
      return failure(
        'handler-failed',
        `"${channel}" failed: ${error instanceof Error ? error.message : String(error)}`,
        'Try again. If it keeps failing, restart the app; your journal is kept.',
      );
    }
    const parsedOutput = spec.output.safeParse(value);
    if (!parsedOutput.success) {
      return failure(
        'invalid-output',
        `The app produced an invalid answer to "${channel}": ${describeIssues(parsedOutput.error)}.`,
        'This is a defect in the app. Restart it; if it happens again, use the paper runbook and report it.',
      );
    }
    return { ok: true, value: parsedOutput.data };
  };
}

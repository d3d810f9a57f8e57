/**
 * Runs one IPC call against the handler table: the only way into a main-process handler.
 *
 * The channel must be in the contract, the input must parse against its schema, and the
 * handler's output must parse against its output schema before it leaves main. Every failure
 * becomes an envelope with a plain message and a next step; nothing is passed through unchecked.
 * What a handler's throw becomes (a refusal or a failure) is decided in handler-failure.ts.
 */
import { isChannelName, type ChannelName } from '../../shared/ipc/channels.ts';
import { contract, type ChannelHandler, type HandlerTable } from '../../shared/ipc/contract.ts';
import type { IpcEnvelope, IpcErrorCode } from '../../shared/ipc/errors.ts';
import { cutShort, handlerFailure } from './handler-failure.ts';

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

/** How much of a name from the request an error echoes back, so a hostile body cannot make the answer huge. */
const echoedNameLength = 60;

function echoed(name: PropertyKey): string {
  return cutShort(String(name), echoedNameLength);
}

type Issue = { path: PropertyKey[]; message: string; code?: string; keys?: readonly string[] };

function describeIssue(issue: Issue): string {
  const where = issue.path.length > 0 ? issue.path.slice(0, 10).map(echoed).join('.') : '(input)';
  // zod's own message for unknown keys repeats every key in full; name at most five, each cut short.
  if (issue.code === 'unrecognized_keys' && issue.keys) {
    const more = issue.keys.length > 5 ? ` (and ${issue.keys.length - 5} more)` : '';
    return `${where}: unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys
      .slice(0, 5)
      .map((key) => `"${echoed(key)}"`)
      .join(', ')}${more}`;
  }
  return `${where}: ${cutShort(issue.message, 200)}`;
}

function describeIssues(error: { issues: ReadonlyArray<Issue> }): string {
  return error.issues.slice(0, 5).map(describeIssue).join('; ');
}

export function createDispatcher(handlers: HandlerTable): Dispatch {
  return async function dispatch(channel, input) {
    if (!isChannelName(channel)) {
      return failure(
        'unknown-channel',
        `Unknown request "${cutShort(String(channel), 80)}": it is not part of the app's IPC contract.`,
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
      return { ok: false, error: handlerFailure(channel, error) };
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

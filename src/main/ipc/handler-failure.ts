/**
 * What a handler's throw becomes on the way out of main (docs/architecture.md, "The IPC contract").
 *
 * A handler that refuses on purpose throws an ActionableError ("No incident is open.", "That is
 * not the current step."): that is a refusal, answered with the handler's own message and next
 * step, not a failure of the app. An ActionableError caused by the machine (a full disk, a
 * read-only folder, SQLite) is a failure that still carries its explanation; Microsoft's side
 * failing is its own kind. Anything else is unexpected: a plain message, never a stack.
 */
import { ActionableError } from '../../shared/actionable-error.ts';
import type { IpcErrorShape } from '../../shared/ipc/errors.ts';
import { ArmRequestError } from '../entra/arm-connection.ts';
import { GraphRequestError, GraphTokenError } from '../entra/graph-connection.ts';
import { SignInError } from '../entra/sign-in.ts';

/** Thrown by a handler whose input fit the channel's schema but not the check behind it. */
export class InputRefusal extends ActionableError {
  constructor(refusal: ActionableError) {
    super(refusal.message, refusal.nextStep, { cause: refusal });
    this.name = 'InputRefusal';
  }
}

/** The error and what caused it, outermost first (a rotation step wraps the Graph error it met). */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let at = error; at !== undefined && chain.length < 8; at = at instanceof Error ? at.cause : undefined) chain.push(at);
  return chain;
}

/** Somewhere in the chain, the operating system (an error naming a system call) or SQLite failed. */
function isMachineFailure(error: unknown): boolean {
  return causeChain(error).some(
    (at) => at instanceof Error && (typeof (at as NodeJS.ErrnoException).syscall === 'string' || at.name === 'SqliteError'),
  );
}

/** Somewhere in the chain, Microsoft Graph, ARM, the token service or a sign-in failed. */
function isTenantFailure(error: unknown): boolean {
  return causeChain(error).some(
    (at) => at instanceof GraphRequestError || at instanceof GraphTokenError || at instanceof ArmRequestError || at instanceof SignInError,
  );
}

/**
 * Runs `check` and turns its own refusals (an ActionableError the machine did not cause) into
 * an InputRefusal: for a handler whose only refusal left at that point is about the input.
 */
export async function refusingInput<T>(check: () => T | Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof ActionableError && !isMachineFailure(error) && !isTenantFailure(error)) throw new InputRefusal(error);
    throw error;
  }
}

/** `text` cut to at most `length` characters, marked when it was cut. */
export function cutShort(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

/** The first line of an unexpected error's message, bounded: what failed, without the stack. */
function plainMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return cutShort(text.split('\n', 1)[0]!.trim(), 300);
}

export function handlerFailure(channel: string, error: unknown): IpcErrorShape {
  if (error instanceof InputRefusal) return { code: 'input-refused', message: error.message, nextStep: error.nextStep };
  if (error instanceof ActionableError) {
    const code = isTenantFailure(error) ? 'tenant-failed' : isMachineFailure(error) ? 'handler-failed' : 'refused';
    return { code, message: error.message, nextStep: error.nextStep };
  }
  const what = plainMessage(error);
  return {
    code: 'handler-failed',
    message: `"${channel}" failed unexpectedly${what ? `: ${what}` : ''}.`,
    nextStep: 'Try again. If it keeps failing, restart the app; your journal is kept.',
  };
}

/**
 * Errors that cross the process boundary: serialisable, with a plain message and the next step.
 * (No zod here: the renderer bundles this file.)
 *
 * The code says what kind of failure it was (docs/architecture.md, "The IPC contract"): the
 * request itself was wrong, the handler refused on purpose, the tenant failed, or the app
 * failed. The web host answers each kind with its own HTTP status (docs/architecture.md, "The web host").
 */
export const ipcErrorCodes = [
  'unknown-channel',
  'invalid-input',
  'invalid-output',
  'forbidden-sender',
  /** The handler refused because of where things stand (no incident is open, not the current step). */
  'refused',
  /** The input fits the channel's schema, but the handler found it does not fit (a runbook that breaks the format). */
  'input-refused',
  /** Microsoft's side (Graph, ARM, the token service) failed or refused; the handler's message says which. */
  'tenant-failed',
  /** Anything the handler did not expect, or the machine failing under it (a full disk). */
  'handler-failed',
  'transport-failed',
] as const;

export type IpcErrorCode = (typeof ipcErrorCodes)[number];

export type IpcErrorShape = {
  readonly code: IpcErrorCode;
  readonly message: string;
  readonly nextStep: string;
};

/** What every IPC call answers: the handler's value, or an error the user can act on. */
export type IpcEnvelope<T = unknown> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcErrorShape };

/** Thrown by the renderer's client when a call fails, carrying the main process's explanation. */
export class IpcError extends Error {
  readonly code: IpcErrorCode;
  readonly nextStep: string;

  constructor(shape: IpcErrorShape) {
    super(shape.message);
    this.name = 'IpcError';
    this.code = shape.code;
    this.nextStep = shape.nextStep;
  }
}

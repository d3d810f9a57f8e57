/**
 * Errors that cross the process boundary: serialisable, with a plain message and the next step.
 * (No zod here: the renderer bundles this file.)
 */
export const ipcErrorCodes = [
  'unknown-channel',
  'invalid-input',
  'invalid-output',
  'forbidden-sender',
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

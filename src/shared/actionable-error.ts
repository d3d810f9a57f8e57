/**
 * An error a person can act on: what failed and what to do next.
 *
 * Every layer throws these for problems the user must hear about (a malformed config, an
 * unreadable journal, a Graph error), so the message reaches the screen or the terminal intact.
 */
export class ActionableError extends Error {
  readonly nextStep: string;

  constructor(message: string, nextStep: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ActionableError';
    this.nextStep = nextStep;
  }
}

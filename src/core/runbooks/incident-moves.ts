/**
 * The step rules of the incident runbook (docs/domain.md, "The incident runbook"): which step
 * follows, whether the app may take the custodian to a step now, and where it reopens after a
 * restart. They judge a position folded by incident-flow.ts and never change it.
 */
import { isSignedIn, type IncidentPosition } from './incident-position.ts';
import { incidentSteps, quotedStepTitle, stepOrder, type IncidentStep } from './incident-steps.ts';

/** The step that follows the current one once it is done; undefined when there is none. */
export function nextStep(position: IncidentPosition): IncidentStep | undefined {
  return position.closed ? undefined : incidentSteps[stepOrder(position.current) + 1];
}

export type MoveVerdict = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/** Whether the app may take the custodian to `step` now, and why not when it may not. */
export function canMoveTo(position: IncidentPosition, step: IncidentStep): MoveVerdict {
  const { current, closed } = position;
  const signedIn = isSignedIn(position);
  if (closed) {
    return refuse(
      `The incident was closed at ${closed.at}${closed.classification ? ` as ${closed.classification}` : ''}; nothing more can be done in it. Open a new incident for further work.`,
    );
  }
  if (step === current) return { allowed: true };
  // The runbook must never trap the custodian: an incident can be closed from any step.
  if (step === 'close-incident') return { allowed: true };
  if (step === 'choose-path' && current === 'sign-in') return { allowed: true };
  if (step === 'choose-path' && signedIn)
    return refuse(`Signed in as ${position.signedIn?.who}: sign out first, then choose another path.`);
  if (step === nextStep(position)) {
    if (current === 'sign-in' && !signedIn)
      return refuse('Nobody is signed in yet: sign in on the chosen path, or go back and choose another path.');
    return { allowed: true };
  }
  if (stepOrder(step) < stepOrder(current)) {
    const record = position.completed.find((done) => done.step === step);
    return refuse(
      record
        ? `${quotedStepTitle(step)} is behind you (${record.status} at ${record.at} by ${record.by}); the journal keeps it as it was.`
        : `${quotedStepTitle(step)} is behind you.`,
    );
  }
  const between = incidentSteps.slice(stepOrder(current), stepOrder(step)).map(quotedStepTitle);
  return refuse(`Steps are done in order: first ${between.join(', then ')}.`);
}

/**
 * Where the app reopens. Tokens live in memory only, so after a restart a sign-in the journal
 * still shows is gone: past 'sign-in', the custodian signs in again before going on.
 */
export function resumeStep(
  position: IncidentPosition,
  now: { readonly signedIn: boolean },
): { readonly step: IncidentStep; readonly reason?: string } {
  const needsSignIn = position.current === 'confirm-access' || position.current === 'recovery-actions';
  if (!position.closed && needsSignIn && !now.signedIn) {
    const last = position.signedIn;
    return {
      step: 'sign-in',
      reason: `${last ? `The journal shows a sign-in as ${last.who} at ${last.at}, but` : 'No sign-in is journaled, and'} the app holds no token now (tokens are kept in memory only and end when the app closes). Sign in again to continue with ${quotedStepTitle(position.current)}.`,
    };
  }
  return { step: position.current };
}

function refuse(reason: string): MoveVerdict {
  return { allowed: false, reason };
}

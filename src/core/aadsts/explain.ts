/**
 * Explains a failed sign-in to a custodian: what happened, what to do next, which other ways in
 * are open. Pure: the table lives in codes.ts, the parsing in parse-entra-error.ts.
 *
 * Never a dead end (docs/domain.md, "The incident runbook", sign-in failures): a step that suggests a way in that is
 * not open here is left out, and when no way in is left the custodian is told who can still
 * help. Unknown codes still show Microsoft's message, the code and the trace ID.
 */
import type { FailureGuide, GuideStep, SignInAlternative, SignInPath } from './codes.ts';
import { findFailureGuide } from './find-failure-guide.ts';
import type { EntraFailure } from './parse-entra-error.ts';

export type SignInContext = {
  /** The path the failed sign-in used. */
  path: SignInPath;
  /** False when there is no second break-glass account to fall back on. */
  otherAccountAvailable?: boolean;
  /** False when no break-glass app (or its PFX) is configured. */
  appPathAvailable?: boolean;
};

export type SignInExplanation = {
  code?: number;
  title: string;
  explanation: string;
  nextSteps: string[];
  alternatives: SignInAlternative[];
  /** Microsoft's own text, to show as it was written. */
  microsoftMessage?: string;
  /** Kept whenever present: Microsoft support asks for them. */
  traceId?: string;
  correlationId?: string;
  timestamp?: string;
  /** False when the runbook has no specific advice for this failure. */
  known: boolean;
  /** True for a device-code sign-in that is still waiting for the user (not a failure). */
  stillWaiting?: boolean;
};

/** Alternatives that are another way to sign in, as opposed to a check or a wait. */
const waysIn: ReadonlySet<SignInAlternative> = new Set(['other-account', 'app-certificate', 'security-key', 'device-code']);

function isOpen(alternative: SignInAlternative, context: SignInContext | undefined): boolean {
  const path = context?.path;
  switch (alternative) {
    case 'app-certificate':
      return path !== 'certificate' && context?.appPathAvailable !== false;
    // The other *user* account; from the app path, "a user account" is offered as 'security-key'.
    case 'other-account':
      return path !== 'certificate' && context?.otherAccountAvailable !== false;
    case 'device-code':
      return path !== 'device-code';
    default:
      return true;
  }
}

function lastResortText(failure: EntraFailure): string {
  const quote = failure.traceId ? ` and quote trace ID ${failure.traceId}` : '';
  return `No other way in is set up here. An administrator whose access still works can fix this; otherwise call Microsoft support${quote}.`;
}

type VisibleStep = { text: string; offers?: SignInAlternative };

/** "Or try …" reads wrong when the step it was an alternative to was left out. */
function withoutDanglingOr(text: string, previous: VisibleStep | undefined): string {
  if (previous?.offers !== undefined || !text.startsWith('Or ')) return text;
  return text.charAt(3).toUpperCase() + text.slice(4);
}

function visibleSteps(steps: readonly GuideStep[], failure: EntraFailure, context: SignInContext | undefined): VisibleStep[] {
  const shown = steps.filter((step) => {
    if (typeof step === 'string' || 'lastResort' in step) return true;
    if (step.paths && (!context || !step.paths.includes(context.path))) return false;
    return step.offers === undefined || isOpen(step.offers, context);
  });
  const anotherWayInShown = shown.some(
    (step) => typeof step === 'object' && 'offers' in step && step.offers !== undefined && waysIn.has(step.offers),
  );
  const visible: VisibleStep[] = [];
  for (const step of shown) {
    const previous = visible[visible.length - 1];
    if (typeof step === 'string') visible.push({ text: withoutDanglingOr(step, previous) });
    else if ('lastResort' in step) {
      if (!anotherWayInShown) visible.push({ text: lastResortText(failure) });
    } else visible.push({ text: withoutDanglingOr(step.text, previous), ...(step.offers ? { offers: step.offers } : {}) });
  }
  return visible;
}

function forPath(guide: FailureGuide, path: SignInPath | undefined): FailureGuide {
  const override = path ? guide.onPath?.[path] : undefined;
  return override ? { ...guide, ...override } : guide;
}

/** "the code AADSTS99999, trace ID …, correlation ID … and the time (…)" */
function referenceList(failure: EntraFailure): string {
  const parts = [
    ...(failure.code !== undefined ? [`the code AADSTS${failure.code}`] : []),
    ...(failure.traceId ? [`trace ID ${failure.traceId}`] : []),
    ...(failure.correlationId ? [`correlation ID ${failure.correlationId}`] : []),
    failure.timestamp ? `the time (${failure.timestamp})` : 'the time',
  ];
  return parts.length === 1 ? `${parts[0]} and Microsoft's message` : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function unknownGuide(failure: EntraFailure): FailureGuide {
  const refusedWith = failure.code !== undefined ? ` with code AADSTS${failure.code}` : failure.error ? ` ("${failure.error}")` : '';
  const message = failure.description ? ` Microsoft's message: "${failure.description}".` : ' Microsoft gave no message.';
  const trace = failure.traceId ? ` Trace ID: ${failure.traceId}.` : '';
  return {
    title: 'Microsoft refused the sign-in',
    explanation: `Microsoft Entra refused the sign-in${refusedWith}, and this runbook has no specific advice for it.${message}${trace}`,
    nextSteps: [
      `Write down ${referenceList(failure)}: Microsoft support will ask for them.`,
      { text: 'Try the other path: sign in with the app certificate.', offers: 'app-certificate' },
      { text: 'Or try the other break-glass account.', offers: 'other-account' },
      {
        text: 'Try the other path: sign in with a break-glass user account and its security key.',
        offers: 'security-key',
        paths: ['certificate'],
      },
      { text: 'Or try this sign-in once more in a few minutes: some failures pass by themselves.', offers: 'wait-and-retry' },
      { lastResort: true },
      ...(failure.code !== undefined ? [`Later, look the code up at https://login.microsoftonline.com/error?code=${failure.code}.`] : []),
    ],
  };
}

export function explainSignInFailure(failure: EntraFailure, context?: SignInContext): SignInExplanation {
  const known = findFailureGuide(failure);
  const guide = forPath(known ?? unknownGuide(failure), context?.path);
  const steps = visibleSteps(guide.nextSteps, failure, context);
  const alternatives = [...new Set(steps.flatMap((step) => (step.offers ? [step.offers] : [])))];
  return {
    ...(failure.code !== undefined ? { code: failure.code } : {}),
    title: guide.title,
    explanation: guide.explanation,
    nextSteps: steps.map((step) => step.text),
    alternatives,
    ...(failure.description ? { microsoftMessage: failure.description } : {}),
    ...(failure.traceId ? { traceId: failure.traceId } : {}),
    ...(failure.correlationId ? { correlationId: failure.correlationId } : {}),
    ...(failure.timestamp ? { timestamp: failure.timestamp } : {}),
    known: known !== undefined,
    ...(guide.stillWaiting ? { stillWaiting: true } : {}),
  };
}

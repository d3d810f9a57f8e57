/**
 * What a failed Microsoft Graph call means for a custodian, from its status and Graph's error
 * code (https://learn.microsoft.com/graph/errors; codes quoted in docs/microsoft-behaviour.md, "Graph error body"): what
 * failed, why, what to do next – and the request id, which Microsoft support asks for.
 */
export type GraphFailureFacts = {
  readonly method: string;
  /** The Graph path, like /v1.0/identity/conditionalAccess/policies/…, without the host. */
  readonly path: string;
  /** HTTP status, or 0 when no answer arrived (network failure). */
  readonly status: number;
  readonly code?: string;
  readonly message?: string;
  readonly requestId?: string;
  /** Set when the call was throttled and the wait Graph asked for is longer than we wait. */
  readonly retryAfterSeconds?: number;
  readonly networkProblem?: string;
};

export type GraphFailureExplanation = { readonly message: string; readonly nextStep: string };

function quote(facts: GraphFailureFacts): string {
  const said = facts.message ? ` Microsoft Graph said: "${facts.message}"` : '';
  const id = facts.requestId ? ` (request id ${facts.requestId})` : '';
  return `${said}${id}`;
}

/**
 * A change that got no answer, or a 5xx, may have been applied: Microsoft does not say otherwise
 * (https://learn.microsoft.com/graph/errors), so it is never called unchanged without a read.
 */
const unknownOutcome =
  'Graph may have applied this change before the answer was lost: the app reads the tenant again before anything is repeated.';

export function explainGraphFailure(facts: GraphFailureFacts): GraphFailureExplanation {
  const call = `${facts.method} ${facts.path}`;
  const code = facts.code ?? '';
  const isWrite = facts.method.toUpperCase() !== 'GET';
  if (facts.status === 0) {
    return {
      message: `Microsoft Graph could not be reached for ${call}: ${facts.networkProblem ?? 'no answer'}.`,
      nextStep: `Check this computer’s network connection (and proxy), then try again.${isWrite ? ` ${unknownOutcome}` : ''}`,
    };
  }
  if (facts.status === 401) {
    return {
      message: `Microsoft Graph did not accept the sign-in for ${call}: the token is missing, expired or revoked.${quote(facts)}`,
      nextStep: 'Sign in again, then repeat the step.',
    };
  }
  if (facts.status === 403 && /NonPremiumTenant/i.test(code)) {
    return {
      message: `This needs a Microsoft Entra ID P1 or P2 licence, which the tenant does not have (${call}).${quote(facts)}`,
      nextStep: 'Skip this step, or check it in the Entra admin center instead.',
    };
  }
  if (facts.status === 403) {
    return {
      message: `Microsoft Graph refused ${call}: the account or app that is signed in lacks the permission or role for it.${quote(facts)}`,
      nextStep:
        'Sign in with a break-glass account (Global Administrator) or the break-glass app; if that is who is signed in, its role or Graph permission is missing – do the step in the admin center and note it.',
    };
  }
  if (facts.status === 404) {
    return {
      message: `Not found: ${facts.path} does not exist in this tenant – it was deleted, or an id in the inventory file is wrong.${quote(facts)}`,
      nextStep: 'Check the id against the Entra admin center and the inventory file, then try again.',
    };
  }
  if (facts.status === 429) {
    // "the requests fail" – a throttled request is not carried out (https://learn.microsoft.com/graph/throttling).
    const wait = facts.retryAfterSeconds !== undefined ? ` It asked to wait ${Math.ceil(facts.retryAfterSeconds)} s.` : '';
    return {
      message: `Microsoft Graph is throttling requests and did not carry out ${call}, even after waiting as it asked.${wait}${quote(facts)}`,
      nextStep: 'Wait a minute, then try the step again.',
    };
  }
  if (facts.status === 503 || facts.status === 504) {
    const wait = facts.retryAfterSeconds !== undefined ? ` It asked to wait ${Math.ceil(facts.retryAfterSeconds)} s.` : '';
    return {
      message: `Microsoft Graph is busy or unavailable (HTTP ${facts.status}) and ${call} did not go through${isWrite ? '' : ' after retrying'}.${wait}${quote(facts)}`,
      nextStep: `Wait a minute, then try the step again.${isWrite ? ` ${unknownOutcome}` : ''}`,
    };
  }
  if (facts.status >= 500) {
    return {
      message: `Microsoft Graph failed on its side for ${call} (HTTP ${facts.status}).${quote(facts)}`,
      nextStep: `Try again in a minute; if it keeps failing, check the Microsoft 365 service health page and note the request id.${isWrite ? ` ${unknownOutcome}` : ''}`,
    };
  }
  return {
    message: `Microsoft Graph refused ${call} as invalid (HTTP ${facts.status}${code ? `, ${code}` : ''}).${quote(facts)}`,
    nextStep:
      'This is likely a fault in this app or an unexpected tenant setting: note the request id, and do the step in the admin center instead.',
  };
}

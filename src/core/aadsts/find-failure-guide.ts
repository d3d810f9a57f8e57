/**
 * Finds the guide for a sign-in failure in the tables of codes.ts (docs/domain.md, "The incident
 * runbook", sign-in failures): what the failure says of itself comes first – a cancel, a
 * device-code poll still pending or declined – then its AADSTS code, then throttling, then its
 * bare `error` value.
 */
import { aadstsGuides, authorizationPending, guidesByErrorName, namedFailureGuides, type FailureGuide } from './codes.ts';
import type { EntraFailure } from './parse-entra-error.ts';

const cancellationErrors = new Set(['user_canceled', 'user_cancelled', 'device_code_polling_cancelled']);

/** The guide for a failure, or undefined when the runbook has no specific advice for it. */
export function findFailureGuide(failure: EntraFailure): FailureGuide | undefined {
  // Entra answers a cancelled browser sign-in with access_denied and error_subcode=cancel, often
  // with an unrelated code (65004), so the cancel wins over the code (docs/microsoft-behaviour.md,
  // "Interactive sign-in and the loopback redirect").
  if (failure.suberror === 'cancel' || (failure.error && cancellationErrors.has(failure.error))) return namedFailureGuides.cancelled;
  // msal-node's loopback hands on only `error` for an error redirect without a description –
  // a cancelled sign-in arrives as a bare access_denied (ServerError "access_denied: See
  // https://aka.ms/msal.js.errors#access_denied", observed with msal-node 7.2.3).
  if (failure.error === 'access_denied' && failure.code === undefined) return namedFailureGuides.cancelled;
  if (failure.error === 'authorization_pending') return authorizationPending;
  if (failure.error === 'authorization_declined') return namedFailureGuides['device-code-declined'];
  if (failure.code !== undefined) {
    const guide = aadstsGuides[failure.code];
    if (guide) return guide;
  }
  if (failure.httpStatus === 429 || failure.httpStatus === 503) return namedFailureGuides['service-busy'];
  // A code we do not know is reported as unknown, with Microsoft's message, rather than hidden
  // behind the generic advice for its `error` value.
  if (failure.code === undefined && failure.error) return guidesByErrorName[failure.error];
  return undefined;
}

/**
 * Graph's OData error body (https://learn.microsoft.com/graph/errors; docs/microsoft-behaviour.md, "Graph error body"):
 * `{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}`.
 * graph-js's GraphErrorHandler reads exactly these fields.
 */
import { jsonResponse, type SimResponse } from '../http/messages.ts';

export type GraphFailure = { readonly status: number; readonly code: string; readonly message: string; readonly detail?: string };

export type GraphRequestIds = { readonly requestId: string; readonly clientRequestId?: string; readonly now: Date };

/** The error body alone, as a response or a `$batch` sub-response carries it. */
export function graphErrorBody(failure: GraphFailure, ids: GraphRequestIds) {
  const date = ids.now.toISOString().slice(0, 19);
  const innerError: Record<string, string> = {
    date,
    'request-id': ids.requestId,
    'client-request-id': ids.clientRequestId ?? ids.requestId,
  };
  if (failure.status === 429) Object.assign(innerError, { code: '429', message: 'Please retry after', status: '429' });
  return { error: { code: failure.code, message: failure.message, innerError } };
}

export function graphErrorResponse(failure: GraphFailure, ids: GraphRequestIds, headers: Record<string, string> = {}): SimResponse {
  // The simulator's own explanation of a refusal Graph describes only vaguely (e.g. a bad addKey proof).
  const extra: Record<string, string> = failure.detail ? { 'x-ms-sim-detail': failure.detail } : {};
  return jsonResponse(failure.status, graphErrorBody(failure, ids), { ...extra, ...headers });
}

export const graphErrors = {
  notFound: (what = 'Resource') => ({
    status: 404,
    code: 'Request_ResourceNotFound',
    message: `${what} does not exist or one of its queried reference-property objects are not present.`,
  }),
  badRequest: (message: string) => ({ status: 400, code: 'Request_BadRequest', message }),
  unsupportedQuery: (message = 'Unsupported Query.') => ({ status: 400, code: 'Request_UnsupportedQuery', message }),
  invalidFilter: (message: string) => ({ status: 400, code: 'BadRequest', message: `Invalid filter clause: ${message}` }),
  methodNotAllowed: () => ({
    status: 405,
    code: 'Request_BadRequest',
    message: 'Specified HTTP method is not allowed for the request target.',
  }),
  noToken: () => ({ status: 401, code: 'InvalidAuthenticationToken', message: 'Access token is empty.' }),
  badToken: (message: string) => ({ status: 401, code: 'InvalidAuthenticationToken', message }),
  denied: (detail?: string) => ({
    status: 403,
    code: 'Authorization_RequestDenied',
    message: 'Insufficient privileges to complete the operation.',
    ...(detail ? { detail } : {}),
  }),
  // Quoted by many scanners for signInActivity and sign-in logs on tenants without P1/P2.
  notPremium: () => ({
    status: 403,
    code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
    message: "Neither tenant is B2C or tenant doesn't have premium license",
  }),
  // Graph's answer to a bad addKey/removeKey proof (microsoftgraph/microsoft-graph-docs#10686).
  badProof: (detail: string) => ({
    status: 401,
    code: 'Authentication_MissingOrMalformed',
    message: 'Access Token missing or malformed.',
    detail,
  }),
  throttled: () => ({ status: 429, code: 'TooManyRequests', message: 'Please retry again later.' }),
  unavailable: () => ({ status: 503, code: 'serviceNotAvailable', message: 'Service unavailable. Please retry again later.' }),
  serverError: (status: number) => ({ status, code: 'generalException', message: 'An unexpected error occurred. Please retry.' }),
} satisfies Record<string, (...args: never[]) => GraphFailure>;

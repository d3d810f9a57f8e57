/**
 * ARM's error body: `{"error":{"code","message"}}` (docs/microsoft-behaviour.md, "ARM error body and paging";
 * the aadiam swagger's ErrorResponse), with the `x-ms-request-id` header ARM sends.
 */
import { jsonResponse, type SimResponse } from '../http/messages.ts';

export type ArmFailure = { readonly status: number; readonly code: string; readonly message: string };

export function armErrorResponse(failure: ArmFailure, headers: Record<string, string> = {}): SimResponse {
  return jsonResponse(failure.status, { error: { code: failure.code, message: failure.message } }, headers);
}

export const armErrors = {
  missingToken: () => ({
    status: 401,
    code: 'AuthenticationFailed',
    message: "Authentication failed. The 'Authorization' header is missing.",
  }),
  invalidToken: (reason: string) => ({
    status: 401,
    code: 'InvalidAuthenticationToken',
    message: `The access token is invalid. ${reason}`,
  }),
  // ARM's well-known AuthorizationFailed text (https://learn.microsoft.com/azure/role-based-access-control/troubleshooting).
  denied: (principalId: string, action: string, scope: string) => ({
    status: 403,
    code: 'AuthorizationFailed',
    message: `The client '${principalId}' with object id '${principalId}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  }),
  missingApiVersion: () => ({
    status: 400,
    code: 'MissingApiVersionParameter',
    message: 'The api-version query parameter (?api-version=) is required for all requests.',
  }),
  notFound: (type: string, name: string) => ({
    status: 404,
    code: 'ResourceNotFound',
    message: `The Resource '${type}/${name}' was not found.`,
  }),
  noRoute: (path: string) => ({ status: 404, code: 'InvalidResourceType', message: `The resource type could not be found for '${path}'.` }),
  throttled: () => ({
    status: 429,
    code: 'TooManyRequests',
    message: 'The request is being throttled. Retry after the number of seconds in the Retry-After header.',
  }),
  unavailable: () => ({ status: 503, code: 'ServiceUnavailable', message: 'The service is temporarily unavailable. Retry the request.' }),
  serverError: (status: number) => ({
    status,
    code: 'InternalServerError',
    message: 'The server encountered an internal error. Retry the request.',
  }),
} satisfies Record<string, (...args: never[]) => ArmFailure>;

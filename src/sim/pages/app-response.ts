/**
 * How the end of an authorize request reaches the app: a redirect to its loopback redirect URI
 * with `code` and `state` (or `error` and `error_description`), in the response mode it asked for
 * (docs/microsoft-behaviour.md, "Interactive sign-in and the loopback redirect").
 */
import { redirectResponse, type SimResponse } from '../http/messages.ts';
import type { SimulatorContext } from '../token/context.ts';
import { entraErrorBody, type EntraError } from '../token/entra-errors.ts';
import type { PendingAuthorization } from '../token/sessions.ts';
import { formPostPage } from './security-key-page.ts';

export type ResponseTarget = Pick<PendingAuthorization, 'redirectUri' | 'responseMode' | 'state'>;

/** Hands the result of an authorize request back to the app in the response mode it asked for. */
export function respondToApp(context: SimulatorContext, flow: ResponseTarget, fields: Record<string, string>): SimResponse {
  const all = { ...fields, ...(flow.state !== undefined ? { state: flow.state } : {}) };
  if (flow.responseMode === 'form_post')
    return formPostPage({ tenantName: context.tenant.seed.tenant.displayName, redirectUri: flow.redirectUri, fields: all });
  const target = new URL(flow.redirectUri);
  const encoded = new URLSearchParams(all);
  if (flow.responseMode === 'fragment') target.hash = encoded.toString();
  else for (const [name, value] of encoded) target.searchParams.set(name, value);
  return redirectResponse(target.toString());
}

export function errorRedirect(
  context: SimulatorContext,
  flow: ResponseTarget,
  error: string,
  failure?: EntraError,
  subcode?: string,
): SimResponse {
  return respondToApp(context, flow, {
    error,
    ...(failure ? { error_description: entraErrorBody(failure, context.tenant.clock.now()).error_description } : {}),
    ...(subcode ? { error_subcode: subcode } : {}),
  });
}

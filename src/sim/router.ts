/**
 * Which surface answers a path – token service, sign-in pages, Graph or ARM – with the fault
 * plan applied first (latency, throttling, outages, resets), answering faults in that surface's
 * own error shape so clients react as they would to the real service.
 */
import { setTimeout as delay } from 'node:timers/promises';

import { armErrorResponse, armErrors } from './arm/errors.ts';
import { handleArm } from './arm/arm-service.ts';
import { graphErrorResponse, graphErrors } from './graph/errors.ts';
import { handleGraph } from './graph/graph-service.ts';
import type { FaultDecision, Surface } from './http/faults.ts';
import { header, jsonResponse, type SimRequest, type SimResponse } from './http/messages.ts';
import type { RouteResult } from './http/server.ts';
import { handleAuthorizeGet, handleAuthorizePost } from './pages/authorize.ts';
import { handleDeviceAuthenticate, handleDeviceLogin } from './pages/device-login.ts';
import { formPostScript, formPostScriptPath, pageStylesheet, pageStylesheetPath } from './pages/page-style.ts';
import { messagePage } from './pages/security-key-page.ts';
import type { SimulatorContext } from './token/context.ts';
import { jsonWebKeySet, openIdConfiguration } from './token/discovery.ts';
import { entraErrorBody, entraErrors } from './token/entra-errors.ts';
import { handleDeviceCodeRequest, handleTokenRequest } from './token/token-endpoint.ts';

export function surfaceOf(path: string): Surface {
  if (/^\/(v1\.0|beta)(\/|$)/.test(path)) return 'graph';
  if (/^\/(subscriptions|providers)(\/|$)/i.test(path)) return 'arm';
  if (
    path.startsWith('/sim-assets/') ||
    path === '/favicon.ico' ||
    path.startsWith('/devicelogin') ||
    /\/oauth2\/v2\.0\/authorize$/.test(path) ||
    path === '/'
  )
    return 'page';
  return 'token';
}

function faultResponse(
  context: SimulatorContext,
  surface: Surface,
  request: SimRequest,
  respond: NonNullable<FaultDecision['respond']>,
): SimResponse {
  const retry: Record<string, string> = respond.retryAfter ? { 'Retry-After': respond.retryAfter } : {};
  const now = context.tenant.clock.now();
  if (surface === 'graph') {
    const failure =
      respond.status === 429
        ? graphErrors.throttled()
        : respond.status === 503
          ? graphErrors.unavailable()
          : graphErrors.serverError(respond.status);
    return graphErrorResponse(
      failure,
      {
        requestId: request.requestId,
        now,
        ...(header(request, 'client-request-id') ? { clientRequestId: header(request, 'client-request-id')! } : {}),
      },
      retry,
    );
  }
  if (surface === 'arm') {
    const failure =
      respond.status === 429
        ? armErrors.throttled()
        : respond.status === 503
          ? armErrors.unavailable()
          : armErrors.serverError(respond.status);
    return armErrorResponse(failure, retry);
  }
  if (surface === 'token') {
    const failure = respond.status === 429 ? entraErrors.throttled() : entraErrors.temporarilyUnavailable();
    return jsonResponse(respond.status, entraErrorBody({ ...failure, status: respond.status }, now), retry);
  }
  const page = messagePage({
    tenantName: context.tenant.seed.tenant.displayName,
    title: 'Service unavailable',
    message: 'The simulated sign-in service is unavailable (a drill fault). Try again shortly.',
    status: respond.status,
  });
  return { ...page, headers: { ...page.headers, ...retry } };
}

function homePage(context: SimulatorContext, request: SimRequest): SimResponse {
  const { tenant } = context;
  return messagePage({
    tenantName: tenant.seed.tenant.displayName,
    title: 'Simulated tenant',
    message: `Tenant ${tenant.tenantId}. Authority ${request.origin}/${tenant.tenantId}, Graph ${request.origin}/v1.0, ARM ${request.origin}.`,
    status: 200,
  });
}

async function dispatch(context: SimulatorContext, request: SimRequest, surface: Surface): Promise<SimResponse> {
  const path = request.url.pathname;
  const { method } = request;
  if (surface === 'graph') return handleGraph(context, request);
  if (surface === 'arm') return handleArm(context, request);
  if (path === pageStylesheetPath)
    return { status: 200, headers: { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-store' }, body: pageStylesheet };
  // Browsers ask for it on every page; the simulator has none to give.
  if (path === '/favicon.ico') return { status: 204, headers: { 'Cache-Control': 'max-age=86400' } };
  if (path === formPostScriptPath)
    return {
      status: 200,
      headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' },
      body: formPostScript,
    };
  if (path === '/') return homePage(context, request);
  if (path === '/devicelogin') return handleDeviceLogin(context, request);
  if (path === '/devicelogin/authenticate' && method === 'POST') return handleDeviceAuthenticate(context, request);

  const [tenantSegment = '', ...rest] = path.split('/').filter(Boolean);
  const endpoint = rest.join('/');
  if (!context.tenant.isThisTenant(tenantSegment)) {
    return jsonResponse(400, entraErrorBody(entraErrors.tenantNotFound(tenantSegment), context.tenant.clock.now()));
  }
  if (endpoint === 'oauth2/v2.0/authorize')
    return method === 'POST' ? handleAuthorizePost(context, request) : handleAuthorizeGet(context, request);
  if (endpoint === 'v2.0/.well-known/openid-configuration' && method === 'GET') return openIdConfiguration(context, request);
  if (endpoint === 'discovery/v2.0/keys' && method === 'GET') return jsonWebKeySet(context, request);
  if (endpoint === 'oauth2/v2.0/token' && method === 'POST') return handleTokenRequest(context, request);
  if (endpoint === 'oauth2/v2.0/devicecode' && method === 'POST') return handleDeviceCodeRequest(context, request);
  return jsonResponse(
    404,
    entraErrorBody(
      { status: 404, error: 'invalid_request', codes: [90056], description: `The simulator has no endpoint '${path}'.` },
      context.tenant.clock.now(),
    ),
  );
}

export async function routeRequest(context: SimulatorContext, request: SimRequest): Promise<RouteResult> {
  const surface = surfaceOf(request.url.pathname);
  const decision = context.faults.decide(surface, request.method, request.url.pathname);
  if (decision.latencyMs > 0) await delay(decision.latencyMs);
  // The write is committed, and then its answer is lost (faults.ts, `afterApplying`).
  if (decision.afterApplying) await dispatch(context, request, surface);
  if (decision.reset) return { reset: true };
  if (decision.respond) return faultResponse(context, surface, request, decision.respond);
  if (decision.graphError) {
    return graphErrorResponse(decision.graphError, {
      requestId: request.requestId,
      now: context.tenant.clock.now(),
      ...(header(request, 'client-request-id') ? { clientRequestId: header(request, 'client-request-id')! } : {}),
    });
  }
  return dispatch(context, request, surface);
}

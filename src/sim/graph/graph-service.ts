/**
 * Microsoft Graph v1.0 and beta as the simulator serves them: authenticate the bearer token
 * (issued by this simulator for https://graph.microsoft.com), find the route, run it, and answer
 * in Graph's shapes – including `$batch`, which calls the same routes in-process.
 */
import { header, jsonBody, jsonResponse, emptyResponse, type SimRequest, type SimResponse } from '../http/messages.ts';
import type { SimulatorContext } from '../token/context.ts';
import { resourceNamed } from '../token/resources.ts';
import { runBatch } from './batch.ts';
import { graphErrorResponse, graphErrors, type GraphFailure } from './errors.ts';
import type { GraphCall, GraphResult, GraphVersion } from './graph-call.ts';
import { callerFromClaims, type GraphCaller } from './permissions.ts';
import { applicationRoutes } from './routes-applications.ts';
import { auditRoutes } from './routes-audit.ts';
import { directoryRoutes } from './routes-directory.ts';
import { policyRoutes } from './routes-policies.ts';
import { roleRoutes } from './routes-roles.ts';
import { userSecurityRoutes } from './routes-user-security.ts';
import { matchRoute } from './routes.ts';

const allRoutes = [...directoryRoutes, ...userSecurityRoutes, ...policyRoutes, ...roleRoutes, ...applicationRoutes, ...auditRoutes];

/** `applications(appId='…')` → `applications/appId=…`, so one route pattern serves both forms. */
function normaliseSegments(path: string): string[] {
  return path
    .split('/')
    .filter(Boolean)
    .flatMap((segment) => {
      const decoded = decodeURIComponent(segment);
      const keyed = /^(applications|servicePrincipals)\(appId='([^']+)'\)$/i.exec(decoded);
      if (keyed) return [keyed[1]!, `appId=${keyed[2]}`];
      const byKey = /^([A-Za-z]+)\('([^']+)'\)$/.exec(decoded);
      return byKey ? [byKey[1]!, byKey[2]!] : [decoded];
    });
}

async function dispatch(call: GraphCall): Promise<GraphResult> {
  if (call.method === 'POST' && call.segments.length === 1 && call.segments[0] === '$batch') {
    return runBatch(call, (sub) =>
      dispatch({
        ...sub,
        segments: normaliseSegments(sub.segments.join('/')),
        context: call.context,
        caller: call.caller,
        origin: call.origin,
      }),
    );
  }
  const match = matchRoute(allRoutes, call.method, call.segments);
  if (!match.route) {
    if (match.pathExists) return { failure: graphErrors.methodNotAllowed() };
    return { failure: { status: 400, code: 'BadRequest', message: `Resource not found for the segment '${call.segments.at(-1) ?? ''}'.` } };
  }
  return match.route.handle(call, match.params ?? {});
}

async function authenticate(context: SimulatorContext, request: SimRequest): Promise<{ caller: GraphCaller } | { failure: GraphFailure }> {
  const authorization = header(request, 'authorization') ?? '';
  const token = /^Bearer\s+(.+)$/i.exec(authorization)?.[1];
  if (!token) return { failure: graphErrors.noToken() };
  const graph = resourceNamed('graph');
  const verified = await context.issuer.verifyAccessToken(token, [graph.audience, graph.appId]);
  if ('problem' in verified) return { failure: graphErrors.badToken(verified.problem) };
  if (verified.claims.tid !== context.tenant.tenantId)
    return { failure: graphErrors.badToken('Access token validation failure. Invalid tenant.') };
  return { caller: callerFromClaims(verified.claims) };
}

export async function handleGraph(context: SimulatorContext, request: SimRequest): Promise<SimResponse> {
  const ids = {
    requestId: request.requestId,
    now: context.tenant.clock.now(),
    ...(header(request, 'client-request-id') ? { clientRequestId: header(request, 'client-request-id')! } : {}),
  };
  const [versionSegment, ...rest] = normaliseSegments(request.url.pathname);
  const version = versionSegment as GraphVersion;
  const authenticated = await authenticate(context, request);
  if ('failure' in authenticated) return graphErrorResponse(authenticated.failure, ids);
  const body = jsonBody(request);
  if (!body.ok)
    return graphErrorResponse(
      graphErrors.badRequest(
        'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
      ),
      ids,
    );
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : (v ?? '')]),
  );
  const result = await dispatch({
    context,
    method: request.method,
    version,
    segments: rest,
    query: request.url.searchParams,
    headers,
    body: body.value,
    origin: request.origin,
    caller: authenticated.caller,
  });
  if ('failure' in result) return graphErrorResponse(result.failure, ids);
  const extra = { ...result.headers, 'OData-Version': '4.0' };
  return result.body === undefined
    ? emptyResponse(result.status, extra)
    : jsonResponse(result.status, result.body, {
        ...extra,
        'Content-Type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
      });
}

/**
 * What an authorize request must carry before the security-key page is shown
 * (docs/microsoft-behaviour.md, "Interactive sign-in and the loopback redirect"): a known client,
 * a registered redirect URI, a supported response mode, `response_type=code` and PKCE with S256.
 * A request that cannot be answered at its redirect URI gets an error page; the rest go back to
 * the app as an error redirect.
 */
import type { ApplicationSeed } from '../seed/schema-apps.ts';
import { header, type SimRequest, type SimResponse } from '../http/messages.ts';
import type { SimulatorContext } from '../token/context.ts';
import { entraErrors, type EntraError } from '../token/entra-errors.ts';
import type { PendingAuthorization } from '../token/sessions.ts';
import { errorRedirect, type ResponseTarget } from './app-response.ts';
import { messagePage } from './security-key-page.ts';

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Registered redirect URIs must match exactly, except that the port of an http loopback URI is
 * ignored (https://learn.microsoft.com/entra/identity-platform/reply-url#localhost-exceptions).
 * A client with no registration in this tenant (a Microsoft first-party app) may use loopback only.
 */
export function redirectUriAllowed(application: ApplicationSeed | undefined, redirectUri: string): boolean {
  let wanted: URL;
  try {
    wanted = new URL(redirectUri);
  } catch {
    return false;
  }
  const isLoopback = wanted.protocol === 'http:' && loopbackHosts.has(wanted.hostname);
  if (!application) return isLoopback;
  const registered = [...(application.publicClient?.redirectUris ?? []), ...(application.web?.redirectUris ?? [])];
  return registered.some((uri) => {
    if (uri === redirectUri) return true;
    try {
      const candidate = new URL(uri);
      return (
        isLoopback && candidate.protocol === 'http:' && candidate.hostname === wanted.hostname && candidate.pathname === wanted.pathname
      );
    } catch {
      return false;
    }
  });
}

export function platformFromUserAgent(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  if (/Windows/i.test(ua)) return 'windows';
  if (/iPhone|iPad/i.test(ua)) return 'iOS';
  if (/Android/i.test(ua)) return 'android';
  if (/Mac OS X|Macintosh/i.test(ua)) return 'macOS';
  if (/Linux|X11/i.test(ua)) return 'linux';
  return 'linux';
}

/** The flow an authorize request starts, or the page or redirect that refuses it. */
export type AuthorizeRequest =
  { readonly ok: true; readonly flow: Omit<PendingAuthorization, 'kind' | 'id'> } | { readonly ok: false; readonly response: SimResponse };

export function readAuthorizeRequest(context: SimulatorContext, request: SimRequest): AuthorizeRequest {
  const { tenant } = context;
  const query = request.url.searchParams;
  const tenantName = tenant.seed.tenant.displayName;
  const problem = (failure: EntraError): AuthorizeRequest => ({
    ok: false,
    response: messagePage({
      tenantName,
      title: 'Sign-in failed',
      message: `AADSTS${failure.codes[0]}: ${failure.description}`,
      status: 400,
    }),
  });
  const clientId = query.get('client_id');
  if (!clientId) return problem(entraErrors.missingParameter('client_id'));
  if (!tenant.servicePrincipalByAppId(clientId)) return problem(entraErrors.applicationNotFound(clientId, tenantName));
  const redirectUri = query.get('redirect_uri') ?? '';
  if (!redirectUriAllowed(tenant.applicationByAppId(clientId), redirectUri))
    return problem(entraErrors.redirectUriMismatch(redirectUri, clientId));
  const state = query.get('state') ?? undefined;
  const responseMode = query.get('response_mode') ?? 'query';
  if (responseMode !== 'query' && responseMode !== 'fragment' && responseMode !== 'form_post') {
    return problem({
      status: 400,
      error: 'invalid_request',
      codes: [900144],
      description: `The value '${responseMode}' of the parameter 'response_mode' is not supported. Use query, fragment or form_post.`,
    });
  }
  const flowBase: ResponseTarget = { redirectUri, responseMode, ...(state !== undefined ? { state } : {}) };
  if (query.get('response_type') !== 'code') return { ok: false, response: errorRedirect(context, flowBase, 'unsupported_response_type') };
  const challenge = query.get('code_challenge') ?? undefined;
  if (challenge && query.get('code_challenge_method') !== 'S256') {
    return {
      ok: false,
      response: errorRedirect(context, flowBase, 'invalid_request', {
        status: 400,
        error: 'invalid_request',
        codes: [501491],
        description: 'Invalid size of Code_Challenge parameter or code_challenge_method is not S256.',
      }),
    };
  }
  const nonce = query.get('nonce') ?? undefined;
  const loginHint = query.get('login_hint') ?? undefined;
  return {
    ok: true,
    flow: {
      clientId,
      redirectUri,
      responseMode,
      scopes: (query.get('scope') ?? '').split(' ').filter(Boolean),
      platform: platformFromUserAgent(header(request, 'user-agent')),
      createdAt: tenant.clock.now().getTime(),
      ...(state !== undefined ? { state } : {}),
      ...(nonce ? { nonce } : {}),
      ...(challenge ? { codeChallenge: challenge } : {}),
      ...(loginHint ? { loginHint } : {}),
    },
  };
}

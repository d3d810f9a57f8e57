/**
 * The interactive part of a simulated sign-in: GET /{tenant}/oauth2/v2.0/authorize shows the
 * security-key page; its form posts back here; success redirects to the app's loopback
 * redirect URI with `code` and `state` (docs/microsoft-behaviour.md, "Interactive sign-in and the
 * loopback redirect"). The request is checked in authorize-request.ts, the page is
 * sign-in-page.ts, the key and PIN are checked in user-proof.ts and the answer goes back to the app
 * through app-response.ts. The device-code flow uses the same page behind /devicelogin
 * (device-login.ts).
 */
import { formBody, type SimRequest, type SimResponse } from '../http/messages.ts';
import type { SimulatorContext } from '../token/context.ts';
import { authorizationCodeLifetimeMs, type UserGrant } from '../token/sessions.ts';
import { errorRedirect, respondToApp } from './app-response.ts';
import { readAuthorizeRequest } from './authorize-request.ts';
import { messagePage } from './security-key-page.ts';
import { signInPage } from './sign-in-page.ts';
import { provedAndConsented } from './user-proof.ts';

export function handleAuthorizeGet(context: SimulatorContext, request: SimRequest): SimResponse {
  const read = readAuthorizeRequest(context, request);
  if (!read.ok) return read.response;
  return signInPage(context, context.sessions.startAuthorization(read.flow));
}

export function handleAuthorizePost(context: SimulatorContext, request: SimRequest): SimResponse {
  const { tenant, sessions } = context;
  const form = formBody(request);
  const flow = sessions.flow(form.get('flow') ?? '');
  const tenantName = tenant.seed.tenant.displayName;
  if (!flow || flow.kind !== 'authorizationCode' || flow.createdAt + authorizationCodeLifetimeMs < tenant.clock.now().getTime()) {
    return messagePage({
      tenantName,
      title: 'Sign-in expired',
      message: 'This sign-in page has expired. Start the sign-in again from the app.',
      status: 400,
    });
  }
  if (form.get('action') === 'cancel') {
    sessions.endFlow(flow.id);
    // Entra answers a cancelled sign-in with access_denied and error_subcode=cancel
    // (docs/microsoft-behaviour.md, "Interactive sign-in and the loopback redirect").
    return errorRedirect(context, flow, 'access_denied', undefined, 'cancel');
  }
  const proof = provedAndConsented(context, flow, form);
  if (!proof.ok) {
    if (!proof.failure) return proof.response;
    sessions.endFlow(flow.id);
    return errorRedirect(context, flow, proof.failure.error, proof.failure, proof.failure.codes[0] === 65004 ? 'cancel' : undefined);
  }
  sessions.endFlow(flow.id);
  const grant: UserGrant = {
    userId: proof.userId,
    clientId: flow.clientId,
    scopes: flow.scopes,
    method: proof.method,
    platform: flow.platform,
    authenticatedAt: tenant.clock.now().getTime(),
    ...(flow.nonce ? { nonce: flow.nonce } : {}),
  };
  const code = sessions.issueCode({
    ...grant,
    redirectUri: flow.redirectUri,
    expiresAt: tenant.clock.now().getTime() + authorizationCodeLifetimeMs,
    ...(flow.codeChallenge ? { codeChallenge: flow.codeChallenge } : {}),
  });
  return respondToApp(context, flow, {
    code,
    client_info: Buffer.from(JSON.stringify({ uid: proof.userId, utid: tenant.tenantId })).toString('base64url'),
  });
}

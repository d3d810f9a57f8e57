/**
 * The interactive part of a simulated sign-in: GET /{tenant}/oauth2/v2.0/authorize shows the
 * security-key page; its form posts back here; success redirects to the app's loopback
 * redirect URI with `code` and `state` (docs/microsoft-behaviour.md, "Interactive sign-in and the loopback redirect"). The device-code flow uses the same
 * page behind /devicelogin.
 */
import type { ApplicationSeed } from '../seed/schema-apps.ts';
import { formBody, header, redirectResponse, type SimRequest, type SimResponse } from '../http/messages.ts';
import type { SimulatorContext } from '../token/context.ts';
import { entraErrorBody, entraErrors, type EntraError } from '../token/entra-errors.ts';
import {
  authorizationCodeLifetimeMs,
  newCorrelationId,
  type DeviceAuthorization,
  type PendingAuthorization,
  type UserGrant,
} from '../token/sessions.ts';
import { recordUserSignIn } from '../token/sign-in-records.ts';
import type { SignInMethod } from '../token/sign-in-policy.ts';
import { answerConsent, consentStep } from './consent-step.ts';
import { deviceCodeEntryPage, formPostPage, messagePage, securityKeyPage, type SecurityKeyChoice } from './security-key-page.ts';

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

type ResponseTarget = Pick<PendingAuthorization, 'redirectUri' | 'responseMode' | 'state'>;

/** Hands the result of an authorize request back to the app in the response mode it asked for. */
function respondToApp(context: SimulatorContext, flow: ResponseTarget, fields: Record<string, string>): SimResponse {
  const all = { ...fields, ...(flow.state !== undefined ? { state: flow.state } : {}) };
  if (flow.responseMode === 'form_post')
    return formPostPage({ tenantName: context.tenant.seed.tenant.displayName, redirectUri: flow.redirectUri, fields: all });
  const target = new URL(flow.redirectUri);
  const encoded = new URLSearchParams(all);
  if (flow.responseMode === 'fragment') target.hash = encoded.toString();
  else for (const [name, value] of encoded) target.searchParams.set(name, value);
  return redirectResponse(target.toString());
}

function errorRedirect(
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

/** The keys in the safe; the one chosen before (after a wrong PIN), else the login hint's first key, is selected. */
function keyChoices(context: SimulatorContext, loginHint: string | undefined, chosen: string | undefined): SecurityKeyChoice[] {
  const { tenant } = context;
  const choices = tenant.seed.simulator.securityKeys.flatMap((key, index) => {
    const user = tenant.user(key.userId);
    const method = user?.authenticationMethods?.find((m) => m.id === key.fido2MethodId);
    if (!user || method?.['@odata.type'] !== '#microsoft.graph.fido2AuthenticationMethod') return [];
    return [
      {
        value: String(index),
        label: method.displayName ?? 'Security key',
        detail: `${method.model ?? 'FIDO2 security key'} · registered to ${user.userPrincipalName}`,
        preselected: false,
        hinted: Boolean(loginHint) && loginHint?.toLowerCase() === user.userPrincipalName.toLowerCase(),
      },
    ];
  });
  const selected = choices.find((c) => c.value === chosen) ?? choices.find((c) => c.hinted);
  return choices.map(({ hinted: _hinted, ...choice }) => ({
    ...choice,
    preselected: choice === selected || choice.value === selected?.value,
  }));
}

function page(
  context: SimulatorContext,
  flow: PendingAuthorization | DeviceAuthorization,
  error?: string,
  status?: number,
  chosenKey?: string,
): SimResponse {
  const tenantName = context.tenant.seed.tenant.displayName;
  const client = context.tenant.servicePrincipalByAppId(flow.clientId);
  const action = flow.kind === 'deviceCode' ? '/devicelogin/authenticate' : `/${context.tenant.tenantId}/oauth2/v2.0/authorize`;
  return securityKeyPage({
    tenantName,
    appName: client?.displayName ?? flow.clientId,
    action,
    flowId: flow.id,
    keys: keyChoices(context, flow.kind === 'authorizationCode' ? flow.loginHint : undefined, chosenKey),
    ...(error ? { error } : {}),
    ...(status ? { status } : {}),
  });
}

export function handleAuthorizeGet(context: SimulatorContext, request: SimRequest): SimResponse {
  const { tenant, sessions } = context;
  const query = request.url.searchParams;
  const tenantName = tenant.seed.tenant.displayName;
  const problem = (failure: EntraError) =>
    messagePage({ tenantName, title: 'Sign-in failed', message: `AADSTS${failure.codes[0]}: ${failure.description}`, status: 400 });
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
  if (query.get('response_type') !== 'code') return errorRedirect(context, flowBase, 'unsupported_response_type');
  const challenge = query.get('code_challenge') ?? undefined;
  if (challenge && query.get('code_challenge_method') !== 'S256') {
    return errorRedirect(context, flowBase, 'invalid_request', {
      status: 400,
      error: 'invalid_request',
      codes: [501491],
      description: 'Invalid size of Code_Challenge parameter or code_challenge_method is not S256.',
    });
  }
  const nonce = query.get('nonce') ?? undefined;
  const loginHint = query.get('login_hint') ?? undefined;
  const flow = sessions.startAuthorization({
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
  });
  return page(context, flow);
}

type Proof = { ok: true; userId: string; method: SignInMethod } | { ok: false; response: SimResponse };

/** Checks the chosen key and PIN (or the envelope password) against the seed's secrets. */
function proveUser(
  context: SimulatorContext,
  flow: PendingAuthorization | DeviceAuthorization,
  form: URLSearchParams,
  correlationId: string,
): Proof {
  const { tenant, sessions } = context;
  const now = tenant.clock.now().getTime();
  const action = form.get('action');
  let userId: string | undefined;
  let method: SignInMethod;
  let secretOk: boolean;
  if (action === 'password') {
    const user = tenant.user(form.get('username') ?? '');
    if (!user) return { ok: false, response: page(context, flow, "We couldn't find an account with that user name.", 400) };
    userId = user.id;
    method = { kind: 'password' };
    secretOk = tenant.password(user.id) !== undefined && tenant.password(user.id) === form.get('password');
  } else {
    const key = tenant.seed.simulator.securityKeys[Number(form.get('key'))];
    if (!key) return { ok: false, response: page(context, flow, 'Choose the security key that is inserted.', 400) };
    const user = tenant.user(key.userId);
    const fido2 = user?.authenticationMethods?.find((m) => m.id === key.fido2MethodId);
    if (!user || !fido2)
      return { ok: false, response: page(context, flow, 'This security key is no longer registered for its account.', 400) };
    userId = user.id;
    method = {
      kind: 'fido2',
      aaGuid: fido2['@odata.type'] === '#microsoft.graph.fido2AuthenticationMethod' ? (fido2.aaGuid ?? null) : null,
    };
    secretOk = form.get('pin') === key.pin;
  }
  const user = tenant.user(userId)!;
  const failWith = (failure: EntraError, reason: string): Proof => {
    recordUserSignIn(tenant, {
      user,
      clientAppId: flow.clientId,
      method,
      interactive: true,
      outcome: { errorCode: failure.codes[0] ?? 0, failureReason: reason },
      correlationId,
    });
    if (flow.kind === 'deviceCode')
      return { ok: false, response: page(context, flow, `AADSTS${failure.codes[0]}: ${failure.description}`, 400) };
    sessions.endFlow(flow.id);
    return { ok: false, response: errorRedirect(context, flow, 'access_denied', failure) };
  };
  if (sessions.isLocked(user.id, now))
    return failWith(entraErrors.userLocked(), 'Account is locked because the user tried to sign in too many times.');
  if (user.accountEnabled === undefined) {
    const failure = entraErrors.userStateNotInSeed(user.id);
    return failWith(failure, failure.description);
  }
  if (!user.accountEnabled) return failWith(entraErrors.userDisabled(), 'User account is disabled.');
  if (!secretOk) {
    const left = sessions.recordWrongSecret(user.id, now);
    if (left === 0) return failWith(entraErrors.userLocked(), 'Account locked after repeated wrong PINs or passwords.');
    recordUserSignIn(tenant, {
      user,
      clientAppId: flow.clientId,
      method,
      interactive: true,
      outcome: { errorCode: 50126, failureReason: 'Invalid username or password or Invalid on-premise username or password.' },
      correlationId,
    });
    const what = method.kind === 'fido2' ? 'Incorrect PIN.' : 'Your account or password is incorrect.';
    return {
      ok: false,
      response: page(
        context,
        flow,
        `${what} ${left} ${left === 1 ? 'try' : 'tries'} left before the account is locked.`,
        400,
        form.get('key') ?? undefined,
      ),
    };
  }
  sessions.clearWrongSecrets(user.id);
  return { ok: true, userId: user.id, method };
}

type ConsentedProof =
  | { ok: true; userId: string; method: SignInMethod }
  | { ok: false; response: SimResponse; failure?: undefined }
  | { ok: false; failure: EntraError };

/**
 * The security key (or envelope password) and then, where the tenant has not consented to what
 * the app asks, the consent step (consent-step.ts). A consent error is recorded as a failed sign-in.
 */
function provedAndConsented(
  context: SimulatorContext,
  flow: PendingAuthorization | DeviceAuthorization,
  form: URLSearchParams,
): ConsentedProof {
  const { tenant } = context;
  const correlationId = newCorrelationId();
  const action = flow.kind === 'deviceCode' ? '/devicelogin/authenticate' : `/${tenant.tenantId}/oauth2/v2.0/authorize`;
  const answered = answerConsent(context, flow, form);
  const proof = answered ?? proveUser(context, flow, form, correlationId);
  if (!proof.ok) return 'response' in proof ? proof : { ok: false, failure: proof.failure };
  if (answered) return proof;
  const consent = consentStep(context, flow, proof, action);
  if (consent.kind === 'prompt') return { ok: false, response: consent.response };
  if (consent.kind === 'refused') {
    const { failure } = consent;
    recordUserSignIn(tenant, {
      user: tenant.user(proof.userId)!,
      clientAppId: flow.clientId,
      method: proof.method,
      interactive: true,
      outcome: { errorCode: failure.codes[0] ?? 0, failureReason: failure.description },
      correlationId,
    });
    return { ok: false, failure };
  }
  return proof;
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
    // Entra answers a cancelled sign-in with access_denied and error_subcode=cancel.
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

export function handleDeviceLogin(context: SimulatorContext, request: SimRequest): SimResponse {
  const { tenant, sessions } = context;
  const tenantName = tenant.seed.tenant.displayName;
  if (request.method === 'GET') return deviceCodeEntryPage({ tenantName });
  const device = sessions.deviceByUserCode(formBody(request).get('user_code') ?? '');
  if (!device || device.state !== 'pending' || device.expiresAt < tenant.clock.now().getTime()) {
    return deviceCodeEntryPage({ tenantName, error: "That code didn't work. Check the code and try again." });
  }
  return page(context, device);
}

export function handleDeviceAuthenticate(context: SimulatorContext, request: SimRequest): SimResponse {
  const { tenant, sessions } = context;
  const form = formBody(request);
  const flow = sessions.flow(form.get('flow') ?? '');
  const tenantName = tenant.seed.tenant.displayName;
  if (!flow || flow.kind !== 'deviceCode' || flow.state !== 'pending') {
    return messagePage({
      tenantName,
      title: 'Sign-in expired',
      message: 'This code is no longer waiting for a sign-in. Start again on the device.',
      status: 400,
    });
  }
  if (form.get('action') === 'cancel') {
    flow.state = 'declined';
    sessions.endFlow(flow.id);
    return messagePage({
      tenantName,
      title: 'Sign-in cancelled',
      message: 'You cancelled the sign-in. The device will be told.',
      status: 200,
    });
  }
  const proof = provedAndConsented(context, flow, form);
  if (!proof.ok) {
    if (!proof.failure) return proof.response;
    flow.state = { failure: proof.failure };
    sessions.endFlow(flow.id);
    return messagePage({
      tenantName,
      title: 'Sign-in failed',
      message: `AADSTS${proof.failure.codes[0]}: ${proof.failure.description} Return to the device: it will say so too.`,
      status: 400,
    });
  }
  sessions.endFlow(flow.id);
  flow.state = {
    grant: {
      userId: proof.userId,
      clientId: flow.clientId,
      scopes: flow.scopes,
      method: proof.method,
      platform: platformFromUserAgent(header(request, 'user-agent')),
      authenticatedAt: tenant.clock.now().getTime(),
    },
  };
  const client = tenant.servicePrincipalByAppId(flow.clientId);
  return messagePage({
    tenantName,
    title: 'You are signed in',
    message: `You have signed in to ${client?.displayName ?? flow.clientId} on your other device. You may now close this window.`,
    status: 200,
  });
}

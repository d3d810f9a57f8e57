/**
 * POST /{tenant}/oauth2/v2.0/token and /devicecode (docs/microsoft-behaviour.md, "The token endpoint";
 * https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow,
 * …/v2-oauth2-auth-code-flow, …/v2-oauth2-device-code). Grants: client_credentials with a
 * certificate assertion, authorization_code with PKCE, refresh_token, and device_code (both
 * MSAL's short `device_code` and the spec's URN).
 */
import { createHash } from 'node:crypto';

import { formBody, header, jsonResponse, type SimRequest, type SimResponse } from '../http/messages.ts';
import { verifyClientAssertion } from './client-assertion.ts';
import { entraUrls, type SimulatorContext } from './context.ts';
import { entraErrorBody, entraErrors, type EntraError } from './entra-errors.ts';
import { accessTokenLifetimeSeconds } from './issuer.ts';
import { parseScope, resourceByIdentifier } from './resources.ts';
import { newCorrelationId } from './sessions.ts';
import { recordServicePrincipalSignIn } from './sign-in-records.ts';
import { evaluateSignInPolicy } from './sign-in-policy.ts';
import { issueUserTokens, type TokenResult } from './user-tokens.ts';

const assertionType = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

type Client = {
  readonly appId: string;
  readonly confidential: boolean;
  readonly keyId?: string;
  readonly thumbprint?: string;
  readonly jti?: string;
  readonly jtiExpiresAt?: number;
};

function errorResponse(context: SimulatorContext, failure: EntraError, correlationId: string): SimResponse {
  return jsonResponse(failure.status, entraErrorBody(failure, context.tenant.clock.now(), correlationId), { 'Cache-Control': 'no-store' });
}

/** Authenticates the calling client; public clients send no credential (auth code, device code). */
async function authenticateClient(
  context: SimulatorContext,
  request: SimRequest,
  form: URLSearchParams,
  requireCredential: boolean,
): Promise<{ ok: true; client: Client } | { ok: false; failure: EntraError }> {
  const { tenant } = context;
  const clientId = form.get('client_id');
  if (!clientId) return { ok: false, failure: entraErrors.missingParameter('client_id') };
  const principal = tenant.servicePrincipalByAppId(clientId);
  if (!principal) return { ok: false, failure: entraErrors.applicationNotFound(clientId, tenant.seed.tenant.displayName) };
  if (principal.accountEnabled === undefined)
    return { ok: false, failure: entraErrors.applicationStateNotInSeed(clientId, principal.displayName) };
  if (!principal.accountEnabled) return { ok: false, failure: entraErrors.applicationDisabled(clientId, principal.displayName) };
  if (form.has('client_secret')) {
    // The simulator holds no secret values: a secret is the credential break-glass apps must not have (BG-APP-04).
    return {
      ok: false,
      failure: {
        status: 401,
        error: 'invalid_client',
        codes: [7000215],
        description:
          'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app.',
      },
    };
  }
  const assertion = form.get('client_assertion');
  if (!assertion) {
    return requireCredential
      ? { ok: false, failure: entraErrors.credentialMissing() }
      : { ok: true, client: { appId: clientId, confidential: false } };
  }
  if (form.get('client_assertion_type') !== assertionType)
    return { ok: false, failure: entraErrors.missingParameter('client_assertion_type') };
  const application = tenant.applicationByAppId(clientId);
  if (!application) return { ok: false, failure: entraErrors.keyNotRegistered('', clientId) };
  const tokenEndpoint = entraUrls(request.origin, tenant.tenantId).token;
  const verdict = await verifyClientAssertion({ assertion, clientId, tokenEndpoint, application, now: tenant.clock.now() });
  if (!verdict.ok) return verdict;
  // A key added moments ago may not have reached the server that answers (faults.ts, KeyPropagationDelay):
  // Entra answers as for a key it does not know.
  if (context.faults.refusesNewKey(verdict.key.keyId, tenant.clock.now()))
    return { ok: false, failure: entraErrors.keyNotRegistered(verdict.presentedThumbprint, clientId) };
  return {
    ok: true,
    client: {
      appId: clientId,
      confidential: true,
      keyId: verdict.key.keyId,
      thumbprint: verdict.thumbprintSha1,
      jti: verdict.jti,
      jtiExpiresAt: verdict.expiresAt,
    },
  };
}

async function clientCredentials(
  context: SimulatorContext,
  request: SimRequest,
  form: URLSearchParams,
  correlationId: string,
): Promise<SimResponse> {
  const { tenant, issuer, sessions } = context;
  const authenticated = await authenticateClient(context, request, form, true);
  const clientId = form.get('client_id') ?? '';
  const recordFailure = (failure: EntraError, extra: { keyId?: string; thumbprint?: string } = {}) => {
    if (tenant.servicePrincipalByAppId(clientId))
      recordServicePrincipalSignIn(tenant, {
        clientAppId: clientId,
        ...extra,
        outcome: { errorCode: failure.codes.at(-1) ?? 0, failureReason: failure.description },
        correlationId,
      });
    return errorResponse(context, failure, correlationId);
  };
  if (!authenticated.ok) return recordFailure(authenticated.failure);
  const { client } = authenticated;
  const credential = { ...(client.keyId ? { keyId: client.keyId } : {}), ...(client.thumbprint ? { thumbprint: client.thumbprint } : {}) };

  const scope = form.get('scope');
  if (!scope) return recordFailure(entraErrors.scopeMissing(), credential);
  const scopes = scope.split(' ').filter(Boolean);
  if (scopes.length !== 1 || !scopes[0]!.endsWith('/.default')) return recordFailure(entraErrors.scopeNeedsDefault(scope), credential);
  const resource = resourceByIdentifier(parseScope(scopes[0]!).resourceIdentifier);
  if (!resource)
    return recordFailure(
      entraErrors.resourceNotFound(parseScope(scopes[0]!).resourceIdentifier, tenant.seed.tenant.displayName),
      credential,
    );

  // MSAL reuses one assertion for every resource until it expires (ClientAssertion.getJwt), so a
  // replay is the same jti presented again for the same resource. User grants are not checked:
  // a confidential client legitimately presents the same assertion to redeem a code and then
  // to refresh for the same resource.
  if (client.jti && sessions.assertionSeen(client.jti, resource.appId, client.jtiExpiresAt ?? 0, tenant.clock.now().getTime())) {
    return recordFailure(entraErrors.assertionReplayed(client.jti), credential);
  }

  const principal = tenant.servicePrincipalByAppId(client.appId)!;
  const decision = evaluateSignInPolicy(tenant, {
    kind: 'servicePrincipal',
    servicePrincipalId: principal.id,
    resourceAppId: resource.appId,
  });
  if (decision.outcome !== 'allowed') {
    const failure = entraErrors.blockedByConditionalAccess();
    recordServicePrincipalSignIn(tenant, {
      clientAppId: client.appId,
      resource,
      ...credential,
      outcome: { errorCode: 53003, failureReason: failure.description },
      applied: decision.applied,
      correlationId,
    });
    return errorResponse(context, failure, correlationId);
  }
  const roles = resource.name === 'graph' ? tenant.grantedAppRoles(principal.id, resource.appId) : [];
  const wids = [...tenant.activeRoleIds(principal.id)];
  const accessToken = await issuer.accessToken({
    aud: resource.audience,
    tid: tenant.tenantId,
    oid: principal.id,
    sub: principal.id,
    appid: client.appId,
    app_displayname: principal.displayName,
    appidacr: '2',
    idtyp: 'app',
    ...(roles.length > 0 ? { roles } : {}),
    ...(wids.length > 0 ? { wids } : {}),
  });
  recordServicePrincipalSignIn(tenant, {
    clientAppId: client.appId,
    resource,
    ...credential,
    outcome: { errorCode: 0 },
    applied: decision.applied,
    correlationId,
  });
  return jsonResponse(
    200,
    { token_type: 'Bearer', expires_in: accessTokenLifetimeSeconds, ext_expires_in: accessTokenLifetimeSeconds, access_token: accessToken },
    { 'Cache-Control': 'no-store' },
  );
}

function pkceMatches(verifier: string | null, challenge: string | undefined): boolean {
  if (!challenge) return true;
  if (!verifier) return false;
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}

async function userGrant(
  context: SimulatorContext,
  request: SimRequest,
  form: URLSearchParams,
  grantType: string,
  correlationId: string,
): Promise<SimResponse> {
  const { tenant, sessions } = context;
  const authenticated = await authenticateClient(context, request, form, false);
  if (!authenticated.ok) return errorResponse(context, authenticated.failure, correlationId);
  const { client } = authenticated;
  const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
  const now = tenant.clock.now().getTime();
  const finish = (result: TokenResult) =>
    result.ok ? jsonResponse(200, result.body, { 'Cache-Control': 'no-store' }) : errorResponse(context, result.failure, correlationId);
  const common = { origin: request.origin, correlationId, confidential: client.confidential };

  if (grantType === 'authorization_code') {
    const code = sessions.code(form.get('code') ?? '');
    if (!code || code.clientId.toLowerCase() !== client.appId.toLowerCase())
      return errorResponse(context, entraErrors.codeInvalid(), correlationId);
    if (code.redeemed) return errorResponse(context, entraErrors.codeRedeemed(), correlationId);
    if (code.expiresAt < now) return errorResponse(context, entraErrors.codeExpired(), correlationId);
    if (form.get('redirect_uri') !== code.redirectUri)
      return errorResponse(context, entraErrors.redirectUriMismatch(form.get('redirect_uri') ?? '', client.appId), correlationId);
    if (!pkceMatches(form.get('code_verifier'), code.codeChallenge))
      return errorResponse(context, entraErrors.codeVerifierMismatch(), correlationId);
    code.redeemed = true;
    return finish(
      await issueUserTokens(context, {
        grant: code,
        scopes: scopes.length > 0 ? scopes : code.scopes,
        flow: 'authorizationCode',
        ...common,
      }),
    );
  }
  if (grantType === 'refresh_token') {
    const grant = sessions.refreshGrant(form.get('refresh_token') ?? '');
    if (!grant || grant.clientId.toLowerCase() !== client.appId.toLowerCase())
      return errorResponse(context, entraErrors.refreshTokenInvalid(), correlationId);
    return finish(
      await issueUserTokens(context, { grant, scopes: scopes.length > 0 ? scopes : grant.scopes, flow: 'refreshToken', ...common }),
    );
  }
  const device = sessions.deviceByDeviceCode(form.get('device_code') ?? '');
  if (!device || device.clientId.toLowerCase() !== client.appId.toLowerCase())
    return errorResponse(context, entraErrors.codeInvalid(), correlationId);
  if (device.expiresAt < now) return errorResponse(context, entraErrors.deviceCodeExpired(), correlationId);
  if (device.state === 'pending') return errorResponse(context, entraErrors.authorizationPending(), correlationId);
  if (device.state === 'declined') return errorResponse(context, entraErrors.deviceCodeDeclined(), correlationId);
  if (device.state === 'redeemed') return errorResponse(context, entraErrors.codeRedeemed(), correlationId);
  if ('failure' in device.state) return errorResponse(context, device.state.failure, correlationId);
  const { grant } = device.state;
  device.state = 'redeemed';
  return finish(await issueUserTokens(context, { grant, scopes: device.scopes, flow: 'deviceCode', ...common }));
}

export async function handleTokenRequest(context: SimulatorContext, request: SimRequest): Promise<SimResponse> {
  const form = formBody(request);
  const correlationId = header(request, 'client-request-id') ?? request.url.searchParams.get('client-request-id') ?? newCorrelationId();
  const grantType = form.get('grant_type');
  if (!grantType) return errorResponse(context, entraErrors.missingParameter('grant_type'), correlationId);
  if (grantType === 'client_credentials') return clientCredentials(context, request, form, correlationId);
  if (grantType === 'authorization_code' || grantType === 'refresh_token')
    return userGrant(context, request, form, grantType, correlationId);
  if (grantType === 'device_code' || grantType === 'urn:ietf:params:oauth:grant-type:device_code')
    return userGrant(context, request, form, 'device_code', correlationId);
  return errorResponse(context, entraErrors.unsupportedGrantType(grantType), correlationId);
}

export async function handleDeviceCodeRequest(context: SimulatorContext, request: SimRequest): Promise<SimResponse> {
  const { tenant, sessions } = context;
  const form = formBody(request);
  const correlationId = header(request, 'client-request-id') ?? newCorrelationId();
  const clientId = form.get('client_id');
  if (!clientId) return errorResponse(context, entraErrors.missingParameter('client_id'), correlationId);
  if (!tenant.servicePrincipalByAppId(clientId))
    return errorResponse(context, entraErrors.applicationNotFound(clientId, tenant.seed.tenant.displayName), correlationId);
  const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
  const flow = sessions.startDeviceAuthorization({ clientId, scopes, now: tenant.clock.now().getTime() });
  const verificationUri = entraUrls(request.origin, tenant.tenantId).deviceLogin;
  return jsonResponse(200, {
    user_code: flow.userCode,
    device_code: flow.deviceCode,
    verification_uri: verificationUri,
    expires_in: 900,
    // Entra says 5; the simulator polls faster so drills and tests do not wait.
    interval: 1,
    message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${flow.userCode} to authenticate.`,
  });
}

export { errorResponse as entraErrorResponse };

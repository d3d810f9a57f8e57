/**
 * Forged and broken certificate client assertions sent straight to the simulated token endpoint
 * (docs/microsoft-behaviour.md, "Client assertion" and "Token-endpoint errors"): each is refused with Entra's error body and the
 * AADSTS code a custodian would look up, and each refusal shows in the beta sign-in log. The
 * real msal-node meets the same check when the clock is off.
 */
import assert from 'node:assert/strict';
import { createPrivateKey, randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';

import { SignJWT, decodeJwt, type JWTHeaderParameters, type JWTPayload } from 'jose';

import { certificateFacts, createSelfSignedCertificate, type CertificateWithKey } from '../../src/node/x509/certificates.ts';
import { type Simulator } from '../../src/sim/index.ts';
import type { EntraErrorBody } from '../../src/sim/token/entra-errors.ts';
import { ids, testCertificates, testSeed, expireAppKey } from '../helpers/sim-seed.ts';
import { appGraphClient, confidentialClient, graphScope, simRequest, startTestSimulator } from '../helpers/sim.ts';

const sim = await startTestSimulator(testSeed());

const day = 86_400_000;
const certs = testCertificates();
/** A certificate (and key) that no application in the tenant has registered. */
const stranger = createSelfSignedCertificate({
  commonName: 'Not registered anywhere',
  notBefore: new Date(Date.now() - day),
  notAfter: new Date(Date.now() + 365 * day),
});
/** The same tenant, except that the break-glass app's only keyCredential ended an hour ago. */
const expired = await startTestSimulator(testSeed(expireAppKey(ids.bgApp.appId)));

const nowSeconds = () => Math.floor(Date.now() / 1000);
const thumbprint = (certificatePem: string, sha1: boolean) => {
  const facts = certificateFacts(certificatePem);
  return sha1 ? facts.x5t : facts.x5tS256;
};

type AssertionOptions = {
  readonly target?: Simulator;
  readonly clientId?: string;
  /** The certificate the header names (by thumbprint). */
  readonly certificate?: CertificateWithKey;
  /** The key that signs; the certificate's own key unless a forgery is wanted. */
  readonly signingKeyPem?: string;
  /** RS256 + x5t (SHA-1) instead of the current PS256 + x5t#S256. */
  readonly sha1?: boolean;
  /** Drop both x5t and x5t#S256 from the header. */
  readonly withoutThumbprint?: boolean;
  readonly claims?: JWTPayload;
};

/**
 * A client assertion as msal-node and Microsoft's certificate-credentials page build it:
 * aud = the token endpoint, iss = sub = client id, nbf = iat = now, exp = now + 600, a GUID jti.
 */
async function clientAssertion(options: AssertionOptions = {}): Promise<string> {
  const target = options.target ?? sim;
  const clientId = options.clientId ?? ids.bgApp.appId;
  const certificate = options.certificate ?? certs.bgApp;
  const sha1 = options.sha1 ?? false;
  const header: JWTHeaderParameters = sha1
    ? { alg: 'RS256', typ: 'JWT', x5t: thumbprint(certificate.certificatePem, true) }
    : { alg: 'PS256', typ: 'JWT', 'x5t#S256': thumbprint(certificate.certificatePem, false) };
  if (options.withoutThumbprint) {
    delete header['x5t'];
    delete header['x5t#S256'];
  }
  const now = nowSeconds();
  const claims: JWTPayload = {
    aud: `${target.authority}/oauth2/v2.0/token`,
    iss: clientId,
    sub: clientId,
    jti: randomUUID(),
    nbf: now,
    iat: now,
    exp: now + 600,
    ...options.claims,
  };
  return new SignJWT(claims).setProtectedHeader(header).sign(createPrivateKey(options.signingKeyPem ?? certificate.privateKeyPem));
}

type TokenResponse = { readonly status: number; readonly body: Record<string, unknown> };

async function requestToken(assertion: string, options: { target?: Simulator; clientId?: string } = {}): Promise<TokenResponse> {
  const target = options.target ?? sim;
  const response = await simRequest(target, `/${target.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: options.clientId ?? ids.bgApp.appId,
      scope: graphScope,
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    }).toString(),
  });
  return { status: response.status, body: JSON.parse(response.body.toString('utf8')) as Record<string, unknown> };
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The `error` values the reference-error-codes page lists for the token endpoint. */
const documentedErrors = [
  'invalid_request',
  'invalid_grant',
  'unauthorized_client',
  'invalid_client',
  'unsupported_grant_type',
  'invalid_resource',
  'interaction_required',
  'temporarily_unavailable',
];

/**
 * Entra's error body (docs/microsoft-behaviour.md, "Token-endpoint errors"): `error`, an `error_description` that starts with
 * "AADSTSnnnn:" and ends with the Trace ID / Correlation ID / Timestamp lines, `error_codes`,
 * `timestamp`, `trace_id`, `correlation_id`, `error_uri`. Returns the body for further checks.
 */
function assertEntraError(response: TokenResponse, expected: { code: number; error: string | readonly string[] }): EntraErrorBody {
  assert.ok([400, 401].includes(response.status), `HTTP ${response.status} for a refused client assertion`);
  assert.ok(!('access_token' in response.body), 'no token comes with a refusal');
  const body = response.body as EntraErrorBody;
  const errors = typeof expected.error === 'string' ? [expected.error] : expected.error;
  assert.ok(documentedErrors.includes(body.error), `error "${body.error}" is one Entra documents`);
  assert.ok(errors.includes(body.error), `error "${body.error}", expected ${errors.join(' or ')}`);
  assert.ok(Array.isArray(body.error_codes) && body.error_codes.every((c) => Number.isInteger(c)), 'error_codes is a list of numbers');
  assert.ok(body.error_codes.includes(expected.code), `error_codes ${JSON.stringify(body.error_codes)} include ${expected.code}`);
  assert.match(body.error_description, new RegExp(`^AADSTS${body.error_codes[0]}: `));
  assert.match(body.error_description, new RegExp(`AADSTS${expected.code}:`));
  assert.match(body.timestamp, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  assert.match(body.trace_id, guid);
  assert.match(body.correlation_id, guid);
  assert.ok(
    body.error_description.endsWith(
      `\r\nTrace ID: ${body.trace_id}\r\nCorrelation ID: ${body.correlation_id}\r\nTimestamp: ${body.timestamp}`,
    ),
    'the description ends with the Trace ID, Correlation ID and Timestamp lines',
  );
  assert.match(body.error_uri, new RegExp(`^https://login\\.microsoft(online)?\\.com/error\\?code=${body.error_codes[0]}$`));
  return body;
}

type SignInRecord = {
  appId?: string;
  correlationId?: string;
  servicePrincipalId?: string | null;
  signInEventTypes?: string[];
  status: { errorCode: number; failureReason?: string | null };
};

const readers = new Map<Simulator, ReturnType<typeof appGraphClient>>();

/** The failed sign-in, as the reader app finds it in the beta sign-in log (docs/microsoft-behaviour.md, "Sign-in logs"). */
async function assertLoggedFailure(body: EntraErrorBody, target: Simulator = sim): Promise<void> {
  let reader = readers.get(target);
  if (!reader) {
    reader = appGraphClient(target, ids.reader.appId);
    readers.set(target, reader);
  }
  const page = (await reader
    .api('/auditLogs/signIns')
    .version('beta')
    .filter(`signInEventTypes/any(t: t eq 'servicePrincipal') and correlationId eq '${body.correlation_id}'`)
    .get()) as { value: SignInRecord[] };
  assert.equal(page.value.length, 1, `one sign-in record with correlation id ${body.correlation_id}`);
  const record = page.value[0]!;
  assert.equal(record.appId, ids.bgApp.appId);
  assert.equal(record.servicePrincipalId, ids.bgApp.sp);
  assert.ok(record.signInEventTypes?.includes('servicePrincipal'));
  assert.notEqual(record.status.errorCode, 0);
  assert.ok(
    body.error_codes.includes(record.status.errorCode),
    `logged errorCode ${record.status.errorCode} is one of ${JSON.stringify(body.error_codes)}`,
  );
}

describe('a well-formed certificate assertion gets a token (so the refusals below are meaningful)', () => {
  test('PS256 with x5t#S256, as the current Microsoft page describes', async () => {
    const response = await requestToken(await clientAssertion());
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body['token_type'], 'Bearer');
    assert.equal(decodeJwt(String(response.body['access_token']))['appid'], ids.bgApp.appId);
  });

  test('RS256 with the SHA-1 x5t, as older pages and msal’s deprecated thumbprint describe', async () => {
    const response = await requestToken(await clientAssertion({ sha1: true }));
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(decodeJwt(String(response.body['access_token']))['appid'], ids.bgApp.appId);
  });
});

describe('forged or broken client assertions are refused with the AADSTS code to look up', () => {
  test('signed by another key while naming the registered certificate: AADSTS700027', async () => {
    const response = await requestToken(await clientAssertion({ signingKeyPem: stranger.privateKeyPem }));
    const body = assertEntraError(response, { code: 700027, error: 'invalid_client' });
    assert.deepEqual(body.error_codes, [700027]);
    assert.match(body.error_description, /signature/i);
    await assertLoggedFailure(body);
  });

  test('signed with a certificate the app has not registered: AADSTS700027', async () => {
    const response = await requestToken(await clientAssertion({ certificate: stranger }));
    const body = assertEntraError(response, { code: 700027, error: 'invalid_client' });
    assert.deepEqual(body.error_codes, [700027]);
    assert.match(body.error_description, /not registered|key was not found/i);
    assert.ok(
      body.error_description.includes(certificateFacts(stranger.certificatePem).sha256Hex),
      'the description names the thumbprint the client sent (x5t#S256)',
    );
    await assertLoggedFailure(body);
  });

  test('the same forgery in the RS256/x5t form is refused too: AADSTS700027', async () => {
    const response = await requestToken(await clientAssertion({ sha1: true, signingKeyPem: stranger.privateKeyPem }));
    const body = assertEntraError(response, { code: 700027, error: 'invalid_client' });
    await assertLoggedFailure(body);
  });

  test('a header with neither x5t nor x5t#S256: AADSTS700027', async () => {
    const response = await requestToken(await clientAssertion({ withoutThumbprint: true }));
    const body = assertEntraError(response, { code: 700027, error: 'invalid_client' });
    assert.deepEqual(body.error_codes, [700027]);
    await assertLoggedFailure(body);
  });

  test('expired ten minutes ago, beyond the five-minute clock skew: AADSTS700024', async () => {
    const now = nowSeconds();
    const response = await requestToken(await clientAssertion({ claims: { nbf: now - 1200, iat: now - 1200, exp: now - 600 } }));
    const body = assertEntraError(response, { code: 700024, error: 'invalid_client' });
    assert.deepEqual(body.error_codes, [700024]);
    assert.match(body.error_description, /not within its valid time range/);
    await assertLoggedFailure(body);
  });

  test('not valid until twenty minutes from now: AADSTS700024', async () => {
    const now = nowSeconds();
    const response = await requestToken(await clientAssertion({ claims: { nbf: now + 1200, iat: now, exp: now + 1800 } }));
    const body = assertEntraError(response, { code: 700024, error: 'invalid_client' });
    assert.deepEqual(body.error_codes, [700024]);
    await assertLoggedFailure(body);
  });

  test('an audience other than this tenant’s token endpoint: AADSTS50012', async () => {
    const response = await requestToken(
      await clientAssertion({ claims: { aud: 'https://login.microsoftonline.com/common/oauth2/v2.0/token' } }),
    );
    const body = assertEntraError(response, { code: 50012, error: 'invalid_client' });
    await assertLoggedFailure(body);
  });

  test('an issuer that is not the client id: AADSTS700021', async () => {
    const response = await requestToken(await clientAssertion({ claims: { iss: ids.reader.appId, sub: ids.reader.appId } }));
    const body = assertEntraError(response, { code: 700021, error: 'invalid_client' });
    assert.deepEqual(body.error_codes, [700021]);
    await assertLoggedFailure(body);
  });

  test('the same assertion (same jti) presented twice for the same resource: the second is AADSTS50013', async () => {
    const assertion = await clientAssertion();
    const first = await requestToken(assertion);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const second = await requestToken(assertion);
    // Entra publishes no text for a replayed jti; 50013 (InvalidAssertion) has been seen with either error value.
    const body = assertEntraError(second, { code: 50013, error: ['invalid_client', 'invalid_grant'] });
    assert.deepEqual(body.error_codes, [50013]);
    await assertLoggedFailure(body);
  });

  test('a client id no application in the tenant has: AADSTS700016', async () => {
    const unknown = '99999999-9999-4999-8999-999999999999';
    const response = await requestToken(await clientAssertion({ clientId: unknown }), { clientId: unknown });
    const body = assertEntraError(response, { code: 700016, error: 'unauthorized_client' });
    assert.deepEqual(body.error_codes, [700016]);
    assert.ok(body.error_description.includes(unknown), 'the description names the client id');
  });
});

describe('a registered certificate whose keyCredential has expired', () => {
  test('its otherwise valid assertion is refused: AADSTS700027, saying the key is expired', async () => {
    const response = await requestToken(await clientAssertion({ target: expired }), { target: expired });
    const body = assertEntraError(response, { code: 700027, error: 'invalid_client' });
    assert.deepEqual(body.error_codes, [700027]);
    assert.match(body.error_description, /expired/i);
    await assertLoggedFailure(body, expired);
  });
});

describe('the clock check through the real msal-node', () => {
  test('with the service clock 20 minutes ahead msal fails with AADSTS700024, and works again once the clock is right', async () => {
    const app = confidentialClient(sim, ids.bgApp.appId);
    sim.setClockOffset(1200);
    try {
      await assert.rejects(app.acquireTokenByClientCredential({ scopes: [graphScope] }), (error: Error & { errorCode?: string }) => {
        assert.match(error.message, /AADSTS700024/);
        assert.match(error.message, /not within its valid time range/);
        return true;
      });
    } finally {
      sim.setClockOffset(0);
    }
    const result = await app.acquireTokenByClientCredential({ scopes: [graphScope] });
    assert.ok(result?.accessToken);
    assert.equal(decodeJwt(result.accessToken)['appid'], ids.bgApp.appId);
  });
});

/**
 * The simulated token service through the real msal-node: client credentials with a
 * certificate, authorization code + PKCE with the security-key page, device code, and the
 * sign-in policy (Conditional Access, disabled accounts, lock-out after wrong PINs).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { User } from '@microsoft/microsoft-graph-types';
import { decodeJwt } from 'jose';

import { breakGlassAppPermissions, ids, keyIndex, pins, testSeed, upn, adminPassword } from '../helpers/sim-seed.ts';
import {
  appGraphClient,
  confidentialClient,
  graphClient,
  graphScope,
  publicClient,
  signInWithSecurityKey,
  simRequest,
  startTestSimulator,
  answerSecurityKeyPage,
} from '../helpers/sim.ts';

const sim = await startTestSimulator(testSeed());

type SignInRecord = {
  userId?: string;
  appId?: string;
  status: { errorCode: number };
  appliedConditionalAccessPolicies?: Array<{ id: string; result: string }>;
  signInEventTypes?: string[];
  servicePrincipalId?: string;
};

describe('client credentials with a certificate (the break-glass app)', () => {
  test('msal-node gets an app-only token with PS256/x5t#S256, carrying the granted Graph roles and Global Administrator', async () => {
    const result = await confidentialClient(sim, ids.bgApp.appId).acquireTokenByClientCredential({ scopes: [graphScope] });
    assert.ok(result?.accessToken);
    const claims = decodeJwt(result.accessToken);
    assert.equal(claims['tid'], ids.tenant);
    assert.equal(claims['oid'], ids.bgApp.sp);
    assert.equal(claims['idtyp'], 'app');
    assert.deepEqual(claims['roles'], [...breakGlassAppPermissions].sort());
    assert.deepEqual(claims['wids'], ['62e90394-69f5-4237-9190-012177145e10']);
  });

  test('the deprecated SHA-1 form (RS256/x5t) is accepted too', async () => {
    const result = await confidentialClient(sim, ids.reader.appId, { sha1: true }).acquireTokenByClientCredential({ scopes: [graphScope] });
    assert.deepEqual(decodeJwt(result!.accessToken)['roles'], [
      'Application.Read.All',
      'AuditLog.Read.All',
      'Directory.Read.All',
      'Policy.Read.All',
    ]);
  });

  test('the real Graph client reads with that token', async () => {
    const users = (await appGraphClient(sim, ids.reader.appId).api('/users').select('id,userPrincipalName').get()) as { value: User[] };
    assert.deepEqual(users.value.map((u) => u.userPrincipalName).sort(), ['admin', 'bg1', 'bg2', 'disabled'].map(upn).sort());
  });

  test('a workload-identity policy blocks the service principal it includes: AADSTS53003', async () => {
    await assert.rejects(
      confidentialClient(sim, ids.lobApp.appId).acquireTokenByClientCredential({ scopes: [graphScope] }),
      (error: Error & { errorCode?: string }) => {
        assert.match(error.message, /AADSTS53003/);
        return true;
      },
    );
  });

  test('every app sign-in, good or bad, is served from the beta signIns with signInEventTypes', async () => {
    const reader = appGraphClient(sim, ids.reader.appId);
    // The reader has AuditLog.Read.All.
    const page = (await reader
      .api('/auditLogs/signIns')
      .version('beta')
      .filter(`signInEventTypes/any(t: t eq 'servicePrincipal') and appId eq '${ids.lobApp.appId}'`)
      .get()) as { value: SignInRecord[] };
    assert.ok(page.value.length >= 1);
    assert.ok(page.value.every((r) => r.appId === ids.lobApp.appId && r.signInEventTypes?.includes('servicePrincipal')));
    assert.equal(page.value[0]!.status.errorCode, 53003);
  });
});

describe('security-key sign-in: authorization code with PKCE through the system browser', () => {
  test('bg1 (excluded through a nested group) signs in; msal gets id_token claims and client_info', async () => {
    const result = await signInWithSecurityKey(sim, ids.custodian.appId, [{ key: keyIndex.bg1, pin: pins.bg1 }], upn('bg1'));
    assert.equal(result.account?.username, upn('bg1'));
    assert.equal(result.account?.homeAccountId, `${ids.bg1}.${ids.tenant}`);
    assert.equal(result.idTokenClaims && (result.idTokenClaims as { oid?: string }).oid, ids.bg1);
    const claims = decodeJwt(result.accessToken);
    assert.deepEqual(claims['amr'], ['fido', 'mfa']);
    assert.deepEqual(claims['wids'], ['62e90394-69f5-4237-9190-012177145e10']);
    const me = (await graphClient(sim, async () => result.accessToken)
      .api('/me')
      .get()) as User;
    assert.equal(me.userPrincipalName, upn('bg1'));
  });

  test('the report-only block policy is evaluated and logged but never blocks', async () => {
    const reader = appGraphClient(sim, ids.reader.appId);
    const page = (await reader.api('/auditLogs/signIns').filter(`userId eq '${ids.bg1}'`).get()) as { value: SignInRecord[] };
    const success = page.value.find((r) => r.status.errorCode === 0);
    assert.ok(success, 'the successful sign-in is in the log');
    const results = Object.fromEntries((success.appliedConditionalAccessPolicies ?? []).map((p) => [p.id, p.result]));
    assert.equal(results[ids.reportOnlyPolicy], 'reportOnlyFailure');
    assert.equal(results[ids.blockPolicy], 'notApplied');
    assert.equal(results[ids.mfaPolicy], 'success');
  });

  test('bg2 (not excluded) is blocked by Conditional Access: AADSTS53003', async () => {
    await assert.rejects(signInWithSecurityKey(sim, ids.custodian.appId, [{ key: keyIndex.bg2, pin: pins.bg2 }]), /AADSTS53003/);
  });

  test('a password alone does not satisfy the MFA policy: AADSTS50076', async () => {
    await assert.rejects(
      signInWithSecurityKey(sim, ids.custodian.appId, [{ username: upn('admin'), password: adminPassword }]),
      /AADSTS50076/,
    );
  });

  test('a disabled account: AADSTS50057', async () => {
    await assert.rejects(signInWithSecurityKey(sim, ids.custodian.appId, [{ key: keyIndex.disabled, pin: pins.disabled }]), /AADSTS50057/);
  });

  test('cancel on the security-key page comes back as access_denied', async () => {
    await assert.rejects(signInWithSecurityKey(sim, ids.custodian.appId, [{ cancel: true }]), /access_denied/);
  });

  test('the token exchange checks the PKCE verifier: AADSTS501481', async () => {
    const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
    const authorize = `/${ids.tenant}/oauth2/v2.0/authorize?${new URLSearchParams({
      client_id: ids.custodian.appId,
      response_type: 'code',
      redirect_uri: 'http://localhost:3874',
      scope: 'openid profile offline_access https://graph.microsoft.com/.default',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    })}`;
    const page = await simRequest(sim, authorize);
    const redirect = await answerSecurityKeyPage(sim, page, `/${ids.tenant}/oauth2/v2.0/authorize`, { key: keyIndex.bg2, pin: pins.bg2 });
    assert.equal(redirect.status, 302);
    const code = new URL(redirect.headers['location']!).searchParams.get('code')!;
    const token = await simRequest(sim, `/${ids.tenant}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: ids.custodian.appId,
        grant_type: 'authorization_code',
        code,
        redirect_uri: 'http://localhost:3874',
        code_verifier: 'not-the-verifier-that-made-the-challenge-at-all-00000',
      }).toString(),
    });
    assert.equal(token.status, 400);
    const body = JSON.parse(token.body.toString('utf8')) as { error: string; error_codes: number[] };
    assert.equal(body.error, 'invalid_grant');
    assert.deepEqual(body.error_codes, [501481]);
  });
});

describe('device code sign-in (when no browser can be opened here)', () => {
  test('msal polls until the custodian enters the code and touches the key on another device', async () => {
    const result = await publicClient(sim, ids.custodian.appId).acquireTokenByDeviceCode({
      scopes: [graphScope],
      deviceCodeCallback: (response) => {
        void (async () => {
          assert.match(response.message, new RegExp(response.userCode));
          const path = new URL(response.verificationUri).pathname;
          const entry = await simRequest(sim, path, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: `user_code=${encodeURIComponent(response.userCode)}`,
          });
          const done = await answerSecurityKeyPage(sim, entry, '/devicelogin/authenticate', { key: keyIndex.bg1, pin: pins.bg1 });
          assert.equal(done.status, 200);
        })();
      },
    });
    assert.equal(result?.account?.username, upn('bg1'));
  });
});

describe('lock-out', () => {
  test('three wrong PINs lock the account: AADSTS50053, and then even the right PIN is refused', async () => {
    const wrong = { key: keyIndex.bg1, pin: '000000' };
    await assert.rejects(signInWithSecurityKey(sim, ids.custodian.appId, [wrong, wrong, wrong]), /AADSTS50053/);
    await assert.rejects(signInWithSecurityKey(sim, ids.custodian.appId, [{ key: keyIndex.bg1, pin: pins.bg1 }]), /AADSTS50053/);
    // The lock lasts a minute; afterwards the right PIN works again.
    sim.setClockOffset(120);
    const result = await signInWithSecurityKey(sim, ids.custodian.appId, [{ key: keyIndex.bg1, pin: pins.bg1 }]);
    assert.equal(result.account?.username, upn('bg1'));
    sim.setClockOffset(0);
  });
});

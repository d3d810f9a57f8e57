import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { explainSignInFailure, type SignInContext, type SignInExplanation } from '../../src/core/aadsts/index.ts';

/**
 * Advice checked against Microsoft's error-code reference
 * (https://learn.microsoft.com/entra/identity-platform/reference-error-codes) and followable with
 * Microsoft's own sign-in client, Microsoft Graph Command Line Tools, whose registration a tenant
 * cannot change (issue 12, item 9).
 */
describe('consent, assignment and Microsoft’s own sign-in client', () => {
  const onKey = (code: number, context: Partial<SignInContext> = {}) =>
    explainSignInFailure({ code }, { path: 'security-key', otherAccountAvailable: true, appPathAvailable: true, ...context });
  const all = (explanation: SignInExplanation) => [explanation.title, explanation.explanation, ...explanation.nextSteps].join(' ');

  test('50011 never tells the custodian to edit Microsoft’s app: a redirect URI is added only to a sign-in app of the tenant’s own', () => {
    const explained = onKey(50011);
    assert.equal(explained.alternatives[0], 'device-code');
    for (const step of explained.nextSteps.filter((s) => /redirect URI/i.test(s))) assert.match(step, /publicClientId/, step);
    assert.match(all(explained), /Microsoft Graph Command Line Tools cannot be changed/);
  });

  test('7000112 on the account path is the sign-in app’s service principal, turned on again in Enterprise applications (BG-CLI-01)', () => {
    const explained = onKey(7000112);
    assert.match(explained.explanation, /sign-in app/);
    assert.match(explained.explanation, /service principal in this tenant/);
    assert.ok(explained.nextSteps.some((s) => s.includes('BG-CLI-01') && s.includes('Enabled for users to sign in')));
    assert.match(explainSignInFailure({ code: 7000112 }, { path: 'certificate' }).nextSteps.join(' '), /BG-APP-01/);
  });

  test('50076 says what Microsoft says (policy, per-user MFA, location) and asks for a new sign-in with the key', () => {
    const explained = onKey(50076);
    assert.match(explained.explanation, /location/);
    assert.match(explained.nextSteps[0] ?? '', /new sign-in/);
    assert.match(explainSignInFailure({ code: 50076 }, { path: 'certificate' }).explanation, /cannot give/);
  });

  test('65001: sign in interactively so a Global Administrator sees the consent page, and tick the organization box', () => {
    const explained = onKey(65001);
    assert.match(explained.nextSteps[0] ?? '', /consent page/);
    assert.match(explained.nextSteps[0] ?? '', /Consent on behalf of your organization/);
    assert.ok(explained.nextSteps.some((s) => s.includes('BG-CLI-01')));
  });

  test('65002: no consent can fix a Microsoft app Microsoft has not preauthorized – fix the inventory', () => {
    const explained = onKey(65002);
    assert.match(explained.explanation, /no consent in the tenant can change that/);
    assert.ok(explained.nextSteps.some((s) => s.includes('publicClientId')));
  });

  test('90094 and 90095 name who may consent, and offer the ways in that do not need it', () => {
    for (const code of [90094, 90095]) {
      const explained = onKey(code);
      assert.match(all(explained), /Global Administrator or a Privileged Role Administrator/, `AADSTS${code}`);
      assert.match(all(explained), /Cloud Application or Application Administrator/, `AADSTS${code}`);
      assert.deepEqual(explained.alternatives, ['app-certificate', 'other-account'], `AADSTS${code}`);
    }
    assert.match(all(onKey(90095)), /Admin consent requests/);
  });

  test('50105: assign the accounts to the sign-in app (or turn off “Assignment required”), checked by BG-CLI-01', () => {
    const explained = onKey(50105);
    assert.match(explained.explanation, /Assignment required/);
    assert.ok(explained.nextSteps.some((s) => s.includes('Users and groups') && s.includes('BG-CLI-01')));
  });

  test('50133, 70043 and 700082 ask for a fresh sign-in with the key; 53011 points at Identity Protection', () => {
    assert.match(onKey(50133).explanation, /password expired or was changed/);
    assert.match(onKey(70043).explanation, /sign-in frequency/);
    assert.match(onKey(700082).explanation, /too long/);
    for (const code of [50133, 70043, 700082]) assert.equal(onKey(code).alternatives[0], 'security-key', `AADSTS${code}`);
    const risky = onKey(53011);
    assert.match(risky.explanation, /risky/);
    assert.ok(risky.nextSteps.some((s) => s.includes('Risky users')));
  });
});

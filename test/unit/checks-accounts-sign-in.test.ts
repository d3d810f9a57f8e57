import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import type { AuthenticationMethod, AuthenticationMethodConfiguration, TenantSnapshot } from '../../src/core/checks/snapshot.ts';
import { bg1, bg2, exclusionGroupId, ok, readySnapshot, testInventory, unreadable } from '../helpers/check-snapshot.ts';
import { run, verdict, withAccount } from '../helpers/check-accounts.ts';

const withMethods = (methods: AuthenticationMethod[]) => withAccount(0, () => ({ authenticationMethods: ok(methods) }));
const method = (type: string, id: string, displayName?: string): AuthenticationMethod => ({
  '@odata.type': `#microsoft.graph.${type}`,
  id,
  ...(displayName ? { displayName } : {}),
});
const readyMethods = (): AuthenticationMethod[] => {
  const methods = readySnapshot().accounts[0]!.authenticationMethods;
  assert.ok(methods.ok);
  return [...methods.value];
};

describe('BG-USR-05 – phishing-resistant method registered', () => {
  test('warns with only one FIDO2 key', () => {
    const found = verdict(run(withMethods(readyMethods().slice(1))), 'BG-USR-05', 'warn');
    assert.match(found.title, /only one FIDO2 security key/);
    assert.ok(found.evidence.some((e) => e.includes('Safe key A2')));
  });

  test('fails with a password only', () => {
    verdict(run(withMethods(readyMethods().slice(2))), 'BG-USR-05', 'fail');
  });

  test('passes with a certificate', () => {
    verdict(run(withMethods([method('x509CertificateAuthenticationMethod', 'cert-1')])), 'BG-USR-05', 'pass');
  });

  test('is indeterminate when the methods cannot be read', () => {
    const results = run(withAccount(0, () => ({ authenticationMethods: unreadable('needs UserAuthenticationMethod.Read.All') })));
    verdict(results, 'BG-USR-05', 'indeterminate');
    verdict(results, 'BG-USR-06', 'indeterminate');
  });
});

describe('BG-USR-06 – no phishable or personal-device methods', () => {
  test('fails with a phone method, naming it', () => {
    const found = verdict(
      run(withMethods([...readyMethods(), method('phoneAuthenticationMethod', '3179e48a-750b-4051-897c-87b9720928f7', '+1 2065550100')])),
      'BG-USR-06',
      'fail',
    );
    assert.match(found.title, /phone/);
    assert.ok(found.evidence.some((e) => e.includes('3179e48a-750b-4051-897c-87b9720928f7')));
  });

  test('names every phishable method: Authenticator, software OATH, email and Temporary Access Pass', () => {
    const extra = [
      'microsoftAuthenticatorAuthenticationMethod',
      'softwareOathAuthenticationMethod',
      'emailAuthenticationMethod',
      'temporaryAccessPassAuthenticationMethod',
    ].map((type, n) => method(type, `m-${n}`));
    const found = verdict(run(withMethods([...readyMethods(), ...extra])), 'BG-USR-06', 'fail');
    assert.equal(found.evidence.length, 4);
    for (const label of ['Microsoft Authenticator', 'software OATH token', 'email', 'Temporary Access Pass'])
      assert.ok(found.title.includes(label), label);
  });

  test('does not count the password or Windows Hello for Business', () => {
    verdict(run(withMethods([...readyMethods(), method('windowsHelloForBusinessAuthenticationMethod', 'whfb-1')])), 'BG-USR-06', 'pass');
  });
});

describe('BG-USR-07 – authentication methods policy allows FIDO2 or a certificate', () => {
  const withConfigs = (configs: AuthenticationMethodConfiguration[], base = readySnapshot()): TenantSnapshot => ({
    ...base,
    authenticationMethodConfigurations: ok(configs),
  });
  const fido2 = (change: Partial<AuthenticationMethodConfiguration> = {}): AuthenticationMethodConfiguration => ({
    id: 'Fido2',
    state: 'enabled',
    includeTargets: [{ targetType: 'group', id: 'all_users' }],
    excludeTargets: [],
    ...change,
  });

  test('fails when FIDO2 excludes a group the account is in', () => {
    const found = verdict(
      run(withConfigs([fido2({ excludeTargets: [{ targetType: 'group', id: exclusionGroupId }] })])),
      'BG-USR-07',
      'fail',
    );
    assert.ok(found.evidence.some((e) => e.includes(exclusionGroupId)));
    verdict(run(withConfigs([fido2({ excludeTargets: [{ targetType: 'group', id: exclusionGroupId }] })])), 'BG-USR-07', 'fail', bg2.id);
  });

  test('fails when FIDO2 is disabled and certificates are not configured', () => {
    verdict(run(withConfigs([fido2({ state: 'disabled' })])), 'BG-USR-07', 'fail');
  });

  test('passes when FIDO2 targets a group the account is in', () => {
    verdict(run(withConfigs([fido2({ includeTargets: [{ targetType: 'group', id: exclusionGroupId }] })])), 'BG-USR-07', 'pass');
  });

  test('passes when certificate-based authentication targets the account itself', () => {
    const found = verdict(
      run(
        withConfigs([
          fido2({ state: 'disabled' }),
          { id: 'X509Certificate', state: 'enabled', includeTargets: [{ targetType: 'user', id: bg1.id }], excludeTargets: [] },
        ]),
      ),
      'BG-USR-07',
      'pass',
    );
    assert.match(found.title, /certificate-based authentication/);
  });

  test('is indeterminate when the policy cannot be read', () => {
    verdict(
      run({ ...readySnapshot(), authenticationMethodConfigurations: unreadable('needs Policy.Read.All') }),
      'BG-USR-07',
      'indeterminate',
    );
  });

  test('is indeterminate, not a pass, when Graph answers without excludeTargets (as authenticationmethodspolicy-get.md does)', () => {
    const { excludeTargets: _left, ...withoutExcludes } = fido2();
    const found = verdict(run(withConfigs([withoutExcludes])), 'BG-USR-07', 'indeterminate');
    assert.ok(found.evidence.some((e) => e.includes("may exclude it (Graph's answer has no such list)")));
  });

  test('is indeterminate when FIDO2 targets a group and the account’s groups are unknown', () => {
    const snapshot = withAccount(
      0,
      () => ({ transitiveMemberOf: unreadable('needs GroupMember.Read.All') }),
      withConfigs([fido2({ includeTargets: [{ targetType: 'group', id: exclusionGroupId }] })]),
    );
    verdict(run(snapshot), 'BG-USR-07', 'indeterminate');
  });
});

describe('BG-USR-08 – signed in within the review interval', () => {
  test('warns when the last successful sign-in is older than the interval', () => {
    const found = verdict(
      run(
        withAccount(0, () => ({
          signInActivity: ok({ lastSuccessfulSignInDateTime: '2026-06-01T09:00:00Z', lastSignInDateTime: '2026-11-20T09:00:00Z' }),
        })),
      ),
      'BG-USR-08',
      'warn',
    );
    assert.ok(
      found.evidence.some((e) => e.includes('2026-06-01T09:00:00Z')),
      'a failed attempt after it does not count',
    );
  });

  test('warns when the account never signed in', () => {
    assert.match(verdict(run(withAccount(0, () => ({ signInActivity: ok(null) }))), 'BG-USR-08', 'warn').title, /never signed in/);
  });

  test('a recent failed attempt does not count when no successful sign-in is recorded', () => {
    verdict(
      run(
        withAccount(0, () => ({ signInActivity: ok({ lastSignInDateTime: '2026-11-27T09:00:00Z', lastSuccessfulSignInDateTime: null }) })),
      ),
      'BG-USR-08',
      'warn',
    );
  });

  test('falls back to lastSignInDateTime only where the successful-sign-in property is missing altogether', () => {
    const found = verdict(
      run(withAccount(0, () => ({ signInActivity: ok({ lastSignInDateTime: '2026-11-01T09:00:00Z' }) }))),
      'BG-USR-08',
      'pass',
    );
    assert.ok(found.evidence.some((e) => e.startsWith('lastSignInDateTime')));
  });

  test('follows a configured 180-day interval', () => {
    const snapshot = withAccount(0, () => ({ signInActivity: ok({ lastSuccessfulSignInDateTime: '2026-07-01T09:00:00Z' }) }));
    verdict(run({ ...snapshot, inventory: testInventory({ reviewIntervalDays: 180 }) }), 'BG-USR-08', 'pass');
  });

  test('is indeterminate without sign-in activity (no P1/P2 or no AuditLog.Read.All)', () => {
    const found = verdict(
      run(
        withAccount(0, () => ({
          signInActivity: unreadable('This needs a Microsoft Entra ID P1 or P2 licence (RequestFromNonPremiumTenantOrB2CTenant).'),
        })),
      ),
      'BG-USR-08',
      'indeterminate',
    );
    assert.ok(found.evidence.some((e) => e.includes('RequestFromNonPremiumTenantOrB2CTenant')));
    assert.match(found.remediation, /AuditLog\.Read\.All/);
  });
});

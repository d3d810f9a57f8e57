import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import type { AuthenticationMethod, AuthenticationMethodConfiguration, TenantSnapshot, UserFacts } from '../../src/core/checks/snapshot.ts';
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

/** The X509Certificate configuration as Graph returns it (resources/x509certificateauthenticationmethodconfiguration). */
const x509 = (change: Partial<AuthenticationMethodConfiguration> = {}): AuthenticationMethodConfiguration => ({
  id: 'X509Certificate',
  state: 'enabled',
  includeTargets: [{ targetType: 'group', id: 'all_users' }],
  excludeTargets: [],
  certificateUserBindings: [
    { x509CertificateField: 'PrincipalName', userProperty: 'certificateUserIds' },
    { x509CertificateField: 'SubjectKeyIdentifier', userProperty: 'certificateUserIds' },
  ],
  authenticationModeConfiguration: { x509CertificateAuthenticationDefaultMode: 'x509CertificateMultiFactor', rules: [] },
  ...change,
});

/** bg1 with no FIDO2 key, two certificate user ids, and an enabled x509 policy (FIDO2 disabled). */
function cbaOnly(change: Partial<AuthenticationMethodConfiguration> = {}): TenantSnapshot {
  const base = readySnapshot();
  const withIds = withAccount(
    0,
    (a) => ({
      user: ok({
        ...(a.user as { ok: true; value: UserFacts }).value,
        authorizationInfo: {
          certificateUserIds: ['X509:<PN>bg1@drilltest.onmicrosoft.com', 'X509:<SKI>7a1b2c3d4e5f60718293a4b5c6d7e8f901234567'],
        },
      }),
      authenticationMethods: ok(readyMethods().slice(2)),
    }),
    base,
  );
  return {
    ...withIds,
    authenticationMethodConfigurations: ok([
      { id: 'Fido2', state: 'disabled', includeTargets: [{ targetType: 'group', id: 'all_users' }], excludeTargets: [] },
      x509(change),
    ]),
  };
}

describe('BG-USR-05 – phishing-resistant method registered', () => {
  test('warns with only one FIDO2 key', () => {
    const found = verdict(run(withMethods(readyMethods().slice(1))), 'BG-USR-05', 'warn');
    assert.match(found.title, /only one FIDO2 security key/);
    assert.ok(found.evidence.some((e) => e.includes('Safe key A2')));
  });

  test('fails with a password only', () => {
    verdict(run(withMethods(readyMethods().slice(2))), 'BG-USR-05', 'fail');
  });

  test('a CBA-only account passes: its certificate user ids, bound by the enabled x509 policy that targets it', () => {
    const snapshot = cbaOnly();
    const results = run(snapshot);
    const found = verdict(results, 'BG-USR-05', 'pass');
    assert.match(found.title, /certificate-based sign-in set up/);
    assert.ok(found.evidence.some((e) => e.includes('X509:<PN>bg1@drilltest.onmicrosoft.com')));
    assert.match(verdict(results, 'BG-USR-07', 'pass').title, /certificate-based authentication/);
    verdict(results, 'BG-USR-06', 'pass');
  });

  test('a certificate is not a method type: an x509 method in the list counts for nothing, and without a binding CBA fails', () => {
    const snapshot = cbaOnly({
      certificateUserBindings: [{ x509CertificateField: 'SubjectKeyIdentifier', userProperty: 'certificateUserIds' }],
    });
    const noIds = withAccount(
      0,
      (a) => ({ user: ok({ ...(a.user as { ok: true; value: UserFacts }).value, authorizationInfo: { certificateUserIds: [] } }) }),
      snapshot,
    );
    const results = run(
      withAccount(0, () => ({ authenticationMethods: ok([method('x509CertificateAuthenticationMethod', 'cert-1')]) }), noIds),
    );
    verdict(results, 'BG-USR-05', 'fail');
    assert.match(verdict(results, 'BG-USR-07', 'fail').title, /does not let .* use FIDO2 or a certificate/);
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

  test('does not count the password, Windows Hello for Business or the platform credential (phishing-resistant, device-bound)', () => {
    const extra = [
      method('windowsHelloForBusinessAuthenticationMethod', 'whfb-1'),
      method('platformCredentialAuthenticationMethod', 'psso-1'),
    ];
    verdict(run(withMethods([...readyMethods(), ...extra])), 'BG-USR-06', 'pass');
  });

  test('fails on QR code + PIN, hardware OATH and an external provider, as Graph names them', () => {
    const extra = ['qrCodePinAuthenticationMethod', 'hardwareOathAuthenticationMethod', 'externalAuthenticationMethod'].map((type, n) =>
      method(type, `x-${n}`),
    );
    const found = verdict(run(withMethods([...readyMethods(), ...extra])), 'BG-USR-06', 'fail');
    for (const label of ['QR code and PIN', 'hardware OATH token', 'external authentication provider'])
      assert.ok(found.title.includes(label), label);
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

  test('passes when certificate-based authentication targets the account itself and a username binding ties it', () => {
    const found = verdict(
      run(
        withConfigs([
          fido2({ state: 'disabled' }),
          x509({
            includeTargets: [{ targetType: 'user', id: bg1.id }],
            certificateUserBindings: [{ x509CertificateField: 'PrincipalName', userProperty: 'userPrincipalName' }],
          }),
        ]),
      ),
      'BG-USR-07',
      'pass',
    );
    assert.match(found.title, /certificate-based authentication/);
  });

  test('an x509 policy Graph answered without its bindings leaves the certificate way unknown', () => {
    verdict(run(withConfigs([fido2({ state: 'disabled' }), x509({ certificateUserBindings: null })])), 'BG-USR-07', 'indeterminate');
  });

  describe('key restrictions: the keys in the safe must be a model the policy lets in', () => {
    const safeModel = 'cb69481e-8ff7-4039-93ec-0a2729a154a8';
    const otherModel = 'ee882879-721c-4913-9775-3dfcce97072a';
    const restricted = (enforcementType: 'allow' | 'block', aaGuids: string[]) =>
      withConfigs([fido2({ keyRestrictions: { isEnforced: true, enforcementType, aaGuids } })]);

    test('an allow list of other models fails: every registered key would be refused at sign-in', () => {
      const found = verdict(run(restricted('allow', [otherModel])), 'BG-USR-07', 'fail');
      assert.match(found.title, /would refuse every registered key/);
      assert.ok(found.evidence.some((e) => e.includes(`AAGUID ${safeModel}) is not on the key restrictions' allow list`)));
      assert.match(found.remediation, /allow list/);
    });

    test('a block list naming the safe’s model fails; one naming another model passes', () => {
      verdict(run(restricted('block', [safeModel])), 'BG-USR-07', 'fail');
      verdict(run(restricted('block', [otherModel])), 'BG-USR-07', 'pass');
    });

    test('restrictions not enforced, or an allow list with the safe’s model, pass; attestation alone does not refuse a registered key', () => {
      verdict(
        run(withConfigs([fido2({ keyRestrictions: { isEnforced: false, enforcementType: 'allow', aaGuids: [otherModel] } })])),
        'BG-USR-07',
        'pass',
      );
      verdict(run(restricted('allow', [safeModel.toUpperCase()])), 'BG-USR-07', 'pass');
      verdict(run(withConfigs([fido2({ isAttestationEnforced: true })])), 'BG-USR-07', 'pass');
    });

    test('one key of another model warns: the policy lets the account in, but not with that key', () => {
      const other = { ...readyMethods()[0]!, id: 'key-other', displayName: 'Spare key', aaGuid: otherModel, model: 'Other model' };
      const snapshot = withAccount(0, () => ({ authenticationMethods: ok([...readyMethods(), other]) }), restricted('allow', [safeModel]));
      const found = verdict(run(snapshot), 'BG-USR-07', 'warn');
      assert.match(found.title, /would refuse one of its keys/);
    });

    test('passkey profiles are not guessed at: indeterminate', () => {
      verdict(run(withConfigs([fido2({ passkeyProfiles: [{ id: 'profile-1' }] })])), 'BG-USR-07', 'indeterminate');
    });
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

describe('BG-USR-09 – mandatory MFA can be met', () => {
  test('FIDO2 keys the policy lets in pass', () => {
    assert.match(verdict(run(readySnapshot()), 'BG-USR-09', 'pass').title, /with a FIDO2 security key/);
  });

  test('a multifactor certificate passes; a single-factor one only warns; one that depends on its issuer warns', () => {
    assert.match(verdict(run(cbaOnly()), 'BG-USR-09', 'pass').title, /with a multifactor certificate/);
    const single = verdict(
      run(
        cbaOnly({
          authenticationModeConfiguration: { x509CertificateAuthenticationDefaultMode: 'x509CertificateSingleFactor', rules: [] },
        }),
      ),
      'BG-USR-09',
      'warn',
    );
    assert.match(single.title, /only way in is a single-factor certificate/);
    const mixed = cbaOnly({
      authenticationModeConfiguration: {
        x509CertificateAuthenticationDefaultMode: 'x509CertificateSingleFactor',
        rules: [{ x509CertificateAuthenticationMode: 'x509CertificateMultiFactor', identifier: 'CN=Contoso Smart Card CA' }],
      },
    });
    assert.match(verdict(run(mixed), 'BG-USR-09', 'warn').title, /depends on its issuer or policy OID/);
  });

  test('fails when every registered key is refused by the key restrictions and no certificate way exists', () => {
    const snapshot: TenantSnapshot = {
      ...readySnapshot(),
      authenticationMethodConfigurations: ok([
        {
          id: 'Fido2',
          state: 'enabled',
          includeTargets: [{ targetType: 'group', id: 'all_users' }],
          excludeTargets: [],
          keyRestrictions: { isEnforced: true, enforcementType: 'block', aaGuids: ['cb69481e-8ff7-4039-93ec-0a2729a154a8'] },
        },
      ]),
    };
    verdict(run(snapshot), 'BG-USR-09', 'fail');
  });

  test('is indeterminate when the methods policy cannot be read', () => {
    verdict(
      run({ ...readySnapshot(), authenticationMethodConfigurations: unreadable('needs Policy.Read.All') }),
      'BG-USR-09',
      'indeterminate',
    );
  });
});

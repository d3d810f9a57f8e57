/**
 * The emergency sign-ins through the product's connection layer (src/main/entra/sign-in.ts),
 * against the simulated tenant over real HTTPS: the app with its certificate, a break-glass
 * user with a security key (system browser, or device code), and every failure explained.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { User } from '@microsoft/microsoft-graph-types';

import { endpointsForSimulator } from '../../src/main/entra/endpoints.ts';
import {
  CertificateCredentialError,
  certificateCredentialFromPem,
  loadCertificateCredential,
  type CertificateCredential,
} from '../../src/main/credentials/certificate-credential.ts';
import { SignInError, signInWithCertificate, signInWithSecurityKey } from '../../src/main/entra/sign-in.ts';
import { globalAdministratorRoleId } from '../../src/shared/directory-roles.ts';
import { breakGlassAppPermissions, ids, keyIndex, pins, testSeed, upn } from '../helpers/sim-seed.ts';
import { credentialFolder, pfxBytes, testCertificate } from '../helpers/pfx.ts';
import { answerSecurityKeyPage, scriptedBrowser, simRequest, startTestSimulator, type KeyTouch } from '../helpers/sim.ts';

const sim = await startTestSimulator(testSeed());
const endpoints = endpointsForSimulator(sim);
const globalAdministrator = globalAdministratorRoleId;

function seedCertificate(appId: string): CertificateCredential {
  const credential = sim.secrets.credentials.find((c) => c.appId === appId)!;
  return certificateCredentialFromPem({ ...credential, label: `the simulated safe's certificate for ${appId}` });
}

function securityKey(touches: readonly KeyTouch[], account = upn('bg1')) {
  return signInWithSecurityKey({
    endpoints,
    clientId: ids.custodian.appId,
    userPrincipalName: account,
    openBrowser: scriptedBrowser(sim, touches).openBrowser,
    context: { otherAccountAvailable: true, appPathAvailable: true },
  });
}

function signInError(code: number | undefined, title: RegExp, check: (error: SignInError) => void = () => undefined) {
  return (error: unknown) => {
    assert.ok(error instanceof SignInError, `a SignInError, not ${String(error)}`);
    assert.equal(error.explanation.code, code);
    assert.match(error.explanation.title, title);
    assert.ok(error.explanation.nextSteps.length > 0 && error.nextStep.length > 0);
    check(error);
    return true;
  };
}

describe('the break-glass app with its certificate', () => {
  test('signs in; the session knows the app, its roles and permissions; Graph works with it', async () => {
    const session = await signInWithCertificate({
      endpoints,
      appId: ids.bgApp.appId,
      appName: 'Break-glass app',
      certificate: seedCertificate(ids.bgApp.appId),
    });
    assert.equal(session.facts.kind, 'app');
    assert.equal(session.facts.method, 'certificate');
    assert.equal(session.facts.objectId, ids.bgApp.sp);
    assert.deepEqual(session.facts.directoryRoleIds, [globalAdministrator]);
    assert.deepEqual(session.facts.permissions, [...breakGlassAppPermissions].sort());
    assert.match(session.facts.credential ?? '', /thumbprint/);
    const bg1 = await session.graph.get<User>(`/users/${ids.bg1}`);
    assert.equal(bg1.userPrincipalName, upn('bg1'));
  });

  test('a certificate the app does not know is refused with AADSTS700027, explained', async () => {
    await assert.rejects(
      signInWithCertificate({ endpoints, appId: ids.bgApp.appId, certificate: seedCertificate(ids.reader.appId) }),
      signInError(700027, /certificate/i, (error) => assert.ok(error.explanation.traceId, 'the trace id is kept for Microsoft support')),
    );
  });

  test('a workload-identity policy blocking the app is explained as such (53003 on the certificate path)', async () => {
    await assert.rejects(
      signInWithCertificate({ endpoints, appId: ids.lobApp.appId, certificate: seedCertificate(ids.lobApp.appId) }),
      signInError(53003, /workload identities/i),
    );
  });

  test('with the computer’s clock far off, the explanation says to check the clock (700024)', async () => {
    sim.setClockOffset(1800);
    try {
      await assert.rejects(
        signInWithCertificate({ endpoints, appId: ids.reader.appId, certificate: seedCertificate(ids.reader.appId) }),
        signInError(700024, /./, (error) => assert.ok(error.explanation.alternatives.includes('check-clock'))),
      );
    } finally {
      sim.setClockOffset(0);
    }
  });
});

describe('the break-glass app with the PFX from the safe', () => {
  const passphrase = 'correct-horse-envelope-7';
  const folder = credentialFolder();
  const bgCredential = sim.secrets.credentials.find((c) => c.appId === ids.bgApp.appId)!;
  const pfx = folder.write('breakglass-app.pfx', pfxBytes({ credential: bgCredential, passphrase }));

  function loadError(reason: string, message: RegExp) {
    return (error: unknown) => {
      assert.ok(error instanceof CertificateCredentialError, String(error));
      assert.equal(error.reason, reason);
      assert.match(error.message, message);
      assert.ok(!error.message.includes(passphrase) && !error.nextStep.includes(passphrase), 'the passphrase is never repeated');
      return true;
    };
  }

  test('with the right passphrase the PFX opens and the app signs in with it', async () => {
    const certificate = loadCertificateCredential({ path: pfx, passphrase });
    const session = await signInWithCertificate({ endpoints, appId: ids.bgApp.appId, certificate });
    assert.equal(session.facts.objectId, ids.bgApp.sp);
    assert.match(session.facts.credential ?? '', new RegExp(certificate.thumbprintSha1Hex));
  });

  test('a wrong passphrase, a key that is not the certificate’s, an expired certificate: each says so before any sign-in', () => {
    assert.throws(
      () => loadCertificateCredential({ path: pfx, passphrase: 'not-the-envelope' }),
      loadError('wrong-passphrase', /passphrase/i),
    );
    const stranger = testCertificate({ commonName: 'Someone else' });
    const mixed = folder.write('mixed.pem', `${bgCredential.certificatePem}\n${stranger.privateKeyPem}`);
    assert.throws(() => loadCertificateCredential({ path: mixed }), loadError('mismatch', /does not belong|not the key|match/i));
    const old = testCertificate({
      commonName: 'Break-glass app 2024',
      notBefore: new Date('2024-01-01T00:00:00Z'),
      notAfter: new Date('2025-01-01T00:00:00Z'),
    });
    const expired = folder.write('expired.pfx', pfxBytes({ credential: old, passphrase }));
    assert.throws(() => loadCertificateCredential({ path: expired, passphrase }), loadError('expired', /expired/i));
  });
});

describe('a break-glass user with a security key', () => {
  test('signs in through the system browser; the session holds Global Administrator; Graph /me works', async () => {
    const session = await securityKey([{ key: keyIndex.bg1, pin: pins.bg1 }]);
    assert.equal(session.facts.kind, 'user');
    assert.equal(session.facts.who, upn('bg1'));
    assert.deepEqual(session.facts.directoryRoleIds, [globalAdministrator]);
    assert.equal((await session.graph.get<User>('/me')).id, ids.bg1);
  });

  test('blocked by Conditional Access: 53003, with the app path and the other account offered', async () => {
    await assert.rejects(
      securityKey([{ key: keyIndex.bg2, pin: pins.bg2 }], upn('bg2')),
      signInError(53003, /Conditional Access/, (error) => {
        assert.ok(error.explanation.alternatives.includes('app-certificate'));
        assert.ok(error.explanation.alternatives.includes('other-account'));
        assert.match(error.nextStep, /app certificate/i);
      }),
    );
  });

  test('cancel on the key page is a cancellation, not a failure to debug', async () => {
    await assert.rejects(securityKey([{ cancel: true }]), signInError(undefined, /cancel/i));
  });

  test(
    'no browser here: the device code is shown and the sign-in completes when the code is used elsewhere',
    { timeout: 30_000 },
    async () => {
      const session = await signInWithSecurityKey({
        endpoints,
        clientId: ids.custodian.appId,
        userPrincipalName: upn('bg1'),
        onDeviceCode: (prompt) => {
          assert.match(prompt.message, new RegExp(prompt.userCode));
          void (async () => {
            const entry = await simRequest(sim, new URL(prompt.verificationUri).pathname, {
              method: 'POST',
              headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
              body: `user_code=${prompt.userCode}`,
            });
            await answerSecurityKeyPage(sim, entry, '/devicelogin/authenticate', { key: keyIndex.bg1, pin: pins.bg1 });
          })();
        },
      });
      assert.equal(session.facts.method, 'device-code');
      assert.equal(session.facts.who, upn('bg1'));
    },
  );
});

describe('signing out', () => {
  test('drops the tokens: the session can no longer call Graph', async () => {
    const session = await signInWithCertificate({ endpoints, appId: ids.bgApp.appId, certificate: seedCertificate(ids.bgApp.appId) });
    session.signOut();
    assert.equal(session.signedIn, false);
    await assert.rejects(session.graph.get('/users'), /signed out/);
  });
});

// Last: it leaves bg1 locked for the simulator's lock-out minute.
describe('lock-out', () => {
  test('three wrong PINs lock the account (50053): wait, or use the other account', async () => {
    const wrong = { key: keyIndex.bg1, pin: '999999' };
    await assert.rejects(
      securityKey([wrong, wrong, wrong]),
      signInError(50053, /lock/i, (error) => assert.ok(error.explanation.alternatives.includes('other-account'))),
    );
  });
});

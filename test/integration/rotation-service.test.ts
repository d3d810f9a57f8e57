/**
 * A whole rotation after use through the main-process services, against the simulated tenant:
 * what to rotate and why (from the drill in the journal), the new certificate saved to the
 * safe's media before the tenant is touched, addKey / proof / removeKey, the client secret
 * removed, the new password shown once and set, sessions revoked, the key registered during the
 * incident removed, the physical key back, the manual checklist, and the readiness check that
 * closes the session. After every step the invariant is checked by real sign-ins; at the end the
 * old password and certificate are refused and the new ones work. Also the refusals: passphrases
 * that differ, a folder that cannot be written, Graph refusing addKey.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import type { KeyCredential } from '@microsoft/microsoft-graph-types';

import { loadCertificateCredential, type CertificateCredential } from '../../src/main/credentials/certificate-credential.ts';
import { ActionableError } from '../../src/shared/actionable-error.ts';
import { ids, upn } from '../helpers/sim-seed.ts';
import { settleReadiness, settleSignIn } from '../helpers/services.ts';
import {
  appSignsIn,
  assertSomeCredentialWorks,
  bg1SafeKey,
  bg1SignsIn,
  clientSecretKeyId,
  envelopePassword,
  keyThumbprints,
  rogueKey,
  rotationTenant,
} from '../helpers/rotation.ts';
import { appGraphConnection } from '../helpers/sim.ts';
import { tempDir } from '../helpers/temp.ts';

const tenant = await rotationTenant();
const services = tenant.start();
const rotation = services.rotation;
const ada = 'Ada Custodian';
const passphrase = 'correct horse battery staple safe';
const media = tempDir('safe-media-');
const known = {
  oldCertificate: tenant.seededCertificate,
  newCertificate: undefined as CertificateCredential | undefined,
  passwords: [envelopePassword] as string[],
};
const invariant = (when: string) => assertSomeCredentialWorks(tenant.sim, known, when);
const currentKind = () => rotation.current()?.current?.step.kind;

async function appKeys(): Promise<{ keyCredentials: KeyCredential[]; passwordCredentials: unknown[] }> {
  return appGraphConnection(tenant.sim, ids.reader.appId).get(
    `/applications/${ids.bgApp.objectId}?$select=keyCredentials,passwordCredentials`,
  );
}

describe('a rotation after use, start to finish', () => {
  test('the screen says what to rotate and why: what signed in during the drill', () => {
    const view = rotation.view();
    const bg1 = view.candidates.accounts.find((a) => a.userPrincipalName === upn('bg1'))!;
    assert.equal(bg1.suggested, true);
    assert.match(bg1.reasons[0]!, /Drill: ca-lockout.*security key/);
    assert.equal(view.candidates.app?.suggested, true);
    assert.match(view.candidates.app!.reasons[0]!, /app certificate/);
    assert.ok(view.candidates.since, 'the drill’s opening is the “since” of the method review');
  });

  test('beginning opens a rotation session with the plan; a second one is refused', () => {
    const position = rotation.begin({ custodian: ada, witness: 'Grace Witness', accounts: [upn('bg1')], app: true });
    assert.equal(position.current?.step.kind, 'app-certificate-saved');
    assert.equal(services.journal.store.session(position.sessionId)?.kind, 'rotation');
    assert.throws(() => rotation.begin({ custodian: ada, accounts: [upn('bg1')], app: true }), /already in progress/);
  });

  test('passphrases that differ, a missing or read-only folder: refused, nothing written, the tenant untouched', async () => {
    assert.throws(() => rotation.saveCertificate({ folder: media, passphrase, passphraseAgain: `${passphrase}!` }, ada), /not the same/);
    assert.deepEqual(readdirSync(media), []);
    const missing = join(media, 'not-plugged-in');
    assert.throws(
      () => rotation.saveCertificate({ folder: missing, passphrase, passphraseAgain: passphrase }, ada),
      (error: unknown) => error instanceof ActionableError && /cannot be opened/.test(error.message) && /Plug in/.test(error.nextStep),
    );
    // As root, permission bits do not stop a write; sysfs refuses new files to everyone.
    const readOnly = process.getuid?.() === 0 ? '/sys/kernel' : join(media, 'read-only');
    if (readOnly !== '/sys/kernel') {
      mkdirSync(readOnly);
      chmodSync(readOnly, 0o500);
    }
    if (existsSync(readOnly)) {
      assert.throws(
        () => rotation.saveCertificate({ folder: readOnly, passphrase, passphraseAgain: passphrase }, ada),
        (error: unknown) =>
          error instanceof ActionableError &&
          /read-only or not writable/.test(error.message) &&
          /lock switch|another folder/.test(error.nextStep),
      );
    }
    const failed = rotation.current()!.current!;
    assert.equal(failed.status, 'failed');
    assert.match(failed.problem!, /No request was sent to the tenant/);
    assert.equal((await appKeys()).keyCredentials.length, 1);
  });

  test('the new certificate is saved to the safe’s media first and opens with its passphrase', async () => {
    rotation.saveCertificate({ folder: media, passphrase, passphraseAgain: passphrase }, ada);
    const saved = rotation.current()!.steps.find((s) => s.step.kind === 'app-certificate-saved')!;
    assert.equal(saved.status, 'done');
    const path = String(saved.facts!['path']);
    assert.ok(existsSync(path));
    const reopened = loadCertificateCredential({ path, passphrase });
    assert.equal(reopened.thumbprintSha1Hex, saved.facts!['thumbprint']);
    known.newCertificate = reopened;
    assert.equal((await appKeys()).keyCredentials.length, 1, 'the tenant is not touched by saving');
    await invariant('after saving the new certificate');
  });

  test('addKey needs a session opened with the current certificate; then it adds the new one', async () => {
    await assert.rejects(rotation.continueStep(ada), /Nobody is signed in/);
    const signedIn = await settleSignIn(
      services,
      rotation.signIn({ method: 'certificate', source: { kind: 'simulated-safe' }, custodian: ada }).attemptId,
    );
    assert.equal(signedIn.state, 'signed-in');
    await rotation.continueStep(ada);
    assert.equal(currentKind(), 'app-new-key-proven');
    assert.equal((await appKeys()).keyCredentials.length, 2);
    await invariant('after addKey');
  });

  test('the new certificate is proven, then the old one removed: the old no longer signs in', async () => {
    await rotation.continueStep(ada);
    assert.equal(currentKind(), 'app-old-keys-removed');
    assert.equal(await appSignsIn(tenant.sim, tenant.seededCertificate), true, 'the old one still works until removed');
    await invariant('after proving the new certificate');
    await rotation.continueStep(ada);
    assert.equal(await appSignsIn(tenant.sim, tenant.seededCertificate), false);
    assert.equal(await appSignsIn(tenant.sim, known.newCertificate!), true);
    const keys = (await appKeys()).keyCredentials;
    assert.deepEqual(keyThumbprints(keys), [known.newCertificate!.thumbprintSha1Hex]);
    await invariant('after removeKey');
  });

  test('the client secret is removed', async () => {
    assert.equal((await appKeys()).passwordCredentials.length, 1);
    await rotation.continueStep(ada);
    assert.deepEqual((await appKeys()).passwordCredentials, []);
    const done = rotation.current()!.steps.find((s) => s.step.kind === 'app-secrets-removed')!;
    assert.deepEqual(
      (done.facts!['removed'] as Array<{ keyId: string }>).map((s) => s.keyId),
      [clientSecretKeyId],
    );
    await invariant('after removing the client secret');
  });

  test('the new password is shown once, set only after it is written down; the envelope password stops working', async () => {
    assert.equal(currentKind(), 'account-password');
    await assert.rejects(rotation.setPassword(upn('bg1'), ada), /No new password is waiting/);
    const shown = rotation.newPassword(upn('bg1'));
    assert.ok(shown.password.length >= 32);
    assert.equal(shown.groups.join(''), shown.password);
    assert.equal(rotation.view().active?.passwordWaiting, true);
    await rotation.setPassword(upn('bg1'), ada);
    known.passwords.push(shown.password);
    assert.equal(await bg1SignsIn(tenant.sim, { password: envelopePassword }), false);
    assert.equal(await bg1SignsIn(tenant.sim, { password: shown.password }), true);
    assert.equal(rotation.view().active?.passwordWaiting, false, 'forgotten once set');
    await invariant('after setting the new password');
  });

  test('sign-in sessions are revoked', async () => {
    await rotation.continueStep(ada);
    assert.equal(currentKind(), 'account-methods-reviewed');
    await invariant('after revoking sessions');
  });

  test('the key registered during the incident is flagged and removed; the last key cannot be removed', async () => {
    const methods = await rotation.methods(upn('bg1'));
    assert.deepEqual(
      methods.filter((m) => m.addedDuringIncident).map((m) => m.id),
      [rogueKey.method],
    );
    await assert.rejects(rotation.reviewMethods(upn('bg1'), ['bg1-key-a', rogueKey.method], ada), /every security key/);
    await rotation.reviewMethods(upn('bg1'), [rogueKey.method], ada);
    const reviewed = rotation.current()!.steps.find((s) => s.step.kind === 'account-methods-reviewed')!;
    assert.equal(reviewed.facts!['fido2Remaining'], 1);
    assert.match(String(reviewed.facts!['warning']), /register a second one/);
    assert.equal(await bg1SignsIn(tenant.sim, { key: rogueKey.index, pin: rogueKey.pin }), false);
    assert.equal(await bg1SignsIn(tenant.sim, bg1SafeKey), true);
    await invariant('after the method review');
  });

  test('the physical key is recorded back in the safe, and the manual checklist with who did it', () => {
    assert.throws(() => rotation.keyReturned(upn('bg1'), { keyUsed: 'Safe key A', returned: false }, ada), /not confirmed back/);
    rotation.keyReturned(upn('bg1'), { keyUsed: 'Safe key A', returned: true }, ada);
    assert.throws(() => rotation.checklist('envelopes', 'Grace', ada), /not the current step/);
    rotation.checklist('safe-combination', 'Grace Witness', ada);
    rotation.checklist('envelopes', 'Ada Custodian', ada);
    rotation.checklist('custodians', 'Ada Custodian', ada);
    assert.equal(currentKind(), 'readiness');
  });

  test('the readiness check runs as the reader and its result closes the rotation session', async () => {
    const { runId } = rotation.verify(ada);
    const progress = await settleReadiness(services, runId);
    const checkSessionId = progress.run.sessionId!;
    const { sessionId } = rotation.recordVerification(checkSessionId, ada);
    assert.equal(rotation.current(), undefined);
    const closed = services.journal.store.session(sessionId)!;
    assert.ok(closed.closedAt);
    const view = rotation.view({ justClosed: sessionId }).justClosed!;
    assert.equal(view.closed?.verdict?.checkSessionId, checkSessionId);
    assert.equal(typeof view.closed?.verdict?.sound, 'boolean');
    const app04 = progress.run.results.find((r) => r.id === 'BG-APP-04');
    assert.equal(app04?.status, 'pass', 'the rotation removed the client secret');
    assert.equal(services.signIn.session, undefined, 'the rotation signs out when it closes');
    // Every step recorded its intent before acting and its outcome after.
    const entries = services.journal.store.entries(sessionId).filter((e) => e.kind === 'rotation-step');
    for (const stepId of ['app-key-added', 'app-old-keys-removed', `account-password:${upn('bg1')}`]) {
      const phases = entries.filter((e) => e.stepId === stepId).map((e) => e.data['phase']);
      assert.deepEqual(phases, ['intent', 'done'], stepId);
    }
    assert.ok(
      entries.find((e) => e.stepId === 'app-key-added' && e.data['phase'] === 'done')?.graphRequestIds?.length,
      'addKey’s request id is journaled',
    );
  });

  test('afterwards the old password and certificate are refused, the new ones work', async () => {
    assert.equal(await appSignsIn(tenant.sim, tenant.seededCertificate), false);
    assert.equal(await appSignsIn(tenant.sim, known.newCertificate!), true);
    assert.equal(await bg1SignsIn(tenant.sim, { password: envelopePassword }), false);
    assert.equal(await bg1SignsIn(tenant.sim, { password: known.passwords.at(-1)! }), true);
  });
});

describe('the PFX’s file name', () => {
  test('a name already taken in the folder is never offered: the suggestion counts on', async () => {
    const tenant = await rotationTenant();
    const services = tenant.start();
    services.rotation.begin({ custodian: ada, accounts: [], app: true });
    const first = services.rotation.view().active!;
    writeFileSync(join(first.suggestedFolder, first.suggestedFileName), 'an earlier, interrupted save');
    const second = services.rotation.view().active!;
    assert.notEqual(second.suggestedFileName, first.suggestedFileName);
    assert.match(second.suggestedFileName, /-2\.pfx$/);
  });
});

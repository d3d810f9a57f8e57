/**
 * Rotation of an account whose own certificate left the safe (docs/domain.md, "Rotation after
 * use"): the plan holds a step for the new certificate, issued outside the app; the step is
 * recorded with who issued it only once Entra binds its certificate user id to the account –
 * read back from the tenant – and a binding still holding another id is named as a warning.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { ids, upn } from '../helpers/sim-seed.ts';
import { settleSignIn } from '../helpers/services.ts';
import { rotationTenant } from '../helpers/rotation.ts';
import { appGraphConnection } from '../helpers/sim.ts';

const oldId = 'X509:<SKI>0a1b2c3d4e5f60718293a4b5c6d7e8f901234567';
const newId = 'X509:<SKI>7a1b2c3d4e5f60718293a4b5c6d7e8f9aabbccdd';
const tenant = await rotationTenant({
  change: (json) => {
    const users = json['users'] as Array<{ id: string; authorizationInfo?: unknown }>;
    users.find((u) => u.id === ids.bg1)!.authorizationInfo = { certificateUserIds: [oldId] };
  },
});
const services = tenant.start();
const rotation = services.rotation;
const ada = 'Ada Custodian';
const currentKind = () => rotation.current()?.current?.step.kind;
/** An administrator binding certificate user ids in Entra (PATCH /users/{id} with authorizationInfo), outside the app. */
const bind = (certificateUserIds: string[]) =>
  appGraphConnection(tenant.sim, ids.bgApp.appId).write('PATCH', `/users/${ids.bg1}`, { authorizationInfo: { certificateUserIds } });

describe('a rotation of an account whose certificate left the safe', () => {
  test('a certificate ticked for an account not rotated is refused; ticked with it, the plan holds the certificate step', async () => {
    assert.throws(
      () => rotation.begin({ custodian: ada, accounts: [], certificates: [upn('bg1')], app: true }),
      /a certificate is ticked for an account that is not rotated/,
    );
    const position = rotation.begin({ custodian: ada, accounts: [upn('bg1')], certificates: [upn('bg1')], app: false });
    assert.deepEqual(
      position.steps.filter((s) => s.step.account === upn('bg1')).map((s) => s.step.kind),
      ['account-password', 'account-sessions-revoked', 'account-methods-reviewed', 'account-certificate-replaced', 'account-key-returned'],
    );
    const signedIn = await settleSignIn(
      services,
      rotation.signIn({ method: 'certificate', source: { kind: 'simulated-safe' }, custodian: ada }).attemptId,
    );
    assert.equal(signedIn.state, 'signed-in');
    rotation.newPassword(upn('bg1'));
    await rotation.setPassword(upn('bg1'), ada);
    await rotation.continueStep(ada);
    await rotation.reviewMethods(upn('bg1'), [], ada);
    assert.equal(currentKind(), 'account-certificate-replaced');
  });

  test('the new certificate is not recorded until Entra binds it, nor with an id Entra does not write', async () => {
    await assert.rejects(
      rotation.certificateReplaced(upn('bg1'), { certificateUserId: newId, issuedBy: 'Contoso PKI, Lin' }, ada),
      /do not hold X509:<SKI>7a1b.* yet \(they hold X509:<SKI>0a1b/,
    );
    await assert.rejects(
      rotation.certificateReplaced(upn('bg1'), { certificateUserId: '7a1b2c3d', issuedBy: 'Lin' }, ada),
      /is not a certificate user id as Entra writes them/,
    );
    assert.equal(currentKind(), 'account-certificate-replaced');
  });

  test('once bound it is recorded with who issued it; an old id still bound is named', async () => {
    await bind([oldId, newId]);
    await rotation.certificateReplaced(upn('bg1'), { certificateUserId: newId, issuedBy: 'Contoso PKI, Lin' }, ada);
    const done = rotation.current()!.steps.find((s) => s.step.kind === 'account-certificate-replaced')!;
    assert.equal(done.status, 'done');
    assert.equal(done.by, ada);
    assert.equal(done.facts!['issuedBy'], 'Contoso PKI, Lin');
    assert.deepEqual(done.facts!['certificateUserIds'], [oldId, newId]);
    assert.match(String(done.facts!['warning']), /still binds X509:<SKI>0a1b/);
    assert.equal(currentKind(), 'account-key-returned');
  });

  test('after a restart the plan still holds the certificate step, done', () => {
    const again = tenant.start();
    const step = again.rotation.current()!.steps.find((s) => s.step.kind === 'account-certificate-replaced')!;
    assert.equal(step.status, 'done');
  });
});

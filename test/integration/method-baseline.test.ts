/**
 * Methods added during the incident (issue 12, item 8). Graph's phone and email methods carry no
 * `createdDateTime` (resources/phoneauthenticationmethod.md, emailauthenticationmethod.md), so a
 * date alone never flags them. The incident records the break-glass accounts' methods (ids,
 * kinds, fingerprints – no numbers) at its first sign-in; the rotation flags every method not in
 * that record, and keeps the registration date as a second signal. Through the simulator: a phone
 * number added to bg1 during the incident, through Graph, is flagged in the method review.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { rogueKey, rotationTenant } from '../helpers/rotation.ts';
import { ids, upn } from '../helpers/sim-seed.ts';
import { settleSignIn } from '../helpers/services.ts';
import { appGraphConnection } from '../helpers/sim.ts';

const ada = 'Ada Custodian';
const bg1 = upn('bg1');
const mobilePhoneId = '3179e48a-750b-4051-897c-87b9720928f7';
const phoneNumber = '+44 7700900456';

const tenant = await rotationTenant();
const services = tenant.start();

describe('a phone number added during the incident is flagged in the rotation', () => {
  test('the incident’s first sign-in records bg1’s methods: ids and kinds, no phone number or key material', async () => {
    const opened = services.incident.open({ custodian: ada, scenario: 'ca-lockout' });
    const progress = await settleSignIn(
      services,
      services.incident.signIn({ method: 'certificate', source: { kind: 'simulated-safe' }, custodian: ada }).attemptId,
    );
    assert.equal(progress.state, 'signed-in', JSON.stringify(progress));
    const notes = services.journal.store.entries(opened.session.id).filter((e) => e.kind === 'note' && e.stepId === 'methods-baseline');
    assert.equal(notes.length, 1, 'one record, at the first sign-in');
    const accounts = notes[0]!.data['accounts'] as Array<{ userPrincipalName: string; methods?: Array<{ id: string; kind: string }> }>;
    const recorded = accounts.find((a) => a.userPrincipalName === bg1)!;
    assert.deepEqual(recorded.methods!.map((m) => m.id).sort(), ['bg1-key-a', rogueKey.method].sort());
    assert.ok(!JSON.stringify(notes[0]!.data).includes('+44'), 'no phone number is journaled');
  });

  test('a phone is added to bg1 while the incident is open (Graph gives it no date); a second sign-in does not record again', async () => {
    const added = await appGraphConnection(tenant.sim, ids.bgApp.appId).write<Record<string, unknown>>(
      'POST',
      `/users/${ids.bg1}/authentication/phoneMethods`,
      { phoneNumber, phoneType: 'mobile' },
    );
    assert.equal(added.status, 201);
    assert.equal(added.body?.['id'], mobilePhoneId);
    assert.equal(added.body?.['createdDateTime'], undefined, 'no createdDateTime, as Graph');
    services.signIn.signOut(ada);
    const again = await settleSignIn(
      services,
      services.incident.signIn({ method: 'certificate', source: { kind: 'simulated-safe' }, custodian: ada }).attemptId,
    );
    assert.equal(again.state, 'signed-in');
    const sessionId = services.incident.current()!.session.id;
    assert.equal(
      services.journal.store.entries(sessionId).filter((e) => e.stepId === 'methods-baseline').length,
      1,
      'the record made before the phone was added stays the only one',
    );
    services.incident.close({ classification: 'drill', summary: 'Drill: a phone was added while the account was held.' }, ada);
  });

  test('the rotation’s method review flags the phone (not in the record) and the key registered after the incident began (by its date)', async () => {
    services.rotation.begin({ custodian: ada, accounts: [bg1], app: false });
    await settleSignIn(
      services,
      services.rotation.signIn({ method: 'certificate', source: { kind: 'simulated-safe' }, custodian: ada }).attemptId,
    );
    const methods = await services.rotation.methods(bg1);
    const phone = methods.find((m) => m.id === mobilePhoneId)!;
    assert.equal(phone.kind, 'phone');
    assert.equal(phone.createdDateTime, undefined);
    assert.equal(phone.addedDuringIncident, true, 'flagged although it has no date');
    assert.match(phone.addedBecause ?? '', /not among the methods recorded when the incident began/);
    const rogue = methods.find((m) => m.id === rogueKey.method)!;
    assert.equal(rogue.addedDuringIncident, true);
    assert.match(rogue.addedBecause ?? '', /after the incident began/);
    assert.equal(methods.find((m) => m.id === 'bg1-key-a')!.addedDuringIncident, false, 'the key in the safe is not flagged');
    await services.close();
  });
});

/**
 * An incident through the main-process services, against the simulated tenant the app starts:
 * opened, each step journaled before the app moves on, a break-glass user blocked by Conditional
 * Access and the custodian getting in through the app path, a recovery action, a restart in the
 * middle (resumed from the journal, asking for a new sign-in), and the close-out.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { startAppServices } from '../../src/main/services/app-services.ts';
import { resolveAppSetup } from '../../src/main/services/app-setup.ts';
import { ids, keyIndex, pins, testSeedJson, upn } from '../helpers/sim-seed.ts';
import { settleSignIn } from '../helpers/services.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir();
const seedPath = join(dir, 'drill.seed.json');
writeFileSync(seedPath, JSON.stringify(testSeedJson()));
const start = () =>
  startAppServices(
    resolveAppSetup({
      host: 'web',
      appDir: dir,
      version: '0.0.0-test',
      dataDir: join(dir, 'data'),
      simSeedPath: seedPath,
      redaction: 'development',
    }),
  );
const ada = 'Ada Custodian';

describe('an incident from lock-out to close-out', () => {
  const services = start();
  let sessionId = '';

  test('opening it journals who and why, and the first step needs no network: tell security operations', () => {
    const state = services.incident.open({ custodian: ada, witness: 'Grace Witness', scenario: 'ca-lockout', reference: 'INC-42' });
    sessionId = state.session.id;
    assert.equal(state.session.kind, 'drill', 'on the simulated tenant an incident is a drill');
    assert.equal(state.step, 'notify-security-operations');
    assert.throws(() => services.incident.open({ custodian: ada, scenario: 'other' }), /already open/);
  });

  test('the no-network steps are acknowledged in order; a step cannot be skipped', () => {
    services.incident.show('notify-security-operations', ada);
    assert.throws(() => services.incident.acknowledge('choose-path', { path: 'certificate', item: 'USB stick' }, ada), /./);
    services.incident.acknowledge(
      'notify-security-operations',
      { who: 'SOC duty officer', how: 'phone +44 20 7946 0000', when: '2026-11-25T02:04:00Z' },
      ada,
    );
    assert.throws(() => services.incident.acknowledge('record-safe-opened', { openedAt: 'yesterday' }, ada), /not complete/);
    const state = services.incident.acknowledge(
      'record-safe-opened',
      { openedAt: '2026-11-25T02:06:00Z', securityKeys: ['Safe key B'], envelopes: [], certificateMedia: 'USB stick BG-APP' },
      ada,
    );
    assert.equal(state.step, 'choose-path');
  });

  test('bg2 is blocked by Conditional Access (53003): the failure is in the incident, and the custodian takes the app path instead', async () => {
    services.incident.acknowledge('choose-path', { path: 'security-key', account: upn('bg2'), item: 'Safe key B' }, ada);
    const blocked = await settleSignIn(
      services,
      services.incident.signIn({ method: 'security-key', userPrincipalName: upn('bg2'), custodian: ada }).attemptId,
      { key: keyIndex.bg2, pin: pins.bg2 },
    );
    assert.equal(blocked.state, 'failed');
    let state = services.incident.current()!;
    assert.equal(state.step, 'sign-in');
    assert.equal(state.position.failedAttempts.at(-1)?.aadstsCode, 53003);
    assert.equal(state.session.closedAt, undefined, 'a failed sign-in does not close the incident');

    services.incident.show('choose-path', ada);
    services.incident.acknowledge('choose-path', { path: 'certificate', account: 'Break-glass app', item: 'USB stick BG-APP' }, ada);
    const inside = await settleSignIn(
      services,
      services.incident.signIn({ method: 'certificate', source: { kind: 'simulated-safe' }, custodian: ada }).attemptId,
    );
    assert.equal(inside.state, 'signed-in');
    state = services.incident.current()!;
    assert.equal(state.step, 'confirm-access');
    assert.equal(state.position.signedIn?.who, 'Break-glass app');
  });

  test('access is confirmed, the blocking policy goes report-only, and the action is in the incident with its request id', async () => {
    services.incident.acknowledge('confirm-access', { who: 'Break-glass app', directoryRoles: ['Global Administrator'] }, ada);
    const preview = await services.recovery.previewReportOnly(ids.blockPolicy);
    const applied = await services.recovery.apply(preview.actionId, ada);
    const state = services.incident.current()!;
    assert.equal(state.step, 'recovery-actions');
    const action = state.position.recoveryActions.at(-1)!;
    assert.equal(action.status, 'done');
    assert.deepEqual(action.requestIds, applied.requestIds);
  });

  test('a note can be added at any time', () => {
    const state = services.incident.note('Called Microsoft support, case 123; policy owner informed.', ada);
    const entries = services.journal.sessionDetail(state.session.id).entries;
    assert.equal(entries.at(-1)?.kind, 'note');
  });

  test('after a restart the incident resumes from the journal – and asks for a new sign-in, since tokens are never kept', async () => {
    await services.close();
    const again = start();
    try {
      const state = again.incident.current()!;
      assert.equal(state.session.id, sessionId);
      assert.equal(state.step, 'sign-in');
      assert.match(state.resumeReason ?? '', /./);
      const inside = await settleSignIn(
        again,
        again.incident.signIn({ method: 'certificate', source: { kind: 'simulated-safe' }, custodian: ada }).attemptId,
      );
      assert.equal(inside.state, 'signed-in');
      // Access was confirmed before the restart: the custodian goes on where they were.
      assert.equal(again.incident.current()!.step, 'recovery-actions');
      again.incident.acknowledge('recovery-actions', { followUp: 'Owner of the blocking policy to review it on Monday.' }, ada);
      assert.equal(again.incident.current()!.step, 'close-incident');

      const closed = again.incident.close(
        { classification: 'drill', summary: 'Drill of a CA lock-out: in through the app path, policy set to report-only.' },
        ada,
      );
      assert.ok(closed.session.closedAt);
      assert.equal(closed.position.closed?.summary, 'Drill of a CA lock-out: in through the app path, policy set to report-only.');
      assert.equal(again.signIn.session, undefined, 'closing signs out: no token outlives the incident');
      assert.equal(again.incident.current(), undefined);

      assert.equal(again.journal.verify().intact, true);
      const file = again.journal.location().file;
      for (const part of [file, `${file}-wal`]) {
        if (existsSync(part)) assert.equal(readFileSync(part).includes(Buffer.from(pins.bg2)), false, 'no PIN in the journal');
      }
    } finally {
      await again.close();
    }
  });
});

/**
 * `app:status` says whether an incident is open – its step and when it opened, folded from the
 * journal like the incident screen's state – so every screen can show the banner with Resume
 * (docs/architecture.md, "The renderer's screens"). Without a journal there is none
 * (test/unit/app-setup.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { createHandlers } from '../../src/main/ipc/handlers.ts';
import { AppStatus } from '../../src/shared/model/status.ts';
import { startTestServices } from '../helpers/services.ts';
import { testSeedJson } from '../helpers/sim-seed.ts';

const services = startTestServices({ simSeed: testSeedJson() });
const handlers = createHandlers(services);
const status = async () => AppStatus.parse(await handlers['app:status']({}));
const ada = 'Ada Custodian';

describe('app:status and the open incident', () => {
  test('no incident: nothing to resume', async () => {
    assert.equal((await status()).incident, undefined);
  });

  test('an open drill is in the status at the step it resumes at, until it is closed', async () => {
    const opened = services.incident.open({ custodian: ada, scenario: 'ca-lockout', reference: 'INC-S1' });
    const first = await status();
    assert.deepEqual(first.incident, {
      kind: 'drill',
      title: opened.session.title,
      step: 'notify-security-operations',
      openedAt: opened.position.openedAt,
    });
    services.incident.acknowledge(
      'notify-security-operations',
      { who: 'SOC duty officer', how: 'phone', when: new Date().toISOString() },
      ada,
    );
    assert.equal((await status()).incident?.step, 'record-safe-opened', 'the step follows the journal');

    services.incident.close({ classification: 'drill', summary: 'Stopped after telling security operations.' }, ada);
    assert.equal((await status()).incident, undefined);
  });
});

/**
 * Each incident call through the handler table reads the open incident's entries once and the
 * runbook file once: the state the call folded is passed down to the answer instead of being
 * read again (docs/architecture.md, "The IPC contract"). The real store and the real file system
 * are used; only a counting wrapper is put around their read methods.
 */
import assert from 'node:assert/strict';
import fs, { writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { describe, mock, test } from 'node:test';

import { builtinRunbook } from '../../src/core/runbooks/builtin-runbook.ts';
import { runbookFileName } from '../../src/main/config/runbook-file.ts';
import { createHandlers } from '../../src/main/ipc/handlers.ts';
import { startTestServices } from '../helpers/services.ts';
import { testSeedJson } from '../helpers/sim-seed.ts';

describe('an incident call reads the journal and the runbook once', () => {
  const services = startTestServices({ simSeed: testSeedJson() });
  const handlers = createHandlers(services);
  const runbookPath = join(services.setup.data.dir, runbookFileName);
  writeFileSync(runbookPath, JSON.stringify({ ...structuredClone(builtinRunbook), title: 'Counted runbook' }));

  /** Runs `call` with every read of the store and of the runbook file counted. */
  function countReads<T>(call: () => T): {
    result: T;
    entries: (string | undefined)[];
    sessions: number;
    session: number;
    runbookReads: number;
  } {
    const store = services.journal.store;
    const entries = mock.method(store, 'entries');
    const sessions = mock.method(store, 'sessions');
    const session = mock.method(store, 'session');
    const readFile = mock.method(fs, 'readFileSync');
    syncBuiltinESMExports();
    try {
      const result = call();
      return {
        result,
        entries: entries.mock.calls.map((c) => c.arguments[0]),
        sessions: sessions.mock.callCount(),
        session: session.mock.callCount(),
        runbookReads: readFile.mock.calls.filter((c) => c.arguments[0] === runbookPath).length,
      };
    } finally {
      mock.restoreAll();
      syncBuiltinESMExports();
    }
  }

  test('showing a step: one read of the sessions, one of the incident’s entries, none of a single session, one of the runbook file', async () => {
    const opened = await handlers['incident:open']({ custodian: 'Ada Custodian', witness: 'Grace Witness', scenario: 'ca-lockout' });
    const sessionId = opened.active!.sessionId;
    assert.equal(opened.runbook.title, 'Counted runbook', 'the runbook file is the one in use');

    const shown = countReads(() => handlers['incident:show']({ step: 'notify-security-operations' }));
    const view = await shown.result;
    assert.deepEqual(shown.entries, [sessionId]);
    assert.equal(shown.sessions, 1);
    assert.equal(shown.session, 0);
    assert.equal(shown.runbookReads, 1);
    assert.equal(view.active?.step, 'notify-security-operations');
    const last = services.journal.store.entries(sessionId).at(-1)!;
    assert.equal(last.kind, 'step-shown');
    assert.equal(last.actor, 'Ada Custodian', 'the incident’s custodian acts when the screen names nobody');
    assert.equal(last.witness, 'Grace Witness');

    const again = countReads(() => handlers['incident:show']({ step: 'notify-security-operations' }));
    await again.result;
    assert.deepEqual(again.entries, [sessionId], 'a step already on screen is not journaled again, and read once');
    assert.equal(services.journal.store.entries(sessionId).filter((e) => e.kind === 'step-shown').length, 1);
  });

  test('acknowledging a step and writing a note read the entries once each', async () => {
    const sessionId = services.incident.current()!.session.id;
    const acknowledged = countReads(() =>
      handlers['incident:acknowledge']({
        step: 'notify-security-operations',
        data: { who: 'SOC duty officer', how: 'phone', when: '2026-11-25T02:04:00Z' },
      }),
    );
    assert.equal((await acknowledged.result).active?.step, 'record-safe-opened');
    assert.deepEqual(acknowledged.entries, [sessionId]);
    assert.equal(acknowledged.runbookReads, 1);

    const noted = countReads(() => handlers['incident:note']({ text: 'Counted.' }));
    assert.equal((await noted.result).active?.notes.at(-1)?.text, 'Counted.');
    assert.deepEqual(noted.entries, [sessionId]);
    assert.equal(noted.session, 0);
  });
});

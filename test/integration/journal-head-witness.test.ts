// A closed session writes the chain head to the witness folder (docs/domain.md, "The chain-head
// witness file"), on real SQLite files and real folders; a folder that cannot take it never costs
// the journal entry.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { headWitnessFileName, parseHeadWitness, type HeadWitness } from '../../src/core/journal/head-witness.ts';
import { writeHeadWitness } from '../../src/main/journal/head-witness-file.ts';
import { JournalStore } from '../../src/main/journal/store.ts';
import { startAppServices } from '../../src/main/services/app-services.ts';
import { resolveAppSetup } from '../../src/main/services/app-setup.ts';
import { JournalService } from '../../src/main/services/journal-service.ts';
import { tempDir } from '../helpers/temp.ts';

function drill(store: JournalStore, title = 'Tabletop'): string {
  const session = store.openSession({ kind: 'drill', title, actor: 'Alice' });
  store.append({ sessionId: session.id, actor: 'Alice', kind: 'note', summary: 'Safe opened; seal intact.', data: {} });
  store.closeSession(session.id, { actor: 'Alice' });
  return session.id;
}

const closedData = (store: JournalStore) =>
  store
    .entries()
    .filter((entry) => entry.kind === 'session-closed')
    .map((entry) => entry.data);

describe('closing a session writes a witness of the chain head', () => {
  test('the witness names the session-closed entry, the journal and the session; it is private; a second close adds a file', () => {
    const dir = tempDir();
    const folder = join(dir, 'stick');
    mkdirSync(folder);
    const file = join(dir, 'journal.sqlite3');
    const store = JournalStore.open(file, { redaction: 'development', witnessFolder: folder });
    const sessionId = drill(store);
    const head = store.head();
    const first = store.entries()[0]!;
    const [name] = readdirSync(folder);
    assert.ok(name, 'one witness file');
    const witnessFile = join(folder, name);
    const witness = parseHeadWitness(readFileSync(witnessFile, 'utf8'), witnessFile);
    const closed = store.entries().at(-1)!;
    assert.equal(closed.kind, 'session-closed');
    assert.deepEqual(witness.head, { seq: head.seq, hash: head.hash, at: closed.at });
    assert.deepEqual(witness.journal, { path: file, firstEntryHash: first.hash });
    assert.deepEqual(witness.session, { id: sessionId, kind: 'drill' });
    assert.equal(name, headWitnessFileName(witness));
    if (process.platform !== 'win32') assert.equal(statSync(witnessFile).mode & 0o777, 0o600);
    assert.deepEqual(closedData(store), [{ headWitness: { folder } }], 'the journal says where the head was witnessed');
    assert.deepEqual(store.lastHeadWitness(), {
      state: 'written',
      folder,
      file: witnessFile,
      seq: head.seq,
      hash: head.hash,
      writtenAt: witness.writtenAt,
    });

    const before = readFileSync(witnessFile, 'utf8');
    drill(store, 'Second drill');
    assert.equal(readdirSync(folder).length, 2, 'one file per close, nothing left behind');
    assert.equal(readFileSync(witnessFile, 'utf8'), before, 'the earlier witness is untouched');
    store.close();
  });

  test('without a folder nothing is written, nothing fails, and the close says so', () => {
    const dir = tempDir();
    const store = JournalStore.open(join(dir, 'journal.sqlite3'), { redaction: 'development' });
    drill(store);
    assert.deepEqual(closedData(store), [{ headWitness: { notSet: 'No witness folder is set.' } }]);
    const status = store.lastHeadWitness();
    assert.equal(status?.state, 'not-set');
    assert.match(status?.state === 'not-set' ? status.message : '', /No witness folder is set/);
    assert.deepEqual(readdirSync(dir).sort(), ['journal.sqlite3', 'journal.sqlite3-shm', 'journal.sqlite3-wal']);
    store.close();
  });

  for (const [what, prepare, problem] of [
    ['a missing folder (the stick is not plugged in)', (folder: string) => folder, /does not exist \(is the USB stick plugged in\?\)/],
    [
      'a file where the folder should be',
      (folder: string) => {
        writeFileSync(folder, 'not a folder');
        return folder;
      },
      /is a file, not a folder/,
    ],
  ] as const) {
    test(`${what}: the session still closes, the entry is kept, and the failure names the next step`, () => {
      const dir = tempDir();
      const file = join(dir, 'journal.sqlite3');
      const folder = prepare(join(dir, 'stick'));
      const store = JournalStore.open(file, { redaction: 'development', witnessFolder: folder });
      const sessionId = drill(store);
      const head = store.head();
      const status = store.lastHeadWitness();
      assert.equal(status?.state, 'failed');
      if (status?.state !== 'failed') return;
      assert.match(status.problem, problem);
      assert.match(status.nextStep, new RegExp(`write the head on the paper record \\(entry ${head.seq}, hash ${head.hash}\\)`));
      store.close();
      const reopened = JournalStore.openReadOnly(file);
      assert.ok(reopened.session(sessionId)?.closedAt, 'the session-closed entry is on disk');
      assert.equal(reopened.head().hash, head.hash);
      assert.equal(reopened.verify().intact, true);
      reopened.close();
    });
  }

  test('a file already holding the witness name with other content is left untouched, never overwritten', () => {
    const folder = tempDir();
    const first: HeadWitness = {
      format: 'breakglass-journal-head',
      version: 1,
      journal: { path: '/j.sqlite3', firstEntryHash: 'a'.repeat(64) },
      head: { seq: 3, hash: 'b'.repeat(64), at: '2026-12-02T10:00:00.000Z' },
      session: { id: 's', kind: 'review' },
      writtenAt: '2026-12-02T10:00:01.000Z',
    };
    assert.equal(writeHeadWitness(folder, first).state, 'written');
    const name = join(folder, headWitnessFileName(first));
    const before = readFileSync(name, 'utf8');
    // Same journal, entry and 12-character hash prefix – so the same file name – but another head.
    const clash = { ...first, head: { ...first.head, hash: `${'b'.repeat(12)}${'c'.repeat(52)}` } };
    assert.equal(headWitnessFileName(clash), headWitnessFileName(first));
    const status = writeHeadWitness(folder, clash);
    assert.equal(status.state, 'failed');
    assert.match(status.state === 'failed' ? status.problem : '', /already exists in the witness folder .* left untouched/);
    assert.equal(readFileSync(name, 'utf8'), before);
    assert.deepEqual(readdirSync(folder), [headWitnessFileName(first)], 'no temporary file is left behind');
    // The very same head again is that head's witness already: reported as written.
    assert.equal(writeHeadWitness(folder, { ...first, writtenAt: '2026-12-02T11:00:00.000Z' }).state, 'written');
    assert.equal(readFileSync(name, 'utf8'), before);
  });
});

describe('the app takes the folder from the inventory and shows the last witness on the Journal screen', () => {
  test('a relative witnessFolder is resolved beside the inventory; a note writes there; a restart still shows it', () => {
    const dir = tempDir();
    const config = join(dir, 'breakglass.config.json');
    const inventory = JSON.parse(readFileSync('assets/demo-tenant.config.json', 'utf8')) as Record<string, unknown>;
    writeFileSync(config, JSON.stringify({ ...inventory, witnessFolder: 'witnesses' }));
    mkdirSync(join(dir, 'witnesses'));
    const setup = resolveAppSetup({
      host: 'web',
      appDir: dir,
      version: '0.0.0-test',
      configPath: config,
      dataDir: join(dir, 'data'),
      redaction: 'development',
    });
    const services = startAppServices(setup);
    const before = services.journal.overview();
    assert.equal(before.state === 'ready' && before.headWitness.state, 'none-yet');
    services.journal.recordNote({ actor: 'Alice', title: 'Seal check', text: 'Seal 4471 intact.' });
    const after = services.journal.overview();
    assert.equal(after.state, 'ready');
    if (after.state !== 'ready') return;
    const [name] = readdirSync(join(dir, 'witnesses'));
    assert.deepEqual(after.headWitness, {
      state: 'written',
      folder: join(dir, 'witnesses'),
      file: join(dir, 'witnesses', name!),
      seq: after.entryCount,
      hash: after.head,
      writtenAt: after.headWitness.state === 'written' ? after.headWitness.writtenAt : '',
    });
    void services.close();

    const restarted = JournalService.start({
      file: setup.journalFile,
      mode: 'chosen',
      redaction: 'development',
      witnessFolder: join(dir, 'witnesses'),
    });
    const shown = restarted.overview();
    assert.equal(shown.state === 'ready' && shown.headWitness.state === 'written' && shown.headWitness.file, join(dir, 'witnesses', name!));
    restarted.close();

    const unset = JournalService.start({ file: setup.journalFile, mode: 'chosen', redaction: 'development' });
    const none = unset.overview();
    assert.equal(none.state === 'ready' && none.headWitness.state, 'not-set');
    unset.close();
  });
});

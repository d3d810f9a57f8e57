import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ActionableError } from '../../src/shared/actionable-error.ts';
import { sealEntry } from '../../src/core/journal/chain.ts';
import { genesisHash, type JournalEntry } from '../../src/core/journal/model.ts';
import { sessionOpenedDraft } from '../../src/core/journal/sessions.ts';
import { openSqlite } from '../../src/main/db/sqlite.ts';
import { inspectJournalFile } from '../../src/main/journal/inspect.ts';
import { journalMigrations, latestJournalVersion, migrateJournal } from '../../src/main/journal/migrations.ts';
import { entryToRow, insertEntrySql } from '../../src/main/journal/rows.ts';
import { JournalStore } from '../../src/main/journal/store.ts';
import { buildSampleJournal, fileSha256, tempDir } from '../helpers/journal-fixtures.ts';

/** A journal as version 1 of the app wrote it: only the first migration, two entries. */
function writeVersionOneJournal(file: string): JournalEntry[] {
  const db = openSqlite(file);
  try {
    db.pragma('journal_mode = WAL');
    assert.deepEqual(migrateJournal(db, file, journalMigrations.slice(0, 1)), { from: 0, to: 1 });
    const opened = sealEntry(
      {
        seq: 1,
        at: '2026-01-05T10:00:00.000Z',
        data: {},
        ...sessionOpenedDraft('session-v1', { kind: 'drill', title: 'Old drill', actor: 'Ada' }),
      },
      genesisHash,
    );
    const note = sealEntry(
      {
        seq: 2,
        at: '2026-01-05T10:01:00.000Z',
        sessionId: 'session-v1',
        actor: 'Ada',
        kind: 'note',
        summary: 'Written by v1.',
        data: { v: 1 },
      },
      opened.hash,
    );
    for (const entry of [opened, note]) db.prepare(insertEntrySql).run(entryToRow(entry));
    return [opened, note];
  } finally {
    db.close();
  }
}

test('migrations are numbered 1, 2, 3 … and there are at least two', () => {
  assert.ok(journalMigrations.length >= 2);
  assert.deepEqual(
    journalMigrations.map((migration) => migration.version),
    journalMigrations.map((_, index) => index + 1),
  );
  assert.equal(latestJournalVersion, journalMigrations.length);
  const db = openSqlite(':memory:');
  assert.throws(() => migrateJournal(db, ':memory:', [journalMigrations[1] as never]), /numbered 1, 2, 3/);
  db.close();
});

test('a journal written by an older version is upgraded and its chain is intact', (t) => {
  const file = path.join(tempDir(t), 'journal.sqlite3');
  const written = writeVersionOneJournal(file);
  const inspection = inspectJournalFile(file);
  assert.equal(inspection.status, 'journal');
  assert.ok(inspection.status === 'journal' && inspection.version === 1 && inspection.needsUpgrade && inspection.entryCount === 2);

  const store = JournalStore.open(file, { redaction: 'development' });
  t.after(() => store.close());
  assert.deepEqual(store.migration, { from: 1, to: latestJournalVersion });
  assert.deepEqual(store.entries(), written);
  assert.deepEqual(store.verify(), { intact: true, count: 2, head: written[1]?.hash });
  assert.deepEqual(
    store.sessions().map((session) => [session.id, session.title]),
    [['session-v1', 'Old drill']],
  );
  const next = store.append({ sessionId: 'session-v1', actor: 'Ada', kind: 'note', summary: 'Written after the upgrade.' });
  assert.equal(next.prevHash, written[1]?.hash);

  const db = openSqlite(file);
  const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name").pluck().all();
  assert.equal(db.pragma('user_version', { simple: true }), latestJournalVersion);
  db.close();
  assert.deepEqual(indexes, ['journal_entries_by_session', 'journal_session_markers']);
});

test('a read-only open of an older journal does not upgrade the file', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'journal.sqlite3');
  writeVersionOneJournal(file);
  const before = fileSha256(file);
  const store = JournalStore.openReadOnly(file);
  assert.equal(store.verify().intact, true);
  assert.equal(store.sessions().length, 1);
  store.close();
  assert.equal(fileSha256(file), before);
  assert.deepEqual(fs.readdirSync(dir), ['journal.sqlite3']);
});

test('all pending migrations run in one transaction: a failing one leaves nothing behind', (t) => {
  const file = path.join(tempDir(t), 'journal.sqlite3');
  const db = openSqlite(file);
  t.after(() => db.close());
  const broken = [
    ...journalMigrations,
    { version: journalMigrations.length + 1, description: 'broken', sql: 'CREATE TABLE extra (x); INSERT INTO nowhere VALUES (1);' },
  ];
  assert.throws(() => migrateJournal(db, file, broken), /no such table: nowhere/);
  assert.equal(db.pragma('user_version', { simple: true }), 0);
  assert.deepEqual(db.prepare('SELECT name FROM sqlite_schema').pluck().all(), []);
});

test('a journal from a newer version is refused and left byte for byte as it was', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'journal.sqlite3');
  buildSampleJournal(file, 10);
  const db = openSqlite(file);
  db.pragma(`user_version = ${latestJournalVersion + 1}`);
  db.close();
  const before = fileSha256(file);
  const listing = fs.readdirSync(dir);

  const inspection = inspectJournalFile(file);
  assert.equal(inspection.status, 'newer-version');
  assert.throws(
    () => JournalStore.open(file, { redaction: 'development' }),
    (error: unknown) =>
      error instanceof ActionableError &&
      error.message.includes(`journal format ${latestJournalVersion + 1}`) &&
      /left untouched/.test(error.message) &&
      /newer version/.test(error.nextStep),
  );
  assert.throws(() => JournalStore.openReadOnly(file), /newer version/);
  assert.equal(fileSha256(file), before);
  assert.deepEqual(fs.readdirSync(dir), listing, 'no -wal or -shm file was left beside it');

  // The runner refuses too, should a newer file slip past the inspection.
  const direct = openSqlite(file);
  assert.throws(() => migrateJournal(direct, file), ActionableError);
  direct.close();
  assert.equal(fileSha256(file), before);
});

test('garbage bytes in place of the journal are reported corrupt and never written to', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'journal.sqlite3');
  fs.writeFileSync(file, Buffer.from('This was a journal until a USB stick got pulled mid-write. '.repeat(200)));
  const before = fileSha256(file);

  const inspection = inspectJournalFile(file);
  assert.equal(inspection.status, 'corrupt');
  assert.ok(inspection.status === 'corrupt' && /not a SQLite database/.test(inspection.message) && inspection.nextStep.length > 0);
  assert.throws(
    () => JournalStore.open(file, { redaction: 'development' }),
    (error: unknown) => error instanceof ActionableError && /damaged/.test(error.message),
  );
  assert.equal(fileSha256(file), before);
  assert.deepEqual(fs.readdirSync(dir), ['journal.sqlite3']);
});

test('a SQLite header over damaged pages is reported corrupt', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'journal.sqlite3');
  buildSampleJournal(file, 30);
  const bytes = fs.readFileSync(file);
  for (let index = 100; index < bytes.length; index += 1) bytes[index] = (index * 131) & 0xff;
  fs.writeFileSync(file, bytes);
  const before = fileSha256(file);
  assert.equal(inspectJournalFile(file).status, 'corrupt');
  assert.throws(() => JournalStore.open(file, { redaction: 'development' }), ActionableError);
  assert.equal(fileSha256(file), before);
});

test('other files are told apart from journals: missing, empty, foreign, unreadable', (t) => {
  const dir = tempDir(t);
  assert.equal(inspectJournalFile(path.join(dir, 'missing.sqlite3')).status, 'missing');

  const empty = path.join(dir, 'empty.sqlite3');
  fs.writeFileSync(empty, '');
  assert.equal(inspectJournalFile(empty).status, 'empty');
  const store = JournalStore.open(empty, { redaction: 'development' });
  store.close();
  assert.equal(inspectJournalFile(empty).status, 'journal', 'an empty file becomes a journal');

  const foreign = path.join(dir, 'foreign.sqlite3');
  const db = openSqlite(foreign);
  db.exec('CREATE TABLE contacts (name TEXT)');
  db.pragma('user_version = 1');
  db.close();
  const before = fileSha256(foreign);
  assert.equal(inspectJournalFile(foreign).status, 'not-a-journal');
  assert.throws(
    () => JournalStore.open(foreign, { redaction: 'development' }),
    /is not a journal of this app: it is a SQLite database without the journal table/,
  );
  assert.equal(fileSha256(foreign), before);

  const folder = path.join(dir, 'folder.sqlite3');
  fs.mkdirSync(folder);
  const unreadable = inspectJournalFile(folder);
  assert.equal(unreadable.status, 'unreadable');
  assert.throws(() => JournalStore.open(folder, { redaction: 'development' }), /cannot be read/);
});

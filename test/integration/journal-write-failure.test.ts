/**
 * A journal write that fails for a storage reason is named in plain words, from SQLite's own error
 * codes (src/main/journal/write-failure.ts; docs/domain.md, "Journal rules"): each error here is
 * produced by SQLite on a real file, not made up.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import Database from 'better-sqlite3';

import { JournalStore } from '../../src/main/journal/store.ts';
import { asJournalWriteError, JournalWriteError, journalStorageProblem } from '../../src/main/journal/write-failure.ts';
import { closeAbandonedCheckSessions } from '../../src/main/services/readiness/abandoned-checks.ts';
import { tempDir } from '../helpers/temp.ts';

function sqliteError(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  assert.fail('SQLite did not refuse the write');
}

test('a full database (SQLITE_FULL), a read-only one (SQLITE_READONLY) and a folder in its place (SQLITE_CANTOPEN) are named', () => {
  const dir = tempDir();
  const file = join(dir, 'journal.sqlite3');
  const full = new Database(file);
  full.exec('CREATE TABLE t (x TEXT)');
  full.pragma(`max_page_count = ${full.pragma('page_count', { simple: true }) as number}`);
  const fullError = sqliteError(() => full.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(10_000)));
  full.close();
  assert.deepEqual(journalStorageProblem(fullError), { code: 'SQLITE_FULL', why: 'the disk is full' });

  const readOnly = new Database(file, { readonly: true });
  const readOnlyError = sqliteError(() => readOnly.exec("INSERT INTO t VALUES ('x')"));
  readOnly.close();
  assert.deepEqual(journalStorageProblem(readOnlyError), { code: 'SQLITE_READONLY', why: 'the file or the disk it is on is read-only' });

  // A folder where the file should be: SQLite cannot open it as a database.
  const cantOpenError = sqliteError(() => new Database(dir).exec('CREATE TABLE t (x)'));
  assert.equal(journalStorageProblem(cantOpenError)?.code, 'SQLITE_CANTOPEN');

  const wrapped = asJournalWriteError(file, fullError);
  assert.ok(wrapped instanceof JournalWriteError);
  assert.equal(wrapped.message, `The journal ${file} could not be written: the disk is full (SQLITE_FULL).`);
  assert.match(wrapped.nextStep, /^Free space on the disk that holds the journal/);
});

test('anything else – a constraint, a bug – is not taken for a storage problem and passes unchanged', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (x INTEGER PRIMARY KEY)');
  db.exec('INSERT INTO t VALUES (1)');
  const constraint = sqliteError(() => db.exec('INSERT INTO t VALUES (1)'));
  db.close();
  assert.equal(journalStorageProblem(constraint), undefined);
  assert.equal(asJournalWriteError('journal.sqlite3', constraint), constraint);
  const bug = new TypeError('x is undefined');
  assert.equal(asJournalWriteError('journal.sqlite3', bug), bug);
});

test('a check session left open by a run that ended is closed with a note; a running one, or another computer’s, is not', (t) => {
  const store = JournalStore.open(join(tempDir(), 'journal.sqlite3'), { redaction: 'development' });
  t.after(() => store.close());
  // A process that has ended: its pid is no longer in use.
  const ended = spawnSync(process.execPath, ['-e', '']).pid;
  assert.ok(ended);
  const dead = store.openSession({ kind: 'check', title: 'ended', actor: 'a', details: { process: { host: hostname(), pid: ended } } });
  store.append({ sessionId: dead.id, actor: 'a', kind: 'check-result', stepId: 'BG-USR-01', summary: 'BG-USR-01 PASS', data: {} });
  const running = store.openSession({
    kind: 'check',
    title: 'running',
    actor: 'a',
    details: { process: { host: hostname(), pid: process.ppid } },
  });
  const elsewhere = store.openSession({
    kind: 'check',
    title: 'elsewhere',
    actor: 'a',
    details: { process: { host: 'another-computer', pid: ended } },
  });
  const older = store.openSession({ kind: 'check', title: 'older version', actor: 'a' });
  const drill = store.openSession({ kind: 'drill', title: 'drill', actor: 'a', details: { process: { host: hostname(), pid: ended } } });

  const closed = closeAbandonedCheckSessions(store, 'breakglass check (reader app)');

  assert.deepEqual(
    closed.map((s) => s.id),
    [dead.id],
  );
  const note = store.entries(dead.id).at(-1)!;
  assert.equal(note.kind, 'session-closed');
  const unfinished = (note.data['details'] as { unfinished: { checkResults: number; lastEntrySeq: number } }).unfinished;
  assert.equal(unfinished.checkResults, 1);
  assert.equal(unfinished.lastEntrySeq, dead.openedSeq + 1);
  for (const session of [running, elsewhere, older, drill]) assert.equal(store.session(session.id)?.closedAt, undefined, session.title);
});

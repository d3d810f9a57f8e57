import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ActionableError } from '../../src/shared/actionable-error.ts';
import { genesisHash } from '../../src/core/journal/model.ts';
import { JournalStore } from '../../src/main/journal/store.ts';
import { JournalService } from '../../src/main/services/journal-service.ts';
import { ChainStatus } from '../../src/shared/model/journal-view.ts';
import { latestJournalVersion } from '../../src/main/journal/migrations.ts';
import { fileSha256, tempDir } from '../helpers/journal-fixtures.ts';

test('a new journal records sessions and entries, chained, and reads them back exactly', (t) => {
  const file = path.join(tempDir(t), 'nested', 'journal.sqlite3');
  const store = JournalStore.open(file, { redaction: 'development', now: () => new Date('2026-03-01T09:30:00.000Z') });
  t.after(() => store.close());
  assert.deepEqual(store.head(), { seq: 0, hash: genesisHash });
  assert.deepEqual(store.migration, { from: 0, to: latestJournalVersion });

  const incident = store.openSession({
    kind: 'incident',
    title: 'CA lock-out',
    actor: 'Ada',
    witness: 'Grace',
    details: { reference: 'INC-7' },
  });
  const written = [
    store.append({
      sessionId: incident.id,
      actor: 'Ada',
      witness: 'Grace',
      kind: 'step-shown',
      stepId: 'incident.notify-soc',
      summary: 'Asked to tell the SOC.',
    }),
    store.append({
      sessionId: incident.id,
      actor: 'Ada',
      kind: 'graph-write',
      summary: 'Set policy "Block legacy" to report-only.',
      data: { policyId: 'pol-1', before: 'enabled', after: 'enabledForReportingButNotEnforced' },
      graphRequestIds: ['0b1d3c4e-req'],
    }),
  ];
  const closed = store.closeSession(incident.id, { actor: 'Ada', witness: 'Grace', classification: 'real-emergency' });

  assert.deepEqual(
    written.map((entry) => entry.seq),
    [2, 3],
  );
  assert.equal(written[0]?.at, '2026-03-01T09:30:00.000Z');
  assert.equal(written[1]?.prevHash, written[0]?.hash);
  const all = store.entries();
  assert.deepEqual(all.slice(1, 3), written, 'entries read back exactly as append returned them');
  assert.deepEqual(
    all.map((entry) => entry.kind),
    ['session-opened', 'step-shown', 'graph-write', 'session-closed'],
  );
  assert.deepEqual(closed, {
    id: incident.id,
    kind: 'incident',
    title: 'CA lock-out',
    openedAt: '2026-03-01T09:30:00.000Z',
    openedBy: 'Ada',
    witness: 'Grace',
    openedSeq: 1,
    closedAt: '2026-03-01T09:30:00.000Z',
    closedBy: 'Ada',
    classification: 'real-emergency',
  });
  assert.deepEqual(store.sessions(), [closed]);
  const verdict = store.verify();
  assert.deepEqual(verdict, { intact: true, count: 4, head: store.head().hash });
});

test('the file uses WAL and the chain continues across reopening', (t) => {
  const file = path.join(tempDir(t), 'journal.sqlite3');
  const first = JournalStore.open(file, { redaction: 'development' });
  const drill = first.openSession({ kind: 'drill', title: 'Drill', actor: 'Ada' });
  const headBefore = first.head();
  first.close();

  const reader = new Database(file, { readonly: true });
  assert.equal(reader.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(reader.pragma('user_version', { simple: true }), latestJournalVersion);
  reader.close();

  const second = JournalStore.open(file, { redaction: 'development' });
  t.after(() => second.close());
  assert.deepEqual(second.migration, { from: latestJournalVersion, to: latestJournalVersion });
  const next = second.append({ sessionId: drill.id, actor: 'Ada', kind: 'note', summary: 'Still here.' });
  assert.equal(next.seq, headBefore.seq + 1);
  assert.equal(next.prevHash, headBefore.hash);
  assert.equal(second.verify({ expectHead: headBefore.hash }).intact, true, 'an earlier head is still in the chain');
  assert.throws(
    () => second.verify({ expectHead: 'abc' }),
    (error: unknown) => error instanceof ActionableError && /not a journal hash/.test(error.message),
  );
  assert.equal(
    second.append({ sessionId: drill.id, actor: 'Ada', kind: 'note', summary: 'The refused verify left the journal usable.' }).seq,
    next.seq + 1,
  );
});

test('entries go only into open sessions, and only incidents are classified', (t) => {
  const store = JournalStore.open(path.join(tempDir(t), 'journal.sqlite3'), { redaction: 'development' });
  t.after(() => store.close());
  const incident = store.openSession({ kind: 'incident', title: 'MFA outage', actor: 'Ada' });
  const review = store.openSession({ kind: 'review', title: 'Quarterly review', actor: 'Ada' });
  const note = { actor: 'Ada', kind: 'note' as const, summary: 'A note.' };

  assert.throws(() => store.append({ ...note, sessionId: 'no-such-session' }), /no session "no-such-session"/);
  assert.throws(() => store.closeSession(incident.id, { actor: 'Ada' }), /without a classification/);
  assert.throws(() => store.closeSession(review.id, { actor: 'Ada', classification: 'drill' }), /Only incidents are classified/);
  assert.throws(() => store.append({ ...note, sessionId: review.id, kind: 'session-closed' }), /openSession\/closeSession/);

  store.closeSession(review.id, { actor: 'Ada' });
  assert.throws(
    () => store.append({ ...note, sessionId: review.id }),
    (error: unknown) => error instanceof ActionableError && /was closed/.test(error.message),
  );
  assert.throws(() => store.closeSession(review.id, { actor: 'Ada' }), /was closed/);
  assert.throws(() => store.append({ ...note, sessionId: incident.id, summary: '' }), /invalid entry .*entry\.summary/);
  const notJson = { when: new Date(), ratio: Number.NaN } as unknown as Record<string, never>;
  assert.throws(
    () => store.append({ ...note, sessionId: incident.id, data: notJson }),
    (error: unknown) => error instanceof ActionableError && /entry\.data\.when: a Date/.test(error.message),
  );

  assert.equal(store.head().seq, 3, 'refused entries wrote nothing');
  assert.deepEqual(
    store.entries(incident.id).map((entry) => entry.seq),
    [1],
  );
  assert.deepEqual(
    store.sessions().map((session) => [session.kind, session.closedAt !== undefined]),
    [
      ['incident', false],
      ['review', true],
    ],
  );
});

test('two stores appending to one file never fork the chain', (t) => {
  const file = path.join(tempDir(t), 'journal.sqlite3');
  const app = JournalStore.open(file, { redaction: 'development' });
  const cli = JournalStore.open(file, { redaction: 'development' });
  t.after(() => {
    app.close();
    cli.close();
  });
  const session = app.openSession({ kind: 'check', title: 'Readiness check', actor: 'app' });
  for (let index = 0; index < 20; index += 1) {
    const writer = index % 2 === 0 ? app : cli;
    writer.append({ sessionId: session.id, actor: index % 2 === 0 ? 'app' : 'cli', kind: 'check-result', summary: `Result ${index}` });
  }
  const verdict = app.verify();
  assert.deepEqual(verdict, cli.verify());
  assert.deepEqual(verdict, { intact: true, count: 21, head: app.head().hash });
});

test('a read-only store reads and verifies without touching the file', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'journal.sqlite3');
  const writer = JournalStore.open(file, { redaction: 'development' });
  const session = writer.openSession({ kind: 'drill', title: 'Drill', actor: 'Ada' });
  writer.close();
  const before = fileSha256(file);

  const reader = JournalStore.openReadOnly(file);
  t.after(() => reader.close());
  assert.equal(reader.readOnly, true);
  assert.equal(reader.verify().intact, true);
  assert.deepEqual(
    reader.sessions().map((s) => s.id),
    [session.id],
  );
  assert.throws(() => reader.append({ sessionId: session.id, actor: 'Ada', kind: 'note', summary: 'x' }), /read-only/);
  assert.equal(fileSha256(file), before);
  assert.deepEqual(fs.readdirSync(dir), ['journal.sqlite3'], 'no -wal or -shm file was created');
  assert.throws(() => JournalStore.openReadOnly(path.join(dir, 'missing.sqlite3')), /There is no journal/);
});

test('a session closed through another connection refuses further entries from this one', (t) => {
  const file = path.join(tempDir(t), 'journal.sqlite3');
  const app = JournalStore.open(file, { redaction: 'development' });
  const other = JournalStore.open(file, { redaction: 'development' });
  t.after(() => {
    app.close();
    other.close();
  });
  const session = app.openSession({ kind: 'drill', title: 'Drill', actor: 'app' });
  app.append({ sessionId: session.id, actor: 'app', kind: 'note', summary: 'Before the close.' });
  other.closeSession(session.id, { actor: 'other' });
  assert.throws(
    () => app.append({ sessionId: session.id, actor: 'app', kind: 'note', summary: 'After the close.' }),
    (error: unknown) => error instanceof ActionableError && /was closed/.test(error.message),
  );
  assert.deepEqual(app.verify(), { intact: true, count: 3, head: other.head().hash });
});

test('verifying a real file with two separately tampered entries reports both, on the Journal screen too', (t) => {
  const file = path.join(tempDir(t), 'journal.sqlite3');
  const store = JournalStore.open(file, { redaction: 'production' });
  const session = store.openSession({ kind: 'drill', title: 'Drill', actor: 'Ada' });
  for (let index = 1; index <= 6; index += 1) store.append({ sessionId: session.id, actor: 'Ada', kind: 'note', summary: `Note ${index}` });
  store.close();
  const db = new Database(file);
  db.prepare("UPDATE journal_entries SET summary = 'Nothing happened.' WHERE seq = 2").run();
  db.prepare('DELETE FROM journal_entries WHERE seq = 6').run();
  db.close();

  const readOnly = JournalStore.openReadOnly(file);
  const verdict = readOnly.verify();
  readOnly.close();
  assert.equal(verdict.intact, false);
  assert.deepEqual(!verdict.intact && verdict.badEntries.map((bad) => [bad.seq, bad.problem]), [
    [2, 'edited'],
    [6, 'missing'],
  ]);

  const service = JournalService.start({ file, mode: 'chosen', redaction: 'production' });
  t.after(() => service.close());
  const status = ChainStatus.parse(service.verify());
  assert.equal(status.intact, false);
  assert.deepEqual(!status.intact && status.badEntries.map((bad) => bad.seq), [2, 6]);
});

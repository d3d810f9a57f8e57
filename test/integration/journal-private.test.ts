/**
 * The journal describes an incident, so the journal file, its WAL and its SHM are created readable
 * by their owner only (docs/domain.md, "The journal file"), whatever the umask. Windows has no
 * such mode bits, so the mode is not asserted there.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import Database from 'better-sqlite3';

import { JournalStore } from '../../src/main/journal/store.ts';
import { JournalService } from '../../src/main/services/journal-service.ts';
import { tempDir } from '../helpers/temp.ts';

const modeOf = (file: string): string => (statSync(file).mode & 0o777).toString(8).padStart(3, '0');

function withUmask<T>(mask: number, run: () => T): T {
  const previous = process.umask(mask);
  try {
    return run();
  } finally {
    process.umask(previous);
  }
}

test(
  'a new journal, its WAL and its SHM are readable by their owner only (0600), even with a permissive umask',
  { skip: process.platform === 'win32' && 'Windows has no POSIX mode bits' },
  () => {
    for (const mask of [0o000, 0o022, 0o277]) {
      const file = join(tempDir(), 'nested', 'journal.sqlite3');
      const store = withUmask(mask, () => {
        const opened = JournalStore.open(file, { redaction: 'production' });
        const session = opened.openSession({ kind: 'drill', title: 'Drill', actor: 'Ada' });
        opened.append({ sessionId: session.id, actor: 'Ada', kind: 'note', summary: 'Safe opened.' });
        return opened;
      });
      try {
        for (const part of [file, `${file}-wal`, `${file}-shm`]) {
          assert.ok(existsSync(part), `${part} exists while the journal is open`);
          assert.equal(modeOf(part), '600', `umask ${mask.toString(8)}: ${part}`);
        }
      } finally {
        store.close();
      }
      assert.equal(modeOf(file), '600');
    }
  },
);

test(
  'an existing journal readable by others (0644, as an older version left it) is tightened to 0600 with its WAL and SHM when opened for writing',
  { skip: process.platform === 'win32' && 'Windows has no POSIX mode bits' },
  (t) => {
    const file = join(tempDir(), 'journal.sqlite3');
    const first = JournalStore.open(file, { redaction: 'production' });
    first.openSession({ kind: 'drill', title: 'Drill', actor: 'Ada' });
    first.close();
    // Another connection holds it open, so its -wal and -shm exist too, all three readable by anyone.
    const other = new Database(file);
    t.after(() => other.close());
    other.prepare('SELECT count(*) FROM journal_entries').get();
    for (const part of [file, `${file}-wal`, `${file}-shm`]) {
      chmodSync(part, 0o644);
      assert.equal(modeOf(part), '644');
    }

    const store = JournalStore.open(file, { redaction: 'production' });
    t.after(() => store.close());
    for (const part of [file, `${file}-wal`, `${file}-shm`]) assert.equal(modeOf(part), '600', part);
    assert.equal(store.sessions().length, 1, 'the journal is the same');

    // Opening to read (journal verify, export) changes nothing.
    chmodSync(file, 0o644);
    JournalStore.openReadOnly(file).close();
    assert.equal(modeOf(file), '644');
  },
);

test(
  'a journal continued beside a set-aside one is private too',
  { skip: process.platform === 'win32' && 'Windows has no POSIX mode bits' },
  () => {
    const dir = tempDir();
    const file = join(dir, 'journal.sqlite3');
    withUmask(0o000, () => {
      writeFileSync(file, 'not a journal', { mode: 0o644 });
      const service = JournalService.start({ file, mode: 'chosen', redaction: 'production' });
      try {
        const overview = service.overview();
        assert.equal(overview.state, 'ready');
        const continued = overview.state === 'ready' ? overview.file : '';
        assert.notEqual(continued, file);
        service.recordNote({ actor: 'Ada', title: 'Note', text: 'Written in the continued journal.' });
        assert.equal(modeOf(continued), '600');
        assert.equal(modeOf(`${continued}-wal`), '600');
      } finally {
        service.close();
      }
    });
    assert.equal(modeOf(file), '644', 'the set-aside file keeps its own mode: it is evidence, left as it was');
  },
);

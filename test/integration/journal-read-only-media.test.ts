/**
 * A journal left by a crash – its `-wal` full of committed entries, no `-shm` – on read-only media
 * (docs/domain.md, "The journal file"): `breakglass journal verify` and `export` read every entry,
 * instead of reporting better-sqlite3's "Out of memory". The media is a real read-only tmpfs,
 * mounted in a user namespace (`test/helpers/read-only-media.ts`); where the system allows no user
 * namespace, the test says so and is skipped.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { JournalStore } from '../../src/main/journal/store.ts';
import { binPath } from '../helpers/cli.ts';
import { noUserNamespace as noNamespace, onReadOnlyMedia } from '../helpers/read-only-media.ts';
import { tempDir } from '../helpers/temp.ts';

/** Runs `breakglass …` with `files` copied onto a tmpfs mounted read-only at `mount`. */
function runOnReadOnlyMedia(files: string[], mount: string, args: (journal: string) => string[]) {
  const [command, ...commandArgs] = onReadOnlyMedia(files, mount, [process.execPath, binPath, ...args(join(mount, 'journal.sqlite3'))]);
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('a crashed journal (a -wal, no -shm) on read-only media is verified and exported with every entry', { skip: noNamespace }, () => {
  const dir = tempDir();
  const live = join(dir, 'live', 'journal.sqlite3');
  const crashed = join(dir, 'crashed');
  mkdirSync(crashed);
  const store = JournalStore.open(live, { redaction: 'production' });
  const session = store.openSession({ kind: 'drill', title: 'Drill on the stick', actor: 'Ada' });
  for (let i = 1; i <= 5; i += 1) store.append({ sessionId: session.id, actor: 'Ada', kind: 'note', summary: `Step ${i} done.` });
  const head = store.head();
  // What a crash leaves: the writer never checkpointed, so the entries are in the -wal; no -shm is kept.
  copyFileSync(live, join(crashed, 'journal.sqlite3'));
  copyFileSync(`${live}-wal`, join(crashed, 'journal.sqlite3-wal'));
  store.close();
  assert.ok(statSync(join(crashed, 'journal.sqlite3-wal')).size > 0);
  assert.equal(existsSync(join(crashed, 'journal.sqlite3-shm')), false);

  const files = [join(crashed, 'journal.sqlite3'), join(crashed, 'journal.sqlite3-wal')];
  const verify = runOnReadOnlyMedia(files, join(dir, 'media'), (journal) => ['journal', 'verify', journal]);
  assert.equal(verify.status, 0, verify.stderr);
  assert.match(verify.stdout, new RegExp(`: intact\\. ${head.seq} entries; chain head ${head.hash}\\.`));
  assert.doesNotMatch(verify.stderr, /Out of memory/);

  const exported = runOnReadOnlyMedia(files, join(dir, 'media'), (journal) => ['journal', 'export', journal, '--format', 'csv']);
  assert.equal(exported.status, 0, exported.stderr);
  assert.match(exported.stdout, /Step 5 done\./, 'the entries that were only in the -wal are exported');
});

test('breakglass check --journal on read-only media says the disk is read-only and checks nothing (exit 2)', { skip: noNamespace }, () => {
  const dir = tempDir();
  const journal = join(dir, 'journal.sqlite3');
  const store = JournalStore.open(journal, { redaction: 'production' });
  store.openSession({ kind: 'drill', title: 'Drill', actor: 'Ada' });
  store.close();

  const check = runOnReadOnlyMedia([journal], join(dir, 'media'), (onMedia) => [
    'check',
    '--config',
    'assets/demo-tenant.config.json',
    '--sim',
    'assets/demo-tenant.seed.json',
    '--journal',
    onMedia,
  ]);
  assert.equal(check.status, 2, check.stderr);
  assert.equal(check.stdout, '', 'nothing was checked');
  assert.ok(
    check.stderr.includes(
      `breakglass: The journal ${join(dir, 'media', 'journal.sqlite3')} cannot be written: the disk it is on is read-only (`,
    ),
    check.stderr,
  );
  assert.match(check.stderr, /EROFS\)\. Nothing was checked: a run asked to be journaled is not run without its journal\./);
  assert.match(check.stderr, /Next step: .*give --journal a file on a writable disk/);
  assert.doesNotMatch(check.stderr, /^\s+at /m, 'no stack trace');
});

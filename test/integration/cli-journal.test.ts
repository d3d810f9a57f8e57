// `breakglass journal verify` and `journal export`, run as the real command on real journal files.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import Database from 'better-sqlite3';

import { JournalStore } from '../../src/main/journal/store.ts';
import { runCli } from '../helpers/cli.ts';
import { fileSha256, makeCanaries } from '../helpers/journal-fixtures.ts';
import { tempDir } from '../helpers/temp.ts';

const canaries = makeCanaries();

/** A small journal with a closed drill session; returns the file and its head hash. */
function writeJournal(dir: string): { file: string; head: string } {
  const file = join(dir, 'journal.sqlite3');
  const store = JournalStore.open(file, { redaction: 'production' });
  const session = store.openSession({ kind: 'drill', title: 'Tabletop, Q4', actor: 'Alice', witness: 'Bob' });
  store.append({
    sessionId: session.id,
    actor: 'Alice',
    kind: 'note',
    summary: 'Safe opened; seal intact.',
    data: { password: canaries.password },
  });
  store.append({
    sessionId: session.id,
    actor: 'Alice',
    kind: 'graph-write',
    summary: 'Set policy "Block legacy auth" to report-only, =SUM(A1)',
    data: { policyId: 'p1', note: canaries.jwt, attachment: canaries.privateKeyPem },
    graphRequestIds: ['0b6f6b9e-8a3c-4f55-9d1e-6f0c2a1d9e01'],
  });
  store.closeSession(session.id, { actor: 'Alice' });
  const head = store.head().hash;
  store.close();
  return { file, head };
}

describe('breakglass journal verify', () => {
  test('an intact journal: exit 0, entry count and chain head', () => {
    const { file, head } = writeJournal(tempDir());
    const result = runCli(['journal', 'verify', file]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`intact\\. 4 entries; chain head ${head}`));
  });

  test('an edited entry: exit 1, naming the first bad entry; the file is not changed by verifying', () => {
    const { file } = writeJournal(tempDir());
    const db = new Database(file);
    db.prepare("UPDATE journal_entries SET summary = 'Nothing happened.' WHERE seq = 3").run();
    db.close();
    const before = fileSha256(file);
    const result = runCli(['journal', 'verify', file]);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /TAMPERED\. The first bad entry is #3/);
    assert.match(result.stdout, /^1 bad entry: #3\.$/m);
    assert.equal(fileSha256(file), before);
  });

  test('two entries tampered separately: exit 1, and both are reported, not just the first', () => {
    const { file } = writeJournal(tempDir());
    const db = new Database(file);
    db.prepare("UPDATE journal_entries SET actor = 'Mallory' WHERE seq = 2").run();
    db.prepare("UPDATE journal_entries SET summary = 'Nothing happened.' WHERE seq = 3").run();
    db.close();
    const result = runCli(['journal', 'verify', file]);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /TAMPERED\. The first bad entry is #2: Entry 2 was changed/);
    assert.match(result.stdout, /^2 bad entries: #2–#3\.$/m);
    assert.match(result.stdout, /^ {2}#2: Entry 2 was changed after it was written/m);
    assert.match(result.stdout, /^ {2}#3: Entry 3 was changed after it was written/m);
    const exported = runCli(['journal', 'export', file, '--format', 'md']);
    assert.equal(exported.status, 1);
    assert.match(exported.stdout, /CHAIN BROKEN at entry 2: .*\(2 bad entries: #2–#3\)/);
  });

  test('a removed tail is detected with --expect-head, and missed without it', () => {
    const dir = tempDir();
    const { file, head } = writeJournal(dir);
    const db = new Database(file);
    db.prepare('DELETE FROM journal_entries WHERE seq >= 4').run();
    db.close();
    assert.equal(runCli(['journal', 'verify', file]).status, 0, 'a shorter chain is still a chain');
    const result = runCli(['journal', 'verify', file, '--expect-head', head]);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /TAMPERED/);
  });

  test('a journal table with unexpected columns, or a trigger, is "not a journal of this app": exit 2, no stack trace', () => {
    const dir = tempDir();
    const extraColumn = writeJournal(dir).file;
    const foreign = join(dir, 'foreign.sqlite3');
    const withTrigger = join(tempDir(), 'journal.sqlite3');
    copyFileSync(extraColumn, withTrigger);
    for (const [file, sql] of [
      [extraColumn, 'ALTER TABLE journal_entries ADD COLUMN approved_by TEXT'],
      [foreign, 'CREATE TABLE journal_entries (id INTEGER PRIMARY KEY, text TEXT); PRAGMA user_version = 2'],
      [withTrigger, 'CREATE TRIGGER keep_quiet BEFORE INSERT ON journal_entries BEGIN SELECT RAISE(IGNORE); END'],
    ] as const) {
      const db = new Database(file);
      db.exec(sql);
      db.close();
    }
    for (const [file, why] of [
      [extraColumn, /its journal_entries table has columns this app does not write \(approved_by\)/],
      [foreign, /columns this app does not write \(id, text\) and no seq, at, /],
      [withTrigger, /it holds the trigger keep_quiet, which this app never creates/],
    ] as const) {
      const before = fileSha256(file);
      const result = runCli(['journal', 'verify', file]);
      assert.equal(result.status, 2, `${file}: ${result.stdout}${result.stderr}`);
      assert.match(result.stderr, /is not a journal of this app: /);
      assert.match(result.stderr, why);
      assert.match(result.stderr, /Next step: Check the path/);
      assert.doesNotMatch(result.stderr, /\n\s+at |SqliteError/, 'no stack trace');
      assert.equal(fileSha256(file), before, 'the file is left as it was');
    }
  });

  test('a refused journal gets the next step of the command that met it, never one meant for the desktop app', () => {
    const dir = tempDir();
    const newer = writeJournal(dir).file;
    const newerDb = new Database(newer);
    newerDb.pragma('user_version = 99');
    newerDb.close();
    const damaged = join(dir, 'damaged.sqlite3');
    writeFileSync(damaged, 'not a database at all, but bytes a custodian should keep');
    const check = (journal: string) => [
      'check',
      '--config',
      'assets/demo-tenant.config.json',
      '--sim',
      'assets/demo-tenant.seed.json',
      '--journal',
      journal,
    ];
    const cases = [
      [newer, ['journal', 'verify', newer], /Next step: Read it with the newer version of breakglass; the file was not changed\./],
      [newer, ['journal', 'export', newer, '--format', 'md'], /Next step: Read it with the newer version of breakglass/],
      [damaged, ['journal', 'verify', damaged], /Next step: Keep the file as it is: it is evidence\. Verify a copy kept elsewhere/],
      [newer, check(newer), /Next step: Run the check with the newer version of breakglass, or give --journal a new file name/],
      [
        damaged,
        check(damaged),
        /Next step: Keep .*damaged\.sqlite3 as it is \(see what can still be read: breakglass journal verify .*\), and give --journal a new file name/,
      ],
    ] as const;
    for (const [file, args, nextStep] of cases) {
      const before = fileSha256(file);
      const result = runCli([...args]);
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stdout}${result.stderr}`);
      assert.match(result.stderr, nextStep, args.join(' '));
      assert.doesNotMatch(result.stderr, /the app|start the app|beside it/, 'no desktop wording on the command line');
      assert.equal(fileSha256(file), before, 'the file is left as it was');
    }
  });

  test('a journal path through a file is named as such, not in the words of Node', () => {
    const file = join(tempDir(), 'notes.txt');
    writeFileSync(file, 'a file where a folder was meant');
    const journal = join(file, 'journal.sqlite3');
    for (const args of [
      ['journal', 'verify', journal],
      ['check', '--config', 'assets/demo-tenant.config.json', '--sim', 'assets/demo-tenant.seed.json', '--journal', journal],
    ]) {
      const result = runCli(args);
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, /cannot be read: a part of its path that should be a folder is a file \(ENOTDIR\)\.\nNext step: /);
      assert.doesNotMatch(result.stderr, /not a directory, stat/);
    }
  });

  test('garbage bytes, a missing file, or a malformed --expect-head: exit 2 with the reason and a next step', () => {
    const dir = tempDir();
    const garbage = join(dir, 'garbage.sqlite3');
    writeFileSync(garbage, 'definitely not SQLite');
    for (const [args, reason] of [
      [['journal', 'verify', garbage], /not a SQLite database/],
      [['journal', 'verify', join(dir, 'nope.sqlite3')], /no journal/i],
      [['journal', 'verify', writeJournal(tempDir()).file, '--expect-head', 'abc'], /not a journal hash/],
      [['journal', 'verify'], /exactly one journal file/],
      [['journal', 'frob'], /unknown subcommand "frob"/],
    ] as const) {
      const result = runCli([...args]);
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, reason);
    }
    assert.equal(readFileSync(garbage, 'utf8'), 'definitely not SQLite');
  });
});

describe('breakglass journal export', () => {
  for (const format of ['json', 'md', 'csv'] as const) {
    test(`--format ${format} prints the whole record with the chain head, and no secret`, () => {
      const { file, head } = writeJournal(tempDir());
      const result = runCli(['journal', 'export', file, '--format', format]);
      assert.equal(result.status, 0, result.stderr);
      assert.ok(result.stdout.includes(head), 'the chain head is printed on the report');
      assert.match(result.stdout, /Tabletop, Q4/);
      assert.match(result.stdout, /0b6f6b9e-8a3c-4f55-9d1e-6f0c2a1d9e01/);
      const pemBody = canaries.privateKeyPem.split('\n')[5] ?? '';
      for (const secret of [canaries.password, canaries.jwt, canaries.jwt.split('.')[2] ?? '', pemBody, 'PRIVATE KEY']) {
        assert.ok(secret.length > 8 && !result.stdout.includes(secret), `the export leaks no canary secret (${secret.slice(0, 16)}…)`);
      }
    });
  }

  test('JSON export parses and lists every entry in order', () => {
    const { file } = writeJournal(tempDir());
    const parsed = JSON.parse(runCli(['journal', 'export', file, '--format', 'json']).stdout) as {
      entries: Array<{ seq: number }>;
      chain: { intact: boolean };
    };
    assert.deepEqual(
      parsed.entries.map((e) => e.seq),
      [1, 2, 3, 4],
    );
    assert.equal(parsed.chain.intact, true);
  });

  test('CSV cells that a spreadsheet would run as a formula are neutralised', () => {
    const { file } = writeJournal(tempDir());
    const csv = runCli(['journal', 'export', file, '--format', 'csv']).stdout;
    assert.match(csv, /,"?Set policy "?"?Block legacy auth/);
    assert.doesNotMatch(csv, /,=SUM/);
  });

  test('--out writes a file and never overwrites one', () => {
    const dir = tempDir();
    const { file } = writeJournal(dir);
    const out = join(dir, 'report.md');
    assert.equal(runCli(['journal', 'export', file, '--format', 'md', '--out', out]).status, 0);
    assert.ok(existsSync(out));
    const again = runCli(['journal', 'export', file, '--format', 'md', '--out', out]);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /already exists/);
  });

  test('a tampered journal is still exported, with exit 1 and the break stated in the report', () => {
    const dir = tempDir();
    const { file } = writeJournal(dir);
    const copy = join(dir, 'copy.sqlite3');
    copyFileSync(file, copy);
    const db = new Database(copy);
    db.prepare('DELETE FROM journal_entries WHERE seq = 2').run();
    db.close();
    const result = runCli(['journal', 'export', copy, '--format', 'md']);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /CHAIN BROKEN at entry 2/);
  });

  test('a missing or wrong --format is bad input (exit 2)', () => {
    const { file } = writeJournal(tempDir());
    assert.equal(runCli(['journal', 'export', file]).status, 2);
    assert.match(runCli(['journal', 'export', file, '--format', 'pdf']).stderr, /--format json, md or csv, not "pdf"/);
  });
});

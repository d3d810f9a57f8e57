/**
 * The journal proves its bytes (docs/domain.md, "The journal file"). SQLite reads text that is
 * not valid UTF-8 back as U+FFFD, the character the app stores in place of a lone surrogate – so
 * a stored U+FFFD edited in the file into other invalid bytes reads back exactly as it was
 * hashed. The app only ever writes valid UTF-8, so verify must still name the entry. Edited
 * here with a hex editor's bytes, or with SQL on a separate connection, which is the same.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';

import type { ChainVerdict } from '../../src/core/journal/chain.ts';
import { JournalStore } from '../../src/main/journal/store.ts';
import { runCli } from '../helpers/cli.ts';
import { editFileBytes, tempDir } from '../helpers/journal-fixtures.ts';

const summary = 'Half an emoji: \uD83D, pasted from a chat';
const storedSummary = 'Half an emoji: \uFFFD, pasted from a chat';
const replacement = Buffer.from('\uFFFD', 'utf8'); // EF BF BD

/** A closed journal: a drill with a note holding a lone surrogate, a literal U+FFFD and a NUL. Returns the note's seq. */
function writeJournal(file: string): number {
  const store = JournalStore.open(file, { redaction: 'production' });
  const session = store.openSession({ kind: 'drill', title: 'Drill', actor: 'Ada' });
  const note = store.append({ sessionId: session.id, actor: 'Ada', kind: 'note', summary, data: { free: 'typed as is: \uFFFD' } });
  store.append({ sessionId: session.id, actor: 'Ada', kind: 'note', summary: 'A NUL \u0000 inside', data: {} });
  store.closeSession(session.id, { actor: 'Ada' });
  store.close();
  return note.seq;
}

/** The verdicts of a read-only and a writable store on the file. */
function verdictsOf(file: string): ChainVerdict[] {
  const readOnly = JournalStore.openReadOnly(file);
  const writable = JournalStore.open(file, { redaction: 'production' });
  try {
    return [readOnly.verify(), writable.verify()];
  } finally {
    readOnly.close();
    writable.close();
  }
}

/** The entry's summary as the app reads it back. */
function summaryOf(file: string, seq: number): string | undefined {
  const store = JournalStore.openReadOnly(file);
  try {
    return store.entries().find((entry) => entry.seq === seq)?.summary;
  } finally {
    store.close();
  }
}

function assertReported(verdict: ChainVerdict, seq: number, reason: RegExp): void {
  assert.equal(verdict.intact, false, 'the edit is found');
  assert.ok(!verdict.intact);
  assert.deepEqual(
    verdict.badEntries.map((bad) => [bad.seq, bad.problem]),
    [[seq, 'edited']],
    JSON.stringify(verdict.badEntries),
  );
  assert.match(verdict.badEntries[0]?.reason ?? '', reason);
}

const notUtf8 =
  /^Entry \d+ was changed after it was written: its stored (summary|data) is not valid UTF-8 \(the app only writes valid UTF-8, so the file was edited outside the app\)\.$/;

test('a U+FFFD the app stored, edited in the file into bytes that are not UTF-8, is reported although it reads back as hashed', (t) => {
  const dir = tempDir(t, 'stored-bytes');
  const file = path.join(dir, 'journal.sqlite3');
  const seq = writeJournal(file);
  for (const verdict of verdictsOf(file))
    assert.equal(verdict.intact, true, 'U+FFFD, typed or replacing a lone surrogate, is no tampering');

  // F0 9F 98 starts a 4-byte character and stops short: SQLite hands it back as one U+FFFD.
  const stored = Buffer.from(storedSummary, 'utf8');
  const edited = Buffer.concat([
    stored.subarray(0, stored.indexOf(replacement)),
    Buffer.from([0xf0, 0x9f, 0x98]),
    stored.subarray(stored.indexOf(replacement) + 3),
  ]);
  editFileBytes(file, stored, edited);
  assert.equal(summaryOf(file, seq), storedSummary, 'the edited text reads back exactly as it was hashed');
  for (const verdict of verdictsOf(file)) assertReported(verdict, seq, notUtf8);

  const cli = runCli(['journal', 'verify', file]);
  assert.equal(cli.status, 1, cli.stdout + cli.stderr);
  assert.ok(
    cli.stdout.includes(
      `TAMPERED. The first bad entry is #${seq}: Entry ${seq} was changed after it was written: its stored summary is not valid UTF-8`,
    ),
    cli.stdout,
  );
  assert.ok(cli.stdout.includes(`\n1 bad entry: #${seq}.\n`), cli.stdout);
  assert.doesNotMatch(cli.stderr, /\n\s+at |Error/);
});

test('every kind of invalid UTF-8 put in place of a stored U+FFFD with SQL is reported at its entry', (t) => {
  const dir = tempDir(t, 'stored-bytes');
  const pristine = path.join(dir, 'pristine.sqlite3');
  const seq = writeJournal(pristine);
  const variants: [string, number[], RegExp][] = [
    ['a single FF', [0xff], notUtf8],
    ['an overlong-form lead byte C0', [0xc0], notUtf8],
    ['a lone continuation byte 80', [0x80], notUtf8],
    ['a 3-byte character cut short (EF BF)', [0xef, 0xbf], notUtf8],
    ['an encoded surrogate (ED A0 BD)', [0xed, 0xa0, 0xbd], /its content no longer matches its hash/],
    ['a NUL', [0x00], /its content no longer matches its hash/],
  ];
  for (const column of ['summary', 'data'] as const) {
    for (const [label, bytes, reason] of variants) {
      const file = path.join(dir, `${column}-${bytes.join('-')}.sqlite3`);
      fs.copyFileSync(pristine, file);
      const db = new Database(file);
      const text = db.prepare(`SELECT ${column} FROM journal_entries WHERE seq = ?`).pluck().get(seq) as string;
      const stored = Buffer.from(text, 'utf8');
      const at = stored.indexOf(replacement);
      const edited = Buffer.concat([stored.subarray(0, at), Buffer.from(bytes), stored.subarray(at + 3)]);
      db.prepare(`UPDATE journal_entries SET ${column} = CAST(? AS TEXT) WHERE seq = ?`).run(edited, seq);
      assert.equal(db.prepare(`SELECT typeof(${column}) FROM journal_entries WHERE seq = ?`).pluck().get(seq), 'text');
      db.close();
      for (const verdict of verdictsOf(file)) {
        t.diagnostic(`${column}, ${label}: ${verdict.intact ? 'intact' : verdict.reason}`);
        assertReported(verdict, seq, reason);
      }
    }
  }
});

test('a NUL edited into stored text in the file is read, not cut off, and found by the hash', (t) => {
  const file = path.join(tempDir(t, 'stored-bytes'), 'journal.sqlite3');
  const seq = writeJournal(file);
  editFileBytes(file, Buffer.from('pasted from a chat'), Buffer.from('pasted\u0000from a chat'));
  assert.equal(summaryOf(file, seq), 'Half an emoji: \uFFFD, pasted\u0000from a chat', 'better-sqlite3 reads the text past the NUL');
  for (const verdict of verdictsOf(file)) assertReported(verdict, seq, /its content no longer matches its hash/);
});

/**
 * Sets `column` of entry `seq` to `value` (SQL) where the STRICT table allows no such value, as an
 * editor of the file can: SQLite refuses it through SQL, so the table is made non-STRICT, and the
 * column nullable, for the edit. Returns the value's SQLite type.
 */
function setOutsideSchema(file: string, column: string, seq: number, value: string): string {
  const db = new Database(file);
  try {
    db.unsafeMode(true); // writable_schema needs SQLite's defensive mode off
    const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'journal_entries'").pluck().get() as string;
    const setSchema = (text: string): void => {
      db.pragma('writable_schema = ON');
      db.prepare("UPDATE sqlite_schema SET sql = ? WHERE name = 'journal_entries'").run(text);
      db.pragma('writable_schema = RESET');
    };
    setSchema(sql.replace(/\)\s*STRICT\s*$/, ')').replace(`${column} TEXT NOT NULL`, `${column} TEXT`));
    db.prepare(`UPDATE journal_entries SET ${column} = ${value} WHERE seq = ?`).run(seq);
    setSchema(sql);
    return db.prepare(`SELECT typeof(${column}) FROM journal_entries WHERE seq = ?`).pluck().get(seq) as string;
  } finally {
    db.close();
  }
}

test('text stored as a BLOB (bytes unchanged), or a NULL where text is required, is reported at its entry, not as a damaged file', (t) => {
  const dir = tempDir(t, 'stored-bytes');
  const pristine = path.join(dir, 'pristine.sqlite3');
  const seq = writeJournal(pristine);
  const variants: [string, string, string, RegExp][] = [
    ['summary', 'CAST(summary AS BLOB)', 'blob', /\(summary: not text \(bytes\)\)\.$/],
    ['data', 'CAST(data AS BLOB)', 'blob', /\(dataJson: not text \(bytes\)\)\.$/],
    ['actor', 'CAST(actor AS BLOB)', 'blob', /\(actor: not text \(bytes\)\)\.$/],
    ['hash', 'CAST(hash AS BLOB)', 'blob', /\(hash: not a SHA-256 hash\)\.$/],
    ['summary', 'NULL', 'null', /\(summary: missing or empty\)\.$/],
    ['prev_hash', 'NULL', 'null', /\(prevHash: not a SHA-256 hash\)\.$/],
  ];
  for (const [column, value, type, reason] of variants) {
    const file = path.join(dir, `${column}-${type}.sqlite3`);
    fs.copyFileSync(pristine, file);
    assert.equal(setOutsideSchema(file, column, seq, value), type);
    for (const verdict of verdictsOf(file)) {
      assert.ok(!verdict.intact, `${column} ${type}`);
      assert.deepEqual(
        verdict.badEntries.map((bad) => [bad.seq, bad.problem]),
        [[seq, 'malformed']],
        JSON.stringify(verdict.badEntries),
      );
      assert.match(verdict.reason, reason);
    }
    if (column !== 'summary') continue;
    const cli = runCli(['journal', 'verify', file]);
    assert.equal(cli.status, 1, cli.stdout + cli.stderr);
    assert.ok(cli.stdout.includes(`TAMPERED. The first bad entry is #${seq}: Entry ${seq} is not a valid journal entry`), cli.stdout);
    assert.doesNotMatch(cli.stderr, /\n\s+at |Error/);
  }
});

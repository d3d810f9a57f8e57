/**
 * Tamper detection on a real journal file: each round copies a sample journal, changes it the
 * way someone with a SQLite tool could, and checks that `verify` names the first entry that is
 * wrong. The seed is printed on failure so a round can be replayed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { sealEntry } from '../../src/core/journal/chain.ts';
import { genesisHash, JournalEntryKind } from '../../src/core/journal/model.ts';
import { openSqlite, type SqliteDatabase } from '../../src/main/db/sqlite.ts';
import { JournalStore } from '../../src/main/journal/store.ts';
import { entryToRow, insertEntrySql, rowToEntry, type EntryRow } from '../../src/main/journal/rows.ts';
import { buildSampleJournal, randomGenerator, tempDir } from '../helpers/journal-fixtures.ts';

type Mutation = { readonly label: string; readonly firstBadSeq: number; readonly tailOnly?: boolean };
type Random = () => number;

const contentColumns = [
  'at',
  'session_id',
  'actor',
  'witness',
  'kind',
  'step_id',
  'summary',
  'data',
  'graph_request_ids',
  'prev_hash',
  'hash',
] as const;

test('1,000 random changes to a journal file are each detected at the first changed entry', (t) => {
  const dir = tempDir(t, 'tamper');
  const original = path.join(dir, 'original.sqlite3');
  const { head, count } = buildSampleJournal(original, 40);
  const seed = Number(process.env.JOURNAL_TAMPER_SEED ?? Date.now() % 1_000_000);
  const random = randomGenerator(seed);
  const pick = (from: number, to: number): number => from + Math.floor(random() * (to - from + 1));
  const failures: string[] = [];
  const seen = new Map<string, number>();

  for (let round = 0; round < 1000; round += 1) {
    const file = path.join(dir, `round-${round}.sqlite3`);
    fs.copyFileSync(original, file);
    const db = openSqlite(file);
    let mutation: Mutation;
    try {
      mutation = mutate(db, count, random, pick);
    } finally {
      db.close();
    }
    seen.set(mutation.label.split(' ')[0] ?? '', (seen.get(mutation.label.split(' ')[0] ?? '') ?? 0) + 1);

    // Alternate the two ways a journal is opened for verification.
    const store = round % 2 === 0 ? JournalStore.openReadOnly(file) : JournalStore.open(file, { redaction: 'development' });
    const verdict = store.verify({ expectHead: head });
    const withoutHead = store.verify();
    store.close();
    fs.rmSync(file);
    fs.rmSync(`${file}-wal`, { force: true });
    fs.rmSync(`${file}-shm`, { force: true });

    if (verdict.intact) failures.push(`round ${round} (${mutation.label}): not detected`);
    else if (verdict.firstBadSeq !== mutation.firstBadSeq) {
      failures.push(
        `round ${round} (${mutation.label}): reported entry ${verdict.firstBadSeq} (${verdict.reason}), expected ${mutation.firstBadSeq}`,
      );
    }
    if (!mutation.tailOnly && withoutHead.intact)
      failures.push(`round ${round} (${mutation.label}): needed the expected head to be detected`);
  }

  assert.deepEqual(failures.slice(0, 10), [], `seed ${seed}: ${failures.length} of 1000 changes went wrong`);
  assert.equal(seen.size, 6, `every kind of change was tried: ${[...seen.keys()].join(', ')}`);
});

function mutate(db: SqliteDatabase, count: number, random: Random, pick: (from: number, to: number) => number): Mutation {
  const kind = pick(0, 5);
  const row = (seq: number): EntryRow => db.prepare('SELECT * FROM journal_entries WHERE seq = ?').get(seq) as EntryRow;
  switch (kind) {
    case 0: {
      const seq = pick(1, count);
      const column = contentColumns[pick(0, contentColumns.length - 1)] ?? 'summary';
      const current = row(seq)[column];
      const replacement = differentValue(column, current, random);
      db.prepare(`UPDATE journal_entries SET ${column} = ? WHERE seq = ?`).run(replacement, seq);
      return { label: `edit ${column} of ${seq}`, firstBadSeq: seq };
    }
    case 1: {
      const seq = pick(1, count);
      db.prepare('DELETE FROM journal_entries WHERE seq = ?').run(seq);
      return { label: `delete ${seq}`, firstBadSeq: seq, tailOnly: seq === count };
    }
    case 2: {
      // A forged entry at seq: a copy of another entry, or (not at the very end, where it would
      // be indistinguishable from a real append) one sealed properly onto its predecessor – then
      // the real entry it pushed along is the first that no longer fits.
      const seq = pick(1, count + 1);
      const sealed = seq <= count && random() < 0.5;
      const others = Array.from({ length: count }, (_, index) => index + 1).filter((candidate) => candidate !== seq);
      const template = rowToEntry(row(others[pick(0, others.length - 1)] ?? 1));
      const previousHash = seq > 1 ? row(seq - 1).hash : genesisHash;
      // Two steps, because SQLite checks the primary key row by row during an UPDATE.
      db.prepare('UPDATE journal_entries SET seq = -(seq + 1) WHERE seq >= ?').run(seq);
      db.prepare('UPDATE journal_entries SET seq = -seq WHERE seq < 0').run();
      const forged = sealed
        ? sealEntry({ ...withoutHashes(template), seq, summary: 'Nothing unusual happened.' }, previousHash)
        : { ...template, seq };
      db.prepare(insertEntrySql).run(entryToRow(forged));
      return { label: `insert ${sealed ? 'sealed' : 'copied'} at ${seq}`, firstBadSeq: sealed ? seq + 1 : seq };
    }
    case 3: {
      const first = pick(1, count - 1);
      const second = pick(first + 1, count);
      const [a, b] = [row(first), row(second)];
      const assignments = contentColumns.map((column) => `${column} = @${column}`).join(', ');
      const update = db.prepare(`UPDATE journal_entries SET ${assignments} WHERE seq = @seq`);
      db.transaction(() => {
        update.run({ ...b, seq: first });
        update.run({ ...a, seq: second });
      })();
      return { label: `swap ${first} and ${second}`, firstBadSeq: first };
    }
    case 4: {
      const keep = pick(0, count - 1);
      db.prepare('DELETE FROM journal_entries WHERE seq > ?').run(keep);
      return { label: `truncate after ${keep}`, firstBadSeq: keep + 1, tailOnly: true };
    }
    default: {
      const seq = pick(1, count);
      const target = pick(count + 1, count + 50);
      db.prepare('UPDATE journal_entries SET seq = ? WHERE seq = ?').run(target, seq);
      return { label: `move ${seq} to ${target}`, firstBadSeq: seq };
    }
  }
}

function withoutHashes<T extends { prevHash: string; hash: string }>(entry: T): Omit<T, 'prevHash' | 'hash'> {
  const { prevHash: _prevHash, hash: _hash, ...content } = entry;
  return content;
}

function differentValue(column: (typeof contentColumns)[number], current: unknown, random: Random): string | null {
  const text = typeof current === 'string' ? current : '';
  const flipChar = (value: string, alphabet: string): string => {
    const index = Math.floor(random() * value.length);
    const replacement = [...alphabet].find((char) => char !== value[index]) ?? 'x';
    return value.slice(0, index) + replacement + value.slice(index + 1);
  };
  switch (column) {
    case 'at':
      return new Date(Date.parse(text) + 1 + Math.floor(random() * 3_600_000)).toISOString();
    case 'kind':
      return (
        JournalEntryKind.options.find((option) => option !== current && random() < 0.5) ?? (current === 'note' ? 'graph-write' : 'note')
      );
    case 'witness':
    case 'step_id':
      return current === null ? 'Mallory' : random() < 0.5 ? null : `${text}.`;
    case 'graph_request_ids':
      return current === null ? '["forged-request"]' : random() < 0.5 ? null : '["forged-request"]';
    case 'data': {
      const data = JSON.parse(text) as Record<string, unknown>;
      // Half the time the same data re-encoded: it means the same, but it is not what was written
      // (an empty object has no other encoding, so it gets a new field instead).
      const reencoded = JSON.stringify(data, null, 1);
      return random() < 0.5 && reencoded !== text ? reencoded : JSON.stringify({ ...data, attempt: -1 });
    }
    case 'prev_hash':
    case 'hash':
      return flipChar(text, '0123456789abcdef');
    default:
      return text.length > 0 ? flipChar(text, 'xyz') : 'Mallory';
  }
}

// The chain-head witness format (docs/domain.md, "The chain-head witness file"): what is read,
// what is refused, how files are named, which head is newest, and how verifyChain words a cut tail.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { sealEntry, verifyChain } from '../../src/core/journal/chain.ts';
import {
  headWitnessFileName,
  headWitnessNamePattern,
  newestHeadWitness,
  parseHeadWitness,
  serializeHeadWitness,
  type HeadWitness,
} from '../../src/core/journal/head-witness.ts';
import { genesisHash, type JournalEntry } from '../../src/core/journal/model.ts';
import { Inventory } from '../../src/shared/inventory.ts';
import { ActionableError } from '../../src/shared/actionable-error.ts';

const a = 'a'.repeat(64);
const b = 'b'.repeat(64);

function witness(seq: number, hash = b, writtenAt = '2026-12-02T10:00:00.000Z'): HeadWitness {
  return {
    format: 'breakglass-journal-head',
    version: 1,
    journal: { path: '/media/safe/data/journal.sqlite3', firstEntryHash: a },
    head: { seq, hash, at: '2026-12-02T09:59:59.000Z' },
    session: { id: 'session-1', kind: 'check' },
    writtenAt,
  };
}

function refused(text: string, pattern: RegExp): void {
  assert.throws(
    () => parseHeadWitness(text, 'w.json'),
    (error: unknown) => error instanceof ActionableError && pattern.test(error.message) && error.nextStep.length > 0,
  );
}

test('a witness survives its own file text, byte for byte in meaning', () => {
  const text = serializeHeadWitness(witness(7));
  assert.deepEqual(parseHeadWitness(text, 'w.json'), witness(7));
  assert.deepEqual(parseHeadWitness(`\uFEFF${text}`, 'w.json'), witness(7), 'a byte-order mark from an editor is ignored');
});

test('anything that is not a witness of this format is refused, naming the problem', () => {
  refused('{"format": ', /is not JSON/);
  refused('[]', /does not say "format": "breakglass-journal-head"/);
  refused(JSON.stringify({ ...witness(7), format: 'something-else' }), /does not say "format"/);
  refused(JSON.stringify({ ...witness(7), version: 2 }), /format version 2, newer than/);
  refused(JSON.stringify({ ...witness(7), extra: true }), /not a usable journal head witness: the file: .*extra/i);
  refused(JSON.stringify({ ...witness(7), head: { seq: 7, hash: 'not-a-hash', at: '2026-12-02T09:59:59.000Z' } }), /head\.hash/);
  refused(JSON.stringify({ ...witness(7), head: { seq: 0, hash: b, at: '2026-12-02T09:59:59.000Z' } }), /head\.seq/);
  const { session: _session, ...withoutSession } = witness(7);
  refused(JSON.stringify(withoutSession), /session/);
  assert.throws(() => serializeHeadWitness({ ...witness(7), writtenAt: 'yesterday' }), 'nothing malformed is ever written');
});

test('file names name the journal, the entry and the hash, and sort by entry number', () => {
  const names = [witness(120), witness(9), witness(10)].map(headWitnessFileName);
  for (const name of names) assert.match(name, headWitnessNamePattern);
  assert.equal(names[1], `journal-head-${a.slice(0, 12)}-000000000009-${b.slice(0, 12)}.json`);
  assert.deepEqual([...names].sort(), [names[1], names[2], names[0]]);
});

test('the newest head is the highest entry number, then the latest written', () => {
  const items = [witness(4), witness(12), witness(9), witness(12, 'c'.repeat(64), '2026-12-02T11:00:00.000Z')].map((w, i) => ({
    file: `${i}`,
    witness: w,
  }));
  assert.equal(newestHeadWitness(items)?.file, '3');
  assert.equal(newestHeadWitness([]), undefined);
});

function chain(length: number): JournalEntry[] {
  const entries: JournalEntry[] = [];
  let prevHash = genesisHash;
  for (let seq = 1; seq <= length; seq += 1) {
    const entry = sealEntry(
      {
        seq,
        at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
        sessionId: 's',
        actor: 'Ada',
        kind: 'note',
        summary: `Entry ${seq}`,
        data: {},
      },
      prevHash,
    );
    entries.push(entry);
    prevHash = entry.hash;
  }
  return entries;
}

test('with the witnessed entry number, a cut tail is named with how many entries are missing', () => {
  const entries = chain(8);
  const witnessed = entries[7]!;
  const cut = verifyChain(entries.slice(0, 5), { expectHead: witnessed.hash, expectHeadSeq: 8 });
  assert.equal(cut.intact, false);
  assert.equal(cut.intact === false && cut.problem, 'head-mismatch');
  assert.match(cut.intact === false ? cut.reason : '', /^3 entries \(#6–#8\) are missing from the end: the witnessed head is entry 8/);
  const one = verifyChain(entries.slice(0, 7), { expectHead: witnessed.hash, expectHeadSeq: 8 });
  assert.match(one.intact === false ? one.reason : '', /^Entry 8 is missing from the end/);
  // The same entry number with another hash: rewritten, not cut.
  const rewritten = verifyChain(entries, { expectHead: 'f'.repeat(64), expectHeadSeq: 8 });
  assert.match(
    rewritten.intact === false ? rewritten.reason : '',
    /^Entry 8 no longer has the witnessed hash .*rewritten at or before entry 8/,
  );
  // Entries after the witnessed head are fine.
  assert.deepEqual(verifyChain(entries, { expectHead: entries[4]!.hash, expectHeadSeq: 5 }), {
    intact: true,
    count: 8,
    head: witnessed.hash,
  });
});

test('the inventory takes a witness folder and refuses an empty one', () => {
  const base = { tenantId: '7d3e1f0a-5b2c-4c8e-9a41-2f6d8b0c9e13' };
  assert.equal(Inventory.parse({ ...base, witnessFolder: 'witnesses' }).witnessFolder, 'witnesses');
  assert.equal(Inventory.parse(base).witnessFolder, undefined);
  const empty = Inventory.safeParse({ ...base, witnessFolder: '  ' });
  assert.equal(empty.success, false);
  assert.match(empty.error?.issues[0]?.message ?? '', /must be the path of a folder, not empty/);
});

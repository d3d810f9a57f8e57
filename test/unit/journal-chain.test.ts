import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActionableError } from '../../src/shared/actionable-error.ts';
import { hashEntryContent, sealEntry, storedFormProblem, verifyChain, type ChainVerdict } from '../../src/core/journal/chain.ts';
import { encodedEntryProblem, encodeEntry } from '../../src/core/journal/entry-encoding.ts';
import { genesisHash, JournalEntry, type JournalEntryContent } from '../../src/core/journal/model.ts';

function buildChain(length: number): JournalEntry[] {
  const entries: JournalEntry[] = [];
  let prevHash = genesisHash;
  for (let seq = 1; seq <= length; seq += 1) {
    const content: JournalEntryContent = {
      seq,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
      sessionId: 'session-1',
      actor: 'Ada',
      kind: seq === 1 ? 'session-opened' : 'note',
      summary: `Entry ${seq}`,
      data: seq === 1 ? { sessionKind: 'drill', title: 'Drill' } : { index: seq, nested: { list: [seq, 'x'] } },
      ...(seq % 2 === 0 ? { witness: 'Grace' } : {}),
    };
    const entry = sealEntry(content, prevHash);
    entries.push(entry);
    prevHash = entry.hash;
  }
  return entries;
}

function broken(verdict: ChainVerdict): Extract<ChainVerdict, { intact: false }> {
  assert.equal(verdict.intact, false, 'the change must be detected');
  return verdict as Extract<ChainVerdict, { intact: false }>;
}

test('an untouched chain verifies, and its head is the last hash', () => {
  const entries = buildChain(10);
  assert.deepEqual(verifyChain(entries), { intact: true, count: 10, head: entries[9]?.hash });
  assert.deepEqual(verifyChain([]), { intact: true, count: 0, head: genesisHash });
});

test('each hash covers the previous hash and the canonical content', () => {
  const [first] = buildChain(1);
  assert.ok(first);
  assert.equal(first.prevHash, genesisHash);
  assert.equal(first.hash, hashEntryContent(genesisHash, first));
  assert.notEqual(hashEntryContent('1'.repeat(64), first), first.hash, 'the previous hash is part of what is hashed');
  assert.equal(
    hashEntryContent(genesisHash, { ...first, data: { title: 'Drill', sessionKind: 'drill' } }),
    first.hash,
    'key order does not matter',
  );
});

test('an edited field is reported at that entry', () => {
  const entries = buildChain(8);
  const edits: Array<(entry: JournalEntry) => JournalEntry> = [
    (entry) => ({ ...entry, summary: `${entry.summary}!` }),
    (entry) => ({ ...entry, actor: 'Mallory' }),
    (entry) => ({ ...entry, data: { ...entry.data, index: 999 } }),
    (entry) => ({ ...entry, at: '2030-01-01T00:00:00.000Z' }),
    (entry) => ({ ...entry, kind: 'graph-write' }),
    (entry) => ({ ...entry, witness: 'Mallory' }),
    (entry) => ({ ...entry, stepId: 'inserted-step' }),
    (entry) => ({ ...entry, graphRequestIds: ['forged'] }),
    (entry) => ({ ...entry, hash: entry.hash.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) }),
  ];
  for (const edit of edits) {
    const tampered = entries.map((entry) => (entry.seq === 5 ? edit(entry) : entry));
    const verdict = broken(verifyChain(tampered));
    assert.equal(verdict.firstBadSeq, 5);
    assert.equal(verdict.problem, 'edited');
    assert.equal(verdict.badEntries.length, 1, 'the entries after it are not blamed for it');
  }
});

test('a deleted, inserted, swapped, duplicated or reordered entry is reported where the chain first breaks', () => {
  const entries = buildChain(8);
  const at = (seq: number): JournalEntry => entries[seq - 1] as JournalEntry;
  const cases: Array<[string, JournalEntry[], number, string]> = [
    ['deleted', entries.filter((entry) => entry.seq !== 4), 4, 'missing'],
    ['first deleted', entries.slice(1), 1, 'missing'],
    [
      'inserted copy',
      [...entries.slice(0, 4), { ...at(2), seq: 5 }, ...entries.slice(4).map((e) => ({ ...e, seq: e.seq + 1 }))],
      5,
      'broken-link',
    ],
    [
      'swapped contents',
      entries.map((e) => (e.seq === 3 ? { ...at(6), seq: 3 } : e.seq === 6 ? { ...at(3), seq: 6 } : e)),
      3,
      'broken-link',
    ],
    ['duplicated', [...entries.slice(0, 5), at(5), ...entries.slice(5)], 6, 'duplicated'],
    ['reordered', [at(1), at(2), at(4), at(3), ...entries.slice(4)], 3, 'missing'],
    ['moved back', [at(1), at(2), at(3), at(4), at(2), ...entries.slice(4)], 5, 'out-of-order'],
  ];
  for (const [label, tampered, firstBadSeq, problem] of cases) {
    const verdict = broken(verifyChain(tampered));
    assert.equal(verdict.firstBadSeq, firstBadSeq, label);
    assert.equal(verdict.problem, problem, label);
    assert.match(verdict.reason, /Entr(y|ies) \d+/, `${label}: the reason names an entry`);
  }
});

test('every bad entry is reported, each change once, not only the first', () => {
  const entries = buildChain(10);
  const at = (seq: number): JournalEntry => entries[seq - 1] as JournalEntry;
  const edited = (seq: number) => ({ ...at(seq), summary: 'Nothing happened.' });
  const rehashed = (seq: number) => ({ ...at(seq), hash: at(seq).hash.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) });
  const cases: Array<[string, unknown[], Array<[number, string]>]> = [
    [
      'two edits',
      entries.map((e) => (e.seq === 3 || e.seq === 7 ? edited(e.seq) : e)),
      [
        [3, 'edited'],
        [7, 'edited'],
      ],
    ],
    [
      'an edited hash, then an edit',
      entries.map((e) => (e.seq === 5 ? rehashed(5) : e.seq === 9 ? edited(9) : e)),
      [
        [5, 'edited'],
        [9, 'edited'],
      ],
    ],
    [
      'two deletions',
      entries.filter((e) => e.seq !== 2 && e.seq !== 6),
      [
        [2, 'missing'],
        [6, 'missing'],
      ],
    ],
    [
      'a deletion, then an edit',
      entries.filter((e) => e.seq !== 2).map((e) => (e.seq === 8 ? edited(8) : e)),
      [
        [2, 'missing'],
        [8, 'edited'],
      ],
    ],
    [
      'swapped contents',
      entries.map((e) => (e.seq === 3 ? { ...at(6), seq: 3 } : e.seq === 6 ? { ...at(3), seq: 6 } : e)),
      [
        [3, 'broken-link'],
        [6, 'broken-link'],
      ],
    ],
    [
      'a malformed entry, then a duplicate',
      [...entries.slice(0, 3).map((e) => (e.seq === 2 ? { ...e, kind: 'bogus' } : e)), ...entries.slice(3, 6), at(6), ...entries.slice(6)],
      [
        [2, 'malformed'],
        [7, 'duplicated'],
      ],
    ],
  ];
  for (const [label, tampered, expected] of cases) {
    const verdict = broken(verifyChain(tampered));
    assert.deepEqual(
      verdict.badEntries.map((bad) => [bad.seq, bad.problem]),
      expected,
      label,
    );
    assert.equal(verdict.firstBadSeq, expected[0]?.[0], label);
    assert.equal(verdict.reason, verdict.badEntries[0]?.reason, label);
  }
  const withHead = broken(
    verifyChain(
      entries.slice(0, 8).map((e) => (e.seq === 4 ? edited(4) : e)),
      { expectHead: at(10).hash },
    ),
  );
  assert.deepEqual(
    withHead.badEntries.map((bad) => [bad.seq, bad.problem]),
    [
      [4, 'edited'],
      [9, 'head-mismatch'],
    ],
    'an edit and a removed tail',
  );
});

test('a rehashed forgery is only caught by a head recorded earlier', () => {
  const entries = buildChain(6);
  const recordedHead = entries[5]?.hash ?? '';
  // Edit entry 4 and recompute every hash from there: the chain is consistent again.
  const forged: JournalEntry[] = entries.slice(0, 3);
  for (const entry of entries.slice(3)) {
    const content = { ...entry, summary: entry.seq === 4 ? 'Nothing happened here' : entry.summary };
    forged.push(sealEntry(content, forged[forged.length - 1]?.hash ?? genesisHash));
  }
  assert.equal(verifyChain(forged).intact, true);
  const verdict = broken(verifyChain(forged, { expectHead: recordedHead }));
  assert.equal(verdict.problem, 'head-mismatch');
});

test('with the expected head, a truncated tail is detected; entries appended later are fine', () => {
  const entries = buildChain(10);
  const headAtSeven = entries[6]?.hash ?? '';
  for (let keep = 0; keep < 7; keep += 1) {
    const verdict = broken(verifyChain(entries.slice(0, keep), { expectHead: headAtSeven }));
    assert.equal(verdict.firstBadSeq, keep + 1);
    assert.equal(verdict.problem, 'head-mismatch');
  }
  assert.equal(verifyChain(entries.slice(0, 7), { expectHead: headAtSeven }).intact, true);
  assert.equal(verifyChain(entries, { expectHead: headAtSeven.toUpperCase() }).intact, true, 'later entries and upper case are accepted');
  assert.equal(verifyChain([], { expectHead: genesisHash }).intact, true, 'the empty head matches an empty journal');
});

test('an expected head that is not a hash is refused with a next step', () => {
  assert.throws(() => verifyChain(buildChain(2), { expectHead: 'abc' }), ActionableError);
});

test('anything that is not an entry is reported as malformed, never trusted', () => {
  const entries = buildChain(3);
  const cases: unknown[] = [
    null,
    'entry',
    { ...entries[1], seq: '2' },
    { ...entries[1], data: 'not an object' },
    { ...entries[1], data: { when: new Date() } },
    { ...entries[1], extra: true },
    { ...entries[1], kind: 'deleted-everything' },
  ];
  for (const item of cases) {
    const verdict = broken(verifyChain([entries[0], item, entries[2]]));
    assert.equal(verdict.firstBadSeq, 2);
    assert.equal(verdict.problem, 'malformed');
  }
});

test('an entry renumbered to 0 or below (sorted first) is not taken as entry 1, and entry 1 is still checked', () => {
  const entries = buildChain(6);
  const moved = { ...entries[3], seq: 0 };
  const verdict = broken(verifyChain([moved, ...entries.slice(0, 3), ...entries.slice(4)]));
  assert.deepEqual(
    verdict.badEntries.map((bad) => [bad.seq, bad.problem]),
    [
      [1, 'malformed'],
      [4, 'missing'],
    ],
    'entry 1 does not "appear twice": only the stray row and the gap it left are reported',
  );
  const editedFirst = { ...entries[0], summary: 'Nothing happened' };
  const hidden = broken(verifyChain([moved, editedFirst, ...entries.slice(1, 3), ...entries.slice(4)]));
  assert.ok(
    hidden.badEntries.some((bad) => bad.seq === 1 && bad.problem === 'edited'),
    `an edit of entry 1 is not hidden behind the stray row: ${JSON.stringify(hidden.badEntries)}`,
  );
  const inPlace = broken(verifyChain([entries[0], { ...entries[1], seq: -2 }, ...entries.slice(2)]));
  assert.deepEqual(
    inPlace.badEntries.map((bad) => [bad.seq, bad.problem]),
    [[2, 'malformed']],
    'an invalid seq where an entry belongs still takes its place',
  );
});

test('verify accepts stored (encoded) entries and objects alike', () => {
  const entries = buildChain(5);
  assert.deepEqual(verifyChain(entries.map(encodeEntry)), verifyChain(entries));
  const reencoded = entries
    .map(encodeEntry)
    .map((e) => (e.seq === 3 ? { ...e, dataJson: JSON.stringify(JSON.parse(e.dataJson), null, 1) } : e));
  const verdict = broken(verifyChain(reencoded));
  assert.equal(verdict.firstBadSeq, 3, 're-encoded JSON with the same meaning still counts as an edit');
});

test('the hand-written shape check agrees with the JournalEntry schema', () => {
  const [valid] = buildChain(2).slice(1);
  assert.ok(valid);
  const variants: Array<Record<string, unknown>> = [
    {},
    { witness: undefined },
    { seq: 0 },
    { seq: 2.5 },
    { at: 'yesterday' },
    { at: '2026-02-30T00:00:00Z' },
    { at: '2026-01-01T00:00:00+01:00' },
    { at: '2026-01-01T00:00:00Z' },
    { sessionId: '' },
    { actor: 42 },
    { witness: '' },
    { stepId: '' },
    { stepId: 'step' },
    { kind: 'bogus' },
    { summary: '' },
    { prevHash: valid.prevHash.toUpperCase() },
    { hash: 'abc' },
    { graphRequestIds: ['r1'] },
  ];
  for (const variant of variants) {
    const candidate = { ...valid, ...variant } as JournalEntry;
    const schemaSays = JournalEntry.safeParse(candidate).success;
    const encoded = encodeEntry(candidate) as unknown as Record<string, unknown>;
    assert.equal(encodedEntryProblem(encoded) === undefined, schemaSays, `variant ${JSON.stringify(variant)}`);
  }
  assert.match(encodedEntryProblem({ ...encodeEntry(valid), surprise: 1 }) ?? '', /surprise/);
});

test('hash fields that are not hashes are malformed wherever they are, even when the forger rehashed the entry', () => {
  const entries = buildChain(4).map(encodeEntry);
  const third = entries[2];
  assert.ok(third);
  // The hash is only compared in form when it does not match: an upper-case copy of the right one is still refused.
  const upperHash = { ...third, hash: third.hash.toUpperCase() };
  const verdict = broken(verifyChain([entries[0], entries[1], upperHash, entries[3]]));
  assert.deepEqual(
    verdict.badEntries.map((bad) => [bad.seq, bad.problem]),
    [[3, 'malformed']],
  );
  // After a missing entry the link is not checked, so the previous hash's form is: an upper-case
  // previous hash with a hash recomputed over it is still not a journal entry.
  const { hash: _hash, prevHash: _prevHash, ...content } = buildChain(4)[3]!;
  const rehashed = sealEntry(content, (entries[2]?.hash ?? '').toUpperCase());
  const gapVerdict = broken(verifyChain([entries[0], entries[1], encodeEntry(rehashed)]));
  assert.deepEqual(
    gapVerdict.badEntries.map((bad) => [bad.seq, bad.problem]),
    [
      [3, 'missing'],
      [4, 'malformed'],
    ],
  );
  assert.match(gapVerdict.badEntries[1]?.reason ?? '', /prevHash: not a SHA-256 hash/);
});

test('the shape check passes a known field holding undefined and names an unknown one among the expected count', () => {
  const [valid] = buildChain(2).slice(1).map(encodeEntry);
  assert.ok(valid);
  assert.equal(encodedEntryProblem({ ...valid, stepId: undefined }), undefined);
  const { witness: _witness, ...withoutWitness } = valid;
  // As many fields as a full entry, one of them foreign.
  assert.match(encodedEntryProblem({ ...withoutWitness, witnesses: 'Grace' }) ?? '', /witnesses: not a journal entry field/);
  const { hash: _hash, ...withoutHash } = valid;
  assert.match(encodedEntryProblem(withoutHash) ?? '', /hash: not a SHA-256 hash/);
});

test('an entry storage marks as not written by the app is reported as edited, once, though its hash matches', () => {
  const entries: object[] = buildChain(6).map(encodeEntry);
  entries[2] = { ...entries[2], [storedFormProblem]: 'its stored summary is not valid UTF-8' };
  const verdict = broken(verifyChain(entries));
  assert.deepEqual(verdict.badEntries, [
    { seq: 3, problem: 'edited', reason: 'Entry 3 was changed after it was written: its stored summary is not valid UTF-8.' },
  ]);
  // An entry whose content fails its hash anyway is reported for that, not twice.
  entries[2] = { ...entries[2], summary: 'Changed' };
  assert.deepEqual(
    broken(verifyChain(entries)).badEntries.map((bad) => bad.reason),
    ['Entry 3 was changed after it was written: its content no longer matches its hash.'],
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, NotCanonicalJsonError } from '../../src/core/journal/canonical.ts';
import { canonicalEntryText, encodeEntryContent } from '../../src/core/journal/entry-encoding.ts';
import type { JournalEntryContent } from '../../src/core/journal/model.ts';
import { randomGenerator } from '../helpers/journal-fixtures.ts';

test('canonical form sorts keys at every depth and has no whitespace', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } }), '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
});

test('the same content gives the same text whatever order it was built in', () => {
  const random = randomGenerator(7);
  for (let round = 0; round < 200; round += 1) {
    const value = randomJson(random, 4);
    assert.equal(canonicalJson(shuffleKeys(value, random)), canonicalJson(value));
    assert.deepEqual(JSON.parse(canonicalJson(value)), value, 'the canonical text parses back to the same value');
  }
});

test('integer-like keys are sorted as text, not in JavaScript property order', () => {
  // JavaScript enumerates "9" before "10"; sorting by UTF-16 code unit puts "10" first.
  assert.equal(canonicalJson({ 9: 'nine', 10: 'ten', a: 1 }), '{"10":"ten","9":"nine","a":1}');
});

test('undefined properties are left out, as if absent', () => {
  assert.equal(canonicalJson({ a: 1, b: undefined }), canonicalJson({ a: 1 }));
});

test('numbers and strings are written the way JSON writes them', () => {
  assert.equal(canonicalJson({ n: [0, -0, 1.5, 1e21, -3] }), '{"n":[0,0,1.5,1e+21,-3]}');
  assert.equal(canonicalJson('line\nbreak "quoted" \u2028'), JSON.stringify('line\nbreak "quoted" \u2028'));
});

test('values JSON cannot hold exactly are refused, naming where they are', () => {
  const holey = new Array<number>(3);
  holey[0] = 1;
  holey[2] = 3;
  const refusals: Array<[unknown, RegExp]> = [
    [{ a: { b: Number.NaN } }, /^\.a\.b: NaN is not a JSON number/],
    [{ a: [1, Infinity] }, /^\.a\[1\]: Infinity/],
    [{ at: new Date(0) }, /^\.at: a Date object is not JSON data/],
    [{ big: 10n }, /^\.big: a bigint is not JSON data/],
    [{ list: [1, undefined] }, /^\.list\[1\]: undefined/],
    [{ list: holey }, /^\.list\[1\]: undefined \(or a hole\)/],
    [{ f: () => 1 }, /^\.f: a function/],
    [undefined, /undefined has no JSON form/],
  ];
  for (const [value, message] of refusals) {
    assert.throws(
      () => canonicalJson(value),
      (error: unknown) => error instanceof NotCanonicalJsonError && message.test(error.message),
    );
  }
});

test('the hashed text of an entry is exactly the canonical form of its content', () => {
  const random = randomGenerator(11);
  for (let round = 0; round < 300; round += 1) {
    const content: JournalEntryContent = {
      seq: 1 + Math.floor(random() * 1e6),
      at: new Date(1.7e12 + Math.floor(random() * 1e10)).toISOString(),
      sessionId: `session-${round}`,
      actor: 'Ada "custodian" Lovelace',
      kind: 'note',
      summary: `Note ${round} – ünïcödé, "quotes" and \\ backslashes`,
      data: randomJson(random, 3) as JournalEntryContent['data'],
      ...(random() < 0.5 ? { witness: 'Grace' } : {}),
      ...(random() < 0.5 ? { stepId: `step-${round}` } : {}),
      ...(random() < 0.5 ? { graphRequestIds: ['a1b2', 'c3d4'] } : {}),
    };
    assert.equal(canonicalEntryText(encodeEntryContent(content)), canonicalJson(content));
  }
});

function randomJson(random: () => number, depth: number): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  const keys = 1 + Math.floor(random() * 5);
  for (let index = 0; index < keys; index += 1) {
    const key = ['id', 'status', '10', '2', 'évidence', 'Z', 'a b', ''][Math.floor(random() * 8)] + String(Math.floor(random() * 3));
    record[key] = randomValue(random, depth - 1);
  }
  return record;
}

function randomValue(random: () => number, depth: number): unknown {
  const pick = Math.floor(random() * (depth > 0 ? 7 : 5));
  switch (pick) {
    case 0:
      return Math.round(random() * 1e6) / 100;
    case 1:
      return random() < 0.5;
    case 2:
      return null;
    case 3:
      return `text ${Math.floor(random() * 100)} "q" \n`;
    case 4:
      return -Math.floor(random() * 1000);
    case 5:
      return [randomValue(random, depth - 1), randomValue(random, depth - 1)];
    default:
      return randomJson(random, depth - 1);
  }
}

function shuffleKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((item) => shuffleKeys(item, random));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).sort(() => random() - 0.5);
  return Object.fromEntries(entries.map(([key, item]) => [key, shuffleKeys(item, random)]));
}

test('every text field is quoted exactly as JSON.stringify does, whatever characters it holds', () => {
  const random = randomGenerator(23);
  // Plain text, the characters JSON escapes, a pair and lone halves of surrogates, and U+2028 (not escaped).
  const alphabet = [
    'a',
    'Z',
    ' ',
    'é',
    '"',
    '\\',
    '/',
    '\n',
    '\t',
    '\u0000',
    '\u001f',
    '\u007f',
    '\u2028',
    '\ud83d\ude00',
    '\ud83d',
    '\ude00',
  ];
  const text = (): string =>
    Array.from({ length: 1 + Math.floor(random() * 6) }, () => alphabet[Math.floor(random() * alphabet.length)] ?? '').join('');
  for (let round = 0; round < 500; round += 1) {
    const content = {
      seq: 1 + round,
      at: '2026-12-02T10:00:00.000Z',
      sessionId: text(),
      actor: text(),
      kind: 'note',
      summary: text(),
      data: { [text()]: text() },
      witness: text(),
      stepId: text(),
      graphRequestIds: [text()],
    } as JournalEntryContent;
    assert.equal(canonicalEntryText(encodeEntryContent(content)), canonicalJson(content), JSON.stringify(content));
  }
});

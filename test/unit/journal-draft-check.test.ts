// The append's hand-written draft check against the schema it stands for (docs/architecture.md,
// "The journal"): for every draft, random or chosen, checkDraft accepts exactly what the zod
// schema accepts and returns the same draft, with absent fields absent.
import assert from 'node:assert/strict';
import test from 'node:test';
import { z } from 'zod';
import { checkDraft } from '../../src/core/journal/draft-check.ts';
import { JournalEntryDraft } from '../../src/core/journal/model.ts';
import { randomGenerator } from '../helpers/journal-fixtures.ts';

const schema = JournalEntryDraft.extend({ data: z.record(z.string(), z.unknown()).default({}) });

/** What the store made of a draft before the hand check: zod's output, absent fields left out. */
function bySchema(value: unknown): { ok: boolean; draft?: Record<string, unknown> } {
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false };
  const draft: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(parsed.data)) {
    if (item === undefined || (key === 'graphRequestIds' && Array.isArray(item) && item.length === 0)) continue;
    draft[key] = item;
  }
  return { ok: true, draft };
}

const choices: Record<string, readonly unknown[]> = {
  sessionId: ['0b6f6b9e-8a3c-4f55-9d1e-6f0c2a1d9e01', '', 7, null, undefined, ['x']],
  actor: ['Alice Custodian', '', false, undefined, { name: 'Alice' }],
  witness: ['Bob Witness', '', 3, null, undefined],
  kind: ['graph-write', 'note', 'session-opened', 'not-a-kind', '', 1, undefined],
  stepId: ['recovery.report-only', '', 0, null, undefined],
  summary: ['Set a policy to report-only', '', 12, undefined],
  data: [{}, { policyId: 'p', nested: { a: [1, 2] } }, { z: 1, a: 2 }, [], null, 'text', new Date(0), undefined, Object.create(null)],
  graphRequestIds: [['0b6f6b9e'], [], ['a', 'b'], [''], [1], 'id', null, undefined],
};

function randomDraft(random: () => number): unknown {
  const draft: Record<string, unknown> = {};
  for (const [key, values] of Object.entries(choices)) {
    if (random() < 0.08) continue; // the key missing altogether
    // Mostly the first (valid) value, so that both answers come up often.
    draft[key] = random() < 0.75 ? values[0] : values[Math.floor(random() * values.length)];
  }
  if (random() < 0.1) draft.extra = 'not a draft field';
  return draft;
}

test('the hand check agrees with the schema on 5,000 random drafts', () => {
  const random = randomGenerator(2026);
  let accepted = 0;
  for (let trial = 0; trial < 5000; trial += 1) {
    const draft = randomDraft(random);
    const expected = bySchema(draft);
    const checked = checkDraft(draft);
    assert.equal(checked.ok, expected.ok, `trial ${trial}: ${JSON.stringify(draft)}`);
    if (checked.ok) {
      accepted += 1;
      assert.deepEqual(checked.draft, expected.draft, `trial ${trial}`);
      assert.equal(Object.keys(checked.draft).length, Object.keys(expected.draft ?? {}).length);
    }
  }
  // The random drafts must reach both answers, or the comparison proves little.
  assert.ok(accepted > 100 && accepted < 4900, `accepted ${accepted} of 5,000`);
});

test('a refused draft is named field by field, as zod words it', () => {
  const checked = checkDraft({ sessionId: 's', actor: '', kind: 'note', summary: 'x', extra: 1 });
  assert.equal(checked.ok, false);
  if (checked.ok) return;
  assert.ok(checked.problems.some((problem) => problem.startsWith('entry.actor:')));
  assert.ok(checked.problems.some((problem) => problem.includes('extra')));
});

test('things that are not plain objects are left to the schema', () => {
  for (const value of [null, 'draft', [], new Map(), Object.assign(Object.create({ inherited: true }), { sessionId: 's' })]) {
    assert.equal(checkDraft(value).ok, schema.safeParse(value).success);
  }
  // A __proto__ key (JSON.parse makes those) is not a draft field.
  const withProto = JSON.parse('{"sessionId":"s","actor":"a","kind":"note","summary":"x","__proto__":{"sessionId":"t"}}') as unknown;
  assert.equal(checkDraft(withProto).ok, schema.safeParse(withProto).success);
});

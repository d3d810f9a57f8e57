/**
 * Lone UTF-16 surrogates (docs/domain.md, "Journal rules"): SQLite stores TEXT as UTF-8, where a
 * lone surrogate has no form, so the journal makes every string well formed before hashing it.
 * Written to a real file, re-opened, verified – in a note, an actor, data, and a policy name
 * journaled by `breakglass check --journal`.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { replacedTextFlag } from '../../src/core/journal/model.ts';
import { JournalStore } from '../../src/main/journal/store.ts';
import { JournalService } from '../../src/main/services/journal-service.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const high = '\uD83D'; // the first half of 😀 on its own
const low = '\uDE00'; // the second half on its own

function reopenedVerdicts(file: string) {
  const readOnly = JournalStore.openReadOnly(file);
  const writable = JournalStore.open(file, { redaction: 'production' });
  try {
    return { readOnly: readOnly.verify(), writable: writable.verify(), entries: writable.entries() };
  } finally {
    readOnly.close();
    writable.close();
  }
}

test('lone surrogates in the actor, summary and data are replaced, flagged, and the journal verifies after re-opening', () => {
  const file = join(tempDir(), 'journal.sqlite3');
  const store = JournalStore.open(file, { redaction: 'production' });
  const session = store.openSession({ kind: 'drill', title: `Drill ${low}`, actor: `Ada ${high}` });
  const appended = store.append({
    sessionId: session.id,
    actor: `Grace ${low}${high}`,
    kind: 'note',
    summary: `Half an emoji: ${high}; a whole one: \uD83D\uDE00`,
    data: { policy: { displayName: `Block ${low}` }, [`key${high}`]: 'value', list: ['fine', `bad${low}`] },
  });
  store.closeSession(session.id, { actor: `Ada ${high}` });
  assert.equal(store.verify().intact, true, 'sound as soon as written');
  store.close();

  const { readOnly, writable, entries } = reopenedVerdicts(file);
  assert.equal(readOnly.intact, true, JSON.stringify(readOnly));
  assert.equal(writable.intact, true, JSON.stringify(writable));
  const stored = entries.find((entry) => entry.seq === appended.seq);
  assert.deepEqual(stored, appended, 'the entry reads back exactly as the store returned it');
  assert.equal(stored?.actor, 'Grace \uFFFD\uFFFD');
  assert.equal(stored?.summary, 'Half an emoji: \uFFFD; a whole one: \uD83D\uDE00', 'a surrogate pair is kept');
  assert.deepEqual(stored?.data, {
    policy: { displayName: 'Block \uFFFD' },
    'key\uFFFD': 'value',
    list: ['fine', 'bad\uFFFD'],
    [replacedTextFlag]: ['actor', 'summary', 'data.policy.displayName', 'data.key\uFFFD', 'data.list[1]'],
  });
  assert.deepEqual(entries[0]?.data[replacedTextFlag], ['actor', 'summary', 'data.title']);
  assert.deepEqual(entries.at(-1)?.data[replacedTextFlag], ['actor', 'summary']);
  const opened = JournalStore.openReadOnly(file);
  assert.equal(opened.sessions()[0]?.title, 'Drill \uFFFD');
  opened.close();
});

test('an entry without lone surrogates gets no flag, and a draft may not set the flag itself', () => {
  const store = JournalStore.open(join(tempDir(), 'journal.sqlite3'), { redaction: 'production' });
  const session = store.openSession({ kind: 'drill', title: 'Drill', actor: 'Ada' });
  const entry = store.append({ sessionId: session.id, actor: 'Ada', kind: 'note', summary: 'Plain text \uD83D\uDE00', data: {} });
  assert.deepEqual(entry.data, {});
  assert.throws(
    () => store.append({ sessionId: session.id, actor: 'Ada', kind: 'note', summary: 'Forged', data: { [replacedTextFlag]: ['summary'] } }),
    /only the journal itself may set it\); nothing was written/,
  );
  assert.throws(
    () => store.append({ sessionId: session.id, actor: 'Ada', kind: 'note', summary: 'Keys', data: { [`a${high}`]: 1, [`a${low}`]: 2 } }),
    /two keys read "a\uFFFD"/,
  );
  assert.equal(store.head().seq, 2);
  store.close();
});

test('a note written on the Journal screen with a lone surrogate keeps the journal sound', () => {
  const file = join(tempDir(), 'journal.sqlite3');
  const service = JournalService.start({ file, mode: 'portable', redaction: 'production' });
  const { seq } = service.recordNote({ actor: `Ada${low}`, title: `Note ${high}`, text: `Pasted from a chat: ${high}!` });
  assert.equal(service.verify().intact, true);
  service.close();
  const { readOnly, entries } = reopenedVerdicts(file);
  assert.equal(readOnly.intact, true, JSON.stringify(readOnly));
  const note = entries.find((entry) => entry.seq === seq);
  assert.equal(note?.summary, 'Pasted from a chat: \uFFFD!');
  assert.deepEqual(note?.data[replacedTextFlag], ['summary'], 'the note is signed by the session, whose actor is already well formed');
  assert.equal(note?.actor, 'Ada\uFFFD');
  assert.deepEqual(entries[0]?.data[replacedTextFlag], ['actor', 'summary', 'data.title']);
});

test('breakglass check --journal of a tenant whose policy name holds a lone surrogate: the journal verifies', () => {
  const dir = tempDir();
  const seedFile = join(dir, 'seed.json');
  const seed = JSON.parse(readFileSync('assets/demo-tenant.seed.json', 'utf8')) as {
    conditionalAccessPolicies: Array<{ displayName: string }>;
  };
  for (const policy of seed.conditionalAccessPolicies) policy.displayName = `${policy.displayName} ${high}`;
  // JSON.stringify writes a lone surrogate as the escape \ud83d, so the file itself is valid UTF-8.
  writeFileSync(seedFile, JSON.stringify(seed));
  const journal = join(dir, 'journal.sqlite3');
  const run = runCli(['check', '--config', 'assets/demo-tenant.config.json', '--sim', seedFile, '--format', 'json', '--journal', journal]);
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  const { entries } = reopenedVerdicts(journal);
  assert.ok(
    entries.some((entry) => entry.summary.includes(' \uFFFD') && Array.isArray(entry.data[replacedTextFlag])),
    'a policy name was journaled, with the replacement flagged',
  );
  const verify = runCli(['journal', 'verify', journal]);
  assert.equal(verify.status, 0, verify.stdout + verify.stderr);
  assert.match(verify.stdout, /intact/);
});

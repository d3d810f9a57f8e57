/**
 * Random tamper test on a real journal: each trial makes one change to a fresh copy of a journal
 * the app wrote, with plain SQL (test/helpers/journal-mutations.ts), and checks what
 * verification says, without and with the head recorded before the change
 * (docs/domain.md, "The journal file"). A change that leaves the stored bytes as they were must
 * verify intact: the journal never cries wolf. A sample goes through `breakglass journal verify`.
 *
 * Replay: JOURNAL_TAMPER_SEED=<seed> (and JOURNAL_TAMPER_TRIAL=<n> for one trial), as printed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ChainVerdict } from '../../src/core/journal/chain.ts';
import { JournalStore } from '../../src/main/journal/store.ts';
import type { EntryRow } from '../../src/main/journal/rows.ts';
import { badEntriesLine } from '../../src/shared/model/journal-view.ts';
import { runCli } from '../helpers/cli.ts';
import { mutate, mutationKinds, rowFingerprints, type Mutation, type MutationKind, type Pristine } from '../helpers/journal-mutations.ts';
import { randomGenerator, tempDir } from '../helpers/journal-fixtures.ts';
import { buildTamperJournal } from '../helpers/tamper-journal.ts';

const seed = Number(process.env.JOURNAL_TAMPER_SEED ?? 14_2026);
const onlyTrial = process.env.JOURNAL_TAMPER_TRIAL === undefined ? undefined : Number(process.env.JOURNAL_TAMPER_TRIAL);
const trialCount = 1000;
/** Kinds whose first trial is also run through the real command, on a file changed in place. */
const throughCli: ReadonlySet<MutationKind> = new Set(['edit-json', 'edit-bytes', 'edit-seq', 'swap-seq', 'tail', 'rewrite', 'noop']);

const trialRandom = (trial: number) => randomGenerator((seed + Math.imul(trial, 0x9e3779b9)) >>> 0);
const seqsOf = (verdict: ChainVerdict): number[] => (verdict.intact ? [] : verdict.badEntries.map((bad) => bad.seq));
const describe = (verdict: ChainVerdict): string =>
  verdict.intact ? 'intact' : verdict.badEntries.map((bad) => `#${bad.seq} ${bad.problem}`).join(', ');

/** What is wrong with the two verdicts on a trial, or nothing. */
function judge(mutation: Mutation, changed: boolean, withoutHead: ChainVerdict, withHead: ChainVerdict): string | undefined {
  const expect = mutation.expect;
  const seen = `without head: ${describe(withoutHead)}; with head: ${describe(withHead)}`;
  if (expect.detect === 'none' && changed) return `meant to change nothing, but the stored rows differ (${seen})`;
  if (!changed || expect.detect === 'none' || expect.detect === 'append') {
    return withoutHead.intact && withHead.intact
      ? undefined
      : `nothing to find (${changed ? 'a sealed append' : 'no byte changed'}), yet: ${seen}`;
  }
  if (withHead.intact) return `not detected even with the head (${seen})`;
  if (expect.detect !== 'inside') {
    // A removed or rewritten tail ('none' and 'append' were settled above).
    if (!withoutHead.intact) return `a rewritten or removed tail cannot be seen without the head, yet: ${seen}`;
    return withHead.badEntries.every((bad) => bad.problem === 'head-mismatch') ? undefined : `only the head should be missing: ${seen}`;
  }
  if (withoutHead.intact) return `not detected without the head (${seen})`;
  const found = seqsOf(withoutHead);
  const missed = expect.must.filter((seq) => !found.includes(seq));
  if (missed.length > 0) return `#${missed.join(', #')} not among the bad entries (${seen})`;
  const wrong = found.filter((seq) => !expect.allowed(seq));
  if (wrong.length > 0) return `#${wrong.join(', #')} reported, but not changed (${seen})`;
  const inner = withHead.badEntries.filter((bad) => bad.problem !== 'head-mismatch');
  if (JSON.stringify(inner) !== JSON.stringify(withoutHead.badEntries)) return `the head changed what was found inside (${seen})`;
  return undefined;
}

test(`${trialCount} random single changes to a real journal are each found exactly where the data changed, and a no-op never is`, (t) => {
  const dir = tempDir(t, 'tamper');
  const original = path.join(dir, 'journal.sqlite3');
  const { count, head } = buildTamperJournal(original);
  const pristineBytes = readBytes(original);
  const pristineDb = new Database(pristineBytes);
  const pristine: Pristine = { rows: pristineDb.prepare('SELECT * FROM journal_entries ORDER BY seq').all() as EntryRow[], count };
  const pristineRows = rowFingerprints(pristineDb);
  pristineDb.close();
  assert.ok(count >= 200, `a journal of a few hundred entries (${count})`);
  const untouched = JournalStore.openReadOnly(original);
  assert.deepEqual(untouched.verify({ expectHead: head }), { intact: true, count, head }, 'the journal starts intact');
  untouched.close();

  const trialFile = path.join(dir, 'trial.sqlite3');
  const failures: string[] = [];
  const tally = new Map<MutationKind, { trials: number; changed: number }>();
  const cliTrials: { trial: number; mutation: Mutation; withoutHead: ChainVerdict; withHead: ChainVerdict }[] = [];
  const trials = onlyTrial === undefined ? Array.from({ length: trialCount }, (_, trial) => trial) : [onlyTrial];

  for (const trial of trials) {
    const db = new Database(pristineBytes);
    let mutation: Mutation;
    let changed: boolean;
    try {
      mutation = mutate(db, pristine, trialRandom(trial));
      changed = JSON.stringify(rowFingerprints(db)) !== JSON.stringify(pristineRows);
      fs.writeFileSync(trialFile, db.serialize());
    } finally {
      db.close();
    }
    const store = JournalStore.openReadOnly(trialFile);
    const withoutHead = store.verify();
    const withHead = store.verify({ expectHead: head });
    store.close();

    const counts = tally.get(mutation.kind) ?? { trials: 0, changed: 0 };
    tally.set(mutation.kind, { trials: counts.trials + 1, changed: counts.changed + (changed ? 1 : 0) });
    const problem = judge(mutation, changed, withoutHead, withHead);
    if (problem) failures.push(`seed ${seed} trial ${trial} (${mutation.label}): ${problem}`);
    if (throughCli.has(mutation.kind) && counts.trials === 0) cliTrials.push({ trial, mutation, withoutHead, withHead });
  }

  assert.deepEqual(failures.slice(0, 12), [], `${failures.length} of ${trials.length} trials went wrong (replay with JOURNAL_TAMPER_SEED)`);
  if (onlyTrial !== undefined) return;
  for (const kind of mutationKinds) {
    const counts = tally.get(kind);
    assert.ok(counts && counts.trials >= 40, `${kind} was tried often enough: ${JSON.stringify(counts)}`);
    if (kind !== 'noop') assert.ok(counts.changed >= counts.trials / 2, `${kind} mostly changed data: ${JSON.stringify(counts)}`);
  }
  t.diagnostic(`seed ${seed}: ${[...tally].map(([kind, counts]) => `${kind} ${counts.changed}/${counts.trials}`).join(', ')}`);

  // The same changes made in place on a copy of the real (WAL-mode) file, through the real command.
  const intact = runCli(['journal', 'verify', original, '--expect-head', head]);
  assert.equal(intact.status, 0, intact.stderr);
  assert.ok(intact.stdout.includes(`intact. ${count} entries; chain head ${head}.`), intact.stdout);
  assert.equal(cliTrials.length, throughCli.size);
  for (const { trial, mutation, withoutHead, withHead } of cliTrials) {
    const file = path.join(dir, `cli-${trial}.sqlite3`);
    fs.copyFileSync(original, file);
    const db = new Database(file);
    const again = mutate(db, pristine, trialRandom(trial));
    db.close();
    assert.equal(again.label, mutation.label, 'the same change again');
    const useHead = mutation.expect.detect === 'tail';
    const verdict = useHead ? withHead : withoutHead;
    const result = runCli(['journal', 'verify', file, ...(useHead ? ['--expect-head', head] : [])]);
    const context = `seed ${seed} trial ${trial} (${mutation.label}): ${result.stdout}${result.stderr}`;
    if (verdict.intact) {
      assert.equal(result.status, 0, context);
      assert.match(result.stdout, /: intact\. /, context);
      continue;
    }
    assert.equal(result.status, 1, context);
    assert.ok(result.stdout.includes(`TAMPERED. The first bad entry is #${verdict.firstBadSeq}: `), context);
    assert.ok(result.stdout.split('\n').includes(`${badEntriesLine(seqsOf(verdict))}.`), context);
    assert.doesNotMatch(result.stderr, /\n\s+at |Error/, context);
  }
});

/** The file's bytes as an in-memory database can take them: a WAL-mode header reads as rollback mode. */
function readBytes(file: string): Buffer {
  const reader = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const bytes = reader.serialize();
    bytes[18] = 1;
    bytes[19] = 1;
    return bytes;
  } finally {
    reader.close();
  }
}

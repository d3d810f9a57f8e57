// Journal budgets (docs/architecture.md, "Benchmarks"): a durable append (WAL, synchronous=FULL) within 1.3x of a bare
// better-sqlite3 insert of the same row with the same settings, and verifying a 100,000-entry
// chain in under 1 s and within 1.5x of reading the same rows unchecked. Baselines are measured
// in the same run.
//
// Run: npm run bench:journal
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { sealEntry } from '../src/core/journal/chain.ts';
import { genesisHash, type JournalEntry } from '../src/core/journal/model.ts';
import { openSqlite, type SqliteDatabase } from '../src/main/db/sqlite.ts';
import { migrateJournal } from '../src/main/journal/migrations.ts';
import { entryToRow, insertEntrySql } from '../src/main/journal/rows.ts';
import { JournalStore } from '../src/main/journal/store.ts';

const rounds = 5;
/** Verify is timed in more turns: each takes under a second, and its ratio is the median of the turns' own. */
const verifyRounds = 9;
const appendsPerRound = 400;
const verifyEntries = 100_000;
const dir = mkdtempSync(join(tmpdir(), 'breakglass-bench-'));

/** The same pragmas JournalStore sets. */
function durable(db: SqliteDatabase): SqliteDatabase {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('fullfsync = ON');
  return db;
}

function sampleDraft(sessionId: string, i: number) {
  return {
    sessionId,
    actor: 'Alice Custodian',
    witness: 'Bob Witness',
    kind: 'graph-write' as const,
    stepId: 'recovery.report-only',
    summary: `Set Conditional Access policy ${i} to report-only`,
    data: { policyId: `0000000${i % 10}-1111-2222-3333-444444444444`, from: 'enabled', to: 'enabledForReportingButNotEnforced' },
    graphRequestIds: ['0b6f6b9e-8a3c-4f55-9d1e-6f0c2a1d9e01'],
  };
}

/** Entries as the store would write them, sealed in advance: what the bare insert writes. */
function sealedEntries(count: number, sessionId: string, startSeq = 1, prevHash = genesisHash): JournalEntry[] {
  const entries: JournalEntry[] = [];
  let prev = prevHash;
  for (let i = 0; i < count; i += 1) {
    const entry = sealEntry({ seq: startSeq + i, at: new Date(1_700_000_000_000 + i).toISOString(), ...sampleDraft(sessionId, i) }, prev);
    entries.push(entry);
    prev = entry.hash;
  }
  return entries;
}

/**
 * One bare insert and one journal append in turn, each timed on its own, so the disk's and the
 * VM's changing speed affects both sides alike (fsync time on shared disks drifts a lot).
 */
function timeInterleaved(round: number, count: number): { bare: number; append: number } {
  const bareFile = join(dir, `bare-${round}.sqlite3`);
  const bareDb = durable(openSqlite(bareFile));
  migrateJournal(bareDb, bareFile);
  const insert = bareDb.prepare(insertEntrySql);
  const store = JournalStore.open(join(dir, `journal-${round}.sqlite3`), { redaction: 'production' });
  const session = store.openSession({ kind: 'drill', title: 'Bench', actor: 'Alice Custodian' });
  // The same rows as the journal writes: its session id too (a UUID, as long in the index as the journal's).
  const rows = sealedEntries(count, session.id).map(entryToRow);
  let bare = 0;
  let append = 0;
  const timeBare = (i: number): number => {
    const start = performance.now();
    insert.run(rows[i]);
    return performance.now() - start;
  };
  const timeAppend = (i: number): number => {
    const start = performance.now();
    store.append(sampleDraft(session.id, i));
    return performance.now() - start;
  };
  // Each goes first in every other turn: a write right after another file's fsync can wait for the
  // disk's own journal, and that wait must fall on both sides alike.
  for (let i = 0; i < count; i += 1) {
    if (i % 2 === 0) {
      bare += timeBare(i);
      append += timeAppend(i);
    } else {
      append += timeAppend(i);
      bare += timeBare(i);
    }
  }
  bareDb.close();
  store.close();
  return { bare, append };
}

let bareTotal = 0;
let appendTotal = 0;
for (let round = 0; round < rounds; round += 1) {
  const timing = timeInterleaved(round, appendsPerRound);
  bareTotal += timing.bare;
  appendTotal += timing.append;
}
const n = rounds * appendsPerRound;

// A 100,000-entry journal, written in one transaction (its content is what matters here).
const bigFile = join(dir, 'big.sqlite3');
{
  const db = durable(openSqlite(bigFile));
  migrateJournal(db, bigFile);
  const insert = db.prepare(insertEntrySql);
  const entries = sealedEntries(verifyEntries, 'bench');
  db.transaction(() => {
    for (const entry of entries) insert.run(entryToRow(entry));
  })();
  db.close();
}
// Verify and the baseline (reading the same rows without checking them, as better-sqlite3's
// ordinary row objects) take turns, so a busy machine slows both alike; the medians are compared.
const store = JournalStore.openReadOnly(bigFile);
const scanDb = openSqlite(bigFile, {});
const scan = scanDb.prepare('SELECT * FROM journal_entries ORDER BY seq');
const verifyTimes: number[] = [];
const scanTimes: number[] = [];
let scanned = 0;
for (let round = 0; round < verifyRounds; round += 1) {
  const verifyStart = performance.now();
  const verdict = store.verify();
  verifyTimes.push(performance.now() - verifyStart);
  if (!verdict.intact || verdict.count !== verifyEntries) throw new Error(`The bench journal did not verify: ${JSON.stringify(verdict)}`);
  const scanStart = performance.now();
  scanned = 0;
  for (const _row of scan.iterate()) scanned += 1;
  scanTimes.push(performance.now() - scanStart);
}
store.close();
scanDb.close();
const median = (values: number[]): number => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? Number.NaN;
const verifyMs = median(verifyTimes);
const scanMs = median(scanTimes);
// Each turn's verify against the read right after it: a slow spell of the machine falls on both.
const verifyRatio = median(verifyTimes.map((time, index) => time / (scanTimes[index] ?? Number.NaN)));
rmSync(dir, { recursive: true, force: true });

const ratio = appendTotal / bareTotal;
console.log('Journal budget                        journal        baseline       ratio   budget');
console.log(
  `durable append, per entry       ${(appendTotal / n).toFixed(3).padStart(9)} ms ${(bareTotal / n).toFixed(3).padStart(9)} ms ${ratio.toFixed(2).padStart(9)}x    1.30x  (baseline: bare insert, same row and pragmas; ${n} each)`,
);
console.log(
  `verify ${verifyEntries.toLocaleString('en')} entries       ${verifyMs.toFixed(0).padStart(9)} ms ${scanMs.toFixed(0).padStart(9)} ms ${verifyRatio.toFixed(2).padStart(9)}x   1000 ms  (baseline: reading the ${scanned.toLocaleString('en')} rows unchecked; medians of ${verifyRounds} turns, ratio the median of theirs; ${(verifyMs / 1000).toFixed(2)}x of the 1 s budget, ratio budget 1.50x)`,
);

/**
 * Crash safety: a process appending to the journal is killed with SIGKILL at random moments,
 * again and again. Every entry whose append had returned must still be there, unchanged, and
 * the chain must verify after every crash.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JournalStore } from '../../src/main/journal/store.ts';
import { randomGenerator, tempDir } from '../helpers/journal-fixtures.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const child = path.join('test', 'helpers', 'journal-append-child.ts');
const runs = 20;

type RunResult = { acks: Map<number, string>; sessionId?: string };

/** Starts the appender, waits for its first acknowledged entry, then kills it after `delayMs`. */
function appendUntilKilled(file: string, delayMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const appender = spawn(process.execPath, ['--import', 'tsx', child, file], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const result: RunResult = { acks: new Map() };
    let stdout = '';
    let stderr = '';
    let killScheduled = false;
    appender.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const lines = stdout.split('\n');
      stdout = lines.pop() ?? ''; // a line cut off by the kill was never acknowledged
      for (const line of lines) {
        const [word, first, second] = line.split(' ');
        if (word === 'session' && first) result.sessionId = first;
        if (word === 'ack' && first && second) result.acks.set(Number(first), second);
      }
      if (!killScheduled && result.acks.size > 0) {
        killScheduled = true;
        setTimeout(() => appender.kill('SIGKILL'), delayMs);
      }
    });
    appender.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    appender.on('error', reject);
    appender.on('close', (code, signal) => {
      if (signal === 'SIGKILL') resolve(result);
      else reject(new Error(`The appender stopped by itself (code ${code}) before it was killed:\n${stderr}`));
    });
  });
}

test(`every acknowledged entry survives ${runs} SIGKILLs mid-append, and the chain verifies`, { timeout: 180_000 }, async (t) => {
  const file = path.join(tempDir(t, 'crash'), 'journal.sqlite3');
  const seed = Number(process.env.JOURNAL_CRASH_SEED ?? Date.now() % 1_000_000);
  const random = randomGenerator(seed);
  const acknowledged = new Map<number, string>();
  const sessions = new Set<string>();

  for (let run = 0; run < runs; run += 1) {
    const { acks, sessionId } = await appendUntilKilled(file, Math.floor(random() * 60));
    for (const [seq, hash] of acks) acknowledged.set(seq, hash);
    if (sessionId) sessions.add(sessionId);

    // Read the crashed file as the next start of the app would, without writing to it.
    const reader = JournalStore.openReadOnly(file);
    const verdict = reader.verify();
    reader.close();
    assert.equal(verdict.intact, true, `seed ${seed}, run ${run}: ${verdict.intact ? '' : verdict.reason}`);
  }

  const store = JournalStore.open(file, { redaction: 'development' });
  t.after(() => store.close());
  assert.equal(store.verify().intact, true, `seed ${seed}`);
  const stored = new Map(store.entries().map((entry) => [entry.seq, entry.hash]));
  const lost = [...acknowledged].filter(([seq, hash]) => stored.get(seq) !== hash).map(([seq]) => seq);
  assert.deepEqual(lost, [], `seed ${seed}: acknowledged entries missing or changed after a crash`);
  assert.ok(acknowledged.size >= runs, `each run acknowledged at least one entry (${acknowledged.size} in all)`);
  assert.deepEqual(
    store
      .sessions()
      .filter((session) => sessions.has(session.id))
      .map((session) => session.id)
      .sort(),
    [...sessions].sort(),
    'every acknowledged session is there',
  );
});

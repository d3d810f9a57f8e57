/**
 * `breakglass check --journal` and `breakglass journal export --out` on a disk that stops taking
 * writes (docs/domain.md, "Journal rules" and "The `breakglass` command"): the command is run with
 * its file size limited (`ulimit -f`), so its writes fail for real – SQLite's own I/O error, the
 * file system's EFBIG – and the report is still complete, the message names the file, the
 * problem and the next step, the exit code is 2, and the journal's check session is closed by the
 * next run.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { runCli, runCliWithFileSizeLimit } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const checkArgs = ['check', '--config', 'assets/demo-tenant.config.json', '--sim', 'assets/demo-tenant.seed.json', '--format', 'json'];

type Exported = {
  sessions: Array<{ id: string; kind: string; closedAt?: string }>;
  entries: Array<{ seq: number; sessionId: string; kind: string; data: Record<string, unknown> }>;
};

function exported(journal: string): Exported {
  const result = runCli(['journal', 'export', journal, '--format', 'json']);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as Exported;
}

const noStackTrace = /^\s+at .+:\d+:\d+\)?$/m;

describe('breakglass check --journal on a disk that stops taking writes', () => {
  test('midway: the report is complete, exit 2 names the journal and what is missing, and the next run closes the session', () => {
    const journal = join(tempDir(), 'journal.sqlite3');
    // 128 KiB: the journal is created and the session opened, but the results do not all fit.
    const run = runCliWithFileSizeLimit([...checkArgs, '--journal', journal], 256);

    assert.equal(run.status, 2, run.stderr);
    assert.doesNotMatch(run.stderr, noStackTrace);
    const report = JSON.parse(run.stdout) as { checks: unknown[]; journalHead?: string };
    const [, journaled, total] = /(\d+) of (\d+) results are in it/.exec(run.stderr) ?? [];
    assert.equal(Number(total), report.checks.length, 'the report holds every result');
    assert.ok(Number(journaled) > 0 && Number(journaled) < report.checks.length, run.stderr);
    assert.ok(
      run.stderr.includes(`breakglass: the journal ${journal} could not be written during the run: `),
      `the message names the journal: ${run.stderr}`,
    );
    assert.match(run.stderr, /\(SQLITE_(IOERR|FULL)[A-Z_]*\)/);
    assert.match(run.stderr, /Next step: Keep that report .* free space on that disk/);
    assert.equal(report.journalHead, undefined, 'no chain head vouches for results the journal does not hold');

    const before = exported(journal);
    const [check] = before.sessions;
    assert.equal(before.sessions.length, 1);
    assert.equal(check?.closedAt, undefined, 'the session stays open while the journal takes no writes');
    assert.equal(before.entries.filter((e) => e.kind === 'check-result').length, Number(journaled));

    // The journal takes writes again: the next run closes the abandoned session with a note first.
    const next = runCli([...checkArgs, '--journal', journal]);
    assert.equal(next.status, 1, next.stderr);
    const after = exported(journal);
    assert.ok(
      after.sessions.every((s) => s.closedAt),
      'every session is closed',
    );
    const note = after.entries.find((e) => e.kind === 'session-closed' && e.sessionId === check?.id);
    const unfinished = (note?.data['details'] as { unfinished?: { checkResults: number; lastEntrySeq: number } }).unfinished;
    assert.equal(unfinished?.checkResults, Number(journaled));
    assert.equal(unfinished?.lastEntrySeq, before.entries.at(-1)?.seq);
    assert.equal(runCli(['journal', 'verify', journal]).status, 0);
  });

  test('from the start: a journal that cannot be written at all refuses the run – nothing is checked unjournaled', () => {
    const dir = tempDir();
    const journal = join(dir, 'journal.sqlite3');
    // 8 KiB: SQLite cannot even set the new journal up.
    const run = runCliWithFileSizeLimit([...checkArgs, '--journal', journal], 16);

    assert.equal(run.status, 2, run.stderr);
    assert.doesNotMatch(run.stderr, noStackTrace);
    assert.equal(run.stdout, '', 'no report: nothing was checked');
    assert.doesNotMatch(run.stderr, /Checking tenant/);
    assert.ok(run.stderr.includes(`breakglass: The journal ${journal} cannot be written: `), run.stderr);
    assert.match(run.stderr, /Nothing was checked: a run asked to be journaled is not run without its journal\./);
    assert.match(run.stderr, /Next step: Free space on that disk or make it writable, or give --journal a file on a writable disk/);
  });
});

describe('a file the command writes (--out) on a disk that fills up', () => {
  test('journal export --out: exit 2 names the file and the problem, and no half-written export is left', () => {
    const dir = tempDir();
    const journal = join(dir, 'journal.sqlite3');
    assert.equal(runCli([...checkArgs, '--journal', journal]).status, 1);
    const out = join(dir, 'exports', 'journal.json');
    // 4 KiB: the journal is only read (a copy in memory); the export is far larger.
    const run = runCliWithFileSizeLimit(['journal', 'export', journal, '--format', 'json', '--out', out], 8);

    assert.equal(run.status, 2, run.stderr);
    assert.doesNotMatch(run.stderr, noStackTrace);
    assert.ok(
      run.stderr.includes(
        `breakglass: The export could not be written to ${out}: the file has reached the largest size this system allows (EFBIG).`,
      ),
      run.stderr,
    );
    assert.match(
      run.stderr,
      /Next step: Free space on that disk or choose an --out file on another disk, or leave --out away to print the export\./,
    );
    assert.equal(existsSync(out), false, 'the half-written export was removed');
    assert.deepEqual(readdirSync(join(dir, 'exports')), []);
  });

  test('check --out: the finished report is printed instead, with exit 2 and the reason', () => {
    const dir = tempDir();
    const out = join(dir, 'report.json');
    const run = runCliWithFileSizeLimit([...checkArgs, '--out', out], 8);

    assert.equal(run.status, 2, run.stderr);
    assert.doesNotMatch(run.stderr, noStackTrace);
    assert.ok((JSON.parse(run.stdout) as { checks: unknown[] }).checks.length > 0, 'the report reached standard output');
    assert.ok(run.stderr.includes(`breakglass: The report could not be written to ${out}: the file has reached`), run.stderr);
    assert.match(run.stderr, /The report is printed on standard output instead\./);
    assert.equal(existsSync(out), false, 'no half-written report is left');
  });
});

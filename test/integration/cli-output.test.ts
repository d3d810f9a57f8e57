/**
 * What the `breakglass` command writes (docs/domain.md, "The `breakglass` command"): output through a
 * pipe is complete, and files it writes are private and never overwrite one.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { JournalStore } from '../../src/main/journal/store.ts';
import { runCli, runCliThroughPipe } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

/** A journal whose export is several times a pipe's 64 KiB buffer. */
function largeJournal(dir: string): string {
  const file = join(dir, 'journal.sqlite3');
  const store = JournalStore.open(file, { redaction: 'production' });
  const session = store.openSession({ kind: 'drill', title: 'Large drill', actor: 'Alice', witness: 'Bob' });
  for (let i = 0; i < 400; i += 1) {
    store.append({
      sessionId: session.id,
      actor: 'Alice',
      kind: 'note',
      summary: `Note ${i}: ${'the seal was checked again. '.repeat(20)}`,
      data: {},
    });
  }
  store.closeSession(session.id, { actor: 'Alice' });
  store.close();
  return file;
}

const withoutExportTime = (text: string) => text.replace(/"exportedAt": "[^"]+"/, '"exportedAt": "…"');

describe('breakglass output through a pipe', () => {
  test('a journal export larger than the pipe buffer arrives whole, the same as with --out', async () => {
    const dir = tempDir();
    const file = largeJournal(dir);
    const out = join(dir, 'export.json');
    assert.equal(runCli(['journal', 'export', file, '--format', 'json', '--out', out]).status, 0);
    const written = readFileSync(out, 'utf8');
    assert.ok(written.length > 4 * 65536, `the export is ${written.length} characters`);
    const piped = await runCliThroughPipe(['journal', 'export', file, '--format', 'json']);
    assert.equal(piped.status, 0);
    assert.equal(withoutExportTime(`${piped.stdout}`), withoutExportTime(written.replace(/\n$/, '')) + '\n');
  });
});

const demo = ['--config', 'assets/demo-tenant.config.json', '--sim', 'assets/demo-tenant.seed.json'];

describe('files the breakglass command writes', () => {
  test('an export and a check report are created readable by their owner only (0600)', { skip: process.platform === 'win32' }, () => {
    const dir = tempDir();
    const file = largeJournal(dir);
    const exported = join(dir, 'export.md');
    const report = join(dir, 'reports', 'check.json');
    assert.equal(runCli(['journal', 'export', file, '--format', 'md', '--out', exported]).status, 0);
    assert.equal(runCli(['check', ...demo, '--format', 'json', '--out', report]).status, 1);
    for (const path of [exported, report]) assert.equal(statSync(path).mode & 0o777, 0o600, path);
  });

  test('check --out never overwrites a file: exit 2 before anything is checked, the file unchanged', () => {
    const report = join(tempDir(), 'check.md');
    writeFileSync(report, 'an earlier report');
    const result = runCli(['check', ...demo, '--out', report]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /already exists; the report never overwrites a file\.\nNext step: Choose another --out file name/);
    assert.doesNotMatch(result.stderr, /Checking tenant/);
    assert.equal(readFileSync(report, 'utf8'), 'an earlier report');
  });

  test('--out naming a folder: exit 2 with the reason, for check and for journal export', () => {
    const dir = tempDir();
    const folder = join(dir, 'reports');
    mkdirSync(folder);
    for (const args of [
      ['check', ...demo, '--out', folder],
      ['journal', 'export', largeJournal(dir), '--format', 'md', '--out', folder],
    ]) {
      const result = runCli(args);
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, /reports is a folder; --out needs the name of a new file\.\nNext step: /);
      assert.doesNotMatch(result.stderr, /EISDIR|at /);
    }
  });
});

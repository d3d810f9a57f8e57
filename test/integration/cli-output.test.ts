/**
 * What the `breakglass` command writes (docs/domain.md, "The `breakglass` command"): output through a
 * pipe is complete, and files it writes are private and never overwrite one.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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

// `breakglass journal verify --witness` and `breakglass check --journal --witness-dir`, run as the
// real command on real journal files (docs/domain.md, "The chain-head witness file"): a tail
// deleted with SQLite is found from the witness alone, without a head on paper.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import Database from 'better-sqlite3';

import { parseHeadWitness } from '../../src/core/journal/head-witness.ts';
import { JournalStore } from '../../src/main/journal/store.ts';
import { runCli } from '../helpers/cli.ts';
import { fileSha256 } from '../helpers/journal-fixtures.ts';
import { noUserNamespace, onFullMedia, onReadOnlyMedia } from '../helpers/read-only-media.ts';
import { tempDir } from '../helpers/temp.ts';

const onReadOnlyMediaAt = (mount: string, commandLine: string[]) => onReadOnlyMedia([], mount, commandLine);

/** A journal of two closed drills, each close witnessed in `folder`: 3 entries each. */
function witnessedJournal(dir: string, folder: string): { file: string; head: string } {
  mkdirSync(folder, { recursive: true });
  const file = join(dir, 'journal.sqlite3');
  const store = JournalStore.open(file, { redaction: 'production', witnessFolder: folder });
  for (const title of ['Tabletop, Q3', 'Tabletop, Q4']) {
    const session = store.openSession({ kind: 'drill', title, actor: 'Alice', witness: 'Bob' });
    store.append({ sessionId: session.id, actor: 'Alice', kind: 'note', summary: 'Safe opened; seal intact.', data: {} });
    store.closeSession(session.id, { actor: 'Alice' });
  }
  const head = store.head().hash;
  store.close();
  return { file, head };
}

describe('breakglass journal verify --witness', () => {
  test('an intact journal passes against its witness folder, and the head is printed for the paper record', () => {
    const dir = tempDir();
    const { file, head } = witnessedJournal(dir, join(dir, 'stick'));
    const result = runCli(['journal', 'verify', file, '--witness', join(dir, 'stick')]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(
      result.stdout,
      new RegExp(`^Witness .*journal-head-[0-9a-f]{12}-000000000006-[0-9a-f]{12}\\.json: entry 6, hash ${head}`, 'm'),
    );
    assert.match(result.stdout, new RegExp(`intact\\. 6 entries; chain head ${head}\\.`));
    assert.match(result.stdout, /The witnessed head is in the journal and is its last entry\./);
  });

  test('a tail deleted with SQLite is tampering: exit 1, naming how many entries are missing; without the witness it passes', () => {
    const dir = tempDir();
    const { file } = witnessedJournal(dir, join(dir, 'stick'));
    const db = new Database(file);
    const kept = db.prepare('SELECT hash FROM journal_entries WHERE seq = 4').pluck().get() as string;
    db.prepare('DELETE FROM journal_entries WHERE seq > 4').run();
    db.close();
    const before = fileSha256(file);
    assert.equal(runCli(['journal', 'verify', file]).status, 0, 'a cut chain is self-consistent');

    const result = runCli(['journal', 'verify', file, '--witness', join(dir, 'stick')]);
    assert.equal(result.status, 1, result.stderr);
    assert.match(
      result.stdout,
      /TAMPERED\. The first bad entry is #5: 2 entries \(#5–#6\) are missing from the end: the witnessed head is entry 6/,
    );
    assert.match(result.stdout, new RegExp(`The journal now ends at entry 4; its last hash is ${kept}\\.`));
    assert.match(result.stderr, /Keep this file unchanged as evidence/);
    assert.equal(fileSha256(file), before, 'verifying never writes');

    // One witness file works as well as the folder; the older one (entry 3) is still satisfied.
    const [older, newest] = readdirSync(join(dir, 'stick')).sort();
    assert.equal(runCli(['journal', 'verify', file, '--witness', join(dir, 'stick', newest!)]).status, 1);
    assert.equal(runCli(['journal', 'verify', file, '--witness', join(dir, 'stick', older!)]).status, 0);
  });

  test("another journal's witness is bad input (exit 2), not a pass", () => {
    const dir = tempDir();
    const { file } = witnessedJournal(join(dir, 'a'), join(dir, 'a-stick'));
    witnessedJournal(join(dir, 'b'), join(dir, 'b-stick'));
    const result = runCli(['journal', 'verify', file, '--witness', join(dir, 'b-stick')]);
    assert.equal(result.status, 2, result.stdout);
    assert.match(
      result.stderr,
      /^breakglass: The 2 witnesses in .*b-stick are of another journal \(.*b[/\\]journal\.sqlite3, entry 1 [0-9a-f]{12}…\), not of /m,
    );
    assert.match(result.stderr, /^Next step: Give the witness written for this journal/m);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  });

  test('an unreadable witness, a missing path, or both --witness and --expect-head: exit 2 with the next step', () => {
    const dir = tempDir();
    const { file, head } = witnessedJournal(dir, join(dir, 'stick'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"format": "breakglass-journal-head", "version": 1}');
    const cases: Array<[string[], RegExp]> = [
      [['--witness', bad], /bad\.json is not a usable journal head witness: journal/],
      [['--witness', join(dir, 'nowhere')], /There is no witness file or folder at /],
      [['--witness', dir], /holds no journal head witness/],
      [['--witness', join(dir, 'stick'), '--expect-head', head], /takes --expect-head or --witness, not both/],
    ];
    for (const [args, message] of cases) {
      const result = runCli(['journal', 'verify', file, ...args]);
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stdout}`);
      assert.match(result.stderr, message);
      assert.match(result.stderr, /^Next step: /m);
    }
  });
});

describe('breakglass check --journal writes the witness', () => {
  const check = (args: string[]) =>
    runCli(['check', '--config', 'assets/demo-tenant.config.json', '--sim', 'assets/demo-tenant.seed.json', '--format', 'json', ...args]);

  test('--witness-dir gets the head of the check session, which journal verify then accepts', () => {
    const dir = tempDir();
    const journal = join(dir, 'journal.sqlite3');
    const folder = join(dir, 'stick');
    mkdirSync(folder);
    const result = check(['--journal', journal, '--witness-dir', folder]);
    assert.equal(result.status, 1, result.stderr); // the demo tenant has planted failures
    const report = JSON.parse(result.stdout) as { journalHead: string };
    const [name] = readdirSync(folder);
    const witness = parseHeadWitness(readFileSync(join(folder, name!), 'utf8'), name!);
    assert.equal(witness.head.hash, report.journalHead);
    assert.equal(witness.session.kind, 'check');
    assert.match(
      result.stderr,
      new RegExp(`Chain head \\(entry ${witness.head.seq}, ${report.journalHead.slice(0, 12)}…\\) witnessed in .*${name}`),
    );
    assert.equal(runCli(['journal', 'verify', journal, '--witness', folder]).status, 0);
  });

  test('without a witness folder the run says so; with a missing one it still closes its session and names the next step', () => {
    const dir = tempDir();
    const journal = join(dir, 'journal.sqlite3');
    const unset = check(['--journal', journal]);
    assert.equal(unset.status, 1, unset.stderr);
    assert.match(
      unset.stderr,
      /No witness folder is set, so the chain head was not written outside the journal\. Give --witness-dir FOLDER \(or set "witnessFolder"/,
    );

    const missing = check(['--journal', journal, '--witness-dir', join(dir, 'not-plugged-in')]);
    assert.equal(missing.status, 1, missing.stderr);
    assert.match(
      missing.stderr,
      /The witness folder .*not-plugged-in does not exist .* Next step: Plug in the media or create the folder; meanwhile write the head on the paper record/,
    );
    const store = JournalStore.openReadOnly(journal);
    const closed = store.entries().filter((entry) => entry.kind === 'session-closed');
    assert.equal(closed.length, 2, 'both check sessions are closed');
    assert.deepEqual(closed[0]?.data['headWitness'], { notSet: 'No witness folder is set.' });
    assert.deepEqual(closed[1]?.data['headWitness'], { folder: join(dir, 'not-plugged-in') });
    assert.equal(store.verify().intact, true);
    store.close();
  });

  test(
    'a write-protected or full witness stick: the report and the journal are whole, and the head goes on paper',
    { skip: noUserNamespace },
    () => {
      for (const [media, problem] of [
        [onReadOnlyMediaAt, /The witness folder .*stick cannot be written \(EROFS: read-only or no permission\)/],
        [onFullMedia, /The witness folder .*stick is full, so the chain head was not witnessed/],
      ] as const) {
        const dir = tempDir();
        const journal = join(dir, 'journal.sqlite3');
        const stick = join(dir, 'stick');
        const result = runCli(
          ['check', '--config', 'assets/demo-tenant.config.json', '--sim', 'assets/demo-tenant.seed.json', '--format', 'json'].concat([
            '--journal',
            journal,
            '--witness-dir',
            stick,
          ]),
          { through: (commandLine) => media(stick, commandLine) },
        );
        assert.equal(result.status, 1, result.stderr); // the demo tenant's planted failures; the witness does not change the verdict
        const report = JSON.parse(result.stdout) as { journalHead: string };
        assert.match(result.stderr, problem);
        assert.match(
          result.stderr,
          new RegExp(`meanwhile write the head on the paper record \\(entry \\d+, hash ${report.journalHead}\\)`),
        );
        assert.doesNotMatch(result.stderr, /^\s+at .+:\d+:\d+\)?$/m, 'no stack trace');
        const store = JournalStore.openReadOnly(journal);
        assert.equal(store.verify().intact, true);
        assert.equal(store.head().hash, report.journalHead);
        assert.ok(
          store.sessions().every((session) => session.closedAt),
          'the check session is closed',
        );
        store.close();
      }
    },
  );

  test('--witness-dir without --journal is bad input', () => {
    const result = check(['--witness-dir', tempDir()]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--witness-dir is where the journal's chain head is written, so it needs --journal FILE/);
  });
});

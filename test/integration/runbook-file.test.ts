/**
 * The runbook file on disk: a missing or bad file never stops the app (the built-in runbook is
 * used, with the reason when the file is bad); saving refuses a bad runbook without touching the
 * file, and a saved runbook loads back as it was. The Settings service shows and saves the same file.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { loadRunbook, runbookFileName, saveRunbook } from '../../src/main/config/runbook-file.ts';
import { builtinRunbook } from '../../src/core/runbooks/builtin-runbook.ts';
import { SettingsService } from '../../src/main/services/settings-service.ts';
import { ActionableError } from '../../src/shared/actionable-error.ts';
import type { RunbookContent } from '../../src/shared/model/runbook.ts';
import { tempDir } from '../helpers/temp.ts';

function fabrikamRunbook(): RunbookContent {
  const runbook = structuredClone(builtinRunbook);
  runbook.title = 'Fabrikam break-glass runbook';
  runbook.organisation = {
    name: 'Fabrikam',
    securityOperations: {
      description: 'The SOC is staffed day and night. Call the duty phone first.',
      contacts: [
        { name: 'SOC duty phone', phone: '+44 20 7946 0000', note: 'Answers around the clock.' },
        { name: 'CISO', email: 'ciso@fabrikam-personal.example' },
      ],
    },
    safeLocation: 'Building 2, room 014, grey safe',
    custodians: ['Ada Custodian', 'Grace Witness'],
  };
  runbook.keys = [
    { label: 'Safe key A1', account: 'bg1@fabrikam.onmicrosoft.com' },
    { label: 'Safe key B1', account: 'bg2@fabrikam.onmicrosoft.com', location: 'Second safe, Building 5' },
  ];
  runbook.envelopes = [{ label: 'Envelope BG1', account: 'bg1@fabrikam.onmicrosoft.com' }];
  runbook.appCertificate = { label: "USB stick 'BG-APP'", file: 'breakglass-app.pfx', passphraseEnvelope: 'Envelope BG-APP' };
  runbook.steps[1] = { ...runbook.steps[1]!, text: 'Call the {organisation} SOC duty phone now.' };
  return runbook;
}

function fileWith(text: string): string {
  const path = join(tempDir(), runbookFileName);
  writeFileSync(path, text);
  return path;
}

describe('loadRunbook', () => {
  test('no path, or no file there: the built-in runbook, no problem', () => {
    assert.deepEqual(loadRunbook(undefined), { runbook: builtinRunbook, source: 'builtin' });
    assert.deepEqual(loadRunbook(join(tempDir(), runbookFileName)), { runbook: builtinRunbook, source: 'builtin' });
  });

  test('a valid file is used', () => {
    const loaded = loadRunbook(fileWith(JSON.stringify(fabrikamRunbook())));
    assert.equal(loaded.source, 'file');
    assert.equal(loaded.problem, undefined);
    assert.deepEqual(loaded.runbook, fabrikamRunbook());
  });

  test('garbage: the built-in runbook and a problem naming the file', () => {
    const path = fileWith('{ "version": 1, "title": ');
    const loaded = loadRunbook(path);
    assert.equal(loaded.source, 'builtin');
    assert.equal(loaded.runbook, builtinRunbook);
    assert.ok(loaded.problem);
    assert.match(loaded.problem.message, /is not valid JSON/);
    assert.ok(loaded.problem.message.includes(path));
    assert.match(loaded.problem.nextStep, /built-in runbook/);
  });

  test('another format version: the built-in runbook and a problem naming $.version', () => {
    const path = fileWith(JSON.stringify({ ...fabrikamRunbook(), version: 2 }));
    const loaded = loadRunbook(path);
    assert.equal(loaded.source, 'builtin');
    assert.ok(loaded.problem);
    assert.ok(loaded.problem.message.includes(path));
    assert.match(loaded.problem.message, /\$\.version: is 2, but this app reads runbook format version 1/);
  });

  test('a step out of order: the built-in runbook and a problem naming $.steps[2].id', () => {
    const runbook = fabrikamRunbook();
    [runbook.steps[2], runbook.steps[3]] = [runbook.steps[3]!, runbook.steps[2]!];
    const path = fileWith(JSON.stringify(runbook, null, 2));
    const loaded = loadRunbook(path);
    assert.equal(loaded.source, 'builtin');
    assert.equal(loaded.runbook, builtinRunbook);
    assert.ok(loaded.problem);
    assert.ok(loaded.problem.message.startsWith(`The runbook file ${path} does not match the runbook format: `));
    assert.match(loaded.problem.message, /\$\.steps\[2\]\.id: "choose-path" is out of order: step 3 must be "record-safe-opened"/);
  });

  test('unknown keys and wrong types are named by their JSON path', () => {
    const runbook = { ...fabrikamRunbook(), colour: 'red' } as Record<string, unknown>;
    (runbook['steps'] as Array<Record<string, unknown>>)[5]!['needsNetwork'] = 'yes';
    const loaded = loadRunbook(fileWith(JSON.stringify(runbook)));
    assert.ok(loaded.problem);
    assert.match(loaded.problem.message, /\$\.colour: unknown key \(not part of the runbook format\)/);
    assert.match(loaded.problem.message, /\$\.steps\[5\]\.needsNetwork: must be boolean, not a string/);
  });

  test('a file that cannot be read: the built-in runbook and a problem', () => {
    const path = join(tempDir(), runbookFileName);
    mkdirSync(path); // a folder where the file should be: EISDIR, on every platform and user
    const loaded = loadRunbook(path);
    assert.equal(loaded.source, 'builtin');
    assert.ok(loaded.problem);
    assert.match(loaded.problem.message, /cannot be read \(EISDIR\)/);
  });
});

describe('saveRunbook', () => {
  test('writes 2-space JSON that loads back equal, and leaves no temporary file', () => {
    const dir = tempDir();
    const path = join(dir, runbookFileName);
    saveRunbook(path, fabrikamRunbook());
    const text = readFileSync(path, 'utf8');
    // Keys come out in the format's order (version first), indented by two spaces.
    assert.ok(text.startsWith('{\n  "version": 1,\n  "title": "Fabrikam break-glass runbook",\n  "organisation": {\n    "name"'));
    assert.ok(text.endsWith('\n}\n'));
    assert.deepEqual(JSON.parse(text), fabrikamRunbook());
    assert.deepEqual(loadRunbook(path), { runbook: fabrikamRunbook(), source: 'file' });
    assert.deepEqual(readdirSync(dir), [runbookFileName]);
  });

  test('replaces an existing file', () => {
    const path = fileWith(JSON.stringify(builtinRunbook));
    saveRunbook(path, fabrikamRunbook());
    assert.equal(loadRunbook(path).runbook.organisation.name, 'Fabrikam');
  });

  test('refuses a bad runbook, naming the problem, and leaves the old file untouched', () => {
    const dir = tempDir();
    const path = join(dir, runbookFileName);
    saveRunbook(path, fabrikamRunbook());
    const before = readFileSync(path, 'utf8');
    const bad = fabrikamRunbook();
    bad.scenarios = bad.scenarios.filter((scenario) => scenario.id !== 'mfa-outage');
    assert.throws(
      () => saveRunbook(path, bad),
      (error: unknown) =>
        error instanceof ActionableError &&
        /^The runbook was not saved: .*\$\.scenarios: is missing the scenario "mfa-outage"/.test(error.message) &&
        error.nextStep.includes(`${path} is unchanged`),
    );
    assert.equal(readFileSync(path, 'utf8'), before);
    assert.deepEqual(readdirSync(dir), [runbookFileName]);
  });

  test('a folder that does not exist: an ActionableError naming the file', () => {
    const path = join(tempDir(), 'no-such-folder', runbookFileName);
    assert.throws(
      () => saveRunbook(path, fabrikamRunbook()),
      (error: unknown) => error instanceof ActionableError && error.message === `The runbook file ${path} could not be saved (ENOENT).`,
    );
  });
});

describe('SettingsService (settings:runbook, settings:saveRunbook)', () => {
  test('shows the built-in runbook and the file place until a runbook is saved, then the saved one', () => {
    const path = join(tempDir(), runbookFileName);
    const settings = new SettingsService({ runbookPath: path });
    assert.deepEqual(settings.runbook(), { runbook: builtinRunbook, source: 'builtin', path });
    assert.deepEqual(settings.saveRunbook(fabrikamRunbook()), { runbook: fabrikamRunbook(), source: 'file', path });
    assert.deepEqual(settings.runbook(), { runbook: fabrikamRunbook(), source: 'file', path });
  });

  test('a run without a data folder has no place for the file: an ActionableError, and nothing is saved', () => {
    const settings = new SettingsService({});
    for (const call of [() => settings.runbook(), () => settings.saveRunbook(fabrikamRunbook())]) {
      assert.throws(
        call,
        (error: unknown) => error instanceof ActionableError && error.message === 'This app run has no place for a runbook file.',
      );
    }
  });
});

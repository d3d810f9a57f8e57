/**
 * Bad conditions on the `breakglass` command line (docs/domain.md, "The `breakglass` command"): each is
 * exit 2 with the project's own message and a next step that fits the command, never Node's text.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const config = 'assets/demo-tenant.config.json';
const seed = 'assets/demo-tenant.seed.json';
const configText = readFileSync(config, 'utf8');

function configFile(text: string): string {
  const file = join(tempDir(), 'breakglass.config.json');
  writeFileSync(file, text);
  return file;
}

/** Exit 2, one message line, one next step – and no stack trace or Node error text. */
function assertRefused(result: ReturnType<typeof runCli>, message: RegExp, nextStep: RegExp): void {
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, new RegExp(`^breakglass: ${message.source}\\nNext step: ${nextStep.source}`, 'm'));
  assert.doesNotMatch(result.stderr, /\n\s+at |ERR_|EADDRINUSE|ENOTDIR|To specify a positional argument/);
}

describe('breakglass --version', () => {
  test('prints the version from package.json and exits 0', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const result = runCli(['--version']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, `breakglass ${version}\n`);
  });
});

describe('breakglass command-line refusals', () => {
  test('an unknown option, a missing value and a stray argument, each named for its command', () => {
    assertRefused(
      runCli(['web', '--colour']),
      /"breakglass web" has no option --colour\./,
      /Run "breakglass help" to see what "breakglass web" takes/,
    );
    assertRefused(runCli(['sim', '--seed']), /--seed needs a value\./, /.*"breakglass sim" takes/);
    assertRefused(
      runCli(['check', '--config', config, 'extra']),
      /"breakglass check" takes no argument "extra"\./,
      /.*"breakglass check" takes/,
    );
    assertRefused(
      runCli(['journal', 'export', 'x', '--zz']),
      /"breakglass journal export" has no option --zz\./,
      /.*"breakglass journal export" takes/,
    );
  });

  test('a port already in use, for web and for sim', async () => {
    const holder = createServer().listen(0, '127.0.0.1');
    await once(holder, 'listening');
    const port = String((holder.address() as AddressInfo).port);
    try {
      for (const args of [
        ['web', '--port', port, '--data-dir', tempDir()],
        ['sim', '--seed', seed, '--port', port],
      ]) {
        assertRefused(
          runCli(args),
          new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use by another program\\.`),
          /Run again with another --port, or leave --port out to pick a free one\./,
        );
      }
    } finally {
      holder.close();
    }
  });

  test('a --data-dir that is a file', () => {
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, 'x');
    assertRefused(
      runCli(['web', '--port', '0', '--data-dir', file]),
      /--data-dir .*not-a-folder is a file, but it must be the folder for the journal\./,
      /Run again with --data-dir naming a folder/,
    );
    assert.equal(readFileSync(file, 'utf8'), 'x');
  });

  test('check with a missing --config file: the next step is about check, not the demo tenant', () => {
    const result = runCli(['check', '--config', join(tempDir(), 'missing.json'), '--sim', seed]);
    assertRefused(
      result,
      /The configuration file .*missing\.json does not exist\./,
      /Check the path you gave with --config, then run breakglass check again\./,
    );
    assert.doesNotMatch(result.stderr, /demo tenant/);
  });
});

describe('breakglass config files', () => {
  test('a config file saved with a UTF-8 byte-order mark is read', () => {
    const result = runCli(['check', '--config', configFile(`\uFEFF${configText}`), '--sim', seed, '--format', 'json']);
    assert.equal(result.status, 1, result.stderr);
    assert.equal((JSON.parse(result.stdout) as { checks: unknown[] }).checks.length > 0, true);
  });

  test('a key given twice is refused as ambiguous, naming the key and its JSON path', () => {
    const twice = configText.replace('"reader": {', '"reader": {\n    "appId": "00000000-0000-4000-8000-000000000000",');
    assert.notEqual(twice, configText);
    assertRefused(
      runCli(['check', '--config', configFile(twice), '--sim', seed]),
      /The configuration file .* is ambiguous: the key "appId" is given twice at \$\.reader\.appId\./,
      /Keep one "appId" at \$\.reader\.appId in .*, then run breakglass check again\./,
    );
  });

  test('check without --journal says that no journal was given – not that the journal could not be read', () => {
    const result = runCli(['check', '--config', config, '--sim', seed, '--format', 'json']);
    const report = JSON.parse(result.stdout) as { checks: Array<{ id: string; status: string; title: string; remediation: string }> };
    const review = report.checks.find((c) => c.id === 'BG-REV-01');
    assert.equal(review?.status, 'indeterminate');
    assert.match(review.title, /no journal was given$/);
    assert.doesNotMatch(review.title, /could not be read/);
    assert.match(review.remediation, /--journal FILE/);
  });
});

/**
 * Portable mode through the unpackaged entry point (docs/domain.md, "Where the packaged app looks
 * for the portable marker"): the files the package holds (`package.json`, `dist/`, `assets/`, as
 * `electron-builder.yml` lists them) and the `bin/` that starts them are copied into a folder that
 * stands for the safe's USB stick, with a `portable` file beside them. `breakglass web` started from that copy keeps its journal
 * and its runbook in `data/` there, and writes nothing into the user's application-data folder.
 * On a write-protected stick it still opens and says why nothing can be journaled.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { runbookFileName } from '../../src/main/config/runbook-file.ts';
import type { ChannelName } from '../../src/shared/ipc/channels.ts';
import type { ChannelInput, ChannelOutput } from '../../src/shared/ipc/contract.ts';
import type { IpcEnvelope } from '../../src/shared/ipc/errors.ts';
import { productName } from '../../src/shared/product.ts';
import { startWebCli, type CliLaunch, type RunningWeb } from '../helpers/cli.ts';
import { rawRequest } from '../helpers/http.ts';
import { noUserNamespace, onReadOnlyMedia } from '../helpers/read-only-media.ts';
import { tempDir } from '../helpers/temp.ts';

const project = process.cwd();
const packagedEntries = ['package.json', 'bin', 'dist', 'assets', 'node_modules'];

/** A copy of the app's files in a fresh folder (the stick), with or without the `portable` marker. */
function stickWithApp(options: { portable: boolean }): string {
  const stick = tempDir('breakglass-stick-');
  cpSync(join(project, 'package.json'), join(stick, 'package.json'));
  cpSync(join(project, 'bin'), join(stick, 'bin'), { recursive: true });
  cpSync(join(project, 'assets'), join(stick, 'assets'), { recursive: true });
  for (const part of ['cli', 'renderer']) {
    cpSync(join(project, 'dist', part), join(stick, 'dist', part), { recursive: true, filter: (source) => !source.endsWith('.map') });
  }
  // The package carries its dependencies; a link to the project's stands in for them.
  symlinkSync(join(project, 'node_modules'), join(stick, 'node_modules'));
  if (options.portable) writeFileSync(join(stick, 'portable'), '');
  return stick;
}

/** A home folder and an XDG config folder of their own, so the user-data folder can be watched. */
function userFolders(): { home: string; config: string; env: NodeJS.ProcessEnv } {
  const home = tempDir('breakglass-home-');
  const config = tempDir('breakglass-xdg-');
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: config };
  delete env['APPDATA'];
  return { home, config, env };
}

async function call<C extends ChannelName>(web: RunningWeb, channel: C, input: ChannelInput<C>): Promise<IpcEnvelope<ChannelOutput<C>>> {
  const response = await rawRequest(web.port, {
    method: 'POST',
    path: `/ipc/${channel}`,
    headers: { Host: `127.0.0.1:${web.port}`, Authorization: `Bearer ${web.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  return JSON.parse(response.body) as IpcEnvelope<ChannelOutput<C>>;
}

function valueOf<T>(envelope: IpcEnvelope<T>): T {
  if (!envelope.ok) assert.fail(`${envelope.error.message} ${envelope.error.nextStep}`);
  return envelope.value;
}

type AppUse = {
  readonly journal: ChannelOutput<'app:status'>['journal'];
  readonly note: IpcEnvelope<ChannelOutput<'journal:recordNote'>>;
  readonly saved: IpcEnvelope<ChannelOutput<'settings:saveRunbook'>>;
};

/** Starts `breakglass web` from the copy, records a note and saves the runbook, then stops it. */
async function useApp(launch: CliLaunch): Promise<AppUse> {
  const web = await startWebCli(['--port', '0'], launch);
  try {
    const { journal } = valueOf(await call(web, 'app:status', {}));
    const note = await call(web, 'journal:recordNote', { actor: 'Ada', title: 'Drill on the stick', text: 'Opened the safe.' });
    const { runbook } = valueOf(await call(web, 'settings:runbook', {}));
    const saved = await call(web, 'settings:saveRunbook', { content: runbook });
    return { journal, note, saved };
  } finally {
    assert.equal(await web.stop(), 0);
  }
}

describe('portable mode through breakglass web', () => {
  test('with a portable file beside the app, the journal and the runbook go to data/ beside it, nothing to the user folder', async () => {
    const stick = stickWithApp({ portable: true });
    const user = userFolders();
    const { journal, note, saved } = await useApp({ bin: join(stick, 'bin', 'breakglass.mjs'), env: user.env });

    assert.equal(journal.mode, 'portable');
    assert.equal(journal.file, join(stick, 'data', 'journal.sqlite3'));
    assert.equal(valueOf(note).seq > 0, true);
    assert.equal(valueOf(saved).path, join(stick, 'data', runbookFileName));
    assert.deepEqual(readdirSync(join(stick, 'data')).sort(), ['breakglass.runbook.json', 'journal.sqlite3']);
    assert.deepEqual(readdirSync(user.config), [], 'nothing in the XDG config folder');
    assert.deepEqual(readdirSync(user.home), [], 'nothing in the home folder');
  });

  test('without the portable file, the same copy uses the user-data folder and leaves the stick alone', async () => {
    const stick = stickWithApp({ portable: false });
    const user = userFolders();
    const { journal, saved } = await useApp({ bin: join(stick, 'bin', 'breakglass.mjs'), env: user.env });

    const userData = join(user.config, productName);
    assert.equal(journal.mode, 'user-data');
    assert.equal(journal.file, join(userData, 'journal.sqlite3'));
    assert.equal(valueOf(saved).path, join(userData, runbookFileName));
    assert.equal(existsSync(join(stick, 'data')), false);
  });

  test(
    'on a write-protected stick the app still opens, and says the journal cannot be written and what to do',
    { skip: noUserNamespace },
    async () => {
      const stick = stickWithApp({ portable: true });
      const user = userFolders();
      const media = join(tempDir(), 'media');
      mkdirSync(media);
      const entries = packagedEntries.concat('portable').map((entry) => join(stick, entry));
      const { journal, note } = await useApp({
        bin: join(media, 'bin', 'breakglass.mjs'),
        env: user.env,
        through: (commandLine) => onReadOnlyMedia(entries, media, commandLine),
      });

      assert.equal(journal.mode, 'portable');
      assert.equal(journal.state, 'unavailable');
      assert.match(journal.detail, /the disk it is on is read-only/);
      // The file the custodian would look for, not a continuation that could not be made either.
      assert.match(journal.detail, /data\/journal\.sqlite3 could not be written/);
      assert.doesNotMatch(journal.detail, /journal-continued/);
      assert.match(journal.detail, /Keep a paper record/);
      assert.ok(!note.ok, 'nothing is journaled');
      assert.match(note.error.message, /the disk it is on is read-only/);
      assert.match(note.error.nextStep, /writable disk.*note each action on paper/);
      assert.deepEqual(readdirSync(user.config), [], 'the journal is not moved to the user folder behind the custodian’s back');
    },
  );
});

// The real desktop window, launched with Playwright's Electron driver (from the `playwright`
// package) wherever an Electron binary exists. On machines that reach only the npm registry the
// binary cannot be downloaded, and this test is reported as skipped with that reason.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { _electron as electron } from 'playwright';

import { electronBinary } from '../../scripts/electron-binary.mjs';
import { tempDir } from '../helpers/temp.ts';

const binary = electronBinary();
const skip = binary.missing
  ? `${binary.missing} (it cannot be downloaded on a machine that reaches only the npm registry; \`npm start\` downloads it where GitHub is reachable)`
  : undefined;

describe('desktop app (Electron)', () => {
  test('opens one hardened window showing the home screen', { skip }, async () => {
    const app = await electron.launch({
      executablePath: binary.path,
      args: ['.'],
      env: { ...process.env, XDG_CONFIG_HOME: tempDir() },
    });
    try {
      const window = await app.firstWindow();
      await window.getByRole('heading', { level: 1, name: 'Break-Glass Runbook' }).waitFor();
      assert.match(window.url(), /^app:\/\/renderer\//);
      const exposed = await window.evaluate(() => ({
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
        bridge: Object.keys((window as unknown as { breakglass?: object }).breakglass ?? {}),
      }));
      assert.deepEqual(exposed, { require: 'undefined', process: 'undefined', bridge: ['invoke'] });
      assert.deepEqual(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length), 1);
    } finally {
      await app.close();
    }
  });
});

// The Electron binary of node_modules/electron: where it is, or why there is none, and one try at
// downloading it. Shared by `npm start` (scripts/start.mjs), `npm run dist` (scripts/dist.mjs) and
// the desktop window test (test/e2e/electron-app.test.ts).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** `{ path }` of the binary, or `{ missing }`: why there is none, as a phrase. */
export function electronBinary() {
  try {
    // The 'electron' package exports the binary's path, or throws when it was never downloaded.
    const path = require('electron');
    return existsSync(path) ? { path } : { missing: `no Electron binary at ${path}` };
  } catch {
    return { missing: 'the Electron binary has not been downloaded' };
  }
}

/**
 * package.json denies electron's install script (allowScripts), so `npm install` never fails on a
 * machine that cannot reach GitHub. Where a person asked for the binary, the download is tried once;
 * `announce` is told before it starts.
 */
export function downloadElectronOnce(announce = () => {}) {
  const installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
  announce('Downloading the Electron binary (once)…');
  const result = spawnSync(process.execPath, [installer], { cwd: root, stdio: 'ignore', timeout: 300_000 });
  return result.status === 0;
}

/** The binary, downloading it once if it is missing; `{ missing }` when neither works. */
export function electronBinaryOrDownload(announce) {
  const found = electronBinary();
  return found.missing && downloadElectronOnce(announce) ? electronBinary() : found;
}

/** `env` without npm_config_nodedir: node-gyp must fetch Electron's headers, not use the local Node's. */
export function envForElectronHeaders(env = process.env) {
  const copy = { ...env };
  for (const key of Object.keys(copy)) if (key.toLowerCase() === 'npm_config_nodedir') delete copy[key];
  return copy;
}

// `npm run dist`: packages the desktop app with electron-builder (electron-builder.yml) for this
// platform, or for the platforms named after `--` (`npm run dist -- --win`), as electron-builder's
// own command line takes them (docs/architecture.md, "Packaging").
//
// Packaging needs Electron from GitHub, so where the Electron binary cannot be had (machines that
// reach only the npm registry) this says so in one line and exits 1, before building anything. Any
// other failure ends in one line too, never in a stack trace.
//
// electron-builder rebuilds better-sqlite3 for Electron's ABI in node_modules itself, before it
// copies it into the package. The Node build there is what tests, the CLI and the web host load, so
// it is put back afterwards, whether packaging worked or not.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { electronBinaryOrDownload, envForElectronHeaders } from './electron-binary.mjs';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function fail(line) {
  console.error(`npm run dist: ${line}`);
  process.exit(1);
}

/** A multi-line error message (electron-builder's configuration errors are) as one line, without its advice block. */
function oneLine(message) {
  const lines = String(message)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const advice = lines.findIndex((line) => line.startsWith('How to fix'));
  const text = (advice === -1 ? lines : lines.slice(0, advice)).join(' ');
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/** electron-builder's own command-line options (`--win`, `--linux AppImage`, `--x64`, `--dir` …). */
function builderOptions(args) {
  const { createYargs, configureBuildCommand } = require('electron-builder/out/builder.js');
  let refused;
  const parsed = configureBuildCommand(createYargs())
    .strict()
    .exitProcess(false)
    .fail((message) => (refused = message))
    .parse(args);
  if (refused) fail(`${refused} (the options after -- are electron-builder's: https://www.electron.build/cli).`);
  if (parsed.help) process.exit(0);
  return parsed;
}

function runBuild() {
  // Under `npm run`, npm says where its own CLI is; outside npm, npm must be on PATH.
  const npm = process.env.npm_execpath;
  const result = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) fail('the build failed (its messages are above); fix it and run npm run dist again.');
}

/** Keeps node_modules' Node build of better-sqlite3 aside; the returned function puts it back. */
function keepNodeSqlite() {
  const binary = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
  const aside = mkdtempSync(join(tmpdir(), 'breakglass-dist-'));
  if (existsSync(binary)) copyFileSync(binary, join(aside, 'better_sqlite3.node'));
  return () => {
    if (existsSync(join(aside, 'better_sqlite3.node'))) copyFileSync(join(aside, 'better_sqlite3.node'), binary);
    rmSync(aside, { recursive: true, force: true });
    // Loads the module in Node and, should it still not load, builds it again as `npm install` does.
    spawnSync(process.execPath, [join(root, 'scripts', 'install-native.mjs')], { cwd: root, stdio: 'inherit' });
  };
}

async function main() {
  const electron = electronBinaryOrDownload();
  if (electron.missing) {
    fail(
      `cannot package – ${electron.missing} and it could not be downloaded (this machine cannot reach GitHub); run it on a machine that can.`,
    );
  }
  const options = builderOptions(process.argv.slice(2));
  runBuild();

  const { build } = require('electron-builder');
  // electron-builder's rebuild of better-sqlite3 runs node-gyp with this environment.
  process.env = envForElectronHeaders();
  const restoreNodeSqlite = keepNodeSqlite();
  try {
    const artifacts = await build({ ...options, projectDir: root, publish: options.publish ?? 'never' });
    console.log(`npm run dist: packaged ${artifacts.length} file(s) into release/.`);
  } catch (error) {
    process.exitCode = 1;
    console.error(
      `npm run dist: packaging failed – ${oneLine(error instanceof Error ? error.message : error)}; fix that and run npm run dist again (DEBUG=electron-builder shows every step).`,
    );
  } finally {
    restoreNodeSqlite();
  }
}

await main();

// `npm run dist`: packages the desktop app with electron-builder (electron-builder.yml) for this
// platform, or for the platforms named after `--` (`npm run dist -- --win`), as electron-builder's
// own command line takes them (docs/architecture.md, "Packaging").
//
// Packaging needs Electron from GitHub, so where the Electron binary cannot be had (machines that
// reach only the npm registry) this says so in one line and exits 1, before building anything.
// electron-builder runs in a child process: its progress lines (`  • …`) are shown, everything
// else (compiler output, stack traces) goes only to release/dist.log, and a failure ends in one
// line naming the reason and that log.
//
// electron-builder rebuilds better-sqlite3 for Electron's ABI in node_modules itself (it deletes
// the module's build folder first), before it copies it into the package. The Node build there is
// what tests, the CLI and the web host load, so it is put back afterwards, whether packaging worked
// or not.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { electronBinaryOrDownload, envForElectronHeaders } from './electron-binary.mjs';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const logFile = join('release', 'dist.log');

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
  const text = (advice === -1 ? lines : lines.slice(0, advice)).join(' ').replace(/\.$/, '');
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
  const aside = join(mkdtempSync(join(tmpdir(), 'breakglass-dist-')), 'better_sqlite3.node');
  if (existsSync(binary)) copyFileSync(binary, aside);
  return () => {
    if (existsSync(aside)) {
      mkdirSync(dirname(binary), { recursive: true });
      copyFileSync(aside, binary);
    }
    rmSync(dirname(aside), { recursive: true, force: true });
    // Loads the module in Node and, should it still not load, builds it again as `npm install` does.
    spawnSync(process.execPath, [join(root, 'scripts', 'install-native.mjs')], { cwd: root, stdio: 'inherit' });
  };
}

/** Runs electron-builder in a child (this file again); resolves to its result: `{ artifacts }` or `{ error }`. */
function packageInChild(args) {
  const resultFile = join(mkdtempSync(join(tmpdir(), 'breakglass-dist-')), 'result.json');
  mkdirSync(join(root, 'release'), { recursive: true });
  const log = createWriteStream(join(root, logFile));
  // node-gyp, run by electron-builder's rebuild of better-sqlite3, must fetch Electron's headers.
  const env = { ...envForElectronHeaders(), BREAKGLASS_DIST_RESULT: resultFile };
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Ctrl+C stops electron-builder, not this process, so better-sqlite3 is still put back.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      log.write(`${line}\n`);
      if (line.startsWith('  • ')) console.log(line);
    });
  }
  return new Promise((resolve) => {
    child.on('close', (code) => {
      log.end();
      const result = existsSync(resultFile)
        ? JSON.parse(readFileSync(resultFile, 'utf8'))
        : { error: `electron-builder stopped (exit code ${code})` };
      rmSync(dirname(resultFile), { recursive: true, force: true });
      resolve(result);
    });
  });
}

/** The child: electron-builder's API with the options as its command line would take them. */
async function packageHere(resultFile) {
  const { build } = require('electron-builder');
  const options = builderOptions(process.argv.slice(2));
  try {
    const artifacts = await build({ ...options, projectDir: root, publish: options.publish ?? 'never' });
    writeFileSync(resultFile, JSON.stringify({ artifacts: artifacts.length }));
  } catch (error) {
    writeFileSync(resultFile, JSON.stringify({ error: oneLine(error instanceof Error ? error.message : error) }));
  }
}

async function main() {
  const electron = electronBinaryOrDownload();
  if (electron.missing) {
    fail('cannot package – the Electron binary could not be downloaded (this machine cannot reach GitHub); run it on a machine that can.');
  }
  const args = process.argv.slice(2);
  builderOptions(args);
  runBuild();

  const restoreNodeSqlite = keepNodeSqlite();
  const result = await packageInChild(args);
  restoreNodeSqlite();
  if (result.error) fail(`packaging failed – ${result.error}; the full log is ${logFile}. Fix that and run npm run dist again.`);
  console.log(`npm run dist: packaged ${result.artifacts} file(s) into release/ (the full log is ${logFile}).`);
}

if (process.env.BREAKGLASS_DIST_RESULT) await packageHere(process.env.BREAKGLASS_DIST_RESULT);
else await main();

// `npm start`: launches the desktop app, or – where no Electron binary can be had (machines that
// reach only the npm registry) – says so in one line and serves the same UI through the web host.
//
// better-sqlite3 is a native module and Electron has its own ABI. The Node build in node_modules
// (used by tests, the CLI and the web host) is never touched: an Electron build is made once into
// .cache/electron-native/ and handed to the app in BREAKGLASS_SQLITE_BINDING (better-sqlite3's
// `nativeBinding` option), so starting the app cannot break `npm test`, and vice versa.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { electronBinaryOrDownload, envForElectronHeaders } from './electron-binary.mjs';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const passThrough = process.argv.slice(2);

function run(command, args, cwd, env) {
  const result = spawnSync(command, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
  return result.status === 0;
}

/** Returns the path of an Electron-ABI better_sqlite3.node, building it once if needed; null if impossible. */
function electronSqliteBinding(electronVersion) {
  const target = join(root, '.cache', 'electron-native', `electron-${electronVersion}-${process.platform}-${process.arch}`);
  const binding = join(target, 'better_sqlite3.node');
  if (existsSync(binding)) return binding;

  console.error(`Preparing the journal's SQLite module for Electron ${electronVersion} (once)…`);
  const work = mkdtempSync(join(tmpdir(), 'breakglass-sqlite-'));
  const pkg = join(work, 'better-sqlite3');
  cpSync(dirname(require.resolve('better-sqlite3/package.json')), pkg, {
    recursive: true,
    filter: (source) => !source.includes(`${join('better-sqlite3', 'build')}`),
  });
  const env = envForElectronHeaders();
  const prebuild = require.resolve('prebuild-install/bin.js', { paths: [pkg] });
  const built =
    run(process.execPath, [prebuild, '--runtime=electron', `--target=${electronVersion}`, `--arch=${process.arch}`], pkg, env) ||
    (process.env.npm_config_node_gyp &&
      run(
        process.execPath,
        [
          process.env.npm_config_node_gyp,
          'rebuild',
          '--release',
          '--runtime=electron',
          `--target=${electronVersion}`,
          '--dist-url=https://electronjs.org/headers',
        ],
        pkg,
        env,
      ));
  const output = join(pkg, 'build', 'Release', 'better_sqlite3.node');
  if (built && existsSync(output)) {
    mkdirSync(target, { recursive: true });
    cpSync(output, binding);
  }
  rmSync(work, { recursive: true, force: true });
  return existsSync(binding) ? binding : null;
}

function serveThroughWebHost() {
  const child = spawn(process.execPath, [join(root, 'bin', 'breakglass.mjs'), 'web', '--open', ...passThrough], {
    cwd: root,
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

const electron = electronBinaryOrDownload((line) => console.error(line));
if (electron.missing) {
  console.error(
    `Electron is not available on this machine (${electron.missing} and cannot be downloaded from here); serving the same app through the local web host instead.`,
  );
  serveThroughWebHost();
} else {
  const electronVersion = require('electron/package.json').version;
  const binding = electronSqliteBinding(electronVersion);
  if (!binding) {
    console.error(
      'The SQLite module could not be built for Electron (no prebuilt download and no build tools reachable); serving the app through the local web host instead.',
    );
    serveThroughWebHost();
  } else {
    const env = { ...process.env, BREAKGLASS_SQLITE_BINDING: binding };
    delete env.ELECTRON_RUN_AS_NODE;
    const child = spawn(electron.path, [root, ...passThrough], { cwd: root, stdio: 'inherit', env });
    child.on('exit', (code) => process.exit(code ?? 0));
  }
}

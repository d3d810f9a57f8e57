// `postinstall`: makes better-sqlite3's native module for the Node that runs `npm install`
// (docs/architecture.md, "Toolchain pitfalls").
//
// package.json denies better-sqlite3's own install script (allowScripts), because it fails on a
// machine that reaches only the npm registry: its prebuilt binary comes from GitHub, and the
// fallback compile asks node-gyp for Node's headers from nodejs.org. This script does the same two
// things, in order, but compiles against the headers that come with the running Node (they sit
// beside the binary: /usr/include/node for Debian's nodejs, …/include/node in the official
// tarballs and nvm). Where neither works it says what to do in one line and fails the install.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.env.BREAKGLASS_INSTALL_QUIET === '1';

function packageDir() {
  try {
    return dirname(require.resolve('better-sqlite3/package.json', { paths: [root] }));
  } catch {
    return undefined; // `npm install --omit=…` or a partial install: nothing to build
  }
}

/** Loads the module in a fresh Node, so a binary of the wrong ABI is found here, not in the app. */
function loads(dir) {
  const probe = `const D = require(${JSON.stringify(dir)}); new D(':memory:').prepare('select 1').get();`;
  return spawnSync(process.execPath, ['-e', probe], { stdio: 'ignore', timeout: 60_000 }).status === 0;
}

function say(line) {
  if (!quiet) console.error(`better-sqlite3: ${line}`);
}

/** The folder holding include/node/node.h for this Node, if any: what node-gyp calls nodedir. */
export function localNodeDir(env = process.env, execPath = process.execPath) {
  const candidates = [env.npm_config_nodedir, dirname(dirname(execPath)), '/usr', '/usr/local'].filter(Boolean);
  return candidates.find((dir) => existsSync(join(dir, 'include', 'node', 'node.h')) && headersMatch(dir));
}

/**
 * Headers of another Node major would build a module this Node refuses to load; within a major
 * the module ABI does not change (node_version.h says so).
 */
function headersMatch(dir) {
  try {
    const text = readFileSync(join(dir, 'include', 'node', 'node_version.h'), 'utf8');
    return text.match(/#define NODE_MAJOR_VERSION (\d+)/)?.[1] === process.versions.node.split('.')[0];
  } catch {
    return false;
  }
}

function nodeGyp() {
  // npm tells its scripts where its own node-gyp is; outside npm, node-gyp must be on PATH.
  const bundled = process.env.npm_config_node_gyp;
  return bundled && existsSync(bundled) ? [process.execPath, bundled] : ['node-gyp'];
}

function main() {
  const dir = packageDir();
  if (!dir) return 0;
  if (existsSync(join(dir, 'build', 'Release', 'better_sqlite3.node')) && loads(dir)) return 0;

  const prebuild = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'prebuild-install.cmd' : 'prebuild-install');
  if (existsSync(prebuild)) {
    say('fetching the prebuilt binary…');
    const fetched = spawnSync(prebuild, [], { cwd: dir, stdio: 'ignore', timeout: 120_000, shell: process.platform === 'win32' });
    if (fetched.status === 0 && loads(dir)) return 0;
  }

  const nodedir = localNodeDir();
  if (!nodedir) {
    console.error(
      `better-sqlite3 could not be installed: no prebuilt binary could be downloaded and no headers of Node ${process.version} were found beside ${process.execPath} (include/node). Install Node with its headers (the official tarball or NodeSource's nodejs package have them; Debian's own nodejs needs libnode-dev) or set npm_config_nodedir to a folder holding include/node, then run npm install again.`,
    );
    return 1;
  }
  say(`no prebuilt binary; compiling against the Node headers in ${nodedir} (about a minute)…`);
  const [command, ...prefix] = nodeGyp();
  const built = spawnSync(command, [...prefix, 'rebuild', '--release', `--nodedir=${nodedir}`], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, npm_config_nodedir: nodedir },
  });
  // node-gyp's own lines are shown only when it failed: the last of them say why.
  if (built.status !== 0 && !quiet) console.error(`${built.stdout ?? ''}${built.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n'));
  if (built.status === 0 && loads(dir)) return 0;
  console.error(
    `better-sqlite3 could not be compiled against the Node headers in ${nodedir} (node-gyp ${built.error ? `did not start: ${built.error.message}` : `exit ${built.status}`}). Install a C++ compiler, make and Python 3 (Debian/Ubuntu: apt-get install build-essential python3), then run npm install again.`,
  );
  return 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main();

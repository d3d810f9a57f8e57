// electron-builder.yml as electron-builder itself loads and validates it, without packaging
// anything (docs/architecture.md, "Packaging"): its schema, the targets, the rebuild of
// better-sqlite3 for Electron, and the fuses it flips against requiredFuses in security.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';

import type { Configuration, FileSet } from 'electron-builder';

import { requiredFuses } from '../../src/main/electron/security.ts';
import { electronBinary } from '../../scripts/electron-binary.mjs';

// app-builder-lib and builder-util are electron-builder's own packages: resolved from it, so the
// test uses exactly the copies `npm run dist` does.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const { getConfig, validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<Configuration>;
  validateConfiguration(config: Configuration, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = fromBuilder('builder-util') as { DebugLogger: new (isEnabled: boolean) => unknown };
const { PlatformPackager } = fromBuilder('app-builder-lib') as {
  PlatformPackager: { prototype: { generateFuseConfig?: (fuses: unknown) => Promise<Record<string, unknown>> } };
};
const fuses = createRequire(fromBuilder.resolve('app-builder-lib'))('@electron/fuses') as {
  FuseVersion: { V1: string };
  FuseV1Options: Record<string, number | string>;
};

const validate = (config: Configuration) => validateConfiguration(config, new DebugLogger(false));
const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, Record<string, string> | undefined>;
// Loaded as the packager loads it: electron-builder.yml found in the project, merged over the defaults.
const config = await getConfig(process.cwd(), null, null);

describe('electron-builder.yml', () => {
  test("passes electron-builder's own configuration validation", async () => {
    await validate(config);
  });
  const broken: Array<[string, object]> = [
    ['an unknown key', { ...config, unknownOption: true }],
    ['a misspelt fuse', { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } }],
    ['a misspelt Linux option', { ...config, linux: { ...config.linux, categroy: 'Utility' } }],
  ];
  for (const [label, wrong] of broken) {
    test(`the same validation refuses ${label}`, async () => {
      await assert.rejects(validate(wrong as Configuration), /Invalid configuration object/);
    });
  }

  test('targets: an AppImage for Linux, a portable executable for Windows, a dmg for macOS', () => {
    assert.deepEqual([config.linux?.target, config.win?.target, config.mac?.target], [['AppImage'], ['portable'], ['dmg']]);
  });
});

describe('better-sqlite3 inside the package', () => {
  test('is rebuilt for Electron: a production dependency, with npmRebuild on and prebuilt binaries allowed', () => {
    // electron-builder rebuilds the production dependencies (@electron/rebuild, types prod and
    // optional) unless npmRebuild is false; buildDependenciesFromSource would need compilers.
    assert.ok(packageJson['dependencies']?.['better-sqlite3'], 'better-sqlite3 must be in dependencies');
    assert.equal(config.npmRebuild, true);
    assert.notEqual(config.buildDependenciesFromSource, true);
  });
  test('Electron itself is a development dependency, where electron-builder reads its version', () => {
    assert.ok(packageJson['devDependencies']?.['electron']);
    assert.equal(packageJson['dependencies']?.['electron'], undefined);
  });
  test('is unpacked from the asar (a native module cannot load from inside it)', () => {
    assert.deepEqual(config.asarUnpack, ['node_modules/better-sqlite3/**']);
    assert.equal(config.asar, true);
  });
  test('production node_modules are not excluded: electron-builder adds them to `files` itself', () => {
    const patterns = (config.files as FileSet[]).flatMap((set) => set.filter ?? []);
    assert.ok(patterns.includes('dist/**'));
    assert.deepEqual(
      patterns.filter((pattern) => pattern.startsWith('!') && pattern.includes('node_modules')),
      [],
    );
  });
});

describe('fuses at packaging (security checklist item 19)', () => {
  const fuseName = (key: string) => key[0]!.toUpperCase() + key.slice(1);
  // Not flipped: Electron's default (off) is what the app needs, and the app ships no V8 snapshot.
  const leftAtDefault = ['LoadBrowserProcessSpecificV8Snapshot'];

  test('the fuse wire electron-builder writes is exactly the one security.ts requires', async () => {
    const generate = PlatformPackager.prototype.generateFuseConfig;
    assert.ok(generate, 'electron-builder no longer has generateFuseConfig: check how it flips fuses');
    const expected = Object.fromEntries(Object.entries(requiredFuses).map(([key, value]) => [fuses.FuseV1Options[fuseName(key)], value]));
    assert.deepEqual(await generate.call(null, config.electronFuses), {
      version: fuses.FuseVersion.V1,
      resetAdHocDarwinSignature: undefined,
      ...expected,
    });
  });
  test('every fuse electron-builder can flip is decided: required in security.ts, or left at its default on purpose', () => {
    const known = Object.keys(fuses.FuseV1Options).filter((name) => Number.isNaN(Number(name)));
    const decided = [...Object.keys(requiredFuses).map(fuseName), ...leftAtDefault];
    assert.deepEqual(known.sort(), decided.sort());
  });
});

describe('npm run dist', () => {
  const binary = electronBinary();
  test(
    'where no Electron binary can be had, says so in one line and exits non-zero',
    { skip: binary.path && 'an Electron binary exists here, so npm run dist would package' },
    () => {
      // ELECTRON_SKIP_BINARY_DOWNLOAD makes its one download attempt a no-op, on any machine.
      const run = spawnSync(process.execPath, ['scripts/dist.mjs'], {
        encoding: 'utf8',
        env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
      });
      assert.equal(run.status, 1);
      assert.equal(run.stdout, '');
      assert.match(
        run.stderr,
        /^npm run dist: cannot package – the Electron binary could not be downloaded .*; run it on a machine that can\.\n$/,
      );
    },
  );
});

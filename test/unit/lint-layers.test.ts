// The layer rules (docs/architecture.md, "Import rules") are enforced by ESLint: these imports must fail the lint run.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = x;\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

const forbidden: ReadonlyArray<[string, string, string]> = [
  ['core imports a Node I/O module', 'src/core/journal/x.ts', "import x from 'node:fs';"],
  ['core imports a bare Node module', 'src/core/checks/x.ts', "import x from 'child_process';"],
  ['core imports electron', 'src/core/x.ts', "import x from 'electron';"],
  ['core imports main', 'src/core/x.ts', "import x from '../main/ipc/dispatch.ts';"],
  ['core imports better-sqlite3', 'src/core/x.ts', "import x from 'better-sqlite3';"],
  ['shared imports crypto', 'src/shared/x.ts', "import x from 'node:crypto';"],
  ['shared imports react', 'src/shared/model/x.ts', "import x from 'react';"],
  ['renderer imports main', 'src/renderer/home/x.ts', "import x from '../../main/services/app-status.ts';"],
  ['renderer imports core', 'src/renderer/x.ts', "import x from '../core/journal/chain.ts';"],
  ['renderer imports preload', 'src/renderer/x.ts', "import x from '../preload/bridge.ts';"],
  ['renderer imports msal', 'src/renderer/x.ts', "import x from '@azure/msal-node';"],
  ['renderer imports node:path', 'src/renderer/x.ts', "import x from 'node:path';"],
  ['renderer imports electron', 'src/renderer/x.ts', "import x from 'electron';"],
  ['a main service imports electron', 'src/main/services/x.ts', "import x from 'electron';"],
  ['the web host imports electron', 'src/main/host/x.ts', "import x from 'electron';"],
  ['the simulator imports electron', 'src/sim/x.ts', "import x from 'electron';"],
  ['the simulator imports main', 'src/sim/x.ts', "import x from '../main/ipc/dispatch.ts';"],
  ['a test helper imports electron', 'test/helpers/x.ts', "import x from 'electron';"],
];

const allowed: ReadonlyArray<[string, string, string]> = [
  ['core hashes with node:crypto', 'src/core/journal/x.ts', "import x from 'node:crypto';"],
  ['core imports shared', 'src/core/x.ts', "import x from '../shared/ipc/errors.ts';"],
  ['renderer imports shared', 'src/renderer/app/x.ts', "import x from '../../shared/ipc/errors.ts';"],
  ['renderer imports react', 'src/renderer/x.ts', "import x from 'react';"],
  ['main/electron imports electron', 'src/main/electron/x.ts', "import x from 'electron';"],
  ['preload imports electron', 'src/preload/x.ts', "import x from 'electron';"],
  ['main imports sim', 'src/main/cli/x.ts', "import x from '../../sim/seed-summary.ts';"],
  ['a test uses Electron types for its stand-ins', 'test/unit/x.ts', "import type x from 'electron';"],
];

describe('layer rules', () => {
  for (const [label, file, code] of forbidden) {
    test(`fails when ${label}`, async () => {
      assert.notDeepEqual(await layerErrors(file, code), [], `${file}: ${code} should be refused`);
    });
  }
  for (const [label, file, code] of allowed) {
    test(`passes when ${label}`, async () => {
      assert.deepEqual(await layerErrors(file, code), []);
    });
  }
});

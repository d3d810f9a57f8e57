// The layer rules of docs/architecture.md ("Import rules") are allow-lists enforced by ESLint
// (eslint-rules/layers.js): these imports must be refused, those allowed. And src/ and tools/
// have no import cycle, type-only imports included.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, test } from 'node:test';

import { ESLint } from 'eslint';
import ts from 'typescript';

const cwd = process.cwd();
const eslint = new ESLint({ cwd });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = x;\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'local/layers').map((m) => m.message);
}

const refused: ReadonlyArray<[string, string, string]> = [
  ['preload imports main', 'src/preload/x.ts', "import x from '../main/ipc/dispatch.ts';"],
  ['preload imports node:fs', 'src/preload/x.ts', "import x from 'node:fs';"],
  ['preload imports the zod contract', 'src/preload/x.ts', "import x from '../shared/ipc/contract.ts';"],
  ['main imports the renderer', 'src/main/services/x.ts', "import x from '../../renderer/app/App.tsx';"],
  ['main imports a simulator internal', 'src/main/cli/x.ts', "import x from '../../sim/graph/permissions.ts';"],
  ['main imports a simulator internal as a type', 'src/main/entra/x.ts', "import type x from '../../sim/seed/schema.ts';"],
  ['main imports a simulator internal dynamically', 'src/main/cli/x.ts', "const x = await import('../../sim/simulator.ts');"],
  ['main re-exports a simulator internal', 'src/main/cli/x.ts', "const x = 1;\nexport { startSimulator } from '../../sim/simulator.ts';"],
  ['a main service imports electron', 'src/main/services/x.ts', "import x from 'electron';"],
  ['the web host imports the Electron folder', 'src/main/host/x.ts', "import x from '../electron/security.ts';"],
  ['main imports a package not on its list', 'src/main/x.ts', "import x from 'react';"],
  ['the simulator imports core', 'src/sim/graph/x.ts', "import x from '../../core/checks/model.ts';"],
  ['the simulator imports main', 'src/sim/x.ts', "import x from '../main/ipc/dispatch.ts';"],
  ['the simulator imports electron', 'src/sim/x.ts', "import x from 'electron';"],
  ['the node layer imports the simulator', 'src/node/x509/x.ts', "import x from '../../sim/index.ts';"],
  ['the node layer imports main', 'src/node/x.ts', "import x from '../main/credentials/pfx-writer.ts';"],
  ['core imports a Node I/O module', 'src/core/journal/x.ts', "import x from 'node:fs';"],
  ['core imports a bare Node module', 'src/core/checks/x.ts', "import x from 'child_process';"],
  ['core imports the node layer', 'src/core/x.ts', "import x from '../node/x509/certificates.ts';"],
  ['core imports jose', 'src/core/x.ts', "import x from 'jose';"],
  ['core imports better-sqlite3', 'src/core/x.ts', "import x from 'better-sqlite3';"],
  ['shared imports crypto', 'src/shared/x.ts', "import x from 'node:crypto';"],
  ['shared imports core', 'src/shared/x.ts', "import x from '../core/journal/chain.ts';"],
  ['shared imports react', 'src/shared/model/x.ts', "import x from 'react';"],
  ['renderer imports main', 'src/renderer/home/x.ts', "import x from '../../main/services/app-setup.ts';"],
  ['renderer imports core', 'src/renderer/x.ts', "import x from '../core/journal/chain.ts';"],
  ['renderer imports preload', 'src/renderer/x.ts', "import x from '../preload/bridge.ts';"],
  ['renderer imports node:path', 'src/renderer/x.ts', "import x from 'node:path';"],
  ['renderer imports msal', 'src/renderer/x.ts', "import x from '@azure/msal-node';"],
  ['a tool imports electron', 'tools/demo-seed/x.ts', "import x from 'electron';"],
  ['a test helper imports electron', 'test/helpers/x.ts', "import x from 'electron';"],
];

const allowed: ReadonlyArray<[string, string, string]> = [
  ['main imports the simulator entry point', 'src/main/cli/x.ts', "import x from '../../sim/index.ts';"],
  [
    'main imports core, shared and node',
    'src/main/x.ts',
    "import x from '../core/checks/model.ts';\nimport y from '../shared/inventory.ts';\nimport z from '../node/x509/pfx.ts';\nconsole.log(y, z);",
  ],
  ['main/electron imports electron', 'src/main/electron/x.ts', "import x from 'electron';"],
  ['main/electron imports the rest of main', 'src/main/electron/x.ts', "import x from '../ipc/dispatch.ts';"],
  ['core hashes with node:crypto', 'src/core/journal/x.ts', "import x from 'node:crypto';"],
  ['core imports shared', 'src/core/x.ts', "import x from '../shared/ipc/errors.ts';"],
  ['the simulator imports the node layer', 'src/sim/graph/x.ts', "import x from '../../node/x509/certificates.ts';"],
  ['the node layer imports node-forge', 'src/node/x509/x.ts', "import x from 'node-forge';"],
  [
    'preload imports electron and the channel names',
    'src/preload/x.ts',
    "import x from 'electron';\nimport { isChannelName } from '../shared/ipc/channels.ts';\nconsole.log(isChannelName);",
  ],
  ['renderer imports shared', 'src/renderer/app/x.ts', "import x from '../../shared/ipc/errors.ts';"],
  ['renderer imports react-dom/client', 'src/renderer/x.ts', "import x from 'react-dom/client';"],
  ['a tool imports a simulator internal', 'tools/demo-seed/x.ts', "import x from '../../src/sim/seed/schema.ts';"],
  ['a test uses Electron types for its stand-ins', 'test/unit/x.ts', "import type x from 'electron';"],
];

describe('layer rules', () => {
  for (const [label, file, code] of refused) {
    test(`refuses when ${label}`, async () => {
      const errors = await layerErrors(file, code);
      assert.equal(errors.length, 1, `${file}: ${code} should be refused once`);
      assert.match(errors[0]!, /may import .*docs\/architecture\.md, "Import rules"/);
    });
  }
  for (const [label, file, code] of allowed) {
    test(`allows when ${label}`, async () => {
      assert.deepEqual(await layerErrors(file, code), []);
    });
  }
});

/** Every .ts/.tsx file under the folders, as paths from the project root. */
function sourceFiles(...folders: string[]): string[] {
  return folders.flatMap((folder) =>
    readdirSync(join(cwd, folder), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
      .map((entry) => relative(cwd, join(entry.parentPath, entry.name)).split('\\').join('/')),
  );
}

/** The project files each file imports, `import type` and re-exports included (ts.preProcessFile). */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  return new Map(
    files.map((file) => {
      const { importedFiles } = ts.preProcessFile(readFileSync(join(cwd, file), 'utf8'), true, true);
      const targets = importedFiles
        .map((imported) => imported.fileName)
        .filter((name) => name.startsWith('.'))
        .map((name) =>
          relative(cwd, resolve(cwd, dirname(file), name))
            .split('\\')
            .join('/'),
        )
        .filter((target) => known.has(target));
      return [file, targets];
    }),
  );
}

/** One import cycle, as the files along it (the first repeated at the end), or undefined. */
function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string): string[] | undefined => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') return [...path.slice(path.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    path.pop();
    state.set(file, 'done');
    return undefined;
  };
  for (const file of graph.keys()) {
    if (state.has(file)) continue;
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('import graph', () => {
  test('src/ and tools/ have no import cycle, type-only imports included', () => {
    const graph = importGraph(sourceFiles('src', 'tools'));
    assert.ok(graph.size > 100, 'the source files were found');
    const cycle = findCycle(graph);
    assert.equal(cycle, undefined, `import cycle: ${cycle?.join(' → ')}`);
  });

  test('the cycle finder names a cycle when there is one', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['b.ts']],
    ]);
    assert.deepEqual(findCycle(graph), ['b.ts', 'c.ts', 'b.ts']);
  });
});

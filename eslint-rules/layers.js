// The layer rules of docs/architecture.md ("Layers", "Import rules") as allow-lists: every
// import, export-from, dynamic import and `import type` of a file is resolved to the layer it
// reaches, and anything not on the importing layer's list is reported. Written after VS Code's
// local `code-import-patterns` rule: one table says, per layer, what it may import.
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const builtins = new Set(builtinModules);
const docs = 'docs/architecture.md, "Import rules"';

/** The layer a project file belongs to, by its path from the project root ('a/b.ts'). */
function layerOf(path) {
  const [top, second] = path.split('/');
  if (top === 'src') {
    if (path === 'src/sim/index.ts') return 'sim-entry';
    if (path.startsWith('src/main/electron/')) return 'main-electron';
    return second && ['shared', 'core', 'node', 'sim', 'main', 'preload', 'renderer'].includes(second) ? second : 'other';
  }
  return top === 'tools' || top === 'test' ? top : 'other';
}

/** What a specifier reaches: a project file (with its layer), a Node built-in or a package. */
function targetOf(specifier, importerPath) {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const path = relative(root, resolve(dirname(importerPath), specifier))
      .split(sep)
      .join('/');
    return { kind: 'file', path, layer: layerOf(path) };
  }
  if (specifier.startsWith('node:') || builtins.has(specifier.split('/')[0]))
    return { kind: 'builtin', name: specifier.replace(/^node:/, '') };
  const parts = specifier.split('/');
  return { kind: 'package', name: specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0] };
}

const layer =
  (...names) =>
  (target) =>
    target.kind === 'file' && names.includes(target.layer);
const files =
  (...paths) =>
  (target) =>
    target.kind === 'file' && paths.includes(target.path);
const builtin =
  (...names) =>
  (target) =>
    target.kind === 'builtin' && (names.length === 0 || names.includes(target.name));
const pkg =
  (...names) =>
  (target) =>
    target.kind === 'package' && names.includes(target.name);
const typesOnly = (rule) => (target, isType) => isType && rule(target, isType);
const not = (rule) => (target, isType) => !rule(target, isType);

const mainPackages = [
  '@azure/msal-node',
  '@microsoft/microsoft-graph-client',
  '@microsoft/microsoft-graph-types',
  'better-sqlite3',
  'jose',
  'node-forge',
  'zod',
];
const main = [layer('shared', 'core', 'node', 'sim-entry', 'main'), builtin(), pkg(...mainPackages)];

/** Per importing layer: who it is, what it may import (in words, for the message), and the rules. */
const allowLists = {
  shared: { who: 'src/shared', may: 'only src/shared and zod', rules: [layer('shared'), pkg('zod')] },
  core: {
    who: 'src/core',
    may: 'only src/shared, src/core, node:crypto and zod',
    rules: [layer('shared', 'core'), builtin('crypto'), pkg('zod')],
  },
  node: {
    who: 'src/node',
    may: 'only src/shared, src/node, Node built-ins, node-forge and jose',
    rules: [layer('shared', 'node'), builtin(), pkg('node-forge', 'jose')],
  },
  sim: {
    who: 'src/sim',
    may: 'only src/shared, src/node, src/sim, Node built-ins, zod, jose, node-forge and @microsoft/microsoft-graph-types',
    rules: [layer('shared', 'node', 'sim', 'sim-entry'), builtin(), pkg('zod', 'jose', 'node-forge', '@microsoft/microsoft-graph-types')],
  },
  main: {
    who: 'src/main',
    may: `only src/shared, src/core, src/node, src/sim/index.ts (not other simulator files), src/main outside src/main/electron, Node built-ins and ${mainPackages.join(', ')}; 'electron' only in src/main/electron`,
    rules: main,
  },
  'main-electron': {
    who: 'src/main/electron',
    may: "what the rest of src/main may, src/main/electron and 'electron'",
    rules: [...main, layer('main-electron'), pkg('electron')],
  },
  preload: {
    who: 'src/preload',
    may: "only 'electron', src/shared/ipc/channels.ts, errors.ts and bridge.ts, and src/preload",
    rules: [layer('preload'), files('src/shared/ipc/channels.ts', 'src/shared/ipc/errors.ts', 'src/shared/ipc/bridge.ts'), pkg('electron')],
  },
  renderer: {
    who: 'src/renderer',
    may: 'only src/shared, src/renderer, react and react-dom (no Node built-ins)',
    rules: [layer('shared', 'renderer'), pkg('react', 'react-dom')],
  },
  tools: { who: 'tools/', may: "anything but 'electron'", rules: [not(pkg('electron'))] },
  test: {
    who: 'test/',
    may: "anything; 'electron' only as types (import type), for stand-ins",
    rules: [not(pkg('electron')), typesOnly(pkg('electron'))],
  },
  other: { who: 'this file', may: "anything but 'electron'", rules: [not(pkg('electron'))] },
};
allowLists['sim-entry'] = allowLists.sim;

function describeTarget(target, specifier) {
  if (target.kind === 'file') return `'${specifier}' is ${target.path}`;
  return target.kind === 'builtin' ? `'${specifier}' is a Node built-in` : `'${specifier}' is the package ${target.name}`;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Each layer imports only what its allow-list names (docs/architecture.md, "Import rules").' },
    schema: [],
    messages: { refused: '{{who}} may import {{may}}; {{target}} ({{docs}}).' },
  },
  create(context) {
    const filename = context.physicalFilename ?? context.filename;
    const importer = relative(root, filename).split(sep).join('/');
    if (importer.startsWith('..')) return {};
    const list = allowLists[layerOf(importer)];

    function check(node, source, isType) {
      if (!source || typeof source.value !== 'string') return;
      const target = targetOf(source.value, filename);
      if (list.rules.some((rule) => rule(target, isType))) return;
      context.report({
        node,
        messageId: 'refused',
        data: { who: list.who, may: list.may, target: describeTarget(target, source.value), docs },
      });
    }
    const allTypes = (specifiers, key) => specifiers.length > 0 && specifiers.every((s) => s[key] === 'type');

    return {
      ImportDeclaration: (node) => check(node, node.source, node.importKind === 'type' || allTypes(node.specifiers, 'importKind')),
      ExportNamedDeclaration: (node) =>
        node.source && check(node, node.source, node.exportKind === 'type' || allTypes(node.specifiers, 'exportKind')),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source, false),
      TSImportType: (node) => {
        const literal = node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.source;
        check(node, literal, true);
      },
      TSImportEqualsDeclaration: (node) =>
        node.moduleReference.type === 'TSExternalModuleReference' &&
        check(node, node.moduleReference.expression, node.importKind === 'type'),
    };
  },
};

// Bundles the Node-side entry points with esbuild (the renderer is built by Vite):
// the Electron main process and preload (CommonJS, as Electron loads them) and the CLI (ESM).
// Packages stay external: they are installed in node_modules (better-sqlite3 is native).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: true, logLevel: 'warning' };

await Promise.all([
  build({ ...common, entryPoints: ['src/main/electron/main.ts'], outfile: 'dist/electron/main.cjs', format: 'cjs' }),
  // Sandboxed preload: one self-contained file that requires nothing but 'electron'.
  build({ ...common, entryPoints: ['src/preload/index.ts'], outfile: 'dist/preload/index.cjs', format: 'cjs' }),
  build({
    ...common,
    entryPoints: ['src/main/cli/entry.ts'],
    outfile: 'dist/cli/breakglass.mjs',
    format: 'esm',
  }),
]);

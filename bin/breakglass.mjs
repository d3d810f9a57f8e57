#!/usr/bin/env node
// The `breakglass` command: runs the built CLI bundle (npm install / npm run build make it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/cli/breakglass.mjs', import.meta.url);
if (!existsSync(bundle)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  process.stderr.write(`breakglass: the command is not built yet. Run "npm run build" in ${root}, then try again.\n`);
  process.exit(2);
}
await import(bundle.href);

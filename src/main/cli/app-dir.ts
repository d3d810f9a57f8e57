/**
 * Finds the project folder (the one holding this app's package.json) from a module's location,
 * so the CLI works the same from the built bundle (dist/cli) and from source (src/main/cli).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type AppPackage = { readonly appDir: string; readonly version: string };

export function findAppPackage(fromModuleUrl: string): AppPackage {
  let dir = dirname(fileURLToPath(fromModuleUrl));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (parsed.name === 'break-glass-runbook') return { appDir: dir, version: parsed.version ?? '0.0.0' };
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the app's package.json above ${fromModuleUrl}`);
    dir = parent;
  }
}

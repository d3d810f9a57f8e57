/**
 * Where the app keeps its files.
 *
 * Portable mode: when a file named `portable` sits next to the app (the app lives on the safe's
 * USB stick), everything goes into `data/` beside it, so the journal travels with the safe.
 * Otherwise the operating system's per-user application-data folder is used – the same folder
 * Electron's `app.getPath('userData')` names, so the desktop app and `breakglass web` share one
 * journal.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { productName } from '../../shared/product.ts';

export const portableMarkerName = 'portable';
export const journalFileName = 'journal.sqlite3';

export type DataLocation = {
  readonly dir: string;
  readonly mode: 'portable' | 'user-data' | 'chosen';
};

export type PlatformFacts = {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  readonly homeDir: string;
};

export const currentPlatform = (): PlatformFacts => ({
  platform: process.platform,
  env: process.env,
  homeDir: homedir(),
});

/** The OS application-data folder, as Electron computes `appData`. */
export function userAppDataDir(facts: PlatformFacts): string {
  switch (facts.platform) {
    case 'win32':
      return facts.env['APPDATA'] ?? join(facts.homeDir, 'AppData', 'Roaming');
    case 'darwin':
      return join(facts.homeDir, 'Library', 'Application Support');
    default:
      return facts.env['XDG_CONFIG_HOME'] || join(facts.homeDir, '.config');
  }
}

export function resolveDataLocation(options: {
  readonly appDir: string;
  readonly chosenDir?: string | undefined;
  readonly facts?: PlatformFacts;
}): DataLocation {
  if (options.chosenDir) return { dir: options.chosenDir, mode: 'chosen' };
  if (existsSync(join(options.appDir, portableMarkerName))) {
    return { dir: join(options.appDir, 'data'), mode: 'portable' };
  }
  return { dir: join(userAppDataDir(options.facts ?? currentPlatform()), productName), mode: 'user-data' };
}

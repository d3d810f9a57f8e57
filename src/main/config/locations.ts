/**
 * Where the app keeps its files.
 *
 * Portable mode: when a file named `portable` sits next to the app (the app lives on the safe's
 * USB stick), everything goes into `data/` beside it, so the journal travels with the safe.
 * Otherwise the operating system's per-user application-data folder is used – the same folder
 * Electron's `app.getPath('userData')` names, so the desktop app and `breakglass web` share one
 * journal.
 *
 * The packaged app finds the folder beside itself from facts its target leaves behind
 * (docs/domain.md, "Where the packaged app looks for the portable marker"): see packagedAppDir.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, posix, win32 } from 'node:path';

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

export type PackagedAppFacts = {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  /** The running executable, as Electron's `app.getPath('exe')` names it. */
  readonly exePath: string;
};

/** Whether `path` is `folder` or lies inside it. */
function isInside(path: string, folder: string): boolean {
  const relative = posix.relative(folder, path);
  return relative === '' || (!relative.startsWith('..') && !posix.isAbsolute(relative));
}

/**
 * The folder the custodian sees the packaged app in – where the `portable` marker and
 * `breakglass.config.json` are looked for. The executable itself often runs from elsewhere:
 * - Windows portable exe: unpacks itself to a temporary folder and runs from there; its launcher
 *   names its own folder in `PORTABLE_EXECUTABLE_DIR`.
 * - Linux AppImage: runs from the image mounted at `APPDIR` (under /tmp); the runtime names the
 *   AppImage file in `APPIMAGE`. Only trusted while the executable is inside `APPDIR`, so that a
 *   value inherited from some other AppImage cannot move the data of an unpacked build.
 * - macOS: the executable is `Name.app/Contents/MacOS/Name`; the folder holding the bundle counts.
 * - Anything else (an unpacked build such as linux-unpacked or win-unpacked): the executable's folder.
 */
export function packagedAppDir(facts: PackagedAppFacts): string {
  const { platform, env, exePath } = facts;
  if (platform === 'win32') {
    const launcherDir = env['PORTABLE_EXECUTABLE_DIR'];
    return launcherDir ? launcherDir : win32.dirname(exePath);
  }
  if (platform === 'linux') {
    const appImage = env['APPIMAGE'];
    const mounted = env['APPDIR'];
    if (appImage && mounted && isInside(exePath, mounted)) return posix.dirname(appImage);
  }
  if (platform === 'darwin') {
    const macOsDir = posix.dirname(exePath);
    const contents = posix.dirname(macOsDir);
    const bundle = posix.dirname(contents);
    if (posix.basename(macOsDir) === 'MacOS' && posix.basename(contents) === 'Contents' && bundle.endsWith('.app')) {
      return posix.dirname(bundle);
    }
  }
  return posix.dirname(exePath);
}

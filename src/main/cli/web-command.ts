/**
 * `breakglass web`: serves the real UI and main-process services to a local browser.
 */
import { join } from 'node:path';

import { ActionableError } from '../../shared/actionable-error.ts';
import { createDispatcher } from '../ipc/dispatch.ts';
import { createHandlers } from '../ipc/handlers.ts';
import { startWebHost } from '../host/web-host.ts';
import { resolveAppSetup } from '../services/app-status.ts';
import { rendererIndexExists } from '../static-files.ts';
import type { AppPackage } from './app-dir.ts';
import { openInBrowser } from './open-browser.ts';

export type WebCommandOptions = {
  readonly config?: string | undefined;
  readonly sim?: string | undefined;
  readonly port?: number | undefined;
  readonly dataDir?: string | undefined;
  readonly open: boolean;
};

export type Output = { out(line: string): void; err(line: string): void };

export async function runWebCommand(pkg: AppPackage, options: WebCommandOptions, output: Output): Promise<() => Promise<void>> {
  const rendererDir = join(pkg.appDir, 'dist', 'renderer');
  if (!rendererIndexExists(rendererDir)) {
    throw new ActionableError(
      `The app's screens are not built (no ${join(rendererDir, 'index.html')}).`,
      'Run "npm run build" in the project folder, then run this command again.',
    );
  }
  const setup = resolveAppSetup({
    host: 'web',
    appDir: pkg.appDir,
    version: pkg.version,
    configPath: options.config,
    simSeedPath: options.sim,
    dataDir: options.dataDir,
  });
  const host = await startWebHost({
    rendererDir,
    dispatch: createDispatcher(createHandlers(setup)),
    port: options.port,
  });
  output.out(`URL: ${host.url}`);
  output.err(`Serving ${setup.tenant.label} on 127.0.0.1 only. Journal: ${setup.journalFile}. Stop with Ctrl+C.`);
  if (options.open) {
    output.err(
      openInBrowser(host.url)
        ? 'Opened the system browser.'
        : 'No browser can be opened on this machine: open the URL above in a browser on this computer.',
    );
  }
  return () => host.close();
}

/**
 * `breakglass web`: serves the real UI and main-process services to a local browser.
 */
import { join } from 'node:path';

import { ActionableError } from '../../shared/actionable-error.ts';
import type { RedactionMode } from '../../core/journal/redaction.ts';
import { serveApp } from '../host/serve-app.ts';
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

/**
 * Undeclared secret-looking journal values are refused loudly in development and redacted in
 * production (the default here: custodians use this command when Electron is unavailable).
 */
function redactionMode(env: NodeJS.ProcessEnv): RedactionMode {
  return env['BREAKGLASS_REDACTION'] === 'development' ? 'development' : 'production';
}

export type Output = { out(line: string): void; err(line: string): void };

export async function runWebCommand(pkg: AppPackage, options: WebCommandOptions, output: Output): Promise<() => Promise<void>> {
  const rendererDir = join(pkg.appDir, 'dist', 'renderer');
  if (!rendererIndexExists(rendererDir)) {
    throw new ActionableError(
      `The app's screens are not built (no ${join(rendererDir, 'index.html')}).`,
      'Run "npm run build" in the project folder, then run this command again.',
    );
  }
  const app = await serveApp({
    rendererDir,
    port: options.port,
    setup: {
      appDir: pkg.appDir,
      version: pkg.version,
      configPath: options.config,
      simSeedPath: options.sim,
      dataDir: options.dataDir,
      redaction: redactionMode(process.env),
    },
  });
  const { host, services } = app;
  output.out(`URL: ${host.url}`);
  output.err(`Serving ${services.setup.tenant.label} on 127.0.0.1 only. Journal: ${services.journal.location().file}. Stop with Ctrl+C.`);
  if (options.open) {
    output.err(
      openInBrowser(host.url)
        ? 'Opened the system browser.'
        : 'No browser can be opened on this machine: open the URL above in a browser on this computer.',
    );
  }
  return () => app.close();
}

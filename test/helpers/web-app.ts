/** The real app (built renderer + main-process handlers) behind an in-process web host. */
import { join } from 'node:path';

import { startWebHost, type WebHost } from '../../src/main/host/web-host.ts';
import { createDispatcher } from '../../src/main/ipc/dispatch.ts';
import { createHandlers } from '../../src/main/ipc/handlers.ts';
import { resolveAppSetup, type AppSetupOptions } from '../../src/main/services/app-status.ts';
import { rendererIndexExists } from '../../src/main/static-files.ts';

export const builtRendererDir = join(process.cwd(), 'dist', 'renderer');

export async function startWebApp(options: Partial<AppSetupOptions> & { dataDir: string }): Promise<WebHost> {
  if (!rendererIndexExists(builtRendererDir)) throw new Error('The renderer is not built: run "npm run build" first.');
  const setup = resolveAppSetup({ host: 'web', appDir: process.cwd(), version: '0.0.0-test', ...options });
  return startWebHost({ rendererDir: builtRendererDir, dispatch: createDispatcher(createHandlers(setup)) });
}

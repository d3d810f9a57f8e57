/** The real app (built renderer + main-process services) behind an in-process web host. */
import { join } from 'node:path';

import { serveApp, type ServedApp } from '../../src/main/host/serve-app.ts';
import type { AppSetupOptions } from '../../src/main/services/app-setup.ts';
import { rendererIndexExists } from '../../src/main/static-files.ts';

export const builtRendererDir = join(process.cwd(), 'dist', 'renderer');

export async function startWebApp(options: Partial<Omit<AppSetupOptions, 'host'>> & { dataDir: string }): Promise<ServedApp> {
  if (!rendererIndexExists(builtRendererDir)) throw new Error('The renderer is not built: run "npm run build" first.');
  return serveApp({
    rendererDir: builtRendererDir,
    setup: { appDir: process.cwd(), version: '0.0.0-test', redaction: 'development', ...options },
  });
}

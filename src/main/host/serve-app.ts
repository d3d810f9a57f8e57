/**
 * The whole app behind the web host: setup resolved, services started, handlers served.
 * Used by `breakglass web`, the end-to-end tests and the UI benchmark alike.
 */
import { createDispatcher } from '../ipc/dispatch.ts';
import { createHandlers } from '../ipc/handlers.ts';
import { startAppServices, type AppServices } from '../services/app-services.ts';
import { resolveAppSetup, type AppSetupOptions } from '../services/app-setup.ts';
import { startWebHost, type WebHost } from './web-host.ts';

export type ServedApp = {
  readonly host: WebHost;
  readonly services: AppServices;
  close(): Promise<void>;
};

export async function serveApp(options: {
  readonly setup: Omit<AppSetupOptions, 'host'>;
  readonly rendererDir: string;
  readonly port?: number | undefined;
}): Promise<ServedApp> {
  const services = startAppServices(resolveAppSetup({ ...options.setup, host: 'web' }));
  try {
    const host = await startWebHost({
      rendererDir: options.rendererDir,
      dispatch: createDispatcher(createHandlers(services)),
      port: options.port,
    });
    return {
      host,
      services,
      async close() {
        await host.close();
        await services.close();
      },
    };
  } catch (error) {
    await services.close();
    throw error;
  }
}

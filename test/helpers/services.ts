/** Real main-process services on a temporary data folder, closed after the test file. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after } from 'node:test';

import { createHandlers } from '../../src/main/ipc/handlers.ts';
import { startAppServices, type AppServices } from '../../src/main/services/app-services.ts';
import { resolveAppSetup } from '../../src/main/services/app-setup.ts';
import type { ChannelName } from '../../src/shared/ipc/channels.ts';
import type { HandlerTable } from '../../src/shared/ipc/contract.ts';
import type { ReadinessProgress } from '../../src/shared/model/readiness.ts';
import type { SignInProgress } from '../../src/shared/model/sign-in.ts';
import { scriptedBrowser, type KeyTouch } from './sim.ts';
import { tempDir } from './temp.ts';

/** With `simSeed`, the services drill against that seed (written beside them as drill.seed.json). */
export function startTestServices(options: { readonly simSeed?: unknown } = {}): AppServices {
  const dir = tempDir();
  let simSeedPath: string | undefined;
  if (options.simSeed !== undefined) {
    simSeedPath = join(dir, 'drill.seed.json');
    writeFileSync(simSeedPath, JSON.stringify(options.simSeed));
  }
  const services = startAppServices(
    resolveAppSetup({
      host: 'web',
      appDir: dir,
      version: '0.0.0-test',
      dataDir: join(dir, 'data'),
      redaction: 'development',
      ...(simSeedPath ? { simSeedPath } : {}),
    }),
  );
  after(() => services.close());
  return services;
}

/** The real handler table, recording which channels were actually called. */
export function recordingHandlers(services: AppServices, calls: ChannelName[]): HandlerTable {
  const real = createHandlers(services);
  const wrapped: Record<string, unknown> = {};
  for (const channel of Object.keys(real) as ChannelName[]) {
    const handler = real[channel] as (input: never) => unknown;
    wrapped[channel] = (input: never) => {
      calls.push(channel);
      return handler(input);
    };
  }
  return wrapped as HandlerTable;
}

/**
 * Polls a sign-in attempt like the renderer until it settles; at the browser step the custodian
 * touches the given key on the simulated security-key page.
 */
export async function settleSignIn(
  services: AppServices,
  attemptId: string,
  touch?: { key: string; pin: string },
  ...more: KeyTouch[]
): Promise<SignInProgress> {
  let answered = false;
  for (;;) {
    const progress = services.signIn.progress(attemptId);
    if (progress.state === 'signed-in' || progress.state === 'failed' || progress.state === 'refused') return progress;
    if (progress.state === 'browser' && !answered && touch) {
      answered = true;
      const endpoints = await services.tenant.endpoints();
      await scriptedBrowser({ origin: new URL(endpoints.authority).origin, caCertificatePem: endpoints.trustedCa! }, [
        touch,
        ...more,
      ]).openBrowser(progress.url);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Polls a readiness run like the renderer until it finishes; fails the test unless it is done. */
export async function settleReadiness(services: AppServices, runId: string): Promise<Extract<ReadinessProgress, { state: 'done' }>> {
  let progress = services.readiness.progress(runId);
  while (progress.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 20));
    progress = services.readiness.progress(runId);
  }
  if (progress.state !== 'done') throw new Error(`The readiness run did not finish: ${JSON.stringify(progress)}`);
  return progress;
}

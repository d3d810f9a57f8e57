/**
 * The one setup of the end-to-end tests (docs/architecture.md, "Tests"): Chromium with one
 * browser context, the real app behind the web host on a fresh data folder – on the simulated
 * tenant of the seed given, else on the built-in demo tenant – and the folder for screenshots.
 * Call `startE2e()` in a `describe`: it registers the `before` and `after` hooks that start and
 * close all of it, and its handle is usable from the tests on.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';

import type { Browser, BrowserContext, Page } from 'playwright';

import { serveApp, type ServedApp } from '../../src/main/host/serve-app.ts';
import type { AppSetupOptions } from '../../src/main/services/app-setup.ts';
import { rendererIndexExists } from '../../src/main/static-files.ts';
import { launchChromium } from './browser.ts';
import { tempDir } from './temp.ts';

export const screenshotDir = join(process.cwd(), 'test-output');
const builtRendererDir = join(process.cwd(), 'dist', 'renderer');

/** The real app (the built renderer and the main-process services) behind an in-process web host. */
async function startWebApp(options: Partial<Omit<AppSetupOptions, 'host'>> & { dataDir: string }): Promise<ServedApp> {
  if (!rendererIndexExists(builtRendererDir)) throw new Error('The renderer is not built: run "npm run build" first.');
  return serveApp({
    rendererDir: builtRendererDir,
    setup: { appDir: process.cwd(), version: '0.0.0-test', redaction: 'development', ...options },
  });
}

export type E2eOptions = {
  /** The simulated tenant's seed (JSON-ready); without one, the app runs on the built-in demo tenant. */
  readonly simSeed?: unknown;
  /** An inventory file, as `--config` gives it. */
  readonly configPath?: string;
  /** `false`: no app is started with the browser; each test serves its own (`serve`). */
  readonly app?: boolean;
  readonly viewport?: { readonly width: number; readonly height: number };
  /** The browser's time zone (an IANA name); the machine's own unless given. */
  readonly timezoneId?: string;
};

/** A page and what went wrong on it: page errors, and console errors and warnings. */
export type Opened = { readonly page: Page; readonly problems: string[] };

export type E2e = {
  /** The test file's temporary folder; the data folder is `data` in it. */
  readonly dir: string;
  readonly dataDir: string;
  readonly browser: Browser;
  /** One context for the file; it accepts the simulator's own CA, as a drill browser is told to. */
  readonly context: BrowserContext;
  /** The app started before the tests (not with `app: false`). */
  readonly app: ServedApp;
  /** Another app on a data folder of its own (a fresh one unless given), closed after the tests. */
  serve(dataDir?: string): Promise<ServedApp>;
  /** Quits the app and starts it again on the same data folder and tenant, as reopening it does. */
  restart(): Promise<ServedApp>;
  /** A new page on the app (or `url`), watched for problems from the start. */
  open(options?: { readonly app?: ServedApp; readonly url?: string; readonly colorScheme?: 'light' | 'dark' }): Promise<Opened>;
  /** The whole page as `test-output/<name>.png`. */
  screenshot(page: Page, name: string): Promise<void>;
};

/**
 * Collects a page's problems into `problems`. `ignore` drops console messages that are expected
 * (msal's loopback listener refusing the browser once it has its code).
 */
export function watchProblems(page: Page, options: { readonly ignore?: RegExp; readonly problems?: string[] } = {}): string[] {
  const { ignore, problems = [] } = options;
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if ((message.type() === 'error' || message.type() === 'warning') && !ignore?.test(message.text()))
      problems.push(`${message.type()}: ${message.text()}`);
  });
  return problems;
}

export function startE2e(options: E2eOptions = {}): E2e {
  const dir = tempDir();
  const dataDir = join(dir, 'data');
  let simSeedPath: string | undefined;
  if (options.simSeed !== undefined) {
    simSeedPath = join(dir, 'tenant.seed.json');
    writeFileSync(simSeedPath, JSON.stringify(options.simSeed));
  }
  const setupFor = (folder: string) => ({
    dataDir: folder,
    ...(simSeedPath ? { simSeedPath } : {}),
    ...(options.configPath ? { configPath: options.configPath } : {}),
  });

  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let app: ServedApp | undefined;
  const others: ServedApp[] = [];
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The ${what} is not started: use it from the tests, after startE2e's before hook.`);
    return value;
  };

  before(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    browser = await launchChromium();
    context = await browser.newContext({
      ignoreHTTPSErrors: true,
      viewport: options.viewport ?? { width: 1100, height: 900 },
      ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    });
    if (options.app !== false) app = await startWebApp(setupFor(dataDir));
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    for (const other of others) await other.close();
  });

  return {
    dir,
    dataDir,
    get browser() {
      return ready(browser, 'browser');
    },
    get context() {
      return ready(context, 'browser context');
    },
    get app() {
      return ready(app, 'app');
    },
    async serve(folder = tempDir()) {
      const served = await startWebApp(setupFor(folder));
      others.push(served);
      return served;
    },
    async restart() {
      await ready(app, 'app').close();
      app = undefined;
      app = await startWebApp(setupFor(dataDir));
      return app;
    },
    async open(openOptions = {}) {
      const page = await ready(context, 'browser context').newPage();
      const problems = watchProblems(page);
      if (openOptions.colorScheme) await page.emulateMedia({ colorScheme: openOptions.colorScheme });
      await page.goto(openOptions.url ?? (openOptions.app ?? ready(app, 'app')).host.url);
      return { page, problems };
    },
    async screenshot(page, name) {
      await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
    },
  };
}

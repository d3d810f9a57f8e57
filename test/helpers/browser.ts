/**
 * Real Chromium for UI tests: Debian's `chromium` driven by playwright-core (Playwright's own
 * browser download is not reachable here). CHROMIUM_PATH overrides the location.
 */
import { existsSync } from 'node:fs';

import { chromium, type Browser } from 'playwright-core';

const candidates = [process.env['CHROMIUM_PATH'], '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const chromiumPath = candidates.find((path): path is string => Boolean(path && existsSync(path)));

/** Why browser tests cannot run here, or undefined when they can. */
export const noChromiumReason = chromiumPath
  ? undefined
  : 'no Chromium found (install Debian\'s "chromium" package or set CHROMIUM_PATH); .ci/run installs it';

export function launchChromium(): Promise<Browser> {
  if (!chromiumPath) throw new Error(noChromiumReason);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

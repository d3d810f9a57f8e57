/**
 * Real Chromium for UI tests: Debian's `chromium` driven by the `playwright` package, which has no
 * install script and never downloads browsers (Playwright's browser download is not reachable
 * here). CHROMIUM_PATH overrides the location.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { chromium, type Browser, type Page } from 'playwright';

const candidates = [
  process.env['CHROMIUM_PATH'],
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

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
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now, each with where it is. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> };
      }
    ).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

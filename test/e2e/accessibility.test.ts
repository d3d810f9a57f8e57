/**
 * axe-core on every screen, in the light and the dark scheme, with colour contrast included
 * (test/helpers/browser.ts runs axe's every rule): home, the journal and one session in it, the
 * emergency sign-in, Check readiness with its results, the incident's first steps, the rotation's
 * first step, Settings and the Drill screen, on a tenant with 195 Conditional Access policies
 * (test/helpers/large-tenant.ts). Each app serves a data folder of its own, so both
 * schemes walk the same screens from the same start. A screenshot of each is in test-output/.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import type { Page } from 'playwright';

import { noChromiumReason, seriousAxeViolations } from '../helpers/browser.ts';
import { startE2e } from '../helpers/e2e.ts';
import { largeTenantSeedJson } from '../helpers/large-tenant.ts';

describe('accessibility of every screen in Chromium', { skip: noChromiumReason }, () => {
  // A tenant of real size: the readiness results of 195 Conditional Access policies.
  const e2e = startE2e({
    simSeed: largeTenantSeedJson(),
    configPath: join(process.cwd(), 'assets', 'demo-tenant.config.json'),
    viewport: { width: 1100, height: 900 },
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe finds no serious or critical violation on any screen (${scheme})`, async () => {
      const app = scheme === 'light' ? e2e.app : await e2e.serve();
      const { page, problems } = await e2e.open({ app, colorScheme: scheme });
      const checked: string[] = [];
      const check = async (name: string) => {
        await e2e.screenshot(page, `a11y-${scheme}-${name}`);
        assert.deepEqual(await seriousAxeViolations(page), [], `axe on ${name} (${scheme})`);
        checked.push(name);
      };
      const home = async () => {
        await page.getByRole('button', { name: 'Back to the home screen' }).click();
        await page.getByRole('heading', { level: 1, name: 'Break-Glass Runbook' }).waitFor();
      };
      const openFromHome = async (button: RegExp, heading: string | RegExp) => {
        await page.getByRole('button', { name: button }).click();
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      };

      await page.getByRole('heading', { level: 1, name: 'Break-Glass Runbook' }).waitFor();
      await check('home');

      await openFromHome(/Check readiness/, 'Check readiness');
      await page.getByLabel('Your name (for the journal)').fill('Ada Custodian');
      await page.getByRole('button', { name: 'Run the checks' }).click();
      await page.getByRole('heading', { name: 'Not ready' }).waitFor();
      // One finding open, to check its details too.
      await page.locator('.result-section-fail .result').first().getByText('Details').click();
      await check('readiness-results');
      await home();

      await openFromHome(/Open the journal/, 'Journal');
      await check('journal');
      await page.locator('.session').first().click();
      await page.getByRole('heading', { level: 1, name: /Readiness/ }).waitFor();
      await page.locator('.timeline details summary').first().click();
      await check('journal-session');
      await page.getByRole('button', { name: '← All sessions' }).click();
      await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
      await page.getByRole('button', { name: 'Back to the home screen' }).click();

      await openFromHome(/Sign in to the tenant/, 'Sign in outside the runbook');
      await check('sign-in');
      await home();

      await openFromHome(/Rotate credentials/, 'Rotate credentials');
      await page.getByRole('button', { name: 'Begin the rotation' }).waitFor();
      await check('rotation-begin');
      await home();

      await openFromHome(/^Settings: the runbook/, 'Settings');
      await check('settings');
      await home();

      await openFromHome(/^Drill/, 'Drill');
      await check('drill');
      await home();

      await incidentFirstSteps(page);
      await check('incident-open');
      await page.getByRole('button', { name: 'Open the incident' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tell security operations' }).waitFor();
      await check('incident-first-step');

      assert.deepEqual(checked, [
        'home',
        'readiness-results',
        'journal',
        'journal-session',
        'sign-in',
        'rotation-begin',
        'settings',
        'drill',
        'incident-open',
        'incident-first-step',
      ]);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
});

async function incidentFirstSteps(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Incident: emergency sign-in/ }).click();
  await page.getByRole('button', { name: 'Open the incident' }).waitFor();
  await page.getByLabel('Custodian (your name)').fill('Ada Custodian');
  await page.getByLabel('Witness (recommended)').fill('Grace Witness');
}

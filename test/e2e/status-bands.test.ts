/**
 * What stays above every screen, in real Chromium through the web host: the DRILL band on the
 * simulated tenant, and – once an incident is open and the custodian has left it – the banner
 * with the step, the running timer and Resume, on the home screen and on another screen, which
 * leads back to the same step. On a tenant of real size (195 Conditional Access policies); axe
 * on each screen with them, in both themes.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { Page } from 'playwright';

import { noChromiumReason, seriousAxeViolations } from '../helpers/browser.ts';
import { startE2e } from '../helpers/e2e.ts';
import { openIncidentOn } from '../helpers/incident-e2e.ts';
import { largeTenantSeedJson } from '../helpers/large-tenant.ts';

describe('the DRILL band and the open-incident banner in Chromium', { skip: noChromiumReason }, () => {
  const e2e = startE2e({ simSeed: largeTenantSeedJson(), viewport: { width: 1100, height: 900 } });

  const drillBand = (page: Page) => page.getByRole('note', { name: 'Drill' });
  const banner = (page: Page) => page.getByRole('region', { name: 'A drill is open' });

  async function checkScreen(page: Page, name: string) {
    await e2e.screenshot(page, `bands-${name}`);
    assert.deepEqual(await seriousAxeViolations(page), [], `axe on ${name}`);
  }

  test('the simulated tenant says DRILL in words on every screen, and nothing is open yet', async () => {
    const { page, problems } = await e2e.open();
    await page.getByRole('heading', { level: 1, name: 'Break-Glass Runbook' }).waitFor();
    assert.match(await drillBand(page).innerText(), /^DRILL\s+A practice run on .+: nothing here touches a real tenant\.$/);
    assert.equal(await banner(page).count(), 0, 'no banner without an open incident');
    for (const [entry, heading] of [
      [/Check readiness/, 'Check readiness'],
      [/Open the journal/, 'Journal'],
      [/Incident: emergency sign-in/, 'Incident: emergency sign-in'],
    ] as const) {
      await page.getByRole('button', { name: entry }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      assert.ok(await drillBand(page).isVisible(), `the DRILL band on ${heading}`);
      await page.getByRole('button', { name: 'Back to the home screen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Break-Glass Runbook' }).waitFor();
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('after leaving an open incident, home leads with Resume, the banner follows to other screens, and Resume lands at the same step', async () => {
    const { page, problems } = await e2e.open();
    await openIncidentOn(page, 'INC-B1');
    assert.equal(await banner(page).count(), 0, 'the incident screen has no banner: it is the incident');
    await page.getByLabel('Whom did you tell?').fill('SOC duty officer');
    await page.getByLabel('How (phone, in person…)?').fill('phone');
    await page.getByRole('button', { name: 'Security operations knows – go on' }).click();
    await page.getByRole('heading', { level: 1, name: 'Open the safe' }).waitFor();
    await page.getByRole('button', { name: 'Back to the home screen' }).click();

    await page.getByRole('heading', { level: 1, name: 'Break-Glass Runbook' }).waitFor();
    await banner(page).waitFor();
    assert.match(await banner(page).innerText(), /A drill is open\.\s+Step 3 of 8: Open the safe/);
    const timer = banner(page).getByRole('timer', { name: /^Open for \d\d hours \d\d minutes$/ });
    const first = await timer.innerText();
    assert.match(first, /^Open for \d\d:\d\d:\d\d$/);
    await page.waitForTimeout(1100);
    assert.notEqual(await timer.innerText(), first, 'the timer runs');
    // By keyboard, the first stop on the home screen is Resume; the incident's entry point resumes too.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Resume the drill');
    assert.deepEqual(await page.locator('.entry-incident .entry-title').allInnerTexts(), ['Resume the drill']);
    await checkScreen(page, 'home');
    const { page: dark } = await e2e.open({ colorScheme: 'dark' });
    await banner(dark).waitFor();
    await checkScreen(dark, 'home-dark');
    await dark.close();

    await page.getByRole('button', { name: /Open the journal/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
    assert.match(await banner(page).innerText(), /Step 3 of 8: Open the safe/);
    await checkScreen(page, 'journal');
    await banner(page).getByRole('button', { name: 'Resume the drill' }).click();
    await page.getByRole('heading', { level: 1, name: 'Open the safe' }).waitFor();
    assert.equal(await banner(page).count(), 0);
    assert.match(await page.locator('.steps').innerText(), /✓ Tell security operations/);

    // By keyboard alone: Escape leaves the step (nothing typed), Tab and Enter resume it.
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { level: 1, name: 'Break-Glass Runbook' }).waitFor();
    await banner(page).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Open the safe' }).waitFor();
    await page.getByRole('button', { name: 'Back to the home screen' }).click();
    await page.getByRole('button', { name: /^Resume the drill A drill is open/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Open the safe' }).waitFor();

    // A sign-in outside the runbook is not offered while the drill is open: its screen says why and resumes it.
    await page.getByRole('button', { name: 'Back to the home screen' }).click();
    await page.getByRole('button', { name: 'Sign in to the tenant' }).click();
    await page.getByRole('heading', { level: 2, name: 'A drill is open' }).waitFor();
    assert.equal(
      await page.getByLabel('Why are you signing in outside the runbook?').count(),
      0,
      'no sign-in form while the drill is open',
    );
    await checkScreen(page, 'sign-in-while-open');
    await page.getByRole('main').getByRole('button', { name: 'Resume the drill' }).click();
    await page.getByRole('heading', { level: 1, name: 'Open the safe' }).waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });
});

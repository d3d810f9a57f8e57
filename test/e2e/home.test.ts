// The home screen in real Chromium, through the web host, as a custodian would use it.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { noChromiumReason, seriousAxeViolations } from '../helpers/browser.ts';
import { startE2e, type Opened } from '../helpers/e2e.ts';

const entryPoints = ['Incident: emergency sign-in', 'Rotate credentials', 'Check readiness', 'Drill'];

describe('home screen in Chromium', { skip: noChromiumReason }, () => {
  const e2e = startE2e({ viewport: { width: 1100, height: 800 } });

  async function open(colorScheme: 'light' | 'dark' = 'light'): Promise<Opened> {
    const { page, problems } = await e2e.open({ colorScheme });
    await page.getByRole('heading', { level: 1, name: 'Break-Glass Runbook' }).waitFor();
    await page.getByRole('button', { name: /Drill/ }).waitFor();
    return { page, problems };
  }

  test('renders the product, the tenant, the journal and the four entry points with no console errors', async () => {
    const { page, problems } = await open();
    const text = await page.locator('main').innerText();
    assert.match(text, /Demo tenant – simulated/);
    assert.match(text, /Contoso Drill/);
    assert.ok(text.includes(join(e2e.dataDir, 'journal.sqlite3')), 'the journal path is shown');
    assert.match(text, /Ready; nothing recorded yet/);
    const buttons = await page.locator('.entry-point .entry-title').allInnerTexts();
    assert.deepEqual(buttons, entryPoints);
    await e2e.screenshot(page, 'home-light');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('Tab reaches each entry point in order, and Enter opens it with a plain explanation', async () => {
    const { page, problems } = await open();
    for (const [index, title] of entryPoints.entries()) {
      // Each pass starts from a fresh home screen and tabs to the index-th entry point.
      for (let presses = 0; presses <= index; presses += 1) await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.querySelector('.entry-title')?.textContent ?? '');
      assert.equal(focused, title, `Tab #${index + 1} should land on "${title}"`);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      if (title === 'Check readiness') {
        // Built: its own screen, ready to run once its options have loaded.
        await page.getByText(/never with a break-glass credential/).waitFor();
        assert.doesNotMatch(await page.locator('main').innerText(), /Not available in this version yet/);
      } else if (title === 'Incident: emergency sign-in') {
        // Built: the incident opens with who is at the safe and why.
        await page.getByRole('button', { name: 'Open the incident' }).waitFor();
        assert.doesNotMatch(await page.locator('main').innerText(), /Not available in this version yet/);
      } else if (title === 'Rotate credentials') {
        // Built: what will be rotated and why, before anything is touched.
        await page.getByRole('button', { name: 'Begin the rotation' }).waitFor();
        assert.doesNotMatch(await page.locator('main').innerText(), /Not available in this version yet/);
      } else {
        const text = await page.locator('main').innerText();
        assert.match(text, /Not available in this version yet/);
        assert.match(text, /What to do now:/);
      }
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus moves to the new heading');
      if (index === 3) await e2e.screenshot(page, 'capability-drill');
      await page.keyboard.press('Escape');
      await page.getByRole('heading', { level: 1, name: 'Break-Glass Runbook' }).waitFor();
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the Back button returns to the home screen', async () => {
    const { page } = await open();
    await page.getByRole('button', { name: /Check readiness/ }).click();
    await page.getByRole('button', { name: 'Back to the home screen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Break-Glass Runbook' }).waitFor();
    await page.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe-core finds no serious or critical violations (${scheme} theme, home and an entry point)`, async () => {
      const { page } = await open(scheme);
      assert.deepEqual(await seriousAxeViolations(page), []);
      if (scheme === 'dark') await e2e.screenshot(page, 'home-dark');
      await page.getByRole('button', { name: /^Drill/ }).click();
      await page.getByText('Not available in this version yet').waitFor();
      assert.deepEqual(await seriousAxeViolations(page), []);
      await page.getByRole('button', { name: 'Back to the home screen' }).click();
      await page.getByRole('button', { name: /Rotate credentials/ }).click();
      await page.getByRole('button', { name: 'Begin the rotation' }).waitFor();
      assert.deepEqual(await seriousAxeViolations(page), []);
      if (scheme === 'dark') await e2e.screenshot(page, 'rotation-dark');
      await page.close();
    });
  }

  test('the theme follows the operating system', async () => {
    const background = async (scheme: 'light' | 'dark') => {
      const { page } = await open(scheme);
      const color = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      await page.close();
      return color;
    };
    assert.notEqual(await background('light'), await background('dark'));
  });

  test('a page opened without the launch token is refused by the app and says what to do', async () => {
    const { page } = await e2e.open({ url: e2e.app.host.url.replace(/#token=.*/, '') });
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /does not carry the token[\s\S]*Open the exact URL printed/);
    await page.close();
  });
});

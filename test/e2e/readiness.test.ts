/**
 * The Check readiness screen in real Chromium through the web host, on the demo tenant: the run's
 * progress, the verdict, the findings grouped with their evidence and fix, the status filter,
 * export, the history from the journal, and the alert query with its copy button.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';

import type { Page } from 'playwright';

import { noChromiumReason, seriousAxeViolations } from '../helpers/browser.ts';
import { startE2e } from '../helpers/e2e.ts';

describe('Check readiness in Chromium', { skip: noChromiumReason }, () => {
  const e2e = startE2e();
  let page: Page;
  let problems: string[];

  before(async () => {
    ({ page, problems } = await e2e.open());
  });

  test('runs from the home screen and shows the verdict and the planted problems of the demo tenant', async () => {
    await page.getByRole('button', { name: /Check readiness/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Check readiness' }).waitFor();
    await page.getByLabel('Your name (for the journal)').fill('Ada Custodian');
    await page.getByRole('button', { name: 'Run the checks' }).click();
    await page.getByRole('heading', { name: 'Not ready' }).waitFor();
    const text = await page.locator('main').innerText();
    for (const planted of ['BG-CA-01', 'BG-APP-04', 'BG-MON-02', 'BG-MON-04', 'BG-USR-05', 'BG-CA-02', 'BG-CA-04'])
      assert.match(text, new RegExp(planted));
    // A lock-out names the policy and the account it locks out.
    assert.match(
      text,
      /BG-CA-01 CA210-Internals-DataProtection-Office365-AnyPlatform-CompliantDevice × breakglass2@contosodrill\.onmicrosoft\.com/,
    );
    for (const group of ['Break-glass accounts', 'Break-glass app', 'Conditional Access policies', 'Monitoring', 'Sign-in client'])
      assert.ok(await page.getByRole('heading', { level: 3, name: group }).isVisible());
    // Every result of the run is on the screen, none left out of the groups.
    const total = Number(/All \((\d+)\)/.exec(await page.getByRole('button', { name: /^All \(\d+\)$/ }).innerText())?.[1]);
    assert.equal(await page.locator('.result').count(), total);
    assert.match(text, /BG-CLI-01/);
    await e2e.screenshot(page, 'readiness-results');
    assert.deepEqual(problems, []);
  });

  test('a finding opens to its evidence and fix; the filter shows only failures', async () => {
    await page.getByRole('button', { name: /^Fail \(\d+\)$/ }).click();
    const shown = await page.locator('.result').allInnerTexts();
    assert.ok(shown.length > 0 && shown.every((t) => t.startsWith('Fail')), shown.join('\n'));
    await page.locator('.result summary', { hasText: 'BG-APP-04' }).click();
    await page.getByText(/How to fix: Delete every client secret/).waitFor();
    await e2e.screenshot(page, 'readiness-finding');
    const violations = await seriousAxeViolations(page);
    assert.deepEqual(violations, []);
  });

  test('the run is exported beside the journal and listed among earlier checks', async () => {
    await page.getByRole('button', { name: 'Export as Markdown' }).click();
    const note = page.locator('.actions [aria-live="polite"]').first();
    await note.filter({ hasText: /\S/ }).waitFor();
    const saved = await note.innerText();
    assert.match(saved, /^Saved .*readiness-.*\.md$/);
    const file = saved.replace(/^Saved /, '');
    assert.ok(existsSync(file));
    assert.match(readFileSync(file, 'utf8'), /^# Break-glass readiness: FAIL/);
    await page.getByRole('heading', { name: 'Earlier checks (from the journal)' }).waitFor();
    // The demo's seven planted problems, and BG-REV-01: this new journal holds no drill yet.
    assert.match(await page.locator('.history').innerText(), /4 fail, 5 warning, 0 could not check/);
  });

  test('the alert query for the accounts is shown with a copy button', async () => {
    const query = await page.getByLabel('the query for the break-glass accounts', { exact: true }).innerText();
    assert.match(query, /SigninLogs/);
    assert.match(query, /4b6f0d2e-8c1a-4f3b-9e57-2a9d6c0e1f34/);
    await page.getByRole('button', { name: 'Save Maester’s EmergencyAccessAccounts config' }).click();
    await page.getByText(/^Saved .*maester-config-.*\.json$/).waitFor();
  });
});

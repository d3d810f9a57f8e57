/**
 * The Check readiness screen in real Chromium through the web host, on the demo tenant: the run's
 * progress, the verdict, the findings worst first with the fix first and the ids in the details, the status filter,
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
    await page.getByRole('heading', { name: 'Checking…' }).waitFor();
    await page.getByRole('heading', { name: 'Not ready' }).waitFor();
    const text = await page.locator('main').innerText();
    // Worst first: the failures, the warnings, and what passed, grouped (on the demo every check could read what it needs).
    const sections = await page.locator('.result-section > h3').allInnerTexts();
    assert.deepEqual(
      sections.map((t) => t.replace(/ \(\d+\)$/, '')),
      ['Fix these first', 'Warnings', 'Passed'],
    );
    // Each failure leads with its fix; the check id and the Azure resource paths are in its details, not in view.
    const failures = await page.locator('.result-section-fail .result').allInnerTexts();
    assert.equal(failures.length, 4);
    for (const failure of failures) assert.match(failure, /^Fail\s+How to fix: /, failure);
    const results = await page.locator('section[aria-labelledby="verdict-heading"]').innerText();
    assert.doesNotMatch(results, /\/subscriptions\/|[0-9a-f]{8}-[0-9a-f]{4}-/);
    for (const row of await page.locator('.result-what').allInnerTexts()) assert.doesNotMatch(row, /BG-[A-Z]+-\d\d/, row);
    const details = (await page.locator('main').textContent()) ?? '';
    for (const planted of ['BG-CA-01', 'BG-APP-04', 'BG-MON-02', 'BG-MON-04', 'BG-USR-05', 'BG-CA-02', 'BG-CA-04', 'BG-CLI-01'])
      assert.match(details, new RegExp(planted));
    assert.match(details, /\/subscriptions\/4a9c2e71-83d5-4f0b-b6e2-9d1c7a35f840\/resourceGroups/);
    // A lock-out names the policy and the account it locks out.
    assert.match(
      details,
      /BG-CA-01 · CA210-Internals-DataProtection-Office365-AnyPlatform-CompliantDevice × breakglass2@contosodrill\.onmicrosoft\.com/,
    );
    assert.match(
      text,
      /CA210-Internals-DataProtection-Office365-AnyPlatform-CompliantDevice applies to breakglass2@contosodrill\.onmicrosoft\.com/,
    );
    for (const group of ['Break-glass accounts', 'Break-glass app', 'Conditional Access policies', 'Monitoring', 'Sign-in client'])
      assert.ok(await page.getByRole('heading', { level: 4, name: group }).isVisible(), group);
    // Every result of the run is on the screen, none left out of the groups.
    const total = Number(/All \((\d+)\)/.exec(await page.getByRole('button', { name: /^All \(\d+\)$/ }).innerText())?.[1]);
    assert.equal(await page.locator('.result').count(), total);
    // Below the findings, the next thing to do: run the checks again once they are fixed.
    await page.getByRole('button', { name: 'Run the checks again' }).waitFor();
    await e2e.screenshot(page, 'readiness-results');
    assert.deepEqual(problems, []);
  });

  test('a finding opens to its evidence and fix; the filter shows only failures', async () => {
    await page.getByRole('button', { name: /^Fail \(\d+\)$/ }).click();
    const shown = await page.locator('.result').allInnerTexts();
    assert.ok(shown.length > 0 && shown.every((t) => t.startsWith('Fail')), shown.join('\n'));
    const secret = page.locator('.result', { hasText: 'How to fix: Delete every client secret' });
    await secret.getByText('Details').click();
    await secret.getByText(/Check BG-APP-04/).waitFor();
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

/**
 * Escape in real Chromium through the web host: on every screen it does what the way back does,
 * except while the screen holds text the custodian typed – then it leaves nothing, says so, and
 * the text stays (docs/architecture.md, "The renderer's screens").
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { Locator, Page } from 'playwright';

import { noChromiumReason, seriousAxeViolations } from '../helpers/browser.ts';
import { startE2e } from '../helpers/e2e.ts';

const home = 'Break-Glass Runbook';
const kept = /Escape did not leave this screen, so the text you typed is kept\. To leave anyway: “Back to the home screen”\./;

describe('Escape on every screen in Chromium', { skip: noChromiumReason }, () => {
  const e2e = startE2e();

  async function openHome(): Promise<{ page: Page; problems: string[] }> {
    const opened = await e2e.open();
    await opened.page.getByRole('heading', { level: 1, name: home }).waitFor();
    return opened;
  }

  /** Escape with `field` holding text keeps the screen and the text; emptied, Escape goes home. */
  async function escapeKeeps(page: Page, heading: string, field: Locator, text: string, screenshot: string) {
    await field.fill(text);
    await page.keyboard.press('Escape');
    await page.getByRole('status').filter({ hasText: kept }).waitFor();
    assert.ok(await page.getByRole('heading', { level: 1, name: heading }).isVisible(), `still on ${heading}`);
    assert.equal(await field.inputValue(), text, 'the typed text is kept');
    await page.keyboard.press('Escape');
    assert.equal(await field.inputValue(), text, 'a second Escape keeps it too');
    await e2e.screenshot(page, `escape-${screenshot}`);
    assert.deepEqual(await seriousAxeViolations(page), [], `axe on ${heading} with the hint`);
    await field.fill('');
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { level: 1, name: home }).waitFor();
  }

  test('with nothing typed, Escape leaves the sign-in screen and the journal like their way back', async () => {
    const { page, problems } = await openHome();
    await page.getByRole('button', { name: 'Sign in to the tenant' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in outside the runbook' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { level: 1, name: home }).waitFor();
    await page.getByRole('button', { name: /Open the journal/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { level: 1, name: home }).waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('an Escape from inside a dialog is the dialog’s: the screen stays', async () => {
    const { page } = await openHome();
    await page.getByRole('button', { name: /Open the journal/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
    // A dialog that does not stop the key itself (the second guard): the frame still leaves it alone.
    await page.evaluate(() => {
      const dialog = document.createElement('div');
      dialog.setAttribute('role', 'dialog');
      dialog.setAttribute('aria-label', 'A dialog');
      dialog.innerHTML = '<button type="button">Cancel</button>';
      document.querySelector('main')!.append(dialog);
      dialog.querySelector('button')!.focus();
    });
    await page.keyboard.press('Escape');
    assert.ok(await page.getByRole('heading', { level: 1, name: 'Journal' }).isVisible(), 'still on the journal');
    await page.evaluate(() => document.querySelector('[role="dialog"]')!.remove());
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { level: 1, name: home }).waitFor();
    await page.close();
  });

  test('typed text keeps the incident form, the sign-in form and the journal note on screen', async () => {
    const { page, problems } = await openHome();
    await page.getByRole('button', { name: /Incident: emergency sign-in/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Incident: emergency sign-in' }).waitFor();
    await escapeKeeps(page, 'Incident: emergency sign-in', page.getByLabel('Incident reference (optional)'), 'INC-ESC', 'incident');

    await page.getByRole('button', { name: 'Sign in to the tenant' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in outside the runbook' }).waitFor();
    await escapeKeeps(page, 'Sign in outside the runbook', page.getByLabel('Custodian (your name)'), 'Ada Custodian', 'sign-in');

    await page.getByRole('button', { name: /Open the journal/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
    await escapeKeeps(
      page,
      'Journal',
      page.getByRole('textbox', { name: 'Note', exact: true }),
      'The safe was found open at 02:10.',
      'journal',
    );
    assert.deepEqual(problems, []);
    await page.close();
  });
});

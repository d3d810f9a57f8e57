/**
 * The sign-in outside the runbook from the home screen, in real Chromium through the web host, on
 * the demo tenant (the simulated tenant the app starts itself): a security key through the
 * simulated key page, recorded as its own session with the reason; the break-glass app with the
 * drill certificate; no sign-in without a reason; and a cancelled sign-in explained.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { Page } from 'playwright';

import { noChromiumReason, seriousAxeViolations } from '../helpers/browser.ts';
import { startE2e, type Opened } from '../helpers/e2e.ts';

const demoAccount = 'breakglass1@contosodrill.onmicrosoft.com';
const demoPin = '246810';
const reason = 'Checking the break-glass key works after the office move';

describe('emergency sign-in in Chromium', { skip: noChromiumReason }, () => {
  const e2e = startE2e();

  async function openSignIn(): Promise<Opened> {
    const { page, problems } = await e2e.open();
    await page.getByRole('button', { name: 'Sign in to the tenant' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in outside the runbook' }).waitFor();
    await page.getByLabel('Custodian (your name)').fill('Ada Custodian');
    await page.getByLabel('Witness (optional)').fill('Grace Witness');
    await page.getByLabel('Why are you signing in outside the runbook?').fill(reason);
    return { page, problems };
  }

  async function securityKeyPage(page: Page): Promise<Page> {
    await page.getByRole('heading', { name: 'Use the security key in the browser' }).waitFor();
    const [popup] = await Promise.all([
      e2e.context.waitForEvent('page'),
      page.getByRole('link', { name: 'Open the sign-in page' }).click(),
    ]);
    await popup.getByRole('heading', { name: 'Use your security key' }).waitFor();
    return popup;
  }

  test('a break-glass account signs in with its security key; the screen shows who we are and the active roles; the journal has it as its own session with the reason', async () => {
    const { page, problems } = await openSignIn();
    assert.deepEqual(await seriousAxeViolations(page), [], 'axe on the form');
    await page.getByRole('radio', { name: new RegExp(demoAccount) }).check();
    await e2e.screenshot(page, 'sign-in-choose');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const popup = await securityKeyPage(page);
    await popup.getByLabel('Security key PIN').fill(demoPin);
    await popup.getByRole('button', { name: 'Touch the key and sign in' }).click();
    await page.getByRole('heading', { name: `Signed in as ${demoAccount}` }).waitFor();
    assert.ok(await page.getByText('Global Administrator').isVisible());
    await e2e.screenshot(page, 'sign-in-signed-in');

    const violations = await seriousAxeViolations(page);
    assert.deepEqual(violations, []);

    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText(`Signed in as ${demoAccount}`).waitFor();
    await page.getByRole('button', { name: 'Sign out (forget the tokens)' }).click();
    await page.getByRole('button', { name: 'Sign in to the tenant' }).waitFor();

    const journal = e2e.app.services.journal.store;
    const session = journal.sessions().at(-1)!;
    assert.equal(session.kind, 'sign-in');
    assert.equal(session.openedBy, 'Ada Custodian');
    assert.equal(session.witness, 'Grace Witness');
    assert.ok(session.closedAt, 'signing out closed it');
    const entries = journal.entries(session.id);
    assert.deepEqual((entries[0]!.data['details'] as { reason: string }).reason, reason);
    assert.deepEqual(
      entries.map((e) => e.kind),
      ['session-opened', 'sign-in-attempt', 'sign-in-result', 'note', 'session-closed'],
    );
    await page.getByRole('button', { name: /Open the journal/ }).click();
    await page.getByText(/Sign-in outside the runbook ·/).waitFor();
    assert.deepEqual(problems, []);
    await popup.close();
    await page.close();
  });

  test('the break-glass app signs in with the drill certificate of the simulated safe', async () => {
    const { page } = await openSignIn();
    await page.getByRole('radio', { name: /Break-Glass Emergency Access App/ }).check();
    await page.getByRole('radio', { name: /drill certificate in the simulated safe/ }).check();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Signed in as Break-Glass Emergency Access App' }).waitFor();
    // The Graph permission names are in the details, out of view until asked for.
    assert.equal(await page.getByText(/Directory\.ReadWrite\.All/).isVisible(), false);
    await page.getByText('Details', { exact: true }).click();
    assert.ok(await page.getByText(/Directory\.ReadWrite\.All/).isVisible());
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Sign out (forget the tokens)' }).click();
    await page.close();
  });

  test('without a reason the form does not start a sign-in', async () => {
    const { page } = await openSignIn();
    const before = e2e.app.services.journal.store.sessions().length;
    await page.getByLabel('Why are you signing in outside the runbook?').fill('');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    assert.equal(
      await page
        .getByLabel('Why are you signing in outside the runbook?')
        .evaluate((field) => (field as HTMLTextAreaElement).validity.valueMissing),
      true,
    );
    assert.ok(await page.getByRole('button', { name: 'Sign in', exact: true }).isVisible(), 'still the form');
    assert.equal(e2e.app.services.journal.store.sessions().length, before, 'nothing was journaled');
    await page.close();
  });

  test('a cancelled sign-in says so plainly and offers to choose a way in again', async () => {
    const { page } = await openSignIn();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const popup = await securityKeyPage(page);
    await popup.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: /Sign-in cancelled/ }).waitFor();
    await e2e.screenshot(page, 'sign-in-cancelled');
    await page.getByRole('button', { name: 'Choose a way in again' }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    await popup.close();
    await page.close();
  });
});

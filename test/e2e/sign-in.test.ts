/**
 * Emergency sign-in from the home screen, in real Chromium through the web host, on the demo
 * tenant (the simulated tenant the app starts itself): a security key through the simulated
 * key page, the break-glass app with the drill certificate, and a cancelled sign-in explained.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import type { Browser, BrowserContext, Page } from 'playwright-core';

import type { ServedApp } from '../../src/main/host/serve-app.ts';
import { launchChromium, noChromiumReason, seriousAxeViolations } from '../helpers/browser.ts';
import { tempDir } from '../helpers/temp.ts';
import { startWebApp } from '../helpers/web-app.ts';

const screenshots = join(process.cwd(), 'test-output');
const demoAccount = 'breakglass1@contosodrill.onmicrosoft.com';
const demoPin = '246810';

describe('emergency sign-in in Chromium', { skip: noChromiumReason }, () => {
  let browser: Browser;
  let context: BrowserContext;
  let app: ServedApp;
  const dataDir = tempDir();

  before(async () => {
    browser = await launchChromium();
    // The demo tenant's sign-in page is served with the simulator's own CA.
    context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1100, height: 900 } });
    app = await startWebApp({ dataDir });
    mkdirSync(screenshots, { recursive: true });
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
  });

  async function openSignIn(): Promise<{ page: Page; problems: string[] }> {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(app.host.url);
    await page.getByRole('button', { name: 'Sign in to the tenant' }).click();
    await page.getByRole('heading', { name: 'Emergency sign-in' }).waitFor();
    await page.getByLabel('Custodian (your name)').fill('Ada Custodian');
    await page.getByLabel('Witness (optional)').fill('Grace Witness');
    return { page, problems };
  }

  async function securityKeyPage(page: Page): Promise<Page> {
    await page.getByRole('heading', { name: 'Use the security key in the browser' }).waitFor();
    const [popup] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: 'Open the sign-in page' }).click()]);
    await popup.getByRole('heading', { name: 'Use your security key' }).waitFor();
    return popup;
  }

  test('a break-glass account signs in with its security key; the screen shows who we are and the active roles', async () => {
    const { page, problems } = await openSignIn();
    await page.getByRole('radio', { name: new RegExp(demoAccount) }).check();
    await page.screenshot({ path: join(screenshots, 'sign-in-choose.png'), fullPage: true });
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const popup = await securityKeyPage(page);
    await popup.getByLabel('Security key PIN').fill(demoPin);
    await popup.getByRole('button', { name: 'Touch the key and sign in' }).click();
    await page.getByRole('heading', { name: `Signed in as ${demoAccount}` }).waitFor();
    assert.ok(await page.getByText('Global Administrator').isVisible());
    await page.screenshot({ path: join(screenshots, 'sign-in-signed-in.png'), fullPage: true });

    const violations = await seriousAxeViolations(page);
    assert.deepEqual(violations, []);

    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText(`Signed in as ${demoAccount}`).waitFor();
    await page.getByRole('button', { name: 'Sign out (forget the tokens)' }).click();
    await page.getByRole('button', { name: 'Sign in to the tenant' }).waitFor();
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
    assert.ok(await page.getByText(/Directory\.ReadWrite\.All/).isVisible());
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Sign out (forget the tokens)' }).click();
    await page.close();
  });

  test('a cancelled sign-in says so plainly and offers to choose a way in again', async () => {
    const { page } = await openSignIn();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const popup = await securityKeyPage(page);
    await popup.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: /Sign-in cancelled/ }).waitFor();
    await page.screenshot({ path: join(screenshots, 'sign-in-cancelled.png'), fullPage: true });
    await page.getByRole('button', { name: 'Choose a way in again' }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    await popup.close();
    await page.close();
  });
});

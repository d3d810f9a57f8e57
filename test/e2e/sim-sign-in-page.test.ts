/**
 * The simulated security-key page in real Chromium, as a custodian meets it in a drill: msal-node
 * opens the authorize URL in "the system browser", the custodian picks the key from the safe,
 * types its PIN and signs in; the page's form_post returns the code to msal's loopback listener.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import type { Browser, BrowserContext, Page } from 'playwright-core';

import { launchChromium, noChromiumReason } from '../helpers/browser.ts';
import { ids, pins, testSeed, upn } from '../helpers/sim-seed.ts';
import { publicClient, startTestSimulator } from '../helpers/sim.ts';

const screenshots = join(process.cwd(), 'test-output');

describe('simulated security-key page in Chromium', { skip: noChromiumReason }, () => {
  let browser: Browser;
  let context: BrowserContext;

  before(async () => {
    browser = await launchChromium();
    // The simulator's CA exists only for this run; a drill browser is told to accept it.
    context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 900, height: 900 } });
  });
  after(async () => {
    await context?.close();
    await browser?.close();
  });

  async function signIn(act: (page: Page) => Promise<void>) {
    const sim = await startTestSimulator(testSeed());
    const problems: string[] = [];
    let page: Page | undefined;
    const result = publicClient(sim, ids.custodian.appId).acquireTokenInteractive({
      scopes: ['https://graph.microsoft.com/.default'],
      prompt: 'login',
      loginHint: upn('bg1'),
      successTemplate: 'Signed in. You can close this window.',
      errorTemplate: 'Sign-in failed: {error}',
      openBrowser: async (url) => {
        page = await context.newPage();
        page.on('pageerror', (error) => problems.push(error.message));
        page.on('response', (response) => {
          if (response.status() >= 400) problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
        });
        page.on('console', (message) => {
          // msal closes its loopback listener once it has the code, so the browser's later
          // favicon request there is refused; that is msal's design, not a page problem.
          if (message.type() === 'error' && !message.text().includes('ERR_CONNECTION_REFUSED')) problems.push(message.text());
        });
        await page.goto(url);
        await act(page);
      },
    });
    return { result, page: () => page!, problems };
  }

  test('choosing the key and typing its PIN signs in; the page hands the code back by form_post', async () => {
    const run = await signIn(async (page) => {
      await page.getByRole('heading', { name: 'Use your security key' }).waitFor();
      assert.ok(await page.getByText('Simulated Microsoft Entra ID').isVisible(), 'the page says it is a simulation');
      assert.ok(await page.getByRole('radio', { name: /Safe key A/ }).isChecked(), 'the login hint preselects bg1’s key');
      await page.getByLabel('Security key PIN').fill(pins.bg1);
      mkdirSync(screenshots, { recursive: true });
      await page.screenshot({ path: join(screenshots, 'sim-security-key-page.png') });
      await page.getByRole('button', { name: 'Touch the key and sign in' }).click();
    });
    const result = await run.result;
    assert.equal(result.account?.username, upn('bg1'));
    await run.page().getByText('Signed in. You can close this window.').waitFor();
    assert.deepEqual(run.problems, []);
  });

  test('a wrong PIN says so on the page, with the tries left, and the right PIN then works', async () => {
    const run = await signIn(async (page) => {
      await page.getByLabel('Security key PIN').fill('000000');
      await page.getByRole('button', { name: 'Touch the key and sign in' }).click();
      await page.getByRole('alert').getByText(/Incorrect PIN\. 2 tries left/).waitFor();
      await page.getByLabel('Security key PIN').fill(pins.bg1);
      await page.getByRole('button', { name: 'Touch the key and sign in' }).click();
    });
    assert.equal((await run.result).account?.username, upn('bg1'));
  });
});

/**
 * The simulated security-key page in real Chromium, as a custodian meets it in a drill: msal-node
 * opens the authorize URL in "the system browser", the custodian picks the key from the safe,
 * types its PIN and signs in; the page's form_post returns the code to msal's loopback listener.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { Page } from 'playwright';

import { noChromiumReason } from '../helpers/browser.ts';
import { startE2e, watchProblems } from '../helpers/e2e.ts';
import { delegatedScopesToRequest } from '../../src/core/graph/delegated-permissions.ts';
import { ids, pins, testSeed, upn, withoutConsent } from '../helpers/sim-seed.ts';
import { publicClient, startTestSimulator } from '../helpers/sim.ts';

const secondKeyPin = '444444';

describe('simulated security-key page in Chromium', { skip: noChromiumReason }, () => {
  // No app: each test starts a simulator and signs in to it with msal, as the app would.
  const e2e = startE2e({ app: false, viewport: { width: 900, height: 900 } });

  /** The test tenant, with a second key in the safe for bg1 (as the demo tenant has). */
  const seed = testSeed((json) => {
    const bg1 = (json['users'] as Array<{ id: string; authenticationMethods: Array<Record<string, unknown>> }>).find(
      (u) => u.id === ids.bg1,
    )!;
    bg1.authenticationMethods.push({ ...bg1.authenticationMethods[0]!, id: 'bg1-key-b', displayName: 'Safe key A2' });
    (json['simulator'] as { securityKeys: unknown[] }).securityKeys.push({
      userId: ids.bg1,
      fido2MethodId: 'bg1-key-b',
      pin: secondKeyPin,
    });
  });

  async function signIn(act: (page: Page) => Promise<void>, tenant: { seed: typeof seed; scopes?: string[] } = { seed }) {
    const sim = await startTestSimulator(tenant.seed);
    const problems: string[] = [];
    let page: Page | undefined;
    const result = publicClient(sim, ids.custodian.appId).acquireTokenInteractive({
      scopes: tenant.scopes ?? ['https://graph.microsoft.com/.default'],
      prompt: 'login',
      loginHint: upn('bg1'),
      successTemplate: 'Signed in. You can close this window.',
      errorTemplate: 'Sign-in failed: {error}',
      openBrowser: async (url) => {
        page = await e2e.context.newPage();
        // msal closes its loopback listener once it has the code, so the browser's later
        // favicon request there is refused – or reset, when it arrives while the listener is
        // closing (seen under load); that is msal's design, not a page problem.
        watchProblems(page, { ignore: /ERR_CONNECTION_(REFUSED|RESET)/, problems });
        page.on('response', (response) => {
          if (response.status() >= 400) problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
        });
        await page.goto(url);
        await act(page);
      },
    });
    return { result, page: () => page!, problems, sim };
  }

  test('choosing the key and typing its PIN signs in; the page hands the code back by form_post', async () => {
    const run = await signIn(async (page) => {
      await page.getByRole('heading', { name: 'Use your security key' }).waitFor();
      assert.ok(await page.getByText('Simulated Microsoft Entra ID').isVisible(), 'the page says it is a simulation');
      assert.ok(await page.getByRole('radio', { name: /Safe key A\b/ }).isChecked(), 'the login hint preselects bg1’s first key');
      await page.getByLabel('Security key PIN').fill(pins.bg1);
      await e2e.screenshot(page, 'sim-security-key-page');
      await page.getByRole('button', { name: 'Touch the key and sign in' }).click();
    });
    const result = await run.result;
    assert.equal(result.account?.username, upn('bg1'));
    await run.page().getByText('Signed in. You can close this window.').waitFor();
    assert.deepEqual(run.problems, []);
  });

  test('a wrong PIN says so on the page, with the tries left, keeps the key chosen, and the right PIN then works', async () => {
    const run = await signIn(async (page) => {
      assert.ok(await page.getByRole('radio', { name: /Safe key A\b/ }).isChecked(), 'the first key of the hinted account is selected');
      assert.equal(await page.getByRole('radio', { checked: true }).count(), 1, 'exactly one key is selected');
      await page.getByRole('radio', { name: /Safe key A2/ }).check();
      await page.getByLabel('Security key PIN').fill('000000');
      await page.getByRole('button', { name: 'Touch the key and sign in' }).click();
      await page
        .getByRole('alert')
        .getByText(/Incorrect PIN\. 2 tries left/)
        .waitFor();
      assert.ok(await page.getByRole('radio', { name: /Safe key A2/ }).isChecked(), 'the key chosen before stays selected');
      await page.getByLabel('Security key PIN').fill(secondKeyPin);
      await page.getByRole('button', { name: 'Touch the key and sign in' }).click();
    });
    assert.equal((await run.result).account?.username, upn('bg1'));
  });

  test('in a tenant where nobody consented, a Global Administrator is asked after the key, and accepting for the organization signs in', async () => {
    const scopes = delegatedScopesToRequest().map((scope) => `https://graph.microsoft.com/${scope}`);
    const run = await signIn(
      async (page) => {
        await page.getByLabel('Security key PIN').fill(pins.bg1);
        await page.getByRole('button', { name: 'Touch the key and sign in' }).click();
        await page.getByRole('heading', { name: 'Permissions requested' }).waitFor();
        assert.ok(await page.getByText('Policy.ReadWrite.ConditionalAccess').isVisible(), 'the missing permissions are listed');
        await page.getByLabel('Consent on behalf of your organization').check();
        await e2e.screenshot(page, 'sim-consent-page');
        await page.getByRole('button', { name: 'Accept' }).click();
      },
      { seed: testSeed(withoutConsent), scopes },
    );
    const result = await run.result;
    assert.deepEqual(result.scopes.filter((s) => s.includes('/')).sort(), [...scopes].sort());
    assert.deepEqual(
      run.sim.snapshot().oauth2PermissionGrants.map((g) => g.consentType),
      ['AllPrincipals'],
    );
    assert.deepEqual(run.problems, []);
  });
});

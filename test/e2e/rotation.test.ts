/**
 * Rotate credentials in real Chromium through the web host, on the demo tenant with the drill's
 * non-credential findings fixed (test/helpers/rotation.ts, demoSeedJson): what will be rotated,
 * passphrases that differ refused, the new certificate saved to the "safe's media", the app quit
 * and reopened (the PFX is opened again with its passphrase), sign-in with the simulated safe,
 * addKey / proof / removeKey / client secret, breakglass1 signed in for its own steps (the screen
 * asks for another credential), the one-time password and its print view, the
 * method review, the key back, the checklist, and the readiness verdict that closes the
 * rotation. A screenshot and axe at each step.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import type { Page } from 'playwright';

import { noChromiumReason, seriousAxeViolations } from '../helpers/browser.ts';
import { screenshotDir, startE2e } from '../helpers/e2e.ts';
import { demoSeedJson } from '../helpers/rotation.ts';

const breakglass1 = 'breakglass1@contosodrill.onmicrosoft.com';
const passphrase = 'lantern quarry velvet harbour';

describe('Rotate credentials in Chromium', { skip: noChromiumReason }, () => {
  const e2e = startE2e({
    simSeed: demoSeedJson({ findingsFixed: true }),
    configPath: join(process.cwd(), 'assets', 'demo-tenant.config.json'),
    viewport: { width: 1200, height: 950 },
  });
  const media = join(e2e.dir, 'safe-media');
  mkdirSync(media);

  async function checkScreen(page: Page, name: string) {
    await e2e.screenshot(page, `rotation-${name}`);
    assert.deepEqual(await seriousAxeViolations(page), [], `axe on ${name}`);
  }

  const currentStep = (page: Page, title: RegExp) => page.getByRole('heading', { level: 2, name: title }).waitFor();

  async function openRotation(): Promise<Page> {
    const { page } = await e2e.open();
    await page.getByRole('button', { name: /Rotate credentials/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Rotate credentials' }).waitFor();
    return page;
  }

  test('begin: what will be rotated and why', async () => {
    const page = await openRotation();
    await page.getByRole('heading', { name: 'What will be rotated, and why' }).waitFor();
    await page.getByText(/records no use of a break-glass credential since the last rotation/).waitFor();
    await page.getByRole('checkbox', { name: /Break-Glass Emergency Access App/ }).check();
    await page.getByRole('checkbox', { name: new RegExp(breakglass1) }).check();
    await page.getByLabel('Custodian (your name)').fill('Ada Custodian');
    await page.getByLabel('Witness (recommended)').fill('Grace Witness');
    await checkScreen(page, '1-begin');
    await page.getByRole('button', { name: 'Begin the rotation' }).click();
    await currentStep(page, /New certificate made and saved/);
    await page.close();
  });

  test('the PFX save form refuses passphrases that differ, then saves to the safe’s media', async () => {
    const page = await openRotation();
    await currentStep(page, /New certificate made and saved/);
    await page.getByLabel('Folder on the safe’s media').fill(media);
    await page.getByLabel(/Passphrase for the PFX/).fill(passphrase);
    await page.getByLabel('The same passphrase again').fill(`${passphrase}.`);
    await page.getByRole('button', { name: 'Make and save the new certificate' }).click();
    await page.getByRole('alert').filter({ hasText: 'The two passphrases are not the same.' }).waitFor();
    await checkScreen(page, '2-passphrase-mismatch');
    assert.deepEqual(readdirSync(media), []);
    await page.getByLabel(/Passphrase for the PFX/).fill(passphrase);
    await page.getByLabel('The same passphrase again').fill(passphrase);
    await checkScreen(page, '3-save-certificate');
    await page.getByRole('button', { name: 'Make and save the new certificate' }).click();
    await currentStep(page, /New certificate added to the app/);
    assert.equal(readdirSync(media).filter((f) => f.endsWith('.pfx')).length, 1);
    await page.close();
  });

  test('after a restart the new PFX is opened again with its passphrase, and the sign-in gives the proof', async () => {
    await e2e.restart();
    const page = await openRotation();
    await currentStep(page, /New certificate added to the app/);
    await page.getByRole('heading', { name: 'Open the new certificate again' }).waitFor();
    await checkScreen(page, '4-reopen-after-restart');
    await page.getByLabel('Passphrase of the new PFX').fill(passphrase);
    await page.getByRole('button', { name: 'Open it' }).click();
    await page.getByRole('button', { name: 'Sign in with the app certificate' }).click();
    await page.getByText(/Acting as Break-Glass Emergency Access App/).waitFor();
    await checkScreen(page, '5-add-key');
    await page.getByRole('button', { name: 'Add the new certificate' }).click();
    await currentStep(page, /New certificate proven/);
    await page.getByRole('button', { name: 'Prove the new certificate' }).click();
    await currentStep(page, /Old certificate removed/);
    await checkScreen(page, '6-remove-old');
    await page.getByRole('button', { name: 'Remove the old certificate' }).click();
    await currentStep(page, /Client secrets removed/);
    await page.getByRole('button', { name: 'Remove client secrets' }).click();
    await currentStep(page, /New password set/);
    await page.close();
  });

  test('signed in as breakglass1, its own steps wait for another credential: the screen says so, and the app’s certificate takes over', async () => {
    e2e.app.services.signIn.signOut('Ada Custodian');
    const page = await openRotation();
    await currentStep(page, /New password set/);
    await page.getByRole('button', { name: 'Sign in with a security key' }).click();
    const [popup] = await Promise.all([
      e2e.context.waitForEvent('page'),
      page.getByRole('link', { name: 'Open the sign-in page' }).click(),
    ]);
    await popup.getByLabel('Security key PIN').fill('246810');
    await popup.getByRole('button', { name: 'Touch the key and sign in' }).click();
    await page.getByRole('heading', { name: 'This step needs another credential' }).waitFor();
    await popup.close();
    await page.getByText(/the account this step rotates/).waitFor();
    assert.equal(
      await page.getByRole('button', { name: 'Show the new password' }).count(),
      0,
      'no password is offered to a session that cannot set it',
    );
    await checkScreen(page, '6b-own-session');
    await page.getByRole('button', { name: 'Sign in with the app certificate' }).click();
    await page.getByText(/Acting as Break-Glass Emergency Access App/).waitFor();
    await page.getByRole('button', { name: 'Show the new password' }).waitFor();
    await page.close();
  });

  test('the new password is shown once, large, with a print view for the envelope; then set', async () => {
    const page = await openRotation();
    await currentStep(page, /New password set/);
    await page.getByRole('button', { name: 'Show the new password' }).click();
    const display = page.getByLabel('The new password, in groups of four characters');
    await display.waitFor();
    const password = (await display.innerText()).replace(/\s+/g, '');
    assert.ok(password.length >= 32, password.length.toString());
    assert.match(password, /^[a-zA-Z0-9]+$/);
    await checkScreen(page, '7-password');
    await page.emulateMedia({ media: 'print' });
    await e2e.screenshot(page, 'rotation-8-envelope-print');
    assert.equal(await page.getByText(/Sealed by:/).isVisible(), true, 'the print view carries the envelope lines');
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await page.getByRole('button', { name: 'Set this password' }).isDisabled(), true, 'not before it is written down');
    await page.getByRole('checkbox', { name: /on the envelope sheet/ }).check();
    assert.equal(await page.getByRole('button', { name: 'Set this password' }).isDisabled(), false);
    // The custodian leaves the screen before setting it: the screen forgets the password, the app
    // keeps it until set, and coming back offers to set the one already on the sheet.
    await page.getByRole('button', { name: 'Back to the home screen' }).click();
    await page.getByRole('button', { name: /Rotate credentials/ }).click();
    await page.getByText(/A password was shown and is not set yet/).waitFor();
    assert.equal(await page.getByText(password).count(), 0, 'not shown again');
    await checkScreen(page, '7b-password-waiting');
    await page.getByRole('button', { name: 'Set the password already on the sheet' }).click();
    await currentStep(page, /Sign-in sessions revoked/);
    assert.equal(await page.getByText(password).count(), 0, 'gone from the screen once set');
    await page.getByRole('button', { name: 'Revoke sessions' }).click();
    await currentStep(page, /Registered methods reviewed/);
    await page.close();
  });

  test('methods review, the key back in the safe, the checklist', async () => {
    const page = await openRotation();
    await currentStep(page, /Registered methods reviewed/);
    await page.getByRole('table').waitFor();
    await page.getByText('2 security keys will remain').waitFor();
    await checkScreen(page, '9-methods');
    await page.getByRole('button', { name: 'Confirm the review (remove nothing)' }).click();
    await currentStep(page, /Security key back in the safe/);
    await page.getByLabel(/Key used for/).fill('Safe key A1');
    await page.getByRole('checkbox', { name: 'The key is back in the safe.' }).check();
    await checkScreen(page, '10-key-returned');
    await page.getByRole('button', { name: 'Record it' }).click();
    for (const title of [/Change the safe’s combination/, /Re-seal the envelopes/, /Review the custodian list/]) {
      await currentStep(page, title);
      await page.getByRole('button', { name: 'Done – record it' }).click();
    }
    await currentStep(page, /Readiness check of the whole setup/);
    await checkScreen(page, '11-readiness');
    await page.close();
  });

  test('the readiness check closes the rotation with its verdict', async () => {
    const page = await openRotation();
    await page.getByRole('button', { name: 'Run the readiness check' }).click();
    await page.getByRole('heading', { name: 'Rotation complete: the break-glass setup is sound' }).waitFor({ timeout: 30_000 });
    const text = await page.locator('main').innerText();
    assert.match(text, /0 fail, 0 could not check/);
    assert.match(text, /New app certificate\s+In place and proven, valid to \d{4}-\d\d-\d\d, saved to /);
    assert.doesNotMatch(text, /[0-9A-F]{40}/, 'the thumbprint is in the details');
    await checkScreen(page, '12-verdict');
    assert.ok(existsSync(join(screenshotDir, 'rotation-12-verdict.png')));
    // The auditor's view: the rotation in the journal, step by step, with who and when.
    await page.getByRole('button', { name: 'Open the journal' }).click();
    await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
    await page.getByRole('button', { name: /Rotation after use: breakglass1/ }).click();
    await page.getByRole('heading', { level: 1, name: /Rotation after use: breakglass1/ }).waitFor();
    const journal = await page.locator('main').innerText();
    assert.match(journal, /Change the safe’s combination: done by Ada Custodian/);
    assert.match(journal, /New password set on breakglass1/);
    await checkScreen(page, '13-journal');
    await page.close();
  });
});

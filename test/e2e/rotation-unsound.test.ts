/**
 * The rotation's verdict when the setup is not sound yet, in real Chromium through the web host, on
 * the demo tenant with its drill findings left in (test/helpers/rotation.ts, demoSeedJson): only the
 * app's certificate is rotated, and the readiness check that closes the rotation still fails.
 * The verdict leads with what still fails, each with its fix first and its check id in the
 * details, and the primary button is the next thing to do: check readiness again.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { noChromiumReason, seriousAxeViolations } from '../helpers/browser.ts';
import { startE2e } from '../helpers/e2e.ts';
import { demoSeedJson } from '../helpers/rotation.ts';

const passphrase = 'lantern quarry velvet harbour';

describe('a rotation whose verdict is not sound, in Chromium', { skip: noChromiumReason }, () => {
  const e2e = startE2e({
    simSeed: demoSeedJson({ findingsFixed: false }),
    configPath: join(process.cwd(), 'assets', 'demo-tenant.config.json'),
    viewport: { width: 1200, height: 950 },
  });
  const media = join(e2e.dir, 'safe-media');
  mkdirSync(media);

  test('the verdict names what still fails, each fix first, and leads with checking readiness again', async () => {
    const { page, problems } = await e2e.open();
    const currentStep = (title: RegExp) => page.getByRole('heading', { level: 2, name: title }).waitFor();
    await page.getByRole('button', { name: /Rotate credentials/ }).click();
    await page.getByRole('heading', { name: 'What will be rotated, and why' }).waitFor();
    await page.getByRole('checkbox', { name: /Break-Glass Emergency Access App/ }).check();
    await page.getByLabel('Custodian (your name)').fill('Ada Custodian');
    await page.getByRole('button', { name: 'Begin the rotation' }).click();

    await currentStep(/New certificate made and saved/);
    await page.getByLabel('Folder on the safe’s media').fill(media);
    await page.getByLabel(/Passphrase for the PFX/).fill(passphrase);
    await page.getByLabel('The same passphrase again').fill(passphrase);
    await page.getByRole('button', { name: 'Make and save the new certificate' }).click();
    await currentStep(/New certificate added to the app/);
    await page.getByRole('button', { name: 'Sign in with the app certificate' }).click();
    await page.getByText(/Acting as Break-Glass Emergency Access App/).waitFor();
    await page.getByRole('button', { name: 'Add the new certificate' }).click();
    await currentStep(/New certificate proven/);
    await page.getByRole('button', { name: 'Prove the new certificate' }).click();
    await currentStep(/Old certificate removed/);
    await page.getByRole('button', { name: 'Remove the old certificate' }).click();
    await currentStep(/Client secrets removed/);
    await page.getByRole('button', { name: 'Remove client secrets' }).click();
    for (const title of [/Change the safe’s combination/, /Re-seal the envelopes/, /Review the custodian list/]) {
      await currentStep(title);
      await page.getByRole('button', { name: 'Done – record it' }).click();
    }
    await currentStep(/Readiness check of the whole setup/);
    await page.getByRole('button', { name: 'Run the readiness check' }).click();

    const heading = page.getByRole('heading', { name: 'Rotation complete, but the setup is not sound yet' });
    await heading.waitFor({ timeout: 30_000 });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'verdict-heading', 'the verdict takes focus');
    const verdict = page.locator('section.panel-problem');
    const text = await verdict.innerText();
    // What still fails comes before the counts, and each row leads with its fix.
    assert.ok(text.indexOf('Fix these, then run Check readiness again') < text.indexOf('Readiness check:'), text);
    const rows = verdict.locator('ul.results > li.result-fail');
    assert.ok((await rows.count()) > 0, 'the failures are listed');
    for (const line of await rows.locator('.result-line').allInnerTexts()) assert.match(line, /^Fail\s+How to fix: /);
    assert.doesNotMatch(
      await rows
        .locator('.result-line, .result-what')
        .allInnerTexts()
        .then((t) => t.join('\n')),
      /BG-[A-Z]+-\d\d/,
    );
    await rows.first().locator('summary').click();
    assert.match(await rows.first().innerText(), /Check BG-[A-Z]+-\d\d/, 'the check id is in the details');
    // The client secret the demo tenant held is gone: the rotation removed it, so it is not among the failures.
    assert.doesNotMatch(text, /Delete every client secret/);
    // The primary button is the next thing to do.
    const primary = verdict.locator('.actions .action');
    assert.deepEqual(await primary.allInnerTexts(), ['Check readiness again after fixing']);
    await e2e.screenshot(page, 'rotation-unsound-verdict');
    assert.deepEqual(await seriousAxeViolations(page), []);
    await primary.click();
    await page.getByRole('heading', { level: 1, name: 'Check readiness' }).waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });
});

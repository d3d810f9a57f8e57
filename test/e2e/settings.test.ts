/**
 * Settings in Chromium through the web host: the runbook's organisation details as a form – a
 * detail that does not fit the runbook format is refused with a message at its field and nothing
 * is written; a good one is saved and used by the incident screens. Until the contacts and the
 * safe are set the home screen says so, and the incident screens say "not set yet", never a
 * placeholder that looks real. The JSON file stays as import and export.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';

import type { Page } from 'playwright';

import { noChromiumReason, seriousAxeViolations } from '../helpers/browser.ts';
import { startE2e } from '../helpers/e2e.ts';

describe('Settings in Chromium', { skip: noChromiumReason }, () => {
  const e2e = startE2e();
  const runbookFile = join(e2e.dataDir, 'breakglass.runbook.json');
  let page: Page;
  let problems: string[];

  const openSettings = async () => {
    await page.getByRole('button', { name: /Settings: the runbook/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    // The form fills once the runbook has been read.
    await page.getByLabel('Where the safe is').waitFor();
  };
  const home = async () => {
    await page.getByRole('button', { name: 'Back to the home screen' }).click();
    await page.getByRole('heading', { level: 2, name: 'What do you need to do?' }).waitFor();
  };
  const openIncident = async () => {
    await page.getByRole('button', { name: /Incident: emergency sign-in/ }).click();
    await page.getByLabel('Custodian (your name)').fill('Ada Custodian');
    await page.getByRole('button', { name: 'Open the incident' }).click();
    await page.getByRole('heading', { name: 'Security operations', exact: true }).waitFor();
  };

  before(async () => {
    ({ page, problems } = await e2e.open());
    await page.getByRole('heading', { level: 2, name: 'What do you need to do?' }).waitFor();
  });

  test('the home screen says what the runbook lacks, and the incident says "not set yet", never a placeholder', async () => {
    const notice = page.getByRole('region', { name: 'The runbook is not complete' });
    await notice.waitFor();
    assert.match(await notice.innerText(), /the security operations contacts and where the safe is/);
    assert.deepEqual(await seriousAxeViolations(page), []);
    await e2e.screenshot(page, 'home-runbook-not-complete');

    await openIncident();
    const text = await page.locator('main').innerText();
    assert.match(text, /organisation name not set yet – see Settings/);
    assert.match(text, /Security operations contacts: not set yet – see Settings/);
    assert.doesNotMatch(text, /Your organisation/);
    await e2e.screenshot(page, 'incident-contacts-not-set');
    await home();
  });

  test('a phone number that does not fit and an empty name are refused at their fields, and nothing is written', async () => {
    await openSettings();
    await page.getByRole('button', { name: 'Add a contact' }).click();
    await page.getByLabel('Phone number').fill('call the SOC');
    await page.getByRole('button', { name: 'Save the settings' }).click();
    await page
      .getByRole('alert')
      .getByText(/Nothing was saved: 2 entries do not fit/)
      .waitFor();

    const name = page.getByLabel('Name or team');
    const phone = page.getByLabel('Phone number');
    assert.equal(await name.getAttribute('aria-invalid'), 'true');
    assert.equal(await phone.getAttribute('aria-invalid'), 'true');
    // Each field is described by its own message (read with it by a screen reader).
    assert.match((await name.getAttribute('aria-describedby')) ?? '', /problem/);
    await page.getByText('Name or team: must not be empty.').waitFor();
    await page.getByText(/Phone number: must be a phone number \(digits, spaces/).waitFor();
    // The first field to correct has the focus.
    assert.equal(await name.evaluate((element) => element === document.activeElement), true);
    assert.equal(existsSync(runbookFile), false);
    assert.deepEqual(await seriousAxeViolations(page), []);
    await e2e.screenshot(page, 'settings-field-messages');
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(await seriousAxeViolations(page), []);
    await e2e.screenshot(page, 'settings-field-messages-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    // Escape never throws away what was typed: the screen stays, with the text.
    await page.keyboard.press('Escape');
    assert.equal(await page.getByRole('heading', { level: 1, name: 'Settings' }).isVisible(), true);
    assert.equal(await page.getByLabel('Phone number').inputValue(), 'call the SOC');
  });

  test('the details are saved to the runbook file, the home notice goes and the incident shows them', async () => {
    await page.getByLabel('Name or team').fill('SOC duty phone');
    await page.getByLabel('Phone number').fill('+44 20 7946 0000');
    await page.getByLabel('Organisation name').fill('Contoso Ltd');
    await page.getByLabel('Where the safe is').fill('Building 2, room 014, grey safe');
    await page.getByRole('button', { name: 'Add a security key' }).click();
    await page.getByLabel('Label on the key').fill('Safe key A1');
    await page.getByLabel('Break-glass account it is registered to').fill('bg-one@contoso.onmicrosoft.com');
    await page.getByRole('button', { name: 'Save the settings' }).click();
    await page
      .getByRole('status')
      .getByText(/^Saved to /)
      .waitFor();
    const saved = JSON.parse(readFileSync(runbookFile, 'utf8')) as {
      organisation: { name: string; safeLocation: string; securityOperations: { contacts: unknown[] } };
      keys: unknown[];
    };
    assert.equal(saved.organisation.name, 'Contoso Ltd');
    assert.equal(saved.organisation.safeLocation, 'Building 2, room 014, grey safe');
    assert.deepEqual(saved.organisation.securityOperations.contacts, [{ name: 'SOC duty phone', phone: '+44 20 7946 0000' }]);
    assert.deepEqual(saved.keys, [{ label: 'Safe key A1', account: 'bg-one@contoso.onmicrosoft.com' }]);
    await page.getByText('Your runbook file is in use:').waitFor();
    assert.deepEqual(await seriousAxeViolations(page), []);
    await e2e.screenshot(page, 'settings-form');

    await home();
    assert.equal(await page.getByRole('region', { name: 'The runbook is not complete' }).count(), 0);
    // The incident opened above resumes at its step (home leads with Resume), now with the organisation's details.
    await page.getByRole('button', { name: 'Resume the drill', exact: true }).click();
    await page.getByText('SOC duty phone').waitFor();
    assert.ok(await page.getByText(/\+44 20 7946 0000/).isVisible());
    assert.match(await page.locator('main').innerText(), /security operations team \(Contoso Ltd\)/);
    await page.getByLabel('Whom did you tell?').fill('SOC duty officer');
    await page.getByLabel('How (phone, in person…)?').fill('phone');
    await page.getByRole('button', { name: 'Security operations knows – go on' }).click();
    await page.getByRole('heading', { name: 'The safe', exact: true }).waitFor();
    const safe = await page.locator('main').innerText();
    assert.match(safe, /Open the safe \(Building 2, room 014, grey safe\)/);
    assert.match(safe, /Safe key A1/);
    assert.doesNotMatch(safe, /not set yet/);
    await home();
  });

  test('the JSON file: a runbook that does not fit is refused with the JSON path; export downloads the file; import saves it', async () => {
    await page.reload();
    await openSettings();
    const editor = page.getByLabel('Runbook (JSON, format version 1)');
    const runbook = JSON.parse(await editor.inputValue()) as Record<string, unknown> & { title: string };
    assert.equal(runbook.title, 'Emergency access to Microsoft Entra ID');
    const before = readFileSync(runbookFile, 'utf8');
    await editor.fill(JSON.stringify({ ...runbook, version: 2 }, null, 2));
    await page.getByRole('button', { name: 'Save this JSON as the runbook' }).click();
    await page
      .getByRole('alert')
      .getByText(/\$\.version/)
      .waitFor();
    assert.equal(readFileSync(runbookFile, 'utf8'), before);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the runbook file' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'breakglass.runbook.json');
    assert.deepEqual(JSON.parse(readFileSync(await download.path(), 'utf8')), JSON.parse(before));

    const chosen = join(e2e.dir, 'imported.runbook.json');
    writeFileSync(chosen, JSON.stringify({ ...runbook, title: 'Contoso break-glass runbook' }, null, 2));
    await page.getByLabel('Choose a JSON file to import').setInputFiles(chosen);
    await page.waitForFunction(
      () => document.querySelector('textarea.code')?.textContent?.includes('Contoso break-glass runbook') ?? false,
    );
    await page.getByRole('button', { name: 'Save this JSON as the runbook' }).click();
    await page
      .getByRole('status')
      .getByText(/^Saved to /)
      .waitFor();
    assert.equal((JSON.parse(readFileSync(runbookFile, 'utf8')) as { title: string }).title, 'Contoso break-glass runbook');
    assert.deepEqual(problems, []);
  });
});

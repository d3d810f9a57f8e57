/**
 * Settings in Chromium through the web host: the runbook file – the organisation's contacts and
 * details – edited, saved only when it fits the format (a bad one is refused with the reason and
 * nothing is written), then used by the incident screens.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';

import type { Page } from 'playwright';

import { noChromiumReason } from '../helpers/browser.ts';
import { startE2e } from '../helpers/e2e.ts';

describe('Settings in Chromium', { skip: noChromiumReason }, () => {
  const e2e = startE2e();
  const runbookFile = join(e2e.dataDir, 'breakglass.runbook.json');
  let page: Page;

  before(async () => {
    ({ page } = await e2e.open());
    await page.getByRole('button', { name: /Settings: the runbook/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  });

  const editor = () => page.getByLabel('Runbook (JSON, format version 1)');

  test('a runbook that does not fit the format is refused with the JSON path, and nothing is written', async () => {
    await page.getByText('The built-in runbook is in use.').waitFor();
    const runbook = JSON.parse(await editor().inputValue()) as Record<string, unknown>;
    await editor().fill(JSON.stringify({ ...runbook, version: 2 }, null, 2));
    await page.getByRole('button', { name: 'Save the runbook' }).click();
    await page
      .getByRole('alert')
      .getByText(/\$\.version/)
      .waitFor();
    assert.equal(existsSync(runbookFile), false);
  });

  test('the organisation’s contacts are saved to the runbook file and shown in an incident', async () => {
    await page.reload();
    await page.getByRole('button', { name: /Settings: the runbook/ }).click();
    // The editor fills once the runbook has been read; reading it before then gets an empty text.
    await page.getByText('The built-in runbook is in use.').waitFor();
    const runbook = JSON.parse(await editor().inputValue()) as {
      organisation: { name: string; securityOperations: { contacts: unknown[] } };
    };
    runbook.organisation.name = 'Contoso Ltd';
    runbook.organisation.securityOperations.contacts = [{ name: 'SOC duty phone', phone: '+44 20 7946 0000' }];
    await editor().fill(JSON.stringify(runbook, null, 2));
    await page.getByRole('button', { name: 'Save the runbook' }).click();
    await page
      .getByRole('status')
      .getByText(/^Saved to /)
      .waitFor();
    assert.equal((JSON.parse(readFileSync(runbookFile, 'utf8')) as { organisation: { name: string } }).organisation.name, 'Contoso Ltd');
    await page.getByText('Your runbook file is in use:').waitFor();

    await page.getByRole('button', { name: 'Back to the home screen' }).click();
    await page.getByRole('button', { name: /Incident: emergency sign-in/ }).click();
    await page.getByLabel('Custodian (your name)').fill('Ada Custodian');
    await page.getByRole('button', { name: 'Open the incident' }).click();
    await page.getByText('SOC duty phone').waitFor();
    assert.ok(await page.getByText(/\+44 20 7946 0000/).isVisible());
  });
});

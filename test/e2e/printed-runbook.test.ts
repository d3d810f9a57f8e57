/**
 * The printed runbook for the safe in Chromium through the web host: reached from the home screen
 * and from Settings; on paper (print media) no buttons, every part present – the organisation's
 * details, the tenant id and sign-in address, the accounts with their labels, each step with lines
 * for the time and who did it, the common AADSTS codes with what to do – and each part on its own page.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';

import type { Page } from 'playwright';

import { builtinRunbook } from '../../src/core/runbooks/builtin-runbook.ts';
import { noChromiumReason, seriousAxeViolations } from '../helpers/browser.ts';
import { screenshotDir, startE2e } from '../helpers/e2e.ts';

describe('The printed runbook in Chromium', { skip: noChromiumReason }, () => {
  const e2e = startE2e();
  let page: Page;
  let problems: string[];

  const printView = async (from: 'home' | 'settings') => {
    if (from === 'settings') {
      await page.getByRole('button', { name: /Settings: the runbook/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    }
    await page.getByRole('button', { name: 'Print the runbook for the safe' }).click();
    await page.getByRole('heading', { level: 1, name: 'The runbook for the safe' }).waitFor();
    await page.getByRole('heading', { name: 'The steps' }).waitFor();
  };
  const main = () => page.locator('main').innerText();

  before(async () => {
    ({ page, problems } = await e2e.open());
    await page.getByRole('heading', { level: 2, name: 'What do you need to do?' }).waitFor();
  });

  test('with the built-in runbook: what is missing prints as "not set yet – see Settings", never a placeholder', async () => {
    await printView('home');
    const text = await main();
    assert.match(text, /organisation name not set yet – see Settings/);
    assert.match(text, /The safe\s+not set yet – see Settings/);
    assert.match(text, /Security operations contacts: not set yet – see Settings/);
    assert.doesNotMatch(text, /Your organisation/);
    assert.deepEqual(await seriousAxeViolations(page), []);
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('heading', { level: 2, name: 'What do you need to do?' }).waitFor();
  });

  test('from Settings, with the organisation’s runbook: the whole runbook, and on paper no buttons', async () => {
    const runbook = structuredClone(builtinRunbook);
    runbook.organisation = {
      name: 'Contoso Ltd',
      safeLocation: 'Building 2, room 014, grey safe',
      custodians: ['Ada Custodian', 'Bo Witness'],
      securityOperations: { ...runbook.organisation.securityOperations, contacts: [{ name: 'SOC duty phone', phone: '+44 20 7946 0000' }] },
    };
    writeFileSync(join(e2e.dataDir, 'breakglass.runbook.json'), JSON.stringify(runbook));
    await printView('settings');

    const text = await main();
    for (const expected of [
      /Contoso Ltd/,
      /Building 2, room 014, grey safe/,
      /Ada Custodian, Bo Witness/,
      /SOC duty phone\s+\+44 20 7946 0000/,
      /Tenant ID\s+[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
      /Sign-in address\s+https:\/\/\S+\/[0-9a-f]{8}-/,
      /DRILL – this is the simulated tenant/,
      /Conditional Access lock-out\s+A Conditional Access policy blocks every admin/,
      /AADSTS53003/,
      /AADSTS50126/,
      /Blocked by a Conditional Access policy/,
      /Sign in with the app certificate instead/,
    ])
      assert.match(text, expected);
    assert.ok(
      (await page.locator('.print-table td.path').allInnerTexts()).some((upn) => upn.includes('@')),
      'the break-glass accounts are listed',
    );
    // Every step, each with its lines for the time and who did it.
    const steps = page.locator('.print-steps > li');
    assert.equal(await steps.count(), builtinRunbook.steps.length);
    assert.equal(await page.locator('.print-steps .write-in').count(), builtinRunbook.steps.length);
    assert.match(await steps.nth(1).innerText(), /security operations team \(Contoso Ltd\)[\s\S]*Time:[\s\S]*Who:/);
    assert.deepEqual(await seriousAxeViolations(page), []);
    await e2e.screenshot(page, 'printed-runbook-screen');

    // The one action prints.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await page.getByRole('button', { name: 'Print the runbook' }).click();
    assert.equal(await page.evaluate(() => (window as unknown as { printed: number }).printed), 1);

    await page.emulateMedia({ media: 'print' });
    await e2e.screenshot(page, 'printed-runbook-paper');
    assert.equal(await page.getByRole('button').count(), 0, 'no button is on paper');
    assert.equal(await page.getByText('SOC duty phone').isVisible(), true, 'the contacts are on paper');
    assert.equal(
      await page
        .getByRole('cell', { name: /AADSTS53003/ })
        .first()
        .isVisible(),
      true,
      'the codes are on paper',
    );
    await e2e.screenshot(page, 'printed-runbook-paper');
    // Four parts, each from a new page: at least four A4 pages.
    const paper = await page.pdf({ format: 'A4' });
    writeFileSync(join(screenshotDir, 'printed-runbook.pdf'), paper);
    const pdf = paper.toString('latin1');
    const pages = (pdf.match(/\/Type\s*\/Page\b/g) ?? []).length;
    assert.ok(pages >= 4, `each part starts on a page of its own (${pages} pages)`);
    await page.emulateMedia({ media: 'screen' });
    assert.deepEqual(problems, []);
  });
});

/**
 * The incident runbook in real Chromium through the web host, against the simulated tenant the
 * app starts (the test tenant: bg2 is blocked by Conditional Access, bg1 is excluded): a full
 * incident on the security-key path with a recovery action previewed, confirmed, seen in the
 * tenant and undone; a blocked account and the way in through the app path; quitting and
 * reopening mid-incident; the journal afterwards; axe on every screen.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

import type { Page } from 'playwright';

import { noChromiumReason, seriousAxeViolations } from '../helpers/browser.ts';
import { startE2e } from '../helpers/e2e.ts';
import { openIncident as openIncidentIn, throughTheSafe, touchKey as touchKeyIn } from '../helpers/incident-e2e.ts';
import { ids, pins, testSeedJson, upn } from '../helpers/sim-seed.ts';

describe('incident runbook in Chromium', { skip: noChromiumReason }, () => {
  const e2e = startE2e({ simSeed: testSeedJson(), viewport: { width: 1200, height: 950 } });

  async function checkScreen(page: Page, name: string) {
    await e2e.screenshot(page, `incident-${name}`);
    assert.deepEqual(await seriousAxeViolations(page), [], `axe on ${name}`);
  }

  const openIncident = (reference: string) => openIncidentIn(e2e, reference);
  const touchKey = (page: Page, pin: string) => touchKeyIn(e2e, page, pin);

  async function policyState(): Promise<string> {
    const sim = (await e2e.app.services.tenant.simulator())!;
    return sim.snapshot().conditionalAccessPolicies.find((p) => p.id === ids.blockPolicy)!.state;
  }

  test('a full incident on the security-key path, with a recovery action previewed, confirmed, seen in the tenant and undone', async () => {
    const page = await openIncident('INC-1');
    await checkScreen(page, '1-open');
    await page.getByRole('button', { name: 'Open the incident' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tell security operations' }).waitFor();
    await page.getByText(/since opened/).waitFor();
    await checkScreen(page, '2-notify');
    await throughTheSafe(page, async () => checkScreen(page, '2b-safe'));
    await page.getByRole('radio', { name: new RegExp(upn('bg1')) }).check();
    await checkScreen(page, '3-choose');
    await page.getByRole('button', { name: 'Take this way in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await checkScreen(page, '3b-sign-in');
    await page.getByRole('button', { name: 'Sign in now' }).click();
    const popup = await touchKey(page, pins.bg1);
    await page.getByRole('heading', { level: 1, name: 'Confirm access' }).waitFor();
    await popup.close();
    assert.ok(await page.getByText('Active directory roles: Global Administrator').isVisible());
    await checkScreen(page, '4-confirm');
    await page.getByRole('button', { name: 'This is who we need – go on' }).click();
    await page.getByRole('heading', { level: 1, name: 'Recover' }).waitFor();

    await page.locator('tr', { hasText: 'Block everyone but break-glass and admin' }).getByRole('button', { name: 'Report-only…' }).click();
    await page.getByRole('heading', { name: 'Switch "Block everyone but break-glass and admin" to report-only' }).waitFor();
    assert.ok(await page.getByText(/State: On → Report-only/).isVisible());
    await checkScreen(page, '5-preview');
    assert.equal(await policyState(), 'enabled', 'the preview changed nothing');
    await page.getByRole('button', { name: 'Confirm: make this change' }).click();
    await page.getByText(/^Done:/).waitFor();
    assert.equal(await policyState(), 'enabledForReportingButNotEnforced');
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText(/^Undone:/).waitFor();
    assert.equal(await policyState(), 'enabled');
    await checkScreen(page, '6-recovery');

    await page.getByLabel('A note for the record').fill('Policy owner informed by phone.');
    await page.getByRole('button', { name: 'Save the note' }).click();
    await page.getByText(/Policy owner informed by phone\./).waitFor();

    await page.getByRole('button', { name: 'Recovery is done – go to the close-out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Close the incident' }).waitFor();
    await page
      .getByLabel('Summary: what happened, what was done')
      .fill('Drill: signed in with bg1 and its key; switched the block policy to report-only and back.');
    await checkScreen(page, '7-close');
    await page.getByRole('button', { name: 'Close the incident' }).click();
    await page.getByRole('heading', { name: 'The incident is closed and recorded' }).waitFor();
    await checkScreen(page, '8-handover');

    const journal = e2e.app.services.journal;
    assert.equal(journal.verify().intact, true);
    const incident = journal.store.sessions().find((s) => s.title.includes('INC-1'))!;
    const kinds = journal.store.entries(incident.id).map((e) => `${e.kind}${e.stepId ? `:${e.stepId}` : ''}`);
    const order = [
      'session-opened',
      'step-acknowledged:notify-security-operations',
      'step-acknowledged:record-safe-opened',
      'step-acknowledged:choose-path',
      'sign-in-attempt',
      'sign-in-result',
      'step-acknowledged:confirm-access',
      'recovery-action:recovery.policy-report-only',
      'step-acknowledged:recovery-actions',
      'session-closed',
    ];
    let at = 0;
    for (const wanted of order) {
      const found = kinds.indexOf(wanted, at);
      assert.ok(found >= 0, `${wanted} after position ${at} in ${kinds.join(', ')}`);
      at = found;
    }
    assert.ok(kinds.includes('step-shown:sign-in'), 'steps shown are journaled too');
    const file = journal.location().file;
    for (const part of [file, `${file}-wal`])
      if (existsSync(part)) assert.equal(readFileSync(part).includes(Buffer.from(pins.bg1)), false, 'no PIN in the journal');
    // The hand-over leads to the rotation, with what the incident used ticked and why.
    await page.getByRole('button', { name: 'Rotate credentials now' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rotate credentials' }).waitFor();
    const bg1 = page.getByRole('checkbox', { name: new RegExp(upn('bg1')) });
    await bg1.waitFor();
    assert.equal(await bg1.isChecked(), true, 'the account used in the incident is ticked');
    assert.equal(await page.getByRole('checkbox', { name: new RegExp(upn('bg2')) }).isChecked(), false);
    await page
      .getByText(/Signed in during “Drill: ca-lockout \(INC-1\)/)
      .first()
      .waitFor();
    await page.close();
  });

  test('a break-glass user blocked by Conditional Access: 53003 explained, and the custodian gets in through the app path', async () => {
    const page = await openIncident('INC-2');
    await page.getByRole('button', { name: 'Open the incident' }).click();
    await throughTheSafe(page);
    await page.getByRole('radio', { name: new RegExp(upn('bg2')) }).check();
    await page.getByRole('button', { name: 'Take this way in' }).click();
    await page.getByRole('button', { name: 'Sign in now' }).click();
    const popup = await touchKey(page, pins.bg2);
    await page.getByRole('heading', { name: /Blocked by a Conditional Access policy/ }).waitFor();
    await popup.close();
    const blocked = await page.locator('main').innerText();
    assert.match(blocked, /app certificate/i);
    assert.doesNotMatch(blocked, /AADSTS|Trace ID/, 'the error code and the trace ids are in the details for Microsoft support');
    assert.match((await page.locator('main').textContent()) ?? '', /AADSTS53003/);
    await checkScreen(page, '9-blocked');
    await page.getByRole('button', { name: 'Choose a way in again' }).click();
    await page.getByRole('heading', { level: 1, name: 'Choose the way in' }).waitFor();
    assert.ok(await page.getByText('(failed before)').isVisible());
    await page.getByRole('radio', { name: /Break-glass app|App d0000000/ }).check();
    await page.getByRole('button', { name: 'Take this way in' }).click();
    // The certificate path says nothing of security keys, and names no account in its heading.
    await page.getByRole('heading', { level: 2, name: 'Sign in with the app’s certificate' }).waitFor();
    const certificateStep = await page.locator('form[aria-labelledby="sign-in-heading"]').innerText();
    assert.doesNotMatch(certificateStep, /security key|PIN|touch the key/i, certificateStep);
    await page.getByRole('button', { name: 'Sign in now' }).click();
    await page.getByRole('heading', { level: 1, name: 'Confirm access' }).waitFor();
    assert.ok(await page.getByText(/Signed in as Break-glass app/).isVisible());
    await page.getByRole('button', { name: 'This is who we need – go on' }).click();
    await page.getByRole('button', { name: 'Recovery is done – go to the close-out' }).click();
    await page.getByLabel('Summary: what happened, what was done').fill('Drill: bg2 blocked, in through the app path.');
    await page.getByRole('button', { name: 'Close the incident' }).click();
    await page.getByRole('heading', { name: 'The incident is closed and recorded' }).waitFor();
    await page.close();
  });

  test('quitting mid-incident and reopening the app resumes at the same step', async () => {
    const page = await openIncident('INC-3');
    await page.getByRole('button', { name: 'Open the incident' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tell security operations' }).waitFor();
    await page.getByLabel('Whom did you tell?').fill('SOC duty officer');
    await page.getByLabel('How (phone, in person…)?').fill('phone');
    await page.getByRole('button', { name: 'Security operations knows – go on' }).click();
    await page.getByRole('heading', { level: 1, name: 'Open the safe' }).waitFor();
    await page.close();

    await e2e.restart();
    const { page: again } = await e2e.open();
    // The home screen leads with the open drill: its banner's Resume goes back to the same step.
    await again.getByRole('region', { name: 'A drill is open' }).getByText('Step 3 of 8: Open the safe').waitFor();
    await again.getByRole('button', { name: 'Resume the drill' }).first().click();
    await again.getByRole('heading', { level: 1, name: 'Open the safe' }).waitFor();
    assert.match(await again.locator('.steps').innerText(), /✓ Tell security operations/);
    await again.close();
  });
});

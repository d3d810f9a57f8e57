/**
 * The incident's first steps in Chromium, as a custodian goes through them: open the incident,
 * tell security operations, record the safe, and touch the security key on the simulator's
 * sign-in page. Shared by the incident and recovery-step e2e tests.
 */
import type { Page } from 'playwright';

import type { E2e } from './e2e.ts';

/** The entry point, who is at the safe and the reference, filled in; "Open the incident" not yet pressed. */
export async function fillOpenIncident(page: Page, reference: string): Promise<void> {
  await page.getByRole('button', { name: /Incident: emergency sign-in/ }).click();
  await page.getByRole('button', { name: 'Open the incident' }).waitFor();
  await page.getByLabel('Custodian (your name)').fill('Ada Custodian');
  await page.getByLabel('Witness (recommended)').fill('Grace Witness');
  await page.getByLabel('Incident reference (optional)').fill(reference);
}

/** A new page with the incident's opening form filled in. */
export async function openIncident(e2e: E2e, reference: string): Promise<Page> {
  const { page } = await e2e.open();
  await fillOpenIncident(page, reference);
  return page;
}

/** On `page`, the incident opened: its first step is on screen. */
export async function openIncidentOn(page: Page, reference: string): Promise<void> {
  await fillOpenIncident(page, reference);
  await page.getByRole('button', { name: 'Open the incident' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tell security operations' }).waitFor();
}

export async function throughTheSafe(page: Page, atTheSafe: () => Promise<void> = async () => undefined): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Tell security operations' }).waitFor();
  await page.getByLabel('Whom did you tell?').fill('SOC duty officer');
  await page.getByLabel('How (phone, in person…)?').fill('phone');
  await page.getByRole('button', { name: 'Security operations knows – go on' }).click();
  await page.getByRole('heading', { level: 1, name: 'Open the safe' }).waitFor();
  await atTheSafe();
  await page.getByLabel(/Security keys taken/).fill('Safe key A');
  await page.getByRole('button', { name: 'Recorded – go on' }).click();
  await page.getByRole('heading', { level: 1, name: 'Choose the way in' }).waitFor();
}

/** Opens the sign-in page from the app and touches the key with its PIN; the page is returned to close. */
export async function touchKey(e2e: E2e, page: Page, pin: string): Promise<Page> {
  const [popup] = await Promise.all([e2e.context.waitForEvent('page'), page.getByRole('link', { name: 'Open the sign-in page' }).click()]);
  await popup.getByLabel('Security key PIN').fill(pin);
  await popup.getByRole('button', { name: 'Touch the key and sign in' }).click();
  return popup;
}

/**
 * Opening an incident from the home screen as the custodian does it, for the end-to-end tests:
 * the entry point, who is at the safe, the reference; `open` also presses "Open the incident" and
 * waits for the first step.
 */
import type { Page } from 'playwright-core';

export async function fillOpenIncident(page: Page, reference: string): Promise<void> {
  await page.getByRole('button', { name: /Incident: emergency sign-in/ }).click();
  await page.getByRole('button', { name: 'Open the incident' }).waitFor();
  await page.getByLabel('Custodian (your name)').fill('Ada Custodian');
  await page.getByLabel('Witness (recommended)').fill('Grace Witness');
  await page.getByLabel('Incident reference (optional)').fill(reference);
}

export async function openIncident(page: Page, reference: string): Promise<void> {
  await fillOpenIncident(page, reference);
  await page.getByRole('button', { name: 'Open the incident' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tell security operations' }).waitFor();
}

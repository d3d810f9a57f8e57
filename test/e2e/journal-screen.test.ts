// The Journal screen in real Chromium through the web host, on a real journal file.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import Database from 'better-sqlite3';

import type { ServedApp } from '../../src/main/host/serve-app.ts';
import { noChromiumReason, seriousAxeViolations } from '../helpers/browser.ts';
import { startE2e, type Opened } from '../helpers/e2e.ts';
import { tempDir } from '../helpers/temp.ts';

describe('Journal screen in Chromium', { skip: noChromiumReason }, () => {
  // Each test serves its own app on a data folder of its own.
  const e2e = startE2e({ app: false, timezoneId: 'America/New_York' });

  async function openJournal(app: ServedApp): Promise<Opened> {
    await e2e.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.host.origin });
    const { page, problems } = await e2e.open({ app });
    await page.getByRole('button', { name: /Open the journal/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
    return { page, problems };
  }

  test('record a note, find it in its session, verify the chain, copy the head and export', async () => {
    const dataDir = tempDir();
    const app = await e2e.serve(dataDir);
    const { page, problems } = await openJournal(app);
    await page.getByText('Nothing recorded yet.').waitFor();

    await page.getByLabel('Your name').fill('Alice Custodian');
    await page.getByLabel('Witness (optional)').fill('Bob Witness');
    await page.getByLabel('Title', { exact: true }).fill('Quarterly safe inspection');
    await page.getByLabel('Note', { exact: true }).fill('Safe opened 02:10 UTC; seal 4471 intact; both FIDO2 keys present.');
    await page.getByRole('button', { name: 'Record the note' }).click();
    await page.getByText('Recorded as entry 2.').waitFor();
    await page.getByRole('button', { name: /Quarterly safe inspection/ }).waitFor();

    // The head in groups of four; Copy gives it without the spaces.
    const shownHead = await page.getByTestId('head-hash').innerText();
    assert.match(shownHead, /^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    const head = shownHead.replaceAll(' ', '');
    assert.equal(head, app.services.journal.store.head().hash, 'the screen shows the real head hash');
    await page.getByRole('button', { name: 'Copy the head hash' }).click();
    await page.getByText('Copied.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), head);

    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await page.getByText('Chain intact: all 3 entries check out').waitFor();
    // The demo tenant's data folder has no witness folder: the screen says so (docs/domain.md, "The chain-head witness file").
    // In the app's words: how to set it here, not a command-line option.
    const noWitness = await page
      .getByText(/^No witness folder is set, so the chain head was not written outside the journal\./)
      .innerText();
    assert.match(noWitness, /Set "witnessFolder" in the inventory file beside the app \(breakglass\.config\.json\)/);
    assert.doesNotMatch(noWitness, /--witness-dir/);

    await page.getByRole('button', { name: 'Export Markdown' }).click();
    const saved = await page.getByText(/^Saved 3 entries as Markdown to /).innerText();
    const exportFile = saved.replace(/^Saved 3 entries as Markdown to /, '');
    assert.ok(exportFile.startsWith(dataDir) && existsSync(exportFile), `export written beside the journal: ${exportFile}`);
    assert.match(readFileSync(exportFile, 'utf8'), /Quarterly safe inspection[\s\S]*seal 4471 intact/);
    assert.deepEqual(await seriousAxeViolations(page), []);
    await e2e.screenshot(page, 'journal-screen');

    // The print view is the paper record alone: the head in groups of four, the count, the time, the file, signatures.
    await page.getByRole('button', { name: 'Print the chain head for the paper record' }).waitFor();
    await page.emulateMedia({ media: 'print' });
    await e2e.screenshot(page, 'journal-chain-head-print');
    const sheet = page.locator('.chain-sheet');
    assert.equal(await sheet.isVisible(), true, 'the sheet is printed');
    const printed = await sheet.innerText();
    assert.ok(printed.includes(shownHead), printed);
    assert.match(printed, /Entries\s+3/);
    assert.ok(printed.includes(join(dataDir, 'journal.sqlite3')));
    assert.match(printed, /Printed\s+.*E[SD]T/);
    assert.match(printed, /Custodian \(name and signature\): _+[\s\S]*Witness \(name and signature\): _+/);
    assert.equal(
      await page.locator('button', { hasText: 'Verify the chain' }).evaluate((el) => getComputedStyle(el).visibility),
      'hidden',
      'nothing but the sheet is printed',
    );
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await sheet.isVisible(), false, 'the sheet is not on screen');

    await page.getByRole('button', { name: /Quarterly safe inspection/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Quarterly safe inspection' }).waitFor();
    const timeline = await page.locator('.timeline').innerText();
    // Plain names, and local times with their zone (the browser runs in New York here).
    assert.match(
      timeline,
      /#1[\s\S]*Session opened[\s\S]*#2[\s\S]*Note[\s\S]*Alice Custodian \(witness Bob Witness\)[\s\S]*seal 4471 intact[\s\S]*#3[\s\S]*Session closed/,
    );
    assert.match(timeline, /\d\d:\d\d:\d\d [AP]M E[SD]T/);
    assert.doesNotMatch(timeline, /session-opened|Z\b/, 'the identifiers and UTC stamps are in the details');
    // The filter by kind: only the note.
    await page.getByLabel('Show').selectOption({ label: 'Note (1)' });
    assert.deepEqual(await page.locator('.timeline > li .kind').allInnerTexts(), ['Note']);
    await page.getByLabel('Show').selectOption({ label: 'Every entry (3)' });
    assert.equal(await page.locator('.timeline > li').count(), 3);
    assert.deepEqual(await seriousAxeViolations(page), []);
    await e2e.screenshot(page, 'journal-session');
    assert.deepEqual(problems, []);
  });

  test('a note without a name is not recorded, and the form says what is missing', async () => {
    const app = await e2e.serve();
    const { page } = await openJournal(app);
    await page.getByLabel('Title', { exact: true }).fill('x');
    await page.getByLabel('Note', { exact: true }).fill('y');
    await page.getByRole('button', { name: 'Record the note' }).click();
    assert.equal(await page.getByLabel('Your name').evaluate((el) => (el as HTMLInputElement).validity.valueMissing), true);
    assert.equal(app.services.journal.store.head().seq, 0);
  });

  test('verifying a journal tampered in two places shows every bad entry, not just the first', async () => {
    const dataDir = tempDir();
    const app = await e2e.serve(dataDir);
    for (const title of ['First', 'Second']) app.services.journal.recordNote({ actor: 'Ada', title, text: `${title} note.` });
    const db = new Database(join(dataDir, 'journal.sqlite3'));
    db.prepare("UPDATE journal_entries SET summary = 'Nothing happened.' WHERE seq IN (2, 5)").run();
    db.close();
    const { page, problems } = await openJournal(app);
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    const alert = await page.getByRole('alert').innerText();
    assert.match(alert, /Chain broken at entry 2: Entry 2 was changed after it was written/);
    assert.match(alert, /2 bad entries: #2, #5\./);
    assert.match(alert, /#5: Entry 5 was changed after it was written/);
    assert.deepEqual(await seriousAxeViolations(page), []);
    assert.deepEqual(problems, []);
  });

  test('a corrupt journal is kept untouched, a new one is started beside it, and both screens say so', async () => {
    const dataDir = tempDir();
    const damaged = join(dataDir, 'journal.sqlite3');
    writeFileSync(damaged, 'this is not a database, and it must stay exactly like this');
    const app = await e2e.serve(dataDir);
    const { page } = await e2e.open({ app });
    await page.getByRole('button', { name: /Open the journal/ }).waitFor();
    const home = await page.locator('main').innerText();
    assert.match(home, /journal-continued-.*\.sqlite3/);
    assert.match(home, /journal\.sqlite3 could not be used and is kept untouched/);
    await page.getByRole('button', { name: /Open the journal/ }).click();
    const panel = await page.getByRole('region', { name: 'A journal was set aside, untouched' }).innerText();
    assert.ok(panel.includes(damaged), 'names the damaged file');
    assert.match(panel, /not a SQLite database/);
    assert.equal(readFileSync(damaged, 'utf8'), 'this is not a database, and it must stay exactly like this');
    await e2e.screenshot(page, 'journal-set-aside');
  });
});

/**
 * Check readiness on a disk that stops taking writes midway (docs/domain.md, "Journal rules"), in
 * real Chromium: the web host runs as its own process with its file size limited (`ulimit -f`),
 * so the journal's writes fail for real. The screen still shows every result, says how many the
 * journal holds and what to do, and prints no chain head that would vouch for the missing ones.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

import { noChromiumReason } from '../helpers/browser.ts';
import { fileSizeLimited, startWebCli, type RunningWeb } from '../helpers/cli.ts';
import { startE2e } from '../helpers/e2e.ts';

describe('Check readiness when the journal stops taking writes', { skip: noChromiumReason }, () => {
  const e2e = startE2e({ app: false });
  let web: RunningWeb | undefined;
  after(async () => {
    await web?.stop();
  });

  test('the results are all shown, with what the journal is missing and the next step', async () => {
    // 128 KiB: the journal is created and the check session opened, but the results do not all fit.
    web = await startWebCli(['--port', '0', '--data-dir', join(e2e.dir, 'data')], { through: fileSizeLimited(256) });
    const { page, problems } = await e2e.open({ url: web.url });
    await page.getByRole('button', { name: /Check readiness/ }).click();
    await page.getByLabel('Your name (for the journal)').fill('Ada Custodian');
    await page.getByRole('button', { name: 'Run the checks' }).click();

    const alert = page.getByRole('alert').filter({ hasText: 'The journal does not hold this whole run' });
    await alert.waitFor();
    const text = await alert.innerText();
    const [, journaled, total] = /(\d+) of (\d+) results are in it; this screen has them all/.exec(text) ?? [];
    assert.ok(Number(journaled) > 0 && Number(journaled) < Number(total), text);
    assert.match(text, /could not be written during the run: .*\(SQLITE_(IOERR|FULL)[A-Z_]*\)/);
    assert.match(text, /What to do now: Keep this screen open and write the verdict and the failures on the paper record/);
    await page.getByRole('heading', { name: 'Not ready' }).waitFor();
    assert.equal(await page.locator('.result').count(), Number(total), 'every result is on the screen');
    assert.doesNotMatch(await page.locator('main').innerText(), /journal chain head/, 'no head vouches for a partial record');
    await e2e.screenshot(page, 'readiness-journal-gap');
    assert.deepEqual(problems, []);
  });
});

/**
 * `npm run screenshots:readme`: the README's home screen as a newcomer sees it after
 * `npm install && npm start` on a machine without Electron – the real `breakglass web` on the
 * built-in demo tenant, its journal in the per-user folder of a fresh account (docs/architecture.md,
 * "Tests"). Writes docs/home-screen.png; run `npm run build` first.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { launchChromium, noChromiumReason } from '../test/helpers/browser.ts';
import { startWebCli } from '../test/helpers/cli.ts';

const docsDir = join(process.cwd(), 'docs');

async function main(): Promise<number> {
  if (noChromiumReason) {
    console.error(`screenshots:readme: ${noChromiumReason}.`);
    return 2;
  }
  // A fixed, plainly named home folder, so the path on the screenshot reads like a real one.
  const home = join(tmpdir(), 'breakglass-readme', 'home', 'custodian');
  rmSync(join(tmpdir(), 'breakglass-readme'), { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
  delete env['XDG_CONFIG_HOME'];
  const web = await startWebCli(['--port', '0'], { env });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(web.url);
    await page.getByRole('heading', { level: 1, name: 'Break-Glass Runbook' }).waitFor();
    await page.getByRole('button', { name: 'Sign in to the tenant' }).waitFor();
    const file = join(docsDir, 'home-screen.png');
    await page.screenshot({ path: file, fullPage: true });
    console.log(`Wrote ${file}.`);
    return 0;
  } finally {
    await browser.close();
    await web.stop();
  }
}

process.exitCode = await main();

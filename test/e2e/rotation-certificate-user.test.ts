/**
 * Rotation of an account whose own certificate left the safe, in real Chromium through the web
 * host, on the demo tenant with breakglass1 bound by a certificate user id: the begin form takes
 * "its own certificate left the safe too", and the certificate step is recorded only once Entra
 * binds the new certificate's id – the screen says so plainly until then (docs/domain.md,
 * "Rotation after use").
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { noChromiumReason, seriousAxeViolations } from '../helpers/browser.ts';
import { startE2e } from '../helpers/e2e.ts';
import { demoSeedJson } from '../helpers/rotation.ts';
import { appGraphConnection } from '../helpers/sim.ts';

const config = { breakglass1: '4b6f0d2e-8c1a-4f3b-9e57-2a9d6c0e1f34', appId: '2f7b4d9c-6e1a-4c83-9b5f-0a8e3d6c2f17' };
const oldId = 'X509:<SKI>0a1b2c3d4e5f60718293a4b5c6d7e8f901234567';
const newId = 'X509:<SKI>7a1b2c3d4e5f60718293a4b5c6d7e8f9aabbccdd';

function seed(): Record<string, unknown> {
  const json = demoSeedJson({ findingsFixed: true });
  const users = json['users'] as Array<{ id: string; authorizationInfo?: unknown }>;
  users.find((u) => u.id === config.breakglass1)!.authorizationInfo = { certificateUserIds: [oldId] };
  return json;
}

describe('rotating a certificate user in Chromium', { skip: noChromiumReason }, () => {
  const e2e = startE2e({
    simSeed: seed(),
    configPath: join(process.cwd(), 'assets', 'demo-tenant.config.json'),
    viewport: { width: 1200, height: 950 },
  });

  test('the new certificate is recorded once Entra binds it, and not before', async () => {
    const { page, problems } = await e2e.open();
    const currentStep = (title: RegExp) => page.getByRole('heading', { level: 2, name: title }).waitFor();
    await page.getByRole('button', { name: /Rotate credentials/ }).click();
    await page.getByRole('heading', { name: 'What will be rotated, and why' }).waitFor();
    await page.getByRole('checkbox', { name: /breakglass1@/ }).check();
    await page.getByRole('checkbox', { name: /Its own certificate/ }).check();
    await page.getByLabel('Custodian (your name)').fill('Ada Custodian');
    await page.getByRole('button', { name: 'Begin the rotation' }).click();

    await currentStep(/New password set/);
    await page.getByRole('button', { name: 'Sign in with the app certificate' }).click();
    await page.getByText(/Acting as Break-Glass Emergency Access App/).waitFor();
    await page.getByRole('button', { name: 'Show the new password' }).click();
    await page.getByRole('checkbox', { name: /on the envelope sheet/ }).check();
    await page.getByRole('button', { name: 'Set this password' }).click();
    await currentStep(/Sign-in sessions revoked/);
    await page.getByRole('button', { name: 'Revoke sessions' }).click();
    await currentStep(/Registered methods reviewed/);
    await page.getByRole('button', { name: 'Confirm the review (remove nothing)' }).click();

    await currentStep(/New certificate issued and bound to the account/);
    await page.getByLabel(/Certificate user id of the new certificate/).fill(newId);
    await page.getByLabel(/Issued by/).fill('Contoso PKI, Lin');
    await page.getByRole('button', { name: 'Check the binding and record it' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: /do not hold X509:<SKI>7a1b.* yet/ });
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /Authorization info › Certificate user IDs/);
    await e2e.screenshot(page, 'rotation-certificate-not-bound');
    assert.deepEqual(await seriousAxeViolations(page), []);

    // An administrator binds the new certificate in Entra; the custodian records it again.
    const sim = (await e2e.app.services.tenant.simulator())!;
    await appGraphConnection(sim, config.appId).write('PATCH', `/users/${config.breakglass1}`, {
      authorizationInfo: { certificateUserIds: [newId] },
    });
    await page.getByRole('button', { name: 'Check the binding and record it' }).click();
    await currentStep(/Security key back in the safe/);
    assert.match(await page.locator('.steps').first().innerText(), /✓ New certificate issued and bound/);
    // The refusal travels as a 409 (docs/architecture.md, "The web host"), which Chromium logs; nothing else went wrong.
    assert.deepEqual(
      problems.filter((p) => !/status of 409 \(Conflict\)/.test(p)),
      [],
    );
    assert.equal(problems.length, 1, problems.join('\n'));
    await page.close();
  });
});

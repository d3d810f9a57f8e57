/**
 * The printed runbook's content from the real services on the demo tenant: the tenant id and
 * sign-in address from the inventory, its accounts and app, and the common AADSTS codes worded by
 * the same table the sign-in screens use; without an inventory it still prints, saying why.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { explainSignInFailure } from '../../src/core/aadsts/index.ts';
import { printedRunbook, printedSignInCodes } from '../../src/main/services/printed-runbook.ts';
import { ActionableError } from '../../src/shared/actionable-error.ts';
import { PrintedRunbook } from '../../src/shared/model/printed-runbook.ts';
import { builtinRunbook } from '../../src/core/runbooks/builtin-runbook.ts';
import { demoSeedJson } from '../helpers/check-pipeline.ts';
import { startTestServices } from '../helpers/services.ts';

describe('printedRunbook', () => {
  const services = startTestServices({ simSeed: demoSeedJson() });
  const now = new Date('2026-12-02T03:00:00Z');

  test('on the demo tenant: the tenant id, the sign-in address, the accounts, the app and every code with what to do', () => {
    const printed = printedRunbook(services.settings, services.tenant, now);
    const inventory = services.tenant.inventory();
    assert.deepEqual(PrintedRunbook.parse(printed), printed);
    assert.equal(printed.printedAt, now.toISOString());
    assert.deepEqual(printed.runbook, builtinRunbook);
    assert.equal(printed.source, 'builtin');
    assert.equal(printed.tenant.simulated, true);
    assert.equal(printed.tenant.tenantId, inventory.tenantId);
    assert.equal(printed.tenant.signInAddress, `${inventory.endpoints.authority}/${inventory.tenantId}`);
    assert.deepEqual(
      printed.accounts,
      inventory.accounts.map((a) => a.userPrincipalName),
    );
    assert.equal(printed.app?.appId, inventory.app?.appId);
    assert.deepEqual(
      printed.signInCodes.map(({ code, path }) => ({ code, path })),
      printedSignInCodes,
    );
    for (const code of printed.signInCodes) {
      assert.equal(code.title, explainSignInFailure({ code: code.code }, { path: code.path }).title);
      assert.ok(code.whatToDo.length > 0, `AADSTS${code.code} says what to do`);
    }
    // On the app's path the advice never sends the custodian to the app they are already using.
    const appBlocked = printed.signInCodes.find((c) => c.code === 53003 && c.path === 'certificate')!;
    assert.equal(appBlocked.title, 'Blocked by a Conditional Access policy for workload identities');
    assert.ok(!appBlocked.whatToDo.some((line) => /with the app certificate instead/.test(line)));
  });

  test('without an inventory: it still prints the runbook, says why the tenant is missing, and leaves out the app codes', () => {
    const tenant = {
      label: 'No tenant configured',
      simulated: false,
      appName: () => undefined,
      inventory: () => {
        throw new ActionableError(
          'No tenant is configured, so there is nothing to sign in to.',
          'Put breakglass.config.json next to the app.',
        );
      },
    };
    const printed = printedRunbook(services.settings, tenant, now);
    assert.equal(printed.tenant.tenantId, undefined);
    assert.equal(
      printed.tenant.problem,
      'No tenant is configured, so there is nothing to sign in to. Put breakglass.config.json next to the app.',
    );
    assert.deepEqual(printed.accounts, []);
    assert.equal(printed.app, undefined);
    assert.ok(printed.signInCodes.length > 0);
    assert.ok(printed.signInCodes.every((code) => code.path === 'security-key'));
    // No app is there to offer, so no line sends the custodian to it.
    assert.ok(printed.signInCodes.every((code) => !code.whatToDo.some((line) => /app certificate/.test(line))));
  });
});

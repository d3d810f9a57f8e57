/**
 * The check catalogue end to end (docs/domain.md, "The catalogue"): hand-built tenants – the
 * demo tenant with one thing changed – served by the simulator, read by the reader app over
 * HTTPS through Graph and ARM, and checked. Every id has a passing and a failing (or warning)
 * case and, where the data can be unreadable, an indeterminate one. This file: the demo tenant as
 * a whole (exactly its planted problems; with them fixed, every check passes). The other
 * checks-through-simulator-*.test.ts files hold the areas of the catalogue.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { checkIds, subjectLabel } from '../../src/core/checks/model.ts';
import { describeResult, fixAll, resultsOf } from '../helpers/check-pipeline.ts';

describe('the demo tenant through the simulator', () => {
  test('yields exactly the planted problems of assets/demo-tenant.README.md, and nothing else is short of pass', async () => {
    const notPassing = (await resultsOf()).filter((r) => r.status !== 'pass').map((r) => `${r.id} ${r.status} ${subjectLabel(r.subject)}`);
    assert.deepEqual(notPassing.sort(), [
      'BG-APP-04 fail Break-Glass Emergency Access App', // #5 the client secret
      'BG-CA-01 fail CA210-Internals-DataProtection-Office365-AnyPlatform-CompliantDevice × breakglass2@contosodrill.onmicrosoft.com', // #1
      'BG-CA-02 warn CA106-Admins-BaseProtection-AnyApp-AnyPlatform-CompliantDevice × breakglass1@contosodrill.onmicrosoft.com', // #2
      'BG-CA-02 warn CA106-Admins-BaseProtection-AnyApp-AnyPlatform-CompliantDevice × breakglass2@contosodrill.onmicrosoft.com', // #2
      'BG-CA-04 warn CA001-Global-AttackSurfaceReduction-AnyApp-AnyPlatform-BLOCK-CountryWhitelist', // #3 the deleted group
      'BG-MON-02 fail breakglass2@contosodrill.onmicrosoft.com', // #7 the query names breakglass1 only
      'BG-MON-04 fail Action groups of the break-glass alert rules', // #6 mailboxes inside the tenant only
      'BG-USR-05 warn breakglass2@contosodrill.onmicrosoft.com', // #4 one key
    ]);
  });

  test('with the seven planted problems fixed, every check of every subject passes', async () => {
    const results = await resultsOf(fixAll);
    assert.deepEqual(results.filter((r) => r.status !== 'pass').map(describeResult), []);
    assert.deepEqual([...new Set(results.map((r) => r.id))], [...checkIds], 'every id of the catalogue is reported, in catalogue order');
  });
});

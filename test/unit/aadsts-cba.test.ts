/**
 * The certificate sign-in failures of a break-glass account (src/core/aadsts/codes-cba.ts), as
 * Microsoft's CBA troubleshooting page names them: each explained in plain words, with the
 * security key offered first and the other ways in after it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { aadstsGuides, explainSignInFailure } from '../../src/core/aadsts/index.ts';

const cbaCodes = [1001000, 1001003, 130501, 90100, 220501];

describe('certificate sign-in failures', () => {
  test('every CBA code of Microsoft’s troubleshooting page is in the table, explained, with the security key first', () => {
    for (const code of cbaCodes) {
      assert.ok(aadstsGuides[code], `AADSTS${code} is in the table`);
      const explanation = explainSignInFailure({ code }, { path: 'security-key', otherAccountAvailable: true, appPathAvailable: true });
      assert.equal(explanation.known, true);
      assert.ok(!explanation.title.includes('AADSTS'), `AADSTS${code}: a plain title`);
      assert.equal(explanation.alternatives[0], 'security-key', `AADSTS${code}: the key is the first way offered`);
      assert.ok(explanation.alternatives.includes('app-certificate'), `AADSTS${code}: the app certificate is offered too`);
    }
  });

  test('the wrong certificate chosen, and the browser stuck on it, each say what to do in the browser', () => {
    assert.match(
      explainSignInFailure({ code: 1001003 }).nextSteps.join(' '),
      /new browser window.*choose the one for this break-glass account/,
    );
    assert.match(explainSignInFailure({ code: 90100 }).nextSteps[0]!, /^Close every window of the browser, then start the sign-in again/);
  });

  test('an account out of scope of certificate sign-in is told how to bring it in', () => {
    assert.match(explainSignInFailure({ code: 130501 }).nextSteps.join(' '), /Certificate-based authentication > Enable and target/);
  });

  test('AADSTS50034 after a certificate says the certificate did not match the account', () => {
    assert.ok(explainSignInFailure({ code: 50034 }).nextSteps.some((s) => /certificate did not match this account/.test(s)));
  });
});

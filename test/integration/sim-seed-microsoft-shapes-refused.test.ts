/**
 * The seed takes what Microsoft returns (the pasted objects of
 * test/helpers/pasted-microsoft-shapes.ts): only what Microsoft does not define is refused, and
 * shape, reference and secret problems come in one report.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { SeedValidationError, validateSeed } from '../../src/sim/index.ts';
import { testCertificates } from '../helpers/sim-seed.ts';
import { pastedSeedJson, type Json } from '../helpers/pasted-microsoft-shapes.ts';

/** The problems validateSeed reports for the pasted seed after `change`. */
function problemsOf(change: (json: Json) => void): readonly string[] {
  const json = pastedSeedJson();
  change(json);
  try {
    validateSeed(json, 'drill/contoso.seed.json');
  } catch (error) {
    assert.ok(error instanceof SeedValidationError, String(error));
    return error.problems;
  }
  assert.fail('expected a SeedValidationError');
}

describe('only what Microsoft does not define is refused', () => {
  test('a property no Microsoft page defines, next to real ones, is refused at its JSON path', () => {
    const problems = problemsOf((json) => {
      ((json['users'] as Json[]).at(-1)!['authorizationInfo'] as Json)['certificateUserIdz'] = [];
      ((json['azure'] as Json)['scheduledQueryRules'] as Json[])[0]!['etagg'] = 'x';
      ((json['azure'] as Json)['actionGroups'] as Json[])[0]!['etag'] = '"not in the 2023-01-01 spec"';
      (json['conditionalAccessPolicies'] as Json[]).at(-1)!['policyOwner@odata.type'] = '#String';
    });
    assert.deepEqual([...problems].sort(), [
      "$.azure.actionGroups[0].etag: unknown key (not part of this object's Graph shape)",
      "$.azure.scheduledQueryRules[0].etagg: unknown key (not part of this object's Graph shape)",
      // An annotation is accepted only for a property the object has.
      "$.conditionalAccessPolicies[4]['policyOwner@odata.type']: unknown key (not part of this object's Graph shape)",
      "$.users[4].authorizationInfo.certificateUserIdz: unknown key (not part of this object's Graph shape)",
    ]);
  });

  test('shape, reference and secret problems come in one report, each at its JSON path', () => {
    const problems = problemsOf((json) => {
      (json['users'] as Json[]).at(-1)!['favouriteColour'] = 'blue';
      ((json['groups'] as Json[])[0]!['members'] as string[]).push('f9999999-0000-4000-8000-000000000099');
      ((json['simulator'] as Json)['credentials'] as Json[])[0]!['privateKeyPem'] = testCertificates().reader.privateKeyPem;
    });
    assert.deepEqual(
      problems.map((p) => p.slice(0, p.indexOf(': '))),
      ['$.users[4].favouriteColour', '$.groups[0].members[1]', '$.simulator.credentials[0].privateKeyPem'],
    );
  });
});

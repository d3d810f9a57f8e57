/**
 * Seed validation: a bad simulated-tenant seed is refused before anything starts, with every
 * problem named by its JSON path – unknown keys, malformed objects, ids that lead nowhere, and
 * simulator secrets that do not match the directory.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { ActionableError } from '../../src/shared/actionable-error.ts';
import { loadSeedFile, SeedValidationError, startSimulator, validateSeed } from '../../src/sim/index.ts';
import { ids, testCertificates, testSeedJson } from '../helpers/sim-seed.ts';
import { tempDir } from '../helpers/temp.ts';

type Json = Record<string, unknown>;
const list = (json: Json, key: string) => json[key] as Json[];

const unknownId = 'f9999999-0000-4000-8000-000000000099';

/** The problems validateSeed reports for the test seed after `change`; each also appears in the message. */
function problemsOf(change: (json: Json) => void): readonly string[] {
  const json = testSeedJson();
  change(json);
  let caught: unknown;
  try {
    validateSeed(json, 'test seed');
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof SeedValidationError, `expected a SeedValidationError, got ${String(caught)}`);
  assert.ok(caught.problems.length > 0);
  for (const problem of caught.problems.slice(0, 25)) assert.ok(caught.message.includes(problem), `the message names ${problem}`);
  return caught.problems;
}

/** Asserts exactly one problem, at `path`, whose text matches `what`. */
function assertOnlyProblem(problems: readonly string[], path: string, what: RegExp): void {
  assert.equal(problems.length, 1, `expected one problem, got:\n${problems.join('\n')}`);
  assert.ok(problems[0]!.startsWith(`${path}: `), `expected the problem at ${path}, got ${problems[0]}`);
  assert.match(problems[0]!, what);
}

describe('the test seed itself', () => {
  test('is valid, and validation fills in the collections it leaves out', () => {
    const seed = validateSeed(testSeedJson(), 'test seed');
    assert.equal(seed.users.length, 4);
    assert.deepEqual(seed.signIns, []);
    assert.deepEqual(seed.azure.subscriptions, []);
    assert.deepEqual(seed.simulator.deletedObjects, []);
  });
});

describe('unknown keys are errors, not silently ignored', () => {
  test('at the top level', () => {
    assertOnlyProblem(
      problemsOf((json) => (json['favouriteColour'] = 'blue')),
      '$.favouriteColour',
      /unknown key/,
    );
  });

  test('nested in a user', () => {
    assertOnlyProblem(
      problemsOf((json) => (list(json, 'users')[1]!['favouriteColour'] = 'blue')),
      '$.users[1].favouriteColour',
      /unknown key/,
    );
  });

  test('deep inside a Conditional Access policy', () => {
    const problems = problemsOf((json) => {
      const conditions = list(json, 'conditionalAccessPolicies')[0]!['conditions'] as Json;
      (conditions['users'] as Json)['excludeUser'] = [ids.admin];
    });
    assertOnlyProblem(problems, '$.conditionalAccessPolicies[0].conditions.users.excludeUser', /unknown key/);
  });

  test('in the simulator section', () => {
    const problems = problemsOf((json) => ((json['simulator'] as Json)['clientSecrets'] = []));
    assertOnlyProblem(problems, '$.simulator.clientSecrets', /unknown key/);
  });
});

describe('malformed objects', () => {
  // In the same pass, what named the user by the id it had now leads nowhere – and says so.
  test('a user without an id', () => {
    const problems = problemsOf((json) => delete list(json, 'users')[2]!['id']);
    assert.match(problems[0]!, /^\$\.users\[2\]\.id: is required$/);
    assert.deepEqual(
      problems.slice(1).map((p) => p.slice(0, p.indexOf(': '))),
      ['$.conditionalAccessPolicies[0].conditions.users.excludeUsers[0]', '$.simulator.passwords[0].userId'],
    );
    assert.ok(
      problems.slice(1).every((p) => p.includes(`"${ids.admin}"`)),
      problems.join('\n'),
    );
  });

  test('an id that is not a GUID', () => {
    const problems = problemsOf((json) => (list(json, 'users')[0]!['id'] = 'bg1'));
    assert.match(problems[0]!, /^\$\.users\[0\]\.id: must be a GUID$/);
    assert.deepEqual(
      problems.slice(1).map((p) => p.slice(0, p.indexOf(': '))),
      ['$.groups[1].members[0]', '$.roleAssignmentSchedules[0].principalId', '$.simulator.securityKeys[0].userId'],
    );
  });

  test('a Conditional Access policy with a state Graph does not have', () => {
    const problems = problemsOf((json) => (list(json, 'conditionalAccessPolicies')[1]!['state'] = 'on'));
    assertOnlyProblem(problems, '$.conditionalAccessPolicies[1].state', /enabledForReportingButNotEnforced/);
  });

  test('an authentication method of a type Graph does not have', () => {
    const problems = problemsOf((json) => {
      const methods = list(json, 'users')[0]!['authenticationMethods'] as Json[];
      methods[0]!['@odata.type'] = '#microsoft.graph.yubikeyMethod';
    });
    assertOnlyProblem(problems, "$.users[0].authenticationMethods[0]['@odata.type']", /#microsoft\.graph\.fido2AuthenticationMethod/);
  });

  test('a seed that is not an object at all', () => {
    assert.throws(
      () => validateSeed([], 'test seed'),
      (error: unknown) => {
        assert.ok(error instanceof SeedValidationError);
        assert.deepEqual(error.problems, ['$: must be object, not an array']);
        return true;
      },
    );
  });
});

describe('ids that lead nowhere', () => {
  test('a group member that does not exist', () => {
    const problems = problemsOf((json) => (list(json, 'groups')[1]!['members'] as string[]).push(unknownId));
    assertOnlyProblem(problems, '$.groups[1].members[1]', new RegExp(`member "${unknownId}" is not in the seed`));
  });

  test('a CA excludeGroups id that is neither live nor in simulator.deletedObjects', () => {
    const exclude = (json: Json) =>
      (((list(json, 'conditionalAccessPolicies')[0]!['conditions'] as Json)['users'] as Json)['excludeGroups'] as string[]).push(unknownId);
    const problems = problemsOf(exclude);
    assertOnlyProblem(
      problems,
      '$.conditionalAccessPolicies[0].conditions.users.excludeGroups[1]',
      /neither live nor listed in \$\.simulator\.deletedObjects/,
    );

    // Graph keeps ids of deleted groups in CA lists; listed as deleted, the same seed is valid.
    const json = testSeedJson();
    exclude(json);
    (json['simulator'] as Json)['deletedObjects'] = [{ id: unknownId, kind: 'group', displayName: 'Deleted exclusion group' }];
    assert.deepEqual(
      validateSeed(json, 'test seed').simulator.deletedObjects.map((d) => d.id),
      [unknownId],
    );
  });

  test('a deleted object of the wrong kind does not excuse the id', () => {
    const problems = problemsOf((json) => {
      (((list(json, 'conditionalAccessPolicies')[0]!['conditions'] as Json)['users'] as Json)['excludeGroups'] as string[]).push(unknownId);
      (json['simulator'] as Json)['deletedObjects'] = [{ id: unknownId, kind: 'user', displayName: 'Deleted user' }];
    });
    assertOnlyProblem(problems, '$.conditionalAccessPolicies[0].conditions.users.excludeGroups[1]', /group/);
  });

  test('an appRoleAssignment to an app role the resource does not have', () => {
    const problems = problemsOf((json) => (list(json, 'appRoleAssignments')[0]!['appRoleId'] = unknownId));
    assertOnlyProblem(problems, '$.appRoleAssignments[0].appRoleId', /is not one of Microsoft Graph's appRoles/);
  });

  test('a simulator credential whose certificate is not one of the app’s keyCredentials', () => {
    const problems = problemsOf((json) => {
      const credentials = (json['simulator'] as Json)['credentials'] as Json[];
      const lob = testCertificates().lobApp;
      credentials[0] = { appId: ids.bgApp.appId, certificatePem: lob.certificatePem, privateKeyPem: lob.privateKeyPem };
    });
    assertOnlyProblem(problems, '$.simulator.credentials[0].certificatePem', /is not one of Break-glass app's keyCredentials/);
  });

  test('a simulator credential whose private key does not belong to its certificate', () => {
    const problems = problemsOf((json) => {
      const credentials = (json['simulator'] as Json)['credentials'] as Json[];
      credentials[0]!['privateKeyPem'] = testCertificates().reader.privateKeyPem;
    });
    assertOnlyProblem(problems, '$.simulator.credentials[0].privateKeyPem', /is not the private key of certificatePem/);
  });

  test('a security key that names a method which is not FIDO2', () => {
    const problems = problemsOf((json) => {
      const bg1 = list(json, 'users')[0]!;
      (bg1['authenticationMethods'] as Json[]).push({
        '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
        id: 'bg1-authenticator',
        displayName: 'Phone',
      });
      ((json['simulator'] as Json)['securityKeys'] as Json[])[0]!['fido2MethodId'] = 'bg1-authenticator';
    });
    assertOnlyProblem(
      problems,
      '$.simulator.securityKeys[0].fido2MethodId',
      /is not one of bg1@drilltest\.onmicrosoft\.com's fido2AuthenticationMethod ids/,
    );
  });

  test('a security key for a user who is not in the seed', () => {
    const problems = problemsOf((json) => (((json['simulator'] as Json)['securityKeys'] as Json[])[1]!['userId'] = unknownId));
    assertOnlyProblem(problems, '$.simulator.securityKeys[1].userId', /is not in \$\.users/);
  });

  test('a directory role held by a group that is not role-assignable', () => {
    const problems = problemsOf((json) => (list(json, 'roleAssignmentSchedules')[0]!['principalId'] = ids.innerGroup));
    assertOnlyProblem(problems, '$.roleAssignmentSchedules[0].principalId', /group "Break-glass \(nested\)" is not role-assignable/);
  });
});

describe('every problem at once', () => {
  test('several malformed values are all reported, each with its path', () => {
    const problems = problemsOf((json) => {
      json['favouriteColour'] = 'blue';
      list(json, 'users')[1]!['favouriteColour'] = 'green';
      list(json, 'users')[0]!['id'] = 'bg1';
      list(json, 'conditionalAccessPolicies')[1]!['state'] = 'on';
    });
    const paths = problems.map((p) => p.slice(0, p.indexOf(': ')));
    assert.deepEqual([...paths].sort(), [
      '$.conditionalAccessPolicies[1].state',
      '$.favouriteColour',
      // … and, in the same pass, what named users[0] by the id it had.
      '$.groups[1].members[0]',
      '$.roleAssignmentSchedules[0].principalId',
      '$.simulator.securityKeys[0].userId',
      '$.users[0].id',
      '$.users[1].favouriteColour',
    ]);
  });

  test('several dangling ids are all reported, each with its path', () => {
    const problems = problemsOf((json) => {
      (list(json, 'groups')[0]!['members'] as string[]).push(unknownId);
      list(json, 'appRoleAssignments')[2]!['appRoleId'] = unknownId;
      ((json['simulator'] as Json)['securityKeys'] as Json[])[2]!['fido2MethodId'] = 'no-such-key';
    });
    const paths = problems.map((p) => p.slice(0, p.indexOf(': ')));
    assert.deepEqual([...paths].sort(), [
      '$.appRoleAssignments[2].appRoleId',
      '$.groups[0].members[1]',
      '$.simulator.securityKeys[2].fido2MethodId',
    ]);
  });

  test('the message counts the problems and shows the first 25, saying how many more there are', () => {
    const json = testSeedJson();
    for (let i = 0; i < 30; i += 1) json[`extra${i}`] = i;
    assert.throws(
      () => validateSeed(json, 'big.json'),
      (error: unknown) => {
        assert.ok(error instanceof SeedValidationError);
        assert.equal(error.problems.length, 30);
        assert.match(error.message, /^The simulated-tenant seed big\.json is not valid \(30 problems\):/);
        assert.match(error.message, /… and 5 more/);
        assert.ok(error.message.includes('$.extra0: unknown key'));
        assert.ok(!error.message.includes('$.extra29: unknown key'));
        return true;
      },
    );
  });

  test('the error tells a custodian which file to fix, and where Microsoft defines the objects at fault', () => {
    const json = testSeedJson();
    list(json, 'users')[1]!['favouriteColour'] = 'blue';
    json['azure'] = {
      actionGroups: [
        {
          id: '/subscriptions/x/resourceGroups/rg/providers/microsoft.insights/actionGroups/ag',
          name: 'ag',
          type: 'Microsoft.Insights/ActionGroups',
          location: 'Global',
          properties: {},
        },
      ],
    };
    assert.throws(
      () => validateSeed(json, 'drill/contoso.seed.json'),
      (error: unknown) => {
        assert.ok(error instanceof ActionableError);
        assert.match(error.nextStep, /^Fix drill\/contoso\.seed\.json at the JSON paths named above\./);
        assert.match(error.nextStep, /as Microsoft Graph \(or Azure Resource Manager\) returns it/);
        assert.match(error.nextStep, /\$\.users: https:\/\/learn\.microsoft\.com\/graph\/api\/resources\/user/);
        assert.match(
          error.nextStep,
          /\$\.azure\.actionGroups: Azure\/azure-rest-api-specs Microsoft\.Insights\/stable\/2023-01-01\/actionGroups_API\.json/,
        );
        assert.doesNotMatch(error.nextStep, /make-demo-seed|conditionalaccesspolicy/);
        return true;
      },
    );
  });

  test('for the demo seed, the next step is to regenerate it', () => {
    for (const source of ['assets/demo-tenant.seed.json', 'generated by make-demo-seed.ts']) {
      assert.throws(
        () => validateSeed({ ...testSeedJson(), favouriteColour: 'blue' }, source),
        (error: unknown) => {
          assert.ok(error instanceof ActionableError);
          assert.match(error.nextStep, /^Regenerate the demo seed with "node --import tsx tools\/demo-seed\/make-demo-seed\.ts"/);
          return true;
        },
      );
    }
  });
});

describe('loading a seed file', () => {
  const dir = tempDir('breakglass-seed-');

  test('a valid file loads', () => {
    const path = join(dir, 'good.json');
    writeFileSync(path, JSON.stringify(testSeedJson(), null, 2));
    assert.equal(loadSeedFile(path).tenant.id, ids.tenant);
  });

  test('a file that cannot be read: a clear message naming the path', () => {
    const path = join(dir, 'missing.json');
    assert.throws(
      () => loadSeedFile(path),
      (error: unknown) => {
        assert.ok(error instanceof ActionableError);
        assert.ok(!(error instanceof SeedValidationError));
        assert.ok(error.message.includes(path));
        assert.match(error.message, /cannot be read: .*ENOENT/);
        assert.match(error.nextStep, /Check the path/);
        return true;
      },
    );
  });

  test('a directory instead of a file: the same clear message', () => {
    assert.throws(
      () => loadSeedFile(dir),
      (error: unknown) => error instanceof ActionableError && /cannot be read: .*EISDIR/.test(error.message),
    );
  });

  test('invalid JSON: a clear message naming the path and the position', () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{ "tenant": { "id": "x", }\n');
    assert.throws(
      () => loadSeedFile(path),
      (error: unknown) => {
        assert.ok(error instanceof ActionableError);
        assert.ok(!(error instanceof SeedValidationError));
        assert.ok(error.message.includes(path));
        assert.match(error.message, /is not valid JSON: .*position \d+/);
        return true;
      },
    );
  });

  test('a file with a bad seed: SeedValidationError naming the file and the JSON path', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ ...testSeedJson(), favouriteColour: 'blue' }));
    assert.throws(
      () => loadSeedFile(path),
      (error: unknown) => {
        assert.ok(error instanceof SeedValidationError);
        assert.ok(error.message.includes(path));
        assert.deepEqual(error.problems, ["$.favouriteColour: unknown key (not part of this object's Graph shape)"]);
        return true;
      },
    );
  });

  test('no simulator starts on a bad seed: nothing listens afterwards', async () => {
    const path = join(dir, 'bad-start.json');
    writeFileSync(path, JSON.stringify({ ...testSeedJson(), favouriteColour: 'blue' }));
    const listening = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
    const before = listening();
    // What `--sim FILE` does: load the seed, then start the simulator with it.
    await assert.rejects(async () => startSimulator({ seed: loadSeedFile(path) }), SeedValidationError);
    assert.equal(listening(), before);
  });
});

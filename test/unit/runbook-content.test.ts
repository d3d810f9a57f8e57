/**
 * The runbook format: the built-in runbook is valid, the steps keep the order of docs/domain.md, "The incident runbook", every
 * scenario is there, unknown keys and misspelt placeholders are refused, placeholders render.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { builtinRunbook, renderStepText } from '../../src/core/runbooks/builtin-runbook.ts';
import { runbookGaps } from '../../src/shared/model/runbook-gaps.ts';
import { RunbookContent, runbookScenarioIds, runbookStepIds } from '../../src/shared/model/runbook.ts';

/** A deep copy of the built-in runbook to break in one place. */
const copy = (): Record<string, unknown> & RunbookContent => structuredClone(builtinRunbook) as Record<string, unknown> & RunbookContent;

function problems(value: unknown): string[] {
  const parsed = RunbookContent.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('the built-in runbook', () => {
  test('validates against the runbook format', () => {
    assert.deepEqual(problems(builtinRunbook), []);
  });

  test('has the documented steps in order and every scenario', () => {
    assert.deepEqual(
      builtinRunbook.steps.map((step) => step.id),
      [...runbookStepIds],
    );
    assert.deepEqual(builtinRunbook.scenarios.map((scenario) => scenario.id).sort(), [...runbookScenarioIds].sort());
  });

  test('only the steps after choosing the path need the network', () => {
    const online = builtinRunbook.steps.filter((step) => step.needsNetwork).map((step) => step.id);
    assert.deepEqual(online, ['sign-in', 'confirm-access', 'recovery-actions']);
  });

  test('invents none of the organisation details: they are gaps to fill in Settings', () => {
    assert.equal(builtinRunbook.organisation.name, undefined);
    assert.equal(builtinRunbook.organisation.safeLocation, undefined);
    assert.deepEqual(builtinRunbook.organisation.securityOperations.contacts, []);
    assert.deepEqual(runbookGaps(builtinRunbook), ['name', 'contacts', 'safeLocation']);
  });
});

describe('the step order rule', () => {
  test('two steps swapped: names the first one out of place and the expected step', () => {
    const runbook = copy();
    const [third, fourth] = [runbook.steps[2]!, runbook.steps[3]!];
    runbook.steps[2] = fourth;
    runbook.steps[3] = third;
    const found = problems(runbook);
    assert.equal(found.length, 1);
    assert.match(found[0]!, /^steps\.2\.id: "choose-path" is out of order: step 3 must be "record-safe-opened"/);
  });

  test('a missing step is named', () => {
    const runbook = copy();
    runbook.steps = runbook.steps.filter((step) => step.id !== 'notify-security-operations');
    const found = problems(runbook);
    assert.equal(found.length, 1);
    assert.match(found[0]!, /^steps: is missing the step "notify-security-operations"/);
  });

  test('a step listed twice is named where it repeats', () => {
    const runbook = copy();
    runbook.steps.push({ ...runbook.steps[0]! });
    assert.match(problems(runbook).join('\n'), /steps\.8\.id: "open-incident" appears more than once/);
  });

  test('a step id that is not a runbook step is refused', () => {
    const runbook = copy();
    runbook.steps[4] = { ...runbook.steps[4]!, id: 'log-in' as never };
    assert.match(problems(runbook).join('\n'), /^steps\.4\.id: /m);
  });
});

describe('scenarios', () => {
  test('a missing scenario is named', () => {
    const runbook = copy();
    runbook.scenarios = runbook.scenarios.filter((scenario) => scenario.id !== 'pim-deadlock');
    const found = problems(runbook);
    assert.equal(found.length, 1);
    assert.match(found[0]!, /^scenarios: is missing the scenario "pim-deadlock"/);
  });

  test('a scenario listed twice is refused', () => {
    const runbook = copy();
    runbook.scenarios.push({ ...runbook.scenarios[0]! });
    assert.match(problems(runbook).join('\n'), /scenarios\.7\.id: "ca-lockout" appears more than once/);
  });
});

describe('strictness', () => {
  test('unknown keys are refused, at the top and inside', () => {
    const runbook = copy();
    runbook['colour'] = 'red';
    (runbook.organisation as Record<string, unknown>)['safeLocaton'] = 'Room 014';
    (runbook.steps[0] as Record<string, unknown>)['witness'] = true;
    const found = problems(runbook);
    assert.equal(found.length, 3);
    assert.ok(found.some((line) => line.startsWith(': ') && line.includes('"colour"')));
    assert.ok(found.some((line) => line.startsWith('organisation: ') && line.includes('"safeLocaton"')));
    assert.ok(found.some((line) => line.startsWith('steps.0: ') && line.includes('"witness"')));
  });

  test('the format version is the literal 1', () => {
    assert.match(problems({ ...copy(), version: 2 }).join('\n'), /^version: /);
  });

  test('a contact needs a phone number or an email address', () => {
    const runbook = copy();
    runbook.organisation.securityOperations.contacts = [{ name: 'SOC duty officer' }];
    assert.match(problems(runbook).join('\n'), /organisation\.securityOperations\.contacts\.0: needs a phone number or an email address/);
    runbook.organisation.securityOperations.contacts = [
      { name: 'SOC duty officer', phone: '+44 20 7946 0000', email: 'soc@fabrikam-soc.example' },
    ];
    assert.deepEqual(problems(runbook), []);
  });

  test('a misspelt placeholder is refused; the documented ones are allowed', () => {
    const runbook = copy();
    runbook.steps[0] = { ...runbook.steps[0]!, text: 'Call {organization} now.' };
    assert.match(
      problems(runbook).join('\n'),
      /steps\.0\.text: \{organization\} is not a placeholder; use \{organisation\} or \{safeLocation\}/,
    );
    runbook.steps[0] = { ...runbook.steps[0]!, text: 'Call {organisation} now. Open the safe at {safeLocation}.' };
    assert.deepEqual(problems(runbook), []);
  });

  test('a key label needs a user principal name', () => {
    const runbook = copy();
    runbook.keys = [{ label: 'Safe key A1', account: 'bg1' }];
    assert.match(problems(runbook).join('\n'), /keys\.0\.account: must be a user principal name/);
  });
});

describe('renderStepText', () => {
  const runbook = {
    ...builtinRunbook,
    organisation: { ...builtinRunbook.organisation, name: 'Fabrikam', safeLocation: 'Building 2, room 014' },
  };

  test('fills {organisation} and {safeLocation}, every occurrence', () => {
    assert.equal(
      renderStepText('{organisation}: open the safe ({safeLocation}). {organisation} is waiting.', runbook),
      'Fabrikam: open the safe (Building 2, room 014). Fabrikam is waiting.',
    );
  });

  test('leaves other braces as written', () => {
    assert.equal(renderStepText('Type {PIN} and {toString}.', runbook), 'Type {PIN} and {toString}.');
  });

  test('the built-in texts render without a placeholder left over', () => {
    for (const text of [...builtinRunbook.steps.map((s) => s.text), ...builtinRunbook.scenarios.map((s) => s.guidance)]) {
      assert.doesNotMatch(renderStepText(text, runbook), /\{[A-Za-z]+\}/);
    }
    const notify = builtinRunbook.steps.find((step) => step.id === 'notify-security-operations')!;
    assert.match(renderStepText(notify.text, runbook), /security operations team \(Fabrikam\)/);
  });

  test('a detail not set reads "not set yet – see Settings", never a value that looks real', () => {
    const texts = builtinRunbook.steps.map((step) => renderStepText(step.text, builtinRunbook)).join(' ');
    assert.match(texts, /security operations team \(organisation name not set yet – see Settings\)/);
    assert.match(texts, /Open the safe \(location not set yet – see Settings\)/);
    assert.doesNotMatch(texts, /Your organisation|\{[A-Za-z]+\}/);
  });

  test('the gaps close as the details are filled in', () => {
    const contact = { name: 'SOC duty phone', phone: '+44 20 7946 0000' };
    const filled = { ...runbook, organisation: { ...runbook.organisation, securityOperations: { description: 'x', contacts: [contact] } } };
    assert.deepEqual(runbookGaps(runbook), ['contacts']);
    assert.deepEqual(runbookGaps(filled), []);
  });
});

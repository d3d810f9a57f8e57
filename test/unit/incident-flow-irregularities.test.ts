import { test } from 'node:test';
import assert from 'node:assert/strict';

import { incidentPosition } from '../../src/core/runbooks/incident-flow.ts';
import { incidentJournal } from '../helpers/incident-journal.ts';

test('a sign-in made from the home screen into the incident marks the earlier steps skipped and says so', () => {
  const journal = incidentJournal();
  journal.attempt();
  journal.signedIn();
  const position = journal.position();
  assert.equal(position.current, 'confirm-access');
  assert.deepEqual(
    position.completed.map((record) => [record.step, record.status]),
    [
      ['open-incident', 'done'],
      ['notify-security-operations', 'skipped'],
      ['record-safe-opened', 'skipped'],
      ['choose-path', 'skipped'],
      ['sign-in', 'done'],
    ],
  );
  assert.match(position.completed[1]?.summary ?? '', /No entry for this step before a sign-in attempt \(entry 2\)/);
  assert.equal(position.irregularities.length, 1);
  assert.match(
    position.irregularities[0]?.problem ?? '',
    /before "Tell security operations.*", "Record the safe.*", "Choose the sign-in path": those steps are treated as skipped/,
  );
});

test('a step acknowledged late is recorded as done, and the custodian is not sent backwards', () => {
  const journal = incidentJournal();
  journal.safeOpened();
  journal.notified();
  const position = journal.position();
  assert.equal(position.current, 'choose-path');
  assert.deepEqual(
    position.completed.map((record) => record.status),
    ['done', 'done', 'done'],
  );
  assert.deepEqual(
    position.irregularities.map((irregularity) => irregularity.seq),
    [2, 3],
  );
  assert.match(position.irregularities[1]?.problem ?? '', /after later steps: recorded as done, late/);
});

test('unknown steps, odd data, repeated acknowledgements, shuffled entries and entries after the close are reported, not fatal', () => {
  const journal = incidentJournal();
  journal.notified();
  journal.add({ kind: 'step-acknowledged', stepId: 'feed-the-cat', summary: 'Fed the cat.', data: {} });
  journal.add({ kind: 'step-shown', stepId: 'recovery-actions', summary: 'Shown: Recovery actions.', data: {} });
  journal.add({ kind: 'step-acknowledged', stepId: 'record-safe-opened', summary: 'Safe opened.', data: { when: 'around three' } });
  journal.add({ kind: 'step-acknowledged', stepId: 'sign-in', summary: 'Signed in, trust me.', data: {} });
  journal.notified();
  journal.recovery('Done', 'Switch "Require MFA" to report-only', 'req-orphan');
  journal.close('drill');
  journal.add({ kind: 'step-acknowledged', stepId: 'choose-path', summary: 'Too late.', data: {} });

  const position = journal.position();
  assert.equal(position.current, 'close-incident');
  assert.equal(position.closed?.classification, 'drill');
  assert.equal(position.recoveryActions[0]?.status, 'done', 'a change that may have happened in the tenant is listed all the same');
  const problems = position.irregularities.map((irregularity) => `${irregularity.seq}: ${irregularity.problem}`);
  for (const expected of [
    /^3: .*"feed-the-cat".*runbook does not have/,
    /^4: .*shows "Recovery actions" while the incident is at "Record the safe/,
    /^5: .*has data the app does not write/,
    /^6: .*not finished by an acknowledgement/,
    /^7: .*again: the first acknowledgement \(entry 2\) stands/,
    /^8: .*a recovery action before "Choose the sign-in path", "Sign in", "Confirm access"/,
    /^8: .*has no "About to" entry before it/,
    /^10: .*after the incident was closed/,
  ]) {
    assert.ok(
      problems.some((problem) => expected.test(problem)),
      `expected ${expected} among:\n${problems.join('\n')}`,
    );
  }

  const shuffled = [...journal.entries].reverse();
  assert.deepEqual(
    incidentPosition(journal.session(), shuffled),
    position,
    'the fold reads entries in seq order, however they are handed over',
  );
  const others = journal.entries.map((entry) => ({ ...entry, sessionId: 'another-session' }));
  assert.deepEqual(incidentPosition(journal.session(), [...journal.entries, ...others]), position, "other sessions' entries are ignored");
});

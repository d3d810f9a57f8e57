import { test } from 'node:test';
import assert from 'node:assert/strict';

import { sessionClosedDraft } from '../../src/core/journal/sessions.ts';
import { canMoveTo, nextStep, stepAcknowledged } from '../../src/core/runbooks/incident-flow.ts';
import { incidentJournal, signedInIncident } from '../helpers/incident-journal.ts';

test('recovery actions are listed as done, failed, undone or unanswered, with Graph request ids', () => {
  const journal = signedInIncident();
  journal.recovery('About to', 'Switch "Require MFA" to report-only');
  journal.recovery('Done', 'Switch "Require MFA" to report-only', 'req-apply');
  journal.recovery('About to', 'Undo: Set "Require MFA" back to On');
  journal.recovery('Done', 'Undo: Set "Require MFA" back to On', 'req-undo');
  journal.recovery('About to', 'Assign Global Administrator to alex@contoso.com', undefined, 'assign-role');
  journal.recovery('Failed', 'Assign Global Administrator to alex@contoso.com', 'req-denied', 'assign-role');
  journal.recovery('About to', 'Add the break-glass exclusion back to "Block legacy"', undefined, 'policy-add-exclusion');

  const position = journal.position();
  assert.equal(position.current, 'recovery-actions', 'recovery actions stay current until the custodian moves on');
  assert.deepEqual(
    position.recoveryActions.map((action) => [action.kind, action.status, action.requestIds]),
    [
      ['policy-report-only', 'undone', ['req-apply', 'req-undo']],
      ['assign-role', 'failed', ['req-denied']],
      ['policy-add-exclusion', 'about-to', []],
    ],
  );
  const [reportOnly, role] = position.recoveryActions;
  assert.equal(reportOnly?.title, 'Switch "Require MFA" to report-only');
  assert.deepEqual(reportOnly?.target, { kind: 'policy', id: 'pol-1', name: 'Require MFA' });
  assert.equal(role?.problem, 'Graph answered 403 Forbidden.');
  assert.deepEqual(position.irregularities, []);

  journal.add(stepAcknowledged('recovery-actions', { followUp: 'Review sign-in logs in the portal' }));
  assert.equal(journal.position().current, 'close-incident');
});

test('an undo that fails leaves the change in place and says why', () => {
  const journal = signedInIncident();
  journal.recovery('About to', 'Switch "Require MFA" to report-only');
  journal.recovery('Done', 'Switch "Require MFA" to report-only', 'req-apply');
  journal.recovery('About to', 'Undo: Set "Require MFA" back to On');
  journal.recovery('Failed', 'Undo: Set "Require MFA" back to On', 'req-undo');
  const [action] = journal.position().recoveryActions;
  assert.equal(action?.status, 'done');
  assert.deepEqual(
    [action?.undo?.status, action?.undo?.title, action?.undo?.problem],
    ['failed', 'Set "Require MFA" back to On', 'Graph answered 403 Forbidden.'],
  );
  assert.deepEqual(action?.requestIds, ['req-apply', 'req-undo']);
});

test('a change Graph did not answer but a read found in place is done, with what the read showed', () => {
  const journal = signedInIncident();
  const title = 'Switch "Require MFA" to report-only';
  journal.recovery('About to', title);
  const read =
    'Graph did not answer (the connection broke or timed out); the app read the policy "Require MFA" again: it is Report-only now.';
  journal.add({
    kind: 'recovery-action',
    stepId: 'recovery.policy-report-only',
    summary: `Done: ${title}. ${read}`,
    data: { readBack: 'applied' },
  });
  const [action] = journal.position().recoveryActions;
  assert.equal(action?.status, 'done');
  assert.equal(action?.title, title);
  assert.equal(action?.outcome, read);
  journal.recovery('About to', 'Undo: Set "Require MFA" back to On');
  journal.recovery('Done', 'Undo: Set "Require MFA" back to On');
  assert.equal(journal.position().recoveryActions[0]?.outcome, read, 'an undo answered at once adds nothing to it');
});

test('closing the incident records its classification and summary, and nothing more can be done in it', () => {
  const journal = signedInIncident();
  journal.add(stepAcknowledged('recovery-actions', {}));
  const closing = journal.close('real-emergency');
  const position = journal.position();
  assert.equal(position.current, 'close-incident');
  assert.deepEqual(position.closed, {
    at: closing.at,
    by: 'Ada',
    classification: 'real-emergency',
    summary: 'CA policy locked out all admins; set to report-only.',
  });
  assert.equal(nextStep(position), undefined);
  const move = canMoveTo(position, 'recovery-actions');
  assert.match(move.allowed ? '' : move.reason, /closed at .* as real-emergency/);
});

test('an incident can be closed early, from any step, without inventing skipped steps', () => {
  const journal = incidentJournal();
  journal.notified();
  assert.deepEqual(canMoveTo(journal.position(), 'close-incident'), { allowed: true });
  journal.close('misuse');
  const position = journal.position();
  assert.equal(position.current, 'close-incident');
  assert.equal(position.closed?.classification, 'misuse');
  assert.ok(position.completed.every((record) => record.status === 'done'));
  assert.deepEqual(position.irregularities, []);
});

test('a drill session reads the same way, and its close needs no classification', () => {
  const journal = incidentJournal('drill');
  journal.attempt();
  journal.failed(50126, 'Wrong user name or password');
  const { sessionId: _s, actor: _a, ...closing } = sessionClosedDraft(journal.session(), { actor: 'Ada' });
  journal.add(closing);
  const position = journal.position();
  assert.equal(position.current, 'close-incident');
  assert.equal(position.closed?.classification, undefined);
  assert.equal(position.failedAttempts[0]?.aadstsCode, 50126);
  assert.ok(!position.irregularities.some((irregularity) => /classification/.test(irregularity.problem)));
});

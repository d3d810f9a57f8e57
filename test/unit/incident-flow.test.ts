import { test } from 'node:test';
import assert from 'node:assert/strict';

import { journalSecretFieldNames, type JournalEntry } from '../../src/core/journal/model.ts';
import { redactForJournal } from '../../src/core/journal/redaction.ts';
import {
  canMoveTo,
  incidentClosed,
  incidentPosition,
  incidentSteps,
  nextStep,
  pathChosen,
  resumeStep,
  stepAcknowledged,
  stepShown,
} from '../../src/core/runbooks/incident-flow.ts';
import { ActionableError } from '../../src/shared/actionable-error.ts';
import { account, incidentJournal, signedInIncident } from '../helpers/incident-journal.ts';

test('a freshly opened incident asks first to tell security operations, with the timer running from the opening', () => {
  const journal = incidentJournal();
  const position = journal.position();
  assert.equal(position.current, 'notify-security-operations');
  assert.deepEqual(
    position.completed.map((record) => [record.step, record.status, record.by]),
    [['open-incident', 'done', 'Ada']],
  );
  assert.equal(position.openedAt, journal.entries[0]?.at);
  assert.equal(position.witness, 'Grace');
  assert.deepEqual(position.details, { reference: 'INC-42', reason: 'Conditional Access lock-out' });
  assert.equal(nextStep(position), 'record-safe-opened');
  assert.deepEqual(position.irregularities, []);
  assert.deepEqual(incidentSteps, [
    'open-incident',
    'notify-security-operations',
    'record-safe-opened',
    'choose-path',
    'sign-in',
    'confirm-access',
    'recovery-actions',
    'close-incident',
  ]);
});

test('each acknowledgement moves the custodian on to the next step and keeps who did it, when, and what was taken', () => {
  const journal = incidentJournal();
  journal.add(stepShown('notify-security-operations'));
  assert.equal(journal.position().current, 'notify-security-operations', 'showing a step does not finish it');
  const told = journal.notified();
  assert.equal(journal.position().current, 'record-safe-opened');
  journal.safeOpened();
  assert.equal(journal.position().current, 'choose-path');
  journal.choseKey();
  const position = journal.position();
  assert.equal(position.current, 'sign-in');
  assert.deepEqual(
    position.completed.map((record) => record.step),
    ['open-incident', 'notify-security-operations', 'record-safe-opened', 'choose-path'],
  );
  const notify = position.completed[1];
  assert.deepEqual([notify?.at, notify?.by, notify?.witness, notify?.seq], [told.at, 'Ada', 'Grace', told.seq]);
  assert.match(position.completed[2]?.summary ?? '', /taken: security key "YubiKey BG-1", certificate media "USB stick B"/);
  assert.deepEqual(
    [position.chosenPath?.path, position.chosenPath?.account, position.chosenPath?.item],
    ['security-key', account, 'YubiKey BG-1'],
  );
  assert.deepEqual(position.irregularities, []);
});

test('quitting and reopening resumes at the same step, rebuilt from the journal alone', () => {
  const journal = incidentJournal();
  journal.notified();
  journal.safeOpened();
  const before = journal.position();
  // A reopened app reads the entries back from SQLite: plain JSON, new objects, same content.
  const reread = JSON.parse(JSON.stringify(journal.entries)) as JournalEntry[];
  const after = incidentPosition(journal.session(), reread);
  assert.deepEqual(after, before);
  assert.equal(resumeStep(after, { signedIn: false }).step, 'choose-path');
});

test('a failed sign-in keeps the custodian on sign-in and lists the AADSTS code and what it means', () => {
  const journal = incidentJournal();
  journal.notified();
  journal.safeOpened();
  journal.choseKey();
  journal.attempt();
  const failure = journal.failed(53003, 'Blocked by Conditional Access');
  const position = journal.position();
  assert.equal(position.current, 'sign-in');
  assert.deepEqual(position.failedAttempts, [
    {
      at: failure.at,
      seq: failure.seq,
      outcome: 'failed',
      aadstsCode: 53003,
      title: 'Blocked by Conditional Access',
      traceId: 'trace-1',
      method: 'security-key',
      account,
    },
  ]);
  assert.equal(position.signedIn, undefined);
  const onward = canMoveTo(position, 'confirm-access');
  assert.equal(onward.allowed, false);
  assert.match(onward.allowed ? '' : onward.reason, /Nobody is signed in yet/);
  assert.deepEqual(canMoveTo(position, 'choose-path'), { allowed: true });
});

test('after a failed sign-in the custodian can go back and take the app path instead', () => {
  const journal = incidentJournal();
  journal.notified();
  journal.safeOpened();
  journal.choseKey();
  journal.attempt();
  journal.failed(53003, 'Blocked by Conditional Access');
  journal.add(stepShown('choose-path'));
  const back = journal.position();
  assert.equal(back.current, 'choose-path');
  assert.equal(back.chosenPath?.path, 'security-key', 'the previous choice is still known, so the other one can be offered');
  assert.ok(!back.completed.some((record) => record.step === 'choose-path'));

  journal.add(pathChosen({ path: 'certificate', item: 'USB stick B (bg-app.pfx)' }));
  journal.attempt('certificate');
  journal.signedIn('Break-glass app');
  const position = journal.position();
  assert.equal(position.current, 'confirm-access');
  assert.equal(position.chosenPath?.path, 'certificate');
  assert.equal(position.failedAttempts.length, 1);
  assert.deepEqual(position.irregularities, []);
});

test('a successful sign-in moves on to confirming access, and shows who is signed in with which roles', () => {
  const journal = incidentJournal();
  journal.notified();
  journal.safeOpened();
  journal.choseKey();
  journal.attempt();
  const result = journal.signedIn();
  const position = journal.position();
  assert.equal(position.current, 'confirm-access');
  assert.deepEqual(position.signedIn, {
    at: result.at,
    seq: result.seq,
    who: account,
    method: 'security-key',
    directoryRoles: ['Global Administrator'],
  });
  assert.equal(position.completed.find((record) => record.step === 'sign-in')?.seq, result.seq);
  assert.deepEqual(canMoveTo(position, 'recovery-actions'), { allowed: true });
  assert.equal(canMoveTo(position, 'choose-path').allowed, false, 'another path needs a sign-out first');
});

test('signing out returns the custodian to sign-in, and access is confirmed again after the next sign-in', () => {
  const journal = signedInIncident();
  assert.equal(journal.position().current, 'recovery-actions');
  const out = journal.signOut();
  const position = journal.position();
  assert.equal(position.current, 'sign-in');
  assert.equal(position.signedIn?.signedOut?.seq, out.seq);
  assert.ok(!position.completed.some((record) => record.step === 'sign-in' || record.step === 'confirm-access'));

  journal.attempt();
  journal.signedIn();
  assert.equal(journal.position().current, 'confirm-access');
  assert.equal(journal.position().signedIn?.signedOut, undefined);
});

test('signing out after moving on to close keeps the custodian at closing', () => {
  const journal = signedInIncident();
  journal.add(stepAcknowledged('recovery-actions', {}));
  journal.signOut();
  const position = journal.position();
  assert.equal(position.current, 'close-incident');
  assert.ok(position.signedIn?.signedOut);
  assert.deepEqual(position.irregularities, []);
});

test('after a restart the custodian signs in again, because the journal remembers the sign-in but the app holds no token', () => {
  const position = signedInIncident().position();
  assert.equal(position.current, 'recovery-actions');
  const resumed = resumeStep(position, { signedIn: false });
  assert.equal(resumed.step, 'sign-in');
  assert.match(resumed.reason ?? '', /holds no token now.*Sign in again to continue with "Recovery actions"/);
  assert.deepEqual(resumeStep(position, { signedIn: true }), { step: 'recovery-actions' });
});

test('canMoveTo keeps steps in order and says what comes first', () => {
  const journal = incidentJournal();
  const ahead = canMoveTo(journal.position(), 'sign-in');
  assert.match(
    ahead.allowed ? '' : ahead.reason,
    /first "Tell security operations.*", then "Record the safe.*", then "Choose the sign-in path"/,
  );
  journal.notified();
  const behind = canMoveTo(journal.position(), 'notify-security-operations');
  assert.match(behind.allowed ? '' : behind.reason, /is behind you \(done at .* by Ada\)/);
  assert.deepEqual(
    canMoveTo(journal.position(), 'choose-path'),
    { allowed: true },
    'the next step: acknowledging this one takes the custodian there',
  );
  assert.equal(canMoveTo(journal.position(), 'sign-in').allowed, false);
});

test('what is journaled for each step needs no secret, survives redaction untouched, and refuses incomplete details', () => {
  const drafts = [
    stepShown('record-safe-opened'),
    stepAcknowledged('notify-security-operations', {
      who: 'SOC duty officer Lin',
      how: 'phone',
      when: '2026-03-14T03:01:00.000Z',
      reference: 'SOC-7',
    }),
    stepAcknowledged('record-safe-opened', {
      openedAt: '2026-03-14T03:02:00.000Z',
      securityKeys: ['YubiKey BG-1', 'YubiKey BG-2'],
      envelopes: ['Envelope BG-1'],
      certificateMedia: 'USB stick B',
    }),
    pathChosen({ path: 'certificate', account: 'Break-glass app', item: 'USB stick B' }),
    stepAcknowledged('confirm-access', { who: account, directoryRoles: [] }),
    stepAcknowledged('recovery-actions', {}),
  ];
  for (const draft of drafts) {
    assert.deepEqual(redactForJournal(draft.data, journalSecretFieldNames, { mode: 'development' }), draft.data, draft.summary);
  }
  assert.deepEqual(
    drafts.map((draft) => draft.kind),
    ['step-shown', 'step-acknowledged', 'step-acknowledged', 'step-acknowledged', 'step-acknowledged', 'step-acknowledged'],
  );
  assert.equal(
    drafts[2]?.summary,
    'Safe opened at 2026-03-14T03:02:00.000Z; taken: security key "YubiKey BG-1", security key "YubiKey BG-2", envelope "Envelope BG-1", certificate media "USB stick B".',
  );
  assert.equal(drafts[3]?.summary, 'Path chosen: the break-glass app (Break-glass app) with its certificate from "USB stick B".');
  assert.deepEqual(drafts[5]?.data, {});

  assert.throws(
    () => pathChosen({ path: 'security-key', item: 'YubiKey BG-1' } as never),
    (error: unknown) => error instanceof ActionableError && /account/.test(error.message),
  );
  assert.throws(() => stepAcknowledged('notify-security-operations', { who: 'Lin', how: 'phone', when: '3 a.m.' }), ActionableError);
  assert.throws(() => incidentClosed({ classification: 'oops' as never, summary: 'x' }), ActionableError);
  assert.deepEqual(incidentClosed({ classification: 'drill', summary: 'Quarterly drill' }), {
    classification: 'drill',
    details: { summary: 'Quarterly drill' },
  });
});

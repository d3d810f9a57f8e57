import { test } from 'node:test';
import assert from 'node:assert/strict';

import { sealEntry } from '../../src/core/journal/chain.ts';
import {
  genesisHash,
  journalSecretFieldNames,
  JournalEntry,
  type JournalEntryDraft,
  type JsonObject,
  type SessionKind,
} from '../../src/core/journal/model.ts';
import { redactForJournal } from '../../src/core/journal/redaction.ts';
import { foldSessions, sessionClosedDraft, sessionOpenedDraft } from '../../src/core/journal/sessions.ts';
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
  type IncidentPosition,
} from '../../src/core/runbooks/incident-flow.ts';
import { ActionableError } from '../../src/shared/actionable-error.ts';

const sessionId = 'incident-1';
const account = 'bg1@contoso.onmicrosoft.com';

/**
 * A journal as the store writes it: real drafts from the session rules and the flow's
 * constructors, sealed into a hash chain; sign-in and recovery entries shaped like the services'.
 */
function incidentJournal(kind: SessionKind = 'incident') {
  const entries: JournalEntry[] = [];
  const append = (draft: Omit<JournalEntryDraft, 'sessionId' | 'actor'> & { actor?: string }): JournalEntry => {
    const seq = entries.length + 1;
    const { data, graphRequestIds, ...rest } = draft;
    const entry = sealEntry(
      {
        ...rest,
        seq,
        at: new Date(Date.UTC(2026, 2, 14, 3, 0, seq)).toISOString(),
        sessionId,
        actor: draft.actor ?? 'Ada',
        witness: 'Grace',
        data: (data ?? {}) as JsonObject,
        ...(graphRequestIds ? { graphRequestIds } : {}),
      },
      entries.at(-1)?.hash ?? genesisHash,
    );
    entries.push(JournalEntry.parse(entry));
    return entry;
  };
  const {
    sessionId: _id,
    actor: _actor,
    ...opening
  } = sessionOpenedDraft(sessionId, {
    kind,
    title: 'CA lock-out',
    actor: 'Ada',
    witness: 'Grace',
    details: { reference: 'INC-42', reason: 'Conditional Access lock-out' },
  });
  append(opening);
  const session = () => {
    const found = foldSessions(entries.filter((entry) => entry.kind === 'session-opened' || entry.kind === 'session-closed'))[0];
    assert.ok(found);
    return found;
  };
  const journal = {
    entries,
    session,
    position: (): IncidentPosition => incidentPosition(session(), entries),
    add: append,
    notified: () =>
      append(
        stepAcknowledged('notify-security-operations', {
          who: 'SOC duty officer Lin',
          how: 'phone, duty line',
          when: '2026-03-14T03:01:00.000Z',
        }),
      ),
    safeOpened: () =>
      append(
        stepAcknowledged('record-safe-opened', {
          openedAt: '2026-03-14T03:02:00.000Z',
          securityKeys: ['YubiKey BG-1'],
          envelopes: [],
          certificateMedia: 'USB stick B',
        }),
      ),
    choseKey: () => append(pathChosen({ path: 'security-key', account, item: 'YubiKey BG-1' })),
    attempt: (method: 'security-key' | 'certificate' = 'security-key') =>
      append({
        kind: 'sign-in-attempt',
        summary: 'Sign-in attempt.',
        data: method === 'security-key' ? { method, tenant: 'Contoso', account } : { method, tenant: 'Contoso', appId: 'app-1' },
      }),
    failed: (aadstsCode: number, title: string) =>
      append({
        kind: 'sign-in-result',
        summary: `Sign-in failed (AADSTS${aadstsCode}): ${title}.`,
        data: { outcome: 'failed', title, aadstsCode, traceId: 'trace-1' },
      }),
    signedIn: (who = account) =>
      append({
        kind: 'sign-in-result',
        summary: `Signed in as ${who} (Global Administrator).`,
        data: { outcome: 'signed-in', method: 'security-key', who, objectId: 'u-1', directoryRoles: ['Global Administrator'] },
      }),
    signOut: () =>
      append({
        kind: 'note',
        stepId: 'sign-out',
        summary: `Signed out ${account}; the app holds no token for the tenant any more.`,
        data: {},
      }),
    recovery: (phase: 'About to' | 'Done' | 'Failed', what: string, requestId?: string, kind = 'policy-report-only') =>
      append({
        kind: 'recovery-action',
        stepId: `recovery.${kind}`,
        summary: `${phase}: ${what}.${phase === 'Failed' ? ' Graph answered 403 Forbidden.' : ''}`,
        data:
          phase === 'About to'
            ? {
                target: { kind: 'policy', id: 'pol-1', name: 'Require MFA' },
                changes: ['State: On → Report-only.'],
                method: 'PATCH',
                path: '/identity/conditionalAccess/policies/pol-1',
              }
            : { status: 204 },
        ...(requestId ? { graphRequestIds: [requestId] } : {}),
      }),
    close: (classification: 'drill' | 'real-emergency' | 'misuse' = 'real-emergency') => {
      const {
        sessionId: _s,
        actor: _a,
        ...closing
      } = sessionClosedDraft(session(), {
        actor: 'Ada',
        ...incidentClosed({ classification, summary: 'CA policy locked out all admins; set to report-only.' }),
      });
      return append(closing);
    },
  };
  return journal;
}

/** Open, told SOC, safe opened, key path chosen, signed in, access confirmed. */
function signedInIncident() {
  const journal = incidentJournal();
  journal.notified();
  journal.safeOpened();
  journal.choseKey();
  journal.attempt();
  journal.signedIn();
  journal.add(stepAcknowledged('confirm-access', { who: account, directoryRoles: ['Global Administrator'] }));
  return journal;
}

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

/**
 * The rotation's position is folded from its journal entries alone (core/runbooks/rotation-flow.ts):
 * the plan from the session's opening, each step pending, cut off (intent without outcome),
 * failed or done, the current step the first not done, and entries that do not fit reported
 * rather than refused. And what to rotate, read from the incidents and drills since the last
 * rotation (core/runbooks/rotation-candidates.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { JournalEntry, JournalSession, JsonObject } from '../../src/core/journal/model.ts';
import { rotationCandidates } from '../../src/core/runbooks/rotation-candidates.ts';
import { planDetails, rotationEntry, rotationPosition, rotationSteps, type RotationPlan } from '../../src/core/runbooks/rotation-flow.ts';

const plan: RotationPlan = {
  accounts: [{ userPrincipalName: 'bg1@x.test', id: 'u1' }],
  app: { appId: 'a1', objectId: 'o1', name: 'BG app' },
  since: '2026-11-29T20:00:00.000Z',
  reasons: ['used'],
};
const session: JournalSession = {
  id: 's1',
  kind: 'rotation',
  title: 'Rotation',
  openedAt: '2026-11-29T22:00:00.000Z',
  openedBy: 'Ada',
  openedSeq: 1,
};

let seq = 0;
function entry(kind: JournalEntry['kind'], data: JsonObject, extra: Partial<JournalEntry> = {}, sessionId = 's1'): JournalEntry {
  seq += 1;
  return {
    seq,
    at: `2026-11-29T22:${String(seq).padStart(2, '0')}:00.000Z`,
    sessionId,
    actor: 'Ada',
    kind,
    summary: `${kind} ${seq}`,
    data,
    prevHash: '0'.repeat(64),
    hash: '0'.repeat(64),
    ...extra,
  };
}
const opened = () => entry('session-opened', { sessionKind: 'rotation', title: 'Rotation', details: planDetails(plan) });
const steps = rotationSteps(plan);
const step = (id: string) => steps.find((s) => s.id === id)!;
const logged = (id: string, phase: 'intent' | 'done' | 'failed', facts: JsonObject = {}) => {
  const draft = rotationEntry(step(id), phase, `${id} ${phase}`, facts);
  return entry(draft.kind, draft.data, { stepId: draft.stepId, summary: draft.summary });
};

describe('the rotation fold', () => {
  test('the plan gives the steps in order: app, each account, the checklist, the readiness check', () => {
    assert.deepEqual(
      steps.map((s) => s.id),
      [
        'app-certificate-saved',
        'app-key-added',
        'app-new-key-proven',
        'app-old-keys-removed',
        'app-secrets-removed',
        'account-password:bg1@x.test',
        'account-sessions-revoked:bg1@x.test',
        'account-methods-reviewed:bg1@x.test',
        'account-key-returned:bg1@x.test',
        'checklist:safe-combination',
        'checklist:envelopes',
        'checklist:custodians',
        'readiness',
      ],
    );
    const position = rotationPosition(session, [opened()])!;
    assert.deepEqual(position.plan, plan);
    assert.equal(position.current?.step.id, 'app-certificate-saved');
  });

  test('an intent without an outcome is a cut-off step, current again, with what it was about to do', () => {
    const position = rotationPosition(session, [
      opened(),
      logged('app-certificate-saved', 'intent'),
      logged('app-certificate-saved', 'done', { thumbprint: 'AB' }),
      logged('app-key-added', 'intent', { thumbprint: 'AB' }),
    ])!;
    assert.equal(position.current?.step.id, 'app-key-added');
    assert.equal(position.current?.status, 'interrupted');
    assert.deepEqual(position.current?.intent, { thumbprint: 'AB' });
    assert.deepEqual(position.steps[0]!.facts, { thumbprint: 'AB' });
  });

  test('a failure keeps the step current with the problem; a later success completes it', () => {
    const failed = rotationPosition(session, [
      opened(),
      logged('app-certificate-saved', 'intent'),
      logged('app-certificate-saved', 'failed', { problem: 'media full' }),
    ])!;
    assert.equal(failed.current?.status, 'failed');
    assert.equal(failed.current?.problem, 'media full');
    const done = rotationPosition(session, [
      opened(),
      logged('app-certificate-saved', 'failed', { problem: 'media full' }),
      logged('app-certificate-saved', 'done', {}),
    ])!;
    assert.equal(done.current?.step.id, 'app-key-added');
  });

  test('checklist items are their own entries; entries that do not fit are reported, not refused', () => {
    const checklist = rotationEntry(step('checklist:envelopes'), 'done', 'Re-sealed', { doneBy: 'Grace' });
    assert.equal(checklist.kind, 'checklist-item');
    const position = rotationPosition(session, [
      opened(),
      logged('app-key-added', 'done'),
      entry('rotation-step', { phase: 'done' }, { stepId: 'no-such-step' }),
      entry('note', {}, {}, 'other-session'),
    ])!;
    assert.equal(position.irregularities.length, 2);
    assert.match(position.irregularities[0]!, /before "BG app: New certificate made and saved/);
    assert.match(position.irregularities[1]!, /does not have \(no-such-step\)/);
  });

  test('a session without a rotation plan is not a rotation', () => {
    assert.equal(
      rotationPosition(session, [entry('session-opened', { sessionKind: 'rotation', title: 'x', details: { runbook: 'incident' } })]),
      undefined,
    );
  });
});

describe('what to rotate, from the journal', () => {
  const drill: JournalSession = {
    id: 'd1',
    kind: 'drill',
    title: 'Drill: ca-lockout',
    openedAt: '2026-11-29T20:00:00.000Z',
    openedBy: 'Ada',
    openedSeq: 1,
    closedAt: '2026-11-29T21:00:00.000Z',
  };
  const signedIn = (who: string, method: string) => entry('sign-in-result', { outcome: 'signed-in', method, who }, {}, 'd1');
  const failedSignIn = entry('sign-in-result', { outcome: 'failed', method: 'security-key', who: 'bg2@x.test' }, {}, 'd1');
  const inventory = { accounts: [{ userPrincipalName: 'bg1@x.test' }, { userPrincipalName: 'bg2@x.test' }] };

  test('accounts and the app that signed in are suggested, with the session; a failed sign-in burns nothing', () => {
    const found = rotationCandidates(
      [drill],
      () => [signedIn('BG1@x.test', 'security-key'), signedIn('BG app', 'certificate'), failedSignIn],
      inventory,
    );
    assert.deepEqual([...found.accounts.keys()], ['bg1@x.test']);
    assert.match(found.accounts.get('bg1@x.test')!.reasons[0]!, /Drill: ca-lockout.*security key/);
    assert.ok(found.app);
    assert.equal(found.since, drill.openedAt);
  });

  test('nothing before the last completed rotation counts; an abandoned rotation does not reset it', () => {
    const rotation: JournalSession = {
      id: 'r1',
      kind: 'rotation',
      title: 'Rotation',
      openedAt: '2026-11-29T21:30:00.000Z',
      openedBy: 'Ada',
      openedSeq: 5,
      closedAt: '2026-11-29T22:00:00.000Z',
    };
    const entriesOf = (abandoned: boolean) => (id: string) =>
      id === 'd1'
        ? [signedIn('bg1@x.test', 'security-key')]
        : [entry('session-closed', { details: abandoned ? { abandoned: 'media missing' } : { sound: true } }, {}, 'r1')];
    assert.equal(rotationCandidates([drill, rotation], entriesOf(false), inventory).accounts.size, 0);
    assert.equal(rotationCandidates([drill, rotation], entriesOf(true), inventory).accounts.size, 1);
  });
});

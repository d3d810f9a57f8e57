/**
 * Which methods the rotation flags as added during the incident: not in the record made at the
 * incident's first sign-in, the same phone id with another number, or registered after the
 * incident began; never the password, and nothing else.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { methodsAddedDuringIncident } from '../../src/core/runbooks/method-baseline.ts';

const since = '2026-11-25T02:00:00Z';
const mobile = '3179e48a-750b-4051-897c-87b9720928f7';
const methods = [
  { id: '28c10230-6103-485e-b985-444c60001490', kind: 'password' },
  { id: 'safe-key', kind: 'fido2', createdDateTime: '2026-01-01T00:00:00Z' },
  { id: 'late-key', kind: 'fido2', createdDateTime: '2026-11-25T02:30:00Z' },
  { id: mobile, kind: 'phone', fingerprint: 'bbbbbbbbbbbbbbbb' },
  { id: '3ddfcfc8-9383-446f-83cc-3ab9be4be18f', kind: 'email', fingerprint: 'cccccccccccccccc' },
];

test('with the record: what is not in it, and a phone whose number changed under the same id', () => {
  const baseline = new Map<string, string | undefined>([
    ['28c10230-6103-485e-b985-444c60001490', undefined],
    ['safe-key', undefined],
    ['late-key', undefined],
    [mobile, 'aaaaaaaaaaaaaaaa'],
  ]);
  const added = methodsAddedDuringIncident(methods, { since, baseline });
  assert.deepEqual([...added.keys()].sort(), ['3ddfcfc8-9383-446f-83cc-3ab9be4be18f', 'late-key', mobile].sort());
  assert.match(added.get('3ddfcfc8-9383-446f-83cc-3ab9be4be18f')!, /not among the methods recorded/);
  assert.match(added.get(mobile)!, /changed since the incident began/);
  assert.match(added.get('late-key')!, /after the incident began/);
});

test('without a record: what Graph dates after the incident began, and the dateless phone and email to be checked', () => {
  const added = methodsAddedDuringIncident(methods, { since });
  assert.deepEqual([...added.keys()], ['late-key', mobile, '3ddfcfc8-9383-446f-83cc-3ab9be4be18f']);
  assert.match(added.get(mobile)!, /no record of the methods was made .* check it/);
});

test('without an incident to compare with, nothing is flagged', () => {
  assert.deepEqual([...methodsAddedDuringIncident(methods, {}).keys()], []);
});

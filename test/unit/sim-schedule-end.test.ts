// When a PIM schedule ends in the simulated tenant: every ISO 8601 duration form PIM uses counts.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { scheduleEnd } from '../../src/sim/directory/tenant.ts';
import { addIsoDuration } from '../../src/shared/iso-duration.ts';

const start = Date.parse('2026-01-15T10:00:00Z');
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

test('years, months, weeks, days, hours, minutes and seconds are all added', () => {
  assert.equal(iso(addIsoDuration(start, 'P1Y')), '2027-01-15T10:00:00.000Z');
  assert.equal(iso(addIsoDuration(start, 'P6M')), '2026-07-15T10:00:00.000Z');
  assert.equal(iso(addIsoDuration(start, 'P2W')), '2026-01-29T10:00:00.000Z');
  assert.equal(iso(addIsoDuration(start, 'P180D')), '2026-07-14T10:00:00.000Z');
  assert.equal(iso(addIsoDuration(start, 'PT8H')), '2026-01-15T18:00:00.000Z');
  assert.equal(iso(addIsoDuration(start, 'P1DT1H30M15.5S')), '2026-01-16T11:30:15.500Z');
});

test('text that is not a duration is not read as one', () => {
  for (const text of ['P', 'PT', '8H', 'P1H', 'one year']) assert.equal(addIsoDuration(start, text), undefined, text);
});

test('an afterDuration schedule in years ends; noExpiration never does', () => {
  const schedule = (expiration: { type: 'afterDuration' | 'noExpiration'; duration?: string }) => ({
    id: 's',
    principalId: '00000000-0000-4000-8000-000000000001',
    roleDefinitionId: '62e90394-69f5-4237-9190-012177145e10',
    directoryScopeId: '/',
    status: 'Provisioned' as const,
    memberType: 'Direct' as const,
    scheduleInfo: { startDateTime: '2026-01-15T10:00:00Z', expiration },
  });
  assert.equal(iso(scheduleEnd(schedule({ type: 'afterDuration', duration: 'P1Y' }))), '2027-01-15T10:00:00.000Z');
  assert.equal(scheduleEnd(schedule({ type: 'noExpiration' })), Number.POSITIVE_INFINITY);
});

/**
 * The break-glass app on the ready tenant of check-snapshot.ts, for the BG-APP check tests:
 * `withApp` changes what was read about it, and `expectStatus` runs `checkApp`, asserting the one
 * result for a check id, its status, its subject and, unless it passes, evidence and a remediation.
 */
import assert from 'node:assert/strict';

import { checkApp } from '../../src/core/checks/app.ts';
import type { CheckResult } from '../../src/core/checks/model.ts';
import type { AppSnapshot, ApplicationFacts, TenantSnapshot } from '../../src/core/checks/snapshot.ts';
import { app, context, readySnapshot } from './check-snapshot.ts';
import { assertPlainInView } from './check-words.ts';

export const appSubject = { kind: 'app', id: app.appId, name: 'Break-glass app' };

function readyApp(): AppSnapshot {
  const snapshot = readySnapshot();
  assert.ok(snapshot.app);
  return snapshot.app;
}

export function readyApplication(): ApplicationFacts {
  const application = readyApp().application;
  assert.ok(application.ok);
  return application.value;
}

export function withApp(change: Partial<AppSnapshot>): TenantSnapshot {
  return { ...readySnapshot(), app: { ...readyApp(), ...change } };
}

function only(results: readonly CheckResult[], id: string): CheckResult {
  const matching = results.filter((r) => r.id === id);
  assert.equal(matching.length, 1, `exactly one ${id}`);
  return matching[0]!;
}

export function assertActionable(check: CheckResult) {
  assert.ok(check.evidence.length > 0, `${check.id} has evidence`);
  assert.ok(check.remediation.length > 0, `${check.id} says what to do`);
}

export function expectStatus(
  snapshot: TenantSnapshot,
  id: string,
  status: CheckResult['status'],
  change: Parameters<typeof context>[1] = {},
): CheckResult {
  const results = checkApp(context(snapshot, change));
  assertPlainInView(results);
  const check = only(results, id);
  assert.equal(check.status, status, `${id}: ${check.title} – ${check.evidence.join(' | ')}`);
  assert.deepEqual(check.subject, appSubject);
  if (status !== 'pass') assertActionable(check);
  return check;
}

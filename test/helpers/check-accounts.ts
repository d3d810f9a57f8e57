/**
 * The break-glass accounts on the ready tenant of check-snapshot.ts, for the BG-INV and BG-USR
 * check tests: `withAccount` changes one account, `run` runs `checkAccounts`, and `verdict` finds
 * the one result for a check id and subject and asserts its status, evidence and remediation.
 */
import assert from 'node:assert/strict';

import { checkAccounts } from '../../src/core/checks/accounts.ts';
import type { CheckId, CheckResult, CheckStatus } from '../../src/core/checks/model.ts';
import type { AccountSnapshot, TenantSnapshot } from '../../src/core/checks/snapshot.ts';
import { bg1, context, readySnapshot } from './check-snapshot.ts';
import { assertPlainInView } from './check-words.ts';

export function run(snapshot: TenantSnapshot, change: Parameters<typeof context>[1] = {}): CheckResult[] {
  const results = checkAccounts(context(snapshot, change));
  assertPlainInView(results);
  return results;
}

/** The one result for a check id and subject id (bg1 unless told), and that it has the status expected. */
export function verdict(results: CheckResult[], id: CheckId, status: CheckStatus, subjectId: string = bg1.id): CheckResult {
  const matching = results.filter((r) => r.id === id && r.subject.id === subjectId);
  assert.equal(matching.length, 1, `one ${id} result for ${subjectId}`);
  const found = matching[0]!;
  assert.equal(found.status, status, `${id}: ${found.title} – ${found.evidence.join(' | ')}`);
  if (status === 'pass') assert.equal(found.remediation, '');
  else {
    assert.ok(found.evidence.length > 0, `${id} ${status} carries evidence`);
    assert.ok(found.remediation.length > 20, `${id} ${status} says what to do`);
  }
  return found;
}

export function withAccount(
  index: number,
  change: (account: AccountSnapshot) => Partial<AccountSnapshot>,
  base = readySnapshot(),
): TenantSnapshot {
  return { ...base, accounts: base.accounts.map((account, n) => (n === index ? { ...account, ...change(account) } : account)) };
}

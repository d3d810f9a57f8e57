/**
 * What a check result shows in view – its title and its fix, as the readiness screen and the
 * rotation's verdict show them through withoutIds – is in the custodian's words: no Graph request,
 * no Graph or API names (addKey, removePassword, fido2, passwordCredentials), no "(s)" plurals;
 * those belong in the evidence, which is in the details (docs/domain.md, "Results").
 */
import assert from 'node:assert/strict';

import type { CheckResult } from '../../src/core/checks/model.ts';
import { withoutIds } from '../../src/renderer/components/plain-words.ts';

const graphRequest = /\b(GET|POST|PATCH|PUT|DELETE) \//;
/** Graph's own names in camelCase or code quotes, which a custodian does not read in a fix. */
const graphNames = /\b(addKey|removeKey|addPassword|removePassword|keyCredentials|passwordCredentials|fido2|accountEnabled)\b/;

/** Where the text in view is not plain, in words; empty when it is. */
export function notPlainInView(text: string): string[] {
  const shown = withoutIds(text);
  const problems: string[] = [];
  if (graphRequest.test(shown)) problems.push('a Graph request');
  const name = graphNames.exec(shown);
  if (name) problems.push(`the Graph name ${name[1]}`);
  if (/\w\(s\)/.test(shown)) problems.push('a "(s)" plural');
  if (/\/subscriptions\//i.test(shown)) problems.push('an Azure resource path');
  return problems;
}

export function assertPlainInView(results: readonly CheckResult[]): void {
  for (const r of results)
    for (const [field, text] of [
      ['title', r.title],
      ['fix', r.remediation],
    ] as const) {
      const problems = notPlainInView(text);
      assert.deepEqual(problems, [], `${r.id} ${r.status}: its ${field} in view holds ${problems.join(', ')}: ${text}`);
    }
}

/**
 * The README's "Permissions in a real tenant" section is what an Entra administrator sets up from;
 * it must say what the code asks for. Each permission the product's declarations need (the
 * delegated needs of an account sign-in, the application permissions of the break-glass app) is
 * named in its table, so a change to a declaration without the README fails here.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

import { appOnlyActions } from '../../src/core/graph/app-only-actions.ts';
import { delegatedNeeds } from '../../src/core/graph/delegated-permissions.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

function section(heading: string): string {
  const start = readme.indexOf(heading);
  assert.ok(start >= 0, `the README has the section "${heading}"`);
  // Up to the next heading of the same or a higher level.
  const level = heading.indexOf(' ');
  const rest = readme.slice(start + heading.length);
  const next = rest.search(new RegExp(`\\n#{1,${level}} `));
  return heading + (next < 0 ? rest : rest.slice(0, next));
}

describe('README: permissions in a real tenant', () => {
  const permissions = section('## Permissions in a real tenant');

  test('every delegated permission an account sign-in asks for is in the delegated table', () => {
    const delegated = section('### Delegated permissions of a break-glass account sign-in');
    for (const need of Object.values(delegatedNeeds)) {
      for (const [first] of need.allOf) assert.ok(delegated.includes(`\`${first}\``), `${need.title}: ${first} is named`);
    }
  });

  test('every application permission of the break-glass app is in the app table, with its directory role', () => {
    const app = section('### Application permissions of the break-glass app');
    for (const action of appOnlyActions) {
      for (const group of action.permissions)
        assert.ok(
          group.some((p) => app.includes(`\`${p}\``)),
          `${action.title}: one of ${group.join(', ')} is named`,
        );
      if (action.directoryRoles)
        assert.ok(app.includes(action.directoryRoles.names), `${action.title}: ${action.directoryRoles.names} is named`);
    }
  });

  test('the reader’s Azure role at /providers/Microsoft.aadiam comes with the command that creates it', () => {
    assert.match(
      permissions,
      /az role assignment create --assignee <reader appId> --role "Reader" --scope "\/providers\/Microsoft\.aadiam"/,
    );
  });
});

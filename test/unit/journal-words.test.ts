/**
 * How the journal is said on screen: every kind of entry and of session the journal writes has a
 * plain name, times are local with their zone, a hash reads in groups of four, and ids and Azure
 * resource paths leave the words in view for the details.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { JournalEntryKind, SessionKind } from '../../src/core/journal/model.ts';
import { hasIds, namesSubject, withoutIds } from '../../src/renderer/components/plain-words.ts';

// The zone is set before the module that formats times is loaded: it reads the zone once.
process.env['TZ'] = 'America/New_York';
const words = await import('../../src/shared/journal-words.ts');

describe('the journal in plain words', () => {
  test('every kind of entry the journal writes has a plain name, and no name is left over', () => {
    assert.deepEqual([...words.namedEntryKinds].sort(), [...JournalEntryKind.options].sort());
    for (const kind of JournalEntryKind.options) {
      const name = words.entryKindName(kind);
      assert.notEqual(name, kind, `${kind} has a plain name`);
      assert.match(name, /^[A-Z][a-z-]*( [A-Za-z-]+)*$/, `${kind}: "${name}" is words, not an identifier`);
    }
    assert.equal(words.entryKindName('graph-write'), 'Change sent to Microsoft Graph');
    assert.equal(words.entryKindName('some-future-kind'), 'some-future-kind', 'a kind this version does not know is shown as written');
  });

  test('every kind of session has a plain name', () => {
    assert.deepEqual([...words.namedSessionKinds].sort(), [...SessionKind.options].sort());
    assert.equal(words.sessionKindName('check'), 'Readiness check');
  });

  test('a time is shown in the local zone, with the zone named', () => {
    const shown = words.localTime('2026-12-02T16:03:41.000Z');
    assert.match(shown, /11:03:41/, shown);
    assert.match(shown, /EST/, shown);
    assert.equal(words.localTime('not a time'), 'not a time');
  });

  test('a chain head reads in groups of four', () => {
    assert.equal(words.inGroupsOfFour('3f2a9c1b07e4'), '3f2a 9c1b 07e4');
    assert.equal(words.inGroupsOfFour('3f2a9c'), '3f2a 9c');
    const head = 'a'.repeat(64);
    assert.equal(words.inGroupsOfFour(head).split(' ').length, 16);
  });
});

describe('ids and resource paths go to the details', () => {
  const workspace =
    '/subscriptions/4a9c2e71-83d5-4f0b-b6e2-9d1c7a35f840/resourceGroups/rg-secops-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-secops';

  test('an Azure resource path is said by its last name', () => {
    const text = `In the Log Analytics workspace ${workspace}, create an alert rule.`;
    assert.equal(withoutIds(text), 'In the Log Analytics workspace “law-secops”, create an alert rule.');
    assert.equal(withoutIds(`Open ${workspace}.`), 'Open “law-secops”.');
    assert.ok(hasIds(text));
  });

  test('an id in brackets is dropped, a bare id says it is in the details', () => {
    assert.equal(
      withoutIds("Add CA-BreakGlassAccounts - Exclude (0c9e7b52-3f1d-4a86-b2e9-6d4a8c1f7e30) to the policy's excluded groups."),
      "Add CA-BreakGlassAccounts - Exclude to the policy's excluded groups.",
    );
    assert.equal(
      withoutIds('excludes 0c9e7b52-3f1d-4a86-b2e9-6d4a8c1f7e30, which no longer exists'),
      'excludes (id in the details), which no longer exists',
    );
  });

  test('a line that names its subject is not followed by it again', () => {
    assert.equal(namesSubject('CA210 applies to bg2@contoso.com and does not exclude it', 'CA210 × bg2@contoso.com'), true);
    assert.equal(namesSubject('The app has a client secret', 'Break-Glass Emergency Access App'), false);
  });

  test('text without ids stays as it is', () => {
    const text = 'Register a second key, ideally from another vendor.';
    assert.equal(withoutIds(text), text);
    assert.equal(hasIds(text), false);
  });
});

/**
 * How the journal is said on screen and on paper: plain names for the kinds of entry and of
 * session (the kinds are the journal's own, src/core/journal/model.ts; a unit test checks each has
 * a name here), times in the reader's own zone with the zone named, and a chain head in groups of
 * four characters, easy to copy by hand and to read out over the phone.
 */

const entryKindNames: Readonly<Record<string, string>> = {
  'session-opened': 'Session opened',
  'session-closed': 'Session closed',
  'step-shown': 'Step shown',
  'step-acknowledged': 'Step done',
  'sign-in-attempt': 'Sign-in started',
  'sign-in-result': 'Sign-in result',
  'graph-write': 'Change sent to Microsoft Graph',
  'recovery-action': 'Recovery action',
  'check-result': 'Readiness check result',
  'rotation-step': 'Rotation step',
  'checklist-item': 'Checklist item',
  note: 'Note',
};

const sessionKindNames: Readonly<Record<string, string>> = {
  incident: 'Incident',
  drill: 'Drill',
  rotation: 'Rotation',
  review: 'Review',
  check: 'Readiness check',
  'sign-in': 'Sign-in outside the runbook',
};

/** The kinds the names cover, for the test that every kind of the journal has one. */
export const namedEntryKinds: readonly string[] = Object.keys(entryKindNames);
export const namedSessionKinds: readonly string[] = Object.keys(sessionKindNames);

/** "Change sent to Microsoft Graph" for `graph-write`; a kind this version does not know is shown as written. */
export function entryKindName(kind: string): string {
  return Object.hasOwn(entryKindNames, kind) ? entryKindNames[kind]! : kind;
}

export function sessionKindName(kind: string): string {
  return Object.hasOwn(sessionKindNames, kind) ? sessionKindNames[kind]! : kind;
}

const localFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
});

/** An ISO time as this computer's local time with its zone ("2 Dec 2026, 17:03:41 CET"); text that is no time stays as it is. */
export function localTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : localFormat.format(date);
}

/** "3f2a 9c1b …": a hash in groups of four characters. */
export function inGroupsOfFour(hash: string): string {
  return (hash.match(/.{1,4}/g) ?? []).join(' ');
}

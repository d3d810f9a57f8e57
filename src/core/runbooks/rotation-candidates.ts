/**
 * What should be rotated, and why, read from the journal: every break-glass credential that
 * signed in during an incident or drill since the last completed rotation is burned (docs/domain.md,
 * "Rotation after use"). The earliest such session's opening is the "since" of the method
 * review: a method registered after it may have been added by whoever held the account.
 */
import type { JournalEntry, JournalSession } from '../journal/model.ts';

export type CredentialUse = { readonly reasons: string[] };
export type RotationCandidates = {
  readonly accounts: ReadonlyMap<string, CredentialUse>;
  readonly app: CredentialUse | undefined;
  readonly since: string | undefined;
};

const day = (iso: string) => iso.slice(0, 10);

export function rotationCandidates(
  sessions: readonly JournalSession[],
  entriesOf: (sessionId: string) => readonly JournalEntry[],
  inventory: { readonly accounts: readonly { readonly userPrincipalName: string }[] },
): RotationCandidates {
  const lastRotation = [...sessions].reverse().find((s) => s.kind === 'rotation' && s.closedAt && !isAbandoned(entriesOf(s.id)));
  const after = lastRotation?.closedAt ?? '';
  const accounts = new Map<string, CredentialUse>();
  let app: CredentialUse | undefined;
  let since: string | undefined;
  for (const session of sessions) {
    if ((session.kind !== 'incident' && session.kind !== 'drill') || session.openedAt < after) continue;
    for (const entry of entriesOf(session.id)) {
      if (entry.kind !== 'sign-in-result' || entry.data['outcome'] !== 'signed-in') continue;
      const method = String(entry.data['method'] ?? '');
      const reason = `Signed in during “${session.title}” on ${day(entry.at)} (${method === 'certificate' ? 'the app certificate' : method === 'security-key' ? 'a security key' : method || 'unknown method'}).`;
      since = since === undefined || session.openedAt < since ? session.openedAt : since;
      if (method === 'certificate') {
        app ??= { reasons: [] };
        if (!app.reasons.includes(reason)) app.reasons.push(reason);
        continue;
      }
      const who = String(entry.data['who'] ?? '').toLowerCase();
      const account = inventory.accounts.find((a) => a.userPrincipalName.toLowerCase() === who);
      if (!account) continue;
      const use = accounts.get(account.userPrincipalName) ?? { reasons: [] };
      if (!use.reasons.includes(reason)) use.reasons.push(reason);
      accounts.set(account.userPrincipalName, use);
    }
  }
  return { accounts, app, since };
}

function isAbandoned(entries: readonly JournalEntry[]): boolean {
  const closed = entries.find((e) => e.kind === 'session-closed');
  const details = (closed?.data['details'] ?? {}) as Record<string, unknown>;
  return typeof details['abandoned'] === 'string';
}

/**
 * The break-glass accounts' registered methods as they were when the incident got its first
 * Graph session, and which methods the rotation flags as added during the incident.
 *
 * Why a record and not only dates: Graph's phone and email methods carry no `createdDateTime`
 * (resources/phoneauthenticationmethod.md: id, phoneNumber, phoneType, smsSignInState;
 * resources/emailauthenticationmethod.md: id, emailAddress), so a phone number added during the
 * incident has no date to compare. Every method whose id is not in the record is flagged; a
 * `createdDateTime` at or after the incident's opening is a second signal where Graph gives one.
 *
 * Phone and email methods have fixed ids per type (the mobile phone is always
 * `3179e48a-750b-4051-897c-87b9720928f7`, resources/phoneauthenticationmethod.md), so a number
 * changed during the incident keeps its id: the record also keeps a fingerprint of the number or
 * address (a hash made in the main process), and a method whose fingerprint differs is flagged.
 *
 * The record holds ids, kinds and fingerprints only: no phone number, address or key material.
 */
import type { JournalEntry, JournalSession, JsonObject } from '../journal/model.ts';

/** The journal note that holds the record (kind 'note', in the incident's own session). */
export const methodBaselineStepId = 'methods-baseline';

export type BaselineMethod = { readonly id: string; readonly kind: string; readonly fingerprint?: string };
export type AccountBaseline = {
  readonly userPrincipalName: string;
  readonly id?: string;
  readonly methods?: readonly BaselineMethod[];
  readonly problem?: string;
};

export function methodBaselineNote(accounts: readonly AccountBaseline[]): {
  kind: 'note';
  stepId: string;
  summary: string;
  data: JsonObject;
} {
  const read = accounts.filter((a) => a.methods);
  const failed = accounts.filter((a) => !a.methods);
  const summary = [
    read.length > 0
      ? `Registered methods recorded at the first sign-in of this incident: ${read.map((a) => `${a.userPrincipalName} ${a.methods!.length} (${[...new Set(a.methods!.map((m) => m.kind))].join(', ')})`).join('; ')}.`
      : '',
    failed.length > 0
      ? `Not recorded for ${failed.map((a) => `${a.userPrincipalName} (${a.problem ?? 'not read'})`).join('; ')}: the rotation can flag its methods added during the incident only by their registration date, and phone and email methods have none.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    kind: 'note',
    stepId: methodBaselineStepId,
    summary,
    data: {
      accounts: accounts.map((a) => ({
        userPrincipalName: a.userPrincipalName,
        ...(a.id ? { id: a.id } : {}),
        ...(a.methods
          ? { methods: a.methods.map((m) => ({ id: m.id, kind: m.kind, ...(m.fingerprint ? { fingerprint: m.fingerprint } : {}) })) }
          : {}),
        ...(a.problem ? { problem: a.problem } : {}),
      })),
    },
  };
}

/** Whether this session already holds a record (a second sign-in in the incident must not replace the first). */
export function hasMethodBaseline(entries: readonly JournalEntry[]): boolean {
  return entries.some((e) => e.kind === 'note' && e.stepId === methodBaselineStepId);
}

/**
 * The record per account from the earliest incident or drill opened at or after `since` (the
 * rotation's "since": the first incident since the last rotation) and before `until`.
 */
/** Per account (lower-case UPN): method id → its fingerprint (undefined for methods without one). */
export type MethodBaseline = ReadonlyMap<string, string | undefined>;

export function methodBaselines(
  sessions: readonly JournalSession[],
  entriesOf: (sessionId: string) => readonly JournalEntry[],
  window: { readonly since: string; readonly until: string },
): Map<string, MethodBaseline> {
  const found = new Map<string, MethodBaseline>();
  const candidates = sessions
    .filter((s) => (s.kind === 'incident' || s.kind === 'drill') && s.openedAt >= window.since && s.openedAt <= window.until)
    .sort((a, b) => a.openedAt.localeCompare(b.openedAt));
  for (const session of candidates) {
    const note = entriesOf(session.id).find((e) => e.kind === 'note' && e.stepId === methodBaselineStepId);
    const accounts = Array.isArray(note?.data['accounts']) ? note.data['accounts'] : [];
    for (const account of accounts) {
      if (
        !account ||
        typeof account !== 'object' ||
        Array.isArray(account) ||
        typeof account['userPrincipalName'] !== 'string' ||
        !Array.isArray(account['methods'])
      )
        continue;
      const upn = account['userPrincipalName'].toLowerCase();
      if (found.has(upn)) continue;
      found.set(
        upn,
        new Map(
          account['methods'].flatMap((m) =>
            m && typeof m === 'object' && !Array.isArray(m) && typeof m['id'] === 'string'
              ? [[m['id'], typeof m['fingerprint'] === 'string' ? m['fingerprint'] : undefined] as const]
              : [],
          ),
        ),
      );
    }
  }
  return found;
}

/** Method kinds Graph v1.0 gives no `createdDateTime` (resources/phoneauthenticationmethod.md, emailauthenticationmethod.md). */
const undatedKinds: ReadonlySet<string> = new Set(['phone', 'email']);

/**
 * Why each method counts as added during the incident (by id); the password is rotated anyway,
 * so it is never listed.
 */
export function methodsAddedDuringIncident(
  methods: readonly {
    readonly id: string;
    readonly kind: string;
    readonly createdDateTime?: string | undefined;
    readonly fingerprint?: string | undefined;
  }[],
  incident: { readonly since?: string; readonly baseline?: MethodBaseline },
): Map<string, string> {
  const added = new Map<string, string>();
  const since = incident.since ? Date.parse(incident.since) : undefined;
  for (const method of methods) {
    if (method.kind === 'password') continue;
    if (incident.baseline && !incident.baseline.has(method.id))
      added.set(method.id, 'not among the methods recorded when the incident began');
    else if (
      incident.baseline &&
      method.fingerprint &&
      incident.baseline.get(method.id) !== undefined &&
      incident.baseline.get(method.id) !== method.fingerprint
    )
      added.set(method.id, 'changed since the incident began (another number or address under the same id)');
    else if (since !== undefined && method.createdDateTime !== undefined && Date.parse(method.createdDateTime) >= since)
      added.set(method.id, `registered ${method.createdDateTime}, after the incident began`);
    // Without a record a dateless method cannot be cleared, so it is flagged for the custodian to check.
    else if (since !== undefined && !incident.baseline && method.createdDateTime === undefined && undatedKinds.has(method.kind))
      added.set(
        method.id,
        'no record of the methods was made when the incident began, and Graph gives this kind of method no date: check it',
      );
  }
  return added;
}

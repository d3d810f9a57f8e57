/**
 * An incident session's journal for the incident-flow tests: real drafts from the session rules and
 * the flow's constructors, sealed into a hash chain as the store writes it. Each method appends one
 * entry shaped like the services' (step acknowledgements, sign-in, recovery actions, the close).
 */
import assert from 'node:assert/strict';

import { sealEntry } from '../../src/core/journal/chain.ts';
import { genesisHash, JournalEntry, type JournalEntryDraft, type JsonObject, type SessionKind } from '../../src/core/journal/model.ts';
import { foldSessions, sessionClosedDraft, sessionOpenedDraft } from '../../src/core/journal/sessions.ts';
import {
  incidentClosed,
  incidentPosition,
  pathChosen,
  stepAcknowledged,
  type IncidentPosition,
} from '../../src/core/runbooks/incident-flow.ts';

const sessionId = 'incident-1';

export const account = 'bg1@contoso.onmicrosoft.com';

/**
 * A journal as the store writes it: real drafts from the session rules and the flow's
 * constructors, sealed into a hash chain; sign-in and recovery entries shaped like the services'.
 */
export function incidentJournal(kind: SessionKind = 'incident') {
  const entries: JournalEntry[] = [];
  const append = (draft: Omit<JournalEntryDraft, 'sessionId' | 'actor'> & { actor?: string }): JournalEntry => {
    const seq = entries.length + 1;
    const { data, graphRequestIds, ...rest } = draft;
    const entry = sealEntry(
      {
        ...rest,
        seq,
        at: new Date(Date.UTC(2026, 2, 14, 3, 0, seq)).toISOString(),
        sessionId,
        actor: draft.actor ?? 'Ada',
        witness: 'Grace',
        data: (data ?? {}) as JsonObject,
        ...(graphRequestIds ? { graphRequestIds } : {}),
      },
      entries.at(-1)?.hash ?? genesisHash,
    );
    entries.push(JournalEntry.parse(entry));
    return entry;
  };
  const {
    sessionId: _id,
    actor: _actor,
    ...opening
  } = sessionOpenedDraft(sessionId, {
    kind,
    title: 'CA lock-out',
    actor: 'Ada',
    witness: 'Grace',
    details: { reference: 'INC-42', reason: 'Conditional Access lock-out' },
  });
  append(opening);
  const session = () => {
    const found = foldSessions(entries.filter((entry) => entry.kind === 'session-opened' || entry.kind === 'session-closed'))[0];
    assert.ok(found);
    return found;
  };
  const journal = {
    entries,
    session,
    position: (): IncidentPosition => incidentPosition(session(), entries),
    add: append,
    notified: () =>
      append(
        stepAcknowledged('notify-security-operations', {
          who: 'SOC duty officer Lin',
          how: 'phone, duty line',
          when: '2026-03-14T03:01:00.000Z',
        }),
      ),
    safeOpened: () =>
      append(
        stepAcknowledged('record-safe-opened', {
          openedAt: '2026-03-14T03:02:00.000Z',
          securityKeys: ['YubiKey BG-1'],
          envelopes: [],
          certificateMedia: 'USB stick B',
        }),
      ),
    choseKey: () => append(pathChosen({ path: 'security-key', account, item: 'YubiKey BG-1' })),
    attempt: (method: 'security-key' | 'certificate' = 'security-key') =>
      append({
        kind: 'sign-in-attempt',
        summary: 'Sign-in attempt.',
        data: method === 'security-key' ? { method, tenant: 'Contoso', account } : { method, tenant: 'Contoso', appId: 'app-1' },
      }),
    failed: (aadstsCode: number, title: string) =>
      append({
        kind: 'sign-in-result',
        summary: `Sign-in failed (AADSTS${aadstsCode}): ${title}.`,
        data: { outcome: 'failed', title, aadstsCode, traceId: 'trace-1' },
      }),
    signedIn: (who = account) =>
      append({
        kind: 'sign-in-result',
        summary: `Signed in as ${who} (Global Administrator).`,
        data: { outcome: 'signed-in', method: 'security-key', who, objectId: 'u-1', directoryRoles: ['Global Administrator'] },
      }),
    signOut: () =>
      append({
        kind: 'note',
        stepId: 'sign-out',
        summary: `Signed out ${account}; the app holds no token for the tenant any more.`,
        data: {},
      }),
    recovery: (phase: 'About to' | 'Done' | 'Failed', what: string, requestId?: string, kind = 'policy-report-only') =>
      append({
        kind: 'recovery-action',
        stepId: `recovery.${kind}`,
        summary: `${phase}: ${what}.${phase === 'Failed' ? ' Graph answered 403 Forbidden.' : ''}`,
        data:
          phase === 'About to'
            ? {
                target: { kind: 'policy', id: 'pol-1', name: 'Require MFA' },
                changes: ['State: On → Report-only.'],
                method: 'PATCH',
                path: '/identity/conditionalAccess/policies/pol-1',
              }
            : { status: 204 },
        ...(requestId ? { graphRequestIds: [requestId] } : {}),
      }),
    close: (classification: 'drill' | 'real-emergency' | 'misuse' = 'real-emergency') => {
      const {
        sessionId: _s,
        actor: _a,
        ...closing
      } = sessionClosedDraft(session(), {
        actor: 'Ada',
        ...incidentClosed({ classification, summary: 'CA policy locked out all admins; set to report-only.' }),
      });
      return append(closing);
    },
  };
  return journal;
}

/** Open, told SOC, safe opened, key path chosen, signed in, access confirmed. */
export function signedInIncident() {
  const journal = incidentJournal();
  journal.notified();
  journal.safeOpened();
  journal.choseKey();
  journal.attempt();
  journal.signedIn();
  journal.add(stepAcknowledged('confirm-access', { who: account, directoryRoles: ['Global Administrator'] }));
  return journal;
}

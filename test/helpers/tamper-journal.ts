/**
 * A realistic journal for the tamper tests, written through the app's own JournalStore: an
 * incident (witnessed, with steps, sign-in, Graph writes and notes, closed and classified), a
 * check run, a rotation, a drill and a review left open, interleaved; text with quotes,
 * backslashes, non-ASCII, emoji, newlines, a NUL and a lone surrogate (which the store replaces).
 */
import { JournalStore } from '../../src/main/journal/store.ts';
import type { JournalEntryDraft, JsonObject } from '../../src/core/journal/model.ts';

export const awkwardTexts: readonly string[] = [
  'He said "stop" – and the runbook said \'go\'',
  'C:\\Users\\ada\\breakglass\\ and a \\" that is not an escape',
  'Zürich, Ærø, café naïve – Ελληνικά, 日本語, עברית',
  'Seal 🔐 broken 🚨, custodian 👩🏽‍💻, flag 🇩🇪',
  'line one\nline two\r\nline three\twith a tab',
  'A NUL \u0000 inside, and U+2028 \u2028 and U+2029 \u2029',
  'Looks like JSON: {"policy":"off","n":1} and </script>',
  'Lone surrogate \uD83D here and \uDE00 there',
];

const policyNames = ['Block legacy auth', 'Require MFA – all users', 'Géo-blocage «hors UE»', 'Admins 🔒 compliant device'];

/** Builds the journal at `file` (closed afterwards) and returns its entry count and head. */
export function buildTamperJournal(file: string, rounds = 40): { count: number; head: string } {
  let tick = Date.UTC(2026, 2, 14, 3, 0, 0);
  const store = JournalStore.open(file, { redaction: 'development', now: () => new Date((tick += 1234)) });
  try {
    const text = (index: number): string => awkwardTexts[index % awkwardTexts.length] ?? '';
    const incident = store.openSession({
      kind: 'incident',
      title: 'CA lock-out – "all admins" blocked',
      actor: 'Ada Lovelace',
      witness: 'Grace Hopper',
      details: { reference: 'INC-4711', reason: text(0), room: 'Raum 3.14 – Süd' },
    });
    const check = store.openSession({ kind: 'check', title: 'Monthly readiness check', actor: 'Linus' });
    const rotation = store.openSession({ kind: 'rotation', title: 'Rotate bg1 after use', actor: 'Ada Lovelace', witness: 'Grace Hopper' });
    const drill = store.openSession({ kind: 'drill', title: 'Quarterly drill 🚨', actor: 'Linus', details: { scenario: text(3) } });
    const review = store.openSession({ kind: 'review', title: 'Monitoring review', actor: 'Grace Hopper' });

    for (let round = 0; round < rounds; round += 1) {
      const incidentEntry = (draft: Omit<JournalEntryDraft, 'sessionId' | 'actor' | 'witness'>): void => {
        store.append({ sessionId: incident.id, actor: 'Ada Lovelace', witness: 'Grace Hopper', ...draft });
      };
      incidentEntry({ kind: 'step-shown', stepId: `incident.step-${round}`, summary: `Step ${round} shown: ${text(round)}`, data: {} });
      incidentEntry({
        kind: 'step-acknowledged',
        stepId: `incident.step-${round}`,
        summary: `Step ${round} done`,
        data: { answer: round % 2 === 0 ? 'yes' : 'no', note: text(round + 1) },
      });
      if (round % 4 === 0) {
        incidentEntry({
          kind: 'sign-in-attempt',
          summary: 'Sign-in as bg1@contoso.onmicrosoft.com',
          data: { account: 'bg1@contoso.onmicrosoft.com' },
        });
        incidentEntry({
          kind: 'sign-in-result',
          summary: round === 0 ? 'AADSTS53003: blocked by Conditional Access' : 'Signed in',
          data: { ok: round !== 0, error: round === 0 ? { code: 'AADSTS53003', correlationId: 'c0ffee00-1' } : null },
        });
      }
      const policy = policyNames[round % policyNames.length] ?? '';
      incidentEntry({
        kind: 'graph-write',
        summary: `Set policy "${policy}" to report-only`,
        data: {
          policyId: `pol-${round}`,
          displayName: policy,
          state: { before: 'enabled', after: 'enabledForReportingButNotEnforced' },
          numbers: [round, -round, round / 8, 1e21, 0],
        },
        graphRequestIds: [`0b6f6b9e-8a3c-4f55-9d1e-${String(round).padStart(12, '0')}`, `req-${round}-b`],
      });
      if (round % 3 === 0) incidentEntry({ kind: 'note', summary: text(round + 2), data: { free: text(round + 5) } });
      if (round % 5 === 1)
        incidentEntry({ kind: 'recovery-action', summary: `Recovery: ${text(round + 3)}`, data: { action: 'reset-mfa' } });

      if (round <= rounds / 2) {
        store.append({
          sessionId: check.id,
          actor: 'Linus',
          kind: 'check-result',
          summary: `BG-ACC-0${round % 9} ${round % 6 === 0 ? 'fail' : 'pass'}`,
          data: {
            checkId: `BG-ACC-0${round % 9}`,
            status: round % 6 === 0 ? 'fail' : 'pass',
            evidence: { seen: [text(round)], count: round },
          },
        });
      }
      if (round % 2 === 0) {
        store.append({
          sessionId: rotation.id,
          actor: 'Ada Lovelace',
          witness: 'Grace Hopper',
          kind: 'rotation-step',
          stepId: `rotation.${round}`,
          summary: `Rotation step ${round}`,
          data: { thumbprint: `AB${String(round).padStart(38, '0')}` },
          ...(round % 4 === 0 ? { graphRequestIds: [`rot-${round}`] } : {}),
        });
      }
      if (round % 3 === 1) store.append({ sessionId: drill.id, actor: 'Linus', kind: 'note', summary: text(round + 4), data: {} });
      if (round % 4 === 2) {
        store.append({
          sessionId: review.id,
          actor: 'Grace Hopper',
          kind: 'checklist-item',
          summary: `Checklist item ${round}: ${text(round + 6)}`,
          data: { done: round % 8 === 2, comment: text(round + 7) } as JsonObject,
        });
      }
      if (round === Math.floor(rounds / 2)) store.closeSession(check.id, { actor: 'Linus', details: { result: 'done' } });
    }
    store.closeSession(rotation.id, { actor: 'Ada Lovelace', witness: 'Grace Hopper' });
    store.closeSession(incident.id, { actor: 'Ada Lovelace', witness: 'Grace Hopper', classification: 'real-emergency' });
    const verdict = store.verify();
    if (!verdict.intact) throw new Error(`The tamper journal does not verify: ${verdict.reason}`);
    return { count: verdict.count, head: verdict.head };
  } finally {
    store.close();
  }
}

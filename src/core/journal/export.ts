/**
 * The journal as a readable record for auditors and reviewers: JSON (complete, machine-readable),
 * Markdown (one section per session) and CSV (one row per entry). Every format states the chain's
 * verdict and head hash, so a printed report can later be checked with `--expect-head`.
 */
import { badEntriesLine } from '../../shared/model/journal-view.ts';
import type { ChainVerdict } from './chain.ts';
import type { JournalEntry, JournalSession } from './model.ts';

export type JournalExportFormat = 'json' | 'md' | 'csv';

export type JournalRecord = {
  readonly file: string;
  readonly exportedAt: string;
  readonly sessions: readonly JournalSession[];
  readonly entries: readonly JournalEntry[];
  readonly verdict: ChainVerdict;
};

export const exportFileExtensions: Readonly<Record<JournalExportFormat, string>> = { json: 'json', md: 'md', csv: 'csv' };

export function chainVerdictLine(verdict: ChainVerdict): string {
  if (verdict.intact) return `Chain intact: ${verdict.count} entries, head ${verdict.head}`;
  const seqs = verdict.badEntries.map((bad) => bad.seq);
  const more = new Set(seqs).size > 1 ? ` (${badEntriesLine(seqs)})` : '';
  return `CHAIN BROKEN at entry ${verdict.firstBadSeq}: ${verdict.reason}${more}`;
}

export function renderJournalExport(format: JournalExportFormat, record: JournalRecord): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(
        {
          file: record.file,
          exportedAt: record.exportedAt,
          chain: record.verdict,
          sessions: record.sessions,
          entries: record.entries,
        },
        null,
        2,
      )}\n`;
    case 'md':
      return renderMarkdown(record);
    case 'csv':
      return renderCsv(record);
  }
}

/** Markdown table cells: no line breaks, no unescaped pipes. */
function mdCell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

function renderMarkdown(record: JournalRecord): string {
  const lines = [
    '# Break-Glass Runbook journal',
    '',
    `- File: \`${record.file}\``,
    `- Exported: ${record.exportedAt}`,
    `- ${chainVerdictLine(record.verdict)}`,
    `- Sessions: ${record.sessions.length}; entries: ${record.entries.length}`,
    '',
  ];
  const bySession = new Map<string, JournalEntry[]>();
  for (const entry of record.entries) {
    const list = bySession.get(entry.sessionId) ?? [];
    list.push(entry);
    bySession.set(entry.sessionId, list);
  }
  for (const session of record.sessions) {
    lines.push(`## ${mdCell(session.title)} (${session.kind})`, '');
    lines.push(
      `- Opened ${session.openedAt} by ${mdCell(session.openedBy)}${session.witness ? `, witness ${mdCell(session.witness)}` : ''}`,
    );
    lines.push(
      session.closedAt
        ? `- Closed ${session.closedAt} by ${mdCell(session.closedBy ?? '')}${session.classification ? `, classified as ${session.classification}` : ''}`
        : '- Still open',
    );
    lines.push('', '| # | Time (UTC) | Who | Kind | What happened | Graph request ids |', '|---|---|---|---|---|---|');
    for (const entry of bySession.get(session.id) ?? []) {
      const who = entry.witness ? `${entry.actor} (witness ${entry.witness})` : entry.actor;
      lines.push(
        `| ${entry.seq} | ${entry.at} | ${mdCell(who)} | ${entry.kind} | ${mdCell(entry.summary)} | ${(entry.graphRequestIds ?? []).join(', ')} |`,
      );
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

const csvColumns = [
  'seq',
  'at',
  'session_id',
  'session_title',
  'actor',
  'witness',
  'kind',
  'step_id',
  'summary',
  'graph_request_ids',
  'data',
  'prev_hash',
  'hash',
] as const;

/**
 * RFC 4180 quoting, plus a leading apostrophe on cells a spreadsheet would run as a formula
 * (OWASP "CSV injection"): an auditor opening the export must not execute journal text.
 */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function renderCsv(record: JournalRecord): string {
  const titles = new Map(record.sessions.map((session) => [session.id, session.title]));
  const rows = [
    `# ${chainVerdictLine(record.verdict)}; exported ${record.exportedAt} from ${record.file}`,
    csvColumns.join(','),
    ...record.entries.map((entry) =>
      [
        String(entry.seq),
        entry.at,
        entry.sessionId,
        titles.get(entry.sessionId) ?? '',
        entry.actor,
        entry.witness ?? '',
        entry.kind,
        entry.stepId ?? '',
        entry.summary,
        (entry.graphRequestIds ?? []).join(' '),
        JSON.stringify(entry.data),
        entry.prevHash,
        entry.hash,
      ]
        .map(csvCell)
        .join(','),
    ),
  ];
  return `${rows.join('\r\n')}\r\n`;
}

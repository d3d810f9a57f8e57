/**
 * A readiness run written out for people and for the tools they already run: a terminal table,
 * the JSON of the CLI contract (docs/domain.md, "The `breakglass` command") (`{ checks: [{ id, status, subject, title, evidence,
 * remediation }], summary }`), Markdown, JUnit XML (one testcase per result: fail is a
 * failure, indeterminate an error, warn a passing testcase whose system-out says WARN – so a
 * warning does not break a pipeline but stays visible) and SARIF 2.1.0 for code-scanning views.
 */
import { checkCatalogue } from './catalogue.ts';
import { overallStatus, subjectKey, subjectLabel, summarize, type CheckResult, type CheckStatus } from './model.ts';

export const reportFormats = ['table', 'json', 'md', 'junit', 'sarif'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export type ReadinessReport = {
  readonly tenantId: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly results: readonly CheckResult[];
  /** The journal's chain head after the run was recorded, printed on the JSON, table and Markdown reports (docs/domain.md, "The `breakglass` command"). */
  readonly journalHead?: string;
};

const statusLabel: Record<CheckStatus, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', indeterminate: 'UNKNOWN' };

export function reportJson(report: ReadinessReport): string {
  return `${JSON.stringify(
    {
      tenantId: report.tenantId,
      startedAt: report.startedAt,
      finishedAt: report.finishedAt,
      verdict: overallStatus(report.results),
      ...(report.journalHead ? { journalHead: report.journalHead } : {}),
      checks: report.results.map((r) => ({
        id: r.id,
        status: r.status,
        subject: r.subject,
        title: r.title,
        evidence: r.evidence,
        remediation: r.remediation,
      })),
      summary: summarize(report.results),
    },
    null,
    2,
  )}\n`;
}

export function reportTable(report: ReadinessReport): string {
  const rows = report.results.map((r) => [statusLabel[r.status], r.id, subjectLabel(r.subject), r.title]);
  const widths = [7, 10, Math.min(44, Math.max(7, ...rows.map((row) => row[2]!.length)))];
  const pad = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));
  const lines = [`${pad('STATUS', widths[0]!)}  ${pad('CHECK', widths[1]!)}  ${pad('SUBJECT', widths[2]!)}  FINDING`];
  for (const row of rows) lines.push(`${pad(row[0]!, widths[0]!)}  ${pad(row[1]!, widths[1]!)}  ${pad(row[2]!, widths[2]!)}  ${row[3]}`);
  const s = summarize(report.results);
  lines.push(
    '',
    `Verdict: ${statusLabel[overallStatus(report.results)]} – ${s.pass} pass, ${s.warn} warn, ${s.fail} fail, ${s.indeterminate} could not be checked.`,
  );
  const todo = report.results.filter((r) => r.status !== 'pass');
  if (todo.length > 0) {
    lines.push('', 'What to do:');
    for (const r of todo) lines.push(`  ${r.id} ${subjectLabel(r.subject)}: ${r.remediation}`);
  }
  if (report.journalHead) lines.push('', `Journal chain head: ${report.journalHead}`);
  return `${lines.join('\n')}\n`;
}

const mdEscape = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function reportMarkdown(report: ReadinessReport): string {
  const s = summarize(report.results);
  const lines = [
    `# Break-glass readiness: ${statusLabel[overallStatus(report.results)]}`,
    '',
    `Tenant ${report.tenantId}, checked ${report.finishedAt}. ${s.pass} pass, ${s.warn} warn, ${s.fail} fail, ${s.indeterminate} could not be checked.`,
    ...(report.journalHead ? ['', `Journal chain head: \`${report.journalHead}\``] : []),
    '',
    '| Status | Check | Subject | Finding |',
    '|---|---|---|---|',
    ...report.results.map((r) => `| ${statusLabel[r.status]} | ${r.id} | ${mdEscape(subjectLabel(r.subject))} | ${mdEscape(r.title)} |`),
  ];
  const todo = report.results.filter((r) => r.status !== 'pass');
  if (todo.length > 0) {
    lines.push('', '## What to do', '');
    for (const r of todo) {
      lines.push(
        `### ${r.id} – ${mdEscape(subjectLabel(r.subject))}`,
        '',
        r.title,
        '',
        ...r.evidence.map((e) => `- ${mdEscape(e)}`),
        '',
        `**Fix:** ${r.remediation}`,
        '',
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

const xml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

export function reportJunit(report: ReadinessReport): string {
  const s = summarize(report.results);
  const cases = report.results.map((r) => {
    const name = xml(`${r.id} ${subjectLabel(r.subject)}`);
    const detail = xml([r.title, ...r.evidence, r.remediation ? `Fix: ${r.remediation}` : ''].filter(Boolean).join('\n'));
    const open = `    <testcase classname="breakglass.${r.id}" name="${name}">`;
    if (r.status === 'fail') return `${open}\n      <failure type="fail" message="${xml(r.title)}">${detail}</failure>\n    </testcase>`;
    if (r.status === 'indeterminate')
      return `${open}\n      <error type="indeterminate" message="${xml(r.title)}">${detail}</error>\n    </testcase>`;
    if (r.status === 'warn') return `${open}\n      <system-out>WARN: ${detail}</system-out>\n    </testcase>`;
    return `${open}</testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="Break-glass readiness" tests="${report.results.length}" failures="${s.fail}" errors="${s.indeterminate}">`,
    `  <testsuite name="breakglass ${xml(report.tenantId)}" tests="${report.results.length}" failures="${s.fail}" errors="${s.indeterminate}" skipped="0" timestamp="${xml(report.finishedAt.replace(/Z$/, ''))}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

const sarifLevel: Record<CheckStatus, 'none' | 'note' | 'warning' | 'error'> = {
  pass: 'none',
  warn: 'warning',
  fail: 'error',
  indeterminate: 'note',
};

/**
 * SARIF 2.1.0 §3.33 logicalLocation: the subject, and for a policy × account finding the account
 * too, each with its own kind; the first names the pair, so a result is one per rule per location.
 */
function logicalLocations(tenantId: string, r: CheckResult) {
  const subject = { name: subjectLabel(r.subject), fullyQualifiedName: `${tenantId}/${subjectKey(r.subject)}`, kind: r.subject.kind };
  if (!r.subject.account) return [subject];
  return [subject, { name: r.subject.account.name, fullyQualifiedName: `${tenantId}/account/${r.subject.account.id}`, kind: 'account' }];
}

export function reportSarif(report: ReadinessReport, toolVersion: string): string {
  const ids = [...new Set(report.results.map((r) => r.id))];
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Break-Glass Runbook',
            version: toolVersion,
            informationUri: 'https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access',
            rules: ids.map((id) => ({
              id,
              name: id.replace(/-/g, ''),
              shortDescription: { text: checkCatalogue[id].title },
              fullDescription: { text: checkCatalogue[id].requirement },
            })),
          },
        },
        invocations: [{ executionSuccessful: true, startTimeUtc: report.startedAt, endTimeUtc: report.finishedAt }],
        results: report.results
          .filter((r) => r.status !== 'pass')
          .map((r) => ({
            ruleId: r.id,
            ruleIndex: ids.indexOf(r.id),
            level: sarifLevel[r.status],
            kind: r.status === 'indeterminate' ? 'review' : 'fail',
            message: { text: `${r.title}${r.remediation ? ` Fix: ${r.remediation}` : ''}` },
            locations: [{ logicalLocations: logicalLocations(report.tenantId, r) }],
            properties: { status: r.status, evidence: r.evidence },
          })),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

export function formatReport(report: ReadinessReport, format: ReportFormat, toolVersion: string): string {
  switch (format) {
    case 'json':
      return reportJson(report);
    case 'md':
      return reportMarkdown(report);
    case 'junit':
      return reportJunit(report);
    case 'sarif':
      return reportSarif(report, toolVersion);
    case 'table':
      return reportTable(report);
  }
}

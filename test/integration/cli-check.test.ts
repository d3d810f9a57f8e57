/**
 * `breakglass check` (docs/domain.md, "The `breakglass` command"): on the demo tenant it finds exactly the planted
 * problems, every format is well-formed, the exit codes are as specified, and a run recorded
 * with --journal is in the journal with its chain head on the report.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const config = 'assets/demo-tenant.config.json';
const seed = 'assets/demo-tenant.seed.json';

type JsonReport = {
  checks: Array<{
    id: string;
    status: string;
    subject: { kind: string; id: string; name: string; account?: { id: string; name: string } };
    title: string;
    evidence: string[];
    remediation: string;
  }>;
  summary: Record<string, number>;
  journalHead?: string;
};

function check(args: string[]) {
  return runCli(['check', '--config', config, '--sim', seed, ...args]);
}

describe('breakglass check on the demo tenant', () => {
  const dir = tempDir();
  const journal = join(dir, 'journal.sqlite3');
  // A new journal: it holds no drill or review yet.
  const json = check(['--format', 'json', '--journal', journal]);
  const report = JSON.parse(json.stdout) as JsonReport;

  test('finds exactly the planted problems – and nothing else fails', () => {
    assert.equal(json.status, 1, 'exit 1: something failed');
    const subject = (c: JsonReport['checks'][number]) =>
      c.subject.kind === 'journal' ? 'the journal' : c.subject.account ? `${c.subject.name} × ${c.subject.account.name}` : c.subject.name;
    const notPassing = report.checks
      .filter((c) => c.status !== 'pass')
      .map((c) => `${c.id} ${c.status} ${subject(c)}`)
      .sort();
    assert.deepEqual(notPassing, [
      'BG-APP-04 fail Break-Glass Emergency Access App',
      'BG-CA-01 fail CA210-Internals-DataProtection-Office365-AnyPlatform-CompliantDevice × breakglass2@contosodrill.onmicrosoft.com',
      'BG-CA-02 warn CA106-Admins-BaseProtection-AnyApp-AnyPlatform-CompliantDevice × breakglass1@contosodrill.onmicrosoft.com',
      'BG-CA-02 warn CA106-Admins-BaseProtection-AnyApp-AnyPlatform-CompliantDevice × breakglass2@contosodrill.onmicrosoft.com',
      'BG-CA-04 warn CA001-Global-AttackSurfaceReduction-AnyApp-AnyPlatform-BLOCK-CountryWhitelist',
      'BG-MON-02 fail breakglass2@contosodrill.onmicrosoft.com',
      'BG-MON-04 fail Action groups of the break-glass alert rules',
      // The journal is new: no drill or review is recorded in it yet.
      'BG-REV-01 warn the journal',
      'BG-USR-05 warn breakglass2@contosodrill.onmicrosoft.com',
    ]);
    assert.ok(
      report.checks.every((c) => c.status === 'pass' || (c.evidence.length > 0 && c.remediation.length > 0)),
      'every finding has evidence and a fix',
    );
  });

  test('each BG-CA-01/02 finding names the policy and the account in its subject: one entry per check id per subject', () => {
    const findings = report.checks.filter((c) => (c.id === 'BG-CA-01' || c.id === 'BG-CA-02') && c.status !== 'pass');
    assert.ok(findings.length >= 3);
    for (const c of findings) {
      assert.equal(c.subject.kind, 'policy');
      assert.match(c.subject.id, /^[0-9a-f-]{36}$/);
      assert.match(c.subject.account?.id ?? '', /^[0-9a-f-]{36}$/, `${c.id} ${c.subject.name} names the account's id`);
      assert.match(c.subject.account?.name ?? '', /@contosodrill\.onmicrosoft\.com$/);
    }
    const keys = report.checks.map((c) => `${c.id} ${c.subject.kind}/${c.subject.id}/${c.subject.account?.id ?? ''}`);
    assert.deepEqual(
      keys.filter((key, i) => keys.indexOf(key) !== i),
      [],
      'no two entries share a check id and a subject',
    );
  });

  test('the JSON has the contract’s shape: checks with id, status, subject, title, evidence, remediation; and the summary', () => {
    for (const c of report.checks) {
      assert.match(c.id, /^BG-[A-Z]+-\d\d$/);
      assert.ok(['pass', 'warn', 'fail', 'indeterminate'].includes(c.status));
      assert.ok(c.subject.id && c.subject.name && c.title);
    }
    const counted = { pass: 0, warn: 0, fail: 0, indeterminate: 0 } as Record<string, number>;
    for (const c of report.checks) counted[c.status]! += 1;
    assert.deepEqual(report.summary, counted);
  });

  test('the run is in the journal, whose chain head the report prints', () => {
    assert.match(report.journalHead ?? '', /^[0-9a-f]{64}$/);
    const verify = runCli(['journal', 'verify', journal, '--expect-head', report.journalHead!]);
    assert.equal(verify.status, 0, verify.stdout + verify.stderr);
    const exported = runCli(['journal', 'export', journal, '--format', 'json']);
    assert.match(exported.stdout, /"kind": "check-result"/);
    assert.match(exported.stdout, /BG-CA-01 FAIL/);
  });

  test('table, Markdown, JUnit and SARIF are well-formed', () => {
    const table = check([]);
    assert.equal(table.status, 1);
    assert.match(table.stdout, /^STATUS\s+CHECK\s+SUBJECT\s+FINDING/);
    assert.match(table.stdout, /Verdict: FAIL/);

    const md = check(['--format', 'md']);
    assert.match(md.stdout, /^# Break-glass readiness: FAIL/);
    assert.match(md.stdout, /\| Status \| Check \| Subject \| Finding \|/);

    const junit = check(['--format', 'junit']);
    assert.match(junit.stdout, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    const cases = junit.stdout.match(/<testcase /g)?.length ?? 0;
    assert.equal(cases, report.checks.length);
    assert.equal(junit.stdout.match(/<failure /g)?.length, report.summary['fail']);
    assert.equal(junit.stdout.split('<testcase').length - 1, junit.stdout.split('</testcase>').length - 1, 'every testcase is closed');
    assert.doesNotMatch(junit.stdout.replace(/&(amp|lt|gt|quot|apos);/g, ''), /&/, 'no unescaped ampersand');

    const sarif = JSON.parse(check(['--format', 'sarif']).stdout) as {
      version: string;
      runs: Array<{
        tool: { driver: { name: string; rules: Array<{ id: string }> } };
        results: Array<{
          ruleId: string;
          level: string;
          message: { text: string };
          ruleIndex: number;
          locations: Array<{ logicalLocations: Array<{ kind: string; name: string; fullyQualifiedName: string }> }>;
        }>;
      }>;
    };
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0]!;
    assert.equal(run.tool.driver.name, 'Break-Glass Runbook');
    assert.equal(run.results.length, report.checks.filter((c) => c.status !== 'pass').length);
    for (const result of run.results) {
      assert.ok(['error', 'warning', 'note'].includes(result.level));
      assert.equal(run.tool.driver.rules[result.ruleIndex]?.id, result.ruleId, 'ruleIndex points at its rule');
      assert.ok(result.message.text.length > 0);
    }
    const lockOut = run.results.find((r) => r.ruleId === 'BG-CA-01')!;
    assert.deepEqual(
      lockOut.locations[0]!.logicalLocations.map((l) => `${l.kind}:${l.name}`),
      [
        'policy:CA210-Internals-DataProtection-Office365-AnyPlatform-CompliantDevice × breakglass2@contosodrill.onmicrosoft.com',
        'account:breakglass2@contosodrill.onmicrosoft.com',
      ],
    );
    assert.match(
      junit.stdout,
      /name="BG-CA-02 CA106-Admins-BaseProtection-AnyApp-AnyPlatform-CompliantDevice × breakglass1@contosodrill\.onmicrosoft\.com"/,
    );
  });

  test('--out writes the report to a file and says so', () => {
    const out = join(dir, 'reports', 'readiness.json');
    const result = check(['--format', 'json', '--out', out]);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, new RegExp(`Report: ${out.replace(/[.\\/]/g, '\\$&')}`));
    assert.equal((JSON.parse(readFileSync(out, 'utf8')) as JsonReport).checks.length, report.checks.length);
  });
});

describe('breakglass check: bad input', () => {
  test('a malformed config exits 2 naming the file and the problem', () => {
    const bad = join(tempDir(), 'breakglass.config.json');
    writeFileSync(bad, JSON.stringify({ tenantId: 'not-a-guid', accounts: [] }));
    const result = runCli(['check', '--config', bad, '--sim', seed]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, new RegExp(`${bad.replace(/[.\\/]/g, '\\$&')}.*\\$\\.tenantId: must be a GUID`));
  });

  test('no --config, an unknown --format, or a seed for another tenant: exit 2 with the next step', () => {
    const missing = runCli(['check']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /needs --config FILE/);
    const format = check(['--format', 'pdf']);
    assert.equal(format.status, 2);
    assert.match(format.stderr, /--format must be one of table, json, md, junit, sarif/);
    const other = join(tempDir(), 'other.config.json');
    writeFileSync(other, JSON.stringify({ tenantId: '00000000-0000-4000-8000-000000000001', accounts: [] }));
    const mismatch = runCli(['check', '--config', other, '--sim', seed]);
    assert.equal(mismatch.status, 2);
    assert.match(mismatch.stderr, /is for tenant 00000000-0000-4000-8000-000000000001, but the simulated tenant/);
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import type { CheckResult } from '../../src/core/checks/model.ts';
import { checkMonitoring } from '../../src/core/checks/monitoring.ts';
import { breakGlassAlertQueries } from '../../src/core/kql/alert-queries.ts';
import type {
  ActionGroup,
  DiagnosticSetting,
  MonitoringSnapshot,
  ScheduledQueryRule,
  TenantSnapshot,
} from '../../src/core/checks/snapshot.ts';
import { app, bg1, bg2, context, ok, readySnapshot, testInventory, unreadable, workspaceId } from '../helpers/check-snapshot.ts';
import { assertPlainInView } from '../helpers/check-words.ts';

const subjects = {
  diagnostics: { kind: 'monitoring', id: 'microsoft.aadiam/diagnosticSettings', name: 'Entra diagnostic settings' },
  bg1: { kind: 'account', id: bg1.id, name: bg1.userPrincipalName },
  bg2: { kind: 'account', id: bg2.id, name: bg2.userPrincipalName },
  app: { kind: 'app', id: app.appId, name: 'Break-glass app' },
  actionGroups: { kind: 'monitoring', id: 'break-glass-action-groups', name: 'Action groups of the break-glass alert rules' },
};

/** What the ready tenant has, to change one piece of it. */
function readyRules(): readonly ScheduledQueryRule[] {
  const part = readySnapshot().monitoring.scheduledQueryRules;
  assert.ok(part.ok);
  return part.value;
}

function readySettings(): readonly DiagnosticSetting[] {
  const part = readySnapshot().monitoring.diagnosticSettings;
  assert.ok(part.ok);
  return part.value;
}

function readyGroup(): ActionGroup {
  const part = readySnapshot().monitoring.actionGroups;
  assert.ok(part.ok && part.value[0]);
  return part.value[0];
}

function withMonitoring(change: Partial<MonitoringSnapshot>): TenantSnapshot {
  const snapshot = readySnapshot();
  return { ...snapshot, monitoring: { ...snapshot.monitoring, ...change } };
}

/** The ready rules with the one named changed. */
function withRule(
  name: 'sev0-breakglass-accounts' | 'sev0-breakglass-app',
  change: (properties: ScheduledQueryRule['properties']) => Partial<ScheduledQueryRule['properties']> | undefined,
): TenantSnapshot {
  const rules = readyRules().flatMap((rule) => {
    if (rule.name !== name) return [rule];
    const properties = change(rule.properties);
    return properties ? [{ ...rule, properties: { ...rule.properties, ...properties } }] : [];
  });
  return withMonitoring({ scheduledQueryRules: ok(rules) });
}

const withQuery = (name: 'sev0-breakglass-accounts' | 'sev0-breakglass-app', query: string) =>
  withRule(name, () => ({ criteria: { allOf: [{ query }] } }));

function withGroup(properties: Partial<ActionGroup['properties']>, id = readyGroup().id): TenantSnapshot {
  const group = readyGroup();
  return withMonitoring({ actionGroups: ok([{ ...group, id, properties: { enabled: true, ...properties } }]) });
}

function withLogs(categories: string[]): TenantSnapshot {
  const [setting] = readySettings();
  return withMonitoring({
    diagnosticSettings: ok([
      { ...setting!, properties: { ...setting!.properties, logs: categories.map((category) => ({ category, enabled: true })) } },
    ]),
  });
}

function results(snapshot: TenantSnapshot): CheckResult[] {
  const all = checkMonitoring(context(snapshot));
  assertPlainInView(all);
  for (const check of all) {
    assert.ok(check.evidence.length > 0, `${check.id} has evidence`);
    if (check.status !== 'pass') assert.ok(check.remediation.length > 0, `${check.id} says what to do`);
  }
  return all;
}

/** [id, subject id, status] of every result, in order. */
const verdicts = (snapshot: TenantSnapshot) => results(snapshot).map((r) => [r.id, r.subject.id, r.status]);

function only(snapshot: TenantSnapshot, id: string, subjectId?: string): CheckResult {
  const matching = results(snapshot).filter((r) => r.id === id && (!subjectId || r.subject.id === subjectId));
  assert.equal(matching.length, 1, `exactly one ${id} ${subjectId ?? ''}`);
  return matching[0]!;
}

const mentioned = (check: CheckResult, text: string | RegExp) =>
  assert.ok(
    check.evidence.some((e) => (typeof text === 'string' ? e.includes(text) : text.test(e))),
    `evidence of ${check.id} mentions ${String(text)}: ${check.evidence.join(' | ')}`,
  );

describe('checkMonitoring: the break-glass sign-in alert (BG-MON-01…04)', () => {
  test('a ready tenant passes: logs reach the workspace, both accounts and the app are alerted on, someone outside is told', () => {
    const all = results(readySnapshot());
    assert.deepEqual(
      all.map((r) => [r.id, r.status]),
      [
        ['BG-MON-01', 'pass'],
        ['BG-MON-02', 'pass'],
        ['BG-MON-02', 'pass'],
        ['BG-MON-03', 'pass'],
        ['BG-MON-04', 'pass'],
      ],
    );
    assert.deepEqual(
      all.map((r) => r.subject),
      [subjects.diagnostics, subjects.bg1, subjects.bg2, subjects.app, subjects.actionGroups],
    );
    assert.ok(all.every((r) => r.remediation === ''));
  });

  const unconfigured: [string, { subscriptionIds: string[] } | undefined][] = [
    ['no monitoring section', undefined],
    ['an empty subscription list', { subscriptionIds: [] }],
  ];
  for (const [label, monitoring] of unconfigured) {
    test(`no subscription configured (${label}): every monitoring check is indeterminate, none passes`, () => {
      const snapshot = { ...readySnapshot(), inventory: testInventory({ monitoring }) };
      assert.deepEqual(verdicts(snapshot), [
        ['BG-MON-01', subjects.diagnostics.id, 'indeterminate'],
        ['BG-MON-02', bg1.id, 'indeterminate'],
        ['BG-MON-02', bg2.id, 'indeterminate'],
        ['BG-MON-03', app.appId, 'indeterminate'],
        ['BG-MON-04', subjects.actionGroups.id, 'indeterminate'],
      ]);
      for (const check of results(snapshot)) mentioned(check, 'no subscription configured');
    });
  }

  test('diagnostic settings unreadable: every monitoring check is indeterminate with the reason', () => {
    const snapshot = withMonitoring({ diagnosticSettings: unreadable('AuthorizationFailed: no Reader on the tenant root') });
    for (const check of results(snapshot)) {
      assert.equal(check.status, 'indeterminate');
      mentioned(check, 'AuthorizationFailed');
    }
  });

  test('diagnostic settings refused (403): BG-MON-01 names the Azure role assignment to create at /providers/Microsoft.aadiam, with the command', () => {
    const snapshot = withMonitoring({
      diagnosticSettings: unreadable(
        "Azure Resource Manager refused GET /providers/microsoft.aadiam/diagnosticSettings (HTTP 403, AuthorizationFailed): The client 'x' …",
      ),
    });
    const check = only(snapshot, 'BG-MON-01');
    assert.equal(check.status, 'indeterminate');
    assert.match(check.title, /no Azure role at \/providers\/Microsoft\.aadiam/);
    assert.ok(
      check.remediation.includes(
        'az role assignment create --assignee d0000000-0000-4000-8000-000000000002 --role "Reader" --scope "/providers/Microsoft.aadiam"',
      ),
    );
    mentioned(check, 'AuthorizationFailed');
  });

  describe('BG-MON-01 diagnostic settings', () => {
    test('SignInLogs not sent to the workspace fails, and the account alerts cannot fire', () => {
      const snapshot = withLogs(['NonInteractiveUserSignInLogs', 'ServicePrincipalSignInLogs', 'AuditLogs']);
      const check = only(snapshot, 'BG-MON-01');
      assert.equal(check.status, 'fail');
      assert.match(check.title, /SignInLogs/);
      assert.doesNotMatch(check.title, /ServicePrincipalSignInLogs|NonInteractive/);
      assert.equal(only(snapshot, 'BG-MON-02', bg1.id).status, 'fail');
      assert.equal(only(snapshot, 'BG-MON-03').status, 'pass');
    });

    test('service-principal sign-ins not sent fails and names that category', () => {
      const check = only(withLogs(['SignInLogs', 'NonInteractiveUserSignInLogs']), 'BG-MON-01');
      assert.equal(check.status, 'fail');
      mentioned(check, 'Not sent to any Log Analytics workspace: ServicePrincipalSignInLogs');
    });

    test('a setting with every category but no workspace (storage only) fails', () => {
      const [setting] = readySettings();
      const check = only(
        withMonitoring({ diagnosticSettings: ok([{ ...setting!, properties: { ...setting!.properties, workspaceId: '' } }]) }),
        'BG-MON-01',
      );
      assert.equal(check.status, 'fail');
      mentioned(check, 'no Log Analytics workspace');
    });
  });

  describe('BG-MON-02 account sign-in alert', () => {
    test('a rule that names only bg1 fails for bg2 alone', () => {
      const snapshot = withQuery('sev0-breakglass-accounts', `SigninLogs | where UserId == "${bg1.id}"`);
      assert.equal(only(snapshot, 'BG-MON-02', bg1.id).status, 'pass');
      const bg2Check = only(snapshot, 'BG-MON-02', bg2.id);
      assert.equal(bg2Check.status, 'fail');
      assert.deepEqual(bg2Check.subject, subjects.bg2);
      assert.match(bg2Check.remediation, new RegExp(bg2.id));
    });

    test('a rule naming the accounts by UPN, in another case, covers them', () => {
      const snapshot = withQuery(
        'sev0-breakglass-accounts',
        `signinlogs | where UserPrincipalName in~ ("${bg1.userPrincipalName.toUpperCase()}", "${bg2.userPrincipalName}")`,
      );
      assert.deepEqual(
        results(snapshot)
          .filter((r) => r.id === 'BG-MON-02')
          .map((r) => r.status),
        ['pass', 'pass'],
      );
    });

    test('a disabled rule covers no one', () => {
      const snapshot = withRule('sev0-breakglass-accounts', () => ({ enabled: false }));
      for (const subjectId of [bg1.id, bg2.id]) {
        const check = only(snapshot, 'BG-MON-02', subjectId);
        assert.equal(check.status, 'fail');
        mentioned(check, /disabled/);
      }
    });

    test('a rule on a workspace that does not receive the sign-in logs covers no one', () => {
      const other = workspaceId.replace('law-secops', 'law-other');
      const check = only(
        withRule('sev0-breakglass-accounts', () => ({ scopes: [other] })),
        'BG-MON-02',
        bg1.id,
      );
      assert.equal(check.status, 'fail');
      mentioned(check, 'law-other');
    });

    test('the workspace id is compared case-insensitively (ARM casing varies)', () => {
      assert.equal(
        only(
          withRule('sev0-breakglass-accounts', () => ({ scopes: [workspaceId.toLowerCase()] })),
          'BG-MON-02',
          bg1.id,
        ).status,
        'pass',
      );
    });

    test('a rule on the service-principal table that names the accounts does not count as a SigninLogs alert', () => {
      const check = only(
        withQuery('sev0-breakglass-accounts', `AADServicePrincipalSignInLogs | where UserId in ("${bg1.id}", "${bg2.id}")`),
        'BG-MON-02',
        bg1.id,
      );
      assert.equal(check.status, 'fail');
      mentioned(check, 'does not read SigninLogs');
    });

    test('the alert queries this app generates satisfy BG-MON-02 and BG-MON-03', () => {
      const queries = breakGlassAlertQueries({ accounts: [bg1, bg2], app: { appId: app.appId } });
      const snapshot = withQuery('sev0-breakglass-accounts', queries.accounts);
      const rules = snapshot.monitoring.scheduledQueryRules;
      assert.ok(rules.ok);
      const generated = withMonitoring({
        scheduledQueryRules: ok(
          rules.value.map((r) =>
            r.name === 'sev0-breakglass-app'
              ? { ...r, properties: { ...r.properties, criteria: { allOf: [{ query: queries.app! }] } } }
              : r,
          ),
        ),
      });
      assert.deepEqual(
        verdicts(generated).map((v) => v[2]),
        ['pass', 'pass', 'pass', 'pass', 'pass'],
      );
    });

    test('rules unreadable: account, app and notification checks are indeterminate; the diagnostic check still passes', () => {
      assert.deepEqual(
        verdicts(withMonitoring({ scheduledQueryRules: unreadable('AuthorizationFailed') })).map((v) => v[2]),
        ['pass', 'indeterminate', 'indeterminate', 'indeterminate', 'indeterminate'],
      );
    });
  });

  describe('BG-MON-03 app sign-in alert', () => {
    test('no rule for the app fails while the account alerts still pass', () => {
      const snapshot = withRule('sev0-breakglass-app', () => undefined);
      const check = only(snapshot, 'BG-MON-03');
      assert.equal(check.status, 'fail');
      assert.deepEqual(check.subject, subjects.app);
      assert.match(check.remediation, /AADServicePrincipalSignInLogs/);
      assert.deepEqual(
        results(snapshot)
          .filter((r) => r.id === 'BG-MON-02')
          .map((r) => r.status),
        ['pass', 'pass'],
      );
    });

    test('a rule naming the service principal id covers the app', () => {
      assert.equal(
        only(
          withQuery('sev0-breakglass-app', `AADServicePrincipalSignInLogs | where ServicePrincipalId == "${app.servicePrincipalId}"`),
          'BG-MON-03',
        ).status,
        'pass',
      );
    });

    test('no app configured: there is no app alert to check', () => {
      const snapshot = { ...readySnapshot(), inventory: testInventory({ app: undefined }), app: undefined };
      assert.deepEqual(
        results(snapshot).map((r) => r.id),
        ['BG-MON-01', 'BG-MON-02', 'BG-MON-02', 'BG-MON-04'],
      );
    });
  });

  describe('BG-MON-04 who is notified', () => {
    test("an action group that only emails the tenant's own domain fails: nobody outside hears of it", () => {
      const check = only(
        withGroup({
          emailReceivers: [
            { name: 'IT', emailAddress: 'it@drilltest.example', status: 'Enabled' },
            { name: 'Sec', emailAddress: 'sec@alerts.DRILLTEST.example' },
          ],
        }),
        'BG-MON-04',
      );
      assert.equal(check.status, 'fail');
      assert.deepEqual(check.subject, subjects.actionGroups);
      mentioned(check, 'inside the tenant – email it@drilltest.example, email sec@alerts.DRILLTEST.example');
    });

    test('email inside the tenant plus an SMS warns: the email is useless when the tenant is down', () => {
      const check = only(
        withGroup({
          emailReceivers: [{ name: 'IT', emailAddress: 'it@drilltest.onmicrosoft.com', status: 'Enabled' }],
          smsReceivers: [{ name: 'On-call', status: 'Enabled' }],
        }),
        'BG-MON-04',
      );
      assert.equal(check.status, 'warn');
      mentioned(check, 'it@drilltest.onmicrosoft.com');
    });

    test('a disabled action group fails', () => {
      const group = readyGroup();
      const check = only(withGroup({ ...group.properties, enabled: false }), 'BG-MON-04');
      assert.equal(check.status, 'fail');
      mentioned(check, /disabled/);
    });

    test('a disabled SMS receiver does not count', () => {
      const check = only(
        withGroup({
          smsReceivers: [{ name: 'On-call', status: 'Disabled' }],
          emailReceivers: [{ name: 'IT', emailAddress: 'it@drilltest.example' }],
        }),
        'BG-MON-04',
      );
      assert.equal(check.status, 'fail');
      mentioned(check, /not counted – SMS "On-call"/);
    });

    test('the action group id is matched case-insensitively (actiongroups vs actionGroups)', () => {
      assert.equal(only(withGroup(readyGroup().properties, readyGroup().id.toUpperCase()), 'BG-MON-04').status, 'pass');
    });

    test('a webhook alone reaches outside the tenant', () => {
      assert.equal(
        only(withGroup({ webhookReceivers: [{ name: 'Pager', serviceUri: 'https://events.pager.example/integration/abc' }] }), 'BG-MON-04')
          .status,
        'pass',
      );
    });

    test('an action group in a subscription that is not configured is indeterminate, not a pass', () => {
      const check = only(withMonitoring({ actionGroups: ok([]) }), 'BG-MON-04');
      assert.equal(check.status, 'indeterminate');
      mentioned(check, /not found/);
    });

    test('action groups unreadable: indeterminate', () => {
      assert.equal(only(withMonitoring({ actionGroups: unreadable('AuthorizationFailed') }), 'BG-MON-04').status, 'indeterminate');
    });

    test('tenant domains unreadable and only email receivers: indeterminate', () => {
      const snapshot = withGroup({ emailReceivers: [{ name: 'SOC', emailAddress: 'soc@partner-soc.example' }] });
      assert.equal(only({ ...snapshot, domains: unreadable('Graph error 503') }, 'BG-MON-04').status, 'indeterminate');
    });

    test('no enabled rule covers any sign-in: nobody is notified, fail', () => {
      const snapshot = withMonitoring({
        scheduledQueryRules: ok(readyRules().map((r) => ({ ...r, properties: { ...r.properties, enabled: false } }))),
      });
      assert.equal(only(snapshot, 'BG-MON-04').status, 'fail');
    });
  });
});

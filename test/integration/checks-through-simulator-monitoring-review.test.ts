/**
 * The check catalogue end to end (docs/domain.md, "The catalogue"): monitoring read from
 * ARM (BG-MON) and the review date from the journal (BG-REV), each through the simulator on the demo tenant with one thing changed. The other
 * areas of the catalogue are in the other checks-through-simulator-*.test.ts files.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { Seed } from '../../src/sim/index.ts';
import { daysBefore, defineCheckCases, demo, fix, removeActiveRole, resultsOf, roles, type Change } from '../helpers/check-pipeline.ts';

// ——— Changes shared by several cases (one simulator run each) ———

const noMonitoringConfigured: Change = (_seed, inventory) => {
  delete inventory.monitoring;
};
const aadiamScope = '/providers/Microsoft.aadiam';
/** The reader keeps Azure Reader at /providers/Microsoft.aadiam (the diagnostic settings) but loses it on the subscription. */
const readerWithoutAzureReader: Change = (seed) => {
  seed.azure.roleAssignments = seed.azure.roleAssignments.filter(
    (a) => a.properties.principalId !== demo.reader.sp || a.properties.scope === aadiamScope,
  );
};
/** The reader keeps Reader on the subscription and its Entra role Security Reader, but loses Reader at /providers/Microsoft.aadiam. */
const readerWithoutAadiamReader: Change = (seed) => {
  seed.azure.roleAssignments = seed.azure.roleAssignments.filter(
    (a) => a.properties.principalId !== demo.reader.sp || a.properties.scope !== aadiamScope,
  );
};
/** The reader loses Security Reader: an Entra role does not open the diagnostic settings to an app anyway. */
const readerWithoutSecurityReader: Change = (seed) => removeActiveRole(seed, demo.reader.sp, roles.securityReader);
const ruleNamed = (seed: Seed, name: string) => seed.azure.scheduledQueryRules.find((r) => r.name === name)!;
const noSubscription = /no subscription configured/;
const rulesRefused = /refused GET \/subscriptions\/.*scheduledQueryRules.*AuthorizationFailed/;

describe('monitoring: BG-MON-01 … 04', () => {
  defineCheckCases([
    { id: 'BG-MON-01', status: 'pass', when: 'the diagnostic setting sends all three sign-in logs to the workspace' },
    {
      id: 'BG-MON-01',
      status: 'pass',
      when: 'the reader lacks Azure Reader on the subscription (its grant at /providers/Microsoft.aadiam reads the settings)',
      change: readerWithoutAzureReader,
    },
    {
      id: 'BG-MON-01',
      status: 'pass',
      when: 'the reader loses Security Reader (an Entra role does not open the settings to an app)',
      change: readerWithoutSecurityReader,
    },
    {
      id: 'BG-MON-01',
      status: 'fail',
      when: 'ServicePrincipalSignInLogs is switched off',
      because: /Not sent to a Log Analytics workspace: ServicePrincipalSignInLogs/,
      change: (seed) =>
        void (seed.azure.diagnosticSettings[0]!.properties.logs!.find((l) => l.category === 'ServicePrincipalSignInLogs')!.enabled = false),
    },
    {
      id: 'BG-MON-01',
      status: 'fail',
      when: 'the tenant has no diagnostic setting',
      change: (seed) => void (seed.azure.diagnosticSettings = []),
    },
    {
      id: 'BG-MON-01',
      status: 'indeterminate',
      when: 'the inventory names no subscription',
      because: noSubscription,
      change: noMonitoringConfigured,
    },
    {
      id: 'BG-MON-01',
      status: 'indeterminate',
      when: 'the reader lacks Azure Reader at /providers/Microsoft.aadiam, whatever its Entra role and subscription grant',
      because: /no Azure role at \/providers\/Microsoft\.aadiam[^]*microsoft\.aadiam.*AuthorizationFailed/,
      change: readerWithoutAadiamReader,
    },

    { id: 'BG-MON-02', status: 'pass', when: 'the account rule names both accounts', change: fix.accountRule },
    { id: 'BG-MON-02', status: 'fail', when: 'the account rule names breakglass1 only', subject: /breakglass2@/ },
    {
      id: 'BG-MON-02',
      status: 'fail',
      when: 'the account rule is disabled',
      subject: /breakglass1@/,
      because: /it is disabled/,
      change: (seed) => void (ruleNamed(seed, 'sev0-breakglass-account-signin').properties.enabled = false),
    },
    {
      id: 'BG-MON-02',
      status: 'indeterminate',
      when: 'the inventory names no subscription',
      because: noSubscription,
      change: noMonitoringConfigured,
    },
    {
      id: 'BG-MON-02',
      status: 'indeterminate',
      when: 'the reader lacks Azure Reader on the subscription',
      because: rulesRefused,
      change: readerWithoutAzureReader,
    },

    { id: 'BG-MON-03', status: 'pass', when: 'the app rule names the app' },
    {
      id: 'BG-MON-03',
      status: 'fail',
      when: 'the app rule is disabled',
      change: (seed) => void (ruleNamed(seed, 'sev0-breakglass-app-signin').properties.enabled = false),
    },
    {
      id: 'BG-MON-03',
      status: 'indeterminate',
      when: 'the inventory names no subscription',
      because: noSubscription,
      change: noMonitoringConfigured,
    },
    {
      id: 'BG-MON-03',
      status: 'indeterminate',
      when: 'the reader lacks Azure Reader on the subscription',
      because: rulesRefused,
      change: readerWithoutAzureReader,
    },

    {
      id: 'BG-MON-04',
      status: 'pass',
      when: 'the action group texts the on-call phone and mails outside the tenant',
      change: fix.actionGroup,
    },
    {
      id: 'BG-MON-04',
      status: 'warn',
      when: 'the action group texts the on-call phone but still mails two mailboxes inside the tenant',
      change: (seed) =>
        void (seed.azure.actionGroups[0]!.properties.smsReceivers = [
          { name: 'On-call phone', countryCode: '49', phoneNumber: '1701234567', status: 'Enabled' },
        ]),
    },
    { id: 'BG-MON-04', status: 'fail', when: 'the action group mails only mailboxes inside the tenant' },
    {
      id: 'BG-MON-04',
      status: 'fail',
      when: 'the action group is disabled',
      change: (seed) => void (seed.azure.actionGroups[0]!.properties.enabled = false),
    },
    {
      id: 'BG-MON-04',
      status: 'indeterminate',
      when: "the rules' action group lives in a subscription the inventory does not name",
      because: /not found in the configured subscriptions/,
      change: (seed) => {
        const elsewhere = {
          ...structuredClone(seed.azure.actionGroups[0]!),
          id: '/subscriptions/9b1d4f7e-2c8a-4e63-b5d0-7a3f1e9c6b24/resourceGroups/rg-soc/providers/microsoft.insights/actionGroups/ag-soc-paging',
          name: 'ag-soc-paging',
        };
        seed.azure.actionGroups.push(elsewhere);
        for (const rule of seed.azure.scheduledQueryRules)
          rule.properties.actions = { ...rule.properties.actions, actionGroups: [elsewhere.id] };
      },
    },
    {
      id: 'BG-MON-04',
      status: 'indeterminate',
      // A real answer: the rule names an action group of a subscription the seed (like the reader) does not hold.
      when: "the rules' only action group is in a subscription the seed does not hold",
      because: /ag-soc-paging was not found in the configured subscriptions/,
      change: (seed) => {
        for (const rule of seed.azure.scheduledQueryRules)
          rule.properties.actions = {
            ...rule.properties.actions,
            actionGroups: [
              '/subscriptions/9b1d4f7e-2c8a-4e63-b5d0-7a3f1e9c6b24/resourceGroups/rg-soc/providers/microsoft.insights/actionGroups/ag-soc-paging',
            ],
          };
      },
    },
    {
      id: 'BG-MON-04',
      status: 'indeterminate',
      when: 'the inventory names no subscription',
      because: noSubscription,
      change: noMonitoringConfigured,
    },
    {
      id: 'BG-MON-04',
      status: 'indeterminate',
      when: 'the reader lacks Azure Reader on the subscription',
      because: rulesRefused,
      change: readerWithoutAzureReader,
    },
  ]);
});

describe('review: BG-REV-01', () => {
  const review = (days: number) => ({ ok: true as const, value: { journal: 'test', lastReviewOrDrillAt: daysBefore(days) } });
  defineCheckCases([
    { id: 'BG-REV-01', status: 'pass', when: 'the last drill was 5 days ago' },
    { id: 'BG-REV-01', status: 'warn', when: 'the last drill was 100 days ago (beyond 90)', reviews: review(100) },
    {
      id: 'BG-REV-01',
      status: 'warn',
      when: 'the journal records no drill or review yet',
      reviews: { ok: true, value: { journal: 'test' } },
    },
    { id: 'BG-REV-01', status: 'fail', when: 'the last drill was 200 days ago (twice overdue)', reviews: review(200) },
    {
      id: 'BG-REV-01',
      status: 'indeterminate',
      when: 'the journal cannot be read',
      because: /no journal was given/,
      reviews: { ok: false, reason: 'no journal was given' },
    },
  ]);
});

describe('BG-MON-01 remediation through the simulator', () => {
  test('names the Azure role assignment to create for the reader app, with the az command', async () => {
    const check = (await resultsOf(readerWithoutAadiamReader)).find((r) => r.id === 'BG-MON-01');
    assert.ok(check);
    assert.ok(
      check.remediation.includes(
        `az role assignment create --assignee ${demo.reader.appId} --role "Reader" --scope "/providers/Microsoft.aadiam"`,
      ),
      check.remediation,
    );
  });
});

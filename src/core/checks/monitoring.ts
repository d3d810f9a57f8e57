/**
 * BG-MON-01…04: a break-glass sign-in must raise an alert that reaches someone even when the
 * tenant is down (docs/domain.md, "The catalogue"; Microsoft's recipe and the verification
 * algorithm in docs/microsoft-behaviour.md, "Log search alert rules"). All of it is read from Azure Resource Manager.
 *
 * Decisions the catalogue leaves open:
 * - BG-MON-01 asks for each of the three sign-in categories to reach *a* Log Analytics workspace;
 *   they may go to different ones. BG-MON-02 then looks for rules on a workspace that receives
 *   SignInLogs, BG-MON-03 on one that receives ServicePrincipalSignInLogs.
 * - A rule covers a target when it is enabled, scoped to such a workspace, and one of its queries
 *   reads the table (`SigninLogs` / `AADServicePrincipalSignInLogs`, as a whole word, so
 *   `AADServicePrincipalSignInLogs` is not mistaken for `SigninLogs`) and names the target's
 *   object id or UPN (appId or service-principal id for the app). Watchlist-based queries cannot
 *   be verified and do not count.
 * - BG-MON-03 has no subject, and is not reported, when no app is configured (BG-APP-01 fails).
 * - BG-MON-04 is one result over every covered target: `fail` when some covered target reaches
 *   nobody outside the tenant; `warn` when all do but some receivers are inside; `fail` too when
 *   no rule covers anything. Only SMS, voice, webhook and app-push receivers (enabled when they
 *   carry a status) and email outside the tenant's verified domains count as outside; other
 *   receiver kinds (Logic App, runbook, ITSM …) are not counted. An action group that cannot be
 *   found, or tenant domains that cannot be read, leave the verdict `indeterminate` unless a
 *   definite failure is already known.
 */
import { accountSubject } from './accounts.ts';
import { appSubject, cannotRead } from './app.ts';
import type { CheckContext } from './context.ts';
import { result, type CheckId, type CheckResult, type CheckSubject } from './model.ts';
import { sameId } from './pim.ts';
import type { ActionGroup, DiagnosticSetting, Domain, Readable, ScheduledQueryRule, TenantSnapshot } from './snapshot.ts';

const signInCategories = ['SignInLogs', 'NonInteractiveUserSignInLogs', 'ServicePrincipalSignInLogs'] as const;
const diagnosticSubject: CheckSubject = {
  kind: 'monitoring',
  id: 'microsoft.aadiam/diagnosticSettings',
  name: 'Entra diagnostic settings',
};
const actionGroupSubject: CheckSubject = {
  kind: 'monitoring',
  id: 'break-glass-action-groups',
  name: 'Action groups of the break-glass alert rules',
};

/** A sign-in that must raise an alert: one account (BG-MON-02) or the app (BG-MON-03). */
type AlertTarget = {
  readonly checkId: CheckId;
  readonly subject: CheckSubject;
  readonly label: string;
  /** Object id, UPN, appId, service-principal id – any of them in a query names the target. */
  readonly identifiers: readonly string[];
  readonly category: (typeof signInCategories)[number];
  readonly table: string;
  readonly exampleQuery: string;
};

export function checkMonitoring(context: CheckContext): CheckResult[] {
  const { snapshot } = context;
  const targets = alertTargets(snapshot);
  if ((snapshot.inventory.monitoring?.subscriptionIds ?? []).length === 0) {
    const unconfigured = (id: CheckId, subject: CheckSubject) =>
      result(
        id,
        'indeterminate',
        subject,
        'Monitoring not checked: no subscription configured',
        ['no subscription configured: breakglass.config.json names no Azure subscription under monitoring.subscriptionIds'],
        'Add the subscription that holds the Log Analytics workspace and the alert rules to `monitoring.subscriptionIds` in breakglass.config.json, give the reader app Reader on it, and run the checks again.',
      );
    return [
      unconfigured('BG-MON-01', diagnosticSubject),
      ...targets.map((t) => unconfigured(t.checkId, t.subject)),
      unconfigured('BG-MON-04', actionGroupSubject),
    ];
  }

  const { diagnosticSettings, scheduledQueryRules, actionGroups } = snapshot.monitoring;
  if (!diagnosticSettings.ok) {
    const unread = (id: CheckId, subject: CheckSubject) =>
      cannotRead(id, subject, 'the Entra diagnostic settings', diagnosticSettings.reason);
    return [
      diagnosticSettingsUnread(snapshot, diagnosticSettings.reason),
      ...targets.map((t) => unread(t.checkId, t.subject)),
      unread('BG-MON-04', actionGroupSubject),
    ];
  }
  const settings = diagnosticSettings.value;
  const results = [checkDiagnosticSettings(settings)];
  if (!scheduledQueryRules.ok) {
    const unread = (id: CheckId, subject: CheckSubject) =>
      cannotRead(id, subject, 'the scheduled query alert rules', scheduledQueryRules.reason);
    return [...results, ...targets.map((t) => unread(t.checkId, t.subject)), unread('BG-MON-04', actionGroupSubject)];
  }
  const coverages = targets.map((target) => coverageOf(target, scheduledQueryRules.value, settings));
  results.push(...coverages.map(coverageResult));
  results.push(checkNotifications(coverages, actionGroups, snapshot.domains));
  return results;
}

function alertTargets(snapshot: TenantSnapshot): AlertTarget[] {
  const accounts = snapshot.accounts.map((account): AlertTarget => {
    const { userPrincipalName } = account.configured;
    const objectId = account.user.ok ? account.user.value.id : account.configured.id;
    const identifiers = [
      userPrincipalName,
      account.configured.id,
      ...(account.user.ok ? [account.user.value.id, account.user.value.userPrincipalName] : []),
    ];
    return {
      checkId: 'BG-MON-02',
      subject: accountSubject(account),
      label: userPrincipalName,
      identifiers: distinct(identifiers),
      category: 'SignInLogs',
      table: 'SigninLogs',
      exampleQuery: `SigninLogs | where UserId == "${objectId ?? '<object id>'}" or UserPrincipalName =~ "${userPrincipalName}"`,
    };
  });
  const configuredApp = snapshot.inventory.app;
  if (!configuredApp) return accounts;
  const app = snapshot.app;
  const principalId = app?.servicePrincipal.ok ? app.servicePrincipal.value.id : undefined;
  const appTarget: AlertTarget = {
    checkId: 'BG-MON-03',
    subject: appSubject(configuredApp.appId, app),
    label: `the break-glass app (appId ${configuredApp.appId})`,
    identifiers: distinct([configuredApp.appId, principalId]),
    category: 'ServicePrincipalSignInLogs',
    table: 'AADServicePrincipalSignInLogs',
    exampleQuery: `AADServicePrincipalSignInLogs | where AppId == "${configuredApp.appId}"`,
  };
  return [...accounts, appTarget];
}

const distinct = (values: ReadonlyArray<string | undefined>) => [
  ...new Map(values.filter((v): v is string => !!v).map((v) => [v.toLowerCase(), v])).values(),
];
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `token` as a whole word: `bg1@x.com` is not found inside `abg1@x.com`, nor `SigninLogs` inside `AADServicePrincipalSignInLogs`. */
const mentions = (query: string, token: string) => new RegExp(`(?<![\\w.@-])${escapeRegExp(token)}(?![\\w@-]|\\.\\w)`, 'i').test(query);

/** Workspace resource ids that receive `category` through some diagnostic setting. */
function workspacesReceiving(settings: readonly DiagnosticSetting[], category: string): string[] {
  return settings
    .filter((s) => !!s.properties.workspaceId?.trim() && s.properties.logs.some((log) => log.enabled && sameId(log.category, category)))
    .map((s) => s.properties.workspaceId as string);
}

/**
 * The tenant's diagnostic settings refused. A service principal reads `/providers/microsoft.aadiam`
 * only through an Azure role assignment at that scope – an Entra role does not open it, nor does a
 * grant on a subscription (https://github.com/Azure/azure-rest-api-specs/issues/11085 and its
 * workaround, issuecomment-1363008480). Reader carries `*\/read`
 * (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
 */
function diagnosticSettingsUnread(snapshot: TenantSnapshot, reason: string): CheckResult {
  const refused = /AuthorizationFailed|HTTP 403/i.test(reason);
  if (!refused) return cannotRead('BG-MON-01', diagnosticSubject, 'the Entra diagnostic settings', reason);
  const readerAppId = snapshot.inventory.reader?.appId ?? '<appId of the reader app>';
  return result(
    'BG-MON-01',
    'indeterminate',
    diagnosticSubject,
    'Could not read the Entra diagnostic settings: the reader has no Azure role at /providers/Microsoft.aadiam',
    [
      `the Entra diagnostic settings: ${reason}`,
      'An app reads the tenant-level microsoft.aadiam diagnostic settings only through an Azure role assignment at scope /providers/Microsoft.aadiam; an Entra role, or Reader on a subscription, does not reach that scope.',
    ],
    `Create the Azure role assignment Reader for the reader app at scope /providers/Microsoft.aadiam: az role assignment create --assignee ${readerAppId} --role "Reader" --scope "/providers/Microsoft.aadiam" (run it signed in as an administrator allowed to assign roles at that scope, e.g. a Global Administrator with elevated access, who holds User Access Administrator at "/"). Then run the checks again. If the checks run as a signed-in user instead, that user needs Security Reader, Global Reader or Security Administrator in Entra.`,
  );
}

function checkDiagnosticSettings(settings: readonly DiagnosticSetting[]): CheckResult {
  const id = 'BG-MON-01';
  const evidence =
    settings.length > 0
      ? settings.map((s) => {
          const enabled = s.properties.logs.filter((log) => log.enabled).map((log) => log.category);
          return `Diagnostic setting "${s.name}" sends ${enabled.length > 0 ? enabled.join(', ') : 'no logs'} to ${s.properties.workspaceId?.trim() ? `workspace ${s.properties.workspaceId}` : 'no Log Analytics workspace'}`;
        })
      : ['The tenant has no Entra diagnostic settings'];
  const missing = signInCategories.filter((category) => workspacesReceiving(settings, category).length === 0);
  if (missing.length === 0) return result(id, 'pass', diagnosticSubject, 'Entra sign-in logs reach a Log Analytics workspace', evidence);
  return result(
    id,
    'fail',
    diagnosticSubject,
    `Not sent to a Log Analytics workspace: ${missing.join(', ')}`,
    [...evidence, `Not sent to any Log Analytics workspace: ${missing.join(', ')}`],
    `In the Entra admin center › Monitoring & health › Diagnostic settings, edit (or add) the setting that sends to the security workspace and tick ${missing.join(', ')}. Without them no alert can fire on a break-glass sign-in.`,
  );
}

type Coverage = {
  readonly target: AlertTarget;
  readonly workspaces: readonly string[];
  readonly covering: readonly ScheduledQueryRule[];
  readonly evidence: readonly string[];
};

function coverageOf(target: AlertTarget, rules: readonly ScheduledQueryRule[], settings: readonly DiagnosticSetting[]): Coverage {
  const workspaces = workspacesReceiving(settings, target.category);
  const covering: ScheduledQueryRule[] = [];
  const evidence: string[] =
    workspaces.length > 0
      ? [`${target.category} reaches ${distinct(workspaces).join(', ')}`]
      : [`No diagnostic setting sends ${target.category} to a Log Analytics workspace (BG-MON-01), so no rule can see these sign-ins`];
  let silent = 0;
  for (const rule of rules) {
    const naming = rule.properties.criteria.allOf
      .map((c) => c.query ?? '')
      .filter((q) => target.identifiers.some((token) => mentions(q, token)));
    if (naming.length === 0) {
      silent += 1;
      continue;
    }
    const problems = [
      ...(rule.properties.enabled ? [] : ['it is disabled']),
      ...(rule.properties.scopes.some((scope) => workspaces.some((w) => sameId(w, scope)))
        ? []
        : [`its scope (${rule.properties.scopes.join(', ') || 'none'}) is not a workspace that receives ${target.category}`]),
      ...(naming.some((q) => mentions(q, target.table)) ? [] : [`its query does not read ${target.table}`]),
    ];
    if (problems.length === 0) covering.push(rule);
    evidence.push(
      problems.length === 0
        ? `Rule "${rule.name}" (enabled) reads ${target.table} on ${rule.properties.scopes.join(', ')} and names ${target.label}`
        : `Rule "${rule.name}" names ${target.label} but ${problems.join('; ')}`,
    );
  }
  if (silent > 0) evidence.push(`${silent} other alert rule(s) do not name ${target.label}`);
  return { target, workspaces, covering, evidence };
}

function coverageResult({ target, workspaces, covering, evidence }: Coverage): CheckResult {
  const what = `sign-ins of ${target.label}`;
  if (covering.length > 0) return result(target.checkId, 'pass', target.subject, `An enabled alert rule covers ${what}`, evidence);
  return result(
    target.checkId,
    'fail',
    target.subject,
    `No enabled alert rule covers ${what}`,
    evidence,
    `In the Log Analytics workspace ${workspaces[0] ?? 'that receives the Entra sign-in logs'} › Alerts, edit (or create) an enabled log search alert rule, severity 0, "Number of results greater than 0", with an action group, whose query names it explicitly, e.g. ${target.exampleQuery}.`,
  );
}

/** Receivers of action groups: outside the tenant, inside it, undetermined, switched off. */
type Reach = { outside: string[]; inside: string[]; unknown: string[]; off: string[] };

function checkNotifications(
  coverages: readonly Coverage[],
  actionGroups: Readable<readonly ActionGroup[]>,
  domains: Readable<readonly Domain[]>,
): CheckResult {
  const id = 'BG-MON-04';
  const covered = coverages.filter((c) => c.covering.length > 0);
  if (covered.length === 0) {
    return result(
      id,
      'fail',
      actionGroupSubject,
      'No enabled alert rule covers a break-glass sign-in, so no one is notified',
      ['No rule passes BG-MON-02 or BG-MON-03; there is no alert whose action groups could notify anyone'],
      'Create the alert rules first (BG-MON-02, BG-MON-03) and give them an action group that texts or calls someone outside the tenant.',
    );
  }
  if (!actionGroups.ok) return cannotRead(id, actionGroupSubject, 'the action groups', actionGroups.reason);
  const tenantDomains = domains.ok ? domains.value.filter((d) => d.isVerified !== false).map((d) => d.id.toLowerCase()) : undefined;

  const evidence: string[] = domains.ok
    ? []
    : [`Could not read the tenant's domains, so email receivers cannot be placed inside or outside the tenant: ${domains.reason}`];
  const reachByGroup = new Map<string, Reach>();
  const reachOfGroup = (groupId: string): Reach => {
    const known = reachByGroup.get(groupId.toLowerCase());
    if (known) return known;
    const group = actionGroups.value.find((g) => sameId(g.id, groupId));
    const reach = group
      ? receiversOf(group, tenantDomains)
      : { outside: [], inside: [], off: [], unknown: [`action group ${groupId} (not found in the configured subscriptions)`] };
    reachByGroup.set(groupId.toLowerCase(), reach);
    evidence.push(group ? describeGroup(group, reach) : `Action group ${groupId} was not found in the configured subscriptions`);
    return reach;
  };

  const unreached: string[] = [];
  const undecided: string[] = [];
  for (const coverage of covered) {
    const reaches = coverage.covering.flatMap((rule) => {
      if (rule.properties.actions.actionGroups.length === 0) evidence.push(`Rule "${rule.name}" has no action group: it notifies no one`);
      return rule.properties.actions.actionGroups.map(reachOfGroup);
    });
    if (reaches.some((r) => r.outside.length > 0)) continue;
    (reaches.some((r) => r.unknown.length > 0) ? undecided : unreached).push(coverage.target.label);
  }
  const all = [...reachByGroup.values()];
  const inside = all.flatMap((r) => r.inside);
  const unknown = all.flatMap((r) => r.unknown);
  const domainList = tenantDomains?.join(', ') ?? "the tenant's domains";

  if (unreached.length > 0) {
    return result(
      id,
      'fail',
      actionGroupSubject,
      `No one outside the tenant is notified of a sign-in by ${unreached.join(', ')}`,
      [...evidence, `Nobody outside the tenant is notified for: ${unreached.join(', ')}`],
      `In the Azure portal › Monitor › Alerts › Action groups, enable the action group and add a receiver that does not depend on this tenant: SMS or voice to the on-call phone, a webhook to the paging service, or an email address outside ${domainList}. Mail inside the tenant may be unreachable exactly when the alert matters.`,
    );
  }
  if (undecided.length > 0 || (inside.length === 0 && unknown.length > 0)) {
    return result(
      id,
      'indeterminate',
      actionGroupSubject,
      'Could not tell whether the alerts reach someone outside the tenant',
      [...evidence, ...unknown.map((u) => `Unknown: ${u}`)],
      'Resolve the read problems named in the evidence (an action group in a subscription not configured, or unreadable tenant domains), then run the checks again.',
    );
  }
  if (inside.length > 0) {
    return result(
      id,
      'warn',
      actionGroupSubject,
      'Some alert receivers are inside the tenant',
      [...evidence, `Receivers in the tenant's own domains, useless when the tenant is down: ${inside.join(', ')}`],
      `Keep the receivers outside the tenant, and replace the email receivers in ${domainList} with SMS, voice or addresses elsewhere (Azure portal › Monitor › Alerts › Action groups).`,
    );
  }
  return result(id, 'pass', actionGroupSubject, 'The alerts notify someone outside the tenant', evidence);
}

type Receiver = { readonly name: string; readonly status?: string };
const outsideReceiverKinds = [
  ['smsReceivers', 'SMS'],
  ['voiceReceivers', 'voice'],
  ['webhookReceivers', 'webhook'],
  ['azureAppPushReceivers', 'app push'],
] as const;
/** ARM receivers carry `status` (Enabled, Disabled, NotSpecified) on some kinds; absent means in use. */
const receiverEnabled = (receiver: Receiver) => receiver.status === undefined || sameId(receiver.status, 'Enabled');

function receiversOf(group: ActionGroup, tenantDomains: readonly string[] | undefined): Reach {
  const reach: Reach = { outside: [], inside: [], unknown: [], off: [] };
  if (!group.properties.enabled) return reach;
  for (const [key, kind] of outsideReceiverKinds) {
    for (const receiver of (group.properties[key] ?? []) as readonly Receiver[])
      (receiverEnabled(receiver) ? reach.outside : reach.off).push(`${kind} "${receiver.name}"`);
  }
  for (const email of group.properties.emailReceivers ?? []) {
    if (!receiverEnabled(email)) {
      reach.off.push(`email ${email.emailAddress}`);
      continue;
    }
    const domain = email.emailAddress.slice(email.emailAddress.lastIndexOf('@') + 1).toLowerCase();
    const bucket = !tenantDomains
      ? reach.unknown
      : tenantDomains.some((d) => domain === d || domain.endsWith(`.${d}`))
        ? reach.inside
        : reach.outside;
    bucket.push(`email ${email.emailAddress}`);
  }
  return reach;
}

function describeGroup(group: ActionGroup, reach: Reach): string {
  if (!group.properties.enabled) return `Action group "${group.name}" is disabled: none of its receivers is notified`;
  const list = (items: readonly string[]) => (items.length > 0 ? items.join(', ') : 'none');
  return `Action group "${group.name}" (enabled): outside the tenant – ${list(reach.outside)}; inside the tenant – ${list(reach.inside)}${reach.unknown.length > 0 ? `; undetermined – ${list(reach.unknown)}` : ''}${reach.off.length > 0 ? `; not enabled, not counted – ${list(reach.off)}` : ''}`;
}

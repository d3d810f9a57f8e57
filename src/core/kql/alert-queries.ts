/**
 * KQL for the Log Analytics alert rules that watch the break-glass credentials (BG-MON-02/03).
 *
 * Recipe: Microsoft Learn, "Manage emergency access accounts in Microsoft Entra ID", section
 * "Monitor sign-in and audit logs" (docs/microsoft-behaviour.md, "Emergency access accounts"): a *Custom log search* alert rule on the
 * workspace that receives the Entra sign-in logs, query
 * `SigninLogs | where UserId == "<id>" [or UserId == …] | project …`, alert when the number of
 * results is greater than 0, severity 0. We extend it: non-interactive sign-ins too (no other
 * tool covers them; docs/domain.md, "What other tools check"), and a second query for the app-registration break glass.
 *
 * There is deliberately no time filter in the queries: a log search alert rule bounds the query
 * by its own window (`windowSize`; docs/microsoft-behaviour.md, "Log search alert rules"), and a pasted query is then valid for any
 * window the operator picks. Failed sign-ins are not filtered out either – an attempt on a
 * break-glass account matters as much as a success (docs/domain.md, "What other tools check").
 */

export type AlertQueryInput = {
  readonly accounts: ReadonlyArray<{ readonly userPrincipalName: string; readonly id?: string }>;
  readonly app?: { readonly appId: string };
};

export type AlertQueries = {
  /** Interactive and non-interactive user sign-ins of the break-glass accounts. */
  readonly accounts: string;
  /** Service-principal sign-ins of the break-glass app; absent when no app is configured. */
  readonly app?: string;
};

/**
 * A KQL double-quoted string literal. Kusto's escapes inside `"…"` are `\"`, `\\`, `\t` and `\n`
 * (Microsoft Learn, "The string data type", https://learn.microsoft.com/kusto/query/scalar-data-types/string).
 * Any other control character has no documented escape, and no user principal name or GUID
 * contains one, so it is refused rather than guessed at: a broken literal could end the string
 * early and turn the rest of the value into query text.
 */
export function kqlStringLiteral(value: string): string {
  if ([...value].some((c) => (c < ' ' && c !== '\t' && c !== '\n') || c === '\u007f')) {
    throw new RangeError(`Cannot put ${JSON.stringify(value)} into a KQL query: it contains a control character.`);
  }
  const escaped = value.replace(/[\\"\t\n]/g, (c) => (c === '\t' ? '\\t' : c === '\n' ? '\\n' : `\\${c}`));
  return `"${escaped}"`;
}

/*
 * Columns and where each name comes from.
 * - SigninLogs: TimeGenerated, UserPrincipalName, UserId, IPAddress, ResultType and
 *   ResultDescription are the columns of Microsoft's recipe (docs/microsoft-behaviour.md,
 *   "Emergency access accounts"); AppDisplayName is in azd-emergency-access's alert
 *   (`infra/modules/signin-alerting.bicep`); ConditionalAccessStatus and
 *   AuthenticationRequirement are projected by the Sentinel hunting query
 *   `BreakGlassAccountSignIn.yaml` (docs/domain.md, "What other tools check"; the columns are in
 *   docs/microsoft-behaviour.md, "Sign-in log tables").
 * - Category is not in the references: it is the Azure Monitor table reference's column
 *   (https://learn.microsoft.com/azure/azure-monitor/reference/tables/signinlogs and
 *   …/tables/aadnoninteractiveusersigninlogs) holding the diagnostic category –
 *   `SignInLogs` or `NonInteractiveUserSignInLogs` – so the alert says which kind of sign-in fired.
 * - AADNonInteractiveUserSignInLogs carries the same user columns, so one projection serves both
 *   tables (Azure Monitor table reference, aadnoninteractiveusersigninlogs).
 */
const accountColumns = [
  'TimeGenerated',
  'UserPrincipalName',
  'UserId',
  'AppDisplayName',
  'IPAddress',
  'ResultType',
  'ResultDescription',
  'ConditionalAccessStatus',
  'AuthenticationRequirement',
  'Category',
] as const;

/*
 * AADServicePrincipalSignInLogs: AppId, ServicePrincipalId, ServicePrincipalCredentialThumbprint
 * and ServicePrincipalCredentialKeyId are columns of the Azure Monitor table
 * reference (https://learn.microsoft.com/azure/azure-monitor/reference/tables/aadserviceprincipalsigninlogs);
 * TimeGenerated, ServicePrincipalName, IPAddress and ResultType are columns of the same table
 * (docs/microsoft-behaviour.md, "Sign-in log tables"). The thumbprint and key id show which certificate signed in – after a rotation the
 * old thumbprint must stop appearing (docs/domain.md, "Rotation after use").
 */
const appColumns = [
  'TimeGenerated',
  'ServicePrincipalName',
  'ServicePrincipalId',
  'AppId',
  'IPAddress',
  'ResultType',
  'ServicePrincipalCredentialKeyId',
  'ServicePrincipalCredentialThumbprint',
] as const;

/**
 * The queries for the alert rules. Throws a RangeError when there is no account to watch: an
 * alert rule whose query can never match would look like coverage while covering nothing.
 */
export function breakGlassAlertQueries(input: AlertQueryInput): AlertQueries {
  if (input.accounts.length === 0) {
    throw new RangeError('There are no break-glass accounts to alert on: add the accounts to the inventory first.');
  }
  const ids = input.accounts.flatMap((account) => (account.id ? [account.id] : []));
  const upnsWithoutId = input.accounts.flatMap((account) => (account.id ? [] : [account.userPrincipalName]));

  // Object ids are preferred: a UPN can be renamed (and a new object can later take the old UPN),
  // while the object id stays with the account for its lifetime. An account whose id is not in the
  // inventory is matched by UPN, case-insensitively (`=~`), so the alert still covers it.
  // `in~` compares case-insensitively too, so an upper-case GUID in the inventory still matches
  // the lower-case ids Entra writes (azd-emergency-access uses `UserId in~ (…)`; docs/domain.md, "What other tools check").
  const conditions = [
    ...(ids.length > 0 ? [`UserId in~ (${ids.map(kqlStringLiteral).join(', ')})`] : []),
    ...upnsWithoutId.map((upn) => `UserPrincipalName =~ ${kqlStringLiteral(upn)}`),
  ];

  const accounts = [
    '// Break-glass account sign-ins, interactive and non-interactive (Break-Glass Runbook).',
    ...(upnsWithoutId.length > 0
      ? ['// Some accounts are matched by user principal name: add their object ids to the inventory, a UPN can be renamed.']
      : []),
    // isfuzzy: a table exists in the workspace only once a diagnostic setting sends its category;
    // without it the whole query (and so the alert rule) fails when one table is missing.
    'union isfuzzy=true SigninLogs, AADNonInteractiveUserSignInLogs',
    `| where ${conditions.join('\n    or ')}`,
    `| project ${accountColumns.join(', ')}`,
  ].join('\n');

  if (!input.app) return { accounts };

  // AppId is the application (client) id, the one the inventory holds; `=~` for the same reason as `in~` above.
  const app = [
    '// Break-glass app (service principal) sign-ins (Break-Glass Runbook).',
    'AADServicePrincipalSignInLogs',
    `| where AppId =~ ${kqlStringLiteral(input.app.appId)}`,
    `| project ${appColumns.join(', ')}`,
  ].join('\n');

  return { accounts, app };
}

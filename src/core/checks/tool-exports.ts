/**
 * The inventory written out for the online tools a tenant already runs, so one list of
 * break-glass objects feeds them all instead of each tool auto-detecting (and sometimes
 * guessing wrong – Maester issues #73 and #197; docs/domain.md, "What other tools check"): a Maester config and a Microsoft
 * Sentinel watchlist. The KQL alert rules are in `../kql/alert-queries.ts`.
 */
import type { Inventory } from '../../shared/inventory.ts';

type ExportInventory = Pick<Inventory, 'accounts' | 'exclusionGroupId'>;

type MaesterEmergencyAccessEntry =
  { readonly Type: 'User'; readonly UserPrincipalName: string; readonly Id?: string } | { readonly Type: 'Group'; readonly Id: string };

/**
 * `maester-config.json`'s emergency-access setting (docs/domain.md, "What other tools check"; Maester
 * `website/docs/configuration/emergency-access-accounts.md`):
 * `{"GlobalSettings":{"EmergencyAccessAccounts":[{"Type":"User","UserPrincipalName":"…"}|{"Type":"Group","Id":"…"}]}}`.
 * A user entry carries its object id too when the inventory has it: Maester's
 * `Get-MtEmergencyAccessAccount` resolves `Id` first and falls back to `UserPrincipalName`, so
 * the id wins and a renamed UPN does not break the check. The exclusion group is listed only
 * when the inventory names one. Two-space JSON with a trailing newline, ready to paste or save.
 */
export function maesterEmergencyAccessConfig(inventory: ExportInventory): string {
  const entries: MaesterEmergencyAccessEntry[] = inventory.accounts.map((account) =>
    account.id
      ? { Type: 'User', UserPrincipalName: account.userPrincipalName, Id: account.id }
      : { Type: 'User', UserPrincipalName: account.userPrincipalName },
  );
  if (inventory.exclusionGroupId) entries.push({ Type: 'Group', Id: inventory.exclusionGroupId });
  return `${JSON.stringify({ GlobalSettings: { EmergencyAccessAccounts: entries } }, null, 2)}\n`;
}

/**
 * The watchlist's columns. Create the watchlist with the alias `BreakGlassAccounts` and
 * `UserPrincipalName` as its search key: the Sentinel break-glass hunting queries read
 * `_GetWatchlist('BreakGlassAccounts')` and project `SearchKey` as the account UPN (Azure/Azure-Sentinel),
 * so they then work unchanged.
 */
export const sentinelWatchlistColumns = ['UserPrincipalName', 'ObjectId', 'Role', 'Notes'] as const;
export const sentinelWatchlistSearchKey = 'UserPrincipalName';

/**
 * RFC 4180 quoting plus a leading apostrophe on a cell a spreadsheet would run as a formula
 * (OWASP "CSV injection"). Deliberately the same rule as the journal's CSV export – `csvCell`
 * in `../journal/export.ts`, which is not exported – duplicated here rather than widening that
 * module's interface. Note the apostrophe also changes the value Sentinel stores; no valid
 * break-glass UPN starts with these characters in practice, and neutralising wins over matching.
 */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A Microsoft Sentinel watchlist (CSV upload) of the break-glass user accounts, one row per
 * account. Accounts only: a watchlist is matched against one entity column, and the break-glass
 * app signs in as a service principal (AADServicePrincipalSignInLogs, matched by AppId) – it gets
 * its own alert query instead (`breakGlassAlertQueries(…).app`). The header is the first line
 * (Sentinel's "number of lines before the header row" stays 0), CRLF line endings per RFC 4180.
 */
export function sentinelWatchlistCsv(inventory: Pick<Inventory, 'accounts'>): string {
  const rows = [
    sentinelWatchlistColumns.join(','),
    ...inventory.accounts.map((account) =>
      [account.userPrincipalName, account.id ?? '', 'Break-glass account', account.id ? '' : 'Object id not in the inventory']
        .map(csvCell)
        .join(','),
    ),
  ];
  return `${rows.join('\r\n')}\r\n`;
}

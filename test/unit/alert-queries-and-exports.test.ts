import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { maesterEmergencyAccessConfig, sentinelWatchlistCsv } from '../../src/core/checks/tool-exports.ts';
import { breakGlassAlertQueries, kqlStringLiteral } from '../../src/core/kql/alert-queries.ts';

const bg1 = { userPrincipalName: 'bg1@contoso.onmicrosoft.com', id: '11111111-1111-4111-8111-111111111111' };
const bg2 = { userPrincipalName: 'bg2@contoso.onmicrosoft.com', id: '22222222-2222-4222-8222-222222222222' };
const appId = '33333333-3333-4333-8333-333333333333';
const groupId = '44444444-4444-4444-8444-444444444444';

/** Minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += c;
  }
  assert.equal(quoted, false, 'no unterminated quote');
  assert.equal(cell + row.join(''), '', 'the text ends with CRLF');
  return rows;
}

describe('alert rule queries', () => {
  test('the account alert watches interactive and non-interactive sign-ins of every account by object id', () => {
    const { accounts } = breakGlassAlertQueries({ accounts: [bg1, bg2] });
    assert.match(accounts, /union isfuzzy=true SigninLogs, AADNonInteractiveUserSignInLogs/);
    assert.match(accounts, new RegExp(`UserId in~ \\("${bg1.id}", "${bg2.id}"\\)`));
    assert.doesNotMatch(accounts, /UserPrincipalName =~/, 'accounts with ids are not matched by UPN');
    assert.match(
      accounts,
      /\| project TimeGenerated, UserPrincipalName, UserId, AppDisplayName, IPAddress, ResultType, ResultDescription, ConditionalAccessStatus, AuthenticationRequirement, Category$/,
    );
  });

  test('an account without an object id is still covered, by its UPN, with a hint to add the id', () => {
    const { accounts } = breakGlassAlertQueries({ accounts: [bg1, { userPrincipalName: 'bg3@contoso.onmicrosoft.com' }] });
    assert.match(accounts, new RegExp(`UserId in~ \\("${bg1.id}"\\)\\n    or UserPrincipalName =~ "bg3@contoso\\.onmicrosoft\\.com"`));
    assert.match(accounts, /^\/\/ .*object ids.*UPN can be renamed/m);
  });

  test('a UPN with a double quote or backslash cannot break out of its string literal', () => {
    const { accounts } = breakGlassAlertQueries({ accounts: [{ userPrincipalName: 'a"\\b@contoso.onmicrosoft.com' }] });
    assert.ok(accounts.includes('UserPrincipalName =~ "a\\"\\\\b@contoso.onmicrosoft.com"'), accounts);
    // An injection attempt stays inside the literal: the only unescaped quotes are the two delimiters.
    const literal = kqlStringLiteral('x" or true or UserId == "');
    assert.equal(literal, '"x\\" or true or UserId == \\""');
    assert.equal(literal.replace(/\\./g, '').split('"').length - 1, 2);
    assert.equal(kqlStringLiteral('tab\there\nnext'), '"tab\\there\\nnext"');
  });

  test('a value with a control character is refused rather than written into a query', () => {
    assert.throws(() => kqlStringLiteral('bg\r@contoso.onmicrosoft.com'), /control character/);
    assert.throws(() => breakGlassAlertQueries({ accounts: [{ userPrincipalName: 'bg\u0000@x.onmicrosoft.com' }] }), RangeError);
  });

  test('with no accounts there is no query that would look like coverage', () => {
    assert.throws(() => breakGlassAlertQueries({ accounts: [] }), /no break-glass accounts/);
  });

  test('without a break-glass app no app query is produced', () => {
    const queries = breakGlassAlertQueries({ accounts: [bg1] });
    assert.equal(queries.app, undefined);
    assert.ok(!('app' in queries));
  });

  test('the app alert watches the app id and shows which certificate signed in', () => {
    const { app } = breakGlassAlertQueries({ accounts: [bg1], app: { appId } });
    assert.ok(app);
    assert.match(app, /^AADServicePrincipalSignInLogs$/m);
    assert.match(app, new RegExp(`\\| where AppId =~ "${appId}"`));
    assert.match(
      app,
      /\| project TimeGenerated, ServicePrincipalName, ServicePrincipalId, AppId, IPAddress, ResultType, ServicePrincipalCredentialKeyId, ServicePrincipalCredentialThumbprint$/,
    );
  });
});

describe('Maester emergency-access config', () => {
  test('lists every account and the exclusion group in Maester’s shape, ready to save', () => {
    const text = maesterEmergencyAccessConfig({
      accounts: [bg1, { userPrincipalName: 'bg3@contoso.onmicrosoft.com' }],
      exclusionGroupId: groupId,
    });
    assert.ok(text.endsWith('}\n'));
    assert.ok(text.includes('\n  "GlobalSettings": {\n    "EmergencyAccessAccounts": ['), 'two-space indentation');
    assert.deepEqual(JSON.parse(text), {
      GlobalSettings: {
        EmergencyAccessAccounts: [
          { Type: 'User', UserPrincipalName: bg1.userPrincipalName, Id: bg1.id },
          { Type: 'User', UserPrincipalName: 'bg3@contoso.onmicrosoft.com' },
          { Type: 'Group', Id: groupId },
        ],
      },
    });
  });

  test('without an exclusion group there is no Group entry', () => {
    const parsed = JSON.parse(maesterEmergencyAccessConfig({ accounts: [bg1, bg2] })) as {
      GlobalSettings: { EmergencyAccessAccounts: Array<{ Type: string }> };
    };
    assert.deepEqual(
      parsed.GlobalSettings.EmergencyAccessAccounts.map((entry) => entry.Type),
      ['User', 'User'],
    );
  });
});

describe('Sentinel watchlist CSV', () => {
  test('has the header row and one row per account', () => {
    const rows = parseCsv(sentinelWatchlistCsv({ accounts: [bg1, { userPrincipalName: 'bg3@contoso.onmicrosoft.com' }] }));
    assert.deepEqual(rows, [
      ['UserPrincipalName', 'ObjectId', 'Role', 'Notes'],
      [bg1.userPrincipalName, bg1.id, 'Break-glass account', ''],
      ['bg3@contoso.onmicrosoft.com', '', 'Break-glass account', 'Object id not in the inventory'],
    ]);
  });

  test('a value a spreadsheet would run as a formula is neutralised, and quotes and commas stay in their cell', () => {
    const csv = sentinelWatchlistCsv({
      accounts: [
        { userPrincipalName: '=HYPERLINK("http://evil.example","x")@contoso.onmicrosoft.com' },
        { userPrincipalName: 'a,b"c@contoso.onmicrosoft.com' },
      ],
    });
    const rows = parseCsv(csv);
    assert.equal(rows.length, 3);
    assert.equal(rows[1]?.[0], `'=HYPERLINK("http://evil.example","x")@contoso.onmicrosoft.com`);
    assert.equal(rows[2]?.[0], 'a,b"c@contoso.onmicrosoft.com');
    for (const row of rows) assert.equal(row.length, 4);
    assert.ok(!csv.split('\r\n').some((line) => /^[=+\-@]/.test(line)), 'no line starts with a formula character');
  });
});

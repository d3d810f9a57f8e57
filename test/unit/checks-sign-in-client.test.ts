/**
 * BG-CLI-01 (issue 12, item 11) on hand-built snapshots, and the delegated-permission declaration
 * it and the account sign-in share (item 2).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { checkCatalogue } from '../../src/core/checks/catalogue.ts';
import { runChecks } from '../../src/core/checks/index.ts';
import { checkSignInClient } from '../../src/core/checks/sign-in-client.ts';
import type { SignInClientSnapshot, TenantSnapshot } from '../../src/core/checks/snapshot.ts';
import { delegatedScopesToRequest, missingScopes, unavailableActions } from '../../src/core/graph/delegated-permissions.ts';
import { checkIds } from '../../src/shared/model/checks.ts';
import { assertPlainInView } from '../helpers/check-words.ts';
import {
  bg1,
  bg2,
  context,
  graphCommandLineTools,
  graphServicePrincipalId,
  ok,
  readySnapshot,
  testInventory,
  unreadable,
} from '../helpers/check-snapshot.ts';

function withClient(
  change: (client: SignInClientSnapshot) => Partial<SignInClientSnapshot>,
  snapshot: TenantSnapshot = readySnapshot(),
): TenantSnapshot {
  const client = snapshot.signInClient!;
  return { ...snapshot, signInClient: { ...client, ...change(client) } };
}
const principal = (change: Record<string, unknown>) => (c: SignInClientSnapshot) => ({
  servicePrincipal: ok({
    ...(c.servicePrincipal as { ok: true; value: object }).value,
    ...change,
  }) as SignInClientSnapshot['servicePrincipal'],
});
const cli = (snapshot: TenantSnapshot) => {
  const results = checkSignInClient(context(snapshot));
  assertPlainInView(results);
  assert.equal(results.length, 1, 'one result per subject');
  return results[0]!;
};
/** An account that holds no directory role any more (its transitiveMemberOf keeps only groups). */
const withoutRoles = (snapshot: TenantSnapshot, upn: string): TenantSnapshot => ({
  ...snapshot,
  accounts: snapshot.accounts.map((a) =>
    a.configured.userPrincipalName !== upn || !a.transitiveMemberOf.ok
      ? a
      : { ...a, transitiveMemberOf: ok(a.transitiveMemberOf.value.filter((o) => !o.roleTemplateId)) },
  ),
});

describe('BG-CLI-01: the sign-in client is ready', () => {
  test('is in the catalogue, among the public check ids, and runs with the others', () => {
    assert.ok(checkIds.includes('BG-CLI-01'));
    assert.equal(checkCatalogue['BG-CLI-01'].area, 'app');
    assert.ok(runChecks(context(readySnapshot())).some((r) => r.id === 'BG-CLI-01'));
  });

  test('passes when enabled, no assignment required, and every needed scope consented for the organization', () => {
    const verdict = cli(readySnapshot());
    assert.equal(verdict.status, 'pass', verdict.evidence.join(' | '));
    assert.equal(verdict.subject.name, 'Microsoft Graph Command Line Tools');
  });

  test('fails when the service principal is disabled (AADSTS7000112)', () => {
    const verdict = cli(withClient(principal({ accountEnabled: false })));
    assert.equal(verdict.status, 'fail');
    assert.ok(verdict.evidence.some((e) => e.includes('AADSTS7000112')));
    assert.match(verdict.remediation, /Enabled for users to sign in/);
  });

  test('a service principal read without accountEnabled is indeterminate, not a pass', () => {
    const verdict = cli(withClient(principal({ accountEnabled: undefined })));
    assert.equal(verdict.status, 'indeterminate');
    assert.ok(verdict.evidence.some((e) => e.includes('no accountEnabled')));
  });

  test('fails when assignment is required and an account is not assigned (AADSTS50105); warns when one is assigned only through a group; passes when both are assigned directly', () => {
    const required = withClient(principal({ appRoleAssignmentRequired: true }));
    const none = cli(required);
    assert.equal(none.status, 'fail');
    assert.ok(none.evidence.some((e) => e.includes(bg1.userPrincipalName) && e.includes('AADSTS50105')));

    const exclusionGroup = readySnapshot().inventory.exclusionGroupId!;
    const assigned = withClient(
      () => ({
        assignedTo: ok([
          {
            id: 'a1',
            appRoleId: '00000000-0000-0000-0000-000000000000',
            resourceId: graphCommandLineTools.servicePrincipalId,
            principalId: bg1.id,
          },
          {
            id: 'a2',
            appRoleId: '00000000-0000-0000-0000-000000000000',
            resourceId: graphCommandLineTools.servicePrincipalId,
            principalId: exclusionGroup,
          },
        ]),
      }),
      required,
    );
    // Entra honours a group assignment only for a direct member of a security group, with P1/P2 (groups-saasapps).
    const throughGroup = cli(assigned);
    assert.equal(throughGroup.status, 'warn', throughGroup.evidence.join(' | '));
    assert.ok(
      throughGroup.evidence.some((e) => e.includes(bg2.userPrincipalName) && e.includes('only through a group') && e.includes('nested')),
    );
    assert.match(throughGroup.remediation, new RegExp(`assign ${bg2.userPrincipalName.replace(/\./g, '\\.')} directly`));

    const direct = withClient(
      () => ({
        assignedTo: ok(
          [bg1.id, bg2.id].map((principalId, n) => ({
            id: `a${n}`,
            appRoleId: '00000000-0000-0000-0000-000000000000',
            resourceId: graphCommandLineTools.servicePrincipalId,
            principalId,
          })),
        ),
      }),
      required,
    );
    assert.equal(cli(direct).status, 'pass', cli(direct).evidence.join(' | '));
  });

  test('warns when consent is missing but the accounts, Global Administrators, could grant it at sign-in', () => {
    const verdict = cli(
      withClient(() => ({
        delegatedGrants: ok([
          {
            id: 'g',
            clientId: graphCommandLineTools.servicePrincipalId,
            consentType: 'AllPrincipals',
            principalId: null,
            resourceId: graphServicePrincipalId,
            scope: 'User.Read',
          },
        ]),
      })),
    );
    assert.equal(verdict.status, 'warn');
    assert.ok(verdict.evidence.some((e) => e.includes('Policy.ReadWrite.ConditionalAccess') && e.includes('Global Administrator')));
    assert.match(verdict.remediation, /Consent on behalf of your organization/);
  });

  test('a Principal grant counts for its own account only', () => {
    const scope = delegatedScopesToRequest().join(' ');
    const verdict = cli(
      withClient(() => ({
        delegatedGrants: ok([
          {
            id: 'g',
            clientId: graphCommandLineTools.servicePrincipalId,
            consentType: 'Principal',
            principalId: bg1.id,
            resourceId: graphServicePrincipalId,
            scope,
          },
        ]),
      })),
    );
    assert.equal(verdict.status, 'warn');
    assert.ok(verdict.evidence.some((e) => e.startsWith(`${bg1.userPrincipalName}: every delegated permission`)));
    assert.ok(verdict.evidence.some((e) => e.includes(`for ${bg2.userPrincipalName}`)));
  });

  test('fails when consent is missing and an account may not grant it (AADSTS90094)', () => {
    const snapshot = withoutRoles(
      withClient(() => ({ delegatedGrants: ok([]) })),
      bg2.userPrincipalName,
    );
    const verdict = cli(snapshot);
    assert.equal(verdict.status, 'fail');
    assert.ok(verdict.evidence.some((e) => e.includes(bg2.userPrincipalName) && e.includes('AADSTS90094')));
  });

  test('Microsoft Graph Command Line Tools never used in the tenant (no service principal) is a warn a Global Administrator can clear', () => {
    const verdict = cli(withClient(() => ({ servicePrincipal: ok(null), delegatedGrants: ok([]), assignedTo: ok([]) })));
    assert.equal(verdict.status, 'warn');
    assert.ok(verdict.evidence.some((e) => e.includes('has no service principal yet')));
  });

  test('a tenant-owned client named in the inventory that is not in the tenant fails (AADSTS700016)', () => {
    const own = '7c2e5a9f-1d6b-4e48-8f3a-6b9d4c1e0a75';
    const snapshot = {
      ...readySnapshot(),
      inventory: testInventory({ publicClientId: own }),
      signInClient: { appId: own, firstParty: false, servicePrincipal: ok(null), delegatedGrants: ok([]), assignedTo: ok([]) },
    };
    const verdict = cli(snapshot);
    assert.equal(verdict.status, 'fail');
    assert.equal(verdict.subject.id, own);
    assert.ok(verdict.evidence.some((e) => e.includes('AADSTS700016')));
  });

  test('fails closed: an unreadable service principal or grant list is indeterminate, never a pass', () => {
    assert.equal(cli(withClient(() => ({ servicePrincipal: unreadable('403 Authorization_RequestDenied') }))).status, 'indeterminate');
    assert.equal(cli(withClient(() => ({ delegatedGrants: unreadable('403 Authorization_RequestDenied') }))).status, 'indeterminate');
    const { signInClient: _none, ...without } = readySnapshot();
    assert.equal(cli(without as TenantSnapshot).status, 'indeterminate');
  });
});

describe('the delegated permissions an account sign-in needs', () => {
  test('asks for every flow’s scopes by name, never .default', () => {
    const scopes = delegatedScopesToRequest();
    for (const needed of [
      'Policy.Read.All',
      'Policy.ReadWrite.ConditionalAccess',
      'Application.Read.All',
      'RoleManagement.ReadWrite.Directory',
      'UserAuthenticationMethod.ReadWrite.All',
      'User.Read',
    ])
      assert.ok(scopes.includes(needed), needed);
    assert.ok(!scopes.some((s) => s.includes('.default')));
  });

  test('says which actions a token cannot do and why, accepting any permission a Graph page names', () => {
    const cannot = unavailableActions(['User.Read', 'Policy.Read.All', 'Application.Read.All']);
    const reportOnly = cannot.find((a) => a.action === 'ca-report-only');
    assert.deepEqual(reportOnly?.missing, ['Policy.ReadWrite.ConditionalAccess']);
    assert.match(reportOnly!.reason, /will not work/);
    assert.ok(!cannot.some((a) => a.action === 'confirm-access'));
    // user-update (passwordProfile): Directory.AccessAsUser.All, or User-PasswordProfile.ReadWrite.All on newer revisions.
    assert.deepEqual(missingScopes('password-reset', ['User-PasswordProfile.ReadWrite.All']), []);
    assert.deepEqual(unavailableActions(delegatedScopesToRequest()), []);
  });
});

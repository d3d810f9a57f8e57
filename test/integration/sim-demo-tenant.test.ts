/**
 * The built-in demo tenant (assets/demo-tenant.seed.json): it validates, its inventory file is
 * valid, a full read of it through the real Graph client (as the reader app, paging through every
 * collection) and through ARM gives back what the seed holds, and both break-glass accounts and
 * the break-glass app can sign in – the emergency path of a drill works.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { PageIterator, type Client, type PageCollection } from '@microsoft/microsoft-graph-client';
import { decodeJwt } from 'jose';

import { globalAdministratorRoleId } from '../../src/shared/directory-roles.ts';
import { Inventory } from '../../src/shared/inventory.ts';
import { loadSeedFile } from '../../src/sim/index.ts';
import { appGraphClient, confidentialClient, signInWithSecurityKey, simRequest, startTestSimulator } from '../helpers/sim.ts';

const assets = join(process.cwd(), 'assets');
const seed = loadSeedFile(join(assets, 'demo-tenant.seed.json'));
const inventory = Inventory.parse(JSON.parse(readFileSync(join(assets, 'demo-tenant.config.json'), 'utf8')));
// A small page size, so the full read also proves paging on every collection.
const sim = await startTestSimulator(seed, { pageSize: 5 });
const reader = appGraphClient(sim, inventory.reader!.appId);
const globalAdministrator = globalAdministratorRoleId;

type Item = Record<string, unknown>;

async function readAll(client: Client, path: string, select?: string): Promise<Item[]> {
  const items: Item[] = [];
  let request = client.api(path);
  if (select) request = request.select(select);
  const first = (await request.get()) as PageCollection;
  await new PageIterator(client, first, (item: Item) => {
    items.push(item);
    return true;
  }).iterate();
  return items;
}

/** Every property the seed states is what Graph returns (Graph may add defaults of its own). */
function assertServedAsSeeded(actual: unknown, expected: unknown, where: string): void {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    assert.ok(actual !== null && typeof actual === 'object', `${where} is an object`);
    for (const [key, value] of Object.entries(expected)) assertServedAsSeeded((actual as Item)[key], value, `${where}.${key}`);
    return;
  }
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${where} is an array`);
    assert.equal(actual.length, expected.length, `${where} has ${expected.length} items`);
    expected.forEach((value, index) => assertServedAsSeeded(actual[index], value, `${where}[${index}]`));
    return;
  }
  assert.deepEqual(actual, expected, where);
}

function byId(items: readonly Item[]): Map<string, Item> {
  return new Map(items.map((item) => [String(item['id']), item]));
}

/** The seed objects without the relationships the seed keeps inline (served on their own routes). */
function without<T extends object>(items: readonly T[], ...keys: string[]): Item[] {
  return items.map((item) => Object.fromEntries(Object.entries(item).filter(([key]) => !keys.includes(key))));
}

function assertCollection(actual: readonly Item[], expected: readonly Item[], what: string): void {
  const served = byId(actual);
  assert.deepEqual([...served.keys()].sort(), expected.map((e) => String(e['id'])).sort(), `every ${what} is served once`);
  for (const item of expected) assertServedAsSeeded(served.get(String(item['id'])), item, `${what} ${String(item['id'])}`);
}

describe('the demo tenant seed and its inventory file', () => {
  test('the seed validates and holds what a drill needs', () => {
    assert.equal(seed.tenant.id, inventory.tenantId);
    assert.ok(seed.conditionalAccessPolicies.length >= 30, 'about thirty Conditional Access policies');
    for (const account of inventory.accounts) {
      const user = seed.users.find((u) => u.id === account.id);
      assert.equal(user?.userPrincipalName, account.userPrincipalName);
      assert.ok(
        seed.simulator.securityKeys.some((k) => k.userId === account.id),
        `${account.userPrincipalName} has a key in the safe`,
      );
    }
    for (const appId of [inventory.app!.appId, inventory.reader!.appId])
      assert.ok(
        seed.simulator.credentials.some((c) => c.appId === appId),
        `${appId} has a certificate`,
      );
    assert.equal(seed.azure.subscriptions[0]?.subscriptionId, inventory.monitoring!.subscriptionIds[0]);
  });

  test('its README lists the planted problems by check id', () => {
    const readme = readFileSync(join(assets, 'demo-tenant.README.md'), 'utf8');
    for (const id of ['BG-CA-01', 'BG-CA-02', 'BG-CA-04', 'BG-USR-05', 'BG-APP-04', 'BG-MON-04', 'BG-MON-02'])
      assert.match(readme, new RegExp(`\\| ${id} \\|`));
  });
});

describe('a full read of the demo tenant gives back the seed', () => {
  test('users, with the properties the seed states', async () => {
    const properties = [...new Set(seed.users.flatMap((u) => Object.keys(u)))].filter(
      (k) => k !== 'authenticationMethods' && k !== '@odata.type',
    );
    assertCollection(
      await readAll(reader, '/users', properties.join(',')),
      without(seed.users, 'authenticationMethods', '@odata.type'),
      'user',
    );
  });

  test("each user's authentication methods", async () => {
    for (const user of seed.users)
      assertCollection(
        await readAll(reader, `/users/${user.id}/authentication/methods`),
        user.authenticationMethods ?? [],
        `${user.userPrincipalName} method`,
      );
  });

  test('domains, groups with their members and owners', async () => {
    assertCollection(await readAll(reader, '/domains'), seed.domains, 'domain');
    assertCollection(await readAll(reader, '/groups'), without(seed.groups, 'members', 'owners'), 'group');
    for (const group of seed.groups) {
      assert.deepEqual(
        (await readAll(reader, `/groups/${group.id}/members`)).map((m) => m['id']).sort(),
        [...group.members].sort(),
        `${group.displayName} members`,
      );
      assert.deepEqual(
        (await readAll(reader, `/groups/${group.id}/owners`)).map((m) => m['id']).sort(),
        [...group.owners].sort(),
        `${group.displayName} owners`,
      );
    }
  });

  test('every Conditional Access policy, exactly as seeded', async () => {
    assertCollection(await readAll(reader, '/identity/conditionalAccess/policies'), seed.conditionalAccessPolicies, 'policy');
  });

  test('PIM: assignment and eligibility schedules, role-management policies', async () => {
    assertCollection(
      await readAll(reader, '/roleManagement/directory/roleAssignmentSchedules'),
      seed.roleAssignmentSchedules,
      'assignment schedule',
    );
    assertCollection(
      await readAll(reader, '/roleManagement/directory/roleEligibilitySchedules'),
      seed.roleEligibilitySchedules,
      'eligibility schedule',
    );
    const assignments = await readAll(
      reader,
      "/policies/roleManagementPolicyAssignments?$filter=scopeId eq '/' and scopeType eq 'DirectoryRole'&$expand=policy($expand=rules)",
    );
    assertCollection(
      assignments.map(({ policy: _policy, ...rest }) => rest),
      seed.roleManagementPolicyAssignments,
      'policy assignment',
    );
    for (const assignment of assignments) {
      const policy = seed.roleManagementPolicies.find((p) => p.id === assignment['policyId'])!;
      assertServedAsSeeded(assignment['policy'], policy, `policy ${policy.id}`);
    }
  });

  test('the authentication-methods policy', async () => {
    const policy = (await reader.api('/policies/authenticationMethodsPolicy').get()) as { authenticationMethodConfigurations: Item[] };
    assertCollection(policy.authenticationMethodConfigurations, seed.authenticationMethodConfigurations, 'method configuration');
  });

  test('applications (with certificate keys on a single read), service principals and their app-role grants', async () => {
    const apps = await readAll(reader, '/applications');
    assertCollection(apps, without(seed.applications, 'owners', 'keyCredentials'), 'application');
    for (const app of seed.applications) {
      const single = (await reader.api(`/applications/${app.id}`).select('id,keyCredentials').get()) as Item;
      assertServedAsSeeded(single['keyCredentials'], app.keyCredentials, `${app.displayName} keyCredentials`);
      assert.deepEqual((await readAll(reader, `/applications/${app.id}/owners`)).map((o) => o['id']).sort(), [...app.owners].sort());
    }
    assertCollection(await readAll(reader, '/servicePrincipals'), without(seed.servicePrincipals, 'keyCredentials'), 'service principal');
    for (const principal of seed.servicePrincipals) {
      const grants = seed.appRoleAssignments.filter((g) => g.principalId === principal.id);
      assertCollection(
        await readAll(reader, `/servicePrincipals/${principal.id}/appRoleAssignments`),
        grants,
        `${principal.displayName} grant`,
      );
    }
  });

  test('the seeded sign-ins are in the log', async () => {
    // Beta, which has every field the seed records; without a filter it lists interactive user
    // sign-ins, the other kinds only through signInEventTypes (v1.0 has neither).
    const logged = new Map<string, Item>();
    for (const kind of ['interactiveUser', 'nonInteractiveUser', 'servicePrincipal', 'managedIdentity']) {
      const page = (await reader.api('/auditLogs/signIns').version('beta').filter(`signInEventTypes/any(t: t eq '${kind}')`).get()) as {
        value: Item[];
      };
      for (const record of page.value) logged.set(String(record['id']), record);
    }
    for (const record of seed.signIns) assertServedAsSeeded(logged.get(record.id), record, `sign-in ${record.id}`);
  });

  test('monitoring through ARM: diagnostic settings, alert rules, action groups', async () => {
    const token = (await confidentialClient(sim, inventory.reader!.appId).acquireTokenByClientCredential({
      scopes: ['https://management.azure.com/.default'],
    }))!.accessToken;
    const arm = async (path: string) => {
      const response = await simRequest(sim, path, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal(response.status, 200, `${path}: ${response.body.toString('utf8')}`);
      return JSON.parse(response.body.toString('utf8')) as { value: Item[]; nextLink?: string };
    };
    const armAll = async (path: string) => {
      const items: Item[] = [];
      for (let page = await arm(path); ; page = await arm(new URL(page.nextLink!).pathname + new URL(page.nextLink!).search)) {
        items.push(...page.value);
        if (!page.nextLink) return items;
      }
    };
    const subscription = inventory.monitoring!.subscriptionIds[0]!;
    assertCollection(
      await armAll('/providers/microsoft.aadiam/diagnosticSettings?api-version=2017-04-01'),
      seed.azure.diagnosticSettings,
      'diagnostic setting',
    );
    assertCollection(
      await armAll(`/subscriptions/${subscription}/providers/Microsoft.Insights/scheduledQueryRules?api-version=2023-12-01`),
      seed.azure.scheduledQueryRules,
      'alert rule',
    );
    assertCollection(
      await armAll(`/subscriptions/${subscription}/providers/Microsoft.Insights/actionGroups?api-version=2023-01-01`),
      seed.azure.actionGroups,
      'action group',
    );
  });
});

describe('the emergency path works in the demo tenant', () => {
  const custodianApp = seed.applications.find((a) => a.publicClient?.redirectUris.length)!;

  for (const account of inventory.accounts) {
    test(`${account.userPrincipalName} signs in with its security key and holds Global Administrator`, async () => {
      const keyIndex = seed.simulator.securityKeys.findIndex((k) => k.userId === account.id);
      const key = seed.simulator.securityKeys[keyIndex]!;
      const result = await signInWithSecurityKey(
        sim,
        custodianApp.appId,
        [{ key: String(keyIndex), pin: key.pin }],
        account.userPrincipalName,
      );
      assert.equal(result.account?.username, account.userPrincipalName);
      assert.ok((decodeJwt(result.accessToken)['wids'] as string[]).includes(globalAdministrator));
    });
  }

  test('the break-glass app gets an app-only token with its certificate', async () => {
    const result = await confidentialClient(sim, inventory.app!.appId).acquireTokenByClientCredential({
      scopes: ['https://graph.microsoft.com/.default'],
    });
    const claims = decodeJwt(result!.accessToken);
    assert.ok((claims['roles'] as string[]).includes('Directory.ReadWrite.All'));
    assert.ok((claims['wids'] as string[]).includes(globalAdministrator));
  });
});

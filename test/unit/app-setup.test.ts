import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { parseInventory } from '../../src/main/config/inventory-file.ts';
import { resolveDataLocation, userAppDataDir } from '../../src/main/config/locations.ts';
import { resolveAppSetup } from '../../src/main/services/app-setup.ts';
import { startAppServices } from '../../src/main/services/app-services.ts';
import { appStatus } from '../../src/main/services/app-setup.ts';
import { ActionableError } from '../../src/shared/actionable-error.ts';
import { tempDir } from '../helpers/temp.ts';

const tenantId = '11111111-2222-4333-8444-555555555555';
const validConfig = {
  tenantId,
  accounts: [{ userPrincipalName: 'bg1@contoso.onmicrosoft.com' }, { userPrincipalName: 'bg2@contoso.onmicrosoft.com' }],
};

function appDirWith(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const demoSeed = JSON.stringify({ tenant: { id: tenantId, displayName: 'Fabrikam Drill' } });

describe('inventory file', () => {
  test('a valid file gets the global cloud endpoints and a 90-day review interval by default', () => {
    const inventory = parseInventory(JSON.stringify(validConfig), 'breakglass.config.json');
    assert.equal(inventory.endpoints.authority, 'https://login.microsoftonline.com');
    assert.equal(inventory.endpoints.graph, 'https://graph.microsoft.com');
    assert.equal(inventory.reviewIntervalDays, 90);
  });

  const problems: ReadonlyArray<[string, string, RegExp]> = [
    ['malformed JSON', '{"tenantId": ', /x\.json is not valid JSON/],
    ['an unknown key', JSON.stringify({ ...validConfig, tenantID: tenantId }), /\$: Unrecognized key.*tenantID/],
    ['a tenant id that is not a GUID', JSON.stringify({ ...validConfig, tenantId: 'contoso' }), /\$\.tenantId: must be a GUID/],
    [
      'a bad account id',
      JSON.stringify({ ...validConfig, accounts: [{ userPrincipalName: 'a@b.c', id: 'x' }] }),
      /\$\.accounts\[0\]\.id: must be a GUID/,
    ],
    [
      'an http endpoint',
      JSON.stringify({ ...validConfig, endpoints: { authority: 'http://x', graph: 'https://g', arm: 'https://a' } }),
      /\$\.endpoints\.authority: must be an https:\/\/ URL/,
    ],
  ];
  for (const [label, text, message] of problems) {
    test(`${label} is refused with the file, the place and a next step`, () => {
      assert.throws(
        () => parseInventory(text, 'x.json'),
        (error: unknown) => error instanceof ActionableError && message.test(error.message) && error.nextStep.length > 0,
      );
    });
  }
});

describe('where the data lives', () => {
  test('a portable marker next to the app puts data in data/ beside it', () => {
    const appDir = appDirWith({ portable: '' });
    assert.deepEqual(resolveDataLocation({ appDir }), { dir: join(appDir, 'data'), mode: 'portable' });
  });
  test('without the marker, the OS user-data folder (as Electron names it) is used', () => {
    const facts = { platform: 'linux' as const, env: {}, homeDir: '/home/custodian' };
    const location = resolveDataLocation({ appDir: appDirWith({}), facts });
    assert.deepEqual(location, { dir: '/home/custodian/.config/Break-Glass Runbook', mode: 'user-data' });
    assert.equal(userAppDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/x' }, homeDir: '/h' }), '/x');
    assert.equal(userAppDataDir({ platform: 'darwin', env: {}, homeDir: '/Users/c' }), '/Users/c/Library/Application Support');
    assert.equal(
      userAppDataDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\c\\AppData\\Roaming' }, homeDir: 'C:\\Users\\c' }),
      'C:\\Users\\c\\AppData\\Roaming',
    );
  });
  test('a folder chosen at start wins', () => {
    assert.deepEqual(resolveDataLocation({ appDir: appDirWith({ portable: '' }), chosenDir: '/media/usb' }), {
      dir: '/media/usb',
      mode: 'chosen',
    });
  });
});

describe('which tenant the app works on', () => {
  const base = { host: 'web' as const, version: '1.0.0', redaction: 'development' as const };

  test('nothing configured: the built-in demo tenant, marked as simulated', () => {
    const appDir = appDirWith({ 'assets/demo-tenant.seed.json': demoSeed });
    const setup = resolveAppSetup({ ...base, appDir, dataDir: join(appDir, 'd') });
    assert.deepEqual(setup.tenant, {
      kind: 'demo',
      label: 'Demo tenant – simulated',
      tenantName: 'Fabrikam Drill',
      seedPath: join(appDir, 'assets/demo-tenant.seed.json'),
    });
  });

  test('no config and no demo seed: "No tenant configured" with what to do', () => {
    const setup = resolveAppSetup({ ...base, appDir: appDirWith({}) });
    assert.equal(setup.tenant.kind, 'none');
    assert.equal(setup.tenant.label, 'No tenant configured');
    assert.match(setup.tenant.kind === 'none' ? setup.tenant.nextStep : '', /breakglass\.config\.json/);
  });

  test('a config next to the app is used', () => {
    const appDir = appDirWith({ 'breakglass.config.json': JSON.stringify(validConfig), 'assets/demo-tenant.seed.json': demoSeed });
    const setup = resolveAppSetup({ ...base, appDir });
    assert.equal(setup.tenant.kind, 'configured');
    assert.equal(setup.inventory?.tenantId, tenantId);
  });

  test('a broken config next to the app does not stop the app: the problem is shown instead', () => {
    const appDir = appDirWith({ 'breakglass.config.json': '{ nope', 'assets/demo-tenant.seed.json': demoSeed });
    const setup = resolveAppSetup({ ...base, appDir, dataDir: join(appDir, 'd') });
    const services = startAppServices(setup);
    const status = appStatus(setup, services.journal.location());
    services.close();
    assert.equal(status.tenant.kind, 'none');
    assert.match(status.tenant.kind === 'none' ? (status.tenant.problem ?? '') : '', /is not valid JSON/);
  });

  test('an explicit --config that is broken stops the command with the problem', () => {
    const appDir = appDirWith({ 'bad.json': JSON.stringify({ tenantId: 'x' }) });
    assert.throws(() => resolveAppSetup({ ...base, appDir, configPath: join(appDir, 'bad.json') }), /\$\.tenantId: must be a GUID/);
    assert.throws(() => resolveAppSetup({ ...base, appDir, configPath: join(appDir, 'missing.json') }), /does not exist/);
  });

  test('--sim names the simulated tenant of that seed', () => {
    const appDir = appDirWith({ 'seed.json': demoSeed });
    const setup = resolveAppSetup({ ...base, appDir, simSeedPath: join(appDir, 'seed.json') });
    assert.equal(setup.tenant.kind, 'demo');
    assert.throws(() => resolveAppSetup({ ...base, appDir, simSeedPath: join(appDir, 'none.json') }), ActionableError);
  });

  test('the status names the journal file, where it lives and that it is ready', () => {
    const appDir = appDirWith({ portable: '' });
    const setup = resolveAppSetup({ ...base, appDir });
    const services = startAppServices(setup);
    const status = appStatus(setup, services.journal.location());
    services.close();
    assert.equal(status.journal.file, join(appDir, 'data', 'journal.sqlite3'));
    assert.equal(status.journal.mode, 'portable');
    assert.equal(status.journal.state, 'ready');
    assert.match(status.journal.detail, /nothing recorded yet/);
  });
});

describe('when no journal can be opened at all', () => {
  test('the app still answers, says the journal is unavailable and what to do', () => {
    const appDir = appDirWith({ blocked: 'a file where the data folder should be' });
    const setup = resolveAppSetup({ host: 'web', version: '1.0.0', redaction: 'development', appDir, dataDir: join(appDir, 'blocked') });
    const services = startAppServices(setup);
    try {
      const status = appStatus(setup, services.journal.location(), services.incident.openStatus());
      assert.equal(status.journal.state, 'unavailable');
      assert.match(status.journal.detail, /Keep a paper record/);
      assert.equal(status.incident, undefined, 'no incident can be read, and the status still answers');
      const overview = services.journal.overview();
      assert.equal(overview.state, 'unavailable');
      assert.ok(overview.state === 'unavailable' && overview.nextStep.length > 0);
      assert.throws(() => services.journal.verify(), ActionableError);
    } finally {
      services.close();
    }
  });
});

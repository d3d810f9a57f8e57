import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { rawRequest } from '../helpers/http.ts';
import { runCli, startWebCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

describe('breakglass CLI', () => {
  test('an unknown subcommand prints the usage and exits 2', () => {
    const result = runCli(['frobnicate']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /unknown command "frobnicate"/);
    assert.match(result.stderr, /Usage: breakglass <command>/);
  });

  test('no subcommand prints the usage and exits 2', () => {
    const result = runCli([]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /Usage:/);
  });

  test('help prints the usage and exits 0', () => {
    const result = runCli(['help']);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /web \[--config FILE\] \[--sim SEED\] \[--port N\]/);
  });

  test('web with an unknown option or a bad port exits 2 and says why', () => {
    const unknown = runCli(['web', '--colour']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /--colour/);
    const port = runCli(['web', '--port', 'eighty']);
    assert.equal(port.status, 2);
    assert.match(port.stderr, /--port must be a number/);
  });

  test('web with a malformed --config exits 2, naming the file and the problem', () => {
    const config = join(tempDir(), 'breakglass.config.json');
    writeFileSync(config, JSON.stringify({ tenantId: 'not-a-guid' }));
    const result = runCli(['web', '--config', config]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /\$\.tenantId: must be a GUID/);
    assert.match(result.stderr, /Next step:/);
    assert.equal(result.stdout, '');
  });

  test('web prints one URL line, serves the app there, and stops cleanly on SIGTERM', async () => {
    const web = await startWebCli(['--port', '0', '--data-dir', tempDir()]);
    try {
      assert.match(web.url, /^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+$/);
      const page = await rawRequest(web.port, { path: '/', headers: { Host: `127.0.0.1:${web.port}` } });
      assert.equal(page.status, 200);
      assert.match(page.body, /<div id="root">/);
      const status = await rawRequest(web.port, {
        method: 'POST',
        path: '/ipc/app:status',
        headers: { Host: `127.0.0.1:${web.port}`, Authorization: `Bearer ${web.token}` },
        body: '{}',
      });
      assert.equal(JSON.parse(status.body).value.tenant.label, 'Demo tenant – simulated');
    } finally {
      assert.equal(await web.stop(), 0);
    }
  });
});

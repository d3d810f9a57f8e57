import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { contentSecurityPolicy } from '../../src/shared/content-security-policy.ts';
import { startWebHost, type WebHost } from '../../src/main/host/web-host.ts';
import { createDispatcher } from '../../src/main/ipc/dispatch.ts';
import { createHandlers } from '../../src/main/ipc/handlers.ts';
import { startAppServices, type AppServices } from '../../src/main/services/app-services.ts';
import { resolveAppSetup } from '../../src/main/services/app-setup.ts';
import { rawRequest } from '../helpers/http.ts';
import { tempDir } from '../helpers/temp.ts';

describe('web host', () => {
  let host: WebHost;
  let services: AppServices;
  const root = tempDir();
  const rendererDir = join(root, 'renderer');

  before(async () => {
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Break-Glass Runbook</title>');
    writeFileSync(join(root, 'outside.txt'), 'outside the renderer');
    services = startAppServices(
      resolveAppSetup({ host: 'web', appDir: root, version: '1.2.3', dataDir: join(root, 'data'), redaction: 'development' }),
    );
    host = await startWebHost({ rendererDir, dispatch: createDispatcher(createHandlers(services)) });
  });
  after(async () => {
    await host.close();
    services.close();
  });

  const api = (headers: Record<string, string>, body = '{}', channel = 'app:status') =>
    rawRequest(host.port, {
      method: 'POST',
      path: `/ipc/${channel}`,
      headers: { Host: `127.0.0.1:${host.port}`, 'Content-Type': 'application/json', ...headers },
      body,
    });
  const withToken = () => ({ Authorization: `Bearer ${host.token}` });

  test('listens on 127.0.0.1 and prints a URL carrying the token in the fragment', () => {
    assert.match(host.url, new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/#token=[A-Za-z0-9_-]{43}$`));
  });

  test('answers the app with the token', async () => {
    const response = await api(withToken());
    assert.equal(response.status, 200);
    const envelope = JSON.parse(response.body);
    assert.equal(envelope.ok, true);
    assert.equal(envelope.value.product.version, '1.2.3');
  });

  test('refuses a request without the token', async () => {
    const response = await api({});
    assert.equal(response.status, 401);
    assert.match(JSON.parse(response.body).error.message, /does not carry the token/);
  });

  test('refuses a wrong token, including one of the same length', async () => {
    assert.equal((await api({ Authorization: 'Bearer nope' })).status, 401);
    assert.equal((await api({ Authorization: `Bearer ${'x'.repeat(host.token.length)}` })).status, 401);
    assert.equal((await api({ Authorization: host.token })).status, 401);
  });

  test('refuses a foreign Origin even with the token', async () => {
    const response = await api({ ...withToken(), Origin: 'https://evil.example' });
    assert.equal(response.status, 403);
    assert.match(JSON.parse(response.body).error.message, /evil\.example/);
    assert.equal((await api({ ...withToken(), Origin: `http://127.0.0.1:${host.port + 1}` })).status, 403);
    assert.equal((await api({ ...withToken(), Origin: 'null' })).status, 403);
  });

  test('accepts its own Origin', async () => {
    assert.equal((await api({ ...withToken(), Origin: `http://127.0.0.1:${host.port}` })).status, 200);
    assert.equal((await api({ ...withToken(), Origin: `http://localhost:${host.port}` })).status, 200);
  });

  for (const hostHeader of ['evil.example', 'evil.example:80', '192.168.1.10', `attacker.test:PORT`, '127.0.0.1']) {
    test(`refuses the non-loopback or wrong Host header "${hostHeader}", for pages and API alike`, async () => {
      const Host = hostHeader.replace('PORT', '0');
      assert.equal((await api({ ...withToken(), Host })).status, 403);
      assert.equal((await rawRequest(host.port, { path: '/', headers: { Host } })).status, 403);
    });
  }

  test('serves the page with the CSP and anti-framing headers', async () => {
    const response = await rawRequest(host.port, { path: '/', headers: { Host: `localhost:${host.port}` } });
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-security-policy'], contentSecurityPolicy);
    assert.equal(response.headers['x-frame-options'], 'DENY');
    assert.match(response.body, /Break-Glass Runbook/);
  });

  for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/..%2foutside.txt', '/assets/../../outside.txt', '/missing.js']) {
    test(`does not serve ${path}`, async () => {
      const response = await rawRequest(host.port, { path, headers: { Host: `127.0.0.1:${host.port}` } });
      assert.equal(response.status, 404);
      assert.doesNotMatch(response.body, /outside the renderer/);
    });
  }

  test('an unknown channel and a malformed payload are rejected with a clear error', async () => {
    const unknown = await api(withToken(), '{}', 'shell:openExternal');
    assert.equal(unknown.status, 404);
    assert.equal(JSON.parse(unknown.body).error.code, 'unknown-channel');
    const malformed = await api(withToken(), '{"id":"wipe-tenant"}', 'app:describeCapability');
    assert.equal(malformed.status, 400);
    assert.equal(JSON.parse(malformed.body).error.code, 'invalid-input');
    const notJson = await api(withToken(), '{', 'app:status');
    assert.equal(notJson.status, 400);
  });

  test('the API answers only POST', async () => {
    const response = await rawRequest(host.port, { path: '/ipc/app:status', headers: { Host: `127.0.0.1:${host.port}`, ...withToken() } });
    assert.equal(response.status, 405);
  });

  test('every launch has its own token', async () => {
    const other = await startWebHost({ rendererDir, dispatch: createDispatcher({} as never) });
    try {
      assert.notEqual(other.token, host.token);
    } finally {
      await other.close();
    }
  });
});

/**
 * What a handler's refusal and an unexpected failure look like over IPC (docs/architecture.md,
 * "The web host", "The IPC contract"): a refusal on purpose is a 4xx with the handler's message
 * and next step, a failure is a 500 with a plain message and no stack, and the Electron path
 * carries the same kinds.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import type { IpcMainInvokeEvent } from 'electron';

import { registerIpc } from '../../src/main/electron/ipc.ts';
import { startWebHost, type WebHost } from '../../src/main/host/web-host.ts';
import { createDispatcher } from '../../src/main/ipc/dispatch.ts';
import { createHandlers } from '../../src/main/ipc/handlers.ts';
import { startAppServices, type AppServices } from '../../src/main/services/app-services.ts';
import { resolveAppSetup } from '../../src/main/services/app-setup.ts';
import { createIpcClient } from '../../src/renderer/app/ipc-client.ts';
import { IpcError, type IpcEnvelope } from '../../src/shared/ipc/errors.ts';
import { rawRequest, type RawResponse } from '../helpers/http.ts';
import { tempDir } from '../helpers/temp.ts';

function startServices(root: string): AppServices {
  return startAppServices(
    resolveAppSetup({ host: 'web', appDir: root, version: '1.2.3', dataDir: join(root, 'data'), redaction: 'development' }),
  );
}

describe('web host: refusals and failures', () => {
  let host: WebHost;
  let services: AppServices;
  const root = tempDir();
  const rendererDir = join(root, 'renderer');

  before(async () => {
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Break-Glass Runbook</title>');
    services = startServices(root);
    host = await startWebHost({ rendererDir, dispatch: createDispatcher(createHandlers(services)) });
  });
  after(async () => {
    await host.close();
    services.close();
  });

  const call = (channel: string, input: unknown, on: WebHost = host): Promise<RawResponse> =>
    rawRequest(on.port, {
      method: 'POST',
      path: `/ipc/${channel}`,
      headers: { Host: `127.0.0.1:${on.port}`, 'Content-Type': 'application/json', Authorization: `Bearer ${on.token}` },
      body: typeof input === 'string' ? input : JSON.stringify(input),
    });
  const errorOf = (response: RawResponse) => (JSON.parse(response.body) as Extract<IpcEnvelope, { ok: false }>).error;

  test('"no incident is open" is a 409 refusal with the handler’s message and next step', async () => {
    const response = await call('incident:note', { text: 'the safe is open' });
    assert.equal(response.status, 409);
    assert.deepEqual(errorOf(response), {
      code: 'refused',
      message: 'No incident is open.',
      nextStep: 'Open one from the home screen: Incident.',
    });
  });

  test('a step that is not the current one is a 409 refusal that says so', async () => {
    const opened = await call('incident:open', { custodian: 'Ada Custodian', scenario: 'ca-lockout' });
    assert.equal(opened.status, 200, opened.body);
    try {
      const response = await call('incident:show', { step: 'confirm-access' });
      assert.equal(response.status, 409);
      const error = errorOf(response);
      assert.equal(error.code, 'refused');
      assert.equal(error.nextStep, 'Finish the step on screen first.');
      assert.match(error.message, /^Steps are done in order: first /);
    } finally {
      await call('incident:close', { classification: 'drill', summary: 'Refusal test.' });
    }
  });

  test('a sign-in from the home screen while an incident is open is a 409 refusal that offers Resume, and no session is opened', async () => {
    const opened = await call('incident:open', { custodian: 'Ada Custodian', scenario: 'ca-lockout' });
    assert.equal(opened.status, 200, opened.body);
    try {
      const sessions = () => {
        const overview = services.journal.overview();
        return overview.state === 'ready' ? overview.sessions.length : -1;
      };
      const sessionsBefore = sessions();
      const response = await call('signIn:start', {
        reason: 'Looking at the tenant',
        request: { method: 'security-key', userPrincipalName: 'breakglass1@contoso.onmicrosoft.com', custodian: 'Ada Custodian' },
      });
      assert.equal(response.status, 409, response.body);
      assert.deepEqual(errorOf(response), {
        code: 'refused',
        message: "An incident is open: a sign-in from here would replace the incident's own sign-in.",
        nextStep: "Resume the incident and sign in from its step (it records the sign-in in the incident's journal session).",
      });
      assert.ok(sessionsBefore > 0);
      assert.equal(sessions(), sessionsBefore, 'no sign-in session was opened');
    } finally {
      await call('incident:close', { classification: 'drill', summary: 'Refusal test.' });
    }
  });

  test('a runbook that does not fit the format is a 422 refusal naming the field, and nothing is saved', async () => {
    const before = JSON.parse((await call('settings:runbook', {})).body).value;
    const response = await call('settings:saveRunbook', { content: { version: 1, organisation: 42 } });
    assert.equal(response.status, 422);
    const error = errorOf(response);
    assert.equal(error.code, 'input-refused');
    assert.match(error.message, /^The runbook was not saved: it does not match the runbook format: .*\$\.organisation/);
    assert.match(error.nextStep, /Correct the fields named, then save again\./);
    assert.deepEqual(JSON.parse((await call('settings:runbook', {})).body).value, before);
  });

  test('a malformed address is a 400, not a failure of the app', async () => {
    for (const path of ['/ipc/%E0%A4%A', '/ipc/app%3Astatus%', '//[::1']) {
      const response = await rawRequest(host.port, {
        method: 'POST',
        path,
        headers: { Host: `127.0.0.1:${host.port}`, Authorization: `Bearer ${host.token}` },
        body: '{}',
      });
      assert.equal(response.status, 400, path);
      assert.equal(errorOf(response).code, 'invalid-input');
      assert.match(errorOf(response).message, /address of this request is malformed/);
    }
  });

  test('unknown key names are echoed cut short, so a hostile body cannot make the answer huge', async () => {
    const longKey = 'k'.repeat(100_000);
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`${'x'.repeat(5000)}${i}`, i]));
    for (const body of [{ [longKey]: 1 }, many]) {
      const response = await call('app:status', body);
      assert.equal(response.status, 400);
      const error = errorOf(response);
      assert.equal(error.code, 'invalid-input');
      assert.match(error.message, /unknown keys? "(k|x)+…"/);
      assert.ok(response.body.length < 1000, `answer of ${response.body.length} characters`);
    }
    assert.match(errorOf(await call('app:status', many)).message, /\(and 45 more\)/);
    // A short unknown key is named in full.
    assert.match(errorOf(await call('app:status', { wipe: true })).message, /\(input\): unknown key "wipe"/);
  });

  test('an unexpected failure stays a 500 with a plain message and no stack', async () => {
    const brokenRoot = tempDir();
    const broken = startServices(brokenRoot);
    const brokenHost = await startWebHost({ rendererDir, dispatch: createDispatcher(createHandlers(broken)) });
    try {
      // The journal's database is closed under the handler: nothing it could have refused on purpose.
      broken.close();
      const response = await call('journal:overview', {}, brokenHost);
      assert.equal(response.status, 500);
      const error = errorOf(response);
      assert.equal(error.code, 'handler-failed');
      assert.match(error.message, /^"journal:overview" failed unexpectedly/);
      assert.equal(error.nextStep, 'Try again. If it keeps failing, restart the app; your journal is kept.');
      assert.doesNotMatch(response.body, /\bat .+\.(ts|js):\d+|\\n/);
    } finally {
      await brokenHost.close();
    }
  });

  test('the renderer’s client throws the refusal as an IpcError with the handler’s message', async () => {
    const client = createIpcClient(async (channel, input) => JSON.parse((await call(channel, input)).body) as IpcEnvelope);
    await assert.rejects(
      client.invoke('incident:note', { text: 'the safe is open' }),
      (error: unknown) => error instanceof IpcError && error.code === 'refused' && error.message === 'No incident is open.',
    );
  });

  test('the Electron path answers the same kinds', async () => {
    const handlers = new Map<string, (event: IpcMainInvokeEvent, input: unknown) => Promise<IpcEnvelope>>();
    registerIpc(
      { handle: (channel: string, h: never) => handlers.set(channel, h) } as never,
      createDispatcher(createHandlers(services)),
      () => true,
    );
    const event = { senderFrame: { url: 'app://renderer/index.html' }, sender: { id: 1 } } as unknown as IpcMainInvokeEvent;
    const refused = await handlers.get('incident:note')!(event, { text: 'the safe is open' });
    assert.deepEqual(refused, {
      ok: false,
      error: { code: 'refused', message: 'No incident is open.', nextStep: 'Open one from the home screen: Incident.' },
    });
    const input = await handlers.get('settings:saveRunbook')!(event, { content: {} });
    assert.equal(!input.ok && input.error.code, 'input-refused');
  });
});

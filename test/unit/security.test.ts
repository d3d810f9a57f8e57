// The Electron security checklist, item by item, against the pure configuration in
// src/main/electron/security.ts (no Electron binary needed: the Electron objects are recorders).
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import type { BrowserWindowConstructorOptions, IpcMainInvokeEvent, Session, WebContents } from 'electron';

import { registerIpc } from '../../src/main/electron/ipc.ts';
import {
  appEntryUrl,
  createMainWindow,
  hardenSession,
  hardenWebContents,
  isAllowedExternalUrl,
  isTrustedSenderUrl,
  privilegedSchemes,
  registerAppProtocol,
} from '../../src/main/electron/security.ts';
import { contentSecurityPolicy, contentSecurityPolicyMeta } from '../../src/shared/content-security-policy.ts';
import { createDispatcher } from '../../src/main/ipc/dispatch.ts';
import { createHandlers } from '../../src/main/ipc/handlers.ts';
import { channelNames } from '../../src/shared/ipc/channels.ts';
import type { IpcEnvelope } from '../../src/shared/ipc/errors.ts';
import { startTestServices } from '../helpers/services.ts';

function windowOptions(devTools = false): BrowserWindowConstructorOptions {
  let recorded: BrowserWindowConstructorOptions | undefined;
  class RecordingWindow {
    constructor(options: BrowserWindowConstructorOptions) {
      recorded = options;
    }
  }
  createMainWindow(RecordingWindow, { preloadPath: '/app/dist/preload/index.cjs', devTools });
  assert.ok(recorded);
  return recorded;
}

describe('the window (checklist items 2–4, 6, 8–11)', () => {
  const prefs = windowOptions().webPreferences ?? {};
  const expected: Record<string, unknown> = {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
  };
  for (const [option, value] of Object.entries(expected)) {
    test(`webPreferences.${option} is ${String(value)}`, () => {
      assert.equal((prefs as Record<string, unknown>)[option], value);
    });
  }
  test('no Blink features are enabled, and the preload is the bundled file', () => {
    assert.equal(prefs.enableBlinkFeatures, undefined);
    assert.equal(prefs.preload, '/app/dist/preload/index.cjs');
  });
  test('devTools follow the packaged flag', () => {
    assert.equal(windowOptions(false).webPreferences?.devTools, false);
    assert.equal(windowOptions(true).webPreferences?.devTools, true);
  });
  test('the window stays hidden until its page is ready', () => {
    assert.equal(windowOptions().show, false);
  });
});

describe('Content-Security-Policy (item 7)', () => {
  const directives = new Map(
    contentSecurityPolicy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
  test('denies by default and allows scripts only from the app itself', () => {
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('script-src'), ["'self'"]);
    assert.deepEqual(directives.get('object-src'), ["'none'"]);
    assert.deepEqual(directives.get('frame-ancestors'), ["'none'"]);
  });
  test('the page cannot connect anywhere but the app (Graph is called from main)', () => {
    assert.deepEqual(directives.get('connect-src'), ["'self'"]);
  });
  test('no unsafe-inline, unsafe-eval, wildcard or remote origin anywhere', () => {
    assert.doesNotMatch(contentSecurityPolicy, /unsafe-|\*|https?:/);
  });
  test('the meta-tag variant differs only by frame-ancestors, which meta tags cannot carry', () => {
    assert.equal(contentSecurityPolicyMeta, contentSecurityPolicy.replace("; frame-ancestors 'none'", ''));
  });
  test('the built index.html carries the policy in a meta tag', () => {
    const html = readFileSync('dist/renderer/index.html', 'utf8').replaceAll('&#39;', "'");
    assert.ok(html.includes(`content="${contentSecurityPolicyMeta}"`), 'run npm run build first');
  });
});

class FakeWebContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
}

function preventable() {
  return {
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

describe('navigation, new windows and webviews (items 12–15)', () => {
  const contents = new FakeWebContents();
  const opened: string[] = [];
  hardenWebContents(contents as unknown as WebContents, async (url) => {
    opened.push(url);
  });

  for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
    test(`${event} is always prevented`, () => {
      const e = preventable();
      contents.emit(event, e, 'https://learn.microsoft.com/');
      assert.equal(e.prevented, true);
    });
  }

  test('every new window is denied; an allowed link goes to the system browser instead', () => {
    opened.length = 0;
    assert.deepEqual(contents.openHandler?.({ url: 'https://learn.microsoft.com/entra/' }), { action: 'deny' });
    assert.deepEqual(opened, ['https://learn.microsoft.com/entra/']);
  });

  test('the emergency sign-in page of Microsoft Entra opens in the system browser', () => {
    assert.equal(
      isAllowedExternalUrl('https://login.microsoftonline.com/7d3e1f0a-5b2c-4c8e-9a41-2f6d8b0c9e13/oauth2/v2.0/authorize?client_id=x'),
      true,
    );
  });

  for (const url of [
    'https://127.0.0.1:8443/7d3e1f0a-5b2c-4c8e-9a41-2f6d8b0c9e13/oauth2/v2.0/authorize',
    'http://login.microsoftonline.com/',
    'http://learn.microsoft.com/',
    'https://evil.example/',
    'https://learn.microsoft.com.evil.example/',
    'https://user:pw@learn.microsoft.com/',
    'https://learn.microsoft.com:8443/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'app://renderer/index.html',
    'not a url',
  ]) {
    test(`a link to ${url} is neither opened in the app nor handed to the OS`, () => {
      opened.length = 0;
      assert.deepEqual(contents.openHandler?.({ url }), { action: 'deny' });
      assert.deepEqual(opened, []);
      assert.equal(isAllowedExternalUrl(url), false);
    });
  }
});

describe('permissions and headers of the session (items 5, 7)', () => {
  type Recorded = {
    request?: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void;
    check?: (wc: unknown, permission: string) => boolean;
    device?: () => boolean;
    headers?: (details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void;
  };
  const recorded: Recorded = {};
  const fakeSession = {
    setPermissionRequestHandler: (handler: Recorded['request']) => (recorded.request = handler),
    setPermissionCheckHandler: (handler: Recorded['check']) => (recorded.check = handler),
    setDevicePermissionHandler: (handler: Recorded['device']) => (recorded.device = handler),
    webRequest: { onHeadersReceived: (handler: Recorded['headers']) => (recorded.headers = handler) },
  };
  hardenSession(fakeSession as unknown as Session);

  for (const permission of ['media', 'notifications', 'geolocation', 'openExternal', 'clipboard-read', 'hid']) {
    test(`a request for "${permission}" is denied`, () => {
      let granted: boolean | undefined;
      recorded.request?.({}, permission, (value) => (granted = value));
      assert.equal(granted, false);
    });
  }
  test('permission checks and device access are denied', () => {
    for (const permission of ['media', 'clipboard-read', 'notifications']) assert.equal(recorded.check?.({}, permission), false);
    assert.equal(recorded.device?.(), false);
  });
  test('only writing plain text to the clipboard (the Copy buttons) is allowed', () => {
    let granted: boolean | undefined;
    recorded.request?.({}, 'clipboard-sanitized-write', (value) => (granted = value));
    assert.equal(granted, true);
    assert.equal(recorded.check?.({}, 'clipboard-sanitized-write'), true);
  });
  test('every response gets the Content-Security-Policy header', () => {
    let result: { responseHeaders: Record<string, string[]> } | undefined;
    recorded.headers?.({ responseHeaders: { 'X-Other': ['1'] } }, (r) => (result = r as typeof result));
    assert.deepEqual(result?.responseHeaders['Content-Security-Policy'], [contentSecurityPolicy]);
    assert.deepEqual(result?.responseHeaders['X-Other'], ['1']);
  });
});

describe('the app:// protocol (items 1, 18)', () => {
  const root = mkdtempSync(join(tmpdir(), 'bg-protocol-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, '..', 'secret.txt'), 'not for the page');
  let handler: ((request: Request) => Promise<Response>) | undefined;
  registerAppProtocol({ handle: (_scheme: string, h: (request: Request) => Promise<Response>) => (handler = h) } as never, root);

  test('serves the entry page with the CSP header', async () => {
    const response = await handler!(new Request(appEntryUrl));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('Content-Security-Policy'), contentSecurityPolicy);
    assert.match(response.headers.get('Content-Type') ?? '', /text\/html/);
  });
  test('serves assets', async () => {
    assert.equal((await handler!(new Request('app://renderer/assets/app.js'))).status, 200);
  });
  for (const url of [
    'app://renderer/%2e%2e/secret.txt',
    'app://renderer/..%2fsecret.txt',
    'app://other/index.html',
    'app://renderer/missing.js',
  ]) {
    test(`refuses ${url}`, async () => {
      assert.equal((await handler!(new Request(url))).status, 404);
    });
  }
  test('the scheme is registered as standard and secure, with no CSP bypass', () => {
    assert.deepEqual(privilegedSchemes, [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });
});

describe('IPC senders (item 17)', () => {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, input: unknown) => Promise<IpcEnvelope>>();
  const dispatch = createDispatcher(createHandlers(startTestServices()));
  const ownId = 7;
  registerIpc({ handle: (channel: string, h: never) => handlers.set(channel, h) } as never, dispatch, (event) => event.sender.id === ownId);
  const event = (url: string | undefined, senderId = ownId) =>
    ({ senderFrame: url === undefined ? null : { url }, sender: { id: senderId } }) as unknown as IpcMainInvokeEvent;

  test('one handler is registered per contract channel, and no other', () => {
    assert.deepEqual([...handlers.keys()].sort(), [...channelNames].sort());
  });
  test('the app page in our window is served', async () => {
    assert.equal((await handlers.get('app:status')!(event('app://renderer/index.html'), {})).ok, true);
  });
  for (const [label, ev] of [
    ['a remote page', event('https://evil.example/')],
    ['a file:// page', event('file:///tmp/x.html')],
    ['a frame without URL', event(undefined)],
    ['the app page in a window we did not create', event('app://renderer/index.html', 99)],
  ] as const) {
    test(`${label} is refused`, async () => {
      const envelope = await handlers.get('app:status')!(ev, {});
      assert.equal(envelope.ok, false);
      assert.equal(!envelope.ok && envelope.error.code, 'forbidden-sender');
    });
  }
  test('isTrustedSenderUrl accepts only the app origin', () => {
    assert.equal(isTrustedSenderUrl('app://renderer/index.html#x'), true);
    assert.equal(isTrustedSenderUrl('app://renderer.evil/index.html'), false);
    assert.equal(isTrustedSenderUrl('http://127.0.0.1:3000/'), false);
  });
});

// Item 19, the fuses flipped at packaging, is checked against electron-builder itself in packaging.test.ts.

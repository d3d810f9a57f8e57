/**
 * Security of the desktop shell – every item of the Electron security checklist that applies,
 * in one place (https://www.electronjs.org/docs/latest/tutorial/security, items 1–20; the
 * numbers below refer to that list). Do not change anything here without re-reading it.
 *
 * This file imports only Electron's *types*: the Electron objects are passed in, so the policy
 * and the hardening functions are tested in plain Node where no Electron binary exists.
 */
import { readFile } from 'node:fs/promises';

import type { BrowserWindowConstructorOptions, CustomScheme, IpcMainInvokeEvent, Protocol, Session, WebContents } from 'electron';

import { contentSecurityPolicy } from '../../shared/content-security-policy.ts';
import { resolveStaticFile } from '../static-files.ts';

//#region Security – do not change without the checklist

/** The UI is served from this custom protocol, never from file:// or the network (items 1, 18). */
export const appScheme = 'app';
export const appHost = 'renderer';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

// Item 7: the strict Content-Security-Policy is src/shared/content-security-policy.ts (the web host and the built page use it too).

/** Registered before `app.ready`: standard + secure so the origin is stable and fetch works. */
export const privilegedSchemes: CustomScheme[] = [
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
];

/**
 * Items 2, 3, 4, 6, 8, 9, 10, 11: the one window, with its web preferences written out literally
 * (so static analysers such as Electronegativity read them). The constructor is passed in; tests
 * hand a recorder and assert every option.
 */
export function createMainWindow<W>(
  BrowserWindowClass: new (options: BrowserWindowConstructorOptions) => W,
  options: { readonly preloadPath: string; readonly devTools: boolean },
): W {
  return new BrowserWindowClass({
    width: 1100,
    height: 780,
    minWidth: 720,
    minHeight: 560,
    show: false,
    title: 'Break-Glass Runbook',
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preloadPath,
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
      spellcheck: false,
      safeDialogs: true,
      // A middle click would otherwise try to open a link in a new window (denied anyway).
      disableBlinkFeatures: 'Auxclick',
      devTools: options.devTools,
    },
  });
}

/**
 * Item 15: the only places a link may open, in the system browser. Microsoft's documentation and
 * admin portals (a custodian may need them mid-incident), and Microsoft Entra's sign-in service of
 * the global and national clouds (the emergency sign-in screen's "open the sign-in page again");
 * nothing over plain http.
 */
export const externalLinkHosts: ReadonlySet<string> = new Set([
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.partner.microsoftonline.cn',
  'learn.microsoft.com',
  'entra.microsoft.com',
  'portal.azure.com',
  'admin.microsoft.com',
  'status.cloud.microsoft',
]);

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    externalLinkHosts.has(parsed.hostname)
  );
}

/** Item 17: only the app's own page, in a frame of a window we created, may call main. */
export function isTrustedSenderUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    // Compared by parts: URL.origin is "null" for schemes the URL parser does not know as special.
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost;
  } catch {
    return false;
  }
}

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  return isTrustedSenderUrl(event.senderFrame?.url);
}

/**
 * Item 5: deny every permission the page might ask for (camera, notifications, HID, reading the
 * clipboard …) except writing plain text to the clipboard, which the Copy buttons need for hashes.
 */
export const grantedPermissions: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(grantedPermissions.has(permission)));
  session.setPermissionCheckHandler((_contents, permission) => grantedPermissions.has(permission));
  session.setDevicePermissionHandler(() => false);
  // Item 7 again, as a header for everything the session loads (the page also carries a meta tag).
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] },
    });
  });
}

/** Items 12, 13, 14, 15: no navigation, no new windows, no webviews; allowed links go to the OS browser. */
export function hardenWebContents(contents: WebContents, openExternal: (url: string) => Promise<void>): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) {
      openExternal(url).catch(() => undefined);
    }
    return { action: 'deny' };
  });
}

/** Item 18: the `app://` protocol serves the built renderer only, refusing path traversal. */
export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    const file = url.host === appHost ? resolveStaticFile(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(await readFile(file.path), {
      headers: {
        'Content-Type': file.contentType,
        'Content-Security-Policy': contentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}

/**
 * Item 19: Electron fuses flipped on the packaged binary (electron-builder.yml `electronFuses`,
 * checked against this list by a test). RunAsNode and the inspect/NODE_OPTIONS fuses off so the
 * binary cannot be turned into a general Node runtime; only load the app from its asar, with
 * integrity checked; the file protocol gets no extra privileges because the UI uses app://.
 */
export const requiredFuses = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
} as const;

//#endregion

/**
 * The desktop app's entry point: one hardened window showing the built renderer over app://,
 * wired to the same handler table the web host serves.
 */
import { join } from 'node:path';

import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';

import { ActionableError } from '../../shared/actionable-error.ts';
import { packagedAppDir } from '../config/locations.ts';
import { probeSqlite } from '../db/sqlite.ts';
import { createDispatcher } from '../ipc/dispatch.ts';
import { createHandlers } from '../ipc/handlers.ts';
import { startAppServices } from '../services/app-services.ts';
import { resolveAppSetup } from '../services/app-setup.ts';
import { registerIpc } from './ipc.ts';
import { appEntryUrl, createMainWindow, hardenSession, hardenWebContents, privilegedSchemes, registerAppProtocol } from './security.ts';

// Must happen before `ready`.
protocol.registerSchemesAsPrivileged(privilegedSchemes);

let mainWindow: BrowserWindow | null = null;

function showMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/** Where the user's files (config, portable marker) sit: the project folder, or the folder the packaged app is seen in. */
function userFacingAppDir(): string {
  if (!app.isPackaged) return app.getAppPath();
  return packagedAppDir({ platform: process.platform, env: process.env, exePath: app.getPath('exe') });
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  const resourceDir = app.getAppPath();
  registerAppProtocol(protocol, join(resourceDir, 'dist', 'renderer'));

  // The native SQLite module must load before anything is journaled; say so plainly if not.
  const sqlite = probeSqlite(process.env['BREAKGLASS_SQLITE_BINDING']);
  if (!sqlite.ok) {
    dialog.showErrorBox('The journal database cannot be opened', `${sqlite.message}\n\n${sqlite.nextStep}`);
  }

  const services = startAppServices(
    resolveAppSetup({
      host: 'electron',
      appDir: userFacingAppDir(),
      resourceDir,
      version: app.getVersion(),
      // Undeclared secret-looking journal values: refused loudly while developing, redacted for custodians.
      redaction: app.isPackaged ? 'production' : 'development',
      nativeBinding: process.env['BREAKGLASS_SQLITE_BINDING'],
    }),
    // The security-key page opens in the system browser, where FIDO2 keys work natively.
    { openExternal: (url) => shell.openExternal(url) },
  );
  app.on('will-quit', () => void services.close());
  const dispatch = createDispatcher(createHandlers(services));

  mainWindow = createMainWindow(BrowserWindow, {
    preloadPath: join(__dirname, '..', 'preload', 'index.cjs'),
    devTools: !app.isPackaged,
  });
  const windowContentsId = mainWindow.webContents.id;
  registerIpc(ipcMain, dispatch, (event) => event.sender.id === windowContentsId);
  mainWindow.once('ready-to-show', showMainWindow);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  await mainWindow.loadURL(appEntryUrl);
}

if (!app.requestSingleInstanceLock()) {
  // Another copy is open: it gets focus (second-instance below), this one leaves quietly.
  app.quit();
} else {
  app.on('second-instance', showMainWindow);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, (url) => shell.openExternal(url)));
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start, (error: unknown) => {
    const message = error instanceof ActionableError ? `${error.message}\n\n${error.nextStep}` : String(error);
    dialog.showErrorBox('Break-Glass Runbook could not start', message);
    app.quit();
  });
}

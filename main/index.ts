/**
 * The Electron entry point: the only place that starts things. It hardens Electron, builds the app core
 * (main/app/core.ts) with the Electron-backed pieces, connects IPC and opens the window.
 *
 * Everything with a decision in it lives in plain modules (main/app, main/ipc, main/session, …) and is
 * tested without Electron; what is left here is glue.
 */
import path from 'node:path';
import { app, ipcMain, powerMonitor, session as electronSession, shell, type BrowserWindow } from 'electron';
import { appOrigin } from './app/app-origin';
import { keepCookieJarEmpty } from './app/cookie-guard';
import { AppCore } from './app/core';
import { startEmbeddedEmulator } from './app/embedded-emulator';
import { endpointEnvironmentVariable } from './app/endpoint-choice';
import { connectEndpoint } from './app/wiring';
import { pushState, registerIpcHandlers } from './ipc/electron';
import { createIpcRouter } from './ipc/router';
import { createLogger } from './log';
import { registerAppSchemeAsPrivileged, serveRendererFiles } from './protocol';
import { Vault } from './vault/vault';
import { createMainWindow, denyAllPermissions, guardWebContents } from './window';

/** In-memory partition (no `persist:` prefix): nothing the page stores survives a restart. */
const partition = 'kratos-desktop';
const userDataEnvironmentVariable = 'KRATOS_DESKTOP_USER_DATA';
const log = createLogger();

// Tests (and people running two profiles) point userData elsewhere: settings, emulator data, and the
// single-instance lock live there. Must precede the lock.
const userDataOverride = process.env[userDataEnvironmentVariable];
if (userDataOverride) app.setPath('userData', path.resolve(userDataOverride));

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the keychain entries and the emulator's port; it gets focused instead.
  app.quit();
} else {
  // Before `ready`: every renderer sandboxed, and app:// registered as a privileged scheme.
  app.enableSandbox();
  registerAppSchemeAsPrivileged();
  void app.whenReady().then(main, (error: unknown) => fail(error));
}

async function main(): Promise<void> {
  const distDir = path.join(__dirname, '..');
  const session = electronSession.fromPartition(partition);
  denyAllPermissions(session, log);
  await keepCookieJarEmpty(session.cookies, log);
  serveRendererFiles(session, path.join(distDir, 'renderer'), log);

  const vault = await Vault.open({ service: app.getName() });
  const core = await AppCore.start({
    userDataDir: app.getPath('userData'),
    environmentUrl: process.env[endpointEnvironmentVariable],
    keychain: vault,
    startEmulator: ({ dataDir }) => startEmbeddedEmulator(dataDir, log),
    connect: connectEndpoint,
    openExternal: (url) => shell.openExternal(url),
    log,
  });
  const kratosEndpoint = () => core.endpoint().url;

  // Every web contents, the main window's included, gets the navigation/new-window/webview/link rules.
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, kratosEndpoint, log));
  registerIpcHandlers(ipcMain, createIpcRouter({ services: core, allowedOrigin: appOrigin, log }));

  let window: BrowserWindow | undefined;
  const openWindow = () => {
    window = createMainWindow({ session, preloadPath: path.join(distDir, 'preload', 'index.cjs') });
    window.on('focus', () => void core.revalidate());
    window.on('closed', () => (window = undefined));
  };
  core.onState((view) => window && pushState(window.webContents, view));
  vault.onChange(() => void core.getState().then((view) => window && pushState(window.webContents, view)));
  powerMonitor.on('resume', () => void core.revalidate());
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('activate', () => window ?? openWindow());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    stopped = true;
    void core.stop().finally(() => app.quit());
  });
  openWindow();
}

function fail(error: unknown): void {
  log.error('the app could not start', {
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  app.exit(1);
}

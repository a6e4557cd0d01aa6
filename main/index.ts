/**
 * The Electron entry point: the only place that starts things. It hardens Electron, builds the app core
 * (main/app/core.ts) with the Electron-backed pieces, connects IPC and opens the window.
 *
 * Everything with a decision in it lives in plain modules (main/app, main/ipc, main/session, …) and is
 * tested without Electron; what is left here is glue.
 */
import path from 'node:path';
import {
  app,
  dialog,
  ipcMain,
  powerMonitor,
  session as electronSession,
  shell,
  type BrowserWindow,
} from 'electron';
import { appOrigin } from './policy/app-origin';
import { keepCookieJarEmpty } from './policy/cookie-guard';
import { AppCore } from './app/core';
import { findDeepLinkArgument, protocolClientArguments } from './policy/deep-link';
import { endpointQuestion, endpointQuestionUse } from './app/endpoint-choice';
import { readRunConfiguration } from './app/run-configuration';
import { userDataEnvironmentVariable } from './app/user-data';
import { buildConnection } from './app/wiring';
import type { SessionView } from '../shared/ipc-contract';
import { pushState, pushUpdate, registerIpcHandlers } from './ipc/electron';
import { createIpcRouter } from './ipc/router';
import { createLogger } from './log';
import { formatLocale, selectLanguage } from './strings';
import { languageEnvironmentVariable } from '../shared/language';
import { registerAppSchemeAsPrivileged, serveRendererFiles } from './protocol';
import { updatesOff } from './update/about';
import { updatePlan, Updates } from './update/updates';
import { OsKeychain } from './keychain/os-keychain';
import { createMainWindow, denyAllPermissions, guardWebContents, pageUrl } from './window';

/** In-memory partition (no `persist:` prefix): nothing the page stores survives a restart. */
const partition = 'kratos-desktop';
const log = createLogger();
let mainWindow: BrowserWindow | undefined;
/** Set once the core runs; deep links that arrive earlier (macOS launch) wait for it. */
let deepLinkTarget: ((url: string) => { accepted: boolean }) | undefined;
const earlyDeepLinks: string[] = [];

// Tests (and people running two profiles) point userData elsewhere: settings and the single-instance lock
// live there. Must precede the lock.
const userDataOverride = process.env[userDataEnvironmentVariable];
if (userDataOverride) app.setPath('userData', path.resolve(userDataOverride));

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the keychain entries; it gets focused instead.
  app.quit();
} else {
  // Before `ready`: every renderer sandboxed, and app:// registered as a privileged scheme.
  app.enableSandbox();
  registerAppSchemeAsPrivileged();
  listenForDeepLinks();
  void app.whenReady().then(main, (error: unknown) => fail(error));
}

async function main(): Promise<void> {
  const distDir = path.join(__dirname, '..');
  // One language for main's sentences and the window's: the window's setting once read (below), else
  // KRATOS_DESKTOP_LANG, else the system's first choice.
  const systemLanguage =
    process.env[languageEnvironmentVariable] || app.getPreferredSystemLanguages()[0] || app.getLocale();
  selectLanguage(systemLanguage);
  const session = electronSession.fromPartition(partition);
  denyAllPermissions(session, log);
  await keepCookieJarEmpty(session.cookies, log);
  serveRendererFiles(session, path.join(distDir, 'renderer'), log);

  const keychain = await OsKeychain.open({ service: app.getName() });
  // The environment and the operator's configuration `npm run dist` packaged (none: the window asks for a
  // server), read as the terminal client reads them.
  const { configuration, ignored } = await readRunConfiguration({
    distDir,
    env: process.env,
    installed: app.isPackaged,
  });
  if (ignored) log.warn('the packaged operator configuration was ignored', { problems: ignored.join('; ') });
  // Updates: only a packaged app with the operator's feed checks (main/update/updates.ts). electron-updater
  // is loaded at the first check, after the window is up: it stays out of the cold start.
  const plan = updatePlan(app.isPackaged, configuration.operator?.updateFeedUrl);
  const updates =
    plan.kind === 'check'
      ? new Updates({
          loadUpdater: async () => (await import('electron-updater')).autoUpdater,
          feedUrl: plan.feedUrl,
          configDir: app.getPath('userData'),
          log,
        })
      : updatesOff(plan.reason);
  // `open`, not `start`: the window must not wait for Kratos (a slow or hostile server cannot keep it closed).
  const core = await AppCore.open({
    userDataDir: app.getPath('userData'),
    ...configuration,
    keychain,
    connect: buildConnection,
    openExternal: (url) => shell.openExternal(url),
    about: {
      versions: {
        appVersion: app.getVersion(),
        electronVersion: process.versions.electron,
        chromiumVersion: process.versions.chrome,
      },
      updates,
    },
    confirmEndpoint: async (url) => {
      const question = endpointQuestion(url);
      const answer = await (mainWindow
        ? dialog.showMessageBox(mainWindow, question)
        : dialog.showMessageBox(question));
      return answer.response === endpointQuestionUse;
    },
    log,
  });
  const kratosEndpoint = () => core.endpoint()?.url;
  const applyLanguage = () => {
    const setting = core.languageSetting();
    selectLanguage(setting === 'system' ? systemLanguage : setting);
  };
  applyLanguage();
  // A new setting: main's sentences follow at once, and the window loads again in it.
  core.onLanguage(() => {
    applyLanguage();
    void mainWindow?.loadURL(pageUrl(formatLocale(), core.languageSetting()));
  });

  // Every web contents, the main window's included, gets the navigation/new-window/webview/link rules.
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, kratosEndpoint, log));
  registerIpcHandlers(ipcMain, createIpcRouter({ services: core, allowedOrigin: appOrigin, log }));

  const openWindow = () => {
    const window = createMainWindow({
      session,
      preloadPath: path.join(distDir, 'preload', 'index.cjs'),
      language: formatLocale(),
      languageSetting: core.languageSetting(),
    });
    window.on('focus', () => void core.revalidate());
    // A window opened after an update was found (macOS: reopened from the dock) still gets the offer.
    window.webContents.on('did-finish-load', () => pushUpdate(window.webContents, updates.view()));
    window.on('closed', () => (mainWindow = undefined));
    mainWindow = window;
  };
  const pushToWindow = (view: SessionView) => mainWindow && pushState(mainWindow.webContents, view);
  core.onState(pushToWindow);
  updates.onChange((view) => mainWindow && pushUpdate(mainWindow.webContents, view));
  keychain.onChange(() => void core.getState().then(pushToWindow));
  powerMonitor.on('resume', () => void core.revalidate());
  app.on('activate', () => mainWindow ?? openWindow());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    stopped = true;
    if (updates instanceof Updates) updates.stop();
    void core.stop().finally(() => app.quit());
  });
  openWindow();
  if (updates instanceof Updates) void updates.start();
  // A link that launched the app: from argv on Windows/Linux, or `open-url` before ready on macOS.
  deepLinkTarget = (url) => core.followDeepLink(url);
  const launchLink = findDeepLinkArgument(process.argv);
  for (const url of [...earlyDeepLinks.splice(0), ...(launchLink === undefined ? [] : [launchLink])]) {
    deepLinkTarget(url);
  }
}

/**
 * `kratos-desktop://` links (main/policy/deep-link.ts decides which are accepted). Registered before `ready`:
 * macOS may deliver the link that launches the app before then.
 */
function listenForDeepLinks(): void {
  const registration = protocolClientArguments({
    defaultApp: process.defaultApp === true,
    execPath: process.execPath,
    appPath: process.argv[1] === undefined ? undefined : path.resolve(process.argv[1]),
  });
  // The installers register the scheme on macOS and Linux; on Windows only this call does.
  if (registration && !app.setAsDefaultProtocolClient(...registration)) {
    log.warn('could not register the app as the kratos-desktop: link handler');
  }
  // macOS.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    followDeepLink(url);
  });
  // Windows and Linux start a second instance with the link in its argv; the single-instance lock sends
  // that argv here. A second start without a link just brings the window forward.
  app.on('second-instance', (_event, argv) => {
    const link = findDeepLinkArgument(argv);
    if (link === undefined) bringWindowToFront();
    else followDeepLink(link);
  });
}

/**
 * The core decides what a link means (main/policy/deep-link.ts; it logs only reasons, never the link: it may
 * carry a secret). An accepted one brings the window to the front: the person is coming back to the app.
 * A refused one changes nothing.
 */
function followDeepLink(url: string): void {
  if (deepLinkTarget === undefined) earlyDeepLinks.splice(0, earlyDeepLinks.length, url);
  else if (deepLinkTarget(url).accepted) bringWindowToFront();
}

/** Before the window exists (a link that launched the app) there is nothing to do: it is about to open. */
function bringWindowToFront(): void {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
}

function fail(error: unknown): void {
  log.error('the app could not start', {
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  app.exit(1);
}

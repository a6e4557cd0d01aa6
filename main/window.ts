/**
 * Electron glue for the one window and for every web contents the app ever creates: hardened preferences,
 * no navigation, no new windows, no <webview>, no permissions, and external links only through the
 * allowlist in main/policy/external-links.ts.
 */
import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import { appEntryUrl } from './policy/app-origin';
import { decideExternalLink } from './policy/external-links';
import type { Logger } from './log';
import { text } from './strings';
import { languageSettingParameter, type LanguageChoice } from '../shared/language';

export interface MainWindowOptions {
  session: Session;
  preloadPath: string;
  /** The language the window shows (a BCP 47 tag, main's choice): named in the page's address, `?lang=`. */
  language: string;
  /** The person's language setting, for the top bar's selector (`?setting=`). */
  languageSetting: LanguageChoice;
}

/** Its web contents are guarded by `guardWebContents`, through `app.on('web-contents-created')`. */
export function createMainWindow({
  session,
  preloadPath,
  language,
  languageSetting,
}: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1040,
    height: 760,
    minWidth: 480,
    minHeight: 480,
    show: false,
    title: text.app.name,
    webPreferences: {
      session,
      preload: preloadPath,
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
      // Middle-click would open a link in a new window; the open handler denies it anyway, this stops it earlier.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(pageUrl(language, languageSetting));
  return window;
}

/**
 * The window's page in `language` (shared/strings/index.ts reads `lang`), with the setting it comes from
 * (the top bar's selector reads it: no request to know it). A new setting loads the page again (main/index.ts).
 */
export function pageUrl(language: string, setting: LanguageChoice): string {
  const url = new URL(appEntryUrl);
  url.searchParams.set('lang', language);
  url.searchParams.set(languageSettingParameter, setting);
  return url.href;
}

/**
 * Applied to every web contents (app.on('web-contents-created')), so even one created by accident is held to
 * the same rules. A link the user clicks is opened in the system browser when the allowlist permits it.
 */
export function guardWebContents(
  contents: WebContents,
  kratosEndpoint: () => string | undefined,
  log: Logger,
): void {
  const openIfAllowed = (url: string) => {
    const decision = decideExternalLink(url, kratosEndpoint());
    if (decision.allowed) void shell.openExternal(decision.url);
    else log.warn('blocked a link', { reason: decision.reason });
  };
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openIfAllowed(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url);
    return { action: 'deny' };
  });
}

/** No camera, microphone, notifications, geolocation, HID, serial…: the app needs none. */
export function denyAllPermissions(session: Session, log: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn('denied a permission request', { permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

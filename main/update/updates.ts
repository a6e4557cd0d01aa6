/**
 * Updates of the installed app, on top of electron-updater (electron-builder's own updater): it reads the
 * feed (`latest-linux.yml`, `latest.yml`, `latest-mac.yml` of a `generic` provider), compares versions,
 * downloads, and refuses a file whose sha512 differs from the feed's (on Windows and macOS it also checks the
 * code signature). This module decides *when* and *what the person sees*:
 *
 * - only a packaged app with an update feed in its operator configuration checks (`updatePlan`); a
 *   development run never does;
 * - a check has a deadline; a feed that cannot be reached (or read) is quiet — no banner, the About view says
 *   when the next try is — and is tried again after `retryMs`; otherwise every `intervalMs`;
 * - a newer version (never the same or an older one) is downloaded in the background, with progress;
 * - once verified it is offered ("Restart to update"), and installed only when the person asks
 *   (`restartToUpdate`): no install on quit, no restart the person did not ask for;
 * - a download that fails verification is refused: the state says so, nothing is installed, and the next
 *   periodic check tries again.
 *
 * Plain Node: main/index.ts hands it electron-updater's `autoUpdater`; the tests hand it electron-updater's
 * own AppImage updater running against a feed served on 127.0.0.1 (test/main/update/).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppUpdater, ProgressInfo } from 'electron-updater';
import { stringify } from 'yaml';
import type { UpdateView } from '../../shared/ipc-contract';
import type { Logger } from '../log';

/** What this module uses of electron-updater's `AppUpdater`. */
export type Updater = Pick<
  AppUpdater,
  | 'autoDownload'
  | 'autoInstallOnAppQuit'
  | 'allowDowngrade'
  | 'logger'
  | 'updateConfigPath'
  | 'setFeedURL'
  | 'checkForUpdates'
  | 'downloadUpdate'
  | 'quitAndInstall'
  | 'on'
  | 'off'
>;

export type UpdatePlan =
  { kind: 'check'; feedUrl: string } | { kind: 'off'; reason: 'development' | 'no-feed' };

/** Development runs never update; a package without a feed never checks. */
export function updatePlan(isPackaged: boolean, feedUrl: string | undefined): UpdatePlan {
  if (!isPackaged) return { kind: 'off', reason: 'development' };
  return feedUrl === undefined ? { kind: 'off', reason: 'no-feed' } : { kind: 'check', feedUrl };
}

export interface UpdatesOptions {
  /**
   * electron-updater's updater, loaded at the first check (`import('electron-updater')` in the app): its
   * modules stay out of the app's cold start.
   */
  loadUpdater: () => Promise<Updater>;
  feedUrl: string;
  /**
   * Where this module writes the updater's own configuration (`app-update.yml`: the feed and the download
   * cache's name; Electron's userData in the app). electron-updater reads that file before every download;
   * written here from the operator's feed, the package needs no electron-builder `publish` block for it.
   */
  configDir: string;
  log: Logger;
  /** How long one check of the feed may take. */
  checkDeadlineMs?: number;
  /** How long a download may take (then it is cancelled, and tried again at the next check). */
  downloadDeadlineMs?: number;
  /** After a feed that could not be reached. */
  retryMs?: number;
  /** Between checks otherwise. */
  intervalMs?: number;
  now?: () => Date;
}

/** The download cache's folder under the OS cache directory (`~/.cache/kratos-desktop-updater` on Linux). */
export const updaterCacheDirName = 'kratos-desktop-updater';

export const updateTimings = {
  checkDeadlineMs: 30_000,
  downloadDeadlineMs: 30 * 60_000,
  retryMs: 30 * 60_000,
  intervalMs: 4 * 60 * 60_000,
};

export type UpdateListener = (view: UpdateView) => void;

export class Updates {
  readonly #options: UpdatesOptions;
  #updater: Updater | undefined;
  readonly #log: Logger;
  readonly #timings: typeof updateTimings;
  readonly #now: () => Date;
  readonly #listeners = new Set<UpdateListener>();
  #view: UpdateView = { state: 'idle' };
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;

  constructor(options: UpdatesOptions) {
    this.#options = options;
    this.#log = options.log;
    this.#now = options.now ?? (() => new Date());
    this.#timings = {
      checkDeadlineMs: options.checkDeadlineMs ?? updateTimings.checkDeadlineMs,
      downloadDeadlineMs: options.downloadDeadlineMs ?? updateTimings.downloadDeadlineMs,
      retryMs: options.retryMs ?? updateTimings.retryMs,
      intervalMs: options.intervalMs ?? updateTimings.intervalMs,
    };
  }

  /** electron-updater, set up once: this module decides when to download and when to install. */
  async #loaded(): Promise<Updater> {
    if (this.#updater) return this.#updater;
    const updater = await this.#options.loadUpdater();
    updater.autoDownload = false;
    updater.autoInstallOnAppQuit = false;
    updater.allowDowngrade = false;
    // Its own lines (what it fetched, what it compared) go to the log at debug level, one line each.
    const line = (message: unknown) => this.#log.debug(`electron-updater: ${describe(message)}`);
    updater.logger = { info: line, warn: line, error: line, debug: line };
    const config = path.join(this.#options.configDir, 'app-update.yml');
    await writeFile(
      config,
      stringify({
        provider: 'generic',
        url: this.#options.feedUrl,
        updaterCacheDirName: updaterCacheDirName,
      }),
    );
    updater.updateConfigPath = config;
    updater.setFeedURL({ provider: 'generic', url: this.#options.feedUrl });
    updater.on('download-progress', this.#onProgress);
    // electron-updater also emits every failure as 'error' (an EventEmitter throws an 'error' nobody
    // listens to); the promises below carry the same errors.
    updater.on('error', this.#ignoreError);
    this.#updater = updater;
    return updater;
  }

  view(): UpdateView {
    return this.#view;
  }

  onChange(listener: UpdateListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Checks now (at start), then on its own schedule. Settles when this check (and its download) has. */
  start(): Promise<void> {
    return this.checkNow();
  }

  /** One check, and the download it finds; a second call while one runs joins it. */
  checkNow(): Promise<void> {
    this.#running ??= this.#check().finally(() => (this.#running = undefined));
    return this.#running;
  }

  /**
   * "Restart to update": installs the verified download and restarts the app. Refused unless a download is
   * ready (so a page cannot make the app quit).
   */
  restartToUpdate(): { ok: true } | { ok: false } {
    if (this.#view.state !== 'ready' || !this.#updater) return { ok: false };
    this.#log.info('installing the update on the person’s request', { version: this.#view.version });
    this.#updater.quitAndInstall(false, true);
    return { ok: true };
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#updater?.off('download-progress', this.#onProgress);
    this.#listeners.clear();
  }

  async #check(): Promise<void> {
    clearTimeout(this.#timer);
    // A verified download waits for the person: nothing to check until they restart.
    if (this.#view.state === 'ready') return;
    this.#set({ state: 'checking' });
    let updater: Updater;
    let found;
    try {
      updater = await this.#loaded();
      found = await withDeadline(updater.checkForUpdates(), this.#timings.checkDeadlineMs, 'the check');
    } catch (error) {
      // Quiet: the feed may be down, the machine offline, a proxy in the way. Logged, said in About only.
      this.#log.info('the update feed could not be read; trying again later', { reason: describe(error) });
      return this.#after(this.#timings.retryMs, (retryAt) => ({ state: 'unreachable', retryAt }));
    }
    if (found === null) {
      // electron-updater's own refusal: this package cannot replace itself (a .deb, not an AppImage).
      return this.#set({ state: 'off', reason: 'not-installable' });
    }
    if (!found.isUpdateAvailable) {
      const checkedAt = this.#now().toISOString();
      return this.#after(this.#timings.intervalMs, () => ({ state: 'up-to-date', checkedAt }));
    }
    const version = found.updateInfo.version;
    this.#log.info('an update was found; downloading it', { version });
    this.#set({ state: 'downloading', version, percent: 0 });
    const cancel = found.cancellationToken;
    try {
      await withDeadline(
        updater.downloadUpdate(cancel),
        this.#timings.downloadDeadlineMs,
        'the download',
        () => cancel?.cancel(),
      );
    } catch (error) {
      const refused = isVerificationFailure(error);
      this.#log.warn(refused ? 'the update download was refused' : 'the update download failed', {
        version,
        reason: describe(error),
      });
      return this.#after(this.#timings.intervalMs, () => ({
        state: 'failed',
        version,
        reason: refused ? 'not-verified' : 'download',
      }));
    }
    this.#log.info('the update is downloaded and verified', { version });
    this.#set({ state: 'ready', version });
  }

  /** Shows `view` and schedules the next check. */
  #after(delayMs: number, view: (nextCheck: string) => UpdateView): void {
    if (this.#stopped) return;
    const next = new Date(this.#now().getTime() + delayMs).toISOString();
    this.#set(view(next));
    this.#timer = setTimeout(() => void this.checkNow(), delayMs);
    this.#timer.unref();
  }

  #onProgress = (progress: ProgressInfo): void => {
    if (this.#view.state !== 'downloading') return;
    const percent = Math.max(0, Math.min(100, Math.floor(progress.percent)));
    if (percent !== this.#view.percent) this.#set({ ...this.#view, percent });
  };

  #ignoreError = (): void => undefined;

  #set(view: UpdateView): void {
    if (this.#stopped) return;
    this.#view = view;
    for (const listener of this.#listeners) listener(view);
  }
}

/** sha512 (or the code signature on Windows) did not match: electron-updater deleted the file. */
function isVerificationFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === 'ERR_CHECKSUM_MISMATCH' ||
    code === 'ERR_UPDATER_INVALID_SIGNATURE' ||
    (error instanceof Error && /checksum mismatch|sha512/i.test(error.message))
  );
}

function withDeadline<T>(work: Promise<T>, ms: number, what: string, onTimeout?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new Error(`${what} took longer than ${ms} ms`));
    }, ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // electron-updater's messages can carry a whole HTTP answer: the first line is enough for the log.
  return text.split('\n', 1)[0]!.slice(0, 300);
}

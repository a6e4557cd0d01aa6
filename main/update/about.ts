/**
 * The About view's answer and "Restart to update": the versions the app runs, the server in use and where
 * its updates stand. The app core answers both operations with it; main/index.ts hands the core Electron's
 * versions and the updates (`Updates`, or `updatesOff` when a run never checks).
 */
import type { AboutView, ActionResponse, EndpointView, UpdateView } from '../../shared/ipc-contract';
import { text } from '../strings';
import type { UpdateListener } from './updates';

/** What the window needs of the updates (`Updates`, or one that never checks). */
export interface UpdateSource {
  view(): UpdateView;
  onChange(listener: UpdateListener): () => void;
  restartToUpdate(): { ok: boolean };
}

/** A run that never checks: the About view says why. */
export function updatesOff(reason: Extract<UpdateView, { state: 'off' }>['reason']): UpdateSource {
  const view: UpdateView = { state: 'off', reason };
  return { view: () => view, onChange: () => () => undefined, restartToUpdate: () => ({ ok: false }) };
}

type AboutVersions = Pick<AboutView, 'appVersion' | 'electronVersion' | 'chromiumVersion'>;

/** What the app shell knows and the core does not: Electron's versions, and the updates. */
export interface AppInfo {
  versions: AboutVersions;
  updates: UpdateSource;
}

/**
 * Without the shell (the terminal client, tests): the process's own versions, and no updates. The app's
 * version is none then: only the packaged app has one to show.
 */
export function processInfo(): AppInfo {
  const unknown = '–';
  return {
    versions: {
      appVersion: unknown,
      electronVersion: process.versions['electron'] ?? unknown,
      chromiumVersion: process.versions['chrome'] ?? unknown,
    },
    updates: updatesOff('development'),
  };
}

export interface AboutOptions extends AppInfo {
  server: () => EndpointView | undefined;
}

export class About {
  readonly #options: AboutOptions;

  constructor(options: AboutOptions) {
    this.#options = options;
  }

  async about(): Promise<AboutView> {
    const { versions, server, updates } = this.#options;
    return { ...versions, server: server(), update: updates.view() };
  }

  /** Only a verified download is installed, and only on this request (never on quit by itself). */
  async restartToUpdate(): Promise<ActionResponse> {
    return this.#options.updates.restartToUpdate().ok
      ? { kind: 'ok' }
      : { kind: 'error', message: text.update.notReady };
  }
}

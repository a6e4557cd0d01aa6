/**
 * The About view's answer and "Restart to update": the versions the app runs, the server in use and where
 * its updates stand. main/index.ts builds it from Electron's versions, the app core and the updates (or
 * `updatesOff` when a run never checks); the IPC router calls it like any other service.
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

export interface AboutOptions {
  versions: Pick<AboutView, 'appVersion' | 'electronVersion' | 'chromiumVersion'>;
  server: () => EndpointView | undefined;
  updates: UpdateSource;
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

/**
 * The `electron` module as electron-updater sees it, for running electron-updater's own code in Node: its
 * classes `require("electron")` for the app (version, paths, quit), for `net.request` and the session it
 * downloads with. Everything else — the feed's YAML, version comparison, the download, the sha512 check, the
 * AppImage install — is electron-updater's real code.
 *
 * - `net.request` is Node's `http.request` (Electron's is Chromium's network stack with the same
 *   ClientRequest shape; electron-updater handles redirects from the response, as it does for Node).
 * - `app` is a packaged app of `version` (its update configuration is the one main/update/updates.ts
 *   writes, not one in the package); `quit()` is recorded.
 *
 * Installed into Node's module cache under the path `require("electron")` resolves to from electron-updater,
 * so no Electron binary is needed; `uninstall` restores the cache.
 */
import { EventEmitter } from 'node:events';
import { request, type RequestOptions } from 'node:http';
import { createRequire, Module } from 'node:module';

export interface FakeElectron {
  /** Times the updater asked the app to quit (to restart into the new version). */
  quits: number;
  uninstall(): void;
}

export function installFakeElectron(options: { version: string; userData: string }): FakeElectron {
  const require = createRequire(import.meta.url);
  const electronPath = require.resolve('electron', { paths: [require.resolve('electron-updater')] });
  const previous = require.cache[electronPath];
  const state = { quits: 0 };
  const app = Object.assign(new EventEmitter(), {
    isPackaged: true,
    getVersion: () => options.version,
    getName: () => 'Kratos Desktop',
    getAppPath: () => options.userData,
    getPath: (name: string) => {
      if (name !== 'userData') throw new Error(`the fake app has no path ${name}`);
      return options.userData;
    },
    whenReady: () => Promise.resolve(),
    quit: () => (state.quits += 1),
    relaunch: () => undefined,
  });
  const fake = {
    app,
    net: {
      request: ({
        session: _session,
        redirect: _redirect,
        ...rest
      }: RequestOptions & Record<string, unknown>) => request(rest),
    },
    session: { fromPartition: () => ({}) },
    autoUpdater: new EventEmitter(),
  };
  const module = new Module(electronPath);
  module.filename = electronPath;
  module.loaded = true;
  module.exports = fake;
  require.cache[electronPath] = module;
  return {
    get quits() {
      return state.quits;
    },
    uninstall() {
      if (previous) require.cache[electronPath] = previous;
      else delete require.cache[electronPath];
    },
  };
}

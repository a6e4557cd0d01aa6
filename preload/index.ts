/**
 * The preload script: the whole surface the renderer can reach. It runs sandboxed, exposes one object
 * (`window.kratos`) through contextBridge and never hands out `ipcRenderer` itself.
 *
 * Written out on purpose, one line per operation: this file is what a reviewer reads to see everything the
 * page can ask of main. `KratosDesktopApi` makes `tsc` fail when an operation is missing here.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  channelOf,
  exposedApiName,
  stateChannel,
  updateChannel,
  type InvokeOperation,
  type KratosDesktopApi,
  type OperationArguments,
  type SessionView,
  type UpdateView,
} from '../shared/ipc-contract';

/** Invokes one operation on its own channel (typed: the arguments are the operation's). */
function invoke<O extends InvokeOperation>(
  operation: O,
  ...args: OperationArguments<O>
): ReturnType<KratosDesktopApi[O]> {
  return ipcRenderer.invoke(channelOf(operation), ...args) as ReturnType<KratosDesktopApi[O]>;
}

const api: KratosDesktopApi = {
  getState: () => invoke('getState'),
  onState(listener) {
    const handler = (_event: IpcRendererEvent, state: SessionView) => listener(state);
    ipcRenderer.on(stateChannel, handler);
    return () => {
      ipcRenderer.removeListener(stateChannel, handler);
    };
  },
  retry: () => invoke('retry'),
  logout: () => invoke('logout'),
  startFlow: (request) => invoke('startFlow', request),
  submitFlow: (request) => invoke('submitFlow', request),
  browserSignIn: (request) => invoke('browserSignIn', request),
  listSessions: () => invoke('listSessions'),
  revokeSession: (id) => invoke('revokeSession', id),
  revokeOtherSessions: () => invoke('revokeOtherSessions'),
  traitTitles: (schemaId) => invoke('traitTitles', schemaId),
  setEndpoint: (url) => invoke('setEndpoint', url),
  retryKeychain: () => invoke('retryKeychain'),
  openExternal: (url) => invoke('openExternal', url),
  setLanguage: (language) => invoke('setLanguage', language),
  about: () => invoke('about'),
  restartToUpdate: () => invoke('restartToUpdate'),
  onUpdate(listener) {
    const handler = (_event: IpcRendererEvent, update: UpdateView) => listener(update);
    ipcRenderer.on(updateChannel, handler);
    return () => {
      ipcRenderer.removeListener(updateChannel, handler);
    };
  },
};

contextBridge.exposeInMainWorld(exposedApiName, api);

/**
 * The preload script: the whole surface the renderer can reach. It runs sandboxed, exposes one object
 * (`window.kratos`) through contextBridge and never hands out `ipcRenderer` itself.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  Channels,
  exposedApiName,
  type KratosDesktopApi,
  type SessionView,
  type UpdateView,
} from '../shared/ipc-contract';

const api: KratosDesktopApi = {
  getState: () => ipcRenderer.invoke(Channels.getState),
  onState(listener) {
    const handler = (_event: IpcRendererEvent, state: SessionView) => listener(state);
    ipcRenderer.on(Channels.state, handler);
    return () => {
      ipcRenderer.removeListener(Channels.state, handler);
    };
  },
  retry: () => ipcRenderer.invoke(Channels.retry),
  logout: () => ipcRenderer.invoke(Channels.logout),
  startFlow: (request) => ipcRenderer.invoke(Channels.startFlow, request),
  submitFlow: (request) => ipcRenderer.invoke(Channels.submitFlow, request),
  browserSignIn: (request) => ipcRenderer.invoke(Channels.browserSignIn, request),
  listSessions: () => ipcRenderer.invoke(Channels.listSessions),
  revokeSession: (id) => ipcRenderer.invoke(Channels.revokeSession, id),
  revokeOtherSessions: () => ipcRenderer.invoke(Channels.revokeOtherSessions),
  traitTitles: (schemaId) => ipcRenderer.invoke(Channels.traitTitles, schemaId),
  setEndpoint: (url) => ipcRenderer.invoke(Channels.setEndpoint, url),
  retryKeychain: () => ipcRenderer.invoke(Channels.retryKeychain),
  openExternal: (url) => ipcRenderer.invoke(Channels.openExternal, url),
  about: () => ipcRenderer.invoke(Channels.about),
  restartToUpdate: () => ipcRenderer.invoke(Channels.restartToUpdate),
  onUpdate(listener) {
    const handler = (_event: IpcRendererEvent, update: UpdateView) => listener(update);
    ipcRenderer.on(Channels.update, handler);
    return () => {
      ipcRenderer.removeListener(Channels.update, handler);
    };
  },
};

contextBridge.exposeInMainWorld(exposedApiName, api);

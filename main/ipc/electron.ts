/**
 * Electron glue for IPC: every invoke channel goes to the router with the sender frame's URL; state pushes go
 * to the window. Nothing is decided here.
 */
import type { IpcMain, WebContents } from 'electron';
import { stateChannel, updateChannel, type SessionView, type UpdateView } from '../../shared/ipc-contract';
import type { IpcRouter } from './router';

export function registerIpcHandlers(ipcMain: IpcMain, router: IpcRouter): void {
  for (const channel of router.channels) {
    // `senderFrame` is null when the frame navigated or was destroyed: the router refuses that as an
    // unknown sender.
    ipcMain.handle(channel, (event, ...args: unknown[]) =>
      router.handle(channel, args, event.senderFrame?.url),
    );
  }
}

export function pushState(contents: WebContents, view: SessionView): void {
  if (!contents.isDestroyed()) contents.send(stateChannel, view);
}

export function pushUpdate(contents: WebContents, view: UpdateView): void {
  if (!contents.isDestroyed()) contents.send(updateChannel, view);
}

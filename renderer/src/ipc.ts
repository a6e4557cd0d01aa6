/**
 * The renderer's only door to the app: `window.kratos`, exposed by the preload script. Every call answers
 * with an `IpcResult`; `call` also turns a rejected promise (the main process crashed or went away) into
 * the same shape, so every screen handles one kind of failure with human text.
 */
import type { IpcResult, KratosDesktopApi } from '../../shared/ipc-contract';
import { errorText } from '../../shared/error-text';
import { strings } from '../../shared/strings';

declare global {
  interface Window {
    readonly kratos: KratosDesktopApi;
  }
}

export function kratos(): KratosDesktopApi {
  return window.kratos;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

export async function call<T>(request: Promise<IpcResult<T>>): Promise<Outcome<T>> {
  try {
    const result = await request;
    return result.ok ? result : { ok: false, message: result.error.message };
  } catch (error) {
    const reason = errorText(error);
    return { ok: false, message: strings.ui.ipcFailed(reason) };
  }
}

/**
 * The preload with a fake `electron` module (checklist item 20, "do not expose Electron APIs to untrusted
 * content"): the page gets one object of typed functions, each bound to its own channel, and never
 * `ipcRenderer` itself, not even through a listener's event argument.
 */
import type { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { Channels, exposedApiName, type KratosDesktopApi, type SessionView } from '../../shared/ipc-contract';

const fake = vi.hoisted(() => ({
  exposed: [] as [string, unknown][],
  invoked: [] as unknown[][],
  ipcRenderer: undefined as unknown as EventEmitter,
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const ipcRenderer = Object.assign(new EventEmitter(), {
    invoke: async (...args: unknown[]) => void fake.invoked.push(args),
  });
  fake.ipcRenderer = ipcRenderer;
  return {
    ipcRenderer,
    contextBridge: { exposeInMainWorld: (name: string, api: unknown) => fake.exposed.push([name, api]) },
  };
});

await import('../../preload/index');
const [[name, exposed] = ['', undefined]] = fake.exposed;
const api = exposed as KratosDesktopApi;

describe('preload/index.ts', () => {
  it('exposes exactly one object, window.kratos, made only of functions', () => {
    expect(fake.exposed).toHaveLength(1);
    expect(name).toBe(exposedApiName);
    expect(Object.values(api as object).every((value) => typeof value === 'function')).toBe(true);
    expect(Object.values(api as object)).not.toContain(fake.ipcRenderer);
  });

  it.each<[keyof KratosDesktopApi, unknown[], string]>([
    ['getState', [], Channels.getState],
    ['retry', [], Channels.retry],
    ['logout', [], Channels.logout],
    ['startFlow', [{ kind: 'login' }], Channels.startFlow],
    ['submitFlow', [{ flowId: 'f', values: {} }], Channels.submitFlow],
    ['listSessions', [], Channels.listSessions],
    ['revokeSession', ['id'], Channels.revokeSession],
    ['revokeOtherSessions', [], Channels.revokeOtherSessions],
    ['traitTitles', ['default'], Channels.traitTitles],
    ['setEndpoint', ['https://auth.example.com'], Channels.setEndpoint],
    ['retryKeychain', [], Channels.retryKeychain],
    ['openExternal', ['https://www.ory.sh/'], Channels.openExternal],
  ])('%s invokes only its own channel', async (method, args, channel) => {
    fake.invoked.length = 0;
    await (api[method] as (...a: unknown[]) => Promise<unknown>)(...args);
    expect(fake.invoked).toEqual([[channel, ...args]]);
  });

  it('onState hands the listener the state only (the event would reach ipcRenderer) and unsubscribes', () => {
    const received: unknown[][] = [];
    const unsubscribe = api.onState((...args: unknown[]) => received.push(args));
    const view = { status: 'signed-out' } as SessionView;
    fake.ipcRenderer.emit(Channels.state, { sender: fake.ipcRenderer }, view);
    expect(received).toEqual([[view]]);
    unsubscribe();
    expect(fake.ipcRenderer.listenerCount(Channels.state)).toBe(0);
  });
});

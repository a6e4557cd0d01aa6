/**
 * The preload with a fake `electron` module (checklist item 20, "do not expose Electron APIs to untrusted
 * content"): the page gets one object of typed functions, each bound to its own channel, and never
 * `ipcRenderer` itself, not even through a listener's event argument.
 */
import type { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import {
  channelOf,
  exposedApiName,
  stateChannel,
  updateChannel,
  type UpdateView,
  type InvokeOperation,
  type KratosDesktopApi,
  type SessionView,
} from '../../shared/ipc-contract';
import { invokeOperations } from '../../main/ipc/operations';

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

  it('exposes exactly the operations main answers, and the state and update subscriptions', () => {
    expect(Object.keys(api as object).sort()).toEqual([...invokeOperations, 'onState', 'onUpdate'].sort());
  });

  /** Arguments for each operation; an operation added to the contract without an entry here fails `tsc`. */
  const sampleArguments: { [O in InvokeOperation]: Parameters<KratosDesktopApi[O]> } = {
    getState: [],
    retry: [],
    logout: [],
    startFlow: [{ kind: 'login' }],
    submitFlow: [{ flowId: 'f', values: {} }],
    browserSignIn: [{ flowId: 'f', action: 'cancel' }],
    listSessions: [],
    revokeSession: ['id'],
    revokeOtherSessions: [],
    traitTitles: ['default'],
    setEndpoint: ['https://auth.example.com'],
    retryKeychain: [],
    openExternal: ['https://www.ory.sh/'],
    setLanguage: ['de'],
    about: [],
    restartToUpdate: [],
  };

  it.each(invokeOperations)('%s invokes only its own channel, with its arguments', async (operation) => {
    fake.invoked.length = 0;
    const args = sampleArguments[operation];
    await (api[operation] as (...a: unknown[]) => Promise<unknown>)(...args);
    expect(fake.invoked).toEqual([[channelOf(operation), ...args]]);
  });

  it('onState hands the listener the state only (the event would reach ipcRenderer) and unsubscribes', () => {
    const received: unknown[][] = [];
    const unsubscribe = api.onState((...args: unknown[]) => received.push(args));
    const view = { status: 'signed-out' } as SessionView;
    fake.ipcRenderer.emit(stateChannel, { sender: fake.ipcRenderer }, view);
    expect(received).toEqual([[view]]);
    unsubscribe();
    expect(fake.ipcRenderer.listenerCount(stateChannel)).toBe(0);
  });

  it('onUpdate hands the listener the update state only, on its own channel, and unsubscribes', () => {
    const received: unknown[][] = [];
    const unsubscribe = api.onUpdate((...args: unknown[]) => received.push(args));
    const update: UpdateView = { state: 'ready', version: '0.2.0' };
    fake.ipcRenderer.emit(stateChannel, { sender: fake.ipcRenderer }, { status: 'signed-out' });
    fake.ipcRenderer.emit(updateChannel, { sender: fake.ipcRenderer }, update);
    expect(received).toEqual([[update]]);
    unsubscribe();
    expect(fake.ipcRenderer.listenerCount(updateChannel)).toBe(0);
  });
});

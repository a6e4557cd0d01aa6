/** The IPC glue: every router channel is registered, with the sender frame's URL; pushes skip dead windows. */
import { describe, expect, it } from 'vitest';
import { channelOf, stateChannel, type SessionView } from '../../../shared/ipc-contract';
import { pushState, registerIpcHandlers } from '../../../main/ipc/electron';
import type { IpcRouter } from '../../../main/ipc/router';

describe('registerIpcHandlers', () => {
  it('registers each channel and passes the arguments and the sender frame URL to the router', async () => {
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
    const calls: unknown[][] = [];
    const router: IpcRouter = {
      channels: [channelOf('getState'), channelOf('startFlow')],
      handle: async (...call) => {
        calls.push(call);
        return { ok: true, value: null };
      },
    };
    registerIpcHandlers(
      { handle: (channel: string, fn: never) => handlers.set(channel, fn) } as never,
      router,
    );
    expect([...handlers.keys()]).toEqual([channelOf('getState'), channelOf('startFlow')]);

    await handlers.get(channelOf('startFlow'))?.(
      { senderFrame: { url: 'app://kratos-desktop/index.html' } },
      { kind: 'login' },
    );
    // A destroyed or navigated frame has no senderFrame: the router sees no URL and refuses.
    await handlers.get(channelOf('getState'))?.({ senderFrame: null });
    expect(calls).toEqual([
      [channelOf('startFlow'), [{ kind: 'login' }], 'app://kratos-desktop/index.html'],
      [channelOf('getState'), [], undefined],
    ]);
  });
});

describe('pushState', () => {
  it('sends the view on the state channel unless the window is gone', () => {
    const sent: unknown[][] = [];
    const view = { status: 'checking' } as SessionView;
    pushState({ isDestroyed: () => false, send: (...args: unknown[]) => sent.push(args) } as never, view);
    pushState({ isDestroyed: () => true, send: (...args: unknown[]) => sent.push(args) } as never, view);
    expect(sent).toEqual([[stateChannel, view]]);
  });
});

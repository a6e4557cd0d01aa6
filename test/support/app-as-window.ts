/**
 * The app's main side as the window sees it, for journeys that go through the person's browser (social
 * sign-in, passkeys): AppCore with the real Kratos client, a memory keychain, and Chromium (SystemBrowser)
 * as the system browser. Every flow answer the window would get and every pushed session view is kept, with
 * the log, so a test can check that nothing secret reached the renderer or the log (`shown()`).
 */
import { expect } from 'vitest';
import type { FlowResponse, FlowView, SessionView } from '../../shared/ipc-contract';
import type { AppCore } from '../../main/app/core';
import { createMemoryLogger } from '../../main/log';
import { memoryKeychain } from '../main/app/memory-keychain';
import { startAppCore } from './app-core';
import type { SystemBrowser } from './system-browser';

export interface AppAsWindow {
  core: AppCore;
  /** Every flow answer, as the window was sent it. */
  sent: FlowResponse[];
  /** Every session view pushed to the window. */
  views: SessionView[];
  log: ReturnType<typeof createMemoryLogger>;
  /** Starts a flow of `kind`; fails the test when the answer is not a flow. */
  start(kind: 'login' | 'registration' | 'settings'): Promise<FlowView>;
  submit(flowId: string, values: Record<string, unknown>): Promise<FlowResponse>;
  /** Presses a button that opens the browser; resolves once it opened (the submit waits, in `answer`). */
  press(flowId: string, values: Record<string, unknown>): Promise<{ answer: Promise<FlowResponse> }>;
  /** The OS hands the app a deep link; resolves when the app has acted on it. */
  follow(link: string): Promise<void>;
  /** The session token in the keychain for the app's server. */
  token(): Promise<string | null>;
  /** What reached the renderer (answers, views) and the log, as one text to search for secrets. */
  shown(): string;
  stop(): Promise<void>;
}

export async function openAppAsWindow(options: {
  environmentUrl: string;
  browser: SystemBrowser;
  passkeyPageUrl?: string;
}): Promise<AppAsWindow> {
  const { environmentUrl, browser, passkeyPageUrl } = options;
  const keychain = memoryKeychain();
  const log = createMemoryLogger();
  const core = await startAppCore({
    environmentUrl,
    keychain,
    openExternal: (url) => browser.openExternal(url),
    ...(passkeyPageUrl === undefined ? {} : { passkeyPageUrl }),
    log,
  });
  const sent: FlowResponse[] = [];
  const views: SessionView[] = [];
  core.onState((view) => views.push(view));
  const submit = async (flowId: string, values: Record<string, unknown>) => {
    const response = await core.submitFlow({ flowId, values });
    sent.push(response);
    return response;
  };
  return {
    core,
    sent,
    views,
    log,
    async start(kind) {
      const response = await core.startFlow({ kind });
      sent.push(response);
      if (response.kind !== 'flow') throw new Error(`no ${kind} flow: ${JSON.stringify(response)}`);
      return response.flow;
    },
    submit,
    async press(flowId, values) {
      const opened = browser.opened.length;
      const answer = submit(flowId, values);
      await expect.poll(() => browser.opened.length, { timeout: 20_000 }).toBe(opened + 1);
      return { answer }; // wrapped: an async function returning the promise itself would wait for it
    },
    async follow(link) {
      const followed = core.followDeepLink(link);
      expect(followed.accepted).toBe(true);
      await followed.settled;
    },
    token: () => keychain.store.get(core.endpoint()!.url),
    shown: () => JSON.stringify([sent, views, log.lines]),
    stop: () => core.stop(),
  };
}

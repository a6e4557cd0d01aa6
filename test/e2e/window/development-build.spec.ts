/**
 * A development build of the renderer (React's development runtime, where main.tsx's StrictMode runs every
 * effect twice on mount) still creates each screen's flow once: FlowScreen shares the start request between
 * the two runs. Built here with Vite into a temp folder; main is scripted (harness/scripted.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { build } from 'vite';
import type { FlowKind, FlowResponse, SessionView, StartFlowRequest } from '../../../shared/ipc-contract';
import { openApp, type AppHarness } from '../harness/index';
import { later, loginFlow, ok, signedIn, signedOut } from '../harness/scripted';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
let rendererDir = '';

test.beforeAll(async () => {
  test.setTimeout(180_000);
  rendererDir = await mkdtemp(path.join(tmpdir(), 'renderer-development-'));
  await build({
    configFile: path.join(repoRoot, 'renderer', 'vite.config.ts'),
    mode: 'development',
    logLevel: 'warn',
    // Vite builds React's production runtime unless told otherwise; this is what a development build runs.
    define: { 'process.env.NODE_ENV': JSON.stringify('development') },
    build: { outDir: rendererDir, emptyOutDir: true, minify: false },
  });
});

test.afterAll(async () => {
  if (rendererDir) await rm(rendererDir, { recursive: true, force: true });
});

async function openDevelopmentBuild(
  browser: Parameters<typeof openApp>[0],
  state: SessionView,
): Promise<AppHarness> {
  return openApp(browser, {
    rendererDir,
    handle: async (channel, args) => {
      if (channel === 'kratos:getState') return ok(state);
      if (channel === 'kratos:startFlow') {
        const { kind } = args[0] as StartFlowRequest;
        return ok<FlowResponse>({ kind: 'flow', flow: { ...loginFlow(), id: `${kind}-1`, kind } });
      }
      return { ok: false, error: { code: 'failed', message: `${channel} is not part of this test` } };
    },
  });
}

const flowStarts = (app: AppHarness, kind: FlowKind) =>
  app.invocations.filter(
    (call) => call.channel === 'kratos:startFlow' && (call.args[0] as StartFlowRequest).kind === kind,
  ).length;

test('the development build runs StrictMode: an effect without a guard runs twice', async ({ browser }) => {
  // The control for the test below: App's read-only kratos:getState effect is asked for twice.
  const app = await openDevelopmentBuild(browser, signedOut);
  try {
    await expect(app.page.getByTestId('flow/login')).toBeVisible();
    expect(app.invocations.filter((call) => call.channel === 'kratos:getState')).toHaveLength(2);
  } finally {
    await app.close();
  }
});

test('in the development build each signed-out screen creates its flow once', async ({ browser }) => {
  const app = await openDevelopmentBuild(browser, signedOut);
  try {
    await expect(app.page.getByTestId('flow/login')).toBeVisible();
    expect(flowStarts(app, 'login')).toBe(1);
    for (const [shown, kind] of (['registration', 'recovery', 'verification'] as const).entries()) {
      await app.page.getByTestId(`nav/${kind}`).click();
      await expect(app.page.getByTestId(`flow/${kind}`)).toBeVisible();
      expect(flowStarts(app, kind), kind).toBe(1);
      // Back on the sign-in screen: a new screen shown, so one new sign-in flow.
      await app.page.getByTestId('nav/login').click();
      await expect(app.page.getByTestId('flow/login')).toBeVisible();
      expect(flowStarts(app, 'login'), `sign-in after ${kind}`).toBe(shown + 2);
    }
  } finally {
    await app.close();
  }
});

test('in the development build the settings screen creates its flow once', async ({ browser }) => {
  const app = await openDevelopmentBuild(browser, signedIn(later()));
  try {
    await app.page.getByTestId('nav/settings').click();
    await expect(app.page.getByTestId('flow/settings')).toBeVisible();
    expect(flowStarts(app, 'settings')).toBe(1);
  } finally {
    await app.close();
  }
});

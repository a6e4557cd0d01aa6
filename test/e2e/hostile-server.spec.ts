/**
 * A hostile or broken Kratos server meets the app at start, with a token already stored: the window opens
 * and says in words what happened, and the token is kept. Real renderer and preload in Chromium, the real
 * main side in-process (support/main-side.ts), a hand-written server on 127.0.0.1 playing Kratos.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { channelOf } from '../../shared/ipc-contract';
import { sendJson, startRecordingServer } from '../main/kratos/recording-server';
import { openApp } from './harness';
import { expectNoTokenLeakFrom, LeakWatch } from './support/leak-watch';
import { keychainOpener, startMainSide } from './support/main-side';

const token = 'ory_st_StoredBeforeStartStoredBeforeStart';

test('a session with authenticated_at: 1e300 at start: the window opens with a human error, the token is kept', async ({
  browser,
}) => {
  const kratos = await startRecordingServer((_request, response) =>
    sendJson(response, 200, {
      id: 'session-1',
      active: true,
      authenticated_at: 1e300,
      identity: { id: 'identity-1', traits: {} },
    }),
  );
  const openKeychain = keychainOpener('memory');
  const keychain = await openKeychain();
  await keychain.store.set(kratos.url, token);
  const main = await startMainSide({ kratosUrl: kratos.url, openKeychain });
  const app = await openApp(browser, { handle: main.handle });
  const watch = new LeakWatch();
  watch.addToken(token);
  try {
    main.attach(app);
    await expect(app.page.getByTestId('banner/unreachable')).toContainText(
      `The server at ${kratos.url} did not answer like a Kratos server (HTTP 200 without the expected fields).`,
    );
    expect(await keychain.store.get(kratos.url)).toBe(token);
    await expectNoTokenLeakFrom(watch, app, main);
  } finally {
    await app.close();
    await main.stop();
    await kratos.close();
  }
});

/** A server playing Kratos with nobody signed in, whose sign-in form carries one node with `attributes: null`. */
function startBrokenNodeServer() {
  return startRecordingServer((request, response) => {
    if (request.url.startsWith('/sessions/whoami')) {
      sendJson(response, 401, { error: { code: 401, status: 'Unauthorized', message: 'No valid session' } });
      return;
    }
    sendJson(response, 200, brokenLoginFlow);
  });
}

const brokenLoginFlow = {
  id: '6a0c6d3f-5a5c-4a36-8d8b-9a4a7e1d2c11',
  type: 'api',
  state: 'choose_method',
  expires_at: '2099-01-01T00:00:00Z',
  ui: {
    action: 'https://kratos.invalid/self-service/login',
    method: 'POST',
    nodes: [
      {
        type: 'input',
        group: 'default',
        attributes: { name: 'identifier', type: 'text', node_type: 'input' },
        messages: [],
        meta: {},
      },
      { type: 'input', group: 'password', attributes: null, messages: [], meta: {} },
    ],
  },
};

// A flow node the window cannot draw, first line of defence: main refuses the flow, the window says so in words.
test('a sign-in form with attributes: null is refused by main in words; the Server button works, at every start', async ({
  browser,
}) => {
  const kratos = await startBrokenNodeServer();
  const openKeychain = keychainOpener('memory');
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'kd-e2e-'));
  try {
    for (const start of ['first start', 'next start']) {
      const main = await startMainSide({ kratosUrl: kratos.url, openKeychain, userDataDir });
      const app = await openApp(browser, { handle: main.handle });
      try {
        main.attach(app);
        await expect(app.page.getByTestId('flow/error'), start).toHaveText(
          `The server at ${kratos.url} did not answer like a Kratos server (HTTP 200 without the expected fields). Check that this is the URL of the Kratos public API.`,
        );
        await app.page.getByTestId('endpoint/toggle').click();
        await expect(app.page.getByTestId('endpoint/input'), start).toBeFocused();
      } finally {
        await app.close();
        await main.stop();
      }
    }
  } finally {
    await kratos.close();
  }
});

// Low 4, second line: a render crash nobody foresaw stays inside the form. The node is a well-formed input
// whose `messages` is null: the renderer's node guards accept it (they check what identifies a node), and
// reading its messages throws. Main's check would refuse it, so the test puts it back into main's answer on
// its way to the preload, as a main without the check (or a node shape nobody thought of) would deliver it.
const crashingLoginFlow = {
  ...brokenLoginFlow,
  ui: {
    ...brokenLoginFlow.ui,
    nodes: [
      brokenLoginFlow.ui.nodes[0]!,
      {
        type: 'input',
        group: 'password',
        attributes: { name: 'password', type: 'password', node_type: 'input' },
        messages: null,
        meta: {},
      },
    ],
  },
};
test('a form that crashes the renderer leaves a sentence in its place; the Server button and the links stay usable', async ({
  browser,
}) => {
  const kratos = await startBrokenNodeServer();
  const openKeychain = keychainOpener('memory');
  const main = await startMainSide({ kratosUrl: kratos.url, openKeychain });
  const crashing = crashingLoginFlow.ui.nodes[1];
  const app = await openApp(browser, {
    handle: async (channel, args, senderUrl) => {
      const answer = await main.handle(channel, args, senderUrl);
      if (channel !== channelOf('startFlow')) return answer;
      // Main refused the flow; here it "arrives" anyway, as the renderer's view of it.
      return {
        ok: true,
        value: {
          kind: 'flow',
          flow: {
            id: crashingLoginFlow.id,
            kind: (args[0] as { kind: string }).kind,
            state: 'choose_method',
            expiresAt: crashingLoginFlow.expires_at,
            ui: crashingLoginFlow.ui,
          },
        },
      };
    },
  });
  try {
    main.attach(app);
    const { page } = app;
    await expect(page.getByTestId('broken/message')).toHaveText(
      'The server sent a form this app cannot show. Start again, or choose another server with the Server button at the top.',
    );
    expect(crashing?.messages).toBeNull();
    // The rest of the window is there and works: the heading, the other screens, the Server dialog.
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await page.getByTestId('nav/registration').click();
    await expect(page.getByRole('heading', { name: 'Create account' })).toBeVisible();
    await expect(page.getByTestId('broken/message')).toBeVisible(); // the same server, the same broken form
    await page.getByTestId('broken/retry').click();
    await expect(page.getByTestId('broken/message')).toBeVisible();
    await page.getByTestId('endpoint/toggle').click();
    await expect(page.getByTestId('endpoint')).toBeVisible();
    await expect(page.getByTestId('endpoint/input')).toBeFocused();
  } finally {
    await app.close();
    await main.stop();
    await kratos.close();
  }
});

// Low 4, the screen's boundary: a crash outside any form (here the session screen, given a session view
// whose list of sign-in methods is missing, which main's checks never let through) keeps the top bar.
test('a screen that crashes leaves a sentence below the top bar; the Server button still opens its dialog', async ({
  browser,
}) => {
  const broken = {
    status: 'signed-in',
    endpoint: { url: 'https://auth.example.com', source: 'settings' },
    keychain: { kind: 'persisted', backend: 'the test keychain' },
    session: {
      id: 'session-1',
      aal: 'aal1',
      identity: {
        id: 'identity-1',
        schemaId: 'default',
        traits: { email: 'ada@example.com' },
        verifiableAddresses: [{ value: 'ada@example.com', via: 'email', verified: true }],
      },
      authenticationMethods: null,
      authenticatedAt: undefined,
      issuedAt: undefined,
      expiresAt: undefined,
      devices: [],
    },
  };
  const app = await openApp(browser, {
    handle: async (channel) =>
      channel === channelOf('getState')
        ? { ok: true, value: broken }
        : { ok: false, error: { code: 'internal', message: 'not used here' } },
  });
  try {
    const { page } = app;
    await expect(page.getByTestId('broken/message')).toHaveText(
      'This screen could not be shown because of an unexpected problem. Try again, or choose another server with the Server button at the top.',
    );
    await page.getByTestId('broken/retry').click();
    await expect(page.getByTestId('broken/message')).toBeVisible();
    await page.getByTestId('endpoint/toggle').click();
    await expect(page.getByTestId('endpoint/input')).toBeFocused();
  } finally {
    await app.close();
  }
});

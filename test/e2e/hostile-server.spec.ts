/**
 * A hostile or broken Kratos server meets the app at start, with a token already stored: the window opens
 * and says in words what happened, and the token is kept. Real renderer and preload in Chromium, the real
 * main side in-process (support/main-side.ts), a hand-written server on 127.0.0.1 playing Kratos.
 */
import { expect, test } from '@playwright/test';
import { sendJson, startRecordingServer } from '../main/kratos/recording-server';
import { openApp } from './harness';
import { expectNoTokenLeak, LeakWatch } from './support/leak-watch';
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
    await watch.collect(app, 'window');
    watch.add('main logger', main.logLines);
    expectNoTokenLeak(watch);
  } finally {
    await app.close();
    await main.stop();
    await kratos.close();
  }
});

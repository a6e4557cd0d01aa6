/**
 * 429 Too Many Requests, as Ory Network answers when a project's rate limit is hit, through the real window
 * and main side: the session is kept, the person reads that the server asked to slow down, the app asks
 * again only when the server said it may (`Retry-After`), and a submit that carried a password is never
 * sent again by itself. A proxy in front of the emulator plays the rate limit (support/slow-down-proxy.ts).
 */
import { expect, test } from '@playwright/test';
import { fillAndSubmit, password, registerThroughApi } from './support/person';
import { startSlowDownProxy, type SlowDownProxy } from './support/slow-down-proxy';
import { e2eWorld } from './support/world';

const world = e2eWorld();
let proxy: SlowDownProxy | undefined;
test.afterEach(async () => {
  await proxy?.stop();
  proxy = undefined;
});

test('whoami answered 429: the session is kept, the banner says why, and the next check waits as asked', async ({
  browser,
}) => {
  const { open, client, openKeychain, server, watch } = await world.create(browser);
  proxy = await startSlowDownProxy(server.url);
  const token = await registerThroughApi(client, `busy-${Date.now()}@example.com`);
  watch.addToken(token);
  const keychain = await openKeychain();
  await keychain.store.set(proxy.url, token);
  proxy.refuse('GET', '/sessions/whoami', '120');

  const { app } = await open({ kratosUrl: proxy.url });
  const banner = app.page.getByTestId('banner/unreachable');
  await expect(banner).toContainText(`The server at ${proxy.url} asked the app to slow down`);
  await expect(banner).toContainText('nothing was signed out');
  // Two minutes, as Retry-After said (not the 2 s backoff of a network failure).
  await expect(banner).toContainText(/checks again in (2 min 00 sec|1 min [45]\d sec)/);
  expect(await keychain.store.get(proxy.url)).toBe(token);
  expect(proxy.seen.filter((line) => line === 'GET /sessions/whoami')).toHaveLength(1);

  proxy.allow();
  await banner.getByTestId('banner/unreachable/retry').click();
  await expect(app.page.getByTestId('session/aal')).toHaveText('aal1');
});

test('a password submit answered 429 is not sent again by itself; the form stays and says why', async ({
  browser,
}) => {
  const { open, client, server, watch, openKeychain } = await world.create(browser);
  proxy = await startSlowDownProxy(server.url);
  const email = `hurry-${Date.now()}@example.com`;
  watch.addToken(await registerThroughApi(client, email));

  const { app } = await open({ kratosUrl: proxy.url });
  const { page } = app;
  await expect(page.getByTestId('flow/login')).toBeVisible();
  proxy.refuse('POST', '/self-service/login', '30');
  await fillAndSubmit(page, 'login', { identifier: email, password });
  await expect(page.getByTestId('flow/error')).toHaveText(
    `The Kratos server at ${proxy.url} asked the app to slow down: too many requests (HTTP 429). It asked to wait 30 seconds.`,
  );
  await expect(page.getByTestId('flow/login').getByTestId('field/identifier')).toHaveValue(email);
  // Main answered the renderer after its last attempt, so a retry of its own would already show here.
  expect(proxy.seen.filter((line) => line === 'POST /self-service/login')).toHaveLength(1);

  proxy.allow();
  await fillAndSubmit(page, 'login', { identifier: email, password });
  await expect(page.getByTestId('session/aal')).toHaveText('aal1');
  expect(proxy.seen.filter((line) => line === 'POST /self-service/login')).toHaveLength(2);
  watch.addToken(await (await openKeychain()).store.get(proxy.url));
});

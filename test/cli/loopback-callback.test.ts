/**
 * The terminal client's loopback callback (cli/loopback-callback.ts): only the exact callback reaches the
 * flow service — a foreign Host (DNS rebinding), another path or method, or a malformed query is refused
 * before anything is redeemed — and the browser's tab is told how it ended, as text, never as markup.
 */
import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Notice } from '../../shared/ipc-contract';
import type { AuthCallback } from '../../main/policy/deep-link';
import {
  LoopbackCallback,
  callbackPortFrom,
  callbackUrl,
  defaultCallbackPort,
} from '../../cli/loopback-callback';
import { browserLaunch } from '../../cli/system-browser';

const code = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
/** The sign-in's value in `return_to`, which Kratos carries back (issue 21). */
const s = 'Zt3mVb0qQ4cX9_rN-2kLpW8yHs6JdA1e';
const listeners: LoopbackCallback[] = [];
afterEach(async () => {
  await Promise.all(listeners.splice(0).map((listener) => listener.close()));
});

async function listening(
  redeem: (callback: AuthCallback) => Promise<Notice | undefined> = async () => undefined,
) {
  const spy = vi.fn(redeem);
  const listener = new LoopbackCallback({ port: 0, redeem: spy });
  listeners.push(listener);
  await listener.listen();
  return { listener, redeem: spy };
}

/** A raw request, so the test can send the Host header an attacker's page would. */
function get(
  port: number,
  path: string,
  options: { host?: string; method?: string } = {},
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { Host: options.host ?? `127.0.0.1:${port}` },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body, headers: response.headers }),
        );
      },
    );
    request.on('error', reject);
    request.end();
  });
}

describe('the loopback callback', () => {
  it('hands the code of GET /auth/callback?code=… to the flow service and tells the tab it is done', async () => {
    const { listener, redeem } = await listening();
    const answer = await get(listener.port, `/auth/callback?s=${s}&code=${code}`);
    expect(redeem).toHaveBeenCalledWith({ kind: 'code', returnToCode: code, nonce: s });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('return to the terminal');
    expect(answer.body).not.toContain(code);
    expect(answer.headers['content-security-policy']).toContain("default-src 'none'");
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('refuses a request whose Host is not exactly 127.0.0.1:<port> (a rebinding web page), redeeming nothing', async () => {
    const { listener, redeem } = await listening();
    for (const host of [
      'attacker.example',
      `localhost:${listener.port}`,
      `attacker.example:${listener.port}`,
    ]) {
      expect((await get(listener.port, `/auth/callback?s=${s}&code=${code}`, { host })).status).toBe(421);
    }
    expect(redeem).not.toHaveBeenCalled();
  });

  it('hands over the end of a failed sign-in (no query) and an account to link (?flow=…), as the deep link does', async () => {
    const { listener, redeem } = await listening();
    const flowId = 'ef8b7d2b-669e-4711-b11d-5b2e90a17e3f';
    expect((await get(listener.port, `/auth/callback?s=${s}`)).status).toBe(200);
    expect((await get(listener.port, `/auth/callback?s=${s}&flow=${flowId}&no_org_ui=true`)).status).toBe(
      200,
    );
    expect(redeem.mock.calls).toEqual([
      [{ kind: 'failed', nonce: s }],
      [{ kind: 'link-account', flowId, nonce: s }],
    ]);
  });

  it('answers nothing but the callback: other paths, methods and queries are refused', async () => {
    const { listener, redeem } = await listening();
    expect((await get(listener.port, `/other?code=${code}`)).status).toBe(404);
    expect((await get(listener.port, `/auth/callback?s=${s}&code=${code}`, { method: 'POST' })).status).toBe(
      404,
    );
    for (const query of [
      '?code=short',
      `?code=${code}&token=x`,
      `?code=${code}&code=${code}`,
      '?code=<b>x</b>',
      // Issue 21: a web page can navigate here, but cannot know the sign-in's value.
      `?code=${code}`,
      '',
      `?s=${s}&s=${s}&code=${code}`,
    ]) {
      expect((await get(listener.port, `/auth/callback${query}`)).status).toBe(400);
    }
    expect(redeem).not.toHaveBeenCalled();
  });

  it("shows why a code was ignored, as text: a server's words cannot inject markup into the tab", async () => {
    const { listener } = await listening(async () => ({
      level: 'warning',
      text: 'Ignored <script>alert(1)</script>',
    }));
    const answer = await get(listener.port, `/auth/callback?s=${s}&code=${code}`);
    expect(answer.status).toBe(409);
    expect(answer.body).toContain('Ignored &#60;script&#62;');
    expect(answer.body).not.toContain('<script>');
  });

  it('says in a sentence when its port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const listener = new LoopbackCallback({ port, redeem: async () => undefined });
      listeners.push(listener);
      await expect(listener.listen()).rejects.toThrow(`Port ${port} on 127.0.0.1 is in use`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('closes: nothing answers on its port afterwards', async () => {
    const { listener } = await listening();
    const port = listener.port;
    await listener.close();
    await expect(get(port, `/auth/callback?s=${s}&code=${code}`)).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('the callback port and address', () => {
  it('comes from --callback-port, else the environment, else the default', () => {
    expect(callbackPortFrom('5000', '6000')).toBe(5000);
    expect(callbackPortFrom(undefined, '6000')).toBe(6000);
    expect(callbackPortFrom(undefined, undefined)).toBe(defaultCallbackPort);
    expect(callbackUrl(5000)).toBe('http://127.0.0.1:5000/auth/callback');
  });

  it('refuses anything but a port number, in words', () => {
    for (const bad of ['0', '65536', '80a', '-1', '1e3', ' 80']) {
      expect(() => callbackPortFrom(bad, undefined)).toThrow(/must be a number from 1 to 65535/);
    }
  });
});

describe('the system browser', () => {
  const url = 'https://idp.example/auth?a=1&b=2';

  it('is $BROWSER when set (its first entry), with the URL as one argument, never through a shell', () => {
    expect(browserLaunch(url, { BROWSER: 'firefox:chromium' }, 'linux')).toEqual({
      command: 'firefox',
      args: [url],
    });
  });

  it("is the platform's opener otherwise", () => {
    expect(browserLaunch(url, {}, 'linux')).toEqual({ command: 'xdg-open', args: [url] });
    expect(browserLaunch(url, {}, 'darwin')).toEqual({ command: 'open', args: [url] });
    expect(browserLaunch(url, {}, 'win32')).toEqual({
      command: 'rundll32',
      args: ['url.dll,FileProtocolHandler', url],
    });
  });
});

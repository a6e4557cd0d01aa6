/**
 * The HTTP shell's guards against hostile local callers: only its own Host is answered (DNS rebinding), a
 * request line it cannot parse is answered and the process lives on, and flow creation is bounded per
 * minute (429 with Retry-After). Raw sockets, so the requests are exactly what an attacker would send.
 */
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { start, type RunningEmulator } from '../../../emulator/index';
import { PerMinuteLimit } from '../../../emulator/http/limits';
import { call } from '../helpers';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
});

// Unchecked (start, not startTestEmulator): 421 and 429 are the emulator's guards, not Kratos API answers.
async function startEmulator(options: Parameters<typeof start>[0] = {}) {
  emulator = await start({ port: 0, config: { bcryptCost: 4 }, ...options });
  return emulator;
}

/** Sends `text` as is and returns the status line and body of the answer. */
function rawRequest(url: string, text: string): Promise<{ statusLine: string; body: string; raw: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(text));
    let raw = '';
    socket.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    socket.on('end', () => {
      const [head = '', body = ''] = raw.split('\r\n\r\n');
      resolve({ statusLine: head.split('\r\n')[0] ?? '', body, raw });
    });
    socket.on('error', reject);
  });
}

const requestText = (path: string, host: string | undefined) =>
  `GET ${path} HTTP/1.1\r\n${host === undefined ? '' : `Host: ${host}\r\n`}Connection: close\r\n\r\n`;

describe('the Host rule (DNS rebinding)', () => {
  it.each([
    ['a rebinding page’s own name', (port: string) => `attacker.example:${port}`],
    ['the right name on another port', () => '127.0.0.1:1'],
  ])('refuses %s with 421, before any route runs', async (_name, host) => {
    const { url, stats } = await startEmulator();
    const res = await rawRequest(url, requestText('/self-service/login/api', host(new URL(url).port)));
    expect(res.statusLine).toBe('HTTP/1.1 421 Misdirected Request');
    expect(JSON.parse(res.body).error.reason).toMatch(
      /only answers requests addressed to 127\.0\.0\.1:\d+ or localhost:\d+/,
    );
    expect(stats.requests).toBe(0);
  });

  it('refuses a request without Host (Node’s parser already answers 400)', async () => {
    const { url, stats } = await startEmulator();
    const res = await rawRequest(url, requestText('/self-service/login/api', undefined));
    expect(res.statusLine).toMatch(/^HTTP\/1\.1 4(00|21) /);
    expect(stats.requests).toBe(0);
  });

  it.each([(port: string) => `127.0.0.1:${port}`, (port: string) => `LOCALHOST:${port}`])(
    'answers its own address and localhost (%#)',
    async (host) => {
      const { url } = await startEmulator();
      const res = await rawRequest(url, requestText('/health/alive', host(new URL(url).port)));
      expect(res.statusLine).toBe('HTTP/1.1 200 OK');
    },
  );
});

describe('a malformed request line', () => {
  it('is answered with a 400 and the next request is served', async () => {
    const { url } = await startEmulator();
    const host = new URL(url).host;
    const bad = await rawRequest(url, requestText('//[', host));
    expect(bad.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(JSON.parse(bad.body).error.reason).toBe('The request target is not a valid path.');
    expect((await call('GET', `${url}/health/alive`)).status).toBe(200);
  });
});

describe('the bound on flows created per minute', () => {
  it('answers 429 with Retry-After once the bound is reached, and only for flow creation', async () => {
    const { url } = await startEmulator({ flowsPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await call('GET', `${url}/self-service/login/api`)).status).toBe(200);
    const refused = await call('GET', `${url}/self-service/registration/api`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.body.error).toMatchObject({ code: 429, status: 'Too Many Requests' });
    expect((await call('GET', `${url}/sessions/whoami`)).status).toBe(401);
  });

  it('is a sliding minute: allowed again once the oldest creation is a minute old', () => {
    let now = 0;
    const limit = new PerMinuteLimit(2, () => now);
    expect(limit.take()).toBeUndefined();
    now = 30_000;
    expect(limit.take()).toBeUndefined();
    expect(limit.take()).toBe(30);
    now = 60_000;
    expect(limit.take()).toBeUndefined();
    expect(limit.take()).toBe(30);
  });
});

// Issue 9 "held": a web page (another origin) can send requests, but without CORS headers its script never
// reads an answer, a session token included; a preflight it needs for JSON bodies or X-Session-Token fails.
describe('no CORS headers', () => {
  const corsHeader = /^access-control-/im;

  it.each([
    ['a simple GET from a page', 'GET', '/self-service/login/api', ''],
    [
      'a preflight for a JSON login submit',
      'OPTIONS',
      '/self-service/login?flow=x',
      'Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type, x-session-token\r\n',
    ],
    [
      'a preflight for whoami with a token',
      'OPTIONS',
      '/sessions/whoami',
      'Access-Control-Request-Method: GET\r\nAccess-Control-Request-Headers: x-session-token\r\n',
    ],
  ])('%s: answered without any Access-Control-* header', async (_name, method, path, extra) => {
    const { url } = await startEmulator();
    const host = new URL(url).host;
    const res = await rawRequest(
      url,
      `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\nOrigin: https://attacker.example\r\n${extra}Connection: close\r\n\r\n`,
    );
    expect(res.statusLine).toMatch(/^HTTP\/1\.1 \d{3} /);
    const head = res.raw.split('\r\n\r\n')[0] ?? '';
    expect(head).not.toMatch(corsHeader);
  });
});

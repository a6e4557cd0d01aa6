/**
 * Every way a call can fail ends in a `KratosResult` (never a throw), with a human message that names the
 * server and never contains the session token. Mocked faults use undici's MockAgent; faults that only a real
 * socket shows (refused connection, stalls, cut bodies, redirects to a second server) use real local servers.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errors, MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KratosApi } from '../../../main/kratos/api';
import { createKratosClient, type KratosClientOptions } from '../../../main/kratos/client';
import type { KratosResult } from '../../../main/kratos/result';
import { sendJson, startRecordingServer, type RecordingServer } from './recording-server';

const TOKEN = 'ory_st_SECRETsecretSECRETsecretSECRET12';
const ORIGIN = 'https://kratos.example.com';

function expectUnreachable(result: KratosResult<unknown, unknown>, reason: string, message: RegExp) {
  expect(result).toMatchObject({ kind: 'unreachable', reason });
  if (result.kind === 'unreachable') expect(result.message).toMatch(message);
  expect(JSON.stringify(result)).not.toContain(TOKEN);
}

describe('faults through MockAgent', () => {
  let agent: MockAgent;
  let client: KratosApi;

  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
    client = createKratosClient({ baseUrl: ORIGIN, dispatcher: agent, maxResponseBytes: 1024 });
  });
  afterEach(async () => {
    await client.close();
    await agent.close();
  });
  const whoami = () => agent.get(ORIGIN).intercept({ path: '/sessions/whoami', method: 'GET' });

  it('connect timeout → timeout', async () => {
    whoami().replyWithError(new errors.ConnectTimeoutError());
    expectUnreachable(
      await client.whoami(TOKEN),
      'timeout',
      /^The Kratos server at https:\/\/kratos\.example\.com did not answer in time \(no connection could be opened\)\.$/,
    );
  });

  it('headers timeout → timeout', async () => {
    whoami().replyWithError(new errors.HeadersTimeoutError());
    expectUnreachable(
      await client.whoami(TOKEN),
      'timeout',
      /did not answer in time \(no response arrived\)/,
    );
  });

  it('body timeout → timeout', async () => {
    whoami().replyWithError(new errors.BodyTimeoutError());
    expectUnreachable(await client.whoami(TOKEN), 'timeout', /the response stopped half-way/);
  });

  it('host not found → network, with the code wrapped as undici does', async () => {
    whoami().replyWithError(
      Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }),
      }),
    );
    expectUnreachable(
      await client.whoami(TOKEN),
      'network',
      /^Cannot reach the Kratos server at .* \(host name not found\)\.$/,
    );
  });

  it('an unknown failure → network, still a result', async () => {
    whoami().replyWithError(new Error('something odd'));
    expectUnreachable(
      await client.whoami(TOKEN),
      'network',
      /Cannot reach the Kratos server at .* \(unknown network error\)/,
    );
  });

  it('500 → server-error', async () => {
    whoami().reply(500, { error: { code: 500, message: 'An internal server error occurred' } });
    const result = await client.whoami(TOKEN);
    expectUnreachable(result, 'server-error', /has a problem \(HTTP 500\)/);
    expect(result).toMatchObject({ status: 500 });
  });

  it('502 HTML from a proxy → server-error', async () => {
    whoami().reply(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', {
      headers: { 'content-type': 'text/html' },
    });
    expectUnreachable(await client.whoami(TOKEN), 'server-error', /HTTP 502/);
  });

  it('truncated JSON → bad-response', async () => {
    whoami().reply(200, '{"id":"65dea6f4-5d15-4e61', { headers: { 'content-type': 'application/json' } });
    expectUnreachable(await client.whoami(TOKEN), 'bad-response', /not JSON/);
  });

  it('garbage → bad-response', async () => {
    whoami().reply(200, '\u0000\u0001garbage', { headers: { 'content-type': 'application/json' } });
    expectUnreachable(await client.whoami(TOKEN), 'bad-response', /did not answer like a Kratos server/);
  });

  it('200 whoami without id → bad-response', async () => {
    whoami().reply(200, { active: true });
    expectUnreachable(await client.whoami(TOKEN), 'bad-response', /without the expected fields/);
  });

  it('oversized body announced by content-length → too-large', async () => {
    const big = JSON.stringify({ id: 's', padding: 'x'.repeat(2048) });
    whoami().reply(200, big, { headers: { 'content-length': String(big.length) } });
    expectUnreachable(await client.whoami(TOKEN), 'too-large', /larger than 1 KiB; it was discarded/);
  });

  it('oversized body without content-length → too-large', async () => {
    whoami().reply(200, JSON.stringify({ id: 's', padding: 'x'.repeat(2048) }));
    expectUnreachable(await client.whoami(TOKEN), 'too-large', /larger than 1 KiB/);
  });

  it('a body exactly at the cap is accepted', async () => {
    const body = JSON.stringify({ id: 's', padding: '' });
    const exact = JSON.stringify({ id: 's', padding: 'x'.repeat(1024 - body.length) });
    expect(Buffer.byteLength(exact)).toBe(1024);
    whoami().reply(200, exact);
    expect((await client.whoami(TOKEN)).kind).toBe('success');
  });

  it('302 → redirect, not followed', async () => {
    whoami().reply(302, '', { headers: { location: 'https://evil.example.net/steal' } });
    const result = await client.whoami(TOKEN);
    expectUnreachable(result, 'redirect', /answered with a redirect \(HTTP 302\)/);
    expect(result).toMatchObject({ status: 302 });
  });
});

describe('faults over real sockets', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  async function listen(server: Server): Promise<string> {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  function client(baseUrl: string, options: Omit<KratosClientOptions, 'baseUrl'> = {}) {
    const created = createKratosClient({ ...options, baseUrl });
    closers.push(() => created.close());
    return created;
  }

  async function recording(handler: Parameters<typeof startRecordingServer>[0]): Promise<RecordingServer> {
    const server = await startRecordingServer(handler);
    closers.push(() => server.close());
    return server;
  }

  it('connection refused (a closed port) → network', async () => {
    const server = createServer();
    const url = await listen(server);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expectUnreachable(
      await client(url).whoami(TOKEN),
      'network',
      new RegExp(
        `^Cannot reach the Kratos server at ${url.replace(/\./g, '\\.')} \\(connection refused\\)\\.$`,
      ),
    );
  });

  it('a server that never answers → timeout after headersMs', async () => {
    const url = await listen(createServer(() => undefined));
    const started = performance.now();
    expectUnreachable(
      await client(url, { timeouts: { headersMs: 200 } }).whoami(TOKEN),
      'timeout',
      /no response arrived/,
    );
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('a body that stalls half-way → timeout after bodyMs', async () => {
    const url = await listen(
      createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"id":');
      }),
    );
    const started = performance.now();
    expectUnreachable(
      await client(url, { timeouts: { bodyMs: 200 } }).whoami(TOKEN),
      'timeout',
      /the response stopped half-way/,
    );
    // Far below the 15 s default: the configured bodyMs was used (a bound on behaviour, not a speed goal).
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('a body cut short by the server → network', async () => {
    const url = await listen(
      createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"id":"s"', () => res.socket?.destroy());
      }),
    );
    expectUnreachable(await client(url).whoami(TOKEN), 'network', /Cannot reach the Kratos server at/);
  });

  it('an endless chunked body is abandoned at the cap → too-large', async () => {
    let written = 0;
    const url = await listen(
      createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(16 * 1024, 'x');
        const pump = () => {
          while (written < 50 * 1024 * 1024 && !res.destroyed) {
            written += chunk.length;
            if (!res.write(chunk)) return res.once('drain', pump);
          }
          res.end();
        };
        pump();
      }),
    );
    expectUnreachable(
      await client(url, { maxResponseBytes: 64 * 1024 }).whoami(TOKEN),
      'too-large',
      /larger than 64 KiB/,
    );
    expect(written).toBeLessThan(50 * 1024 * 1024);
  });

  it.each([
    ['302 on whoami', 302, (c: KratosApi) => c.whoami(TOKEN)],
    ['307 on logout (would replay the token in the body)', 307, (c: KratosApi) => c.logout(TOKEN)],
    [
      '308 on a login submit with a token',
      308,
      (c: KratosApi) => c.submitLoginFlow('f', { method: 'totp' }, TOKEN),
    ],
    ['303 on settings', 303, (c: KratosApi) => c.createSettingsFlow(TOKEN)],
  ])('%s to another origin: never followed, the token reaches nobody else', async (_name, status, call) => {
    const elsewhere = await recording((_req, res) => sendJson(res, 200, { id: 'stolen' }));
    const kratos = await recording((req, res) => {
      res.writeHead(status, { location: `${elsewhere.url}${req.url}` });
      res.end();
    });

    const result = await call(client(kratos.url));

    expectUnreachable(result, 'redirect', new RegExp(`answered with a redirect \\(HTTP ${status}\\)`));
    expect(kratos.requests).toHaveLength(1);
    expect(elsewhere.requests).toEqual([]);
  });

  it('a Set-Cookie is never sent back', async () => {
    const kratos = await recording((_req, res) =>
      sendJson(res, 200, { id: 's' }, { 'set-cookie': 'ory_kratos_session=abc; Path=/; HttpOnly' }),
    );
    const c = client(kratos.url);
    await c.whoami(TOKEN);
    await c.whoami(TOKEN);
    expect(kratos.requests.map((r) => r.headers.cookie)).toEqual([undefined, undefined]);
  });
});

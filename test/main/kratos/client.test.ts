/**
 * What the client puts on the wire for every endpoint, observed by a real HTTP server: method, path, query,
 * headers and body, plus how the answer comes back. Fault handling is in client.faults.test.ts.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KratosApi } from '../../../main/kratos/api';
import { createKratosClient } from '../../../main/kratos/client';
import { ownUserAgent } from '../../../main/kratos/user-agent';
import {
  sendJson,
  startRecordingServer,
  type RecordedRequest,
  type RecordingServer,
} from './recording-server';
import sessionAal1 from '../../fixtures/kratos/whoami-session-aal1.json' with { type: 'json' };

const TOKEN = 'ory_st_abcdefghijklmnopqrstuvwxyz012345';
const flow = (id: string) => ({
  id,
  ui: { action: `https://k/self-service/x?flow=${id}`, method: 'POST', nodes: [] },
});
const NEXT_LINK = '<http://k/sessions?page=1&page_size=1&page_token=next-token&per_page=1>; rel="next"';

/** A tiny fake of the Kratos routes; every answer also tries to set a cookie, which must be ignored. */
function answer(request: RecordedRequest, response: ServerResponse) {
  const cookie = { 'set-cookie': 'ory_kratos_session=should-never-come-back; Path=/' };
  const path = new URL(request.url, 'http://x').pathname.replace(/^\/prefix/, '');
  const route = `${request.method} ${path}`;
  if (/^GET \/self-service\/\w+\/(api|flows)$/.test(route))
    return sendJson(response, 200, flow('f-1'), cookie);
  if (route === 'POST /self-service/login')
    return sendJson(response, 200, { session_token: TOKEN, session: sessionAal1 }, cookie);
  if (route === 'POST /self-service/registration')
    return sendJson(response, 200, { identity: { id: 'i-1' } }, cookie);
  if (/^POST \/self-service\/(settings|recovery|verification)$/.test(route))
    return sendJson(response, 200, flow('f-1'), cookie);
  if (route === 'GET /sessions/whoami') return sendJson(response, 200, sessionAal1, cookie);
  if (route === 'GET /sessions')
    return sendJson(response, 200, [sessionAal1], { ...cookie, link: NEXT_LINK });
  if (route === 'DELETE /sessions') return sendJson(response, 200, { count: 2 }, cookie);
  if (route === 'DELETE /self-service/logout/api' || route.startsWith('DELETE /sessions/')) {
    response.writeHead(204, cookie);
    return response.end();
  }
  sendJson(response, 404, { error: { code: 404, message: 'not found' } });
}

let server: RecordingServer;
let client: KratosApi;

beforeAll(async () => {
  server = await startRecordingServer(answer);
  client = createKratosClient({ baseUrl: server.url });
});
afterAll(async () => {
  await client.close();
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

interface WireCase {
  name: string;
  call: (client: KratosApi) => Promise<{ kind: string }>;
  method: string;
  url: string;
  token: boolean;
  body?: unknown;
}

const SUBMIT = { method: 'password', identifier: 'a@example.com', password: 'pw' };

const cases: WireCase[] = [
  {
    name: 'createLoginFlow',
    call: (c) => c.createLoginFlow(),
    method: 'GET',
    url: '/self-service/login/api',
    token: false,
  },
  {
    name: 'createLoginFlow (refresh)',
    call: (c) => c.createLoginFlow({ refresh: true, token: TOKEN }),
    method: 'GET',
    url: '/self-service/login/api?refresh=true',
    token: true,
  },
  {
    name: 'createLoginFlow (aal2 step-up)',
    call: (c) => c.createLoginFlow({ aal: 'aal2', token: TOKEN }),
    method: 'GET',
    url: '/self-service/login/api?aal=aal2',
    token: true,
  },
  {
    name: 'getLoginFlow',
    call: (c) => c.getLoginFlow('f-1'),
    method: 'GET',
    url: '/self-service/login/flows?id=f-1',
    token: false,
  },
  {
    name: 'submitLoginFlow',
    call: (c) => c.submitLoginFlow('f-1', SUBMIT),
    method: 'POST',
    url: '/self-service/login?flow=f-1',
    token: false,
    body: SUBMIT,
  },
  {
    name: 'submitLoginFlow (aal2, with token)',
    call: (c) => c.submitLoginFlow('f-1', { method: 'totp', totp_code: '123456' }, TOKEN),
    method: 'POST',
    url: '/self-service/login?flow=f-1',
    token: true,
    body: { method: 'totp', totp_code: '123456' },
  },
  {
    name: 'createRegistrationFlow',
    call: (c) => c.createRegistrationFlow(),
    method: 'GET',
    url: '/self-service/registration/api',
    token: false,
  },
  {
    name: 'getRegistrationFlow',
    call: (c) => c.getRegistrationFlow('f-1'),
    method: 'GET',
    url: '/self-service/registration/flows?id=f-1',
    token: false,
  },
  {
    name: 'submitRegistrationFlow',
    call: (c) =>
      c.submitRegistrationFlow('f-1', {
        method: 'password',
        traits: { email: 'a@example.com' },
        password: 'pw',
      }),
    method: 'POST',
    url: '/self-service/registration?flow=f-1',
    token: false,
    body: { method: 'password', traits: { email: 'a@example.com' }, password: 'pw' },
  },
  {
    name: 'createSettingsFlow',
    call: (c) => c.createSettingsFlow(TOKEN),
    method: 'GET',
    url: '/self-service/settings/api',
    token: true,
  },
  {
    name: 'getSettingsFlow',
    call: (c) => c.getSettingsFlow('f-1', TOKEN),
    method: 'GET',
    url: '/self-service/settings/flows?id=f-1',
    token: true,
  },
  {
    name: 'submitSettingsFlow',
    call: (c) => c.submitSettingsFlow('f-1', { method: 'password', password: 'new' }, TOKEN),
    method: 'POST',
    url: '/self-service/settings?flow=f-1',
    token: true,
    body: { method: 'password', password: 'new' },
  },
  {
    name: 'createRecoveryFlow',
    call: (c) => c.createRecoveryFlow(),
    method: 'GET',
    url: '/self-service/recovery/api',
    token: false,
  },
  {
    name: 'getRecoveryFlow',
    call: (c) => c.getRecoveryFlow('f-1'),
    method: 'GET',
    url: '/self-service/recovery/flows?id=f-1',
    token: false,
  },
  {
    name: 'submitRecoveryFlow',
    call: (c) => c.submitRecoveryFlow('f-1', { method: 'code', email: 'a@example.com' }),
    method: 'POST',
    url: '/self-service/recovery?flow=f-1',
    token: false,
    body: { method: 'code', email: 'a@example.com' },
  },
  {
    name: 'createVerificationFlow',
    call: (c) => c.createVerificationFlow(),
    method: 'GET',
    url: '/self-service/verification/api',
    token: false,
  },
  {
    name: 'getVerificationFlow',
    call: (c) => c.getVerificationFlow('f-1'),
    method: 'GET',
    url: '/self-service/verification/flows?id=f-1',
    token: false,
  },
  {
    name: 'submitVerificationFlow',
    call: (c) => c.submitVerificationFlow('f-1', { method: 'code', code: '123456' }),
    method: 'POST',
    url: '/self-service/verification?flow=f-1',
    token: false,
    body: { method: 'code', code: '123456' },
  },
  { name: 'whoami', call: (c) => c.whoami(TOKEN), method: 'GET', url: '/sessions/whoami', token: true },
  {
    name: 'logout (token in the body, not in a header)',
    call: (c) => c.logout(TOKEN),
    method: 'DELETE',
    url: '/self-service/logout/api',
    token: false,
    body: { session_token: TOKEN },
  },
  { name: 'listSessions', call: (c) => c.listSessions(TOKEN), method: 'GET', url: '/sessions', token: true },
  {
    name: 'listSessions (page)',
    call: (c) => c.listSessions(TOKEN, { pageSize: 10, pageToken: 'abc' }),
    method: 'GET',
    url: '/sessions?page_size=10&page_token=abc',
    token: true,
  },
  {
    name: 'revokeSession',
    call: (c) => c.revokeSession(TOKEN, 's-2'),
    method: 'DELETE',
    url: '/sessions/s-2',
    token: true,
  },
  {
    name: 'revokeOtherSessions',
    call: (c) => c.revokeOtherSessions(TOKEN),
    method: 'DELETE',
    url: '/sessions',
    token: true,
  },
];

describe('createKratosClient on the wire', () => {
  it('sends the user agent it is given (the terminal client names itself)', async () => {
    const terminal = createKratosClient({ baseUrl: server.url, userAgent: ownUserAgent('terminal') });
    try {
      await terminal.whoami(TOKEN);
    } finally {
      await terminal.close();
    }
    expect(server.requests[0]?.headers['user-agent']).toMatch(/^kratos-desktop-cli\/\d+\.\d+\.\d+ \(/);
  });

  it.each(cases)('$name → $method $url', async ({ call, method, url, token, body }) => {
    const result = await call(client);
    expect(result.kind).toBe('success');

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.method).toBe(method);
    expect(request?.url).toBe(url);
    const headers = request?.headers ?? {};
    expect(headers.accept).toBe('application/json');
    // The window's user agent unless told otherwise: name, version, system and host (shared/user-agent.ts).
    expect(headers['user-agent']).toBe(ownUserAgent('app'));
    expect(headers['user-agent']).toMatch(
      /^kratos-desktop\/\d+\.\d+\.\d+ \((Linux|macOS|Windows)(; [^)]+)?\)$/,
    );
    expect(headers.cookie).toBeUndefined();
    expect(headers.origin).toBeUndefined();
    expect(headers.authorization).toBeUndefined();
    expect(headers['x-session-token']).toBe(token ? TOKEN : undefined);
    if (body === undefined) {
      expect(headers['content-type']).toBeUndefined();
      expect(request?.body).toBe('');
    } else {
      expect(headers['content-type']).toBe('application/json');
      expect(JSON.parse(request?.body ?? '')).toEqual(body);
    }
  });

  it('sends only the headers it means to (no cookie jar, no Origin, ever)', async () => {
    for (const { call } of cases) await call(client);
    const names = new Set(server.requests.flatMap((r) => Object.keys(r.headers)));
    // host, connection and content-length are HTTP/1.1 framing that undici adds itself.
    expect([...names].sort()).toEqual(
      [
        'accept',
        'connection',
        'content-length',
        'content-type',
        'host',
        'user-agent',
        'x-session-token',
      ].sort(),
    );
  });

  it('returns the parsed bodies', async () => {
    expect(await client.whoami(TOKEN)).toEqual({ kind: 'success', status: 200, body: sessionAal1 });
    expect(await client.logout(TOKEN)).toEqual({ kind: 'success', status: 204, body: undefined });
    expect(await client.revokeOtherSessions(TOKEN)).toEqual({
      kind: 'success',
      status: 200,
      body: { count: 2 },
    });
    expect(await client.listSessions(TOKEN)).toEqual({
      kind: 'success',
      status: 200,
      body: { sessions: [sessionAal1], nextPageToken: 'next-token' },
    });
  });

  it('encodes ids, so an id cannot change the path or add parameters', async () => {
    await client.getLoginFlow('a b&aal=aal2');
    await client.revokeSession(TOKEN, '../whoami');
    await client.submitLoginFlow('x#y', SUBMIT);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/self-service/login/flows?id=a+b%26aal%3Daal2',
      '/sessions/..%2Fwhoami',
      '/self-service/login?flow=x%23y',
    ]);
  });

  it('keeps the connection alive between calls (one dedicated agent)', async () => {
    const fresh = await startRecordingServer(answer);
    const own = createKratosClient({ baseUrl: fresh.url });
    try {
      for (let i = 0; i < 20; i++) expect((await own.whoami(TOKEN)).kind).toBe('success');
      // Without keep-alive this would be 20. undici may open a second socket when the next request is
      // dispatched a moment before the first socket is back in the pool; after that both are reused.
      expect(fresh.connections()).toBeLessThanOrEqual(2);
    } finally {
      await own.close();
      await fresh.close();
    }
  });

  it('talks to a path prefix (Kratos behind a reverse proxy)', async () => {
    const prefixed = createKratosClient({ baseUrl: `${server.url}/prefix/` });
    try {
      expect(prefixed.baseUrl).toBe(`${server.url}/prefix`);
      expect((await prefixed.whoami(TOKEN)).kind).toBe('success');
      expect(server.requests.map((r) => r.url)).toEqual(['/prefix/sessions/whoami']);
    } finally {
      await prefixed.close();
    }
  });

  it('normalizes its base URL and refuses an invalid one', () => {
    expect(() => createKratosClient({ baseUrl: 'http://kratos.example.com' })).toThrow(/Use https:\/\//);
    expect(() => createKratosClient({ baseUrl: 'https://u:p@kratos.example.com' })).toThrow(/user name/);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../emulator/index';
import { call, emulatorForSuite, login, register, tokenHeader, withUncheckedEmulator } from '../helpers';

const clock = createManualClock(new Date('2026-03-01T00:00:00Z'));
const suite = emulatorForSuite(clock);

const whoami401 = JSON.parse(
  readFileSync(new URL('../../fixtures/kratos/whoami-401-no-session.json', import.meta.url), 'utf8'),
);

describe('GET /sessions/whoami', () => {
  it('returns the session for X-Session-Token, with X-Kratos-Authenticated-Identity-Id', async () => {
    const { token, body } = await register(suite.url);
    const res = await call('GET', `${suite.url}/sessions/whoami`, { headers: tokenHeader(token) });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(body.session.id);
    expect(res.body.identity.id).toBe(body.identity.id);
    expect(res.headers['x-kratos-authenticated-identity-id']).toBe(body.identity.id);
  });

  it('accepts Authorization: Bearer with a case-insensitive scheme', async () => {
    const { token } = await register(suite.url);
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const res = await call('GET', `${suite.url}/sessions/whoami`, {
        headers: { Authorization: `${scheme} ${token}` },
      });
      expect(res.status).toBe(200);
    }
  });

  it('answers 401 with exactly the body real Kratos sends (no error id) without a valid token', async () => {
    const attempts: Array<Record<string, string>> = [
      {},
      tokenHeader('ory_st_unknownunknownunknownunknown00'),
      { Authorization: 'Basic abc' },
    ];
    for (const headers of attempts) {
      const res = await call('GET', `${suite.url}/sessions/whoami`, { headers });
      expect(res.status).toBe(401);
      expect(res.body).toEqual(whoami401);
      expect(res.headers['ory-error-id']).toBeUndefined();
      expect(res.headers['content-type']).toMatch(/^application\/json/);
    }
  });

  it('answers 401 once the session has expired (24h lifespan)', async () => {
    const { token } = await register(suite.url);
    clock.advance(24 * 3600 * 1000 + 1);
    const res = await call('GET', `${suite.url}/sessions/whoami`, { headers: tokenHeader(token) });
    expect(res.status).toBe(401);
  });
});

describe('DELETE /self-service/logout/api', () => {
  it('revokes the session (204), and answers 204 again for the revoked token', async () => {
    const { token, body } = await register(suite.url);
    const res = await call('DELETE', `${suite.url}/self-service/logout/api`, {
      json: { session_token: token },
    });
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expect(suite.emulator.sessionIsActive(body.session.id)).toBe(false);
    expect((await call('GET', `${suite.url}/sessions/whoami`, { headers: tokenHeader(token) })).status).toBe(
      401,
    );
    expect(
      (await call('DELETE', `${suite.url}/self-service/logout/api`, { json: { session_token: token } }))
        .status,
    ).toBe(204);
  });

  it('answers 400 to a request without a body, before looking for a token', async () => {
    const res = await call('DELETE', `${suite.url}/self-service/logout/api`);
    expect(res.status).toBe(400);
    expect(res.body.error.reason).toBe(
      'Unable to decode HTTP Request Body because its HTTP Header "Content-Length" is zero.',
    );
  });

  it('answers 403 for an unknown or empty token', async () => {
    for (const json of [{ session_token: 'ory_st_nope' }, { session_token: '' }, {}]) {
      const res = await call('DELETE', `${suite.url}/self-service/logout/api`, { json });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        error: {
          code: 403,
          status: 'Forbidden',
          reason: 'The provided Ory Session Token could not be found, is invalid, or otherwise malformed.',
          message: 'The requested action was forbidden',
        },
      });
    }
  });
});

describe('GET/DELETE /sessions', () => {
  async function identityWithSessions(count: number) {
    const first = await register(suite.url);
    const tokens = [first.token];
    for (let i = 1; i < count; i++) tokens.push((await login(suite.url, first.email)).body.session_token);
    return { email: first.email, tokens };
  }

  it('lists the other active sessions, excluding the current one', async () => {
    const { tokens } = await identityWithSessions(3);
    const res = await call('GET', `${suite.url}/sessions`, { headers: tokenHeader(tokens[0]!) });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(2);
    const current = await call('GET', `${suite.url}/sessions/whoami`, { headers: tokenHeader(tokens[0]!) });
    expect(res.body.map((s: { id: string }) => s.id)).not.toContain(current.body.id);
    expect(res.headers['x-total-count']).toBe('2');
  });

  it('paginates with page_size/page_token and a Link header like Kratos', async () => {
    const { tokens } = await identityWithSessions(4);
    const first = await call('GET', `${suite.url}/sessions?page_size=2`, {
      headers: tokenHeader(tokens[0]!),
    });
    expect(first.body).toHaveLength(2);
    const link = String(first.headers.link);
    expect(link).toContain(
      `<${suite.url}/sessions?page=0&page_size=2&page_token=eyJvZmZzZXQiOiIwIiwidiI6Mn0&per_page=2>;rel="first"`,
    );
    const next = /<([^>]+)>;rel="next"/.exec(link)?.[1];
    expect(next).toBeDefined();
    const second = await call('GET', next!, { headers: tokenHeader(tokens[0]!) });
    expect(second.body).toHaveLength(1);
    expect(second.body[0].id).not.toBe(first.body[0].id);
  });

  it('answers 401 without a session', async () => {
    const res = await call('GET', `${suite.url}/sessions`);
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 401, reason: 'No valid session cookie found.' });
  });

  it('DELETE /sessions revokes all other sessions and returns their count', async () => {
    const { tokens } = await identityWithSessions(3);
    const res = await call('DELETE', `${suite.url}/sessions`, { headers: tokenHeader(tokens[0]!) });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ count: 2 });
    expect(
      (await call('GET', `${suite.url}/sessions/whoami`, { headers: tokenHeader(tokens[1]!) })).status,
    ).toBe(401);
    expect(
      (await call('GET', `${suite.url}/sessions/whoami`, { headers: tokenHeader(tokens[0]!) })).status,
    ).toBe(200);
  });

  it('DELETE /sessions/{id} revokes another session (204) but refuses the current one (400)', async () => {
    const { tokens } = await identityWithSessions(2);
    const other = (await call('GET', `${suite.url}/sessions/whoami`, { headers: tokenHeader(tokens[1]!) }))
      .body.id;
    const current = (await call('GET', `${suite.url}/sessions/whoami`, { headers: tokenHeader(tokens[0]!) }))
      .body.id;
    const revoked = await call('DELETE', `${suite.url}/sessions/${other}`, {
      headers: tokenHeader(tokens[0]!),
    });
    expect(revoked.status).toBe(204);
    expect(suite.emulator.sessionIsActive(other)).toBe(false);
    const refused = await call('DELETE', `${suite.url}/sessions/${current}`, {
      headers: tokenHeader(tokens[0]!),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.reason).toBe('cannot revoke current session');
    expect(suite.emulator.sessionIsActive(current)).toBe(true);
  });

  it("DELETE /sessions/{id} cannot touch another identity's session (still 204, nothing revoked)", async () => {
    const alice = await register(suite.url);
    const bob = await register(suite.url);
    const res = await call('DELETE', `${suite.url}/sessions/${bob.body.session.id}`, {
      headers: tokenHeader(alice.token),
    });
    expect(res.status).toBe(204);
    expect(suite.emulator.sessionIsActive(bob.body.session.id)).toBe(true);
  });

  it('DELETE /sessions/{id} answers 400 for a malformed id and 401 without a session', async () => {
    const { token } = await register(suite.url);
    expect(
      (await call('DELETE', `${suite.url}/sessions/not-a-uuid`, { headers: tokenHeader(token) })).status,
    ).toBe(400);
    expect((await call('DELETE', `${suite.url}/sessions/6a5c1d5e-0000-4000-8000-000000000000`)).status).toBe(
      401,
    );
  });
});

describe('answers on every route', () => {
  it('mark every GET answer as not cacheable, and no other (Kratos v26.2.0)', async () => {
    const noCache = 'private, no-cache, no-store, must-revalidate';
    await withUncheckedEmulator(async (emulator) => {
      const { token } = await register(emulator.url);
      for (const [path, headers] of [
        ['/self-service/login/api', {}],
        ['/sessions/whoami', tokenHeader(token)],
        ['/sessions/whoami', {}],
        ['/schemas/ZGVmYXVsdA', {}],
        ['/health/ready', {}],
        ['/no/such/path', {}],
      ] as const) {
        const res = await call('GET', `${emulator.url}${path}`, { headers });
        expect(res.headers['cache-control'], path).toBe(noCache);
      }
      for (const method of ['POST', 'HEAD'] as const) {
        const res = await call(method, `${emulator.url}/sessions/whoami`, { headers: tokenHeader(token) });
        expect(res.status, method).toBe(200);
        expect(res.headers['cache-control'], method).toBeUndefined();
      }
      const flow = await call('GET', `${emulator.url}/self-service/login/api`);
      const submit = await call('POST', flow.body.ui.action, { json: { method: 'password' } });
      expect(submit.status).toBe(400);
      expect(submit.headers['cache-control']).toBeUndefined();
    });
  });

  it('answer a known path with an unknown method with 405 and Allow, an unknown path with 404', async () => {
    await withUncheckedEmulator(async (emulator) => {
      const id = '00000000-0000-0000-0000-000000000001';
      for (const method of ['GET', 'PUT', 'PATCH'] as const) {
        const res = await call(method, `${emulator.url}/sessions/${id}`);
        expect(res.status, method).toBe(405);
        expect(res.headers.allow).toBe('DELETE');
      }
      expect((await call('PUT', `${emulator.url}/sessions`)).headers.allow).toBe('GET, DELETE');
      expect((await call('GET', `${emulator.url}/no/such/route`)).status).toBe(404);
    });
  });
});

describe('health', () => {
  it('answers {status: ok} on /health/alive and /health/ready', async () => {
    for (const path of ['/health/alive', '/health/ready']) {
      const res = await call('GET', `${suite.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
    }
  });
});

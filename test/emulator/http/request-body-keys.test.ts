/**
 * Untrusted body keys never walk into prototypes: a key path that names `__proto__`, `constructor` or
 * `prototype` anywhere (as a whole key, a dotted segment, or a nested key) is refused with a 400 before any
 * route logic, and nothing is planted on Object.prototype. Sent over real HTTP, as any local process could.
 */
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_BODY_DEPTH } from '../../../emulator/http/request';
import { call, emulatorForSuite, register, uniqueEmail, type HttpResult } from '../helpers';
import { createManualClock } from '../../../emulator/index';

const suite = emulatorForSuite(createManualClock(new Date('2026-06-01T00:00:00Z')));

const planted = ['socketPath', 'ca', 'x', 'polluted'] as const;
const prototypeValue = (name: string): unknown => (Object.prototype as Record<string, unknown>)[name];

afterEach(() => {
  // If a check ever fails, do not let the pollution leak into the next test.
  for (const name of planted) delete (Object.prototype as Record<string, unknown>)[name];
});

const pollutingBodies: [string, unknown][] = [
  [
    '__proto__.socketPath + __proto__.ca',
    { '__proto__.socketPath': '/tmp/attacker.sock', '__proto__.ca': 'PEM' },
  ],
  ['a.__proto__.x', { 'a.__proto__.x': 'polluted' }],
  ['constructor.prototype.x', { 'constructor.prototype.x': 'polluted' }],
  ['traits.constructor.prototype.polluted', { 'traits.constructor.prototype.polluted': 'yes' }],
  ['nested {"__proto__": {...}} under a dotted key', JSON.parse('{"traits.a": {"__proto__": {"x": 1}}}')],
  ['a whole "prototype" key', { traits: { prototype: { x: 1 } } }],
];

describe('request bodies with prototype key paths', () => {
  it.each(pollutingBodies)(
    'DELETE /self-service/logout/api with %s → 400, Object.prototype untouched',
    async (_name, body) => {
      const res = await call('DELETE', `${suite.url}/self-service/logout/api`, { json: body });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 400, status: 'Bad Request' });
      expect(res.body.error.reason).toMatch(/__proto__|constructor|prototype/);
      for (const name of planted) expect(prototypeValue(name)).toBeUndefined();
      expect(({} as Record<string, unknown>).socketPath).toBeUndefined();
    },
  );

  it.each(pollutingBodies)(
    'a registration submit with %s → 400 flow, Object.prototype untouched',
    async (_name, body) => {
      const flow = await call('GET', `${suite.url}/self-service/registration/api`);
      const res = await call('POST', flow.body.ui.action, {
        json: {
          method: 'password',
          password: 'correct horse battery staple',
          'traits.email': uniqueEmail(),
          ...(body as object),
        },
      });
      expect(res.status).toBe(400);
      expect(res.body.ui.messages[0].text).toMatch(/__proto__|constructor|prototype/);
      for (const name of planted) expect(prototypeValue(name)).toBeUndefined();
    },
  );

  it('still expands ordinary dotted keys like Kratos (traits.email → traits: {email})', async () => {
    const email = uniqueEmail();
    const flow = await call('GET', `${suite.url}/self-service/registration/api`);
    const res = await call('POST', flow.body.ui.action, {
      json: { method: 'password', password: 'correct horse battery staple', 'traits.email': email },
    });
    expect(res.status).toBe(200);
    expect(res.body.identity.traits).toEqual({ email });
  });

  it('still logs out with an ordinary body', async () => {
    const { token } = await register(suite.url);
    const res = await call('DELETE', `${suite.url}/self-service/logout/api`, {
      json: { session_token: token },
    });
    expect(res.status).toBe(204);
  });
});

describe('request bodies nested deeper than the emulator decodes', () => {
  /** A submit whose extra field `x` nests arrays so that the whole body is `levels` deep. */
  const nestedBody = (levels: number, fields: Record<string, string> = {}) =>
    JSON.stringify(fields).replace(
      /}$/,
      `${Object.keys(fields).length > 0 ? ',' : ''}"x":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`,
    );
  const send = async (method: 'POST' | 'DELETE', url: string, body: string): Promise<HttpResult> => {
    const res = await request(url, { method, headers: { 'Content-Type': 'application/json' }, body });
    return { status: res.statusCode, headers: res.headers, body: await res.body.json() };
  };

  it(`a body nested ${2 * MAX_BODY_DEPTH} levels deep → 400 that says so (it was a 500: the key walk ran out of stack)`, async () => {
    const logout = await send(
      'DELETE',
      `${suite.url}/self-service/logout/api`,
      nestedBody(2 * MAX_BODY_DEPTH),
    );
    expect(logout.status).toBe(400);
    expect(logout.body.error.reason).toContain(`nested deeper than ${MAX_BODY_DEPTH} levels`);

    const flow = await call('GET', `${suite.url}/self-service/registration/api`);
    const fields = {
      method: 'password',
      password: 'correct horse battery staple',
      'traits.email': uniqueEmail(),
    };
    const registration = await send('POST', flow.body.ui.action, nestedBody(500_000, fields));
    expect(registration.status).toBe(400);
    expect(registration.body.ui.messages[0].text).toContain(`nested deeper than ${MAX_BODY_DEPTH} levels`);
  });

  it(`a body ${MAX_BODY_DEPTH} levels deep is decoded like any other`, async () => {
    const flow = await call('GET', `${suite.url}/self-service/registration/api`);
    const fields = {
      method: 'password',
      password: 'correct horse battery staple',
      'traits.email': uniqueEmail(),
    };
    const registration = await send('POST', flow.body.ui.action, nestedBody(MAX_BODY_DEPTH, fields));
    expect(registration.status).toBe(200);
  });
});

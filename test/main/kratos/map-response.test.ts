import { describe, expect, it } from 'vitest';
import {
  MAX_RETRY_AFTER_MS,
  mapResponse,
  parseRetryAfter,
  type Expectation,
} from '../../../main/kratos/map-response';
import {
  isLoginFlow,
  isNativeLogin,
  isNativeRegistration,
  isNoContent,
  isRegistrationFlow,
  isSession,
  isSessionCount,
  isSessionList,
  isSettingsFlow,
} from '../../../main/kratos/shapes';
import legacyLogin from '../../fixtures/kratos/login-success-native-legacy-2020.json' with { type: 'json' };
import wrongPasswordFlow from '../../fixtures/kratos/login-flow-wrong-password-4000006.json' with { type: 'json' };
import missingFieldsFlow from '../../fixtures/kratos/registration-flow-missing-fields-4000002.json' with { type: 'json' };
import generic404 from '../../fixtures/kratos/error-generic-404-with-reason.json' with { type: 'json' };
import sessionAal1 from '../../fixtures/kratos/whoami-session-aal1.json' with { type: 'json' };
import sessionAal2 from '../../fixtures/kratos/session-aal2-fixture.json' with { type: 'json' };
import settingsSuccess from '../../fixtures/kratos/settings-flow-lookup-confirmed-success.json' with { type: 'json' };
import whoami401 from '../../fixtures/kratos/whoami-401-no-session.json' with { type: 'json' };

const BASE = 'https://auth.example.com';
const json = (value: unknown) => JSON.stringify(value);
const map = <T, F>(status: number, text: string, expect: Expectation<T, F>) =>
  mapResponse(BASE, { status, text }, expect);

const whoami: Expectation<unknown, never> = { success: isSession };
const loginSubmit: Expectation<unknown, unknown> = { success: isNativeLogin, flow: isLoginFlow };
const settingsSubmit: Expectation<unknown, unknown> = { success: isSettingsFlow, flow: isSettingsFlow };
const createLogin: Expectation<unknown, never> = { success: isLoginFlow };
const noContent: Expectation<unknown, never> = { success: isNoContent };

describe('mapResponse', () => {
  describe('2xx with the expected shape → success', () => {
    it.each([
      ['whoami, aal1 session (Ory docs)', whoami, 200, sessionAal1],
      ['whoami, aal2 session (Kratos serializer)', whoami, 200, sessionAal2],
      ['login submit, native success', loginSubmit, 200, legacyLogin],
      ['settings submit answers the flow in state success', settingsSubmit, 200, settingsSuccess],
      ['login flow creation', createLogin, 200, wrongPasswordFlow],
      [
        'registration submit without the session hook',
        { success: isNativeRegistration },
        200,
        { identity: { id: 'i-1' } },
      ],
      ['sessions list', { success: isSessionList }, 200, [sessionAal1, sessionAal2]],
      ['empty sessions list', { success: isSessionList }, 200, []],
      ['revoke other sessions', { success: isSessionCount }, 200, { count: 3 }],
      [
        'login with identity null (second factor still needed)',
        loginSubmit,
        200,
        {
          session_token: 'ory_st_x',
          session: { id: 's-1', identity: null },
        },
      ],
    ] as const)('%s', (_name, expectation, status, body) => {
      expect(map(status, json(body), expectation)).toEqual({ kind: 'success', status, body });
    });

    it('204 without body (logout, revoke one session)', () => {
      expect(map(204, '', noContent)).toEqual({ kind: 'success', status: 204, body: undefined });
    });
  });

  describe('400 whose body is a flow → flow (submits only)', () => {
    it.each([
      ['login, wrong password 4000006', loginSubmit, wrongPasswordFlow],
      [
        'registration, missing fields 4000002',
        { success: isNativeRegistration, flow: isRegistrationFlow },
        missingFieldsFlow,
      ],
      ['settings, validation error', settingsSubmit, settingsSuccess],
    ] as const)('%s', (_name, expectation, body) => {
      expect(map(400, json(body), expectation)).toEqual({ kind: 'flow', status: 400, flow: body });
    });

    it('a flow body on a call that never answers with a flow is not taken as one', () => {
      expect(map(400, json(wrongPasswordFlow), createLogin)).toMatchObject({
        kind: 'unreachable',
        reason: 'bad-response',
        status: 400,
      });
    });
  });

  describe('410 → expired', () => {
    const expiredError = {
      id: 'self_service_flow_expired',
      code: 410,
      status: 'Gone',
      reason: 'The self-service flow expired 5.00 minutes ago, initialize a new one.',
      message: 'self-service flow expired',
    };

    it('submit of an expired flow carries the replacement flow id', () => {
      const body = {
        error: expiredError,
        expired_at: '2026-01-01T00:00:00Z',
        since: 3e11,
        use_flow_id: 'new-flow',
      };
      expect(map(410, json(body), loginSubmit)).toEqual({
        kind: 'expired',
        status: 410,
        error: expiredError,
        useFlowId: 'new-flow',
      });
    });

    it('self_service_flow_replaced carries the replacement too', () => {
      const error = { id: 'self_service_flow_replaced', code: 410, message: 'replaced' };
      expect(map(410, json({ error, use_flow_id: 'other' }), loginSubmit)).toMatchObject({
        kind: 'expired',
        useFlowId: 'other',
        error: { id: 'self_service_flow_replaced' },
      });
    });

    it('fetching an expired flow has no replacement', () => {
      const body = { error: { ...expiredError, details: { api: `${BASE}/self-service/login/api` } } };
      expect(map(410, json(body), createLogin)).toEqual({
        kind: 'expired',
        status: 410,
        error: body.error,
        useFlowId: undefined,
      });
    });

    it('the settings flow 410 without error.id is expired as well', () => {
      const error = { code: 410, status: 'Gone', message: 'The settings flow has expired.' };
      expect(map(410, json({ error }), settingsSubmit)).toEqual({
        kind: 'expired',
        status: 410,
        error,
        useFlowId: undefined,
      });
    });
  });

  describe('4xx error envelope → error', () => {
    it('whoami 401 has no error.id (real body from Kratos issues)', () => {
      expect(map(401, json(whoami401), whoami)).toEqual({
        kind: 'error',
        status: 401,
        error: {
          code: 401,
          status: 'Unauthorized',
          reason: 'No valid session credentials found in the request.',
          message: 'The request could not be authorized',
        },
      });
    });

    it('403 session_aal2_required keeps the top-level redirect_browser_to', () => {
      const redirect = `${BASE}/self-service/login/browser?aal=aal2`;
      const body = {
        error: {
          id: 'session_aal2_required',
          code: 403,
          status: 'Forbidden',
          reason: 'An active session was found but it does not fulfill the requested AAL.',
          details: { redirect_browser_to: redirect },
          message: 'Session does not fulfill the requested Authenticator Assurance Level',
        },
        redirect_browser_to: redirect,
      };
      expect(map(403, json(body), whoami)).toEqual({
        kind: 'error',
        status: 403,
        error: body.error,
        redirectBrowserTo: redirect,
      });
    });

    it('422 browser_location_change_required is an error with the URL to open', () => {
      const body = {
        error: {
          id: 'browser_location_change_required',
          code: 422,
          message: 'browser location change required',
        },
        redirect_browser_to: 'https://accounts.example.com/authorize?x=1',
      };
      expect(map(422, json(body), loginSubmit)).toMatchObject({
        kind: 'error',
        status: 422,
        error: { id: 'browser_location_change_required' },
        redirectBrowserTo: 'https://accounts.example.com/authorize?x=1',
      });
    });

    it.each([
      [
        '400 session_already_available on flow creation',
        400,
        { error: { id: 'session_already_available', code: 400, message: 'x' } },
      ],
      [
        '403 logout with an unknown token',
        403,
        { error: { code: 403, status: 'Forbidden', message: 'forbidden' } },
      ],
      ['404 generic (Kratos snapshot)', 404, generic404],
    ] as const)('%s', (_name, status, body) => {
      expect(map(status, json(body), createLogin)).toEqual({ kind: 'error', status, error: body.error });
    });

    it('keeps only documented fields (debug and request are for operators)', () => {
      const body = { error: { code: 400, message: 'bad', debug: 'stack trace', request: 'req-1', extra: 1 } };
      expect(map(400, json(body), createLogin)).toEqual({
        kind: 'error',
        status: 400,
        error: { code: 400, message: 'bad' },
      });
    });

    it('uses the HTTP status when the envelope has no code', () => {
      expect(map(409, json({ error: { message: 'conflict' } }), createLogin)).toEqual({
        kind: 'error',
        status: 409,
        error: { code: 409, message: 'conflict' },
      });
    });
  });

  describe('429 → rate-limited: the server asked to slow down', () => {
    const NOW = Date.parse('2026-08-01T12:00:00Z');
    const limited = (
      headers: Record<string, string>,
      text = json({ error: { code: 429, message: 'Too Many Requests' } }),
    ) => mapResponse(BASE, { status: 429, text, headers }, whoami, NOW);

    it('with Retry-After in seconds: the wait, in words too', () => {
      const result = limited({ 'retry-after': '30' });
      expect(result).toMatchObject({
        kind: 'unreachable',
        reason: 'rate-limited',
        status: 429,
        retryAfterMs: 30_000,
      });
      if (result.kind === 'unreachable') {
        expect(result.message).toBe(
          `The Kratos server at ${BASE} asked the app to slow down: too many requests (HTTP 429). It asked to wait 30 seconds.`,
        );
      }
    });

    it('with Retry-After as an HTTP date', () => {
      expect(limited({ 'retry-after': 'Sat, 01 Aug 2026 12:05:00 GMT' })).toMatchObject({
        reason: 'rate-limited',
        retryAfterMs: 5 * 60_000,
      });
    });

    it('without Retry-After, and whatever the body (Ory Network, a proxy page, nothing)', () => {
      for (const text of [
        '',
        '<html>Too Many Requests</html>',
        json({ error: { code: 429, message: 'x' } }),
      ]) {
        const result = limited({}, text);
        expect(result).toMatchObject({ kind: 'unreachable', reason: 'rate-limited', status: 429 });
        expect(result).not.toHaveProperty('retryAfterMs');
      }
    });

    it.each([
      ['0', 0],
      ['120', 120_000],
      [' 7 ', 7_000],
      ['Sat, 01 Aug 2026 11:00:00 GMT', 0], // in the past: now
      ['Saturday, 01-Aug-26 12:00:10 GMT', 10_000], // RFC 850, obsolete but allowed
      ['Sat Aug  1 12:00:10 2026', undefined], // asctime has no zone: not guessed
      ['999999999', MAX_RETRY_AFTER_MS],
      ['-5', undefined],
      ['1.5', undefined],
      ['soon', undefined],
      ['', undefined],
    ])('Retry-After %j → %s ms', (value, ms) => {
      expect(parseRetryAfter(value, NOW)).toBe(ms);
    });
  });

  describe('→ unreachable, never a crash', () => {
    it.each([
      ['301', 301, json({ ok: true })],
      ['302', 302, ''],
      ['303', 303, ''],
      ['307', 307, ''],
      ['308', 308, ''],
    ])('redirect %s', (_name, status, text) => {
      const result = map(status, text, whoami);
      expect(result).toMatchObject({ kind: 'unreachable', reason: 'redirect', status });
      if (result.kind === 'unreachable') expect(result.message).toContain(`${BASE} answered with a redirect`);
    });

    it.each([
      ['500 JSON', 500, json({ error: { code: 500, message: 'internal' } })],
      ['502 HTML from a proxy', 502, '<html><body>Bad Gateway</body></html>'],
      ['503 empty', 503, ''],
    ])('server error: %s', (_name, status, text) => {
      const result = map(status, text, whoami);
      expect(result).toMatchObject({ kind: 'unreachable', reason: 'server-error', status });
      if (result.kind === 'unreachable')
        expect(result.message).toMatch(`The Kratos server at ${BASE} has a problem (HTTP ${status})`);
    });

    it.each([
      ['garbage', 200, 'this is not json'],
      ['truncated JSON', 200, '{"id":"65dea6f4-5d15-4e61-9eb7-f30190c0b2e2","identity":{"id":"9'],
      ['an HTML page', 200, '<!doctype html><title>Welcome</title>'],
      ['empty body where JSON is expected', 200, ''],
      ['whoami without id', 200, json({ active: true, identity: { id: 'i' } })],
      ['whoami with a numeric id', 200, json({ id: 42 })],
      ['whoami with an identity without id', 200, json({ id: 's', identity: { traits: {} } })],
      ['whoami with a non-string expires_at', 200, json({ id: 's', expires_at: 12 })],
      ['JSON null', 200, 'null'],
      ['JSON array', 200, '[]'],
      ['204 where a session is expected', 204, ''],
      ['404 HTML (wrong URL)', 404, '<html>Not Found</html>'],
      ['401 JSON without an error envelope', 401, json({ message: 'nope' })],
      ['envelope without message', 400, json({ error: { code: 400 } })],
      ['1xx', 101, ''],
    ])('bad response: %s', (_name, status, text) => {
      const result = map(status, text, whoami);
      expect(result).toMatchObject({ kind: 'unreachable', reason: 'bad-response', status });
      if (result.kind === 'unreachable')
        expect(result.message).toContain(`The server at ${BASE} did not answer like a Kratos server`);
    });

    it.each([
      ['login success without session_token', loginSubmit, { session: { id: 's' } }],
      ['login success without session', loginSubmit, { session_token: 'ory_st_x' }],
      [
        'registration success without identity',
        { success: isNativeRegistration },
        { session_token: 'ory_st_x' },
      ],
      ['flow without ui.nodes', createLogin, { id: 'f', ui: { action: 'x', method: 'POST' } }],
      ['flow without id', createLogin, { ui: { action: 'x', method: 'POST', nodes: [] } }],
      ['count that is not a number', { success: isSessionCount }, { count: '3' }],
      ['sessions list with an entry without id', { success: isSessionList }, [sessionAal1, {}]],
      ['a body on a no-content answer', noContent, { unexpected: true }],
    ] as const)('bad response: %s', (_name, expectation, body) => {
      expect(map(200, json(body), expectation)).toMatchObject({
        kind: 'unreachable',
        reason: 'bad-response',
      });
    });

    // One such node used to blank the whole window (and, with that server saved, every start).
    describe('a flow with a node the renderer cannot draw is a malformed answer, not a flow', () => {
      const node = wrongPasswordFlow.ui.nodes[0]!;
      const withNode = (changed: Record<string, unknown>) => ({
        ...wrongPasswordFlow,
        ui: { ...wrongPasswordFlow.ui, nodes: [...wrongPasswordFlow.ui.nodes, { ...node, ...changed }] },
      });
      it.each([
        ['attributes: null', { attributes: null }],
        ['attributes a string', { attributes: '<script>' }],
        ['messages: null', { messages: null }],
        ['a message without text', { messages: [{ id: 4000006, type: 'error' }] }],
        ['meta: null', { meta: null }],
        ['a label that is not a text', { meta: { label: 'Email' } }],
        ['no type', { type: undefined }],
      ])('%s', (_name, changed) => {
        expect(map(200, json(withNode(changed)), createLogin)).toMatchObject({
          kind: 'unreachable',
          reason: 'bad-response',
          message: expect.stringContaining(`The server at ${BASE} did not answer like a Kratos server`),
        });
        // The same node as Kratos sends it is a flow: the check refuses only what is broken.
        expect(map(200, json(withNode({})), createLogin)).toMatchObject({ kind: 'success' });
      });

      it('ui.messages that are not texts', () => {
        const flow = { ...wrongPasswordFlow, ui: { ...wrongPasswordFlow.ui, messages: [{ text: {} }] } };
        expect(map(200, json(flow), createLogin)).toMatchObject({
          kind: 'unreachable',
          reason: 'bad-response',
        });
      });
    });

    it('never copies the body into the message (it could echo a token)', () => {
      const secret = 'ory_st_SECRETSECRETSECRETSECRETSECRET12';
      for (const status of [200, 302, 401, 404, 502]) {
        const result = map(status, `not json ${secret}`, whoami);
        expect(result.kind).toBe('unreachable');
        expect(JSON.stringify(result)).not.toContain(secret);
      }
    });
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KeychainView, SessionView } from '../../../shared/ipc-contract';
import { SessionController } from '../../../main/session/controller';
import {
  BASE_URL,
  FakeClock,
  OTHER_TOKEN,
  RecordingStore,
  TOKEN,
  aLoginFlow,
  aSession,
  deferred,
  fakeApi,
  kratosError,
  offline,
  ok,
} from './fakes';

const KEY = BASE_URL;
const keychain: KeychainView = { kind: 'persisted', backend: 'test' };

function setup(options: { storedToken?: string; revalidateIntervalMs?: number } = {}) {
  const api = fakeApi();
  const store = new RecordingStore();
  if (options.storedToken !== undefined) store.secrets.set(KEY, options.storedToken);
  const clock = new FakeClock();
  const controller = new SessionController({
    api,
    store,
    storeKey: KEY,
    endpoint: { url: BASE_URL, source: 'settings' },
    keychain: () => keychain,
    timers: clock,
    now: clock.now,
    ...(options.revalidateIntervalMs === undefined
      ? {}
      : { revalidateIntervalMs: options.revalidateIntervalMs }),
  });
  const views: SessionView[] = [];
  controller.subscribe((view) => views.push(view));
  controllers.push(controller);
  return { api, store, clock, controller, views };
}

const controllers: SessionController[] = [];
afterEach(() => controllers.splice(0).forEach((c) => c.dispose()));

describe('SessionController', () => {
  it('starts signed out without a stored token and asks Kratos nothing', async () => {
    const { api, controller } = setup();
    expect((await controller.start()).status).toBe('signed-out');
    expect(api.whoami).not.toHaveBeenCalled();
  });

  it('starts signed in from the stored token, without a password', async () => {
    const { api, controller, views } = setup({ storedToken: TOKEN });
    api.whoami.mockResolvedValue(ok(aSession()));
    const view = await controller.start();
    expect(api.whoami).toHaveBeenCalledWith(TOKEN);
    expect(view).toMatchObject({ status: 'signed-in', session: { aal: 'aal1' } });
    expect(views.map((v) => v.status)).toEqual(['checking', 'signed-in']);
  });

  it('single flight: 100 concurrent checks make exactly one whoami request', async () => {
    const { api, controller } = setup({ storedToken: TOKEN });
    api.whoami.mockResolvedValue(ok(aSession()));
    await controller.start();
    api.whoami.mockClear();

    const answer = deferred<ReturnType<typeof ok<ReturnType<typeof aSession>>>>();
    api.whoami.mockReturnValue(answer.promise);
    const checks = Array.from({ length: 100 }, () => controller.check());
    answer.resolve(ok(aSession({ aal: 'aal2' })));
    const results = await Promise.all(checks);

    expect(api.whoami).toHaveBeenCalledTimes(1);
    expect(results.every((v) => v.status === 'signed-in' && v.session.aal === 'aal2')).toBe(true);
  });

  it('ignores a whoami answer asked for before a step-up handed over the upgraded session', async () => {
    const { api, controller } = setup({ storedToken: TOKEN });
    api.whoami.mockResolvedValueOnce(kratosError(403, 'session_aal2_required'));
    api.createLoginFlow.mockResolvedValue(ok(aLoginFlow({ groups: ['totp'] })));
    await controller.start();

    const stale = deferred<ReturnType<typeof kratosError>>();
    api.whoami.mockReturnValueOnce(stale.promise);
    const check = controller.check(); // e.g. window focus while the user types the TOTP code
    await vi.waitFor(() => expect(api.whoami).toHaveBeenCalledTimes(2));
    await controller.signedIn(TOKEN, aSession({ aal: 'aal2' }));
    stale.resolve(kratosError(403, 'session_aal2_required'));
    await check;

    expect(controller.view()).toMatchObject({ status: 'signed-in', session: { aal: 'aal2' } });
  });

  it('rechecks at expires_at and signs out with an "expired" notice when Kratos says 401', async () => {
    const { api, store, clock, controller } = setup({ storedToken: TOKEN });
    api.whoami.mockResolvedValue(ok(aSession({ expiresAt: '2026-08-01T13:00:00Z' })));
    await controller.start();
    expect(clock.pending()).toEqual([60 * 60_000]); // the clock starts at 12:00

    api.whoami.mockResolvedValue(kratosError(401));
    await clock.advance(60 * 60_000 - 1);
    expect(api.whoami).toHaveBeenCalledTimes(1);
    await clock.advance(1);

    expect(api.whoami).toHaveBeenCalledTimes(2);
    expect(controller.view()).toMatchObject({
      status: 'signed-out',
      notice: { text: 'Your session expired at 2026-08-01 13:00 UTC. Please sign in again.' },
    });
    expect(store.secrets.has(KEY)).toBe(false);
  });

  it('chains timers for an expiry further away than setTimeout can wait', async () => {
    const { api, clock, controller } = setup({ storedToken: TOKEN });
    api.whoami.mockResolvedValue(ok(aSession({ expiresAt: '2026-09-30T12:00:00Z' }))); // 60 days
    await controller.start();
    expect(clock.pending()).toEqual([2 ** 31 - 1]);
    api.whoami.mockResolvedValue(kratosError(401));
    await clock.advance(60 * 86_400_000 - 1);
    expect(api.whoami).toHaveBeenCalledTimes(1); // re-armed twice, never fired early
    await clock.advance(1);
    expect(api.whoami).toHaveBeenCalledTimes(2);
  });

  it('revalidate() reuses the last answer within the minimum interval', async () => {
    const { api, clock, controller } = setup({ storedToken: TOKEN, revalidateIntervalMs: 30_000 });
    api.whoami.mockResolvedValue(ok(aSession()));
    await controller.start();

    await clock.advance(29_999);
    await Promise.all([controller.revalidate(), controller.revalidate()]);
    expect(api.whoami).toHaveBeenCalledTimes(1);

    await clock.advance(1);
    await controller.revalidate();
    expect(api.whoami).toHaveBeenCalledTimes(2);
  });

  it('a sign-in that brought its session counts as an answer: a focus right after it asks nothing', async () => {
    const { api, clock, controller } = setup({ revalidateIntervalMs: 30_000 });
    await controller.start();
    await controller.signedIn(TOKEN, aSession());
    await clock.advance(29_999);
    await controller.revalidate();
    expect(api.whoami).not.toHaveBeenCalled();

    await clock.advance(1);
    api.whoami.mockResolvedValue(ok(aSession()));
    await controller.revalidate();
    expect(api.whoami).toHaveBeenCalledTimes(1);
  });

  it('a sign-in with a token only (recovery) is checked with whoami, which then counts as the answer', async () => {
    const { api, controller } = setup({ revalidateIntervalMs: 30_000 });
    await controller.start();
    api.whoami.mockResolvedValue(ok(aSession()));
    await controller.signedIn(TOKEN);
    await controller.revalidate();
    expect(api.whoami).toHaveBeenCalledTimes(1);
  });

  it('keeps the token when Kratos is unreachable and retries with backoff until it answers', async () => {
    const { api, store, clock, controller } = setup({ storedToken: TOKEN });
    api.whoami.mockResolvedValue(offline);
    const view = await controller.start();

    expect(view).toEqual({
      status: 'unreachable',
      message: offline.message,
      retryAt: '2026-08-01T12:00:02.000Z',
      rateLimited: false,
      endpoint: { url: BASE_URL, source: 'settings' },
      keychain,
    });
    expect(store.secrets.get(KEY)).toBe(TOKEN);
    expect(store.calls).not.toContain(`delete ${KEY}`);

    await clock.advance(2_000);
    expect(api.whoami).toHaveBeenCalledTimes(2);
    expect(clock.pending()).toEqual([4_000]); // doubled

    api.whoami.mockResolvedValue(ok(aSession()));
    await clock.advance(4_000);
    expect(controller.view().status).toBe('signed-in');
    expect(clock.pending()).toEqual([24 * 3_600_000 - 6_000]); // only the expiry timer is left
  });

  it('on 429 keeps the token, says the server asked to slow down, and asks again only when it said', async () => {
    const { api, store, clock, controller } = setup({ storedToken: TOKEN });
    const slowDown = {
      kind: 'unreachable',
      reason: 'rate-limited',
      status: 429,
      retryAfterMs: 90_000,
      message: 'The Kratos server asked the app to slow down: too many requests (HTTP 429).',
    } as const;
    api.whoami.mockResolvedValue(slowDown);
    expect(await controller.start()).toMatchObject({
      status: 'unreachable',
      rateLimited: true,
      message: slowDown.message,
      retryAt: '2026-08-01T12:01:30.000Z',
    });
    expect(store.secrets.get(KEY)).toBe(TOKEN);
    expect(clock.pending()).toEqual([90_000]);

    await clock.advance(89_999);
    expect(api.whoami).toHaveBeenCalledTimes(1);
    api.whoami.mockResolvedValue(ok(aSession()));
    await clock.advance(1);
    expect(api.whoami).toHaveBeenCalledTimes(2);
    expect(controller.view().status).toBe('signed-in');
  });

  it('treats 5xx like a network failure: token kept', async () => {
    const { api, store, controller } = setup({ storedToken: TOKEN });
    api.whoami.mockResolvedValue({
      kind: 'unreachable',
      reason: 'server-error',
      status: 503,
      message: 'The Kratos server has a problem (HTTP 503).',
    });
    expect(await controller.start()).toMatchObject({
      status: 'unreachable',
      message: expect.stringContaining('HTTP 503'),
    });
    expect(store.secrets.get(KEY)).toBe(TOKEN);
  });

  it('deletes the token on 401', async () => {
    const { api, store, controller } = setup({ storedToken: TOKEN });
    api.whoami.mockResolvedValue(kratosError(401));
    expect((await controller.start()).status).toBe('signed-out');
    expect(store.secrets.has(KEY)).toBe(false);
    expect(controller.currentToken()).toBeNull();
  });

  it('on 401 keeps a newer token that another process (the terminal client) stored under the same key', async () => {
    const { api, store, controller } = setup({ storedToken: TOKEN });
    api.whoami.mockImplementation(async () => {
      store.secrets.set(KEY, 'ory_st_signedInElsewhere');
      return kratosError(401);
    });
    expect((await controller.start()).status).toBe('signed-out');
    expect(store.secrets.get(KEY)).toBe('ory_st_signedInElsewhere');
  });

  it('signed out, a check finds a sign-in another process stored, without leaving the sign-in screen first', async () => {
    const { api, store, controller, views } = setup();
    expect((await controller.start()).status).toBe('signed-out');
    expect(await controller.check()).toMatchObject({ status: 'signed-out' });
    expect(views.map((v) => v.status)).toEqual(['signed-out']);
    expect(api.whoami).not.toHaveBeenCalled();
    store.secrets.set(KEY, TOKEN);
    api.whoami.mockResolvedValue(ok(aSession()));
    expect(await controller.check()).toMatchObject({ status: 'signed-in' });
    expect(api.whoami).toHaveBeenCalledWith(TOKEN);
  });

  it('signed in, a check adopts a newer sign-in another process stored (the newest sign-in wins)', async () => {
    const { api, store, controller } = setup({ storedToken: TOKEN });
    api.whoami.mockResolvedValue(ok(aSession({ id: 'session-a' })));
    expect(await controller.start()).toMatchObject({ status: 'signed-in', session: { id: 'session-a' } });
    store.secrets.set(KEY, OTHER_TOKEN);
    api.whoami.mockResolvedValue(ok(aSession({ id: 'session-b' })));
    expect(await controller.check()).toMatchObject({ status: 'signed-in', session: { id: 'session-b' } });
    expect(api.whoami).toHaveBeenLastCalledWith(OTHER_TOKEN);
    expect(controller.currentToken()).toBe(OTHER_TOKEN);
    expect(store.secrets.get(KEY)).toBe(OTHER_TOKEN); // nothing written back over it
  });

  it('signed in, a failed keychain read on a check keeps the session and checks its own token', async () => {
    const { api, store, controller } = setup({ storedToken: TOKEN });
    api.whoami.mockResolvedValue(ok(aSession()));
    await controller.start();
    store.failing.get = true;
    expect(await controller.check()).toMatchObject({ status: 'signed-in' });
    expect(api.whoami).toHaveBeenLastCalledWith(TOKEN);
    expect(controller.currentToken()).toBe(TOKEN);
  });

  it('a sign-in whose keychain save failed is not replaced by the older token the keychain still holds', async () => {
    const { api, store, controller } = setup({ storedToken: OTHER_TOKEN });
    store.failing.set = true;
    await controller.signedIn(TOKEN, aSession());
    api.whoami.mockResolvedValue(ok(aSession()));
    expect(await controller.check()).toMatchObject({ status: 'signed-in' });
    expect(api.whoami).toHaveBeenLastCalledWith(TOKEN);
    expect(controller.currentToken()).toBe(TOKEN);
  });

  it('on 403 session_aal2_required keeps the token and lists the second factors the identity has', async () => {
    const { api, store, controller } = setup({ storedToken: TOKEN });
    api.whoami.mockResolvedValue(kratosError(403, 'session_aal2_required'));
    api.createLoginFlow.mockResolvedValue(
      ok(aLoginFlow({ aal: 'aal2', groups: ['default', 'totp', 'lookup_secret'] })),
    );
    const view = await controller.start();
    expect(view).toMatchObject({ status: 'second-factor-required', methods: ['totp', 'lookup_secret'] });
    expect(api.createLoginFlow).toHaveBeenCalledWith({ aal: 'aal2', token: TOKEN });
    expect(store.secrets.get(KEY)).toBe(TOKEN);
  });

  describe('the aal2 login flow opened to read the second factors', () => {
    async function inSecondStep() {
      const context = setup({ storedToken: TOKEN });
      context.api.whoami.mockResolvedValue(kratosError(403, 'session_aal2_required'));
      context.api.createLoginFlow.mockResolvedValue(
        ok(aLoginFlow({ id: 'aal2-1', aal: 'aal2', groups: ['totp'] })),
      );
      await context.controller.start();
      return context;
    }

    it('is the flow the flow service shows, as often as it asks, without another request', async () => {
      const { api, controller } = await inSecondStep();
      expect(await controller.secondFactorFlow()).toMatchObject({ id: 'aal2-1', requested_aal: 'aal2' });
      expect(await controller.secondFactorFlow()).toMatchObject({ id: 'aal2-1' });
      expect(api.createLoginFlow).toHaveBeenCalledTimes(1);
    });

    it('is joined while it is being opened: a screen asking meanwhile gets the same flow, one request', async () => {
      const { api, controller } = setup({ storedToken: TOKEN });
      api.whoami.mockResolvedValue(kratosError(403, 'session_aal2_required'));
      const opening = deferred<ReturnType<typeof ok<ReturnType<typeof aLoginFlow>>>>();
      api.createLoginFlow.mockReturnValue(opening.promise);
      const started = controller.start();
      await vi.waitFor(() => expect(api.createLoginFlow).toHaveBeenCalledTimes(1));
      const asked = controller.secondFactorFlow();
      opening.resolve(ok(aLoginFlow({ id: 'aal2-1', aal: 'aal2', groups: ['totp'] })));
      expect(await asked).toMatchObject({ id: 'aal2-1' });
      expect(await started).toMatchObject({ status: 'second-factor-required', methods: ['totp'] });
      expect(api.createLoginFlow).toHaveBeenCalledTimes(1);
    });

    it('is not handed out once the session moved on (signed in at aal2)', async () => {
      const { controller } = await inSecondStep();
      await controller.signedIn(TOKEN, aSession({ aal: 'aal2' }));
      expect(await controller.secondFactorFlow()).toBeUndefined();
    });

    it('is opened afresh on the next visit of the second-factor step', async () => {
      const { api, controller } = await inSecondStep();
      await controller.signedIn(TOKEN, aSession({ aal: 'aal2' }));
      api.createLoginFlow.mockResolvedValue(ok(aLoginFlow({ id: 'aal2-2', aal: 'aal2', groups: ['totp'] })));
      await controller.signedIn(TOKEN, aSession({ identity: 'null' })); // identity null: aal2 still needed
      expect(await controller.secondFactorFlow()).toMatchObject({ id: 'aal2-2' });
    });

    it('is not handed out after the flow expired (Kratos would only answer 410)', async () => {
      const { clock, controller } = await inSecondStep();
      await clock.advance(60 * 60_000); // aLoginFlow expires an hour after the clock's start
      expect(await controller.secondFactorFlow()).toBeUndefined();
    });

    it('is asked for again when Kratos refused to open it', async () => {
      const { api, controller } = setup({ storedToken: TOKEN });
      api.whoami.mockResolvedValue(kratosError(403, 'session_aal2_required'));
      api.createLoginFlow.mockResolvedValue(offline);
      expect(await controller.start()).toMatchObject({ status: 'second-factor-required', methods: [] });
      api.createLoginFlow.mockResolvedValue(ok(aLoginFlow({ id: 'aal2-3', aal: 'aal2', groups: ['totp'] })));
      expect(await controller.secondFactorFlow()).toMatchObject({ id: 'aal2-3' });
    });
  });

  describe('logout', () => {
    it('revokes on the server, then deletes locally', async () => {
      const { api, store, controller } = setup({ storedToken: TOKEN });
      api.whoami.mockResolvedValue(ok(aSession()));
      await controller.start();
      const order: string[] = [];
      api.logout.mockImplementation(async () => {
        order.push(`revoke (stored: ${store.secrets.has(KEY)})`);
        return ok(undefined, 204);
      });
      const deleteToken = store.delete.bind(store);
      store.delete = async (key) => {
        order.push('delete');
        return deleteToken(key);
      };

      expect(await controller.logout()).toEqual({ kind: 'ok', message: 'Signed out.' });
      expect(api.logout).toHaveBeenCalledWith(TOKEN);
      expect(order).toEqual(['revoke (stored: true)', 'delete']);
      expect(store.secrets.has(KEY)).toBe(false);
      expect(controller.view()).toMatchObject({ status: 'signed-out' });
    });

    it('deletes locally anyway when the server is unreachable and says until when the session stays valid', async () => {
      const { api, store, controller } = setup({ storedToken: TOKEN });
      api.whoami.mockResolvedValue(ok(aSession({ expiresAt: '2026-08-02T12:00:00Z' })));
      await controller.start();
      api.logout.mockResolvedValue(offline);

      const response = await controller.logout();
      expect(store.secrets.has(KEY)).toBe(false);
      expect(response).toEqual({
        kind: 'ok',
        message: expect.stringContaining('valid there until 2026-08-02 12:00 UTC'),
      });
      expect(controller.view()).toMatchObject({
        status: 'signed-out',
        notice: { level: 'warning', text: response.message },
      });
    });

    it('shows progress while the server revokes', async () => {
      const { api, controller, views } = setup({ storedToken: TOKEN });
      api.whoami.mockResolvedValue(ok(aSession()));
      await controller.start();
      api.logout.mockResolvedValue(ok(undefined, 204));
      await controller.logout();
      expect(views.slice(-2)).toMatchObject([
        { status: 'checking', notice: { text: 'Signing out…' } },
        { status: 'signed-out' },
      ]);
    });
  });

  describe('keychain failures', () => {
    it('a failed save keeps the token in memory for this run, writes it nowhere else, and says so', async () => {
      const { api, store, controller } = setup();
      await controller.start();
      store.failing.set = true;

      const view = await controller.signedIn(TOKEN, aSession());
      expect(view).toMatchObject({
        status: 'signed-in',
        notice: { level: 'warning', text: expect.stringContaining('You stay signed in until the app quits') },
      });
      expect(controller.currentToken()).toBe(TOKEN);
      expect(store.calls).toEqual([`get ${KEY}`, `set ${KEY}`]);
      expect(store.secrets.size).toBe(0);

      // The in-memory token still works for checks.
      api.whoami.mockResolvedValue(ok(aSession()));
      await controller.check();
      expect(api.whoami).toHaveBeenCalledWith(TOKEN);
      expect(controller.view().status).toBe('signed-in');
    });

    it('a failed read signs out with a warning and deletes nothing', async () => {
      const { store, controller } = setup({ storedToken: TOKEN });
      store.failing.get = true;
      expect(await controller.start()).toMatchObject({ status: 'signed-out', notice: { level: 'warning' } });
      expect(store.calls).toEqual([`get ${KEY}`]);
      expect(store.secrets.get(KEY)).toBe(TOKEN);
    });
  });

  it('never puts the token in a view, whatever the state', async () => {
    const { api, store, clock, controller, views } = setup({ storedToken: TOKEN });
    api.whoami.mockResolvedValueOnce(offline);
    await controller.start();
    api.whoami.mockResolvedValueOnce(kratosError(403, 'session_aal2_required'));
    api.createLoginFlow.mockResolvedValue(ok(aLoginFlow({ groups: ['totp'] })));
    await clock.advance(2_000);
    store.failing.set = true;
    await controller.signedIn(TOKEN, aSession({ aal: 'aal2' }));
    api.logout.mockResolvedValue(offline);
    await controller.logout();

    expect(new Set(views.map((v) => v.status))).toEqual(
      new Set(['checking', 'unreachable', 'second-factor-required', 'signed-in', 'signed-out']),
    );
    for (const view of [...views, controller.view()]) expect(JSON.stringify(view)).not.toContain(TOKEN);
  });

  describe('other sessions', () => {
    async function signedIn() {
      const context = setup({ storedToken: TOKEN });
      context.api.whoami.mockResolvedValue(ok(aSession({ id: 'current' })));
      await context.controller.start();
      return context;
    }

    it('lists the current session first, then every page of the others', async () => {
      const { api, controller } = await signedIn();
      api.listSessions
        .mockResolvedValueOnce(ok({ sessions: [aSession({ id: 'a' })], nextPageToken: 'p2' }))
        .mockResolvedValueOnce(ok({ sessions: [aSession({ id: 'b' })], nextPageToken: undefined }));
      const response = await controller.listSessions();
      expect(response.kind === 'sessions' && response.sessions.map((s) => [s.id, s.current])).toEqual([
        ['current', true],
        ['a', false],
        ['b', false],
      ]);
      expect(api.listSessions).toHaveBeenLastCalledWith(TOKEN, { pageToken: 'p2' });
    });

    it('stops at an empty page, although Kratos v1.3.1 links a next page after it', async () => {
      const { api, controller } = await signedIn();
      api.listSessions.mockResolvedValue(ok({ sessions: [], nextPageToken: 'again' }));
      const response = await controller.listSessions();
      expect(response.kind === 'sessions' && response.sessions.map((s) => s.id)).toEqual(['current']);
      expect(api.listSessions).toHaveBeenCalledTimes(1);
    });

    it('refuses to revoke the current session (that is logout) and revokes others', async () => {
      const { api, controller } = await signedIn();
      expect(await controller.revokeSession('current')).toMatchObject({ kind: 'error' });
      api.revokeSession.mockResolvedValue(ok(undefined, 204));
      expect(await controller.revokeSession('a')).toEqual({
        kind: 'ok',
        message: 'The session was signed out.',
      });
      expect(api.revokeSession).toHaveBeenCalledWith(TOKEN, 'a');
    });

    it('revokes all other sessions and says how many', async () => {
      const { api, controller } = await signedIn();
      api.revokeOtherSessions.mockResolvedValue(ok({ count: 3 }));
      expect(await controller.revokeOtherSessions()).toEqual({
        kind: 'ok',
        message: 'Signed out 3 other sessions.',
      });
    });

    it('a 401 while listing re-checks the session (which signs out) and explains', async () => {
      const { api, controller } = await signedIn();
      api.listSessions.mockResolvedValue(kratosError(401));
      api.whoami.mockResolvedValue(kratosError(401));
      expect(await controller.listSessions()).toEqual({ kind: 'error', message: 'reason 401' });
      expect(controller.view().status).toBe('signed-out');
    });

    it('needs a session', async () => {
      const { controller } = setup();
      await controller.start();
      expect(await controller.listSessions()).toEqual({
        kind: 'error',
        message: 'Sign in to see your sessions.',
      });
    });
  });
});

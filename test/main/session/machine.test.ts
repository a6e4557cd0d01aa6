import { describe, expect, it } from 'vitest';
import {
  RETRY_BASE_MS,
  RETRY_CAP_MS,
  initialState,
  reduce,
  retryDelay,
  type SessionEffect,
  type SessionEvent,
  type SessionState,
} from '../../../main/session/machine';
import { OTHER_TOKEN, TOKEN, aSession } from './fakes';

const NOW = Date.parse('2026-08-01T12:00:00Z');
const EXPIRES = Date.parse('2026-08-02T12:00:00Z');
const session = aSession({ expiresAt: '2026-08-02T12:00:00Z' });
const aal1WithoutIdentity = aSession({ identity: 'null' });

const held = { token: TOKEN, expiresAt: EXPIRES };
const states = {
  reading: initialState,
  signedOut: { status: 'signed-out' },
  checking: { status: 'checking', ...held, failures: 0 },
  signedIn: { status: 'signed-in', ...held, session },
  secondFactor: { status: 'second-factor-required', ...held, methods: ['totp'] },
  unreachable: {
    status: 'unreachable',
    ...held,
    failures: 2,
    retryAt: NOW + 4_000,
    message: 'offline',
    rateLimited: false,
  },
  signingOut: { status: 'signing-out', ...held },
} satisfies Record<string, SessionState>;

interface Row {
  name: string;
  from: SessionState;
  event: SessionEvent;
  to: SessionState | ((state: SessionState) => void);
  effects: SessionEffect[];
}

const cancel: SessionEffect = { type: 'cancel-timers' };
const whoami: SessionEffect = { type: 'run-whoami', token: TOKEN };
const reread: SessionEffect = { type: 'reread-token', token: TOKEN };

const rows: Row[] = [
  // start
  {
    name: 'start reads the token',
    from: states.signedOut,
    event: { type: 'start-requested' },
    to: initialState,
    effects: [cancel, { type: 'read-token' }],
  },
  {
    name: 'no stored token → signed out',
    from: states.reading,
    event: { type: 'token-read', token: null },
    to: states.signedOut,
    effects: [],
  },
  {
    name: 'stored token → checking with whoami',
    from: states.reading,
    event: { type: 'token-read', token: TOKEN },
    to: { status: 'checking', token: TOKEN, expiresAt: undefined, notice: undefined, failures: 0 },
    effects: [whoami],
  },
  {
    name: 'keychain unreadable → signed out with a warning, nothing deleted',
    from: states.reading,
    event: { type: 'keychain-failed', operation: 'read', message: 'locked' },
    to: (s) => expect(s).toMatchObject({ status: 'signed-out', notice: { level: 'warning' } }),
    effects: [],
  },

  // whoami answers
  {
    name: '200 → signed in, expiry timer at expires_at',
    from: states.checking,
    event: { type: 'whoami-succeeded', token: TOKEN, session },
    to: { status: 'signed-in', ...held, notice: undefined, session },
    effects: [cancel, { type: 'schedule-expiry', at: EXPIRES }],
  },
  {
    name: '200 for another token (stale answer) is ignored',
    from: states.checking,
    event: { type: 'whoami-succeeded', token: OTHER_TOKEN, session },
    to: states.checking,
    effects: [],
  },
  {
    name: '401 → signed out, token deleted',
    from: states.signedIn,
    event: { type: 'whoami-rejected', token: TOKEN, now: NOW },
    to: (s) =>
      expect(s).toMatchObject({
        status: 'signed-out',
        notice: { level: 'info', text: expect.stringContaining('ended') },
      }),
    effects: [cancel, { type: 'delete-token', token: TOKEN }],
  },
  {
    name: '401 after expires_at → signed out, notice says it expired',
    from: states.checking,
    event: { type: 'whoami-rejected', token: TOKEN, now: EXPIRES + 1 },
    to: (s) =>
      expect(s).toMatchObject({
        status: 'signed-out',
        notice: { text: expect.stringContaining('expired at 2026-08-02 12:00 UTC') },
      }),
    effects: [cancel, { type: 'delete-token', token: TOKEN }],
  },
  {
    name: '403 session_aal2_required → second factor required, token kept, methods loaded',
    from: states.checking,
    event: { type: 'whoami-aal2-required', token: TOKEN },
    to: { status: 'second-factor-required', ...held, notice: undefined, methods: [] },
    effects: [cancel, { type: 'load-second-factor-methods', token: TOKEN }],
  },
  {
    name: 'network failure → unreachable, token kept, first retry after the base delay',
    from: states.checking,
    event: { type: 'whoami-unreachable', token: TOKEN, message: 'offline', now: NOW },
    to: {
      status: 'unreachable',
      ...held,
      notice: undefined,
      failures: 1,
      retryAt: NOW + RETRY_BASE_MS,
      message: 'offline',
      rateLimited: false,
    },
    effects: [cancel, { type: 'schedule-retry', afterMs: RETRY_BASE_MS }],
  },
  {
    name: '429 with Retry-After → the server asked to slow down: token kept, next check when it said',
    from: states.signedIn,
    event: {
      type: 'whoami-unreachable',
      token: TOKEN,
      message: 'slow down',
      now: NOW,
      rateLimited: { retryAfterMs: 90_000 },
    },
    to: (s) =>
      expect(s).toMatchObject({
        status: 'unreachable',
        token: TOKEN,
        rateLimited: true,
        retryAt: NOW + 90_000,
        message: 'slow down',
      }),
    effects: [cancel, { type: 'schedule-retry', afterMs: 90_000 }],
  },
  {
    name: '429 asking for less than the backoff → the backoff (never sooner than asked, never hammering)',
    from: { status: 'checking', ...held, failures: 2 },
    event: {
      type: 'whoami-unreachable',
      token: TOKEN,
      message: 'slow down',
      now: NOW,
      rateLimited: { retryAfterMs: 1_000 },
    },
    to: (s) => expect(s).toMatchObject({ rateLimited: true, retryAt: NOW + 4 * RETRY_BASE_MS }),
    effects: [cancel, { type: 'schedule-retry', afterMs: 4 * RETRY_BASE_MS }],
  },
  {
    name: '429 without Retry-After → slowed down, on the usual backoff',
    from: states.checking,
    event: {
      type: 'whoami-unreachable',
      token: TOKEN,
      message: 'slow down',
      now: NOW,
      rateLimited: { retryAfterMs: undefined },
    },
    to: (s) => expect(s).toMatchObject({ rateLimited: true, retryAt: NOW + RETRY_BASE_MS }),
    effects: [cancel, { type: 'schedule-retry', afterMs: RETRY_BASE_MS }],
  },
  {
    name: 'network failure of a signed-in session (background check) → unreachable, not signed out',
    from: states.signedIn,
    event: { type: 'whoami-unreachable', token: TOKEN, message: 'offline', now: NOW },
    to: (s) => expect(s).toMatchObject({ status: 'unreachable', token: TOKEN, failures: 1 }),
    effects: [cancel, { type: 'schedule-retry', afterMs: RETRY_BASE_MS }],
  },
  {
    name: 'a signed-in session that cannot be checked keeps its last known session (shown as not current)',
    from: states.signedIn,
    event: { type: 'whoami-unreachable', token: TOKEN, message: 'offline', now: NOW },
    to: (s) => expect(s).toMatchObject({ status: 'unreachable', session }),
    effects: [cancel, { type: 'schedule-retry', afterMs: RETRY_BASE_MS }],
  },
  {
    name: 'checking again while unreachable (the store holds the same token) keeps the last known session',
    from: { ...states.unreachable, session },
    event: { type: 'store-reread', held: TOKEN, stored: TOKEN },
    to: { status: 'checking', ...held, session, failures: 2 },
    effects: [cancel, whoami],
  },
  {
    name: "a newer token in the store while unreachable → checked, without the old token's session",
    from: { ...states.unreachable, session },
    event: { type: 'store-reread', held: TOKEN, stored: OTHER_TOKEN },
    to: (s) =>
      expect(s).toEqual({ status: 'checking', token: OTHER_TOKEN, expiresAt: undefined, failures: 0 }),
    effects: [cancel, { type: 'run-whoami', token: OTHER_TOKEN }],
  },
  {
    name: 'the last known session survives further failures',
    from: { status: 'checking', ...held, session, failures: 2 },
    event: { type: 'whoami-unreachable', token: TOKEN, message: 'offline', now: NOW },
    to: (s) => expect(s).toMatchObject({ status: 'unreachable', session, failures: 3 }),
    effects: [cancel, { type: 'schedule-retry', afterMs: 4 * RETRY_BASE_MS }],
  },
  {
    name: 'the server back and saying 401 → the last known session is gone with the token',
    from: { ...states.unreachable, session },
    event: { type: 'whoami-rejected', token: TOKEN, now: NOW },
    to: (s) => expect(s).not.toHaveProperty('session'),
    effects: [cancel, { type: 'delete-token', token: TOKEN }],
  },
  {
    name: "a new token (a sign-in without a session) never shows the previous token's session",
    from: { ...states.unreachable, session },
    event: { type: 'signed-in-with-token', token: OTHER_TOKEN, session: undefined },
    to: (s) =>
      expect(s).toEqual({ status: 'checking', token: OTHER_TOKEN, expiresAt: undefined, failures: 0 }),
    effects: [
      { type: 'store-token', token: OTHER_TOKEN },
      { type: 'run-whoami', token: OTHER_TOKEN },
    ],
  },
  {
    name: 'another failure during a retry → backoff doubles',
    from: { status: 'checking', ...held, failures: 2 },
    event: { type: 'whoami-unreachable', token: TOKEN, message: 'offline', now: NOW },
    to: (s) =>
      expect(s).toMatchObject({ status: 'unreachable', failures: 3, retryAt: NOW + 4 * RETRY_BASE_MS }),
    effects: [cancel, { type: 'schedule-retry', afterMs: 4 * RETRY_BASE_MS }],
  },
  {
    name: 'methods loaded → shown',
    from: { ...states.secondFactor, methods: [] },
    event: { type: 'second-factor-methods-loaded', token: TOKEN, methods: ['totp', 'lookup_secret'] },
    to: { ...states.secondFactor, methods: ['totp', 'lookup_secret'] },
    effects: [],
  },

  // timers and checks
  {
    name: 'retry timer → checking again, backoff count kept',
    from: states.unreachable,
    event: { type: 'retry-timer-fired' },
    to: { status: 'checking', ...held, notice: undefined, failures: 2 },
    effects: [whoami],
  },
  {
    name: 'expiry timer → recheck, the session known until the answer',
    from: states.signedIn,
    event: { type: 'expiry-timer-fired' },
    to: { status: 'checking', ...held, session, notice: undefined, failures: 0 },
    effects: [whoami],
  },
  {
    name: 'expiry timer when no longer signed in → nothing',
    from: states.signedOut,
    event: { type: 'expiry-timer-fired' },
    to: states.signedOut,
    effects: [],
  },
  {
    name: 'check while signed in → the store is read again first (another process may have signed in), state kept',
    from: states.signedIn,
    event: { type: 'check-requested' },
    to: states.signedIn,
    effects: [reread],
  },
  {
    name: 'check while second factor required → the store is read again first',
    from: states.secondFactor,
    event: { type: 'check-requested' },
    to: states.secondFactor,
    effects: [reread],
  },
  {
    name: 'check while unreachable (Retry button) → the store is read again first',
    from: states.unreachable,
    event: { type: 'check-requested' },
    to: states.unreachable,
    effects: [reread],
  },
  {
    name: 'signed in, the store holds the same token → whoami in the background, state kept',
    from: states.signedIn,
    event: { type: 'store-reread', held: TOKEN, stored: TOKEN },
    to: states.signedIn,
    effects: [whoami],
  },
  {
    name: 'signed in, the store holds nothing (read failed, or entry removed) → whoami decides, state kept',
    from: states.signedIn,
    event: { type: 'store-reread', held: TOKEN, stored: null },
    to: states.signedIn,
    effects: [whoami],
  },
  {
    name: 'signed in, the store holds a newer token (the terminal signed in) → checking that one',
    from: states.signedIn,
    event: { type: 'store-reread', held: TOKEN, stored: OTHER_TOKEN },
    to: { status: 'checking', token: OTHER_TOKEN, expiresAt: undefined, failures: 0 },
    effects: [cancel, { type: 'run-whoami', token: OTHER_TOKEN }],
  },
  {
    name: 'second factor required, the store holds a newer token → checking that one',
    from: states.secondFactor,
    event: { type: 'store-reread', held: TOKEN, stored: OTHER_TOKEN },
    to: { status: 'checking', token: OTHER_TOKEN, expiresAt: undefined, failures: 0 },
    effects: [cancel, { type: 'run-whoami', token: OTHER_TOKEN }],
  },
  {
    name: 'our own save failed → what the store holds is older than ours and is not adopted',
    from: { ...states.signedIn, unsaved: true },
    event: { type: 'store-reread', held: TOKEN, stored: OTHER_TOKEN },
    to: { ...states.signedIn, unsaved: true },
    effects: [whoami],
  },
  {
    name: 'unreachable, the store holds the same token → checking, retry timer stopped',
    from: states.unreachable,
    event: { type: 'store-reread', held: TOKEN, stored: TOKEN },
    to: { status: 'checking', ...held, notice: undefined, failures: 2 },
    effects: [cancel, whoami],
  },
  {
    name: 'a reread about a token no longer held (signed out meanwhile) → nothing',
    from: states.signedOut,
    event: { type: 'store-reread', held: TOKEN, stored: OTHER_TOKEN },
    to: states.signedOut,
    effects: [],
  },
  {
    name: 'a failed save marks the token unsaved',
    from: states.signedIn,
    event: { type: 'keychain-failed', operation: 'save', message: 'locked' },
    to: (state) => expect(state).toMatchObject({ status: 'signed-in', unsaved: true }),
    effects: [],
  },
  {
    name: 'an unsaved token stays marked through its next check',
    from: { ...states.checking, unsaved: true },
    event: { type: 'whoami-succeeded', token: TOKEN, session },
    to: { ...states.signedIn, notice: undefined, unsaved: true },
    effects: [cancel, { type: 'schedule-expiry', at: EXPIRES }],
  },
  {
    name: 'check before the token was read (a start that failed half-way) → read it again',
    from: { status: 'checking', token: null },
    event: { type: 'check-requested' },
    to: { status: 'checking', token: null },
    effects: [{ type: 'read-token' }],
  },
  {
    name: 'check while signed out → the store is read again (another process may have signed in), state kept',
    from: states.signedOut,
    event: { type: 'check-requested' },
    to: states.signedOut,
    effects: [{ type: 'read-token' }],
  },
  {
    name: 'signed out, the store now holds a token → checking it with whoami',
    from: states.signedOut,
    event: { type: 'token-read', token: TOKEN },
    to: { status: 'checking', token: TOKEN, expiresAt: undefined, failures: 0 },
    effects: [whoami],
  },
  {
    name: 'signed out, the store still holds nothing → nothing changes (the sign-in form stays)',
    from: states.signedOut,
    event: { type: 'token-read', token: null },
    to: states.signedOut,
    effects: [],
  },

  // flows hand over a token
  {
    name: 'login with session → signed in, token stored first',
    from: states.signedOut,
    event: { type: 'signed-in-with-token', token: TOKEN, session },
    to: { status: 'signed-in', ...held, session },
    effects: [{ type: 'store-token', token: TOKEN }, cancel, { type: 'schedule-expiry', at: EXPIRES }],
  },
  {
    name: 'login whose session has identity null (AAL not met) → second factor required, token stored',
    from: states.signedOut,
    event: { type: 'signed-in-with-token', token: TOKEN, session: aal1WithoutIdentity },
    to: (s) => expect(s).toMatchObject({ status: 'second-factor-required', token: TOKEN }),
    effects: [
      { type: 'store-token', token: TOKEN },
      cancel,
      { type: 'load-second-factor-methods', token: TOKEN },
    ],
  },
  {
    name: 'token without session (recovery) → stored, then checked',
    from: states.signedOut,
    event: { type: 'signed-in-with-token', token: TOKEN, session: undefined },
    to: { status: 'checking', token: TOKEN, expiresAt: undefined, notice: undefined, failures: 0 },
    effects: [{ type: 'store-token', token: TOKEN }, whoami],
  },
  {
    name: 'keychain save failure → token kept in state (memory) with a warning',
    from: states.signedIn,
    event: { type: 'keychain-failed', operation: 'save', message: 'locked' },
    to: (s) =>
      expect(s).toMatchObject({
        status: 'signed-in',
        token: TOKEN,
        notice: { level: 'warning', text: expect.stringContaining('until the app quits') },
      }),
    effects: [],
  },

  // logout
  {
    name: 'logout → revoke on the server first (nothing deleted yet)',
    from: states.signedIn,
    event: { type: 'logout-requested' },
    to: states.signingOut,
    effects: [cancel, { type: 'revoke-on-server', token: TOKEN }],
  },
  {
    name: 'logout while unreachable still tries the server',
    from: states.unreachable,
    event: { type: 'logout-requested' },
    to: states.signingOut,
    effects: [cancel, { type: 'revoke-on-server', token: TOKEN }],
  },
  {
    name: 'logout while signed out → nothing',
    from: states.signedOut,
    event: { type: 'logout-requested' },
    to: states.signedOut,
    effects: [],
  },
  {
    name: 'revoked → signed out with a note saying so, then local delete',
    from: states.signingOut,
    event: { type: 'logout-finished', token: TOKEN, outcome: 'revoked' },
    to: { status: 'signed-out', notice: { level: 'info', text: 'You are signed out.' } },
    effects: [{ type: 'delete-token', token: TOKEN }],
  },
  {
    name: 'token already invalid on server → signed out, the same note (what the person asked for happened)',
    from: states.signingOut,
    event: { type: 'logout-finished', token: TOKEN, outcome: 'already-invalid' },
    to: { status: 'signed-out', notice: { level: 'info', text: 'You are signed out.' } },
    effects: [{ type: 'delete-token', token: TOKEN }],
  },
  {
    name: 'server unreachable → deleted locally anyway, notice says valid until expiry',
    from: states.signingOut,
    event: {
      type: 'logout-finished',
      token: TOKEN,
      outcome: 'not-revoked',
      message: 'The server cannot be reached.',
    },
    to: (s) =>
      expect(s).toEqual({
        status: 'signed-out',
        notice: {
          level: 'warning',
          text: 'Signed out on this computer, but the session could not be ended on the server: The server cannot be reached. It stays valid there until 2026-08-02 12:00 UTC.',
        },
      }),
    effects: [{ type: 'delete-token', token: TOKEN }],
  },
  {
    name: 'whoami answer arriving during sign-out is ignored',
    from: states.signingOut,
    event: { type: 'whoami-succeeded', token: TOKEN, session },
    to: states.signingOut,
    effects: [],
  },
];

describe('session machine', () => {
  it.each(rows)('$name', ({ from, event, to, effects }) => {
    const result = reduce(from, event);
    if (typeof to === 'function') to(result.state);
    else expect(result.state).toEqual(to);
    expect(result.effects).toEqual(effects);
  });

  it('never returns an effect that drops the token on a network failure, from any token-holding state', () => {
    for (const from of [states.checking, states.signedIn, states.secondFactor, states.unreachable]) {
      const { state, effects } = reduce(from, {
        type: 'whoami-unreachable',
        token: TOKEN,
        message: 'x',
        now: NOW,
      });
      expect(state).toMatchObject({ status: 'unreachable', token: TOKEN });
      expect(effects.map((e) => e.type)).not.toContain('delete-token');
    }
  });

  it('backs off exponentially up to a cap', () => {
    expect([1, 2, 3, 4].map(retryDelay)).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(retryDelay(30)).toBe(RETRY_CAP_MS);
  });
});

/**
 * The session state machine: a pure reducer `reduce(state, event) → { state, effects }`.
 *
 * It decides; it never does I/O. The controller (controller.ts) runs the effects it returns (keychain, HTTP,
 * timers) and feeds the outcomes back as events. Keeping the rules here makes every one of them a table row
 * in test/main/session/machine.test.ts.
 *
 * The rules that matter most (the ones other native clients get wrong):
 * - Only a 401 from whoami ends a session. Network failures, timeouts and 5xx keep the token and retry with
 *   exponential backoff (`unreachable`).
 * - 403 `session_aal2_required` is not an error: the token is kept and the user is asked for a second factor.
 * - Logout revokes on the server first, then deletes locally; an unreachable server still gets a local
 *   delete plus a notice that the server session stays valid until it expires.
 * - A keychain failure never drops the token: it stays in this state (memory) and the user is told.
 * - While the server cannot be reached, the last session it confirmed for the token stays known
 *   (`session`), so the window can keep showing it, marked as not current.
 */
import type { Session } from '../../shared/kratos-wire';
import type { Notice } from '../../shared/ipc-contract';
import type { SessionToken } from '../kratos/api';
import { formatUtcTime, parseTime } from './time';
import { text } from '../strings';

/** First retry after an unreachable check; each further failure doubles it, up to the cap. */
export const RETRY_BASE_MS = 2_000;
export const RETRY_CAP_MS = 5 * 60_000;

/** Milliseconds since the epoch. */
type Millis = number;

/** What every state that holds a token knows about it. */
interface TokenHeld {
  token: SessionToken;
  /** The session's `expires_at`, when a whoami or login told us. */
  expiresAt: Millis | undefined;
  notice?: Notice;
  /** Saving it to the store failed: the store holds something older, which must not replace it. */
  unsaved?: true;
}

/** While the token is checked again or the server is away: the last session Kratos confirmed for it. */
interface LastKnown {
  session?: Session;
}

export type SessionState =
  | { status: 'signed-out'; notice?: Notice }
  /** `token: null` while the token is being read from the keychain. `failures` carries the backoff count. */
  | { status: 'checking'; token: null; notice?: Notice }
  | (TokenHeld & LastKnown & { status: 'checking'; failures: number })
  | (TokenHeld & { status: 'signed-in'; session: Session })
  | (TokenHeld & { status: 'second-factor-required'; methods: string[] })
  | (TokenHeld &
      LastKnown & {
        status: 'unreachable';
        failures: number;
        retryAt: Millis;
        message: string;
        /** The server answered 429: it is there, it asked us to slow down. */
        rateLimited: boolean;
      })
  /** Waiting for the server to revoke the session (logout). */
  | (TokenHeld & { status: 'signing-out' });

export type SessionEvent =
  | { type: 'start-requested' }
  | { type: 'token-read'; token: SessionToken | null }
  /** What the store holds now, read again before checking `held` (null also when the read failed). */
  | { type: 'store-reread'; held: SessionToken; stored: SessionToken | null }
  | { type: 'keychain-failed'; operation: 'read' | 'save' | 'delete'; message: string }
  | { type: 'whoami-succeeded'; token: SessionToken; session: Session }
  /** 401: the token is unknown, expired or revoked. */
  | { type: 'whoami-rejected'; token: SessionToken; now: Millis }
  /** 403 `session_aal2_required`. */
  | { type: 'whoami-aal2-required'; token: SessionToken }
  /** Network failure, timeout, 5xx, or any answer that says nothing about the token's validity. */
  | {
      type: 'whoami-unreachable';
      token: SessionToken;
      message: string;
      now: Millis;
      /** A 429: the server asked to slow down, and to wait `retryAfterMs` (its `Retry-After`) when it said. */
      rateLimited?: { retryAfterMs: number | undefined };
    }
  | { type: 'second-factor-methods-loaded'; token: SessionToken; methods: string[] }
  /** A login, registration, recovery or step-up flow produced a token (and usually its session). */
  | { type: 'signed-in-with-token'; token: SessionToken; session: Session | undefined }
  | { type: 'check-requested' }
  | { type: 'retry-timer-fired' }
  | { type: 'expiry-timer-fired' }
  | { type: 'logout-requested' }
  | { type: 'logout-finished'; token: SessionToken; outcome: 'revoked' | 'already-invalid' }
  /** The server did not confirm the revoke (unreachable, or an unexpected answer); `message` says why. */
  | { type: 'logout-finished'; token: SessionToken; outcome: 'not-revoked'; message: string };

export type SessionEffect =
  | { type: 'read-token' }
  /** Read the store again before checking `token`: another process may have stored a newer one. */
  | { type: 'reread-token'; token: SessionToken }
  | { type: 'store-token'; token: SessionToken }
  /** Forget `token` in the store (only if the store still holds it: another process may have signed in since). */
  | { type: 'delete-token'; token: SessionToken }
  | { type: 'run-whoami'; token: SessionToken }
  | { type: 'revoke-on-server'; token: SessionToken }
  | { type: 'load-second-factor-methods'; token: SessionToken }
  | { type: 'schedule-expiry'; at: Millis }
  | { type: 'schedule-retry'; afterMs: number }
  /** Stop both the expiry and the retry timer. */
  | { type: 'cancel-timers' };

export interface Transition {
  state: SessionState;
  effects: SessionEffect[];
}

export const initialState: SessionState = { status: 'checking', token: null };

/** The token the state holds, if any. */
export function tokenOf(state: SessionState): SessionToken | null {
  return 'token' in state ? state.token : null;
}

/** Delay before the automatic retry after `failures` consecutive unreachable checks (1, 2, 3...). */
export function retryDelay(failures: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, failures - 1), RETRY_CAP_MS);
}

export function reduce(state: SessionState, event: SessionEvent): Transition {
  switch (event.type) {
    case 'start-requested':
      return { state: initialState, effects: [{ type: 'cancel-timers' }, { type: 'read-token' }] };

    case 'token-read':
      // Signed out, a check looks in the store again: another process (the terminal client) may have signed
      // in. Nothing found changes nothing, so the sign-in form on screen stays as it is.
      if (state.status === 'signed-out') {
        return event.token === null
          ? unchanged(state)
          : checkToken({ token: event.token, expiresAt: undefined }, 0);
      }
      if (state.status !== 'checking' || state.token !== null) return unchanged(state);
      if (event.token === null) return { state: { status: 'signed-out' }, effects: [] };
      return checkToken({ token: event.token, expiresAt: undefined }, 0);

    case 'keychain-failed':
      return keychainFailed(state, event.operation, event.message);

    case 'signed-in-with-token': {
      const held: TokenHeld = { token: event.token, expiresAt: expiryOf(event.session) };
      const store: SessionEffect = { type: 'store-token', token: event.token };
      // Without the session (recovery's continue_with gives only a token) whoami tells us what it is.
      if (event.session === undefined) return withFirst(checkToken(held, 0), store);
      return withFirst(sessionKnown(held, event.session), store);
    }

    case 'whoami-succeeded':
      if (!isChecked(state, event.token)) return unchanged(state);
      return sessionKnown({ ...heldOf(state), expiresAt: expiryOf(event.session) }, event.session);

    case 'whoami-rejected': {
      if (!isChecked(state, event.token)) return unchanged(state);
      const { expiresAt } = state;
      return {
        state: {
          status: 'signed-out',
          notice: {
            level: 'info',
            text:
              expiresAt !== undefined && expiresAt <= event.now
                ? text.session.expiredAt(formatUtcTime(expiresAt))
                : text.session.ended,
          },
        },
        effects: [{ type: 'cancel-timers' }, { type: 'delete-token', token: event.token }],
      };
    }

    case 'whoami-aal2-required':
      if (!isChecked(state, event.token)) return unchanged(state);
      if (state.status === 'second-factor-required') return unchanged(state);
      return secondFactorRequired(state);

    case 'whoami-unreachable': {
      if (!isChecked(state, event.token)) return unchanged(state);
      const failures = ('failures' in state ? state.failures : 0) + 1;
      // Never sooner than the server asked (Retry-After); the backoff still grows if it keeps refusing.
      const afterMs = Math.max(retryDelay(failures), event.rateLimited?.retryAfterMs ?? 0);
      return {
        state: {
          status: 'unreachable',
          ...heldOf(state),
          ...lastKnown(state),
          failures,
          retryAt: event.now + afterMs,
          message: event.message,
          rateLimited: event.rateLimited !== undefined,
        },
        effects: [{ type: 'cancel-timers' }, { type: 'schedule-retry', afterMs }],
      };
    }

    case 'second-factor-methods-loaded':
      if (state.status !== 'second-factor-required' || state.token !== event.token) return unchanged(state);
      return { state: { ...state, methods: event.methods }, effects: [] };

    case 'check-requested':
      switch (state.status) {
        case 'signed-in':
        case 'second-factor-required':
        case 'unreachable':
          // The store is shared with other processes (the terminal client): look there first, then check.
          return { state, effects: [{ type: 'reread-token', token: state.token }] };
        case 'checking':
          // No token yet: the read did not finish (a start that failed half-way); read it again.
          return state.token === null
            ? { state, effects: [{ type: 'read-token' }] }
            : { state, effects: [{ type: 'run-whoami', token: state.token }] };
        case 'signed-out':
          return { state, effects: [{ type: 'read-token' }] };
        default:
          return unchanged(state);
      }

    case 'store-reread': {
      if (!isChecked(state, event.held) || state.status === 'checking') return unchanged(state);
      // Another process signed in since we stored ours: the newest sign-in wins, as at a fresh start.
      if (event.stored !== null && event.stored !== event.held && state.unsaved !== true) {
        return withFirst(checkToken({ token: event.stored, expiresAt: undefined }, 0), {
          type: 'cancel-timers',
        });
      }
      // Nothing newer (or nothing at all: whoami tells whether ours still holds). Checked in the
      // background: the person keeps seeing the current state until the answer arrives.
      if (state.status === 'unreachable')
        return withFirst(checkToken(state, state.failures), { type: 'cancel-timers' });
      return { state, effects: [{ type: 'run-whoami', token: state.token }] };
    }

    case 'retry-timer-fired':
      return state.status === 'unreachable' ? checkToken(state, state.failures) : unchanged(state);

    case 'expiry-timer-fired':
      return state.status === 'signed-in' ? checkToken(state, 0) : unchanged(state);

    case 'logout-requested':
      if (state.status === 'signed-out' || state.status === 'signing-out' || state.token === null) {
        return unchanged(state);
      }
      return {
        state: { status: 'signing-out', token: state.token, expiresAt: state.expiresAt },
        effects: [{ type: 'cancel-timers' }, { type: 'revoke-on-server', token: state.token }],
      };

    case 'logout-finished': {
      if (state.status !== 'signing-out' || state.token !== event.token) return unchanged(state);
      const signedOut: SessionState =
        event.outcome === 'not-revoked'
          ? {
              status: 'signed-out',
              notice: { level: 'warning', text: stillValidOnServer(event.message, state.expiresAt) },
            }
          : { status: 'signed-out', notice: signedOutNotice() };
      // Deleted only now: the revoke needed the token, and a local copy must not outlive a failed revoke
      // attempt either (the user asked to sign out).
      return { state: signedOut, effects: [{ type: 'delete-token', token: event.token }] };
    }
  }
}

/** Session data (from whoami or a login) decides between signed-in and second-factor-required. */
function sessionKnown(held: TokenHeld, session: Session): Transition {
  // Kratos nulls `identity` in a login response whose session does not meet the required AAL yet.
  if (session.identity === null || session.identity === undefined) return secondFactorRequired(held);
  const expiresAt = held.expiresAt;
  return {
    state: { status: 'signed-in', ...held, session },
    effects: [
      { type: 'cancel-timers' },
      ...(expiresAt === undefined ? [] : [{ type: 'schedule-expiry' as const, at: expiresAt }]),
    ],
  };
}

function secondFactorRequired(held: TokenHeld): Transition {
  return {
    state: {
      status: 'second-factor-required',
      ...heldOf(held),
      methods: [],
    },
    effects: [{ type: 'cancel-timers' }, { type: 'load-second-factor-methods', token: held.token }],
  };
}

function checkToken(held: TokenHeld & LastKnown, failures: number): Transition {
  return {
    state: { status: 'checking', ...heldOf(held), ...lastKnown(held), failures },
    effects: [{ type: 'run-whoami', token: held.token }],
  };
}

/** The last session Kratos confirmed, carried from a state that has one into a re-check or `unreachable`. */
function lastKnown(state: TokenHeld & LastKnown): LastKnown {
  return state.session === undefined ? {} : { session: state.session };
}

function keychainFailed(
  state: SessionState,
  operation: 'read' | 'save' | 'delete',
  message: string,
): Transition {
  switch (operation) {
    case 'read':
      // Nothing to keep: we never had the token. It is still in the keychain for the next start.
      if (state.status !== 'checking' || state.token !== null) return unchanged(state);
      return {
        state: {
          status: 'signed-out',
          notice: {
            level: 'warning',
            text: text.session.notRead(message),
          },
        },
        effects: [],
      };
    case 'save':
      if (state.status === 'signed-out' || state.token === null) return unchanged(state);
      return {
        state: {
          ...state,
          unsaved: true,
          notice: {
            level: 'warning',
            text: text.session.notSaved(message),
          },
        },
        effects: [],
      };
    case 'delete':
      return {
        state: {
          ...state,
          notice: {
            level: 'warning',
            text: text.session.notRemoved(message),
          },
        },
        effects: [],
      };
  }
}

/** Said after a sign-out the person asked for, so the sign-in screen that follows is not a mystery. */
const signedOutNotice = (): Notice => ({ level: 'info', text: text.session.youAreSignedOut });

function unchanged(state: SessionState): Transition {
  return { state, effects: [] };
}

/** A whoami answer applies only to a state that still holds the token it was asked about. */
function isChecked(
  state: SessionState,
  token: SessionToken,
): state is Extract<
  SessionState,
  { status: 'checking' | 'signed-in' | 'second-factor-required' | 'unreachable' }
> &
  TokenHeld {
  return (
    (state.status === 'checking' ||
      state.status === 'signed-in' ||
      state.status === 'second-factor-required' ||
      state.status === 'unreachable') &&
    state.token === token
  );
}

/** Only what `TokenHeld` names, so a state's own fields (session, methods, ...) never leak into the next. */
function heldOf({ token, expiresAt, notice, unsaved }: TokenHeld): TokenHeld {
  return { token, expiresAt, notice, ...(unsaved ? { unsaved } : {}) };
}

function withFirst(transition: Transition, effect: SessionEffect): Transition {
  return { state: transition.state, effects: [effect, ...transition.effects] };
}

function stillValidOnServer(reason: string, expiresAt: Millis | undefined): string {
  return text.session.stillValidOnServer(
    reason,
    expiresAt === undefined ? undefined : formatUtcTime(expiresAt),
  );
}

/** `expires_at` of a session, in milliseconds. */
function expiryOf(session: Session | undefined): Millis | undefined {
  return parseTime(session?.expires_at);
}

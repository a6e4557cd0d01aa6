/**
 * The thin shell around the session machine: it runs the effects `reduce` asks for (keychain, Kratos calls,
 * timers), turns their outcomes into events, and tells subscribers about every new `SessionView`.
 *
 * What it adds over the reducer, all of it about I/O:
 * - single flight: any number of concurrent checks share one `GET /sessions/whoami`;
 * - `revalidate()` for window focus / resume: at most one whoami per `revalidateIntervalMs`;
 * - timers for `expires_at` and for the backoff retry, with an injectable clock;
 * - the keychain: failures become notices; the token then lives only in memory for this run.
 */
import { secondFactorGroups, type LoginFlow, type Session } from '../../shared/kratos-wire';
import type {
  ActionResponse,
  EndpointView,
  KeychainView,
  SessionListItem,
  SessionListResponse,
  SessionView,
} from '../../shared/ipc-contract';
import { describeKratosError } from '../kratos/error-messages';
import type { KratosApi, SessionToken } from '../kratos/api';
import type { KratosResult } from '../kratos/result';
import {
  initialState,
  reduce,
  tokenOf,
  type SessionEffect,
  type SessionEvent,
  type SessionState,
} from './machine';
import type { TokenStore } from './token-store';
import { parseTime } from './time';
import { MAX_TIMER_DELAY_MS, systemTimers, type Timers } from './timers';
import { toSessionListItem, toSessionView } from './view';
import { errorText } from '../../shared/error-text';
import { text } from '../strings';

export interface SessionControllerDeps {
  api: KratosApi;
  store: TokenStore;
  /** The key the token is stored under (the normalized endpoint URL). */
  storeKey: string;
  endpoint: EndpointView;
  keychain: () => KeychainView;
  timers?: Timers;
  now?: () => number;
  /** `revalidate()` calls closer together than this reuse the last answer. */
  revalidateIntervalMs?: number;
}

export type SessionListener = (view: SessionView) => void;

/** `GET /sessions` pages followed at most; a server that keeps sending `next` must not loop us forever. */
const MAX_SESSION_PAGES = 20;

export class SessionController {
  readonly #deps: Required<Omit<SessionControllerDeps, 'timers' | 'now'>>;
  readonly #timers: Timers;
  readonly #now: () => number;
  readonly #listeners = new Set<SessionListener>();

  #state: SessionState = initialState;
  #starting: Promise<void> | undefined;
  #whoamiInFlight: { token: SessionToken; done: Promise<void> } | undefined;
  /** Bumped when a flow hands over a session: whoami answers asked for before that are stale. */
  #generation = 0;
  #lastCheckedAt: number | undefined;
  #timerHandles: { expiry?: unknown; retry?: unknown } = {};
  #disposed = false;
  /**
   * The one aal2 login flow of the current second-factor step: opened once, whether the methods label or
   * the second-factor screen asks first, and shared by both (see `secondFactorFlow`).
   */
  #secondFactorFlow: { token: SessionToken; flow: Promise<KratosResult<LoginFlow>> } | undefined;

  constructor(deps: SessionControllerDeps) {
    this.#deps = { revalidateIntervalMs: 30_000, ...deps };
    this.#timers = deps.timers ?? systemTimers;
    this.#now = deps.now ?? Date.now;
  }

  /** Reads the stored token and checks it with whoami. */
  start(): Promise<SessionView> {
    this.#starting ??= this.#dispatch({ type: 'start-requested' });
    return this.#starting.then(() => this.view());
  }

  /** Asks Kratos now (joining a check already under way). The "Retry" button. */
  async check(): Promise<SessionView> {
    // A start that failed must not make every later check fail with it.
    await this.#starting?.catch(() => undefined);
    await this.#dispatch({ type: 'check-requested' });
    return this.view();
  }

  /** Like `check()`, but within `revalidateIntervalMs` of the last answer it reuses it. For focus/resume. */
  async revalidate(): Promise<SessionView> {
    const last = this.#lastCheckedAt;
    if (last !== undefined && this.#now() - last < this.#deps.revalidateIntervalMs) {
      await this.#whoamiInFlight?.done;
      return this.view();
    }
    return this.check();
  }

  /** A flow produced a token; `session` is absent when only the token is known (recovery). */
  async signedIn(token: SessionToken, session?: Session): Promise<SessionView> {
    // A step-up keeps the token, so a whoami started before it (answering "aal2 required") would look
    // current. Make it stale, and let later checks start a fresh request.
    this.#generation++;
    this.#whoamiInFlight = undefined;
    // Kratos just answered with the session: as fresh as a whoami, so a window focus now asks nothing.
    if (session !== undefined) this.#lastCheckedAt = this.#now();
    await this.#dispatch({ type: 'signed-in-with-token', token, session });
    return this.view();
  }

  /** Revokes the session on the server, then forgets it here (also when the server is unreachable). */
  async logout(): Promise<ActionResponse> {
    await this.#starting?.catch(() => undefined);
    if (tokenOf(this.#state) === null) return { kind: 'ok', message: text.session.notSignedIn };
    await this.#dispatch({ type: 'logout-requested' });
    const notice = this.#state.notice;
    return { kind: 'ok', message: notice?.level === 'warning' ? notice.text : text.session.signedOut };
  }

  /** For flows that act on the current session (settings, step-up, refresh). Main process only. */
  currentToken(): SessionToken | null {
    return tokenOf(this.#state);
  }

  /**
   * The aal2 login flow of the second-factor step, for the flow service to show: the flow this controller
   * opens on entering `second-factor-required` (to read the identity's methods), joined while it is still
   * being opened, so the screen that shows the step and the step-up after a password share one flow instead of
   * asking Kratos for identical ones. Undefined once the state moved on (another token, signed in, signed
   * out), when Kratos refused to open it, or when it expired (then the caller opens a new one).
   */
  async secondFactorFlow(): Promise<LoginFlow | undefined> {
    if (this.#state.status !== 'second-factor-required') return undefined;
    const prepared = this.#openSecondFactorFlow(this.#state.token);
    const result = await prepared.flow;
    if (this.#secondFactorFlow !== prepared) return undefined; // the state moved on meanwhile
    if (result.kind !== 'success') {
      this.#secondFactorFlow = undefined; // the next caller asks again
      return undefined;
    }
    const expiresAt = parseTime(result.body.expires_at);
    if (expiresAt !== undefined && expiresAt <= this.#now()) {
      this.#secondFactorFlow = undefined;
      return undefined;
    }
    return result.body;
  }

  view(): SessionView {
    return toSessionView(this.#state, { endpoint: this.#deps.endpoint, keychain: this.#deps.keychain() });
  }

  subscribe(listener: SessionListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Stops the timers; the controller does nothing more after this. */
  dispose(): void {
    this.#disposed = true;
    this.#cancelTimers();
    this.#listeners.clear();
  }

  // -------------------------------------------------------------------------------------------------------
  // Other sessions of the same identity

  async listSessions(): Promise<SessionListResponse> {
    const token = this.currentToken();
    if (token === null) return { kind: 'error', message: text.session.signInToSee };
    const others: SessionListItem[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_SESSION_PAGES; page++) {
      const result = await this.#api.listSessions(token, { pageToken });
      if (result.kind !== 'success') return { kind: 'error', message: await this.#describeFailure(result) };
      others.push(...result.body.sessions.map((session) => toSessionListItem(session, false)));
      pageToken = result.body.nextPageToken;
      // An empty page ends the list: Kratos v1.3.1 links a `next` page even after an empty one (measured).
      if (pageToken === undefined || result.body.sessions.length === 0) break;
    }
    // Kratos lists only the *other* sessions; the current one is ours to add.
    const current = this.#state.status === 'signed-in' ? [toSessionListItem(this.#state.session, true)] : [];
    return { kind: 'sessions', sessions: [...current, ...others] };
  }

  async revokeSession(id: string): Promise<ActionResponse> {
    const token = this.currentToken();
    if (token === null) return { kind: 'error', message: text.session.signInToManage };
    if (this.#state.status === 'signed-in' && this.#state.session.id === id) {
      return { kind: 'error', message: text.session.thisSession };
    }
    const result = await this.#api.revokeSession(token, id);
    if (result.kind !== 'success') return { kind: 'error', message: await this.#describeFailure(result) };
    return { kind: 'ok', message: text.session.revoked };
  }

  async revokeOtherSessions(): Promise<ActionResponse> {
    const token = this.currentToken();
    if (token === null) return { kind: 'error', message: text.session.signInToManage };
    const result = await this.#api.revokeOtherSessions(token);
    if (result.kind !== 'success') return { kind: 'error', message: await this.#describeFailure(result) };
    const { count } = result.body;
    return {
      kind: 'ok',
      message: text.session.revokedOthers(count),
    };
  }

  // -------------------------------------------------------------------------------------------------------
  // The effect runner

  get #api(): KratosApi {
    return this.#deps.api;
  }

  async #dispatch(event: SessionEvent): Promise<void> {
    if (this.#disposed) return;
    const { state, effects } = reduce(this.#state, event);
    if (state !== this.#state) {
      this.#state = state;
      // A second-factor flow belongs to one visit of that state: the next visit opens a fresh one.
      if (state.status !== 'second-factor-required' || state.token !== this.#secondFactorFlow?.token)
        this.#secondFactorFlow = undefined;
      const view = this.view();
      for (const listener of this.#listeners) listener(view);
    }
    // In order: the machine relies on it (e.g. store the token, then check it).
    for (const effect of effects) await this.#run(effect);
  }

  async #run(effect: SessionEffect): Promise<void> {
    const { store, storeKey } = this.#deps;
    switch (effect.type) {
      case 'read-token': {
        let token: string | null;
        try {
          token = await store.get(storeKey);
        } catch (error) {
          return this.#dispatch({ type: 'keychain-failed', operation: 'read', message: errorText(error) });
        }
        return this.#dispatch({ type: 'token-read', token });
      }
      case 'reread-token': {
        // A failed read says nothing about our token: check it as it is.
        const stored = await store.get(storeKey).catch(() => null);
        return this.#dispatch({ type: 'store-reread', held: effect.token, stored });
      }
      case 'store-token':
        // On failure the token stays in the machine's state (memory) and nowhere else: no fallback file.
        try {
          await store.set(storeKey, effect.token);
        } catch (error) {
          await this.#dispatch({ type: 'keychain-failed', operation: 'save', message: errorText(error) });
        }
        return;
      case 'delete-token':
        try {
          // The entry is shared with other processes (the terminal client, the app's next start): one that
          // signed in since holds a newer token there, which is not ours to delete.
          const stored = await store.get(storeKey);
          if (stored !== null && stored !== effect.token) return;
          await store.delete(storeKey);
        } catch (error) {
          await this.#dispatch({ type: 'keychain-failed', operation: 'delete', message: errorText(error) });
        }
        return;
      case 'run-whoami':
        return this.#whoami(effect.token);
      case 'revoke-on-server':
        return this.#revoke(effect.token);
      case 'load-second-factor-methods':
        return this.#loadSecondFactorMethods(effect.token);
      case 'schedule-expiry':
        return this.#armExpiry(effect.at);
      case 'schedule-retry':
        this.#setTimer('retry', effect.afterMs, () => void this.#dispatch({ type: 'retry-timer-fired' }));
        return;
      case 'cancel-timers':
        return this.#cancelTimers();
    }
  }

  /** Single flight: while a whoami for this token is under way, every caller waits for that one. */
  #whoami(token: SessionToken): Promise<void> {
    if (this.#whoamiInFlight?.token === token) return this.#whoamiInFlight.done;
    const generation = this.#generation;
    const done = (async () => {
      const result = await settle(() => this.#api.whoami(token));
      if (generation !== this.#generation) return;
      this.#lastCheckedAt = this.#now();
      this.#whoamiInFlight = undefined;
      await this.#dispatch(this.#whoamiEvent(token, result));
    })();
    this.#whoamiInFlight = { token, done };
    return done;
  }

  #whoamiEvent(token: SessionToken, result: KratosResult<Session>): SessionEvent {
    const now = this.#now();
    switch (result.kind) {
      case 'success':
        return { type: 'whoami-succeeded', token, session: result.body };
      case 'error':
        if (result.status === 401) return { type: 'whoami-rejected', token, now };
        if (result.error.id === 'session_aal2_required') return { type: 'whoami-aal2-required', token };
        // Any other answer says nothing about the token: keep it and ask again later.
        return { type: 'whoami-unreachable', token, now, message: describeKratosError(result.error) };
      case 'unreachable':
        return {
          type: 'whoami-unreachable',
          token,
          now,
          message: result.message,
          ...(result.reason === 'rate-limited' ? { rateLimited: { retryAfterMs: result.retryAfterMs } } : {}),
        };
      case 'flow':
      case 'expired':
        return { type: 'whoami-unreachable', token, now, message: text.kratosErrors.whoamiFlow };
    }
  }

  async #revoke(token: SessionToken): Promise<void> {
    const result = await settle(() => this.#api.logout(token));
    if (result.kind === 'success')
      return this.#dispatch({ type: 'logout-finished', token, outcome: 'revoked' });
    // 401/403: Kratos does not know the token (already revoked or expired), which is what we wanted.
    if (result.kind === 'error' && (result.status === 401 || result.status === 403)) {
      return this.#dispatch({ type: 'logout-finished', token, outcome: 'already-invalid' });
    }
    const message =
      result.kind === 'unreachable'
        ? result.message
        : result.kind === 'error'
          ? describeKratosError(result.error)
          : text.kratosErrors.unexpected;
    return this.#dispatch({ type: 'logout-finished', token, outcome: 'not-revoked', message });
  }

  /**
   * Which second factors the identity has: the groups of an aal2 login flow (Kratos offers no other way to
   * ask). Best effort: it only labels. The same flow is the one the second-factor screen shows.
   */
  async #loadSecondFactorMethods(token: SessionToken): Promise<void> {
    const prepared = this.#openSecondFactorFlow(token);
    const result = await prepared.flow;
    if (result.kind !== 'success') {
      if (this.#secondFactorFlow === prepared) this.#secondFactorFlow = undefined; // asked again when shown
      return;
    }
    const groups = new Set<string>(result.body.ui.nodes.map((node) => node.group));
    const methods = secondFactorGroups.filter((group) => groups.has(group));
    await this.#dispatch({ type: 'second-factor-methods-loaded', token, methods });
  }

  /** The aal2 flow for `token`: the one already opened (or being opened), else a new request. */
  #openSecondFactorFlow(token: SessionToken): {
    token: SessionToken;
    flow: Promise<KratosResult<LoginFlow>>;
  } {
    if (this.#secondFactorFlow?.token !== token) {
      this.#secondFactorFlow = {
        token,
        flow: settle(() => this.#api.createLoginFlow({ aal: 'aal2', token })),
      };
    }
    return this.#secondFactorFlow;
  }

  #armExpiry(at: number): void {
    const delay = Math.max(0, at - this.#now());
    if (delay > MAX_TIMER_DELAY_MS) {
      this.#setTimer('expiry', MAX_TIMER_DELAY_MS, () => this.#armExpiry(at));
    } else {
      this.#setTimer('expiry', delay, () => void this.#dispatch({ type: 'expiry-timer-fired' }));
    }
  }

  #setTimer(slot: 'expiry' | 'retry', ms: number, fire: () => void): void {
    if (this.#disposed) return;
    this.#clearTimer(slot);
    this.#timerHandles[slot] = this.#timers.setTimeout(() => {
      this.#timerHandles[slot] = undefined;
      fire();
    }, ms);
  }

  #clearTimer(slot: 'expiry' | 'retry'): void {
    const handle = this.#timerHandles[slot];
    if (handle !== undefined) this.#timers.clearTimeout(handle);
    this.#timerHandles[slot] = undefined;
  }

  #cancelTimers(): void {
    this.#clearTimer('expiry');
    this.#clearTimer('retry');
  }

  /** For list/revoke calls: human text, and a re-check when the answer says the session changed. */
  async #describeFailure(result: Exclude<KratosResult<unknown>, { kind: 'success' }>): Promise<string> {
    switch (result.kind) {
      case 'unreachable':
        return result.message;
      case 'error':
        // 401 / 403 aal2: the session is gone or needs a second factor; whoami moves the state there.
        if (result.status === 401 || result.error.id === 'session_aal2_required') await this.check();
        return describeKratosError(result.error);
      default:
        return text.kratosErrors.unexpected;
    }
  }
}

/**
 * The client promises never to throw, but a thrown bug must not leave the machine stuck in `checking` or
 * look like a logout: it counts as an unusable answer.
 */
async function settle<T>(call: () => Promise<KratosResult<T>>): Promise<KratosResult<T>> {
  try {
    return await call();
  } catch (error) {
    return { kind: 'unreachable', reason: 'bad-response', message: errorText(error) };
  }
}

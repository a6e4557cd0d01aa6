/**
 * The session token exchange of a social sign-in, as a pure state machine (no I/O, no clock of its own).
 *
 * A social sign-in leaves the app: main opens the provider's page in the system browser, and the person
 * comes back through a `kratos-desktop://auth/callback?code=…` deep link, which any web page could also
 * open. So the app accepts a callback only while it is waiting for one, for exactly one flow, for at most
 * ten minutes, and redeems it once:
 *
 *   none ──browser-opened──▶ pending ──callback──▶ redeeming ──redeemed──▶ completed
 *                              │  ▲                    │
 *                              │  └──── not-yet ───────┘   (Kratos: "no session yet for this code")
 *                              ├──cancel──▶ cancelled      (the "Cancel" button, or another flow started)
 *                              └──tick > 10 min──▶ expired
 *
 * A callback must carry the `s` value of the waiting flow's `return_to` (a random value per flow that only
 * main and Kratos know); another is ignored in every state and changes nothing.
 * The callback is what the deep link carried (main/policy/deep-link.ts): a return code to redeem at Kratos,
 * or, without one, the news that Kratos ended the sign-in in a flow (failed, or an account to link), which
 * main checks with Kratos in the same `redeeming` step. A callback in any other state is ignored, with a
 * reason the window can show. None arrives while `redeeming`: the shell (browser-sign-in.ts) hands callbacks
 * over one at a time, each after the previous one's check has ended. The init code (from the flow's creation) and the return code (from the deep
 * link) together are a session token: they live in this state only, and no function here returns them
 * except `redeem`, which main sends to Kratos.
 */
import { callbackNonce, type AuthCallback } from '../policy/deep-link';

/** How long the app waits for the browser: the time a person plausibly needs at the provider. */
export const browserExchangeLifetimeMs = 10 * 60_000;

interface PendingExchange {
  flowId: string;
  /** The `s` value of the flow's `return_to`: a link back must carry it. */
  nonce: string;
  /** `session_token_exchange_code` of the flow's creation response. Secret. */
  initCode: string;
  /** The provider URL Kratos sent (`redirect_browser_to`), for "Open the browser again". */
  browserUrl: string;
  startedAt: number;
}

export type ExchangeState =
  | { status: 'none' }
  | ({ status: 'pending' } & PendingExchange)
  | ({ status: 'redeeming'; callback: AuthCallback } & PendingExchange)
  | { status: 'completed' | 'cancelled' | 'expired'; flowId: string };

export type ExchangeEvent =
  | {
      type: 'browser-opened';
      flowId: string;
      nonce: string;
      initCode: string;
      browserUrl: string;
      at: number;
    }
  | { type: 'callback'; callback: AuthCallback; at: number }
  /** Kratos shows no end of this sign-in for the link (no session for the pair): keep waiting. */
  | { type: 'not-yet' }
  /** Kratos answered the exchange (a token, or the flow with an error): this sign-in is over. */
  | { type: 'redeemed' }
  | { type: 'cancel'; flowId?: string }
  | { type: 'tick'; at: number };

/** Why a callback was not redeemed. */
type IgnoredBecause = 'nothing-pending' | 'cancelled' | 'expired' | 'replayed' | 'foreign';

export type ExchangeDecision =
  | { kind: 'none' }
  /** Ask Kratos what the callback means: the pair to `GET /sessions/token-exchange`, or the flow. */
  | { kind: 'redeem'; flowId: string; initCode: string; callback: AuthCallback }
  | { kind: 'ignore'; because: IgnoredBecause }
  /** The waiting of `flowId` is over without a session (cancelled, expired, or replaced by another flow). */
  | { kind: 'stopped'; flowId: string; because: 'cancelled' | 'expired' };

export const noExchange: ExchangeState = { status: 'none' };

function isWaiting(state: ExchangeState): state is Extract<ExchangeState, PendingExchange> {
  return state.status === 'pending' || state.status === 'redeeming';
}

export function reduceExchange(
  state: ExchangeState,
  event: ExchangeEvent,
): { state: ExchangeState; decision: ExchangeDecision } {
  const none: ExchangeDecision = { kind: 'none' };
  switch (event.type) {
    case 'browser-opened': {
      const { flowId, nonce, initCode, browserUrl, at } = event;
      // Pressing the provider again for the same flow keeps waiting (from now) with the new provider URL.
      return {
        state: { status: 'pending', flowId, nonce, initCode, browserUrl, startedAt: at },
        decision: none,
      };
    }
    case 'callback':
      return callbackArrived(state, event.callback, event.at);
    case 'not-yet':
      if (state.status !== 'redeeming') return { state, decision: none };
      return { state: withoutCallback(state), decision: none };
    case 'redeemed':
      if (state.status !== 'redeeming') return { state, decision: none };
      return { state: { status: 'completed', flowId: state.flowId }, decision: none };
    case 'cancel':
      if (state.status !== 'pending' || (event.flowId !== undefined && event.flowId !== state.flowId)) {
        return { state, decision: none };
      }
      return {
        state: { status: 'cancelled', flowId: state.flowId },
        decision: { kind: 'stopped', flowId: state.flowId, because: 'cancelled' },
      };
    case 'tick':
      if (state.status !== 'pending' || !isPast(state, event.at)) return { state, decision: none };
      return {
        state: { status: 'expired', flowId: state.flowId },
        decision: { kind: 'stopped', flowId: state.flowId, because: 'expired' },
      };
  }
}

function callbackArrived(
  state: ExchangeState,
  callback: AuthCallback,
  at: number,
): { state: ExchangeState; decision: ExchangeDecision } {
  // Another sign-in's link (or one a web page made up, which cannot know the value): changes nothing.
  if (isWaiting(state) && callbackNonce(callback) !== state.nonce)
    return { state, decision: ignore('foreign') };
  if (isWaiting(state) && isPast(state, at)) {
    return { state: { status: 'expired', flowId: state.flowId }, decision: ignore('expired') };
  }
  switch (state.status) {
    case 'pending': {
      const { flowId, initCode } = state;
      return {
        state: { ...state, status: 'redeeming', callback },
        decision: { kind: 'redeem', flowId, initCode, callback },
      };
    }
    case 'redeeming':
      // Not reached: callbacks are handed over one at a time (see the top). Were one to come, it would
      // change nothing and be answered by nothing.
      return { state, decision: { kind: 'none' } };
    case 'completed':
      return { state, decision: ignore('replayed') };
    case 'cancelled':
    case 'expired':
      return { state, decision: ignore(state.status) };
    case 'none':
      return { state, decision: ignore('nothing-pending') };
  }
}

function isPast(exchange: PendingExchange, at: number): boolean {
  return at - exchange.startedAt >= browserExchangeLifetimeMs;
}

function withoutCallback(state: Extract<ExchangeState, { status: 'redeeming' }>): ExchangeState {
  const { flowId, nonce, initCode, browserUrl, startedAt } = state;
  return { status: 'pending', flowId, nonce, initCode, browserUrl, startedAt };
}

function ignore(because: IgnoredBecause): ExchangeDecision {
  return { kind: 'ignore', because };
}

/** Why Kratos's `redirect_browser_to` is not handed to the system browser. */
export type ProviderUrlProblem = 'not-secure' | 'loopback';

/**
 * Whether Kratos's `redirect_browser_to` may be handed to the system browser: an `https:` URL, or `http:` on
 * a loopback address (a development IdP). Anything else (`file:`, `javascript:`, another app's scheme, a
 * plain-http host on the network) is refused: the answer comes from a server, and the OS would act on it.
 * A page on this computer only for a server on this computer: a server elsewhere has no provider here, and
 * could otherwise make the app open any local service's page (issue 21).
 */
export function providerUrlProblem(candidate: string, endpointUrl: string): ProviderUrlProblem | undefined {
  if (candidate.length > 8192 || !URL.canParse(candidate)) return 'not-secure';
  const url = new URL(candidate);
  if (url.username !== '' || url.password !== '') return 'not-secure';
  const local = isLoopback(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) return 'not-secure';
  if (local && !isLoopback(new URL(endpointUrl).hostname)) return 'loopback';
  return undefined;
}

function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '[::1]' ||
    /^127(\.\d{1,3}){3}$/.test(hostname)
  );
}

/**
 * Social sign-in through the system browser: the I/O around the pure exchange machine
 * (browser-exchange.ts). The flow service hands it the provider URL Kratos answered a `{method: oidc}` submit
 * with; it opens the browser, keeps the submit waiting, and ends that wait exactly once: signed in (or the
 * next step), the flow again with Kratos's message, cancelled, or expired after ten minutes.
 *
 * The browser comes back through `callback(…)` (the `kratos-desktop://auth/callback` deep link): with a
 * return code, redeemed at `GET /sessions/token-exchange`; without one, Kratos ended the sign-in in a flow,
 * which `flowAfterCallback` fetches and checks. Codes are never logged, shown or returned: only
 * `GET /sessions/token-exchange` sees them.
 */
import type { LoginFlow, RegistrationFlow, SuccessfulNativeLogin } from '../../shared/kratos-wire';
import type { FlowResponse, Notice } from '../../shared/ipc-contract';
import type { KratosApi } from '../kratos/api';
import type { AuthCallback } from '../policy/deep-link';
import type { KratosResult } from '../kratos/result';
import type { Timers } from '../session/timers';
import {
  browserExchangeLifetimeMs,
  isOpenableProviderUrl,
  noExchange,
  reduceExchange,
  type ExchangeEvent,
  type ExchangeState,
} from './browser-exchange';
import { text } from '../strings';

export type ExchangeResult = KratosResult<SuccessfulNativeLogin, LoginFlow | RegistrationFlow>;

export interface BrowserSignInDeps {
  api: Pick<KratosApi, 'exchangeSessionToken'>;
  /** `shell.openExternal` in the app; a Playwright page in the e2e suite. */
  openExternal: (url: string) => Promise<void>;
  timers: Timers;
  now: () => number;
}

/** Ends a wait: what the waiting submit answers. `flowId` is the flow the browser was opened for. */
export type Finish = (flowId: string, result: ExchangeResult) => Promise<FlowResponse>;
/** What the waiting submit answers when the person cancelled (the form again). */
export type ShowAgain = (flowId: string) => Promise<FlowResponse>;
/**
 * The browser came back without a code: the flow in which Kratos ended the sign-in of `flowId` (its own, with
 * Kratos's message; or a new login flow to link an account), or `undefined` when Kratos shows no such end
 * (a stale or foreign link: keep waiting).
 */
export type FlowAfterCallback = (
  flowId: string,
  callback: Exclude<AuthCallback, { kind: 'code' }>,
) => Promise<ExchangeResult | undefined>;

const expiredText = () => text.browser.timedOut(browserExchangeLifetimeMs / 60_000);

export class BrowserSignIn {
  readonly #deps: BrowserSignInDeps;
  readonly #finish: Finish;
  readonly #showAgain: ShowAgain;
  readonly #flowAfterCallback: FlowAfterCallback;
  #state: ExchangeState = noExchange;
  /** Submits waiting for this exchange (a second press on the same flow joins the first). */
  #waiters: ((response: FlowResponse) => void)[] = [];
  #timer: unknown;

  constructor(
    deps: BrowserSignInDeps,
    finish: Finish,
    showAgain: ShowAgain,
    flowAfterCallback: FlowAfterCallback,
  ) {
    this.#deps = deps;
    this.#finish = finish;
    this.#showAgain = showAgain;
    this.#flowAfterCallback = flowAfterCallback;
  }

  /**
   * Kratos answered a provider button with `redirect_browser_to`: open it and wait for the callback. Resolves
   * when the sign-in ends, however it ends. Another flow's wait is cancelled first.
   */
  async begin(flowId: string, initCode: string, browserUrl: string): Promise<FlowResponse> {
    if (!isOpenableProviderUrl(browserUrl)) {
      return { kind: 'error', message: text.browser.notSecure };
    }
    const previous = this.#state;
    if ((previous.status === 'pending' || previous.status === 'redeeming') && previous.flowId !== flowId) {
      await this.cancel(previous.flowId);
    }
    // The wait starts before the browser opens: a provider that remembers the person sends the browser
    // straight back, and the link can arrive before the OS reports the browser as opened (measured).
    this.#dispatch({ type: 'browser-opened', flowId, initCode, browserUrl, at: this.#deps.now() });
    this.#armTimer();
    const answer = new Promise<FlowResponse>((resolve) => this.#waiters.push(resolve));
    if (!(await this.#open(browserUrl))) this.#abandon(flowId);
    return answer;
  }

  /** The browser could not be opened: nobody waits for it (unless its link has come back already). */
  #abandon(flowId: string): void {
    if (this.#state.status !== 'pending' || this.#state.flowId !== flowId) return;
    this.#state = noExchange;
    this.#clearTimer();
    this.#end({ kind: 'error', message: text.browser.cannotOpen });
  }

  /** "Open the browser again": the same provider page, for a person who closed the tab. */
  async reopen(flowId: string): Promise<boolean> {
    const state = this.#state;
    if (state.status !== 'pending' || state.flowId !== flowId) return false;
    return this.#open(state.browserUrl);
  }

  /** "Cancel" (or another flow took over): the waiting submit shows the form again. */
  async cancel(flowId: string): Promise<boolean> {
    const decision = this.#dispatch({ type: 'cancel', flowId });
    if (decision.kind !== 'stopped') return false;
    this.#clearTimer();
    this.#end(await this.#showAgain(flowId));
    return true;
  }

  /**
   * The browser is back. Acted on only while this app waits for it; otherwise (or when Kratos shows that the
   * link does not end this sign-in) a note for the window says it was ignored.
   */
  async callback(callback: AuthCallback): Promise<Notice | undefined> {
    const decision = this.#dispatch({ type: 'callback', callback, at: this.#deps.now() });
    if (decision.kind === 'ignore') {
      if (decision.because === 'expired') this.#expire();
      return { level: 'warning', text: text.browser.ignored[decision.because] };
    }
    if (decision.kind !== 'redeem') return undefined;
    const result = await this.#redeem(decision.flowId, decision.initCode, decision.callback);
    if (result === undefined) {
      // A stale or foreign link. The real one may still come.
      this.#dispatch({ type: 'not-yet' });
      return { level: 'warning', text: text.browser.ignored['not-finished'] };
    }
    this.#dispatch({ type: 'redeemed' });
    this.#clearTimer();
    this.#end(await this.#finish(decision.flowId, result));
    return undefined;
  }

  async #redeem(
    flowId: string,
    initCode: string,
    callback: AuthCallback,
  ): Promise<ExchangeResult | undefined> {
    if (callback.kind !== 'code') return this.#flowAfterCallback(flowId, callback);
    const result = await this.#deps.api.exchangeSessionToken(initCode, callback.returnToCode);
    // 404 "no session yet for this code": Kratos has no sign-in for the pair.
    return result.kind === 'error' && result.status === 404 ? undefined : result;
  }

  /** The app is closing or the endpoint changed: nobody waits any more. */
  dispose(): void {
    this.#clearTimer();
    this.#state = noExchange;
    this.#end({ kind: 'error', message: text.browser.stopped });
  }

  async #open(url: string): Promise<boolean> {
    try {
      await this.#deps.openExternal(url);
      return true;
    } catch {
      return false;
    }
  }

  #dispatch(event: ExchangeEvent) {
    const { state, decision } = reduceExchange(this.#state, event);
    this.#state = state;
    return decision;
  }

  #armTimer(): void {
    this.#clearTimer();
    this.#timer = this.#deps.timers.setTimeout(() => {
      this.#timer = undefined;
      const decision = this.#dispatch({ type: 'tick', at: this.#deps.now() });
      if (decision.kind === 'stopped') this.#end({ kind: 'error', message: expiredText() });
    }, browserExchangeLifetimeMs);
  }

  /** A callback found the exchange past its lifetime before the timer fired. */
  #expire(): void {
    this.#clearTimer();
    this.#end({ kind: 'error', message: expiredText() });
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) this.#deps.timers.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #end(response: FlowResponse): void {
    for (const resolve of this.#waiters.splice(0)) resolve(response);
  }
}

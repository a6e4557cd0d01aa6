/**
 * Social sign-in through the system browser: the I/O around the pure exchange machine
 * (browser-exchange.ts). The flow service hands it the provider URL Kratos answered a `{method: oidc}` submit
 * with; it opens the browser, keeps the submit waiting, and ends that wait exactly once: signed in (or the
 * next step), the flow again with Kratos's message, cancelled, or expired after ten minutes.
 *
 * The browser comes back through `callback(returnToCode)` (the `kratos-desktop://auth/callback` deep link).
 * Codes are never logged, shown or returned: only `GET /sessions/token-exchange` sees them.
 */
import type { LoginFlow, RegistrationFlow, SuccessfulNativeLogin } from '../../shared/kratos-wire';
import type { FlowResponse, Notice } from '../../shared/ipc-contract';
import type { KratosApi } from '../kratos/api';
import type { KratosResult } from '../kratos/result';
import type { Timers } from '../session/timers';
import {
  browserExchangeLifetimeMs,
  isOpenableProviderUrl,
  noExchange,
  reduceExchange,
  type ExchangeEvent,
  type ExchangeState,
  type IgnoredBecause,
} from './browser-exchange';

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

const ignoredTexts: Readonly<Record<IgnoredBecause | 'not-finished', string>> = {
  'nothing-pending':
    'A sign-in link from the browser arrived, but no sign-in through the browser is in progress, so it was ignored.',
  cancelled: 'A sign-in link from the browser arrived after you cancelled that sign-in, so it was ignored.',
  expired:
    'A sign-in link from the browser arrived after the sign-in had timed out, so it was ignored. Please start again.',
  replayed:
    'A sign-in link from the browser arrived again; you are already past that step, so it was ignored.',
  busy: 'A second sign-in link arrived while the first one was being checked, so it was ignored.',
  'not-finished':
    'A sign-in link arrived that does not finish this sign-in, so it was ignored. Please continue in your browser.',
};

const expiredText =
  'Signing in through the browser took longer than 10 minutes, so the app stopped waiting. Please try again.';

export class BrowserSignIn {
  readonly #deps: BrowserSignInDeps;
  readonly #finish: Finish;
  readonly #showAgain: ShowAgain;
  #state: ExchangeState = noExchange;
  /** Submits waiting for this exchange (a second press on the same flow joins the first). */
  #waiters: ((response: FlowResponse) => void)[] = [];
  #timer: unknown;

  constructor(deps: BrowserSignInDeps, finish: Finish, showAgain: ShowAgain) {
    this.#deps = deps;
    this.#finish = finish;
    this.#showAgain = showAgain;
  }

  /**
   * Kratos answered a provider button with `redirect_browser_to`: open it and wait for the callback. Resolves
   * when the sign-in ends, however it ends. Another flow's wait is cancelled first.
   */
  async begin(flowId: string, initCode: string, browserUrl: string): Promise<FlowResponse> {
    if (!isOpenableProviderUrl(browserUrl)) {
      return {
        kind: 'error',
        message:
          'The server asked to continue at an address that is not a secure web page, so the app did not open it.',
      };
    }
    const previous = this.#state;
    if ((previous.status === 'pending' || previous.status === 'redeeming') && previous.flowId !== flowId) {
      await this.cancel(previous.flowId);
    }
    const opened = await this.#open(browserUrl);
    if (!opened) return { kind: 'error', message: 'The app could not open your web browser.' };
    this.#dispatch({ type: 'browser-opened', flowId, initCode, browserUrl, at: this.#deps.now() });
    this.#armTimer();
    return new Promise((resolve) => this.#waiters.push(resolve));
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
   * The browser is back with a return code. Redeemed only while this app waits for it; otherwise (or when
   * Kratos does not know the pair) a note for the window says it was ignored.
   */
  async callback(returnToCode: string): Promise<Notice | undefined> {
    const decision = this.#dispatch({ type: 'callback', returnToCode, at: this.#deps.now() });
    if (decision.kind === 'ignore') {
      if (decision.because === 'expired') this.#expire();
      return { level: 'warning', text: ignoredTexts[decision.because] };
    }
    if (decision.kind !== 'redeem') return undefined;
    const result = await this.#deps.api.exchangeSessionToken(decision.initCode, decision.returnToCode);
    if (result.kind === 'error' && result.status === 404) {
      // "No session yet for this code": a stale or foreign link. The real one may still come.
      this.#dispatch({ type: 'not-yet' });
      return { level: 'warning', text: ignoredTexts['not-finished'] };
    }
    this.#dispatch({ type: 'redeemed' });
    this.#clearTimer();
    this.#end(await this.#finish(decision.flowId, result));
    return undefined;
  }

  /** The app is closing or the endpoint changed: nobody waits any more. */
  dispose(): void {
    this.#clearTimer();
    this.#state = noExchange;
    this.#end({ kind: 'error', message: 'Signing in through the browser was stopped.' });
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
      if (decision.kind === 'stopped') this.#end({ kind: 'error', message: expiredText });
    }, browserExchangeLifetimeMs);
  }

  /** A callback found the exchange past its lifetime before the timer fired. */
  #expire(): void {
    this.#clearTimer();
    this.#end({ kind: 'error', message: expiredText });
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) this.#deps.timers.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #end(response: FlowResponse): void {
    for (const resolve of this.#waiters.splice(0)) resolve(response);
  }
}

/**
 * The browser part of a sign-in that leaves the app: the I/O around the pure exchange machine
 * (browser-exchange.ts). A journey (social-sign-in.ts, passkey-ceremony.ts) hands it a
 * `BrowserCeremony`: the page to open and what a link back means. It opens the system browser, keeps the
 * submit waiting, and ends that wait exactly once: with the ceremony's answer, the form again after
 * "Cancel", or an error (the browser could not open, ten minutes passed, the app stopped waiting).
 *
 * The browser comes back through `callback(…)` (the `kratos-desktop://auth/callback` or `…/auth/passkey`
 * deep link, or the terminal's loopback listener). Only the ceremony reads it: the codes it carries are never logged, shown
 * or returned here.
 */
import type { FlowResponse, Notice } from '../../shared/ipc-contract';
import type { AuthCallback } from '../policy/deep-link';
import type { Timers } from '../session/timers';
import {
  browserExchangeLifetimeMs,
  providerUrlProblem,
  noExchange,
  reduceExchange,
  type ExchangeEvent,
  type ExchangeState,
} from './browser-exchange';
import { text } from '../strings';

export interface BrowserSignInDeps {
  /** `shell.openExternal` in the app; a Playwright page in the e2e suite. */
  openExternal: (url: string) => Promise<void>;
  /** The Kratos server's URL: only a server on this computer may send the browser to a page on it. */
  endpointUrl: string;
  timers: Timers;
  now: () => number;
}

/** One sign-in in the browser, as the journey that started it knows it. */
export interface BrowserCeremony {
  /** The flow the browser is opened for. */
  flowId: string;
  /** The `s` value of the flow's `return_to`, which every link back must carry. */
  nonce: string;
  /** The secret that, with what the browser brings back, completes the sign-in (kept by the exchange machine). */
  initCode: string;
  /** The page to open (Kratos's `redirect_browser_to` for a provider). */
  browserUrl: string;
  /**
   * What the waiting submit answers for this link back, or `undefined` when Kratos shows it does not end
   * this sign-in (a stale or foreign link: keep waiting).
   */
  answer(initCode: string, callback: AuthCallback): Promise<FlowResponse | undefined>;
  /** What the waiting submit answers after "Cancel" (the form as it is now). */
  cancelled(): Promise<FlowResponse>;
}

/** The shortest time between two openings of the browser for one sign-in. */
export const reopenIntervalMs = 5_000;

const expiredText = () => text.browser.timedOut(browserExchangeLifetimeMs / 60_000);

export class BrowserSignIn {
  readonly #deps: BrowserSignInDeps;
  #state: ExchangeState = noExchange;
  /** The ceremony being waited for (the latest press of its button). */
  #ceremony: BrowserCeremony | undefined;
  /** Submits waiting for this exchange (a second press on the same flow joins the first). */
  #waiters: ((response: FlowResponse) => void)[] = [];
  #timer: unknown;
  /** Links back, handled one at a time (see `callback`). */
  #callbacks: Promise<unknown> = Promise.resolve();
  /** When the browser was last opened again (see `reopen`). */
  #reopenedAt: number | undefined;

  constructor(deps: BrowserSignInDeps) {
    this.#deps = deps;
  }

  /**
   * Open the ceremony's page and wait for the link back. Resolves when the sign-in ends, however it ends.
   * Another flow's wait is cancelled first; a second press on the same flow joins the first.
   */
  async begin(ceremony: BrowserCeremony): Promise<FlowResponse> {
    const { flowId, nonce, initCode, browserUrl } = ceremony;
    const problem = providerUrlProblem(browserUrl, this.#deps.endpointUrl);
    if (problem !== undefined) {
      return {
        kind: 'error',
        message: problem === 'loopback' ? text.browser.notOnThisComputer : text.browser.notSecure,
      };
    }
    const previous = this.#state;
    if ((previous.status === 'pending' || previous.status === 'redeeming') && previous.flowId !== flowId) {
      await this.cancel(previous.flowId);
    }
    // The wait starts before the browser opens: a provider that remembers the person sends the browser
    // straight back, and the link can arrive before the OS reports the browser as opened (measured).
    this.#dispatch({ type: 'browser-opened', flowId, nonce, initCode, browserUrl, at: this.#deps.now() });
    this.#ceremony = ceremony;
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

  /**
   * "Open the browser again": the same provider page, for a person who closed the tab. Once at any time,
   * then at most once per `reopenIntervalMs`: a compromised page could ask without limit (issue 21), and a
   * person needs one tab. A request sooner is answered as done (the page opened a moment ago), without
   * opening another.
   */
  async reopen(flowId: string): Promise<boolean> {
    const state = this.#state;
    if (state.status !== 'pending' || state.flowId !== flowId) return false;
    const now = this.#deps.now();
    if (this.#reopenedAt !== undefined && now - this.#reopenedAt < reopenIntervalMs) return true;
    this.#reopenedAt = now;
    return this.#open(state.browserUrl);
  }

  /** "Cancel" (or another flow took over): the waiting submit shows the form again. */
  async cancel(flowId: string): Promise<boolean> {
    const ceremony = this.#ceremony;
    const decision = this.#dispatch({ type: 'cancel', flowId });
    if (decision.kind !== 'stopped' || ceremony === undefined) return false;
    this.#clearTimer();
    this.#end(await ceremony.cancelled());
    return true;
  }

  /**
   * The browser is back. Acted on only while this app waits for it; otherwise (or when Kratos shows that the
   * link does not end this sign-in) a note for the window says it was ignored. Links are handled one after
   * another: one that arrives while another is checked waits its turn instead of being dropped (issue 21: a
   * page's bare link, being checked, made the real `?code=` link be refused as busy and lost).
   */
  callback(callback: AuthCallback): Promise<Notice | undefined> {
    const handled = this.#callbacks.then(() => this.#handle(callback));
    this.#callbacks = handled.catch(() => undefined);
    return handled;
  }

  async #handle(callback: AuthCallback): Promise<Notice | undefined> {
    const decision = this.#dispatch({ type: 'callback', callback, at: this.#deps.now() });
    if (decision.kind === 'ignore') {
      if (decision.because === 'expired') this.#expire();
      return { level: 'warning', text: text.browser.ignored[decision.because] };
    }
    const ceremony = this.#ceremony;
    if (decision.kind !== 'redeem' || ceremony === undefined) return undefined;
    let answer: FlowResponse | undefined;
    try {
      answer = await ceremony.answer(decision.initCode, decision.callback);
    } catch (error) {
      // The check failed unexpectedly: the sign-in waits on (for the real link, Cancel or the timeout)
      // rather than stay in its check, where every later link would be for nothing.
      this.#dispatch({ type: 'not-yet' });
      throw error;
    }
    if (answer === undefined) {
      // A stale or foreign link. The real one may still come.
      this.#dispatch({ type: 'not-yet' });
      return { level: 'warning', text: text.browser.ignored['not-finished'] };
    }
    this.#dispatch({ type: 'redeemed' });
    this.#clearTimer();
    this.#end(answer);
    return undefined;
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
    this.#ceremony = undefined;
    for (const resolve of this.#waiters.splice(0)) resolve(response);
  }
}

/** The window's buttons while a sign-in waits in the browser. */
export type BrowserAction = 'reopen' | 'cancel';

/**
 * What every journey that continues in the browser (social sign-in, the passkey ceremony) answers the same
 * way: the link back, the window's buttons and the end of the wait all go to its one `BrowserSignIn`.
 */
export abstract class BrowserJourney {
  protected readonly browser: BrowserSignIn;

  protected constructor(deps: BrowserSignInDeps) {
    this.browser = new BrowserSignIn(deps);
  }

  /** A link back arrived (deep link or loopback): a note for the window when it was ignored. */
  callback(callback: AuthCallback): Promise<Notice | undefined> {
    return this.browser.callback(callback);
  }

  /** "Open the browser again" / "Cancel" while a sign-in waits: whether there was one to act on. */
  action(flowId: string, action: BrowserAction): Promise<boolean> {
    return action === 'cancel' ? this.browser.cancel(flowId) : this.browser.reopen(flowId);
  }

  /** Ends any wait (the endpoint is switched or the app quits). */
  dispose(): void {
    this.browser.dispose();
  }
}

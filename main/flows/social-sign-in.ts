/**
 * Social sign-in, the journey that continues in the system browser (RFC 8252's shape; docs/protocol.md):
 * 1. login and registration flows are created with an exchange code and the app's return URL
 *    (`createWithExchange`); the code stays in main with the flow (`withExchangeCode`);
 * 2. a provider button answers 422 `browser_location_change_required`: the provider's page opens in the
 *    browser and the submit waits (`continueInBrowser`, through browser-sign-in.ts);
 * 3. the browser comes back with a code, redeemed at `GET /sessions/token-exchange`, or without one, when
 *    Kratos ended the sign-in in a flow (`flowAfterCallback`); either ends in the flow service's steps
 *    (`finish`): signed in or registered as after a password, the flow with Kratos's message, or the form
 *    again after "Cancel" (`showAgain`).
 * The service hands it its steps (journey.ts) once; it calls nothing else of the service.
 */
import type {
  AnyFlow,
  LoginFlow,
  RegistrationFlow,
  Session,
  SuccessfulNativeLogin,
} from '../../shared/kratos-wire';
import type { FlowResponse } from '../../shared/ipc-contract';
import { randomBytes } from 'node:crypto';
import { returnToWithNonce, type AuthCallback } from '../policy/deep-link';
import type { ExchangeOptions, KratosApi } from '../kratos/api';
import type { KratosResult } from '../kratos/result';
import type { Timers } from '../session/timers';
import { BrowserJourney } from './browser-sign-in';
import { returnUrlRefusedText } from '../kratos/error-messages';
import type { FlowEntry } from './flow-memory';
import type { FlowSteps, LoginEntry } from './journey';
import { text } from '../strings';
import { kratosMessages } from '../../shared/kratos-messages';

/** What Kratos answered for the browser's way back: the exchange's session, or a flow with its message. */
export type ExchangeResult = KratosResult<SuccessfulNativeLogin, LoginFlow | RegistrationFlow>;

export interface SocialSignInDeps {
  api: Pick<KratosApi, 'exchangeSessionToken' | 'getLoginFlow' | 'baseUrl'>;
  steps: FlowSteps;
  /** Which flows are remembered, with their exchange codes. */
  entryOf: (flowId: string) => FlowEntry | undefined;
  forget: (flowId: string) => void;
  /** Where Kratos sends the browser back (`return_to`): the app's deep link, or the terminal's loopback URL. */
  returnTo: string;
  openExternal: (url: string) => Promise<void>;
  timers: Timers;
  now: () => number;
}

export class SocialSignIn extends BrowserJourney {
  readonly #deps: SocialSignInDeps;
  /**
   * Asked for with every flow created without a session. A server whose `selfservice.allowed_return_urls`
   * lacks the return URL refuses to create such a flow at all, so after its first refusal flows are created
   * without (sign-in by password and code still works) and a provider button says what the operator would add.
   */
  #exchange: ExchangeOptions | undefined;

  constructor(deps: SocialSignInDeps) {
    const { openExternal, timers, now } = deps;
    super({ openExternal, timers, now, endpointUrl: deps.api.baseUrl });
    this.#deps = deps;
    this.#exchange = { returnTo: deps.returnTo };
  }

  /**
   * Creates a flow with an exchange code, or without once the server refused the return URL. Its
   * `return_to` carries a random value of its own (`nonce`), which every link back must carry.
   */
  async createWithExchange(
    create: (exchange: ExchangeOptions | undefined) => Promise<KratosResult<AnyFlow>>,
  ): Promise<{ result: KratosResult<AnyFlow>; nonce?: string }> {
    if (this.#exchange === undefined) return { result: await create(undefined) };
    const nonce = randomBytes(24).toString('base64url');
    const result = await create({ returnTo: returnToWithNonce(this.#exchange.returnTo, nonce) });
    if (result.kind !== 'error' || result.error.id !== 'self_service_flow_return_to_forbidden') {
      return { result, nonce };
    }
    this.#exchange = undefined;
    return { result: await create(undefined) };
  }

  /**
   * A provider button answered 422 `browser_location_change_required`: the sign-in continues in the system
   * browser (only for a flow that has an exchange code). Resolves when the browser part ends.
   */
  continueInBrowser(
    flowId: string,
    entry: FlowEntry,
    result: Extract<KratosResult<unknown>, { kind: 'error' }>,
  ): Promise<FlowResponse> {
    const code = hasExchangeCode(entry) ? entry.exchangeCode : undefined;
    const nonce = hasExchangeCode(entry) ? entry.nonce : undefined;
    if (code === undefined || nonce === undefined || result.redirectBrowserTo === undefined) {
      return Promise.resolve({
        kind: 'error',
        message:
          this.#exchange === undefined ? returnUrlRefusedText(this.#deps.returnTo) : text.flows.notInBrowser,
        errorId: result.error.id,
      });
    }
    return this.browser.begin({
      flowId,
      nonce,
      initCode: code,
      browserUrl: result.redirectBrowserTo,
      answer: async (initCode, callback) => {
        const redeemed = await this.#redeem(flowId, initCode, callback);
        return redeemed === undefined ? undefined : this.#finish(flowId, redeemed);
      },
      cancelled: () => this.#showAgain(flowId),
    });
  }

  /** What the link back means; `undefined` when it does not end this sign-in (keep waiting). */
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

  /** Kratos answered the token exchange: signed in like after a password, or the flow with its message. */
  async #finish(flowId: string, result: ExchangeResult): Promise<FlowResponse> {
    const { steps, entryOf, forget } = this.#deps;
    const entry = entryOf(flowId);
    switch (result.kind) {
      case 'success': {
        forget(flowId);
        // Unlike a login answer, the exchange's session carries the identity even when Kratos requires a
        // second factor (measured, v1.3.1), so it cannot tell the app which step comes next: whoami does.
        const token = result.body.session_token;
        const identity = result.body.session.identity;
        if (entry?.kind === 'registration' && identity) steps.identityCreated(flowId, identity);
        // Kratos signs in whoever the provider vouches for from either screen: an unknown person is
        // registered from the sign-in screen, a known one signed in from the sign-up screen.
        const isNew = createdDuringFlow(result.body.session, entry) ?? entry?.kind === 'registration';
        if (isNew) return steps.registered(token);
        const login: LoginEntry =
          entry?.kind === 'login' ? entry : { kind: 'login', refresh: false, aal: 'aal1' };
        return steps.loggedIn(login, token);
      }
      case 'flow': {
        // The provider refused or a hook failed (the same flow with Kratos's message; it keeps its exchange
        // code for another try), or an existing account is to be linked: a new login flow (1010016), to
        // which Kratos moved the exchange code.
        const flow = result.flow;
        if (flow.id === flowId && entry !== undefined) return steps.rememberAndShow(entry, flow);
        // Kratos copied the first flow's return_to, `s` value included, to the new one (measured).
        const { exchangeCode, nonce } = entry !== undefined && hasExchangeCode(entry) ? entry : {};
        return steps.rememberAndShow(
          { kind: 'login', refresh: false, aal: 'aal1', exchangeCode, nonce },
          flow,
        );
      }
      case 'expired':
        return steps.open(
          entry === undefined ? { kind: 'login', refresh: false, aal: 'aal1' } : withoutCode(entry),
        );
      case 'unreachable':
        return { kind: 'error', message: result.message };
      case 'error':
        return steps.kratosError(result);
    }
  }

  /**
   * The browser came back without a code. Measured on Kratos v1.3.1: a failed sign-in (consent denied, the
   * provider's or a hook's error) sends the bare callback after writing its message into the flow, and an
   * email that belongs to an existing account sends `?flow=<id>` of a new login flow that links the provider
   * after a sign-in (message 1010016). Either is believed only when Kratos's flow says so — any web page can
   * open such a link — else the wait goes on (`undefined`).
   */
  async #flowAfterCallback(
    flowId: string,
    callback: Exclude<AuthCallback, { kind: 'code' }>,
  ): Promise<ExchangeResult | undefined> {
    const { api, steps, entryOf } = this.#deps;
    if (callback.kind === 'failed') {
      const entry = entryOf(flowId);
      const fetched = entry === undefined ? undefined : await steps.fetchFlow(entry.kind, flowId);
      if (fetched?.kind !== 'success') return fetched?.kind === 'expired' ? fetched : undefined;
      const failed = fetched.body.ui.messages?.some((message) => message.type === 'error') === true;
      return failed
        ? { kind: 'flow', status: 200, flow: fetched.body as LoginFlow | RegistrationFlow }
        : undefined;
    }
    // The passkey page's answer is not a provider's way back (passkey-ceremony.ts takes it).
    if (callback.kind === 'passkey') return undefined;
    const linking = await api.getLoginFlow(callback.flowId);
    const returnTo = returnToWithNonce(this.#deps.returnTo, callback.nonce);
    if (linking.kind !== 'success' || !isAccountLinking(linking.body, returnTo)) return undefined;
    return { kind: 'flow', status: 200, flow: linking.body };
  }

  /** After "Cancel": the form as it is now (Kratos may have changed it meanwhile). */
  async #showAgain(flowId: string): Promise<FlowResponse> {
    const { steps, entryOf } = this.#deps;
    const entry = entryOf(flowId);
    if (entry === undefined) return { kind: 'error', message: text.browser.cancelled };
    const fetched = await steps.fetchFlow(entry.kind, flowId);
    if (fetched?.kind === 'success') return steps.rememberAndShow(entry, fetched.body);
    if (fetched?.kind === 'expired') return steps.open(withoutCode(entry));
    return { kind: 'error', message: text.browser.cancelled };
  }
}

/**
 * The exchange code a flow was created with (only in its creation response), kept with its entry, and when
 * Kratos issued the flow (to tell, after the exchange, whether the account is new).
 */
export function withExchangeCode(entry: FlowEntry, flow: AnyFlow, nonce: string | undefined): FlowEntry {
  const code = (flow as { session_token_exchange_code?: unknown }).session_token_exchange_code;
  if (typeof code !== 'string' || code === '' || nonce === undefined) return entry;
  if (entry.kind === 'login' || entry.kind === 'registration') {
    return { ...entry, exchangeCode: code, issuedAt: flow.issued_at, nonce };
  }
  return entry;
}

/** The entry for a new flow of the same kind, which brings its own code. */
export function withoutCode(entry: FlowEntry): FlowEntry {
  if (entry.kind !== 'login' && entry.kind !== 'registration') return entry;
  const { exchangeCode: _code, issuedAt: _issued, nonce: _nonce, ...rest } = entry;
  return rest;
}

export function hasExchangeCode(entry: FlowEntry): entry is Extract<FlowEntry, { exchangeCode?: string }> & {
  exchangeCode: string;
} {
  return 'exchangeCode' in entry && entry.exchangeCode !== undefined;
}

/**
 * Whether the exchange's identity came into being during this sign-in: created no earlier than Kratos
 * issued the flow (both times are Kratos's own clock). The exchange answer says nothing else about it, and
 * asking would cost a request. `undefined` when either time is missing or unreadable.
 */
function createdDuringFlow(session: Session | undefined, entry: FlowEntry | undefined): boolean | undefined {
  const created = Date.parse(session?.identity?.created_at ?? '');
  const issued = Date.parse(entry !== undefined && 'issuedAt' in entry ? (entry.issuedAt ?? '') : '');
  return Number.isNaN(created) || Number.isNaN(issued) ? undefined : created >= issued;
}

/**
 * Kratos's account-linking login flow: an API flow back to this sign-in (its `return_to`, the client's own
 * return URL with this sign-in's value: the terminal's loopback URL for the terminal), asking the person to
 * sign in to the existing account first (1010016). Another page could send the id of some other login flow
 * of the server, made with a `return_to` of its choosing (issue 21: the window's URL was required of every
 * client, so the terminal refused its own genuine link and accepted an attacker's).
 */
function isAccountLinking(flow: LoginFlow, returnTo: string): boolean {
  return (
    flow.type === 'api' &&
    flow.return_to === returnTo &&
    (flow.ui.messages ?? []).some((message) => message.id === kratosMessages.loginLinkMessage.id)
  );
}

/**
 * Flow orchestration: what the IPC `startFlow` / `submitFlow` handlers call.
 *
 * The renderer only ever says "start a login" or "submit these values to flow X". Everything a native
 * client must know about Kratos happens here, so the person never sees a broken state:
 * - a login that needs a second factor goes straight on to an aal2 login (same token);
 * - a settings change refused because the session is too old starts a re-authentication (`refresh=true`)
 *   and, once it succeeds, sends the same change again: the new password is typed once;
 * - an expired flow (410) is replaced by the flow Kratos prepared (`use_flow_id`), an unknown one (404) by
 *   a new one of the same kind;
 * - tokens from `session_token` or `continue_with` go to the session controller and nowhere else;
 * - a social sign-in button opens the provider in the system browser and waits for the deep link back
 *   (browser-sign-in.ts); login and registration flows created without a session carry the exchange code
 *   this needs, kept in main with the flow;
 * - the identity schema's trait titles are learned from the registration and settings flows shown
 *   (trait-titles.ts), for the session screen.
 */
import type {
  AnyFlow,
  ContinueWith,
  Identity,
  LoginFlow,
  RegistrationFlow,
  Session,
  SettingsFlow,
} from '../../shared/kratos-wire';
import type {
  ActionResponse,
  FlowKind,
  FlowResponse,
  FlowValues,
  FlowView,
  Notice,
  StartFlowRequest,
  SubmitFlowRequest,
  TraitTitle,
} from '../../shared/ipc-contract';
import { authCallbackUrl, type AuthCallback } from '../policy/deep-link';
import type { ExchangeOptions, KratosApi, SessionToken } from '../kratos/api';
import type { KratosResult, UnreachableReason } from '../kratos/result';
import type { SessionController } from '../session/controller';
import { systemTimers, type Timers } from '../session/timers';
import { BrowserSignIn, type ExchangeResult } from './browser-sign-in';
import { describeKratosError, returnUrlRefusedText } from './error-messages';
import { FlowMemory, type AfterLogin, type FlowEntry } from './flow-memory';
import {
  nextFlowFromContinueWith,
  recoveryFlowNamedBy,
  toFlowView,
  tokenFromContinueWith,
} from './flow-view';
import { traitTitlesIn } from './trait-titles';
import { text } from '../strings';
import { kratosMessages } from '../../shared/kratos-messages';

/** What flows need of the session controller. */
export type SessionPort = Pick<SessionController, 'signedIn' | 'currentToken' | 'check' | 'secondFactorFlow'>;

export interface FlowServiceDeps {
  api: KratosApi;
  session: SessionPort;
  /** Opens a provider's page in the system browser (`shell.openExternal` in the app); none when absent. */
  openExternal?: (url: string) => Promise<void>;
  /**
   * Where Kratos sends the browser back after a social sign-in (`return_to`): the app's deep link by
   * default, a loopback URL for the terminal client.
   */
  returnTo?: string;
  /** Trait titles a flow showed for an identity schema (none kept when absent). */
  learnTitles?: (schemaId: string, titles: TraitTitle[]) => void;
  maxRememberedFlows?: number;
  timers?: Timers;
  now?: () => number;
}

export type BrowserAction = 'reopen' | 'cancel';

export interface FlowService {
  start(request: StartFlowRequest): Promise<FlowResponse>;
  /** A social sign-in submit resolves when the browser part ends (signed in, cancelled, expired...). */
  submit(request: SubmitFlowRequest): Promise<FlowResponse>;
  /** `kratos-desktop://auth/callback…` arrived: a note for the window when it was ignored. */
  browserCallback(callback: AuthCallback): Promise<Notice | undefined>;
  /** "Open the browser again" / "Cancel" while a social sign-in waits. */
  browserAction(flowId: string, action: BrowserAction): Promise<ActionResponse>;
  /** Ends any wait (the endpoint is switched or the app quits). */
  dispose(): void;
}

type LoginEntry = Extract<FlowEntry, { kind: 'login' }>;
type NotSuccess<R> = Exclude<R, { kind: 'success' }>;

/** Unreachable answers after which the flow on screen is still good (unlike a redirect or a malformed answer). */
const formStays: ReadonlySet<UnreachableReason> = new Set([
  'network',
  'timeout',
  'server-error',
  'rate-limited',
]);

const signInFirst = (): FlowResponse => ({ kind: 'error', message: text.flows.signInFirst });

export function createFlowService(deps: FlowServiceDeps): FlowService {
  const { api, session, maxRememberedFlows } = deps;
  const learnTitles = deps.learnTitles ?? (() => undefined);
  const memory = new FlowMemory(maxRememberedFlows);
  const browser = new BrowserSignIn(
    {
      api,
      openExternal: deps.openExternal ?? noBrowser,
      timers: deps.timers ?? systemTimers,
      now: deps.now ?? Date.now,
    },
    (flowId, result) => finishInBrowser(flowId, result),
    (flowId) => showAgain(flowId),
    (flowId, callback) => flowAfterCallback(flowId, callback),
  );
  /**
   * Social sign-in: the flow carries an exchange code and Kratos sends the browser back to the app. A server
   * whose `selfservice.allowed_return_urls` lacks the return URL refuses to create such a flow at all, so
   * after its first refusal flows are created without (sign-in by password and code still works) and a
   * provider button says what the operator would add.
   */
  const returnTo = deps.returnTo ?? authCallbackUrl;
  let exchange: ExchangeOptions | undefined = { returnTo };

  async function createWithExchange(
    create: (exchange: ExchangeOptions | undefined) => Promise<KratosResult<AnyFlow>>,
  ): Promise<KratosResult<AnyFlow>> {
    const asked = exchange;
    const result = await create(asked);
    if (asked === undefined || result.kind !== 'error') return result;
    if (result.error.id !== 'self_service_flow_return_to_forbidden') return result;
    exchange = undefined;
    return create(undefined);
  }

  /**
   * A flow for the window, remembered for its submit. A settings flow names its identity's schema, so its
   * titles are learned now; a registration flow does not (Kratos v1.3.1), so they wait for the identity.
   */
  function show(entry: FlowEntry, flow: AnyFlow): { kind: 'flow'; flow: FlowView } {
    const titles = traitTitlesIn(flow);
    if (entry.kind === 'settings') {
      const schemaId = (flow as SettingsFlow).identity?.schema_id;
      if (typeof schemaId === 'string') learnTitles(schemaId, titles);
    }
    const kept = entry.kind === 'registration' && titles.length > 0 ? { ...entry, titles } : entry;
    memory.remember(flow.id, kept);
    return { kind: 'flow', flow: toFlowView(entry.kind, flow) };
  }

  /** A registration created this identity: the titles its flow showed are its schema's. */
  function learnRegistered(entry: FlowEntry | undefined, identity: Identity | null | undefined): void {
    if (entry?.kind === 'registration' && entry.titles !== undefined && identity?.schema_id !== undefined) {
      learnTitles(identity.schema_id, entry.titles);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Starting flows

  function open(entry: FlowEntry): Promise<FlowResponse> {
    switch (entry.kind) {
      case 'login':
        return openLogin(entry);
      case 'registration':
        return opened(
          entry,
          createWithExchange((exchange) => api.createRegistrationFlow({ exchange })),
        );
      case 'recovery':
        return opened(entry, api.createRecoveryFlow());
      case 'verification':
        return opened(entry, api.createVerificationFlow());
      case 'settings':
        return openSettings();
    }
  }

  async function opened(entry: FlowEntry, pending: Promise<KratosResult<AnyFlow>>): Promise<FlowResponse> {
    const result = await pending;
    return result.kind === 'success'
      ? show(withExchangeCode(entry, result.body), result.body)
      : createFailed(result);
  }

  /**
   * The token a login flow sends, for opening and for submitting alike. Refresh and step-up act on the
   * current session, so Kratos needs its token (`no-session` when there is none); a plain login must not send
   * one (Kratos would answer `session_already_available`).
   */
  function loginToken(entry: LoginEntry): { token: SessionToken | undefined } | 'no-session' {
    if (!entry.refresh && entry.aal !== 'aal2') return { token: undefined };
    const token = session.currentToken();
    return token === null ? 'no-session' : { token };
  }

  async function openLogin(entry: LoginEntry): Promise<FlowResponse> {
    const auth = loginToken(entry);
    if (auth === 'no-session') return signInFirst();
    const { token } = auth;
    if (entry.aal === 'aal2' && !entry.refresh) {
      // The second-factor step has one flow, which the session controller opens to learn the identity's
      // methods; the step-up after a password and the second-factor screen both show it. Whichever asks
      // second must not drop what the first asked to do after it (e.g. open settings after a recovery).
      const prepared = await session.secondFactorFlow();
      if (prepared !== undefined) {
        const earlier = memory.get(prepared.id);
        const after = entry.after ?? (earlier?.kind === 'login' ? earlier.after : undefined);
        return show({ ...entry, after }, prepared);
      }
    }
    const options = {
      ...(entry.refresh ? { refresh: true } : {}),
      ...(entry.aal === 'aal2' ? { aal: 'aal2' as const } : {}),
    };
    return opened(
      entry,
      // Only a flow without a session gets an exchange code (Kratos ignores the request otherwise).
      token === undefined
        ? createWithExchange((exchange) => api.createLoginFlow({ ...options, exchange }))
        : api.createLoginFlow({ ...options, token }),
    );
  }

  async function openSettings(): Promise<FlowResponse> {
    const token = session.currentToken();
    if (token === null) return signInFirst();
    const result = await api.createSettingsFlow(token);
    if (result.kind === 'success') return show({ kind: 'settings' }, result.body);
    if (result.kind === 'error' && result.error.id === 'session_aal2_required') {
      return openLogin({ kind: 'login', refresh: false, aal: 'aal2', after: { type: 'open-settings' } });
    }
    return createFailed(result);
  }

  /** An aal2 login, announced as the next step of something that just finished. */
  async function stepUp(after: AfterLogin | undefined, message: string): Promise<FlowResponse> {
    const response = await openLogin({ kind: 'login', refresh: false, aal: 'aal2', after });
    return response.kind === 'flow' ? { kind: 'done', message, next: response.flow } : response;
  }

  async function createFailed(result: NotSuccess<KratosResult<AnyFlow>>): Promise<FlowResponse> {
    if (result.kind === 'unreachable') return { kind: 'error', message: result.message };
    if (result.kind !== 'error') return { kind: 'error', message: text.kratosErrors.unexpected };
    if (result.error.id === 'session_already_available') return alreadySignedIn();
    return kratosError(result);
  }

  async function alreadySignedIn(): Promise<FlowResponse> {
    const view = await session.check();
    if (view.status === 'second-factor-required') {
      return stepUp(undefined, text.flows.completeSecondFactor);
    }
    return { kind: 'done', message: text.flows.alreadySignedIn };
  }

  async function kratosError(
    result: Extract<KratosResult<unknown>, { kind: 'error' }>,
  ): Promise<FlowResponse> {
    // 401: the session ended on the server. whoami moves the state to signed-out (and deletes the token).
    if (result.status === 401) await session.check();
    return { kind: 'error', message: describeKratosError(result.error), errorId: result.error.id };
  }

  // ---------------------------------------------------------------------------------------------------------
  // Submitting

  async function submitFailed(
    entry: FlowEntry,
    result: NotSuccess<KratosResult<unknown, AnyFlow>>,
    retry?: AfterLogin,
  ): Promise<FlowResponse> {
    switch (result.kind) {
      case 'flow':
        // Validation messages (wrong password, missing field...) are in the flow; the renderer shows them.
        return show(entry, result.flow);
      case 'expired':
        return replaceExpired(entry, result.useFlowId);
      case 'unreachable':
        // Nothing is known about the session, so nothing about it changes. Not re-sent here: the values may
        // carry a password or a one-time code, and a server that asked to slow down must not get them again.
        // Where the flow is surely still good, the form stays for the person to send again.
        return formStays.has(result.reason)
          ? { kind: 'not-sent', message: result.message }
          : { kind: 'error', message: result.message };
      case 'error': {
        if (result.status === 404) return open(entry); // flow unknown (e.g. cleaned up): start a new one
        // Too many recovery codes: Kratos made a new flow and names it (verification does so with a 410).
        const named = entry.kind === 'recovery' ? recoveryFlowNamedBy(result.error) : undefined;
        if (named !== undefined) return replaceExpired(entry, named);
        switch (result.error.id) {
          case 'session_already_available':
            return alreadySignedIn();
          case 'session_aal2_required':
            return openLogin({ kind: 'login', refresh: false, aal: 'aal2', after: retry });
          case 'session_refresh_required':
            return openLogin({ kind: 'login', refresh: true, aal: 'aal1', after: retry });
          default:
            return kratosError(result);
        }
      }
    }
  }

  /**
   * Show the replacement flow Kratos created, else a new one: after a 410 (`use_flow_id`, with Kratos's
   * "expired, please try again" — or, after too many codes, "submitted too often") and after too many
   * recovery codes (the flow its 400 names). The values are deliberately NOT re-sent: a one-time code or
   * TOTP entered for the old flow means nothing to the new one, and the person should see the fresh form
   * before their password goes anywhere again. (Only the settings change after a re-authentication is
   * re-sent: there the person has just proven it is them, for exactly that change.)
   */
  async function replaceExpired(entry: FlowEntry, useFlowId: string | undefined): Promise<FlowResponse> {
    const replacement = useFlowId === undefined ? undefined : await fetchFlow(entry.kind, useFlowId);
    if (replacement?.kind !== 'success') return open(withoutCode(entry));
    if (!hasExchangeCode(entry)) return show(entry, replacement.body);
    // The replacement carries no exchange code (Kratos hands one out only when a flow is created), so a
    // social sign-in could not finish on it: a new flow brings its own, and shows the replacement's
    // messages (Kratos's "expired, please try again", 4010001/4040001) so the person learns why.
    const fresh = await open(withoutCode(entry));
    if (fresh.kind !== 'flow') return fresh;
    const messages = [...(replacement.body.ui.messages ?? []), ...(fresh.flow.ui.messages ?? [])];
    return { kind: 'flow', flow: { ...fresh.flow, ui: { ...fresh.flow.ui, messages } } };
  }

  async function fetchFlow(kind: FlowKind, id: string): Promise<KratosResult<AnyFlow> | undefined> {
    switch (kind) {
      case 'login':
        return api.getLoginFlow(id);
      case 'registration':
        return api.getRegistrationFlow(id);
      case 'recovery':
        return api.getRecoveryFlow(id);
      case 'verification':
        return api.getVerificationFlow(id);
      case 'settings': {
        const token = session.currentToken();
        return token === null ? undefined : api.getSettingsFlow(id, token);
      }
    }
  }

  /** `done`, continuing with the flow `continue_with` names (verification after sign-up, settings after recovery). */
  async function finished(
    message: string,
    continueWith: ContinueWith[] | null | undefined,
  ): Promise<FlowResponse> {
    const next = nextFlowFromContinueWith(continueWith);
    const fetched = next === undefined ? undefined : await fetchFlow(next.kind, next.id);
    if (next === undefined || fetched?.kind !== 'success') return { kind: 'done', message };
    return { kind: 'done', message, next: show({ kind: next.kind }, fetched.body).flow };
  }

  async function submitLogin(flowId: string, entry: LoginEntry, values: FlowValues): Promise<FlowResponse> {
    const auth = loginToken(entry);
    if (auth === 'no-session') return signInFirst();
    const { token } = auth;
    const result = await api.submitLoginFlow(flowId, values, token);
    const social = continueInBrowser(flowId, entry, result);
    if (social) return social;
    if (result.kind !== 'success') return submitFailed(entry, result);
    memory.forget(flowId);
    // Refresh and step-up keep the same session and token; Kratos sends it again, but fall back to ours.
    const { session_token, session: newSession, continue_with } = result.body;
    return loggedIn(entry, session_token ?? token, newSession, continue_with);
  }

  /** `newSession`: Kratos's answer, trusted for the AAL (absent: whoami decides). */
  async function loggedIn(
    entry: LoginEntry,
    token: SessionToken | undefined,
    newSession: Session | undefined,
    continueWith: ContinueWith[] | null | undefined,
  ): Promise<FlowResponse> {
    if (token === undefined) return { kind: 'error', message: text.flows.noToken };
    const view = await session.signedIn(token, newSession);
    if (view.status === 'second-factor-required') {
      return stepUp(entry.after, text.flows.firstStepDone);
    }
    switch (entry.after?.type) {
      case 'resubmit-settings':
        return submitSettings(entry.after.flowId, entry.after.values);
      case 'open-settings': {
        const settings = await openSettings();
        return settings.kind === 'flow' ? { kind: 'done', next: settings.flow } : settings;
      }
      case undefined:
        return finished(
          entry.refresh
            ? text.flows.reauthenticated
            : entry.aal === 'aal2'
              ? text.flows.secondFactorAccepted
              : text.flows.signedIn,
          continueWith,
        );
    }
  }

  async function submitRegistration(flowId: string, values: FlowValues): Promise<FlowResponse> {
    const entry = memory.get(flowId) ?? { kind: 'registration' };
    const result = await api.submitRegistrationFlow(flowId, values);
    const social = continueInBrowser(flowId, entry, result);
    if (social) return social;
    if (result.kind !== 'success') return submitFailed(entry, result);
    memory.forget(flowId);
    const { session_token, session: newSession, continue_with, identity } = result.body;
    learnRegistered(entry, identity);
    return registered(session_token ?? tokenFromContinueWith(continue_with), newSession, continue_with);
  }

  async function registered(
    token: SessionToken | undefined,
    newSession: Session | undefined,
    continueWith: ContinueWith[] | null | undefined,
  ): Promise<FlowResponse> {
    // Without Kratos's `session` hook after registration there is no token: the account exists, sign in.
    if (token === undefined) return finished(text.flows.createdSignIn, continueWith);
    const view = await session.signedIn(token, newSession);
    if (view.status === 'second-factor-required') {
      return stepUp(undefined, text.flows.createdSecondFactor);
    }
    return finished(text.flows.created, continueWith);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Social sign-in through the system browser

  /**
   * A provider button answered 422 `browser_location_change_required`: the sign-in continues in the system
   * browser (only for a flow that has an exchange code; the wait ends in `finishInBrowser`). `undefined`
   * when the answer is anything else.
   */
  function continueInBrowser(
    flowId: string,
    entry: FlowEntry,
    result: KratosResult<unknown, AnyFlow>,
  ): Promise<FlowResponse> | undefined {
    if (result.kind !== 'error' || result.error.id !== 'browser_location_change_required') return undefined;
    const code = 'exchangeCode' in entry ? entry.exchangeCode : undefined;
    if (code === undefined || result.redirectBrowserTo === undefined) {
      return Promise.resolve({
        kind: 'error',
        message: exchange === undefined ? returnUrlRefusedText(returnTo) : text.flows.notInBrowser,
        errorId: result.error.id,
      });
    }
    return browser.begin(flowId, code, result.redirectBrowserTo);
  }

  /** Kratos answered the token exchange: signed in like after a password, or the flow with its message. */
  async function finishInBrowser(flowId: string, result: ExchangeResult): Promise<FlowResponse> {
    const entry = memory.get(flowId);
    switch (result.kind) {
      case 'success': {
        memory.forget(flowId);
        // Unlike a login answer, the exchange's session carries the identity even when Kratos requires a
        // second factor (measured, v1.3.1), so it cannot tell the app which step comes next: whoami does.
        const token = result.body.session_token;
        learnRegistered(entry, result.body.session.identity);
        // Kratos signs in whoever the provider vouches for from either screen: an unknown person is
        // registered from the sign-in screen, a known one signed in from the sign-up screen.
        const isNew = createdDuringFlow(result.body.session, entry) ?? entry?.kind === 'registration';
        if (isNew) return registered(token, undefined, undefined);
        const login: LoginEntry =
          entry?.kind === 'login' ? entry : { kind: 'login', refresh: false, aal: 'aal1' };
        return loggedIn(login, token, undefined, undefined);
      }
      case 'flow': {
        // The provider refused or a hook failed (the same flow with Kratos's message; it keeps its exchange
        // code for another try), or an existing account is to be linked: a new login flow (1010016), to
        // which Kratos moved the exchange code.
        const flow = result.flow;
        if (flow.id === flowId && entry !== undefined) return show(entry, flow);
        const exchangeCode = entry !== undefined && hasExchangeCode(entry) ? entry.exchangeCode : undefined;
        return show({ kind: 'login', refresh: false, aal: 'aal1', exchangeCode }, flow);
      }
      case 'expired':
        return open(
          entry === undefined ? { kind: 'login', refresh: false, aal: 'aal1' } : withoutCode(entry),
        );
      case 'unreachable':
        return { kind: 'error', message: result.message };
      case 'error':
        return kratosError(result);
    }
  }

  /**
   * The browser came back without a code. Measured on Kratos v1.3.1: a failed sign-in (consent denied, the
   * provider's or a hook's error) sends the bare callback after writing its message into the flow, and an
   * email that belongs to an existing account sends `?flow=<id>` of a new login flow that links the provider
   * after a sign-in (message 1010016). Either is believed only when Kratos's flow says so — any web page can
   * open such a link — else the wait goes on (`undefined`).
   */
  async function flowAfterCallback(
    flowId: string,
    callback: Exclude<AuthCallback, { kind: 'code' }>,
  ): Promise<ExchangeResult | undefined> {
    if (callback.kind === 'failed') {
      const entry = memory.get(flowId);
      const fetched = entry === undefined ? undefined : await fetchFlow(entry.kind, flowId);
      if (fetched?.kind !== 'success') return fetched?.kind === 'expired' ? fetched : undefined;
      const failed = fetched.body.ui.messages?.some((message) => message.type === 'error') === true;
      return failed
        ? { kind: 'flow', status: 200, flow: fetched.body as LoginFlow | RegistrationFlow }
        : undefined;
    }
    const linking = await api.getLoginFlow(callback.flowId);
    if (linking.kind !== 'success' || !isAccountLinking(linking.body)) return undefined;
    return { kind: 'flow', status: 200, flow: linking.body };
  }

  /** After "Cancel": the form as it is now (Kratos may have changed it meanwhile). */
  async function showAgain(flowId: string): Promise<FlowResponse> {
    const entry = memory.get(flowId);
    if (entry === undefined) return { kind: 'error', message: text.browser.cancelled };
    const fetched = await fetchFlow(entry.kind, flowId);
    if (fetched?.kind === 'success') return show(entry, fetched.body);
    if (fetched?.kind === 'expired') return open(withoutCode(entry));
    return { kind: 'error', message: text.browser.cancelled };
  }

  async function submitSettings(flowId: string, values: FlowValues): Promise<FlowResponse> {
    const entry: FlowEntry = { kind: 'settings' };
    const token = session.currentToken();
    if (token === null) return signInFirst();
    const result = await api.submitSettingsFlow(flowId, values, token);
    if (result.kind === 'error' && result.error.id === 'browser_location_change_required') {
      // Linking a provider finishes in a browser that is signed in to Kratos; this app has no such browser.
      return { kind: 'error', message: text.flows.settingsNeedBrowser, errorId: result.error.id };
    }
    // Kept with the login it may start, so that change can be re-sent once the login succeeds.
    if (result.kind !== 'success')
      return submitFailed(entry, result, { type: 'resubmit-settings', flowId, values });
    // A new second factor or changed traits change the session (AAL, methods, addresses): fetch it.
    await session.check();
    // E.g. a changed email address: Kratos sent a verification code and says which flow to show.
    if (nextFlowFromContinueWith(result.body.continue_with) !== undefined) {
      return finished(text.flows.saved, result.body.continue_with);
    }
    return show(entry, result.body);
  }

  async function submitRecovery(flowId: string, values: FlowValues): Promise<FlowResponse> {
    const entry: FlowEntry = { kind: 'recovery' };
    const result = await api.submitRecoveryFlow(flowId, values);
    if (result.kind === 'error' && result.error.id === 'browser_location_change_required') {
      return { kind: 'error', message: text.flows.recoveryNeedsTransitions, errorId: result.error.id };
    }
    if (result.kind !== 'success') return submitFailed(entry, result);
    const token = tokenFromContinueWith(result.body.continue_with);
    if (token === undefined) return show(entry, result.body); // code sent, or a wrong code (message in the flow)
    memory.forget(flowId);
    const view = await session.signedIn(token);
    if (view.status === 'second-factor-required') {
      return stepUp({ type: 'open-settings' }, text.flows.recoveredSecondFactor);
    }
    return finished(text.flows.recovered, result.body.continue_with);
  }

  async function submitVerification(flowId: string, values: FlowValues): Promise<FlowResponse> {
    const entry: FlowEntry = { kind: 'verification' };
    const result = await api.submitVerificationFlow(flowId, values);
    if (result.kind !== 'success') return submitFailed(entry, result);
    if (String(result.body.state) !== 'passed_challenge') return show(entry, result.body);
    memory.forget(flowId);
    // The identity's addresses changed; the signed-in view shows them.
    if (session.currentToken() !== null) await session.check();
    return { kind: 'done', message: text.flows.verified };
  }

  return {
    start(request) {
      if (request.kind === 'login') {
        return openLogin({ kind: 'login', refresh: request.refresh ?? false, aal: request.aal ?? 'aal1' });
      }
      return open({ kind: request.kind });
    },

    async submit({ flowId, values }) {
      const entry = memory.get(flowId);
      if (entry === undefined) {
        return { kind: 'error', message: text.flows.notOpen };
      }
      switch (entry.kind) {
        case 'login':
          return submitLogin(flowId, entry, values);
        case 'registration':
          return submitRegistration(flowId, values);
        case 'settings':
          return submitSettings(flowId, values);
        case 'recovery':
          return submitRecovery(flowId, values);
        case 'verification':
          return submitVerification(flowId, values);
      }
    },

    browserCallback: (callback) => browser.callback(callback),

    async browserAction(flowId, action) {
      const done = action === 'cancel' ? await browser.cancel(flowId) : await browser.reopen(flowId);
      if (done) return { kind: 'ok' };
      return {
        kind: 'error',
        message: action === 'cancel' ? text.flows.nothingToCancel : text.flows.nothingToContinue,
      };
    },

    dispose: () => browser.dispose(),
  };
}

async function noBrowser(): Promise<void> {
  throw new Error('no system browser configured');
}

/**
 * The exchange code a flow was created with (only in its creation response), kept with its entry, and when
 * Kratos issued the flow (to tell, after the exchange, whether the account is new).
 */
function withExchangeCode(entry: FlowEntry, flow: AnyFlow): FlowEntry {
  const code = (flow as { session_token_exchange_code?: unknown }).session_token_exchange_code;
  if (typeof code !== 'string' || code === '') return entry;
  if (entry.kind === 'login' || entry.kind === 'registration') {
    return { ...entry, exchangeCode: code, issuedAt: flow.issued_at };
  }
  return entry;
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

function hasExchangeCode(entry: FlowEntry): entry is Extract<FlowEntry, { exchangeCode?: string }> & {
  exchangeCode: string;
} {
  return 'exchangeCode' in entry && entry.exchangeCode !== undefined;
}

/**
 * Kratos's account-linking login flow: an API flow back to this app, asking the person to sign in to the
 * existing account first (1010016). Another page could send the id of some other login flow of the server.
 */
function isAccountLinking(flow: LoginFlow): boolean {
  return (
    flow.type === 'api' &&
    flow.return_to === authCallbackUrl &&
    (flow.ui.messages ?? []).some((message) => message.id === kratosMessages.loginLinkMessage.id)
  );
}

/** The entry for a new flow of the same kind, which brings its own code. */
function withoutCode(entry: FlowEntry): FlowEntry {
  if (entry.kind !== 'login' && entry.kind !== 'registration') return entry;
  const { exchangeCode: _code, issuedAt: _issued, ...rest } = entry;
  return rest;
}

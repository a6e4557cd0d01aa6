/**
 * Flow orchestration: what the IPC `startFlow` / `submitFlow` handlers call.
 *
 * The renderer only ever says "start a login" or "submit these values to flow X". Everything a native
 * client must know about Kratos happens here, so the person never sees a broken state:
 * - a login that needs a second factor goes straight on to an aal2 login (same token);
 * - a settings change refused because the session is too old starts a re-authentication (`refresh=true`)
 *   and, once it succeeds, sends the same change again: the new password is typed once; adding a passkey
 *   asks for that re-authentication before its ceremony when the session is judged too old
 *   (privileged-age.ts), and the window then presses "Add passkey" again;
 * - an expired flow (410) is replaced by the flow Kratos prepared (`use_flow_id`), an unknown one (404) by
 *   a new one of the same kind;
 * - tokens from `session_token` or `continue_with` go to the session controller and nowhere else;
 * - a social sign-in continues in the system browser: its own journey (social-sign-in.ts), which ends in
 *   this service's steps (journey.ts) like any other sign-in;
 * - every refusal of a submit is read by its status in one place (`submitFailed`);
 * - observers hear of every flow shown and every identity a registration created (`onFlow`): that is how
 *   the app learns the identity schema's trait titles (trait-titles.ts) without this service knowing.
 */
import type { AnyFlow, ContinueWith, Session } from '../../shared/kratos-wire';
import type {
  ActionResponse,
  FlowKind,
  FlowResponse,
  FlowValues,
  FlowView,
  Notice,
  StartFlowRequest,
  SubmitFlowRequest,
} from '../../shared/ipc-contract';
import { authCallbackUrl, type AuthCallback } from '../policy/deep-link';
import type { ExchangeOptions, KratosApi, SessionToken } from '../kratos/api';
import type { KratosResult, UnreachableReason } from '../kratos/result';
import type { SessionController } from '../session/controller';
import { systemTimers, type Timers } from '../session/timers';
import { describeKratosError } from '../kratos/error-messages';
import { FlowMemory, type AfterLogin, type FlowEntry } from './flow-memory';
import { flowNamedBy, nextFlowFromContinueWith, toFlowView, tokenFromContinueWith } from './flow-view';
import type { FlowSteps, LoginEntry } from './journey';
import { SocialSignIn, hasExchangeCode, withExchangeCode, withoutCode } from './social-sign-in';
import type { BrowserAction } from './browser-sign-in';
import type { FlowEvent, FlowObserver } from './flow-events';
import { PasskeyCeremony, isPasskeyPress, passkeyNodesOf } from './passkey-ceremony';
import { PASSKEY_RETURN_URL } from './passkey-request';
import type { PasskeyPage } from './passkey-page';
import { signedInIdentifier, withIdentifier } from './remembered-identifier';
import { PrivilegedAge } from './privileged-age';
import { parseTime } from '../session/time';
import { text } from '../strings';

/** What flows need of the session controller. */
type SessionPort = Pick<
  SessionController,
  'signedIn' | 'currentToken' | 'check' | 'secondFactorFlow' | 'view'
>;

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
  /**
   * The passkey page of the server in use (docs/passkeys.md); passkey buttons explain its absence (none given:
   * a development run's setting).
   */
  passkeyPage?: PasskeyPage;
  /** Where the passkey page hands back: the app's deep link by default, the terminal's loopback URL. */
  passkeyReturnTo?: string;
  /**
   * The identifier last signed in with on this server (remembered-identifier.ts): a new sign-in form starts
   * with it. None when absent.
   */
  lastIdentifier?: () => string | undefined;
  /**
   * The server's `privileged_session_max_age`, when the operator says it (`privilegedSessionMaxAge` in the
   * operator's configuration, for its own server: privileged-age.ts); else Kratos's default, tightened by the
   * server's own refusals.
   */
  privilegedSessionMaxAgeMs?: number;
  maxRememberedFlows?: number;
  timers?: Timers;
  now?: () => number;
}

export interface FlowService {
  start(request: StartFlowRequest): Promise<FlowResponse>;
  /** A social sign-in submit resolves when the browser part ends (signed in, cancelled, expired...). */
  submit(request: SubmitFlowRequest): Promise<FlowResponse>;
  /** `kratos-desktop://auth/callback…` arrived: a note for the window when it was ignored. */
  browserCallback(callback: AuthCallback): Promise<Notice | undefined>;
  /** "Open the browser again" / "Cancel" while a social sign-in waits. */
  browserAction(flowId: string, action: BrowserAction): Promise<ActionResponse>;
  /** Tells `observer` of every flow shown and identity registered from now on. Returns the unsubscribe. */
  onFlow(observer: FlowObserver): () => void;
  /** Ends any wait (the endpoint is switched or the app quits). */
  dispose(): void;
}

type NotSuccess<R> = Exclude<R, { kind: 'success' }>;

/** Unreachable answers after which the flow on screen is still good (unlike a redirect or a malformed answer). */
const formStays: ReadonlySet<UnreachableReason> = new Set([
  'network',
  'timeout',
  'server-error',
  'rate-limited',
]);

const signInFirst = (): FlowResponse => ({ kind: 'error', message: text.flows.signInFirst });

/** `createFlowService`'s service: one method per step, the journeys that leave the form in their own modules. */
class Flows implements FlowService {
  readonly #api: KratosApi;
  readonly #session: SessionPort;
  readonly #observers = new Set<FlowObserver>();
  readonly #memory: FlowMemory;
  readonly #social: SocialSignIn;
  readonly #passkey: PasskeyCeremony;
  readonly #lastIdentifier: () => string | undefined;
  readonly #privilegedAge: PrivilegedAge;
  readonly #now: () => number;
  /** The settings flow whose "Add passkey" the person was just confirmed for: pressed again, it goes ahead. */
  #confirmedFor: string | undefined;

  constructor(deps: FlowServiceDeps) {
    this.#api = deps.api;
    this.#privilegedAge = new PrivilegedAge(deps.privilegedSessionMaxAgeMs);
    this.#now = deps.now ?? Date.now;
    this.#session = deps.session;
    this.#lastIdentifier = deps.lastIdentifier ?? (() => undefined);
    this.#memory = new FlowMemory(deps.maxRememberedFlows);
    const steps: FlowSteps = {
      rememberAndShow: (entry, flow) => this.#rememberAndShow(entry, flow),
      open: (entry) => this.#open(entry),
      fetchFlow: (kind, id) => this.#fetchFlow(kind, id),
      loggedIn: (entry, token, session, continueWith) => this.#loggedIn(entry, token, session, continueWith),
      registered: (token, session, continueWith) => this.#registered(token, session, continueWith),
      identityCreated: (flowId, identity) => this.#tell({ type: 'registered', flowId, identity }),
      kratosError: (result) => this.#kratosError(result),
    };
    this.#social = new SocialSignIn({
      api: deps.api,
      steps,
      entryOf: (flowId) => this.#memory.get(flowId),
      forget: (flowId) => this.#memory.forget(flowId),
      returnTo: deps.returnTo ?? authCallbackUrl,
      openExternal: deps.openExternal ?? noBrowser,
      timers: deps.timers ?? systemTimers,
      now: deps.now ?? Date.now,
    });
    this.#passkey = new PasskeyCeremony({
      steps,
      submit: (flowId, values) => this.#submitTo(flowId, values),
      reauthenticateFirst: (flowId) => this.#reauthenticateFirst(flowId),
      page: deps.passkeyPage ?? { kind: 'none', setup: 'environment' },
      returnTo: deps.passkeyReturnTo ?? PASSKEY_RETURN_URL,
      endpointUrl: deps.api.baseUrl,
      openExternal: deps.openExternal ?? noBrowser,
      timers: deps.timers ?? systemTimers,
      now: deps.now ?? Date.now,
    });
  }

  start(request: StartFlowRequest): Promise<FlowResponse> {
    if (request.kind === 'login') {
      return this.#openLogin({
        kind: 'login',
        refresh: request.refresh ?? false,
        aal: request.aal ?? 'aal1',
      });
    }
    return this.#open({ kind: request.kind });
  }

  submit({ flowId, values }: SubmitFlowRequest): Promise<FlowResponse> {
    const entry = this.#memory.get(flowId);
    if (entry === undefined) return Promise.resolve({ kind: 'error', message: text.flows.notOpen });
    // A passkey button: the ceremony in the browser first, whose credential is then submitted.
    if (isPasskeyPress(values)) return this.#passkey.begin(flowId, entry, values);
    return this.#submitTo(flowId, values);
  }

  browserCallback(callback: AuthCallback): Promise<Notice | undefined> {
    return callback.kind === 'passkey' ? this.#passkey.callback(callback) : this.#social.callback(callback);
  }

  async browserAction(flowId: string, action: BrowserAction): Promise<ActionResponse> {
    const done = (await this.#social.action(flowId, action)) || (await this.#passkey.action(flowId, action));
    if (done) return { kind: 'ok' };
    return {
      kind: 'error',
      message: action === 'cancel' ? text.flows.nothingToCancel : text.flows.nothingToContinue,
    };
  }

  dispose(): void {
    this.#social.dispose();
    this.#passkey.dispose();
  }

  onFlow(observer: FlowObserver): () => void {
    this.#observers.add(observer);
    return () => this.#observers.delete(observer);
  }

  #tell(event: FlowEvent): void {
    for (const observer of this.#observers) observer(event);
  }

  /** Puts `flow` on screen: remembered for its submit (observers hear of it), answered as the window's view. */
  #rememberAndShow(entry: FlowEntry, flow: AnyFlow): { kind: 'flow'; flow: FlowView } {
    const view = this.#viewOf(entry, flow);
    // A settings form is kept as shown, to hand back when a re-authentication came before "Add passkey".
    this.#remember(entry.kind === 'settings' ? { ...entry, shown: view } : entry, flow);
    return { kind: 'flow', flow: view };
  }

  /** Keeps `entry` (with the flow's passkey buttons) for the flow's submit, and tells the observers. */
  #remember(entry: FlowEntry, flow: AnyFlow): void {
    const passkeyNodes = passkeyNodesOf(flow.ui.nodes);
    this.#memory.remember(flow.id, passkeyNodes.length > 0 ? { ...entry, passkey: passkeyNodes } : entry);
    this.#tell({ type: 'shown', kind: entry.kind, flow });
  }

  /** What the window gets: the FlowView, a first sign-in's identifier filled in, the change that waits. */
  #viewOf(entry: FlowEntry, flow: AnyFlow): FlowView {
    const view = toFlowView(
      entry.kind,
      isFirstSignIn(entry) ? withIdentifier(flow, this.#lastIdentifier()) : flow,
    );
    const pendingChange = entry.kind === 'login' ? pendingChangeOf(entry.after) : undefined;
    return pendingChange === undefined ? view : { ...view, pendingChange };
  }

  /** When the current session was authenticated (`authenticated_at`, from whoami or a sign-in), if known. */
  #authenticatedAt(): number | undefined {
    const view = this.#session.view();
    return view.status === 'signed-in' ? parseTime(view.session.authenticatedAt) : undefined;
  }

  /**
   * "Add passkey" on an old session: "Confirm it's you" first (a refresh login), so the person's browser holds
   * only the passkeys Kratos knows while it asks for one (docs/passkeys.md#re-authentication-first). Once it
   * succeeds, the window presses "Add passkey" again (`#loggedIn`), which then goes ahead: a clock far off the
   * server's must not ask for the person twice.
   */
  #reauthenticateFirst(flowId: string): Promise<FlowResponse> | undefined {
    const confirmed = this.#confirmedFor === flowId;
    this.#confirmedFor = undefined;
    if (confirmed || !this.#privilegedAge.isPast(this.#authenticatedAt(), this.#now())) return undefined;
    return this.#openLogin({
      kind: 'login',
      refresh: true,
      aal: 'aal1',
      after: { type: 'add-passkey', flowId },
    });
  }

  // ---------------------------------------------------------------------------------------------------------
  // Starting flows

  #open(entry: FlowEntry): Promise<FlowResponse> {
    switch (entry.kind) {
      case 'login':
        return this.#openLogin(entry);
      case 'registration':
        return this.#openedWithExchange(entry, (exchange) => this.#api.createRegistrationFlow({ exchange }));
      case 'recovery':
        return this.#opened(entry, this.#api.createRecoveryFlow());
      case 'verification':
        return this.#opened(entry, this.#api.createVerificationFlow());
      case 'settings':
        return this.#openSettings();
    }
  }

  async #opened(entry: FlowEntry, pending: Promise<KratosResult<AnyFlow>>): Promise<FlowResponse> {
    const result = await pending;
    return result.kind === 'success' ? this.#rememberAndShow(entry, result.body) : this.#createFailed(result);
  }

  /** A login or registration flow created for a social sign-in too: its exchange code and `s` kept. */
  async #openedWithExchange(
    entry: FlowEntry,
    create: (exchange: ExchangeOptions | undefined) => Promise<KratosResult<AnyFlow>>,
  ): Promise<FlowResponse> {
    const { result, nonce } = await this.#social.createWithExchange(create);
    return result.kind === 'success'
      ? this.#rememberAndShow(withExchangeCode(entry, result.body, nonce), result.body)
      : this.#createFailed(result);
  }

  /**
   * The token a login flow sends, for opening and for submitting alike. Refresh and step-up act on the
   * current session, so Kratos needs its token (`no-session` when there is none); a plain login must not send
   * one (Kratos would answer `session_already_available`).
   */
  #loginToken(entry: LoginEntry): { token: SessionToken | undefined } | 'no-session' {
    if (!entry.refresh && entry.aal !== 'aal2') return { token: undefined };
    const token = this.#session.currentToken();
    return token === null ? 'no-session' : { token };
  }

  async #openLogin(entry: LoginEntry): Promise<FlowResponse> {
    const auth = this.#loginToken(entry);
    if (auth === 'no-session') return signInFirst();
    const { token } = auth;
    if (entry.aal === 'aal2' && !entry.refresh) {
      // The second-factor step has one flow, which the session controller opens to learn the identity's
      // methods; the step-up after a password and the second-factor screen both show it. Whichever asks
      // second must not drop what the first asked to do after it (e.g. open settings after a recovery).
      const prepared = await this.#session.secondFactorFlow();
      if (prepared !== undefined) {
        const earlier = this.#memory.get(prepared.id);
        const after = entry.after ?? (earlier?.kind === 'login' ? earlier.after : undefined);
        return this.#rememberAndShow({ ...entry, after }, prepared);
      }
    }
    const options = {
      ...(entry.refresh ? { refresh: true } : {}),
      ...(entry.aal === 'aal2' ? { aal: 'aal2' as const } : {}),
    };
    // Only a flow without a session gets an exchange code (Kratos ignores the request otherwise).
    return token === undefined
      ? this.#openedWithExchange(entry, (exchange) => this.#api.createLoginFlow({ ...options, exchange }))
      : this.#opened(entry, this.#api.createLoginFlow({ ...options, token }));
  }

  async #openSettings(): Promise<FlowResponse> {
    const token = this.#session.currentToken();
    if (token === null) return signInFirst();
    const result = await this.#api.createSettingsFlow(token);
    if (result.kind === 'success') return this.#rememberAndShow({ kind: 'settings' }, result.body);
    if (result.kind === 'error' && result.error.id === 'session_aal2_required') {
      return this.#openLogin({
        kind: 'login',
        refresh: false,
        aal: 'aal2',
        after: { type: 'open-settings' },
      });
    }
    return this.#createFailed(result);
  }

  /** An aal2 login, announced as the next step of something that just finished. */
  async #stepUp(after: AfterLogin | undefined, message: string): Promise<FlowResponse> {
    const response = await this.#openLogin({ kind: 'login', refresh: false, aal: 'aal2', after });
    return response.kind === 'flow' ? { kind: 'done', message, next: response.flow } : response;
  }

  async #createFailed(result: NotSuccess<KratosResult<AnyFlow>>): Promise<FlowResponse> {
    if (result.kind === 'unreachable') return { kind: 'error', message: result.message };
    if (result.kind !== 'error') return { kind: 'error', message: text.kratosErrors.unexpected };
    if (result.error.id === 'session_already_available') return this.#alreadySignedIn();
    return this.#kratosError(result);
  }

  async #alreadySignedIn(): Promise<FlowResponse> {
    const view = await this.#session.check();
    if (view.status === 'second-factor-required') {
      return this.#stepUp(undefined, text.flows.completeSecondFactor);
    }
    return { kind: 'done', message: text.flows.alreadySignedIn };
  }

  async #kratosError(result: Extract<KratosResult<unknown>, { kind: 'error' }>): Promise<FlowResponse> {
    // 401: the session ended on the server. whoami moves the state to signed-out (and deletes the token).
    if (result.status === 401) await this.#session.check();
    return { kind: 'error', message: describeKratosError(result.error), errorId: result.error.id };
  }

  // ---------------------------------------------------------------------------------------------------------
  // Submitting

  /**
   * Every answer to a submit but success, read by its status in one switch (as Ory's React Native app reads
   * them, `helpers/form.tsx`). `retry`: what a re-authentication or step-up login does once it succeeds.
   */
  async #submitFailed(
    flowId: string,
    entry: FlowEntry,
    submitted: FlowValues,
    result: NotSuccess<KratosResult<unknown, AnyFlow>>,
    retry?: AfterLogin,
  ): Promise<FlowResponse> {
    if (result.kind === 'unreachable') {
      // No answer from Kratos to read (network, timeout, 5xx, 429 "slow down"...): nothing is known about the
      // session, so nothing about it changes. Not re-sent here: the values may carry a password or a one-time
      // code, and a server that asked to slow down must not get them again. Where the flow is surely still
      // good, the form stays for the person to send again.
      return formStays.has(result.reason)
        ? { kind: 'not-sent', message: result.message }
        : { kind: 'error', message: result.message };
    }
    if (result.kind === 'flow') {
      // 400 with the flow: validation messages (wrong password, missing field...); the renderer shows them.
      return this.#rememberAndShow(entry, result.flow);
    }
    if (result.kind === 'expired') return this.#replaceExpired(entry, result.useFlowId); // 410
    const id = result.error.id;
    switch (result.status) {
      case 400: {
        if (id === 'session_already_available') return this.#alreadySignedIn();
        // Too many recovery codes: Kratos made a new flow and names it (verification does so with a 410).
        const named = entry.kind === 'recovery' ? flowNamedBy(result.error, 'show_recovery_ui') : undefined;
        return named === undefined ? this.#kratosError(result) : this.#replaceExpired(entry, named);
      }
      case 403:
        // The change needs a privileged session or a second factor: that login first, then `retry`.
        if (id === 'session_aal2_required') {
          return this.#openLogin({ kind: 'login', refresh: false, aal: 'aal2', after: retry });
        }
        if (id === 'session_refresh_required') {
          // Kratos's privileged age is below this session's: judged so before the next passkey is made.
          if (entry.kind === 'settings') this.#privilegedAge.refusedAt(this.#authenticatedAt(), this.#now());
          return this.#openLogin({ kind: 'login', refresh: true, aal: 'aal1', after: retry });
        }
        if (id === 'session_verified_address_required' && entry.kind === 'login') {
          return this.#verifyBeforeSignIn(flowId, result);
        }
        return this.#kratosError(result);
      case 404:
        return this.#open(entry); // flow unknown (e.g. cleaned up): start a new one
      case 422:
        if (id === 'browser_location_change_required') {
          return this.#continueInBrowser(flowId, entry, submitted, result);
        }
        return this.#kratosError(result);
      default:
        // 401 (the session ended on the server) and anything else: Kratos's message in words.
        return this.#kratosError(result);
    }
  }

  /**
   * Kratos's `require_verified_address` login hook (v25.4+): the password was right, but no address of the
   * account is verified. Kratos issued no session, sent a code and names the verification flow; that flow
   * comes next, and once the address is verified, this same sign-in form again (Kratos keeps it open). Without
   * a flow named (v1.3.1 and Kratos's legacy flag put 4000010 on the login flow instead), Kratos's words.
   */
  async #verifyBeforeSignIn(
    loginFlowId: string,
    result: Extract<KratosResult<unknown>, { kind: 'error' }>,
  ): Promise<FlowResponse> {
    const named = flowNamedBy(result.error, 'show_verification_ui');
    const fetched = named === undefined ? undefined : await this.#fetchFlow('verification', named);
    if (fetched?.kind !== 'success') return this.#kratosError(result);
    const next = this.#rememberAndShow({ kind: 'verification', signIn: loginFlowId }, fetched.body).flow;
    return { kind: 'done', message: text.flows.verifyBeforeSignIn, next };
  }

  /** The address is verified: the sign-in form that asked for it, else a new one. */
  async #backToSignIn(loginFlowId: string): Promise<FlowResponse> {
    const earlier = this.#memory.get(loginFlowId);
    const entry: FlowEntry =
      earlier?.kind === 'login' ? earlier : { kind: 'login', refresh: false, aal: 'aal1' };
    const fetched = await this.#fetchFlow('login', loginFlowId);
    const response =
      fetched?.kind === 'success' ? this.#rememberAndShow(entry, fetched.body) : await this.#open(entry);
    return response.kind === 'flow'
      ? { kind: 'done', message: text.flows.verifiedSignIn, next: response.flow }
      : response;
  }

  /**
   * 422 `browser_location_change_required`: the step continues in a browser, which only social sign-in has,
   * and only after its provider button. A server that answers any other submit so (the password button
   * included) does not get a browser opened (issue 21).
   */
  #continueInBrowser(
    flowId: string,
    entry: FlowEntry,
    submitted: FlowValues,
    result: Extract<KratosResult<unknown>, { kind: 'error' }>,
  ): Promise<FlowResponse> | FlowResponse {
    switch (entry.kind) {
      case 'login':
      case 'registration':
        if (!isProviderSubmit(submitted)) {
          return { kind: 'error', message: text.browser.notAfterThisButton, errorId: result.error.id };
        }
        return this.#social.continueInBrowser(flowId, entry, result);
      case 'settings':
        // Linking a provider finishes in a browser that is signed in to Kratos; this app has no such browser.
        return { kind: 'error', message: text.flows.settingsNeedBrowser, errorId: result.error.id };
      case 'recovery':
        return { kind: 'error', message: text.flows.recoveryNeedsTransitions, errorId: result.error.id };
      case 'verification':
        return this.#kratosError(result);
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
  async #replaceExpired(entry: FlowEntry, useFlowId: string | undefined): Promise<FlowResponse> {
    const replacement = useFlowId === undefined ? undefined : await this.#fetchFlow(entry.kind, useFlowId);
    if (replacement?.kind !== 'success') return this.#open(withoutCode(entry));
    if (!hasExchangeCode(entry)) return this.#rememberAndShow(entry, replacement.body);
    // The replacement carries no exchange code (Kratos hands one out only when a flow is created), so a
    // social sign-in could not finish on it: a new flow brings its own, and shows the replacement's
    // messages (Kratos's "expired, please try again", 4010001/4040001) so the person learns why.
    const fresh = await this.#open(withoutCode(entry));
    if (fresh.kind !== 'flow') return fresh;
    const messages = [...(replacement.body.ui.messages ?? []), ...(fresh.flow.ui.messages ?? [])];
    return { kind: 'flow', flow: { ...fresh.flow, ui: { ...fresh.flow.ui, messages } } };
  }

  async #fetchFlow(kind: FlowKind, id: string): Promise<KratosResult<AnyFlow> | undefined> {
    switch (kind) {
      case 'login':
        return this.#api.getLoginFlow(id);
      case 'registration':
        return this.#api.getRegistrationFlow(id);
      case 'recovery':
        return this.#api.getRecoveryFlow(id);
      case 'verification':
        return this.#api.getVerificationFlow(id);
      case 'settings': {
        const token = this.#session.currentToken();
        return token === null ? undefined : this.#api.getSettingsFlow(id, token);
      }
    }
  }

  /** `done`, continuing with the flow `continue_with` names (verification after sign-up, settings after recovery). */
  async #finished(message: string, continueWith: ContinueWith[] | null | undefined): Promise<FlowResponse> {
    const next = nextFlowFromContinueWith(continueWith);
    const fetched = next === undefined ? undefined : await this.#fetchFlow(next.kind, next.id);
    if (next === undefined || fetched?.kind !== 'success') return { kind: 'done', message };
    return { kind: 'done', message, next: this.#rememberAndShow({ kind: next.kind }, fetched.body).flow };
  }

  async #submitLogin(flowId: string, entry: LoginEntry, values: FlowValues): Promise<FlowResponse> {
    const auth = this.#loginToken(entry);
    if (auth === 'no-session') return signInFirst();
    const { token } = auth;
    const result = await this.#api.submitLoginFlow(flowId, values, token);
    if (result.kind !== 'success') return this.#submitFailed(flowId, entry, values, result);
    this.#memory.forget(flowId);
    const identifier = isFirstSignIn(entry) ? signedInIdentifier(values) : undefined;
    if (identifier !== undefined) this.#tell({ type: 'signed-in', identifier });
    // Refresh and step-up keep the same session and token; Kratos sends it again, but fall back to ours.
    const { session_token, session: newSession, continue_with } = result.body;
    return this.#loggedIn(entry, session_token ?? token, newSession, continue_with);
  }

  /** `newSession`: Kratos's answer, trusted for the AAL (absent: whoami decides). */
  async #loggedIn(
    entry: LoginEntry,
    token: SessionToken | undefined,
    newSession: Session | undefined,
    continueWith: ContinueWith[] | null | undefined,
  ): Promise<FlowResponse> {
    if (token === undefined) return { kind: 'error', message: text.flows.noToken };
    const view = await this.#session.signedIn(token, newSession);
    if (view.status === 'second-factor-required') {
      return this.#stepUp(entry.after, text.flows.firstStepDone);
    }
    switch (entry.after?.type) {
      case 'resubmit-settings':
        return this.#submitSettings(entry.after.flowId, entry.after.values);
      case 'open-settings': {
        const settings = await this.#openSettings();
        return settings.kind === 'flow' ? { kind: 'done', next: settings.flow } : settings;
      }
      case 'add-passkey': {
        // The form it was pressed on, as the window had it (no request); a new one if it was forgotten.
        const earlier = this.#memory.get(entry.after.flowId);
        const settings =
          earlier?.kind === 'settings' && earlier.shown !== undefined
            ? { kind: 'flow' as const, flow: earlier.shown }
            : await this.#openSettings();
        if (settings.kind !== 'flow') return settings;
        this.#confirmedFor = settings.flow.id;
        const message = text.flows.reauthenticated;
        return { kind: 'done', message, next: settings.flow, press: 'passkey_register_trigger' };
      }
      case undefined:
        return this.#finished(
          entry.refresh
            ? text.flows.reauthenticated
            : entry.aal === 'aal2'
              ? text.flows.secondFactorAccepted
              : text.flows.signedIn,
          continueWith,
        );
    }
  }

  async #submitRegistration(flowId: string, values: FlowValues): Promise<FlowResponse> {
    const entry = this.#memory.get(flowId) ?? { kind: 'registration' };
    const result = await this.#api.submitRegistrationFlow(flowId, values);
    if (result.kind !== 'success') return this.#submitFailed(flowId, entry, values, result);
    this.#memory.forget(flowId);
    const { session_token, session: newSession, continue_with, identity } = result.body;
    if (identity) this.#tell({ type: 'registered', flowId, identity });
    return this.#registered(session_token ?? tokenFromContinueWith(continue_with), newSession, continue_with);
  }

  async #registered(
    token: SessionToken | undefined,
    newSession: Session | undefined,
    continueWith: ContinueWith[] | null | undefined,
  ): Promise<FlowResponse> {
    // Without Kratos's `session` hook after registration there is no token: the account exists, sign in.
    if (token === undefined) return this.#finished(text.flows.createdSignIn, continueWith);
    const view = await this.#session.signedIn(token, newSession);
    if (view.status === 'second-factor-required') {
      return this.#stepUp(undefined, text.flows.createdSecondFactor);
    }
    return this.#finished(text.flows.created, continueWith);
  }

  async #submitSettings(flowId: string, values: FlowValues): Promise<FlowResponse> {
    const entry: FlowEntry = { kind: 'settings' };
    const token = this.#session.currentToken();
    if (token === null) return signInFirst();
    const result = await this.#api.submitSettingsFlow(flowId, values, token);
    // Kept with the login it may start, so that change can be re-sent once the login succeeds.
    if (result.kind !== 'success')
      return this.#submitFailed(flowId, entry, values, result, { type: 'resubmit-settings', flowId, values });
    // A new second factor or changed traits change the session (AAL, methods, addresses): fetch it.
    await this.#session.check();
    // E.g. a changed email address: Kratos sent a verification code and says which flow to show.
    if (nextFlowFromContinueWith(result.body.continue_with) !== undefined) {
      return this.#finished(text.flows.saved, result.body.continue_with);
    }
    return this.#rememberAndShow(entry, result.body);
  }

  async #submitRecovery(flowId: string, values: FlowValues): Promise<FlowResponse> {
    const entry: FlowEntry = { kind: 'recovery' };
    const result = await this.#api.submitRecoveryFlow(flowId, values);
    if (result.kind !== 'success') return this.#submitFailed(flowId, entry, values, result);
    const token = tokenFromContinueWith(result.body.continue_with);
    if (token === undefined) return this.#rememberAndShow(entry, result.body); // code sent, or a wrong code (message in the flow)
    this.#memory.forget(flowId);
    const view = await this.#session.signedIn(token);
    if (view.status === 'second-factor-required') {
      return this.#stepUp({ type: 'open-settings' }, text.flows.recoveredSecondFactor);
    }
    return this.#finished(text.flows.recovered, result.body.continue_with);
  }

  /** A submit of the window's values (or a passkey ceremony's credential) to the flow's kind. */
  #submitTo(flowId: string, values: FlowValues): Promise<FlowResponse> {
    const entry = this.#memory.get(flowId);
    if (entry === undefined) return Promise.resolve({ kind: 'error', message: text.flows.notOpen });
    switch (entry.kind) {
      case 'login':
        return this.#submitLogin(flowId, entry, values);
      case 'registration':
        return this.#submitRegistration(flowId, values);
      case 'settings':
        return this.#submitSettings(flowId, values);
      case 'recovery':
        return this.#submitRecovery(flowId, values);
      case 'verification':
        return this.#submitVerification(flowId, entry, values);
    }
  }

  async #submitVerification(
    flowId: string,
    entry: FlowEntry & { kind: 'verification' },
    values: FlowValues,
  ): Promise<FlowResponse> {
    const result = await this.#api.submitVerificationFlow(flowId, values);
    if (result.kind !== 'success') return this.#submitFailed(flowId, entry, values, result);
    if (String(result.body.state) !== 'passed_challenge') return this.#rememberAndShow(entry, result.body);
    this.#memory.forget(flowId);
    if (entry.signIn !== undefined) return this.#backToSignIn(entry.signIn);
    // The identity's addresses changed; the signed-in view shows them.
    if (this.#session.currentToken() !== null) await this.#session.check();
    return { kind: 'done', message: text.flows.verified };
  }
}

export function createFlowService(deps: FlowServiceDeps): FlowService {
  return new Flows(deps);
}

async function noBrowser(): Promise<void> {
  throw new Error('no system browser configured');
}

/** The settings method of the change a login will send again (the window names it), if it is one. */
function pendingChangeOf(after: AfterLogin | undefined): string | undefined {
  if (after?.type === 'add-passkey') return 'add-passkey';
  if (after?.type !== 'resubmit-settings') return undefined;
  const method = after.values['method'];
  return typeof method === 'string' && method.length <= 64 ? method : undefined;
}

/**
 * A provider button's submit: its `provider` value, with `method: "oidc"` or none (Kratos's oidc nodes carry
 * no `method`, and the window sends the pressed button's own value).
 */
/** A sign-in that starts a session (not a re-authentication or a second factor): it takes an identifier. */
function isFirstSignIn(entry: FlowEntry): entry is LoginEntry {
  return entry.kind === 'login' && !entry.refresh && entry.aal !== 'aal2';
}

function isProviderSubmit(submitted: FlowValues): boolean {
  const method = submitted['method'];
  return typeof submitted['provider'] === 'string' && (method === undefined || method === 'oidc');
}

/**
 * The composition root: builds the app's services from their parts and implements the `AppServices` port
 * the IPC router calls. Plain Node, no Electron: main/index.ts gives it the Electron-backed pieces (the
 * Vault, `shell.openExternal`, userData), and the e2e tests give it an in-memory store and a test emulator.
 *
 * One "connection" per Kratos endpoint: a client, a session controller and a flow service. Switching the
 * endpoint builds a new connection first and only then disposes of the old one, so a failed switch leaves
 * the app as it was. Tokens are stored per normalized endpoint URL, so switching back finds the old token.
 * With no endpoint configured there is no connection: the window asks for a server, and every other
 * operation answers that none is chosen yet.
 */
import type {
  ActionResponse,
  BrowserSignInRequest,
  EndpointView,
  FlowResponse,
  KeychainView,
  Notice,
  SessionView,
  StartFlowRequest,
  SubmitFlowRequest,
  TraitTitlesResponse,
} from '../../shared/ipc-contract';
import type { FlowService } from '../flows/service';
import type { AppServices } from '../ipc/services';
import type { KratosApi } from '../kratos/api';
import { parseEndpoint } from '../kratos/endpoint';
import { probeKratos } from '../kratos/probe';
import type { Logger } from '../log';
import type { SessionController } from '../session/controller';
import type { SecretStore } from '../session/secret-store';
import { parseDeepLink, type AuthCallback } from '../policy/deep-link';
import { chooseEndpoint, type EndpointChoice } from './endpoint-choice';
import { decideExternalLink } from '../policy/external-links';
import type { OperatorConfig } from './operator-config';
import { loadSettings, saveSettings } from './settings';
import { TraitTitleMemory } from './trait-titles';
import type { ConnectionOptions } from './wiring';
import { text } from '../strings';

/** Where tokens are kept: the Vault in the app, a memory store (or the Vault) in tests. */
export interface Keychain {
  readonly store: SecretStore;
  status(): KeychainView;
  retry(): Promise<KeychainView>;
}

export interface ConnectionParts {
  api: KratosApi;
  controller: SessionController;
  flows: FlowService;
}

export interface AppCoreOptions {
  /** Electron's userData: settings.json and the learned trait titles live here. */
  userDataDir: string;
  /** `KRATOS_PUBLIC_URL`, if set. */
  environmentUrl: string | undefined;
  /**
   * An endpoint named for this run only (the terminal client's `--endpoint`): it wins over the saved one,
   * counts as given by the environment, and is never saved.
   */
  commandLineUrl?: string;
  /** The operator's configuration packaged with the app (`npm run dist`), if any. */
  operator?: OperatorConfig;
  keychain: Keychain;
  /** Builds client, controller and flow service for one endpoint (`connectEndpoint` in wiring.ts). */
  connect: (
    endpoint: EndpointView,
    keychain: Keychain,
    hooks: Pick<
      ConnectionOptions,
      'openExternal' | 'returnTo' | 'learnTitles' | 'passkeyPageUrl' | 'passkeyReturnTo'
    >,
  ) => ConnectionParts;
  /**
   * `shell.openExternal` in the app; a recorder (or a Playwright page playing the system browser) in tests.
   * Called only with allowlisted URLs, and with the provider page of a social sign-in.
   */
  openExternal: (url: string) => Promise<void>;
  /**
   * Where Kratos sends the browser back after a social sign-in: the `kratos-desktop://auth/callback` deep
   * link when absent; the terminal client's loopback listener (`http://127.0.0.1:<port>/auth/callback`).
   */
  returnTo?: string;
  /**
   * The passkey page of the server named by `environmentUrl` or `commandLineUrl` (`KRATOS_PASSKEY_PAGE_URL`,
   * docs/passkeys.md; `npm start` names the emulator's). Another server's page is unknown: there, passkey
   * buttons say what its operator must set up.
   */
  passkeyPageUrl?: string;
  /** Where the passkey page hands back: the `kratos-desktop://auth/passkey` deep link when absent. */
  passkeyReturnTo?: string;
  /**
   * Asks the person, outside the window, whether to use `url` as the server from now on (a native message box
   * in the app). Main asks itself because the window's own dialog proves nothing: a compromised page could
   * call `setEndpoint` without it, and the new server would receive that endpoint's token and every sign-in.
   * Asked only for a server that answered as Kratos, right before anything is saved; `false` changes nothing.
   */
  confirmEndpoint: (url: string) => Promise<boolean>;
  log: Logger;
}

interface Connection extends ConnectionParts {
  endpoint: EndpointView;
  /** Why a configured endpoint was skipped, shown until the user changes the endpoint. */
  warning: Notice | undefined;
  /** A session check that failed unexpectedly, shown until one succeeds. */
  problem?: Notice;
  /** Set by the first close: closing again (quit during a switch, then the switch) waits for that one. */
  closed?: Promise<void>;
}

/** No server configured: nothing to connect to, only why a configured one was skipped. */
interface NoConnection {
  warning: Notice | undefined;
}

export type StateListener = (view: SessionView) => void;

export class AppCore implements AppServices {
  readonly #options: AppCoreOptions;
  readonly #listeners = new Set<StateListener>();
  #connection: Connection | NoConnection;
  #unsubscribe: () => void = () => undefined;
  /** Endpoint switches run one at a time. */
  #switching: Promise<unknown> = Promise.resolve();
  /** The connection a switch under way is trying (its server may drip its answers): quitting closes it. */
  #trying: Connection | NoConnection | undefined;
  #stopped = false;

  private constructor(
    options: AppCoreOptions,
    titles: TraitTitleMemory,
    connection: Connection | NoConnection,
  ) {
    this.#options = options;
    this.#titles = titles;
    this.#connection = connection;
    this.#attach(connection);
  }

  /** Forward the connection's session views to our listeners (and stop forwarding the previous one's). */
  #attach(connection: Connection | NoConnection): void {
    this.#unsubscribe();
    this.#connection = connection;
    this.#unsubscribe = isConnected(connection)
      ? connection.controller.subscribe((view) => this.#emit(view))
      : () => undefined;
  }

  /**
   * Reads settings and picks the endpoint, then starts checking the session without waiting for it: the
   * window opens at once and shows the check in progress, whatever the server does. `sessionChecked` settles
   * when that first check has.
   */
  static async open(options: AppCoreOptions): Promise<AppCore> {
    const loaded = await loadSettings(options.userDataDir);
    if (!loaded.ok) options.log.warn('settings ignored', { reason: loaded.message });
    const choice = chooseEndpoint(
      options.commandLineUrl === undefined
        ? {
            settingsUrl: loaded.settings.kratosPublicUrl,
            environmentUrl: options.environmentUrl,
            operator: operatorServer(options.operator),
          }
        : { settingsUrl: undefined, environmentUrl: options.commandLineUrl },
    );
    const titles = await TraitTitleMemory.open(options.userDataDir, options.log);
    const connection = openConnection(options, titles, choice);
    const core = new AppCore(options, titles, connection);
    core.#sessionChecked = core.#checkSession(connection);
    return core;
  }

  /** `open`, then wait for the first session check (tests, and anything that needs the answer first). */
  static async start(options: AppCoreOptions): Promise<AppCore> {
    const core = await AppCore.open(options);
    await core.sessionChecked;
    return core;
  }

  #sessionChecked: Promise<void> = Promise.resolve();

  /** Settles (never rejects) when the session check `open` started is done. */
  get sessionChecked(): Promise<void> {
    return this.#sessionChecked;
  }

  /** The endpoint in use (for the external-link allowlist and the window title); none before one is chosen. */
  endpoint(): EndpointView | undefined {
    return isConnected(this.#connection) ? this.#connection.endpoint : undefined;
  }

  /** Subscribe to every new SessionView (to push it to the window). Returns the unsubscribe function. */
  onState(listener: StateListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Window focus / system resume: ask Kratos again unless it was asked very recently. */
  async revalidate(): Promise<void> {
    const connection = this.#connection;
    if (isConnected(connection)) await connection.controller.revalidate();
  }

  async stop(): Promise<void> {
    // A switch under way may wait up to a request's deadline for a server that drips its answer: quitting
    // destroys that connection at once (its request fails), and the switch then gives up (issue 21).
    this.#stopped = true;
    if (this.#trying) await closeConnection(this.#trying, this.#options.log);
    await this.#switching;
    this.#unsubscribe();
    await closeConnection(this.#connection, this.#options.log);
    await this.#titles.saved();
    this.#listeners.clear();
  }

  // ---------------------------------------------------------------------------------------------------------
  // AppServices

  async getState(): Promise<SessionView> {
    return this.#view();
  }

  async retry(): Promise<SessionView> {
    const connection = this.#connection;
    if (isConnected(connection)) await this.#guarded(connection, () => connection.controller.check());
    return this.#view();
  }

  logout(): Promise<ActionResponse> {
    return this.#connected((c) => c.controller.logout());
  }

  startFlow(request: StartFlowRequest): Promise<FlowResponse> {
    return this.#onCurrentConnection((flows) => flows.start(request));
  }

  submitFlow(request: SubmitFlowRequest): Promise<FlowResponse> {
    return this.#onCurrentConnection((flows) => flows.submit(request));
  }

  browserSignIn({ flowId, action }: BrowserSignInRequest): Promise<ActionResponse> {
    return this.#connected((c) => c.flows.browserAction(flowId, action));
  }

  /** Runs `step` on the connection, or answers that no server is chosen yet (the window asks for one). */
  async #connected<T>(
    step: (connection: Connection) => Promise<T>,
  ): Promise<T | { kind: 'error'; message: string }> {
    const connection = this.#connection;
    return isConnected(connection) ? step(connection) : { kind: 'error', message: text.app.noServer };
  }

  /**
   * A `kratos-desktop://` link from the OS (main/index.ts brings the window to the front). A social sign-in
   * callback goes to the flow service; when it is not redeemed, the window says why (never the link: its
   * code is a secret).
   */
  followDeepLink(url: string): { accepted: boolean; settled: Promise<void> } {
    const decision = parseDeepLink(url);
    if (!decision.accepted) {
      this.#options.log.warn('refused a deep link', { reason: decision.reason });
      return { accepted: false, settled: Promise.resolve() };
    }
    if (decision.action !== 'auth-callback') return { accepted: true, settled: Promise.resolve() };
    const settled = this.redeemAuthCallback(decision.callback).then((note) => {
      if (note !== undefined) this.#emitWith(note);
    });
    return { accepted: true, settled };
  }

  /**
   * A social sign-in's return code, from the deep link or the terminal client's loopback listener. Settles
   * when the sign-in it belonged to has ended; a note says why it was ignored (the code is never logged).
   */
  async redeemAuthCallback(callback: AuthCallback): Promise<Notice | undefined> {
    const connection = this.#connection;
    if (!isConnected(connection)) return { level: 'info', text: text.app.noServer };
    const note = await connection.flows.browserCallback(callback);
    if (note !== undefined) this.#options.log.info('ignored a sign-in callback', { reason: note.text });
    return note;
  }

  /**
   * Runs a flow step and makes sure its answer still belongs to the endpoint in use: if the endpoint was
   * switched while Kratos answered, the answer (a flow of the old server, or a sign-in the old, disposed
   * controller could no longer keep) would be a lie, so the person is told to start again instead.
   */
  async #onCurrentConnection(step: (flows: FlowService) => Promise<FlowResponse>): Promise<FlowResponse> {
    const connection = this.#connection;
    if (!isConnected(connection)) return { kind: 'error', message: text.app.noServer };
    const response = await step(connection.flows);
    const now = this.#connection;
    if (connection === now) return response;
    return {
      kind: 'error',
      message: isConnected(now) ? text.app.serverChangedMidStep(now.endpoint.url) : text.app.noServer,
    };
  }

  listSessions() {
    return this.#connected((c) => c.controller.listSessions());
  }

  revokeSession(id: string): Promise<ActionResponse> {
    return this.#connected((c) => c.controller.revokeSession(id));
  }

  revokeOtherSessions(): Promise<ActionResponse> {
    return this.#connected((c) => c.controller.revokeOtherSessions());
  }

  /** Learned from flows and kept across runs (trait-titles.ts): answering costs no request. */
  readonly #titles: TraitTitleMemory;

  async traitTitles(schemaId: string): Promise<TraitTitlesResponse> {
    const endpoint = this.endpoint();
    return { titles: endpoint === undefined ? [] : this.#titles.titles(endpoint.url, schemaId) };
  }

  setEndpoint(url: string | null): Promise<ActionResponse> {
    const switched = this.#switching.then(() => this.#switchEndpoint(url));
    this.#switching = switched.catch(() => undefined);
    return switched;
  }

  async retryKeychain(): Promise<ActionResponse> {
    const status = await this.#options.keychain.retry();
    this.#emit(this.#rawView());
    return status.kind === 'persisted'
      ? { kind: 'ok', message: text.app.keychainBack(status.backend) }
      : // Why, and what to do, is in the banner's details already (updated by the push above): not repeated.
        { kind: 'error', message: text.app.keychainStillBroken };
  }

  async openExternal(url: string): Promise<ActionResponse> {
    const decision = decideExternalLink(url, this.endpoint()?.url);
    if (!decision.allowed) return { kind: 'error', message: decision.reason };
    await this.#options.openExternal(decision.url);
    return { kind: 'ok' };
  }

  // ---------------------------------------------------------------------------------------------------------

  async #switchEndpoint(url: string | null): Promise<ActionResponse> {
    const { log, userDataDir, environmentUrl, operator } = this.#options;
    if (operator && !operator.allowServerChange) {
      return { kind: 'error', message: text.app.serverLocked(operator.kratosPublicUrl) };
    }
    let settingsUrl: string | undefined;
    if (url !== null) {
      const parsed = parseEndpoint(url);
      if (!parsed.ok) return { kind: 'error', message: parsed.message };
      settingsUrl = parsed.url;
    }
    const choice = chooseEndpoint({ settingsUrl, environmentUrl, operator: operatorServer(operator) });
    const current = this.endpoint();
    if (sameEndpoint(choice, current)) {
      await saveSettings(userDataDir, { kratosPublicUrl: settingsUrl });
      return current === undefined
        ? { kind: 'ok', message: text.app.stillNoServer }
        : { kind: 'ok', message: text.app.alreadyUsing(current.url) };
    }

    let next: Connection | NoConnection | undefined;
    try {
      next = openConnection(this.#options, this.#titles, choice);
      this.#trying = next;
      // Any server must prove it is a Kratos public API first.
      const probe = isConnected(next) ? await probeKratos(next.api) : ({ ok: true } as const);
      if (this.#stopped) throw new Error('the app is quitting');
      if (!probe.ok) {
        await closeConnection(next, log);
        return { kind: 'error', message: probe.message };
      }
      if (settingsUrl !== undefined && !(await this.#options.confirmEndpoint(settingsUrl))) {
        await closeConnection(next, log);
        log.info('the person did not confirm a new endpoint', { url: settingsUrl });
        return { kind: 'error', message: text.app.notConfirmed(settingsUrl) };
      }
      if (this.#stopped) throw new Error('the app is quitting');
      await saveSettings(userDataDir, { kratosPublicUrl: settingsUrl });
    } catch (error) {
      // Not switched: the new connection must not outlive the attempt.
      if (next) await closeConnection(next, log);
      log.error('could not switch endpoint', { error: String(error) });
      return { kind: 'error', message: text.app.switchFailed };
    } finally {
      this.#trying = undefined;
    }
    const previous = this.#connection;
    this.#attach(next);
    await closeConnection(previous, log);
    // The previous endpoint's token stays in the store under its own key, for when the user switches back.
    await this.#checkSession(next);
    this.#emit(this.#rawView());
    return isConnected(next)
      ? { kind: 'ok', message: text.app.nowUsing(next.endpoint.url) }
      : { kind: 'ok', message: text.app.stillNoServer };
  }

  /** Reads the stored token and checks it (see `#guarded`); nothing to check without a server. */
  #checkSession(connection: Connection | NoConnection): Promise<void> {
    if (!isConnected(connection)) return Promise.resolve();
    return this.#guarded(connection, () => connection.controller.start());
  }

  /**
   * The controller turns every answer of Kratos into a state; should a check still throw (a bug), the window
   * must not stay blank or stuck: the failure is logged and shown as a notice on this connection until a
   * check succeeds ("Retry" runs one).
   */
  async #guarded(connection: Connection, check: () => Promise<unknown>): Promise<void> {
    try {
      await check();
      connection.problem = undefined;
    } catch (error) {
      this.#options.log.error('the session check failed', { error: describeError(error) });
      connection.problem = { level: 'error', text: text.app.checkFailed };
    }
    if (connection === this.#connection) this.#emit(connection.controller.view());
  }

  /** The controller's view of the current connection, or the "no server" view. */
  #rawView(): SessionView {
    const connection = this.#connection;
    return isConnected(connection)
      ? connection.controller.view()
      : { status: 'no-server', keychain: this.#options.keychain.status() };
  }

  #view(): SessionView {
    return withNotices(this.#rawView(), this.#connection);
  }

  /** A one-off note on top of the current view (the next state push replaces it). */
  #emitWith(notice: Notice): void {
    const view = { ...this.#view(), notice };
    for (const listener of this.#listeners) listener(view);
  }

  #emit(view: SessionView): void {
    const shown = withNotices(view, this.#connection);
    for (const listener of this.#listeners) listener(shown);
  }
}

function operatorServer(operator: OperatorConfig | undefined) {
  return operator && { url: operator.kratosPublicUrl, allowServerChange: operator.allowServerChange };
}

function isConnected(connection: Connection | NoConnection): connection is Connection {
  return 'endpoint' in connection;
}

function openConnection(
  options: AppCoreOptions,
  titles: TraitTitleMemory,
  choice: EndpointChoice,
): Connection | NoConnection {
  if (choice.kind === 'none') {
    options.log.info('no Kratos endpoint configured: the window asks for one');
    return { warning: choice.warning };
  }
  const locked = options.operator?.allowServerChange === false ? { locked: true as const } : {};
  const endpoint: EndpointView = { url: choice.url, source: choice.source, ...locked };
  return {
    ...options.connect(endpoint, options.keychain, {
      openExternal: options.openExternal,
      learnTitles: (schemaId, learned) => titles.learn(endpoint.url, schemaId, learned),
      ...(options.returnTo === undefined ? {} : { returnTo: options.returnTo }),
      ...(options.passkeyReturnTo === undefined ? {} : { passkeyReturnTo: options.passkeyReturnTo }),
      ...passkeyPage(options, endpoint.url),
    }),
    endpoint,
    warning: choice.warning,
  };
}

/** The configured passkey page (`KRATOS_PASSKEY_PAGE_URL`) when `url` is the server it was named with. */
function passkeyPage(options: AppCoreOptions, url: string): { passkeyPageUrl?: string } {
  const configured = options.passkeyPageUrl;
  if (configured === undefined || configured.trim() === '') return {};
  const named = parseEndpoint(options.commandLineUrl ?? options.environmentUrl ?? '');
  return named.ok && named.url === url ? { passkeyPageUrl: configured } : {};
}

function closeConnection(connection: Connection | NoConnection, log: Logger): Promise<void> {
  if (!isConnected(connection)) return Promise.resolve();
  connection.closed ??= disposeConnection(connection, log);
  return connection.closed;
}

async function disposeConnection(connection: Connection, log: Logger): Promise<void> {
  connection.flows.dispose();
  connection.controller.dispose();
  await connection.api
    .close()
    .catch((error: unknown) => log.warn('closing the client failed', { error: String(error) }));
}

function sameEndpoint(choice: EndpointChoice, current: EndpointView | undefined): boolean {
  return choice.kind === 'none'
    ? current === undefined
    : choice.url === current?.url && choice.source === current.source;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * A check that failed unexpectedly comes first, then what the session says; the endpoint warning is shown
 * unless the session has something more pressing to say.
 */
function withNotices(view: SessionView, connection: Connection | NoConnection): SessionView {
  const problem = isConnected(connection) ? connection.problem : undefined;
  const notice = problem ?? view.notice ?? connection.warning;
  return notice === view.notice ? view : { ...view, notice };
}

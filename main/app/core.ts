/**
 * The composition root: builds the app's services from their parts and implements the `AppServices` port
 * the IPC router calls. Plain Node, no Electron: main/index.ts gives it the Electron-backed pieces (the
 * Vault, `shell.openExternal`, userData), and the e2e tests give it an in-memory store and a test emulator.
 *
 * One "connection" per Kratos endpoint: a client, a session controller and a flow service. Switching the
 * endpoint builds a new connection first and only then disposes of the old one, so a failed switch leaves
 * the app as it was. Tokens are stored per normalized endpoint URL, so switching back finds the old token.
 */
import path from 'node:path';
import type {
  ActionResponse,
  BrowserSignInRequest,
  DemoMail,
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

export interface RunningEmulator {
  url: string;
  stop(): Promise<void>;
}

/** What the embedded emulator tells the app while it runs. */
export type EmulatorEvent =
  /** A message it "sent" (a recovery or verification code): shown in the window's demo inbox. */
  | { kind: 'mail'; mail: DemoMail }
  /** A problem with the emulator itself to show in the window, or `undefined` once it is solved. */
  | { kind: 'notice'; notice: Notice | undefined };

/** Starts the embedded emulator, keeping its data in `dataDir`; it reports its events through `report`. */
export type StartEmulator = (options: {
  dataDir: string;
  report: (event: EmulatorEvent) => void;
}) => Promise<RunningEmulator>;

export interface ConnectionParts {
  api: KratosApi;
  controller: SessionController;
  flows: FlowService;
}

export interface AppCoreOptions {
  /** Electron's userData: settings.json and the embedded emulator's data live here. */
  userDataDir: string;
  /** `KRATOS_PUBLIC_URL`, if set. */
  environmentUrl: string | undefined;
  /**
   * An endpoint named for this run only (the terminal client's `--endpoint`): it wins over the saved one,
   * counts as given by the environment, and is never saved.
   */
  commandLineUrl?: string;
  keychain: Keychain;
  startEmulator: StartEmulator;
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
   * The passkey page of a configured server (`KRATOS_PASSKEY_PAGE_URL`, docs/passkeys.md). The embedded
   * emulator serves its own, at `http://localhost:<its port>/passkey`.
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
  emulator: RunningEmulator | undefined;
  /** Why a configured endpoint was skipped, shown until the user changes the endpoint. */
  warning: Notice | undefined;
  /** What is wrong with the embedded emulator right now (it crashed), if anything. */
  emulatorProblem?: Notice;
  /** A session check that failed unexpectedly, shown until one succeeds. */
  problem?: Notice;
  /** Set by the first close: closing again (quit during a switch, then the switch) waits for that one. */
  closed?: Promise<void>;
}

export type StateListener = (view: SessionView) => void;
export type DemoMailListener = (mail: DemoMail) => void;
type EmulatorEventSink = (connection: Connection, event: EmulatorEvent) => void;

export class AppCore implements AppServices {
  readonly #options: AppCoreOptions;
  readonly #listeners = new Set<StateListener>();
  readonly #mailListeners = new Set<DemoMailListener>();
  #connection: Connection;
  #unsubscribe: () => void = () => undefined;
  /** Endpoint switches run one at a time. */
  #switching: Promise<unknown> = Promise.resolve();
  /** The connection a switch under way is trying (its server may drip its answers): quitting closes it. */
  #trying: Connection | undefined;
  #stopped = false;

  private constructor(options: AppCoreOptions, titles: TraitTitleMemory, connection: Connection) {
    this.#options = options;
    this.#titles = titles;
    this.#connection = connection;
    this.#attach(connection);
  }

  /** Forward the connection's session views to our listeners (and stop forwarding the previous one's). */
  #attach(connection: Connection): void {
    this.#unsubscribe();
    this.#connection = connection;
    this.#unsubscribe = connection.controller.subscribe((view) => this.#emit(view));
  }

  /**
   * Reads settings and picks the endpoint (starting the emulator if it is the default), then starts checking
   * the session without waiting for it: the window opens at once and shows the check in progress, whatever
   * the server does. `sessionChecked` settles when that first check has.
   */
  static async open(options: AppCoreOptions): Promise<AppCore> {
    const loaded = await loadSettings(options.userDataDir);
    if (!loaded.ok) options.log.warn('settings ignored', { reason: loaded.message });
    const choice = chooseEndpoint(
      options.commandLineUrl === undefined
        ? { settingsUrl: loaded.settings.kratosPublicUrl, environmentUrl: options.environmentUrl }
        : { settingsUrl: undefined, environmentUrl: options.commandLineUrl },
    );
    // Events can only arrive once the connection exists (they come from the emulator's process), by which
    // time the core exists too.
    const created: { core?: AppCore } = {};
    const titles = await TraitTitleMemory.open(options.userDataDir, options.log);
    const connection = await openConnection(options, titles, choice, (c, e) => {
      if (created.core) created.core.#onEmulatorEvent(c, e);
    });
    const core = (created.core = new AppCore(options, titles, connection));
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

  /** The endpoint in use (for the external-link allowlist and the window title). */
  endpoint(): EndpointView {
    return this.#connection.endpoint;
  }

  /** Subscribe to every new SessionView (to push it to the window). Returns the unsubscribe function. */
  onState(listener: StateListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Subscribe to the embedded emulator's "sent" emails (the window's demo inbox). */
  onDemoMail(listener: DemoMailListener): () => void {
    this.#mailListeners.add(listener);
    return () => this.#mailListeners.delete(listener);
  }

  /** Window focus / system resume: ask Kratos again unless it was asked very recently. */
  async revalidate(): Promise<void> {
    await this.#connection.controller.revalidate();
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
    this.#mailListeners.clear();
  }

  // ---------------------------------------------------------------------------------------------------------
  // AppServices

  async getState(): Promise<SessionView> {
    return this.#view();
  }

  async retry(): Promise<SessionView> {
    const connection = this.#connection;
    await this.#guarded(connection, () => connection.controller.check());
    return this.#view();
  }

  logout(): Promise<ActionResponse> {
    return this.#connection.controller.logout();
  }

  startFlow(request: StartFlowRequest): Promise<FlowResponse> {
    return this.#onCurrentConnection((flows) => flows.start(request));
  }

  submitFlow(request: SubmitFlowRequest): Promise<FlowResponse> {
    return this.#onCurrentConnection((flows) => flows.submit(request));
  }

  browserSignIn({ flowId, action }: BrowserSignInRequest): Promise<ActionResponse> {
    return this.#connection.flows.browserAction(flowId, action);
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
    const note = await this.#connection.flows.browserCallback(callback);
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
    const response = await step(connection.flows);
    if (connection === this.#connection) return response;
    return {
      kind: 'error',
      message: text.app.serverChangedMidStep(describeEndpoint(this.#connection.endpoint)),
    };
  }

  listSessions() {
    return this.#connection.controller.listSessions();
  }

  revokeSession(id: string): Promise<ActionResponse> {
    return this.#connection.controller.revokeSession(id);
  }

  revokeOtherSessions(): Promise<ActionResponse> {
    return this.#connection.controller.revokeOtherSessions();
  }

  /** Learned from flows and kept across runs (trait-titles.ts): answering costs no request. */
  readonly #titles: TraitTitleMemory;

  async traitTitles(schemaId: string): Promise<TraitTitlesResponse> {
    return { titles: this.#titles.titles(this.#connection.endpoint.url, schemaId) };
  }

  setEndpoint(url: string | null): Promise<ActionResponse> {
    const switched = this.#switching.then(() => this.#switchEndpoint(url));
    this.#switching = switched.catch(() => undefined);
    return switched;
  }

  async retryKeychain(): Promise<ActionResponse> {
    const status = await this.#options.keychain.retry();
    this.#emit(this.#connection.controller.view());
    return status.kind === 'persisted'
      ? { kind: 'ok', message: text.app.keychainBack(status.backend) }
      : // Why, and what to do, is in the banner's details already (updated by the push above): not repeated.
        { kind: 'error', message: text.app.keychainStillBroken };
  }

  async openExternal(url: string): Promise<ActionResponse> {
    const decision = decideExternalLink(url, this.#connection.endpoint.url);
    if (!decision.allowed) return { kind: 'error', message: decision.reason };
    await this.#options.openExternal(decision.url);
    return { kind: 'ok' };
  }

  // ---------------------------------------------------------------------------------------------------------

  async #switchEndpoint(url: string | null): Promise<ActionResponse> {
    const { log, userDataDir, environmentUrl } = this.#options;
    let settingsUrl: string | undefined;
    if (url !== null) {
      const parsed = parseEndpoint(url);
      if (!parsed.ok) return { kind: 'error', message: parsed.message };
      settingsUrl = parsed.url;
    }
    const choice = chooseEndpoint({ settingsUrl, environmentUrl });
    const current = this.#connection.endpoint;
    if (sameEndpoint(choice, current)) {
      await saveSettings(userDataDir, { kratosPublicUrl: settingsUrl });
      return { kind: 'ok', message: text.app.alreadyUsing(describeEndpoint(current)) };
    }

    let next: Connection | undefined;
    try {
      next = await openConnection(this.#options, this.#titles, choice, (c, e) => this.#onEmulatorEvent(c, e));
      this.#trying = next;
      // The embedded emulator is ours; any other server must prove it is a Kratos public API first.
      const probe = choice.kind === 'emulator' ? { ok: true as const } : await probeKratos(next.api);
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
      // Not switched: the new connection (and the emulator it may have started) must not outlive the attempt.
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
    this.#emit(next.controller.view());
    return { kind: 'ok', message: text.app.nowUsing(describeEndpoint(next.endpoint)) };
  }

  /** Reads the stored token and checks it (see `#guarded`). */
  #checkSession(connection: Connection): Promise<void> {
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

  /** Events of an emulator no longer in use are dropped: the window shows only the current endpoint's. */
  #onEmulatorEvent(connection: Connection, event: EmulatorEvent): void {
    if (connection !== this.#connection) return;
    if (event.kind === 'mail') {
      for (const listener of this.#mailListeners) listener(event.mail);
      return;
    }
    connection.emulatorProblem = event.notice;
    this.#emit(connection.controller.view());
  }

  #view(): SessionView {
    return withNotices(this.#connection.controller.view(), this.#connection);
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

async function openConnection(
  options: AppCoreOptions,
  titles: TraitTitleMemory,
  choice: EndpointChoice,
  onEmulatorEvent: EmulatorEventSink,
): Promise<Connection> {
  let emulator: RunningEmulator | undefined;
  let endpoint: EndpointView;
  let connection: Connection | undefined;
  if (choice.kind === 'emulator') {
    emulator = await options.startEmulator({
      dataDir: path.join(options.userDataDir, 'emulator'),
      report: (event) => connection && onEmulatorEvent(connection, event),
    });
    endpoint = { url: emulator.url, source: 'emulator' };
    options.log.info('no Kratos endpoint configured: using the embedded emulator', { url: emulator.url });
  } else {
    endpoint = { url: choice.url, source: choice.source };
  }
  try {
    connection = {
      ...options.connect(endpoint, options.keychain, {
        openExternal: options.openExternal,
        learnTitles: (schemaId, learned) => titles.learn(endpoint.url, schemaId, learned),
        ...(options.returnTo === undefined ? {} : { returnTo: options.returnTo }),
        ...(options.passkeyReturnTo === undefined ? {} : { passkeyReturnTo: options.passkeyReturnTo }),
        ...passkeyPage(emulator, options.passkeyPageUrl),
      }),
      endpoint,
      emulator,
      warning: choice.warning,
    };
    return connection;
  } catch (error) {
    await emulator?.stop();
    throw error;
  }
}

/** The emulator's own passkey page (on `localhost`: an RP ID is a domain), else the configured one. */
function passkeyPage(
  emulator: RunningEmulator | undefined,
  configured: string | undefined,
): { passkeyPageUrl?: string } {
  if (emulator !== undefined)
    return { passkeyPageUrl: `http://localhost:${new URL(emulator.url).port}/passkey` };
  return configured === undefined || configured.trim() === '' ? {} : { passkeyPageUrl: configured };
}

function closeConnection(connection: Connection, log: Logger): Promise<void> {
  connection.closed ??= disposeConnection(connection, log);
  return connection.closed;
}

async function disposeConnection(connection: Connection, log: Logger): Promise<void> {
  connection.flows.dispose();
  connection.controller.dispose();
  await connection.api
    .close()
    .catch((error: unknown) => log.warn('closing the client failed', { error: String(error) }));
  await connection.emulator
    ?.stop()
    .catch((error: unknown) => log.warn('stopping the emulator failed', { error: String(error) }));
}

function sameEndpoint(choice: EndpointChoice, current: EndpointView): boolean {
  return choice.kind === 'emulator'
    ? current.source === 'emulator'
    : choice.url === current.url && choice.source === current.source;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function describeEndpoint(endpoint: EndpointView): string {
  return endpoint.source === 'emulator' ? text.app.emulator : endpoint.url;
}

/**
 * A problem with the embedded emulator comes first (it explains any failure the session reports), then a
 * check that failed unexpectedly; the endpoint warning is shown unless the session has something more
 * pressing to say.
 */
function withNotices(view: SessionView, connection: Connection): SessionView {
  const notice = connection.emulatorProblem ?? connection.problem ?? view.notice ?? connection.warning;
  return notice === view.notice ? view : { ...view, notice };
}

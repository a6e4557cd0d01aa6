/**
 * The composition root: builds the app's services from their parts and implements the `AppServices` port
 * the IPC router calls. Plain Node, no Electron: main/index.ts gives it the Electron-backed pieces (the
 * OsKeychain, `shell.openExternal`, userData), and the e2e tests give it an in-memory store and a test emulator.
 *
 * Its parts: the connection in use (connection.ts: one client, session controller and flow service per
 * Kratos endpoint), the endpoint switch (endpoint-switch.ts), the trait titles learned from flows
 * (trait-title-store.ts). With no endpoint configured there is no connection: the window asks for a server, and
 * every other operation answers that none is chosen yet.
 */
import type {
  AboutView,
  ActionResponse,
  BrowserSignInRequest,
  EndpointView,
  FlowResponse,
  Notice,
  SessionView,
  StartFlowRequest,
  SubmitFlowRequest,
  TraitTitlesResponse,
} from '../../shared/ipc-contract';
import type { PasskeyPage, PasskeyPageSetup } from '../flows/passkey-page';
import type { FlowService } from '../flows/service';
import type { AppServices } from '../ipc/services';
import type { Logger } from '../log';
import { parseEndpoint } from '../kratos/endpoint';
import { parseDeepLink, type AuthCallback } from '../policy/deep-link';
import { decideExternalLink } from '../policy/external-links';
import { text } from '../strings';
import {
  ConnectionSlot,
  isConnected,
  type BuildConnection,
  type Connection,
  type StateListener,
} from './connection';
import type { Keychain } from '../keychain/keychain';
import { chooseEndpoint, operatorServer } from './endpoint-choice';
import { EndpointSwitch } from './endpoint-switch';
import { kratosDurationMs, type OperatorConfig } from './operator-config';
import { loadSettings, updateSettings } from './settings';
import type { LanguageChoice } from '../../shared/language';
import { traitTitleLearner } from '../flows/trait-titles';
import { TraitTitleStore } from './trait-title-store';
import { RememberedIdentifiers } from './remembered-identifiers';
import { About, processInfo, type AppInfo } from '../update/about';

export type { StateListener };

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
  /** Builds client, controller and flow service for one endpoint (`buildConnection` in wiring.ts). */
  connect: BuildConnection;
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
   * docs/passkeys.md; `npm start` names the emulator's); it wins over the operator's packaged page. Another
   * server's page is unknown: there, passkey buttons say what its operator must set up.
   */
  passkeyPageUrl?: string;
  /**
   * How this copy of the app learns a server's passkey page (run-configuration.ts): what passkey buttons name
   * on a server without one. A development run's setting (`KRATOS_PASSKEY_PAGE_URL`) when absent.
   */
  passkeySetup?: PasskeyPageSetup;
  /** Where the passkey page hands back: the `kratos-desktop://auth/passkey` deep link when absent. */
  passkeyReturnTo?: string;
  /**
   * Asks the person, outside the window, whether to use `url` as the server from now on (a native message box
   * in the app). Main asks itself because the window's own dialog proves nothing: a compromised page could
   * call `setEndpoint` without it, and the new server would receive that endpoint's token and every sign-in.
   * Asked only for a server that answered as Kratos, right before anything is saved; `false` changes nothing.
   */
  confirmEndpoint: (url: string) => Promise<boolean>;
  /**
   * Whether a sign-in form starts with the identifier last signed in with on its server (settings.json
   * `lastIdentifiers`, remembered-identifiers.ts). The window's comfort: on unless `false`.
   */
  rememberIdentifier?: boolean;
  /** Electron's versions and the updates, for the About view (`processInfo()` when absent). */
  about?: AppInfo;
  log: Logger;
}

export class AppCore implements AppServices {
  readonly #options: AppCoreOptions;
  /** Learned from flows and kept across runs (trait-title-store.ts): answering costs no request. */
  readonly #titles: TraitTitleStore;
  /** The identifier last signed in with per server (remembered-identifiers.ts); none when turned off. */
  readonly #identifiers: RememberedIdentifiers | undefined;
  readonly #slot: ConnectionSlot;
  readonly #switch: EndpointSwitch;
  readonly #sessionChecked: Promise<void>;
  /** The window's language setting (settings.json `language`; none saved: the system's). */
  #language: LanguageChoice;
  readonly #languageListeners = new Set<(choice: LanguageChoice) => void>();
  readonly #about: About;

  private constructor(
    options: AppCoreOptions,
    titles: TraitTitleStore,
    identifiers: RememberedIdentifiers | undefined,
    slot: ConnectionSlot,
    language: LanguageChoice,
  ) {
    this.#options = options;
    this.#language = language;
    this.#about = new About({ ...(options.about ?? processInfo()), server: () => this.endpoint() });
    this.#titles = titles;
    this.#identifiers = identifiers;
    this.#slot = slot;
    this.#switch = new EndpointSwitch(
      {
        userDataDir: options.userDataDir,
        environmentUrl: options.environmentUrl,
        operator: options.operator,
        confirmEndpoint: options.confirmEndpoint,
        log: options.log,
      },
      slot,
    );
    this.#sessionChecked = slot.start(slot.current);
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
    const titles = await TraitTitleStore.open(options.userDataDir, options.log);
    const { keychain, connect, openExternal, returnTo, passkeyReturnTo, log } = options;
    const identifiers =
      options.rememberIdentifier === false
        ? undefined
        : new RememberedIdentifiers(options.userDataDir, log, loaded.settings.lastIdentifiers);
    const slot = new ConnectionSlot(
      {
        keychain,
        build: connect,
        hooks: (endpoint) => ({
          openExternal,
          ...(returnTo === undefined ? {} : { returnTo }),
          ...(passkeyReturnTo === undefined ? {} : { passkeyReturnTo }),
          passkeyPage: passkeyPage(options, endpoint.url),
          ...operatorPrivilegedAge(options.operator, endpoint.url),
          ...(identifiers === undefined ? {} : { lastIdentifier: () => identifiers.get(endpoint.url) }),
        }),
        // The trait titles each endpoint's flows show are kept for it (answering traitTitles costs nothing),
        // and so is the identifier last signed in with there.
        opened: ({ flows, endpoint }) => {
          flows.onFlow(
            traitTitleLearner((schemaId, learned) => titles.learn(endpoint.url, schemaId, learned)),
          );
          if (identifiers !== undefined)
            flows.onFlow((event) => {
              if (event.type === 'signed-in') identifiers.remember(endpoint.url, event.identifier);
            });
        },
        locked: options.operator?.allowServerChange === false,
        log,
      },
      choice,
    );
    return new AppCore(options, titles, identifiers, slot, loaded.settings.language ?? 'system');
  }

  /** `open`, then wait for the first session check (tests, and anything that needs the answer first). */
  static async start(options: AppCoreOptions): Promise<AppCore> {
    const core = await AppCore.open(options);
    await core.sessionChecked;
    return core;
  }

  /** Settles (never rejects) when the session check `open` started is done. */
  get sessionChecked(): Promise<void> {
    return this.#sessionChecked;
  }

  /** The endpoint in use (for the external-link allowlist and the window title); none before one is chosen. */
  endpoint(): EndpointView | undefined {
    const connection = this.#slot.current;
    return isConnected(connection) ? connection.endpoint : undefined;
  }

  /** The window's language setting: a language, or `system` (`KRATOS_DESKTOP_LANG`, else the OS's). */
  languageSetting(): LanguageChoice {
    return this.#language;
  }

  /** Subscribe to changes of the language setting (main reloads the window in it). Returns the unsubscribe. */
  onLanguage(listener: (choice: LanguageChoice) => void): () => void {
    this.#languageListeners.add(listener);
    return () => this.#languageListeners.delete(listener);
  }

  /** Subscribe to every new SessionView (to push it to the window). Returns the unsubscribe function. */
  onState(listener: StateListener): () => void {
    return this.#slot.onState(listener);
  }

  /** Window focus / system resume: ask Kratos again unless it was asked very recently. */
  async revalidate(): Promise<void> {
    const connection = this.#slot.current;
    if (isConnected(connection)) await connection.controller.revalidate();
  }

  async stop(): Promise<void> {
    await this.#switch.stop();
    await this.#slot.stop();
    await this.#titles.saved();
    await this.#identifiers?.saved();
  }

  // ---------------------------------------------------------------------------------------------------------
  // AppServices

  /** Saved first (a restart keeps it), then the listeners switch main's sentences and reload the window. */
  async setLanguage(choice: LanguageChoice): Promise<ActionResponse> {
    try {
      await updateSettings(this.#options.userDataDir, { language: choice === 'system' ? undefined : choice });
    } catch (error) {
      this.#options.log.error('could not save the language setting', { error: String(error) });
      return { kind: 'error', message: text.app.languageNotSaved };
    }
    this.#language = choice;
    for (const listener of this.#languageListeners) listener(choice);
    return { kind: 'ok' };
  }

  async getState(): Promise<SessionView> {
    return this.#slot.view();
  }

  async retry(): Promise<SessionView> {
    const connection = this.#slot.current;
    if (isConnected(connection)) await this.#slot.check(connection, () => connection.controller.check());
    return this.#slot.view();
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
    const connection = this.#slot.current;
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
      if (note !== undefined) this.#slot.pushWith(note);
    });
    return { accepted: true, settled };
  }

  /**
   * A social sign-in's return code, from the deep link or the terminal client's loopback listener. Settles
   * when the sign-in it belonged to has ended; a note says why it was ignored (the code is never logged).
   */
  async redeemAuthCallback(callback: AuthCallback): Promise<Notice | undefined> {
    const connection = this.#slot.current;
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
    const connection = this.#slot.current;
    if (!isConnected(connection)) return { kind: 'error', message: text.app.noServer };
    const response = await step(connection.flows);
    const now = this.#slot.current;
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

  async traitTitles(schemaId: string): Promise<TraitTitlesResponse> {
    const endpoint = this.endpoint();
    return { titles: endpoint === undefined ? [] : this.#titles.titles(endpoint.url, schemaId) };
  }

  setEndpoint(url: string | null): Promise<ActionResponse> {
    return this.#switch.request(url);
  }

  async retryKeychain(): Promise<ActionResponse> {
    const status = await this.#options.keychain.retry();
    this.#slot.push();
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

  about(): Promise<AboutView> {
    return this.#about.about();
  }

  restartToUpdate(): Promise<ActionResponse> {
    return this.#about.restartToUpdate();
  }
}

/**
 * The passkey page of `url`: the one in `KRATOS_PASSKEY_PAGE_URL` when `url` is the server it was named with
 * (`KRATOS_PUBLIC_URL`, `--endpoint`; none named: the operator's server), else the operator's packaged page
 * when `url` is the operator's server. A page belongs to its server only; without one, which setting would
 * give it.
 */
function passkeyPage(options: AppCoreOptions, url: string): PasskeyPage {
  const fromEnvironment = options.passkeyPageUrl?.trim();
  const operator = options.operator;
  if (fromEnvironment) {
    const named = parseEndpoint(
      options.commandLineUrl ?? options.environmentUrl ?? operator?.kratosPublicUrl ?? '',
    );
    if (named.ok && named.url === url) return { kind: 'page', url: fromEnvironment };
  }
  return operator?.passkeyPageUrl !== undefined && operator.kratosPublicUrl === url
    ? { kind: 'page', url: operator.passkeyPageUrl }
    : { kind: 'none', setup: options.passkeySetup ?? 'environment' };
}

/**
 * The operator's `privilegedSessionMaxAge`, for the operator's server only (as its passkey page): another
 * server's age is unknown, so there the flow service assumes Kratos's default.
 */
function operatorPrivilegedAge(
  operator: OperatorConfig | undefined,
  url: string,
): { privilegedSessionMaxAgeMs?: number } {
  const maxAge = operator?.kratosPublicUrl === url ? operator.privilegedSessionMaxAge : undefined;
  const ms = maxAge === undefined ? null : kratosDurationMs(maxAge);
  return ms === null ? {} : { privilegedSessionMaxAgeMs: ms };
}

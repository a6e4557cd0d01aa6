/**
 * The connection lifecycle: one connection per Kratos endpoint (a client, a session controller and a flow
 * service, built by wiring.ts), the one in use held by `ConnectionSlot`.
 *
 * The slot forwards the connection's session views to its listeners, with the notices only the app knows
 * (why a configured endpoint was skipped, a check that failed unexpectedly). Replacing the connection
 * (endpoint-switch.ts) attaches the new one first and only then closes the old one. With no endpoint
 * configured there is no connection: the view is "no server".
 */
import type { EndpointView, Notice, SessionView } from '../../shared/ipc-contract';
import type { PasskeyPage } from '../flows/passkey-page';
import type { FlowService } from '../flows/service';
import type { KratosApi } from '../kratos/api';
import type { Logger } from '../log';
import type { SessionController } from '../session/controller';
import type { Keychain } from '../keychain/keychain';
import type { EndpointChoice } from './endpoint-choice';
import { text } from '../strings';

/** What one endpoint's connection is made of. */
export interface ConnectionParts {
  api: KratosApi;
  controller: SessionController;
  flows: FlowService;
}

/** What the app hands every connection it builds. */
export interface ConnectionHooks {
  /** Opens a social sign-in provider's page in the system browser. */
  openExternal: (url: string) => Promise<void>;
  /** Where Kratos sends the browser back after a social sign-in (the flow service's default when absent). */
  returnTo?: string;
  /** The passkey page for this endpoint (docs/passkeys.md), or which setting would give it one. */
  passkeyPage?: PasskeyPage;
  /** Where the passkey page hands back (the flow service's default, the app's deep link, when absent). */
  passkeyReturnTo?: string;
  /** This endpoint's privileged session age when its operator said it (Kratos's default, 1h, when absent). */
  privilegedSessionMaxAgeMs?: number;
  /** The identifier last signed in with on this endpoint: the next sign-in form starts with it. */
  lastIdentifier?: () => string | undefined;
}

/** Builds one endpoint's parts (`buildConnection` in wiring.ts; tests tune it). */
export type BuildConnection = (
  endpoint: EndpointView,
  keychain: Keychain,
  hooks: ConnectionHooks,
) => ConnectionParts;

export interface Connection extends ConnectionParts {
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

export type AnyConnection = Connection | NoConnection;

export type StateListener = (view: SessionView) => void;

export function isConnected(connection: AnyConnection): connection is Connection {
  return 'endpoint' in connection;
}

export interface ConnectionSlotOptions {
  keychain: Keychain;
  build: BuildConnection;
  /** What the connection for `endpoint` is handed. */
  hooks: (endpoint: EndpointView) => ConnectionHooks;
  /** Called with every connection built, before it is used (to observe its flows). */
  opened: (connection: Connection) => void;
  /** The package locks the server (`allowServerChange: false`): the endpoint view says so. */
  locked: boolean;
  log: Logger;
}

/** The connection in use, and the session views it sends. */
export class ConnectionSlot {
  readonly #options: ConnectionSlotOptions;
  readonly #listeners = new Set<StateListener>();
  #current: AnyConnection;
  #unsubscribe: () => void = () => undefined;

  constructor(options: ConnectionSlotOptions, choice: EndpointChoice) {
    this.#options = options;
    this.#current = this.open(choice);
    this.#attach(this.#current);
  }

  get current(): AnyConnection {
    return this.#current;
  }

  /** Builds the connection for `choice`, not yet in use. */
  open(choice: EndpointChoice): AnyConnection {
    const { build, keychain, hooks, locked, log, opened } = this.#options;
    if (choice.kind === 'none') {
      log.info('no Kratos endpoint configured: the window asks for one');
      return { warning: choice.warning };
    }
    const endpoint: EndpointView = { url: choice.url, source: choice.source, ...(locked ? { locked } : {}) };
    const connection = { ...build(endpoint, keychain, hooks(endpoint)), endpoint, warning: choice.warning };
    opened(connection);
    return connection;
  }

  /** Puts `next` in use and closes the connection it replaces. */
  async replace(next: AnyConnection): Promise<void> {
    const previous = this.#current;
    this.#attach(next);
    await this.close(previous);
  }

  /** Disposes of a connection's parts once; closing again waits for that close. */
  close(connection: AnyConnection): Promise<void> {
    if (!isConnected(connection)) return Promise.resolve();
    connection.closed ??= this.#dispose(connection);
    return connection.closed;
  }

  /** Stops forwarding and closes the connection in use (the app quits). */
  async stop(): Promise<void> {
    this.#unsubscribe();
    await this.close(this.#current);
    this.#listeners.clear();
  }

  /** Subscribe to every new SessionView (to push it to the window). Returns the unsubscribe function. */
  onState(listener: StateListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Reads the stored token and checks it (see `check`); nothing to check without a server. */
  start(connection: AnyConnection): Promise<void> {
    if (!isConnected(connection)) return Promise.resolve();
    return this.check(connection, () => connection.controller.start());
  }

  /**
   * The controller turns every answer of Kratos into a state; should a check still throw (a bug), the window
   * must not stay blank or stuck: the failure is logged and shown as a notice on this connection until a
   * check succeeds ("Retry" runs one).
   */
  async check(connection: Connection, check: () => Promise<unknown>): Promise<void> {
    try {
      await check();
      connection.problem = undefined;
    } catch (error) {
      this.#options.log.error('the session check failed', { error: describeError(error) });
      connection.problem = { level: 'error', text: text.app.checkFailed };
    }
    if (connection === this.#current) this.#emit(connection.controller.view());
  }

  /** The view of the connection in use, with the app's notices. */
  view(): SessionView {
    return withNotices(this.#rawView(), this.#current);
  }

  /** Sends the current view again (something outside the controller changed, e.g. the keychain). */
  push(): void {
    this.#emit(this.#rawView());
  }

  /** A one-off note on top of the current view (the next state push replaces it). */
  pushWith(notice: Notice): void {
    const view = { ...this.view(), notice };
    for (const listener of this.#listeners) listener(view);
  }

  /** Forward the connection's session views to our listeners (and stop forwarding the previous one's). */
  #attach(connection: AnyConnection): void {
    this.#unsubscribe();
    this.#current = connection;
    this.#unsubscribe = isConnected(connection)
      ? connection.controller.subscribe((view) => this.#emit(view))
      : () => undefined;
  }

  /** The controller's view of the current connection, or the "no server" view. */
  #rawView(): SessionView {
    const connection = this.#current;
    return isConnected(connection)
      ? connection.controller.view()
      : { status: 'no-server', keychain: this.#options.keychain.status() };
  }

  #emit(view: SessionView): void {
    const shown = withNotices(view, this.#current);
    for (const listener of this.#listeners) listener(shown);
  }

  async #dispose(connection: Connection): Promise<void> {
    connection.flows.dispose();
    connection.controller.dispose();
    await connection.api
      .close()
      .catch((error: unknown) =>
        this.#options.log.warn('closing the client failed', { error: String(error) }),
      );
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * A check that failed unexpectedly comes first, then what the session says; the endpoint warning is shown
 * unless the session has something more pressing to say.
 */
function withNotices(view: SessionView, connection: AnyConnection): SessionView {
  const problem = isConnected(connection) ? connection.problem : undefined;
  const notice = problem ?? view.notice ?? connection.warning;
  return notice === view.notice ? view : { ...view, notice };
}

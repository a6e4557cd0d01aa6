/**
 * The IPC contract between the renderer and the main process: channel names, request and response types,
 * and the state the renderer is allowed to see. Main, the preload and the renderer import it (it lives in
 * shared/, beside all three, see docs/adr/0007-ipc-contract-in-shared.md); the preload bundle exposes exactly
 * these operations through `window.kratos`.
 *
 * Nothing here ever carries the session token. `SessionView` is a projection made in main; the token stays
 * in main and in the OS keychain.
 */
import type { Aal, FlowKind, UiContainer } from './kratos-wire';
import type { LanguageChoice } from './language';

/** Kratos's own words for the flows and assurance levels, used as they are in the contract. */
export type { Aal, FlowKind };

/**
 * An invoke operation is a method of `KratosDesktopApi` (below); its channel is its name, so no list of
 * channels is kept in step with it. Main checks each operation's arguments (main/ipc/operations.ts) and
 * answers it with the `AppServices` method of the same name; the preload exposes it (preload/index.ts).
 */
export type InvokeOperation = Exclude<keyof KratosDesktopApi, 'onState' | 'onUpdate'>;
export type InvokeChannel = `kratos:${InvokeOperation}`;

export function channelOf<O extends InvokeOperation>(operation: O): `kratos:${O}` {
  return `kratos:${operation}`;
}

/** main → renderer push of a new SessionView (main sends on this and `updateChannel`; the rest are invoked). */
export const stateChannel = 'kratos:state';
/** main → renderer push of a new UpdateView (a download's progress, a verified update to offer). */
export const updateChannel = 'kratos:update';

/** The arguments an operation takes, and the value it answers with when it succeeds. */
export type OperationArguments<O extends InvokeOperation> = Parameters<KratosDesktopApi[O]>;
export type OperationAnswer<O extends InvokeOperation> =
  Awaited<ReturnType<KratosDesktopApi[O]>> extends IpcResult<infer T> ? T : never;

/** Every invoke answers with this: a bad payload or an unknown sender is a value, not a thrown error. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };
export interface IpcError {
  code: 'invalid-payload' | 'forbidden-sender' | 'failed';
  /** Human text, safe to show. */
  message: string;
}

// ---------------------------------------------------------------------------------------------------------
// Session state

export interface IdentitySummary {
  id: string;
  schemaId: string;
  traits: Record<string, unknown>;
  verifiableAddresses: { value: string; via: string; verified: boolean }[];
}

interface AuthenticationMethodView {
  method: string;
  aal: Aal;
  completedAt: string | undefined;
}

export interface DeviceView {
  id: string;
  ipAddress: string | undefined;
  userAgent: string | undefined;
  location: string | undefined;
}

export interface SessionSummary {
  id: string;
  aal: Aal;
  identity: IdentitySummary | null;
  authenticationMethods: AuthenticationMethodView[];
  authenticatedAt: string | undefined;
  issuedAt: string | undefined;
  expiresAt: string | undefined;
  devices: DeviceView[];
}

export interface EndpointView {
  url: string;
  /** Where the URL comes from: the window's settings, `KRATOS_PUBLIC_URL`, or the operator's package. */
  source: 'environment' | 'settings' | 'operator';
  /** The operator's package does not let people switch servers: the window offers no change. */
  locked?: true;
}

/** What the window shows about the keychain: tokens kept across restarts, or in memory only and why. */
export type KeychainView =
  | { kind: 'persisted'; backend: string }
  | {
      kind: 'memory';
      /** Why the OS keychain cannot be used, in human words. */
      reason: string;
      /** What the user can do about it. */
      hint: string;
    };

/** Something the user should read that is not an error of the current screen. */
export interface Notice {
  level: 'info' | 'warning' | 'error';
  text: string;
}

interface ViewBase {
  endpoint: EndpointView;
  keychain: KeychainView;
  notice?: Notice;
}

export type SessionView =
  /** No server is configured yet: the window asks for one ("Connect to your Kratos server"). */
  | { status: 'no-server'; keychain: KeychainView; notice?: Notice }
  | (ViewBase & { status: 'signed-out' })
  | (ViewBase & {
      status: 'checking';
      /** The session the server last confirmed, while it is checked again (not current: not confirmed now). */
      lastSession?: SessionSummary;
    })
  | (ViewBase & { status: 'signed-in'; session: SessionSummary })
  | (ViewBase & {
      status: 'second-factor-required';
      /** Second-factor methods the identity has, e.g. `totp`, `lookup_secret`, `code`. */
      methods: string[];
    })
  | (ViewBase & {
      status: 'unreachable';
      message: string;
      /** When the next automatic check runs (ISO time). */
      retryAt: string | undefined;
      /** The server is there but answered 429: it asked the app to slow down. */
      rateLimited: boolean;
      /** The session the server last confirmed for the kept token (not current: the server cannot say now). */
      lastSession?: SessionSummary;
    });

// ---------------------------------------------------------------------------------------------------------
// Flows

/** A Kratos flow as the renderer sees it: enough to render `ui` and nothing secret. */
export interface FlowView {
  id: string;
  kind: FlowKind;
  /** Kratos flow state (`choose_method`, `sent_email`, `passed_challenge`, `success`...). */
  state: string | undefined;
  expiresAt: string | undefined;
  /** For login flows: a refresh (re-authentication) or an aal2 step-up. */
  refresh?: boolean;
  requestedAal?: Aal;
  /**
   * For a re-authentication a settings change asked for: that change's settings method (`password`,
   * `profile`, `totp`…), which main sends again once the person confirms it is them ("Confirm it's you");
   * `add-passkey` when the passkey is made only after the confirmation.
   */
  pendingChange?: string;
  ui: UiContainer;
}

export interface StartFlowRequest {
  kind: FlowKind;
  /** Login only: re-authenticate (`refresh=true`) or step up (`aal=aal2`). */
  refresh?: boolean;
  aal?: 'aal1' | 'aal2';
}

/** Form values as JSON: dotted names already nested (`traits.email` → `{traits: {email}}`). */
export type FlowValues = Record<string, unknown>;

export interface SubmitFlowRequest {
  flowId: string;
  values: FlowValues;
}

/** What the person can do while a social sign-in waits for the browser. */
export interface BrowserSignInRequest {
  flowId: string;
  action: 'reopen' | 'cancel';
}

export type FlowResponse =
  /** Show this flow: a new one, or the same one updated with messages. */
  | { kind: 'flow'; flow: FlowView }
  /**
   * The flow finished; the session state was pushed. `next` is a flow to continue with, if any; `press`, a
   * button of `next` the client presses at once, as the person would: "Add passkey", pressed before a
   * re-authentication that had to come first (docs/passkeys.md#re-authentication-first).
   */
  | { kind: 'done'; message?: string; next?: FlowView; press?: 'passkey_register_trigger' }
  /** Nothing to render; show the message. */
  | { kind: 'error'; message: string; errorId?: string }
  /**
   * A submit Kratos did not take (429 "slow down", 5xx) or that got no answer (network, timeout): the flow on
   * screen is still good. Show the message next to it; the person sends again when they choose (never the
   * app by itself).
   */
  | { kind: 'not-sent'; message: string };

// ---------------------------------------------------------------------------------------------------------
// Other sessions

export interface SessionListItem {
  id: string;
  current: boolean;
  aal: Aal;
  authenticatedAt: string | undefined;
  expiresAt: string | undefined;
  devices: DeviceView[];
}

export type SessionListResponse =
  { kind: 'sessions'; sessions: SessionListItem[] } | { kind: 'error'; message: string };

// ---------------------------------------------------------------------------------------------------------
// Trait titles

/** A trait's title from the identity schema: `path` is dotted (`email`, `name.first`), `title` is `E-Mail`. */
export interface TraitTitle {
  path: string;
  title: string;
}

/**
 * The titles main knows for a schema (none yet: the window says the trait keys in words). A list, not a
 * record: the keys come from a server and must never become object keys (`__proto__`).
 */
export interface TraitTitlesResponse {
  titles: TraitTitle[];
}

// ---------------------------------------------------------------------------------------------------------
// Updates and the About view

/**
 * Where the installed app's update stands (main/update/updates.ts). Main sends states, never sentences: the
 * window words them (shared/strings `about.update`).
 */
export type UpdateView =
  /** Never checks: a development run, a package without an update feed, or one that cannot replace itself. */
  | { state: 'off'; reason: 'development' | 'no-feed' | 'not-installable' }
  /** Not checked yet. */
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'up-to-date'; checkedAt: string }
  /** The feed could not be reached or read: quiet, tried again at `retryAt` (ISO time). */
  | { state: 'unreachable'; retryAt: string }
  | { state: 'downloading'; version: string; percent: number }
  /** Downloaded and verified: "Restart to update" installs it. */
  | { state: 'ready'; version: string }
  /** The download was refused (`not-verified`: its sha512 or signature did not match) or broke off. */
  | { state: 'failed'; version: string; reason: 'not-verified' | 'download' };

export interface AboutView {
  appVersion: string;
  electronVersion: string;
  chromiumVersion: string;
  /** The server in use; none before one is chosen. */
  server: EndpointView | undefined;
  update: UpdateView;
}

export type ActionResponse = { kind: 'ok'; message?: string } | { kind: 'error'; message: string };

// ---------------------------------------------------------------------------------------------------------
// The object the preload exposes as `window.kratos`.

export interface KratosDesktopApi {
  getState(): Promise<IpcResult<SessionView>>;
  /** Subscribe to state pushes; returns the unsubscribe function. */
  onState(listener: (state: SessionView) => void): () => void;
  /** Check the session again now (the "Retry" button of the unreachable screen). */
  retry(): Promise<IpcResult<SessionView>>;
  logout(): Promise<IpcResult<ActionResponse>>;
  startFlow(request: StartFlowRequest): Promise<IpcResult<FlowResponse>>;
  /**
   * A provider button's submit (`method: oidc`) answers when the browser part is over: signed in, the flow
   * again (cancelled, or with Kratos's message), or an error (timed out).
   */
  submitFlow(request: SubmitFlowRequest): Promise<IpcResult<FlowResponse>>;
  /** "Open the browser again" / "Cancel" while a social sign-in continues in the system browser. */
  browserSignIn(request: BrowserSignInRequest): Promise<IpcResult<ActionResponse>>;
  listSessions(): Promise<IpcResult<SessionListResponse>>;
  revokeSession(id: string): Promise<IpcResult<ActionResponse>>;
  revokeOtherSessions(): Promise<IpcResult<ActionResponse>>;
  /** The identity schema's titles for the traits, as far as main has learned them from flows (no request). */
  traitTitles(schemaId: string): Promise<IpcResult<TraitTitlesResponse>>;
  /** `null` forgets the saved server: back to `KRATOS_PUBLIC_URL`, or to no server. */
  setEndpoint(url: string | null): Promise<IpcResult<ActionResponse>>;
  retryKeychain(): Promise<IpcResult<ActionResponse>>;
  openExternal(url: string): Promise<IpcResult<ActionResponse>>;
  /**
   * The window's language setting (`system`: `KRATOS_DESKTOP_LANG`, else the OS's). Saved in settings.json;
   * main then switches its own sentences and reloads the page in that language (`?lang=`).
   */
  setLanguage(language: LanguageChoice): Promise<IpcResult<ActionResponse>>;
  about(): Promise<IpcResult<AboutView>>;
  restartToUpdate(): Promise<IpcResult<ActionResponse>>;
  /** Subscribe to update pushes (a download's progress, a verified update to offer); returns the unsubscribe. */
  onUpdate(listener: (update: UpdateView) => void): () => void;
}

export const exposedApiName = 'kratos';

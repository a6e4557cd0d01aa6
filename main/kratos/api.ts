/**
 * The Kratos public API as the rest of the main process sees it: one method per native-flow endpoint, each
 * returning a `KratosResult`. `createKratosClient` (client.ts) implements it over undici; tests may pass
 * any object of this type.
 *
 * Payload types are the official SDK models (type-only imports: no SDK code runs).
 */
import type {
  LoginFlow,
  RecoveryFlow,
  RegistrationFlow,
  Session,
  SessionCount,
  SettingsFlow,
  SuccessfulNativeLogin,
  SuccessfulNativeRegistration,
  VerificationFlow,
} from '../../shared/kratos-wire';
import type { KratosResult } from './result';

/** A session token (`ory_st_…`). Only main-process code ever holds one. */
export type SessionToken = string;

/** JSON body of a flow submit, already nested (`{method: 'password', identifier, password}`). */
type SubmitBody = Record<string, unknown>;

interface CreateLoginFlowOptions {
  /** Re-authenticate an existing session (`refresh=true`); requires `token`. */
  refresh?: boolean;
  /** Request `aal2` to step up an existing aal1 session; requires `token`. */
  aal?: 'aal1' | 'aal2';
  /** Sent as `X-Session-Token` when refreshing or stepping up. */
  token?: SessionToken;
  /** Ask for a session token exchange code (social sign-in); only honoured without a session. */
  exchange?: ExchangeOptions;
}

export interface ExchangeOptions {
  /**
   * `return_to`, where Kratos sends the browser with `?code=<return_to_code>` after a social sign-in. The
   * flow is created with `return_session_token_exchange_code=true` and carries `session_token_exchange_code`.
   */
  returnTo: string;
}

interface ListSessionsOptions {
  pageSize?: number;
  pageToken?: string;
}

export interface SessionPage {
  sessions: Session[];
  /** From the `Link` header (`rel="next"`), when there are more. */
  nextPageToken: string | undefined;
}

export interface KratosApi {
  /** The normalized public URL this client talks to. */
  readonly baseUrl: string;

  /** `GET /health/alive`: the process answers (`{status: "ok"}`). Used to check a server before switching. */
  checkAlive(): Promise<KratosResult<{ status: string }>>;

  createLoginFlow(options?: CreateLoginFlowOptions): Promise<KratosResult<LoginFlow>>;
  getLoginFlow(id: string): Promise<KratosResult<LoginFlow>>;
  submitLoginFlow(
    id: string,
    body: SubmitBody,
    token?: SessionToken,
  ): Promise<KratosResult<SuccessfulNativeLogin, LoginFlow>>;

  createRegistrationFlow(options?: { exchange?: ExchangeOptions }): Promise<KratosResult<RegistrationFlow>>;
  getRegistrationFlow(id: string): Promise<KratosResult<RegistrationFlow>>;
  submitRegistrationFlow(
    id: string,
    body: SubmitBody,
  ): Promise<KratosResult<SuccessfulNativeRegistration, RegistrationFlow>>;

  createSettingsFlow(token: SessionToken): Promise<KratosResult<SettingsFlow>>;
  getSettingsFlow(id: string, token: SessionToken): Promise<KratosResult<SettingsFlow>>;
  /** Settings answers with the flow both on success (200, state `success`) and on validation errors (400). */
  submitSettingsFlow(
    id: string,
    body: SubmitBody,
    token: SessionToken,
  ): Promise<KratosResult<SettingsFlow, SettingsFlow>>;

  createRecoveryFlow(): Promise<KratosResult<RecoveryFlow>>;
  getRecoveryFlow(id: string): Promise<KratosResult<RecoveryFlow>>;
  submitRecoveryFlow(id: string, body: SubmitBody): Promise<KratosResult<RecoveryFlow, RecoveryFlow>>;

  createVerificationFlow(): Promise<KratosResult<VerificationFlow>>;
  getVerificationFlow(id: string): Promise<KratosResult<VerificationFlow>>;
  submitVerificationFlow(
    id: string,
    body: SubmitBody,
  ): Promise<KratosResult<VerificationFlow, VerificationFlow>>;

  /**
   * `GET /sessions/token-exchange`: the session a social sign-in created, for the flow's init code and the
   * return code from the browser's callback. 404 = no session for the pair (Kratos v1.3.1 answers a failed
   * sign-in this way too: it sends the browser back without a code instead; main/policy/deep-link.ts).
   */
  exchangeSessionToken(
    initCode: string,
    returnToCode: string,
  ): Promise<KratosResult<SuccessfulNativeLogin, LoginFlow | RegistrationFlow>>;

  /** `GET /sessions/whoami` with `X-Session-Token`. */
  whoami(token: SessionToken): Promise<KratosResult<Session>>;
  /** `DELETE /self-service/logout/api` with `{session_token}`; success is 204. */
  logout(token: SessionToken): Promise<KratosResult<void>>;
  /** `GET /sessions`: the identity's other active sessions. */
  listSessions(token: SessionToken, options?: ListSessionsOptions): Promise<KratosResult<SessionPage>>;
  /** `DELETE /sessions/{id}`: revoke one of the identity's other sessions. */
  revokeSession(token: SessionToken, id: string): Promise<KratosResult<void>>;
  /** `DELETE /sessions`: revoke every session but the current one. */
  revokeOtherSessions(token: SessionToken): Promise<KratosResult<SessionCount>>;

  /** Destroy the dedicated HTTP agent: requests under way end at once (as `unreachable`). */
  close(): Promise<void>;
}

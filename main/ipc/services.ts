/**
 * The port main/ipc calls: one operation per invoke channel, already validated. main/app implements it from
 * the session controller, the flow service and the vault; the IPC layer knows nothing else of the app.
 */
import type {
  ActionResponse,
  BrowserSignInRequest,
  FlowResponse,
  SessionListResponse,
  SessionView,
  StartFlowRequest,
  SubmitFlowRequest,
  TraitTitlesResponse,
} from '../../shared/ipc-contract';

export interface AppServices {
  getState(): Promise<SessionView>;
  /** Check the session again now (the "Retry" button of the unreachable screen). */
  retry(): Promise<SessionView>;
  logout(): Promise<ActionResponse>;
  startFlow(request: StartFlowRequest): Promise<FlowResponse>;
  submitFlow(request: SubmitFlowRequest): Promise<FlowResponse>;
  browserSignIn(request: BrowserSignInRequest): Promise<ActionResponse>;
  listSessions(): Promise<SessionListResponse>;
  revokeSession(id: string): Promise<ActionResponse>;
  revokeOtherSessions(): Promise<ActionResponse>;
  /** The identity schema's trait titles; the schema is fetched at most once per schema id and endpoint. */
  traitTitles(schemaId: string): Promise<TraitTitlesResponse>;
  /** `null` forgets the saved endpoint: back to `KRATOS_PUBLIC_URL`, else to no server. */
  setEndpoint(url: string | null): Promise<ActionResponse>;
  retryKeychain(): Promise<ActionResponse>;
  openExternal(url: string): Promise<ActionResponse>;
}

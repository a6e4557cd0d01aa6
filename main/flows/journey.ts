/**
 * What a journey that leaves the form asks of the flow service (service.ts). Social sign-in
 * (social-sign-in.ts) is one: the person continues in the system browser, and whatever comes back ends in
 * one of these steps. A passkey ceremony is built the same way: its own module, given these steps and the
 * browser wait (browser-sign-in.ts), with no way back into the service's other journeys.
 */
import type { AnyFlow, ContinueWith, Identity, Session } from '../../shared/kratos-wire';
import type { FlowKind, FlowResponse, FlowView } from '../../shared/ipc-contract';
import type { SessionToken } from '../kratos/api';
import type { KratosResult } from '../kratos/result';
import type { FlowEntry } from './flow-memory';

export type LoginEntry = Extract<FlowEntry, { kind: 'login' }>;

export interface FlowSteps {
  /** Puts a flow on screen: remembered (with `entry`) for its submit, observers told, the window's view. */
  rememberAndShow(entry: FlowEntry, flow: AnyFlow): { kind: 'flow'; flow: FlowView };
  /** Open a new flow for `entry` (after an expiry, or when nothing else can be shown). */
  open(entry: FlowEntry): Promise<FlowResponse>;
  /** The flow as Kratos has it now; `undefined` when it cannot be asked (settings without a session). */
  fetchFlow(kind: FlowKind, id: string): Promise<KratosResult<AnyFlow> | undefined>;
  /** A login ended with a token: signed in, or on to the next step (second factor, the change to re-send). */
  loggedIn(
    entry: LoginEntry,
    token: SessionToken | undefined,
    session?: Session,
    continueWith?: ContinueWith[] | null,
  ): Promise<FlowResponse>;
  /** A registration ended: signed in when Kratos gave a token. */
  registered(
    token: SessionToken | undefined,
    session?: Session,
    continueWith?: ContinueWith[] | null,
  ): Promise<FlowResponse>;
  /** The registration flow `flowId` created this identity (the service tells its observers). */
  identityCreated(flowId: string, identity: Identity): void;
  /** Kratos refused: its message in words (and, after a 401, the session state brought up to date). */
  kratosError(result: Extract<KratosResult<unknown>, { kind: 'error' }>): Promise<FlowResponse>;
}

/**
 * What the flow service tells its observers (`FlowService.onFlow`): a flow was shown, a registration created
 * an identity, a person signed in with an identifier. Observers learn from them without the service knowing what they learn (the app's trait
 * titles: trait-titles.ts). Observers run synchronously, before the step's answer goes back.
 */
import type { FlowKind } from '../../shared/ipc-contract';
import type { AnyFlow, Identity } from '../../shared/kratos-wire';

export type FlowEvent =
  /** `flow` is about to be shown in the window as a flow of `kind`. */
  | { type: 'shown'; kind: FlowKind; flow: AnyFlow }
  /** The registration flow `flowId` created `identity` (by a submit, or a social sign-in from it). */
  | { type: 'registered'; flowId: string; identity: Identity }
  /**
   * A first-factor sign-in with a typed identifier succeeded (password or code): the app remembers it for
   * the next sign-in form (remembered-identifier.ts). Only the identifier: never the password or a code.
   */
  | { type: 'signed-in'; identifier: string };

export type FlowObserver = (event: FlowEvent) => void;

/**
 * The answers recovery and verification share: Kratos's code strategy runs both flows the same way (an
 * address, then a code; strategy/code/strategy_recovery.go and strategy_verification.go), so a malformed
 * address, a code before any address, and a flow spent after five codes are answered alike.
 */
import type { App } from '../app';
import { emailNodes, newCodeFlowBody, type CodeFlowKind } from '../domain/code-flows';
import { addFlowMessage, addNodeMessage, type FlowRecord } from '../domain/flow';
import type { Reply } from '../http/reply';
import { text, type UiText } from '../messages';
import { CODE_SUBMITTED_TOO_OFTEN } from './code-method';
import { flowContext, replyWithFlow } from './flow-helpers';

/** A new recovery or verification flow, as requested at `requestUrl`. */
export function newCodeFlowRecord(app: App, kind: CodeFlowKind, requestUrl: string): FlowRecord {
  return { kind, body: newCodeFlowBody(kind, flowContext(app, kind, requestUrl)) };
}

/** A malformed address: the flow asks for the address again, the problem on its field. */
export function refuseAddress(app: App, record: FlowRecord, kind: CodeFlowKind, problem: UiText): Reply {
  record.body.state = 'choose_method';
  record.body.ui.nodes = emailNodes(kind);
  addNodeMessage(record.body, 'email', problem);
  return replyWithFlow(app, record, 400);
}

/** No code, or a code before one was sent: Kratos asks for the email first. */
export function emailRequired(app: App, record: FlowRecord): Reply {
  addNodeMessage(record.body, 'email', text.validationRequired('email'));
  return replyWithFlow(app, record, 400);
}

/** Five codes used: `spent` is kept as it is, and `fresh` is saved carrying Kratos's "submitted too often". */
export function replaceSpentFlow(app: App, spent: FlowRecord, fresh: FlowRecord): FlowRecord {
  app.store.saveFlow(spent);
  addFlowMessage(fresh.body, text.validationGeneric(CODE_SUBMITTED_TOO_OFTEN));
  app.store.saveFlow(fresh);
  return fresh;
}

/**
 * Passwordless sign-in with a one-time code (strategy/code/strategy_login.go, `passwordless_enabled`):
 * 1. `{method: code, identifier}` sends a code to the identity's code identifier (a trait marked
 *    `credentials.code.identifier` in the schema) and answers **400** in state sent_email, as Kratos does;
 * 2. `{method: code, identifier, resend: code}` sends a new code;
 * 3. `{method: code, identifier, code}` signs in (aal1, method `code`).
 * Node orders and messages are those of real Kratos v1.3.1 (measured).
 */
import { schemaOf, type App, type Authenticated } from '../app';
import { addFlowMessage, addNodeMessage, type FlowRecord } from '../domain/flow';
import { normalizeIdentifier } from '../domain/identity-schema';
import type { UiInputNode, UiNode } from '../../shared/kratos-wire';
import { csrfNode, inputNode, isInput } from '../domain/nodes';
import { jsonReply, type Reply } from '../http/reply';
import { stringField, type EmulatorRequest } from '../http/request';
import { text } from '../messages';
import {
  CODE_SUBMITTED_TOO_OFTEN,
  CODES_SENT_TOO_OFTEN,
  checkCode,
  codeAttemptAllowed,
  codeSentNodes,
  sendFlowCode,
  type CodeSecrets,
} from './code-method';
import { foldBadRequest, replyWithFlow, resubmitted, withTransientPayload } from './flow-helpers';
import { issueSession } from './issue-session';

/** The identifier as a hidden input: how Kratos shows it once the code step has started (or failed). */
export const hiddenIdentifier = (value: string): UiInputNode =>
  inputNode('default', 'identifier', 'hidden', { value });

/**
 * The "enter the code" step after a wrong or missing code (HandleLoginError with a hidden identifier):
 * csrf, the identifier, `more` (other nodes Kratos keeps), then the code field, "Resend code", the method.
 */
export function codeErrorNodes(identifier: string, more: UiNode[] = []): UiNode[] {
  const [method, codeField, submit, resend] = codeSentNodes('login');
  return [csrfNode(), hiddenIdentifier(identifier), ...more, codeField!, resend!, method!, submit!];
}

/** Replaces the identifier field by its hidden form, keeping its position in the form. */
function hideIdentifier(record: FlowRecord, value: string): void {
  record.body.ui.nodes = record.body.ui.nodes.map((n) =>
    isInput(n) && n.attributes.name === 'identifier' ? hiddenIdentifier(value) : n,
  );
}

/** A sign-in code sent (or sent again): 400 with the flow in sent_email and 1010014, the submitted fields echoed. */
export function replyCodeSent(app: App, record: FlowRecord, body: Record<string, unknown>): Reply {
  record.body.ui.messages = [text.loginCodeSent()];
  app.store.saveFlow(record);
  return jsonReply(400, withTransientPayload(record.body, body));
}

/** A sign-in code refused: a wrong one (4010008), or one past the five a flow may try (4000001). */
export function refuseCode(app: App, record: FlowRecord, allowed: boolean): Reply {
  addFlowMessage(
    record.body,
    allowed ? text.loginCodeInvalid() : text.validationGeneric(CODE_SUBMITTED_TOO_OFTEN),
  );
  return replyWithFlow(app, record, 400);
}

export function codeLogin(
  req: EmulatorRequest,
  app: App,
  record: FlowRecord,
  body: Record<string, unknown>,
  auth: Authenticated | undefined,
): Reply {
  const copy = resubmitted(record);
  const schema = schemaOf(app);
  const identifier = stringField(body, 'identifier') ?? '';
  const code = stringField(body, 'code');
  const address = normalizeIdentifier(identifier);
  const owner = (to: string) =>
    app.store.data.identities.find((i) => schema.codeIdentifiers(i.traits).includes(to));

  if (copy.body.state !== 'sent_email' || stringField(body, 'resend') === 'code' || code === undefined) {
    if (address === '' || !owner(address)) {
      hideIdentifier(copy, identifier);
      if (address === '') addNodeMessage(copy.body, 'identifier', text.validationRequired('identifier'));
      else addFlowMessage(copy.body, text.noCodeUser());
      return replyWithFlow(app, copy, 400);
    }
    if (!sendFlowCode(app, copy, 'login_code', address))
      return foldBadRequest(app, copy, CODES_SENT_TOO_OFTEN);
    // Kratos turns the identifier field it has into a hidden one, keeping its label and `required` (after a
    // wrong code the field is a plain hidden one already).
    const current = copy.body.ui.nodes.find((n) => isInput(n) && n.attributes.name === 'identifier');
    const identifierNode: UiInputNode =
      current && isInput(current)
        ? {
            ...current,
            attributes: { ...current.attributes, type: 'hidden', value: identifier },
            messages: [],
          }
        : hiddenIdentifier(identifier);
    copy.body.ui.nodes = [identifierNode, ...codeSentNodes('login')];
    return replyCodeSent(app, copy, body);
  }

  const sentTo = (copy.secrets as CodeSecrets | undefined)?.codeAddress ?? '';
  const identity = owner(sentTo);
  const allowed = codeAttemptAllowed(copy);
  if (
    !allowed ||
    !identity ||
    (address !== '' && address !== sentTo) ||
    !checkCode(app, copy, code, sentTo)
  ) {
    copy.body.ui.nodes = codeErrorNodes(identifier);
    return refuseCode(app, copy, allowed);
  }
  copy.secrets = {};
  return issueSession(req, app, copy, identity, 'code', 'aal1', auth);
}

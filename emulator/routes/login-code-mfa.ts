/**
 * One-time codes as a second factor (strategy/code/strategy_login.go with `selfservice.methods.code.mfa_enabled`):
 * the aal2 flow offers one "Send code to <address>" button (`address`) per code address of the session's
 * identity (login-flow.ts) — unless that one address is the identity's only second factor: then v26.2.0
 * sends the code as it creates the flow ("fast login", `sendCodeAtOnce`), where v1.3.1 offers the button;
 * 1. `{method: code, address}` (or `{address}` alone) sends a code there and answers **400** in state
 *    sent_email, as the passwordless code does;
 * 2. `{method: code, identifier|address, resend: code}` sends a new code;
 * 3. `{method: code, code}` completes aal2 on the caller's session (method `code`, aal2); five codes per flow.
 * Node orders and messages are those of real Kratos v1.3.1 and v26.2.0 (measured, test/parity "mfa-code"
 * scenario).
 */
import { codeIsSecondFactor, mfaCodeAddresses, type App, type Authenticated } from '../app';
import type { IdentityRecord } from '../domain/identity';
import { addFlowMessage, addNodeMessage, type FlowRecord } from '../domain/flow';
import { normalizeIdentifier } from '../domain/identity-schema';
import { csrfNode, inputNode, isInput } from '../domain/nodes';
import type { UiNode } from '../../shared/kratos-wire';
import { type Reply } from '../http/reply';
import { stringField, type EmulatorRequest } from '../http/request';
import { text } from '../messages';
import {
  checkCode,
  CODES_SENT_TOO_OFTEN,
  codeAttemptAllowed,
  codeSentNodes,
  sendFlowCode,
  type CodeSecrets,
} from './code-method';
import { foldBadRequest, replyWithFlow, resubmitted } from './flow-helpers';
import { issueSession } from './issue-session';
import { codeErrorNodes, hiddenIdentifier, refuseCode, replyCodeSent } from './login-code';

const isIdentifier = (node: UiNode) => isInput(node) && node.attributes.name === 'identifier';

/** The flow's identifier nodes (hidden inputs Kratos leaves from earlier steps), carrying `value` if given. */
const identifierNodes = (record: FlowRecord, value?: string): UiNode[] =>
  record.body.ui.nodes
    .filter(isIdentifier)
    .map((node) =>
      isInput(node) && value !== undefined
        ? { ...node, attributes: { ...node.attributes, value }, messages: [] }
        : node,
    );

/** A refused "send": the address as a hidden identifier after the csrf node, the buttons kept (measured). */
function refuseAddress(app: App, record: FlowRecord, submitted: string): Reply {
  const rest = record.body.ui.nodes.filter(
    (n) => !isIdentifier(n) && !(isInput(n) && n.attributes.name === 'csrf_token'),
  );
  record.body.ui.nodes = [csrfNode(), hiddenIdentifier(submitted), ...rest];
  if (submitted === '') addNodeMessage(record.body, 'identifier', text.validationRequired('identifier'));
  else addFlowMessage(record.body, text.noCodeUser());
  return replyWithFlow(app, record, 400);
}

/**
 * Sends a code to `address` and shows the "enter the code" step (false: the flow has sent its five codes). The first send adds the address as a hidden
 * identifier labelled "Send code to …"; a resend keeps the identifier nodes the flow has.
 */
function sendSecondFactorCode(app: App, record: FlowRecord, address: string, previous: FlowRecord): boolean {
  const firstSend = record.body.state !== 'sent_email';
  if (!sendFlowCode(app, record, 'login_code', address)) return false;
  record.body.ui.nodes = [
    ...identifierNodes(previous, address),
    ...(firstSend
      ? [inputNode('code', 'identifier', 'hidden', { value: address, label: text.sendCodeTo(address) })]
      : []),
    ...codeSentNodes('login'),
  ];
  record.body.ui.messages = [text.loginCodeSent()];
  return true;
}

/**
 * v26.2.0's fast login (code strategy FastLogin2FA, run by login/handler.go as it creates a flow): when the
 * identity's only second factor is one code address, a new aal2 flow is answered 200 with the code already
 * sent (state sent_email, 1010014 alone). True when it did so; the caller replies with the flow.
 */
export function sendCodeAtOnce(app: App, record: FlowRecord, identity: IdentityRecord): boolean {
  const addresses = mfaCodeAddresses(app, identity);
  const otherFactor = identity.credentials.totp || identity.credentials.lookup?.codes.length;
  if (!secondFactorCodes(app) || addresses.length !== 1 || otherFactor) return false;
  return sendSecondFactorCode(app, record, addresses[0]!, record);
}

/** Codes are a second factor here: `mfa_enabled` without passwordless codes (which take aal1 flows). */
export const secondFactorCodes = (app: App): boolean =>
  codeIsSecondFactor(app) && !app.config.codePasswordless;

export function mfaCodeLogin(
  req: EmulatorRequest,
  app: App,
  record: FlowRecord,
  body: Record<string, unknown>,
  auth: Authenticated,
): Reply {
  const copy = resubmitted(record);
  const identity = auth.identity;

  if (copy.body.state !== 'sent_email' || stringField(body, 'resend') === 'code') {
    // Kratos takes `identifier` first, then `address` (cmp.Or), and only addresses of the session's identity.
    const submitted = stringField(body, 'identifier') || stringField(body, 'address') || '';
    const address = normalizeIdentifier(submitted);
    if (!mfaCodeAddresses(app, identity).includes(address)) return refuseAddress(app, copy, submitted);
    if (!sendSecondFactorCode(app, copy, address, record))
      return foldBadRequest(app, copy, CODES_SENT_TOO_OFTEN);
    return replyCodeSent(app, copy, body);
  }

  // A wrong or missing code: the identifier nodes become one hidden identifier (any other kept after it).
  const [, ...otherIdentifiers] = identifierNodes(record);
  const submitted = stringField(body, 'address') || stringField(body, 'identifier') || '';
  copy.body.ui.nodes = codeErrorNodes(submitted, otherIdentifiers);
  const code = stringField(body, 'code') ?? '';
  if (code === '') {
    // Refused before the code is looked up: not one of the five attempts.
    addNodeMessage(copy.body, 'code', text.validationRequired('code'));
    return replyWithFlow(app, copy, 400);
  }
  const allowed = codeAttemptAllowed(copy);
  const sentTo = (copy.secrets as CodeSecrets | undefined)?.codeAddress ?? '';
  if (!allowed || !checkCode(app, copy, code, sentTo)) {
    return refuseCode(app, copy, allowed);
  }
  copy.secrets = {};
  return issueSession(req, app, copy, identity, 'code', 'aal2', auth);
}

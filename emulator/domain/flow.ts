/**
 * The parts every self-service flow shares: the persisted record, the base body and pure helpers that
 * rewrite its UI (values, node messages, flow messages) the way Kratos's `ui/container` does.
 */
import { randomUUID } from 'node:crypto';
import type { FlowKind, UiContainer, UiNode, UiText } from '../../shared/kratos-wire';
import { inputNode, isInput } from './nodes';
import type { ExchangeRecord, OidcAttempt, PendingLink } from './oidc';

/** The JSON body Kratos serves for a flow. Kind-specific fields live in the index signature. */
export interface FlowBody {
  id: string;
  type: 'api';
  expires_at: string;
  issued_at: string;
  request_url: string;
  ui: UiContainer;
  state: string;
  [field: string]: unknown;
}

/** What the store keeps: the served body plus server-side facts the client never sees. */
export interface FlowRecord {
  kind: FlowKind;
  body: FlowBody;
  /** Identity the flow belongs to (settings; refresh / aal2 login). */
  identityId?: string;
  /** Kind-specific private state (pending TOTP secret, lookup codes, recovery/verification codes...). */
  secrets?: Record<string, unknown>;
  /** One-time codes tried on this flow (Kratos's `submit_count`): sending a new code does not reset it. */
  codeAttempts?: number;
  /** One-time codes this flow was asked to send (bounded: code-method.ts `codeSendAllowed`). */
  codesSent?: number;
  /** Login and registration: the session token exchange this flow was created with (hashes only). */
  exchange?: ExchangeRecord;
  /** Login and registration: the social sign-in under way at a provider. */
  oidc?: OidcAttempt;
  /** Account linking: the provider credential a sign-in to the account with `identifier` adds to it. */
  linking?: PendingLink;
}

export interface FlowContext {
  publicUrl: string;
  requestUrl: string;
  now: Date;
  lifespanMs: number;
}

export function newFlowBody(kind: FlowKind, ctx: FlowContext, nodes: UiNode[]): FlowBody {
  const id = randomUUID();
  return {
    id,
    type: 'api',
    expires_at: new Date(ctx.now.getTime() + ctx.lifespanMs).toISOString(),
    issued_at: ctx.now.toISOString(),
    request_url: ctx.requestUrl,
    ui: { action: `${ctx.publicUrl}/self-service/${kind}?flow=${id}`, method: 'POST', nodes },
    state: 'choose_method',
  };
}

/**
 * The fields that open the registration, settings, recovery and verification bodies, in Kratos's JSON order;
 * each builder appends its own after them (login's order differs: organization_id comes second).
 */
export function openingFields(
  body: FlowBody,
): Pick<FlowBody, 'id' | 'type' | 'expires_at' | 'issued_at' | 'request_url'> {
  const { id, type, expires_at, issued_at, request_url } = body;
  return { id, type, expires_at, issued_at, request_url };
}

export const isExpired = (body: FlowBody, now: Date): boolean => new Date(body.expires_at) < now;

/** Deep copy so a failed submit never mutates the stored flow before it is saved on purpose. */
export const cloneBody = <T extends FlowBody>(body: T): T => structuredClone(body);

/** Kratos resets all messages before re-rendering a submitted flow. */
export function clearMessages(body: FlowBody): void {
  delete body.ui.messages;
  for (const node of body.ui.nodes) node.messages = [];
}

export function addFlowMessage(body: FlowBody, message: UiText): void {
  body.ui.messages = [...(body.ui.messages ?? []), message];
}

/**
 * Attaches `message` to the node named `name`. Like Kratos's ui/container AddMessage, a message for a field the
 * form does not have creates that field (a text input in the default group), so the message is never lost.
 */
export function addNodeMessage(body: FlowBody, name: string, message: UiText): void {
  const node = body.ui.nodes.find((n) => isInput(n) && n.attributes.name === name);
  if (node) {
    node.messages.push(message);
    return;
  }
  const created = inputNode('default', name, 'text');
  created.messages.push(message);
  body.ui.nodes.push(created);
}

/** Sets (or, with undefined, clears) the value of every input named `name`, like `ResetNodes`/`SetValue`. */
export function setNodeValue(body: FlowBody, name: string, value: unknown): void {
  for (const node of body.ui.nodes) {
    if (!isInput(node) || node.attributes.name !== name || node.attributes.type === 'submit') continue;
    if (value === undefined || value === '') delete node.attributes.value;
    else node.attributes.value = value;
  }
}

export function touch(body: FlowBody, now: Date): void {
  if ('updated_at' in body) body.updated_at = now.toISOString();
}

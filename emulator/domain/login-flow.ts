/**
 * Pure builders for native login flows (login/flow.go + the password/totp/lookup strategies' form hydration).
 * Node sets match fixtures/login-flow-wrong-password-4000006.json, login-flow-refresh-password.json,
 * login-nodes-totp-aal2.json and login-nodes-lookup-secret-aal2.json.
 */
import * as text from '../messages';
import { newFlowBody, type FlowBody, type FlowContext } from './flow';
import { identifierTraits } from './identity-schema';
import type { IdentityRecord } from './identity';
import { csrfNode, inputNode, submitNode, type UiNode } from './nodes';
import type { Aal } from './session';

export interface LoginFlowOptions {
  refresh: boolean;
  requestedAal: Aal;
  /** The identity of the session the flow was created with (refresh / aal2). */
  identity?: IdentityRecord;
}

/** Label of the identifier field: the trait's title when the schema has exactly one identifier. */
function identifierLabel(): text.UiText {
  const only = identifierTraits.length === 1 ? identifierTraits[0] : undefined;
  return only ? text.labelGenerated(`traits.${only.name}`, only.title) : text.labelId();
}

function firstFactorNodes(): UiNode[] {
  return [
    csrfNode(),
    inputNode('default', 'identifier', 'text', { value: '', required: true, label: identifierLabel() }),
    inputNode('password', 'password', 'password', {
      required: true,
      autocomplete: 'current-password',
      label: text.labelPassword(),
    }),
    submitNode('password', 'method', 'password', text.signInWithPassword()),
  ];
}

function refreshNodes(identity: IdentityRecord): UiNode[] {
  return [
    csrfNode(),
    inputNode('default', 'identifier', 'hidden', {
      value: identity.credentials.password?.identifiers[0] ?? '',
    }),
    inputNode('password', 'password', 'password', {
      required: true,
      autocomplete: 'current-password',
      label: text.labelPassword(),
    }),
    submitNode('password', 'method', 'password', text.signIn()),
  ];
}

function secondFactorNodes(identity: IdentityRecord): UiNode[] {
  const nodes: UiNode[] = [csrfNode()];
  if (identity.credentials.totp) {
    nodes.push(
      inputNode('totp', 'totp_code', 'text', { value: '', required: true, label: text.loginTotpLabel() }),
      submitNode('totp', 'method', 'totp', text.loginUseTotp()),
    );
  }
  if (identity.credentials.lookup?.codes.length) {
    nodes.push(
      inputNode('lookup_secret', 'lookup_secret', 'text', {
        value: '',
        required: true,
        label: text.loginLookupLabel(),
      }),
      submitNode('lookup_secret', 'method', 'lookup_secret', text.loginUseLookup()),
    );
  }
  return nodes;
}

export function newLoginFlowBody(ctx: FlowContext, options: LoginFlowOptions): FlowBody {
  const { identity } = options;
  const nodes =
    options.requestedAal === 'aal2' && identity
      ? secondFactorNodes(identity)
      : options.refresh && identity
        ? refreshNodes(identity)
        : firstFactorNodes();
  const base = newFlowBody('login', ctx, nodes);
  const messages =
    options.requestedAal === 'aal2' ? [text.loginMfa()] : options.refresh ? [text.loginReAuth()] : undefined;
  if (messages) base.ui.messages = messages;
  const at = ctx.now.toISOString();
  return {
    id: base.id,
    organization_id: null,
    type: base.type,
    expires_at: base.expires_at,
    issued_at: base.issued_at,
    request_url: base.request_url,
    ui: base.ui,
    created_at: at,
    updated_at: at,
    refresh: options.refresh,
    requested_aal: options.requestedAal,
    state: 'choose_method',
  };
}

/**
 * Pure builders for native login flows (login/flow.go + the password/totp/lookup strategies' form hydration).
 * Node sets match fixtures/login-flow-wrong-password-4000006.json, login-flow-refresh-password.json,
 * login-nodes-totp-aal2.json and login-nodes-lookup-secret-aal2.json.
 */
import type { OidcProvider } from '../config';
import { text, type UiText } from '../messages';
import { newFlowBody, type FlowBody, type FlowContext } from './flow';
import type { IdentitySchema } from './identity-schema';
import type { IdentityRecord } from './identity';
import type { LoginFlow, UiNode } from '../../shared/kratos-wire';
import { csrfNode, inputNode, submitNode } from './nodes';
import { providerNodes } from './oidc';
import { loginNodes as passkeyLoginNodes, type PasskeyCeremony } from './passkey';
import type { Aal } from './session';

/** The first-factor methods a login form offers. */
export interface FirstFactors {
  password: boolean;
  /** Passwordless sign-in with a one-time code (`selfservice.methods.code.passwordless_enabled`). */
  code: boolean;
  /** Social sign-in buttons (none when the oidc method is off). */
  providers: readonly OidcProvider[];
  /** The passkey challenge this flow sends (none when the passkey method is off). */
  passkey?: PasskeyCeremony;
}

export interface LoginFlowOptions {
  refresh: boolean;
  requestedAal: Aal;
  /** The identity of the session the flow was created with (refresh / aal2). */
  identity?: IdentityRecord;
  /** Where a second-factor code can go (`code.mfa_enabled`): one "Send code to …" button each. */
  mfaCodeAddresses: readonly string[];
  schema: IdentitySchema;
  firstFactors: FirstFactors;
  /** The validated `return_to` of the flow's creation, if any. */
  returnTo?: string;
}

/** Label of the identifier field: the trait's title when the schema has exactly one identifier. */
function identifierLabel(schema: IdentitySchema): UiText {
  const only = schema.identifierTraits.length === 1 ? schema.identifierTraits[0] : undefined;
  return only ? text.labelGenerated(`traits.${only.name}`, only.title) : text.labelId();
}

function firstFactorNodes(schema: IdentitySchema, methods: FirstFactors): UiNode[] {
  return [
    // Provider buttons come first (real Kratos v1.3.1 with password and one provider, measured by the parity
    // suite's social scenario), then default, code and password.
    ...providerNodes('login', methods.providers),
    csrfNode(),
    inputNode('default', 'identifier', 'text', {
      value: '',
      required: true,
      // With passkeys, browsers may offer them in the identifier's autofill (measured on v26.2.0).
      ...(methods.passkey ? { autocomplete: 'username webauthn' as const } : {}),
      label: identifierLabel(schema),
    }),
    ...(methods.passkey ? passkeyLoginNodes(methods.passkey) : []),
    ...(methods.code ? [submitNode('code', 'method', 'code', text.sendSignInCode())] : []),
    ...(methods.password
      ? [
          inputNode('password', 'password', 'password', {
            required: true,
            autocomplete: 'current-password',
            label: text.labelPassword(),
          }),
          submitNode('password', 'method', 'password', text.signInWithPassword()),
        ]
      : []),
  ];
}

/**
 * Account linking (strategy/oidc populateAccountLinkingUI): the sign-in form of the account that already
 * uses the address a provider vouched for, with that address filled in and hidden, and no provider buttons.
 * Real Kratos v1.3.1 keeps the password button's own label (measured).
 */
export function accountLinkingNodes(schema: IdentitySchema, identifier: string): UiNode[] {
  return [
    csrfNode(),
    inputNode('default', 'identifier', 'hidden', {
      value: identifier,
      required: true,
      label: identifierLabel(schema),
    }),
    inputNode('password', 'password', 'password', {
      required: true,
      autocomplete: 'current-password',
      label: text.labelPassword(),
    }),
    submitNode('password', 'method', 'password', text.signInWithPassword()),
  ];
}

/**
 * Re-authentication: the identity is known, so the password form carries it as a hidden identifier. With the
 * passwordless code on, Kratos shows the first-factor form instead (identifier field, code and password).
 */
function refreshNodes(identity: IdentityRecord, schema: IdentitySchema, methods: FirstFactors): UiNode[] {
  if (methods.code) return firstFactorNodes(schema, methods);
  // Kratos's passkey strategy offers the identity's own passkeys again (PopulateLoginMethodFirstFactorRefresh).
  const passkeys =
    methods.passkey && identity.credentials.passkey?.credentials.length ? methods.passkey : undefined;
  return [
    csrfNode(),
    inputNode('default', 'identifier', 'hidden', {
      value:
        identity.credentials.password?.identifiers[0] ?? schema.passkeyDisplayName(identity.traits) ?? '',
    }),
    ...(passkeys ? passkeyLoginNodes(passkeys) : []),
    ...(identity.credentials.password || !passkeys
      ? [
          inputNode('password', 'password', 'password', {
            required: true,
            autocomplete: 'current-password',
            label: text.labelPassword(),
          }),
          submitNode('password', 'method', 'password', text.signIn()),
        ]
      : []),
  ];
}

/** A second-factor code's button: submitting it (`address`, with or without `method: code`) sends the code. */
const mfaAddressNode = (address: string): UiNode =>
  submitNode('code', 'address', address, text.sendCodeTo(address));

/**
 * Real Kratos answers an aal2 flow for an identity without a second factor with no nodes at all. The csrf
 * node comes with the TOTP and backup-code forms: with codes only there is none (v1.3.1, measured).
 */
function secondFactorNodes(identity: IdentityRecord, codeAddresses: readonly string[]): UiNode[] {
  const hasCredentialForm = identity.credentials.totp || identity.credentials.lookup?.codes.length;
  const nodes: UiNode[] = [...(hasCredentialForm ? [csrfNode()] : []), ...codeAddresses.map(mfaAddressNode)];
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
      ? secondFactorNodes(identity, options.mfaCodeAddresses)
      : options.refresh && identity
        ? refreshNodes(identity, options.schema, options.firstFactors)
        : firstFactorNodes(options.schema, options.firstFactors);
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
    ...(options.returnTo === undefined ? {} : { return_to: options.returnTo }),
    ui: base.ui,
    created_at: at,
    updated_at: at,
    refresh: options.refresh,
    requested_aal: options.requestedAal,
    state: 'choose_method',
  } satisfies LoginFlow;
}

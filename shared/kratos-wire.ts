/**
 * Kratos's public API as it arrives on the wire: the one place the project writes down Kratos shapes. Main,
 * renderer, CLI, emulator and tests import these types; the emulator's builders are checked against them
 * (`satisfies`), so an emulator answer that drifts from the official models fails to compile.
 *
 * The shapes are the official `@ory/client-fetch` models (type-only imports: no SDK code runs) adapted to what
 * JSON actually carries, because the app parses bodies itself (docs/adr/0001-own-undici-client.md):
 * - timestamps are RFC 3339 strings, not `Date`s (the SDK's `FromJSON` converters would make them dates);
 * - `any` fields (an input's `value`, identity `traits`) are `unknown`: hostile until checked;
 * - the generator's `UnknownDefaultOpenApi` enum member (`"11184809"`) is dropped: Kratos never sends it;
 * - a node's `type` and its `attributes.node_type` go together (`UiNode` is a discriminated union);
 * - a session's `identity` is `null` when Kratos withholds it (a login that still needs a second factor).
 *
 * Runtime checks live where data enters: main/kratos/shapes.ts (zod, the fields the app relies on) and the
 * node-attribute guards below (the renderer draws whatever node Kratos sends, so it checks each one).
 */
import type * as Sdk from '@ory/client-fetch';
import { isRecord } from './is-record';

/** The generator's catch-all enum member; Kratos never sends it. */
type UnknownDefault = typeof Sdk.UiNodeTypeEnum.UnknownDefaultOpenApi;

type IsAny<T> = 0 extends 1 & T ? true : false;

/** An SDK model as parsed JSON: the adaptations listed at the top of this file, applied all the way down. */
type OnTheWire<T> =
  IsAny<T> extends true
    ? unknown
    : T extends UnknownDefault
      ? never
      : T extends Date
        ? string
        : T extends Sdk.UiText
          ? UiText
          : T extends Sdk.UiNode
            ? UiNode
            : T extends readonly (infer Item)[]
              ? OnTheWire<Item>[]
              : T extends object
                ? [keyof T] extends [never]
                  ? Record<string, unknown>
                  : { [K in keyof T]: OnTheWire<T[K]> }
                : T;

// ---------------------------------------------------------------------------------------------------------
// UI texts and nodes (`ui.messages`, `ui.nodes`)

export type UiTextType = OnTheWire<Sdk.UiTextTypeEnum>;

/**
 * A message: `id` names it (the ids and Kratos's English: shared/kratos-messages.ts; the window's own sentence
 * per id: shared/strings/en-kratos.ts), `text` is Kratos's English.
 */
export interface UiText extends Omit<Sdk.UiText, 'type' | 'context'> {
  type: UiTextType;
  context?: Record<string, unknown>;
}

/** Node groups: one per method (`password`, `totp`, `oidc`…) plus `default` (identifier, csrf token). */
export type UiNodeGroup = OnTheWire<Sdk.UiNodeGroupEnum>;
type UiNodeType = OnTheWire<Sdk.UiNodeTypeEnum>;
/** `type` of an input node (`text`, `password`, `hidden`, `submit`…). */
export type UiNodeInputType = OnTheWire<Sdk.UiNodeInputAttributesTypeEnum>;

export type UiNodeInputAttributes = OnTheWire<Sdk.UiNodeInputAttributes>;
export type UiNodeTextAttributes = OnTheWire<Sdk.UiNodeTextAttributes>;
export type UiNodeImageAttributes = OnTheWire<Sdk.UiNodeImageAttributes>;
export type UiNodeAnchorAttributes = OnTheWire<Sdk.UiNodeAnchorAttributes>;
export type UiNodeScriptAttributes = OnTheWire<Sdk.UiNodeScriptAttributes>;
export type UiNodeDivisionAttributes = OnTheWire<Sdk.UiNodeDivisionAttributes>;
type UiNodeMeta = OnTheWire<Sdk.UiNodeMeta>;

interface NodeOf<T extends UiNodeType, A> {
  type: T;
  group: UiNodeGroup;
  attributes: A;
  messages: UiText[];
  meta: UiNodeMeta;
}
export type UiInputNode = NodeOf<'input', UiNodeInputAttributes>;
export type UiTextNode = NodeOf<'text', UiNodeTextAttributes>;
export type UiImageNode = NodeOf<'img', UiNodeImageAttributes>;
export type UiAnchorNode = NodeOf<'a', UiNodeAnchorAttributes>;
type UiScriptNode = NodeOf<'script', UiNodeScriptAttributes>;
type UiDivisionNode = NodeOf<'div', UiNodeDivisionAttributes>;
export type UiNode = UiInputNode | UiTextNode | UiImageNode | UiAnchorNode | UiScriptNode | UiDivisionNode;

export interface UiContainer extends Omit<OnTheWire<Sdk.UiContainer>, 'nodes' | 'messages'> {
  nodes: UiNode[];
  messages?: UiText[];
}

/** Second-factor methods (aal2): what a login that still needs a second step offers. */
export const secondFactorGroups = [
  'totp',
  'lookup_secret',
  'webauthn',
  'passkey',
  'code',
] as const satisfies readonly UiNodeGroup[];

/** Groups whose buttons finish in a web browser (a redirect or WebAuthn JavaScript), never in the app alone. */
const browserGroups = ['oidc', 'saml', 'webauthn', 'passkey'] as const satisfies readonly UiNodeGroup[];

export const isBrowserGroup = (group: string): boolean =>
  (browserGroups as readonly string[]).includes(group);

// Guards for a node's attributes. Each checks `node_type` and what the node is addressed by: an input's `name`
// and `type`, the `id` of the others. Kratos does not always fill the rest (a text node's `text` can be null,
// its test snapshots drop an image's `src`), and on the renderer's side the data is hostile: a field that is
// shown or sent (`src`, `href`, `text`, `title`, `value`) is checked where it is read.

const isString = (value: unknown): value is string => typeof value === 'string';

export function isUiText(value: unknown): value is UiText {
  return isRecord(value) && typeof value['id'] === 'number' && isString(value['text']);
}

export function isInputAttributes(value: unknown): value is UiNodeInputAttributes {
  return (
    isRecord(value) && value['node_type'] === 'input' && isString(value['name']) && isString(value['type'])
  );
}

const hasId = (value: unknown, nodeType: UiNodeType): boolean =>
  isRecord(value) && value['node_type'] === nodeType && isString(value['id']);

export const isTextAttributes = (value: unknown): value is UiNodeTextAttributes => hasId(value, 'text');
export const isImageAttributes = (value: unknown): value is UiNodeImageAttributes => hasId(value, 'img');
export const isAnchorAttributes = (value: unknown): value is UiNodeAnchorAttributes => hasId(value, 'a');
export const isScriptAttributes = (value: unknown): value is UiNodeScriptAttributes => hasId(value, 'script');
export const isDivisionAttributes = (value: unknown): value is UiNodeDivisionAttributes =>
  hasId(value, 'div');

/** A node whose `type` and attributes agree; what the renderer checks before it reads a node's fields. */
export const isInputNode = (node: Pick<UiNode, 'type' | 'attributes'>): node is UiInputNode =>
  node.type === 'input' && isInputAttributes(node.attributes);
export const isTextNode = (node: Pick<UiNode, 'type' | 'attributes'>): node is UiTextNode =>
  node.type === 'text' && isTextAttributes(node.attributes);
export const isImageNode = (node: Pick<UiNode, 'type' | 'attributes'>): node is UiImageNode =>
  node.type === 'img' && isImageAttributes(node.attributes);
export const isAnchorNode = (node: Pick<UiNode, 'type' | 'attributes'>): node is UiAnchorNode =>
  node.type === 'a' && isAnchorAttributes(node.attributes);

/** The `name` of an input node, or undefined for any other node (or a malformed one). */
export const inputName = (node: Pick<UiNode, 'type' | 'attributes'>): string | undefined =>
  isInputNode(node) ? node.attributes.name : undefined;

// ---------------------------------------------------------------------------------------------------------
// Flows

/** The five self-service flows, as they appear in Kratos's paths (`/self-service/<kind>/api`). */
export type FlowKind = 'login' | 'registration' | 'settings' | 'recovery' | 'verification';

export type LoginFlow = OnTheWire<Sdk.LoginFlow>;
export type RegistrationFlow = OnTheWire<Sdk.RegistrationFlow>;
export type SettingsFlow = OnTheWire<Sdk.SettingsFlow>;
export type RecoveryFlow = OnTheWire<Sdk.RecoveryFlow>;
export type VerificationFlow = OnTheWire<Sdk.VerificationFlow>;
export type AnyFlow = LoginFlow | RegistrationFlow | SettingsFlow | RecoveryFlow | VerificationFlow;

export type ContinueWith = OnTheWire<Sdk.ContinueWith>;

// ---------------------------------------------------------------------------------------------------------
// Sessions and identities

export type Aal = OnTheWire<Sdk.AuthenticatorAssuranceLevel>;
/** Kratos's names for the way a session was authenticated (`authentication_methods[].method`). */
export type AuthMethodName = OnTheWire<Sdk.SessionAuthenticationMethodMethodEnum>;

export type Identity = OnTheWire<Sdk.Identity>;
export type SessionAuthenticationMethod = OnTheWire<Sdk.SessionAuthenticationMethod>;
export type SessionDevice = OnTheWire<Sdk.SessionDevice>;

export interface Session extends Omit<OnTheWire<Sdk.Session>, 'identity'> {
  /** `null` where Kratos withholds the identity: a native login whose session still needs a second factor. */
  identity?: Identity | null;
}

export interface SuccessfulNativeLogin extends Omit<OnTheWire<Sdk.SuccessfulNativeLogin>, 'session'> {
  session: Session;
}
export interface SuccessfulNativeRegistration extends Omit<
  OnTheWire<Sdk.SuccessfulNativeRegistration>,
  'session'
> {
  session?: Session;
}

/** `DELETE /sessions` (revoke all other sessions): how many were revoked. Kratos always sends `count`. */
export type SessionCount = Required<OnTheWire<Sdk.DeleteMySessionsCount>>;

// ---------------------------------------------------------------------------------------------------------
// Errors

/**
 * Kratos's error ids (`error.id`) that the app and the emulator act on. The SDK does not enumerate them (its
 * `GenericErrorContentIdEnum` lists Ory Network's); these are the ids the API reference names for the public
 * endpoints the app calls (emulator/spec/kratos-api.json).
 */
export type KratosErrorId =
  | 'session_inactive'
  | 'session_already_available'
  | 'session_aal1_required'
  | 'session_aal2_required'
  | 'session_aal_already_fulfilled'
  | 'session_refresh_required'
  | 'session_verified_address_required'
  | 'self_service_flow_expired'
  | 'self_service_flow_replaced'
  | 'self_service_flow_disabled'
  | 'self_service_flow_return_to_forbidden'
  | 'browser_location_change_required'
  | 'security_identity_mismatch'
  | 'security_csrf_violation'
  | 'identity_disabled';

/**
 * The `error` object of herodot's envelope. `id` is open: a newer Kratos may send ids the app does not know,
 * which it then describes by `reason`/`message`.
 */
export interface KratosGenericError extends Omit<OnTheWire<Sdk.GenericError>, 'id' | 'details' | 'error'> {
  id?: KratosErrorId | (string & {});
  details?: Record<string, unknown>;
}

/** An error answer: `{error}`, plus `use_flow_id` on 410 and `redirect_browser_to` on 403/422. */
export interface KratosErrorEnvelope {
  error: KratosGenericError;
  use_flow_id?: OnTheWire<Sdk.ErrorFlowReplaced>['use_flow_id'];
  redirect_browser_to?: OnTheWire<Sdk.ErrorBrowserLocationChangeRequired>['redirect_browser_to'];
}

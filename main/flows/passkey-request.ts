/**
 * The passkey ceremony's pure pieces (main, and so the terminal client on the same core, and the tests) (docs/passkeys.md):
 * what a Kratos flow asks the browser for, the address of the passkey page with that request in its fragment,
 * and what the page hands back (`kratos-desktop://auth/passkey?challenge=…&credential=…|error=…`).
 *
 * Kratos v26.2.0 draws, in group `passkey` of an API flow (measured, docs/passkeys.md):
 * - login: `passkey_challenge`, value `{"publicKey": {…}}` (a JSON string); the client submits
 *   `{method: "passkey", passkey_login: "<assertion JSON>"}`;
 * - registration (the credentials step): `passkey_create_data`, value
 *   `{"credentialOptions": {"publicKey": {…}}, "displayNameFieldName": "traits.email"}`; Kratos leaves
 *   `user.name` to the client, which fills it from that trait; submit
 *   `{method: "passkey", traits, passkey_register: "<attestation JSON>"}`;
 * - settings: `passkey_create_data`, value `{"publicKey": {…}}`; submit
 *   `{method: "passkey", passkey_settings_register: "<attestation JSON>"}`.
 * The server's `user.id` is kept as sent: it becomes the passkey's user handle, by which login finds the
 * identity.
 */
import { isRecord } from '../../shared/is-record';
import { isInputNode, type UiNode } from '../../shared/kratos-wire';

type PasskeyOperation = 'create' | 'get';
export type PasskeyFlowKind = 'login' | 'registration' | 'settings';

/** What the browser is asked for: the public-key options, as Kratos wrote them (base64url strings). */
export interface PasskeyRequest {
  op: PasskeyOperation;
  publicKey: Record<string, unknown>;
  /** `publicKey.challenge`: the one value the page's answer must carry back. */
  challenge: string;
}

export { PASSKEY_RETURN_URL } from '../policy/deep-link';

function nodeValue(nodes: readonly UiNode[], name: string): unknown {
  for (const node of nodes) {
    if (isInputNode(node) && node.group === 'passkey' && node.attributes.name === name)
      return node.attributes.value;
  }
  return undefined;
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

const publicKeyOf = (value: unknown): Record<string, unknown> | undefined =>
  isRecord(value) && isRecord(value['publicKey']) && typeof value['publicKey']['challenge'] === 'string'
    ? value['publicKey']
    : undefined;

/**
 * The ceremony a flow asks for, or undefined when its nodes hold none. `traits` (registration) are the
 * traits the person entered: `displayNameFieldName` names the one that becomes the passkey's user name.
 */
export function passkeyRequestOf(
  kind: PasskeyFlowKind,
  nodes: readonly UiNode[],
  traits: Record<string, unknown> = {},
): PasskeyRequest | undefined {
  if (kind === 'login') {
    const publicKey = publicKeyOf(parseJson(nodeValue(nodes, 'passkey_challenge')));
    return publicKey && { op: 'get', publicKey, challenge: publicKey['challenge'] as string };
  }
  const data = parseJson(nodeValue(nodes, 'passkey_create_data'));
  const publicKey = publicKeyOf(kind === 'registration' && isRecord(data) ? data['credentialOptions'] : data);
  if (!publicKey || !isRecord(publicKey['user']) || typeof publicKey['user']['id'] !== 'string')
    return undefined;
  const user = { ...publicKey['user'] };
  if (kind === 'registration' && isRecord(data)) {
    const field = typeof data['displayNameFieldName'] === 'string' ? data['displayNameFieldName'] : '';
    const name = traitValue(traits, field);
    if (name !== undefined) Object.assign(user, { name, displayName: name });
  }
  if (typeof user['name'] !== 'string' || user['name'] === '') return undefined;
  if (typeof user['displayName'] !== 'string' || user['displayName'] === '')
    user['displayName'] = user['name'];
  return { op: 'create', publicKey: { ...publicKey, user }, challenge: publicKey['challenge'] as string };
}

/** `traits.email` → traits.email (own properties only). */
function traitValue(traits: Record<string, unknown>, field: string): string | undefined {
  const key = field.startsWith('traits.') ? field.slice('traits.'.length) : '';
  if (key === '' || !Object.hasOwn(traits, key)) return undefined;
  const value = traits[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The page's address for a request: everything in the fragment, which browsers never send to a server. */
export function passkeyPageAddress(pageUrl: string, request: PasskeyRequest, returnTo: string): string {
  const payload = { op: request.op, publicKey: request.publicKey, returnTo };
  const url = new URL(pageUrl);
  url.hash = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return url.href;
}

/** The submit that hands a passkey to Kratos (the credential stays a JSON string inside the JSON body). */
export function passkeySubmitBody(
  kind: PasskeyFlowKind,
  credential: string,
  traits: Record<string, unknown> = {},
): Record<string, unknown> {
  switch (kind) {
    case 'login':
      return { method: 'passkey', passkey_login: credential };
    case 'registration':
      return { method: 'passkey', traits, passkey_register: credential };
    case 'settings':
      return { method: 'passkey', passkey_settings_register: credential };
  }
}

/**
 * Passkeys in API flows, as Kratos v26.2.0 draws them (strategy/passkey; every node and answer measured
 * against real v26.2.0 by test/kratos/passkey.test.ts): the nodes of group `passkey` and the WebAuthn options
 * in them, as pure builders. Verification is routes/passkey.ts's (it is async: @simplewebauthn/server).
 *
 * Like Kratos, a passkey's user handle is 64 random alphanumerics, made when the options are, and the
 * identity is found by it at sign-in; each passkey keeps the handle it was made with.
 */
import { randomBytes } from 'node:crypto';
import type { PasskeyRelyingParty } from '../config';
import { text, type UiText } from '../messages';
import type { UiInputNode, UiNode } from '../../shared/kratos-wire';
import { inputNode } from './nodes';
import { randomString } from './tokens';

/** One passkey of an identity (`credentials.passkey.config.credentials[]` in Kratos). */
export interface PasskeyCredential {
  /** The credential id, base64url (what the authenticator calls it). */
  id: string;
  /** The COSE public key, base64url. */
  publicKey: string;
  /** The signature counter last seen. */
  counter: number;
  /** The user handle it was made for (the 64 characters, not encoded). */
  userHandle: string;
  /** Kratos's `added_at`: UTC, whole seconds. */
  addedAt: string;
}

export interface PasskeyCredentials {
  credentials: PasskeyCredential[];
}

/** What a flow remembers of the options it sent (Kratos's `session_data` in the flow's internal context). */
export interface PasskeyCeremony {
  challenge: string;
  /** Registration and settings: the user handle the new passkey must carry. */
  userHandle?: string;
  /** The options as sent (registration keeps them across the two steps, as Kratos does). */
  options: string;
}

/** go-webauthn's default algorithms, in its order (measured in v26.2.0's options). */
const ALGORITHMS = [-7, -35, -36, -257, -258, -259, -37, -38, -39, -8];
/** go-webauthn's default timeout for both ceremonies. */
const TIMEOUT_MS = 300_000;

const newChallenge = (): string => randomBytes(32).toString('base64url');

/** Kratos's `passkey_remove` value: the credential id in lower-case hex. */
export const removeValue = (credential: PasskeyCredential): string =>
  Buffer.from(credential.id, 'base64url').toString('hex');

/**
 * Options for navigator.credentials.get, user verification preferred: discoverable (no allowCredentials) for a
 * sign-in; for a re-authentication, the identity's own passkeys as `allowCredentials` (v26.2.0's
 * PopulateLoginMethodFirstFactorRefresh calls go-webauthn's BeginLogin with them), so a browser offers no
 * other passkey for the site (not one made a moment ago and not yet added: measured).
 */
export function loginCeremony(
  rp: PasskeyRelyingParty,
  own: readonly PasskeyCredential[] = [],
): PasskeyCeremony {
  const challenge = newChallenge();
  const allowCredentials = own.map((credential) => ({ type: 'public-key', id: credential.id }));
  const publicKey = {
    challenge,
    timeout: TIMEOUT_MS,
    rpId: rp.id,
    ...(allowCredentials.length > 0 ? { allowCredentials } : {}),
    userVerification: 'preferred',
  };
  return { challenge, options: JSON.stringify({ publicKey }) };
}

/**
 * Options for navigator.credentials.create: a platform authenticator, a resident key, user verification
 * preferred (v26.2.0 hard-codes these). Registration leaves the user's name to the client (Kratos puts the
 * RP's display name there: measured); settings names the identity.
 */
export function createCeremony(rp: PasskeyRelyingParty, userName: string): PasskeyCeremony {
  const challenge = newChallenge();
  const userHandle = randomString(64);
  const publicKey = {
    rp: { name: rp.displayName, id: rp.id },
    user: {
      name: userName,
      displayName: userName,
      id: Buffer.from(userHandle, 'utf8').toString('base64url'),
    },
    challenge,
    pubKeyCredParams: ALGORITHMS.map((alg) => ({ type: 'public-key', alg })),
    timeout: TIMEOUT_MS,
    authenticatorSelection: {
      authenticatorAttachment: 'platform',
      requireResidentKey: true,
      residentKey: 'required',
      userVerification: 'preferred',
    },
  };
  return { challenge, userHandle, options: JSON.stringify({ publicKey }) };
}

/** Registration's `passkey_create_data` wraps the options and names the trait the client fills in. */
export const registrationCreateData = (ceremony: PasskeyCeremony, displayNameFieldName: string): string =>
  JSON.stringify({
    credentialOptions: JSON.parse(ceremony.options) as unknown,
    displayNameFieldName,
  });

/** A passkey node in Kratos's marshalling order (name, type, value, disabled, triggers, node_type). */
function passkeyNode(
  name: string,
  type: 'hidden' | 'button',
  extra: { value?: string; onclickTrigger?: string; onloadTrigger?: string; label?: UiText } = {},
): UiInputNode {
  const { label, ...attributes } = extra;
  return {
    type: 'input',
    group: 'passkey',
    attributes: {
      name,
      type,
      ...(attributes.value === undefined ? {} : { value: attributes.value }),
      disabled: false,
      ...(attributes.onclickTrigger ? { onclickTrigger: attributes.onclickTrigger } : {}),
      ...(attributes.onloadTrigger ? { onloadTrigger: attributes.onloadTrigger } : {}),
      node_type: 'input',
    } as UiInputNode['attributes'],
    messages: [],
    meta: label ? { label } : {},
  };
}

/** Login (after the identifier): trigger, the hidden result field and the challenge. */
export function loginNodes(ceremony: PasskeyCeremony): UiNode[] {
  return [
    passkeyNode('passkey_login_trigger', 'button', {
      value: '',
      onclickTrigger: 'oryPasskeyLogin',
      label: text.loginPasskey(),
    }),
    passkeyNode('passkey_login', 'hidden', { onloadTrigger: 'oryPasskeyLoginAutocompleteInit' }),
    passkeyNode('passkey_challenge', 'hidden', { value: ceremony.options }),
  ];
}

/** Registration's credentials step. */
export function registrationNodes(createData: string): UiNode[] {
  return [
    passkeyNode('passkey_register_trigger', 'button', {
      onclickTrigger: 'oryPasskeyRegistration',
      label: text.registrationRegisterPasskey(),
    }),
    passkeyNode('passkey_register', 'hidden'),
    passkeyNode('passkey_create_data', 'hidden', { value: createData }),
  ];
}

/**
 * Settings: one `passkey_remove` per passkey (newest first, as measured; disabled when it is the identity's
 * only way to sign in), then "Add passkey" with its options.
 */
export function settingsNodes(
  credentials: readonly PasskeyCredential[],
  canRemove: boolean,
  ceremony: PasskeyCeremony | undefined,
): UiNode[] {
  const removes = [...credentials]
    .sort((a, b) => b.addedAt.localeCompare(a.addedAt))
    .map((credential) => {
      const node = inputNode('passkey', 'passkey_remove', 'submit', {
        value: removeValue(credential),
        label: text.removePasskey(credential.addedAt),
      });
      node.attributes.disabled = !canRemove;
      return node;
    });
  if (!ceremony) return removes;
  return [
    ...removes,
    passkeyNode('passkey_register_trigger', 'button', {
      value: '',
      onclickTrigger: 'oryPasskeySettingsRegistration',
      label: text.registerPasskey(),
    }),
    passkeyNode('passkey_settings_register', 'hidden'),
    passkeyNode('passkey_create_data', 'hidden', { value: ceremony.options }),
  ];
}

/** Kratos's `added_at`: now in UTC, rounded to the second. */
export const addedAt = (now: Date): string =>
  new Date(Math.round(now.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/**
 * The passkey method's checks (strategy/passkey in Kratos v26.2.0), for login, registration and settings:
 * the credential a client submits is verified FOR REAL by @simplewebauthn/server against what the flow sent
 * (challenge), the relying party (RP ID hash, origins), the stored public key (signature), the stored counter
 * and the user handle it names. The answers are real Kratos v26.2.0's (test/kratos/passkey.test.ts):
 * - login: an empty `passkey_login` → 422 browser_location_change_required; unparseable → 400 (4000001);
 *   an unknown user handle → 400 (4000015); a failed verification → 400 (4000008);
 * - registration and settings: unparseable → 400 (4000001); a failed verification → 500 ("Unable to create
 *   WebAuthn credential: …").
 * Also the passkey page (web/passkey.html), served at /passkey on the emulator's own port: browsers reach it
 * as http://localhost:<port>/passkey, the origin the emulator's relying party accepts by default.
 */
import {
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { App } from '../app';
import type { FlowRecord } from '../domain/flow';
import type { IdentityRecord } from '../domain/identity';
import { addedAt, type PasskeyCeremony, type PasskeyCredential } from '../domain/passkey';
import { routeNotFound } from '../errors';
import { jsonReply, type Reply } from '../http/reply';
import { passkeyPageHeaders, passkeyPageHtml } from '../passkey/page';
import { isRecord } from '../../shared/is-record';
import type { EmulatorRequest } from '../http/request';

const portOf = (app: App) => new URL(app.publicUrl).port;

/** `rp.origins`, or the emulator's default: its own page's origin. */
const passkeyOrigins = (app: App): string[] =>
  app.config.passkeyRp.origins ?? [`http://localhost:${portOf(app)}`];

export function servePasskeyPage(_req: EmulatorRequest, app: App): Reply {
  if (!app.config.methods.passkey) return routeNotFound();
  const html = passkeyPageHtml();
  return { status: 200, html, headers: passkeyPageHeaders(html) };
}

/** The ceremony a flow sent (kept in the flow's secrets, like Kratos's internal context). */
export const ceremonyOf = (record: FlowRecord): PasskeyCeremony | undefined =>
  (record.secrets as { passkey?: PasskeyCeremony } | undefined)?.passkey;

export function keepCeremony(record: FlowRecord, ceremony: PasskeyCeremony): void {
  record.secrets = { ...(record.secrets as object | undefined), passkey: ceremony };
}

function parseCredential(json: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(json) as unknown;
    return isRecord(value) && isRecord(value['response']) && typeof value['id'] === 'string'
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}

export type Attested =
  | { ok: true; credential: PasskeyCredential }
  | { ok: false; problem: 'unparseable' | 'unverified'; reason: string };

/** A new passkey (registration, settings): verified against the ceremony the flow sent. */
export async function verifyAttestation(
  app: App,
  ceremony: PasskeyCeremony,
  json: string,
): Promise<Attested> {
  const parsed = parseCredential(json);
  if (!parsed || typeof (parsed['response'] as Record<string, unknown>)['attestationObject'] !== 'string') {
    return { ok: false, problem: 'unparseable', reason: 'Parse error for Registration' };
  }
  try {
    const { verified, registrationInfo } = await verifyRegistrationResponse({
      response: { clientExtensionResults: {}, ...parsed } as unknown as RegistrationResponseJSON,
      expectedChallenge: ceremony.challenge,
      expectedOrigin: passkeyOrigins(app),
      expectedRPID: app.config.passkeyRp.id,
      requireUserVerification: false,
    });
    if (!verified || !registrationInfo || !ceremony.userHandle) {
      return { ok: false, problem: 'unverified', reason: 'Error validating the attestation' };
    }
    const { credential } = registrationInfo;
    return {
      ok: true,
      credential: {
        id: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        userHandle: ceremony.userHandle,
        addedAt: addedAt(app.clock.now()),
      },
    };
  } catch (error) {
    return { ok: false, problem: 'unverified', reason: goWebauthnWords((error as Error).message) };
  }
}

/** go-webauthn's words for the checks Kratos reports in its 500 (measured: "Error validating origin"). */
function goWebauthnWords(message: string): string {
  if (/origin/i.test(message)) return 'Error validating origin';
  if (/challenge/i.test(message)) return 'Error validating challenge';
  if (/rp ?id/i.test(message)) return 'Error validating the relying party ID hash';
  return message;
}

export type Asserted =
  | { ok: true; identity: IdentityRecord }
  | { ok: false; problem: 'unparseable' | 'unknown-user' | 'unverified'; reason: string };

/**
 * A sign-in: the identity is found by the user handle the authenticator returns (Kratos's
 * FindByCredentialsIdentifier), the credential must be one of that identity's passkeys made for that handle,
 * and the signature, challenge, origin, RP ID hash and counter must verify. The counter is kept.
 */
export async function verifyAssertion(app: App, ceremony: PasskeyCeremony, json: string): Promise<Asserted> {
  const parsed = parseCredential(json);
  const response = parsed?.['response'] as Record<string, unknown> | undefined;
  if (!parsed || !response || typeof response['signature'] !== 'string') {
    return { ok: false, problem: 'unparseable', reason: 'Unable to parse WebAuthn response.' };
  }
  const userHandle =
    typeof response['userHandle'] === 'string'
      ? Buffer.from(response['userHandle'], 'base64url').toString('utf8')
      : '';
  const identity = userHandle === '' ? undefined : app.store.identityByPasskeyUserHandle(userHandle);
  const stored = identity?.credentials.passkey?.credentials.find(
    (c) => c.id === parsed['id'] && c.userHandle === userHandle,
  );
  if (!identity) return { ok: false, problem: 'unknown-user', reason: 'no identity has this user handle' };
  if (!stored) return { ok: false, problem: 'unverified', reason: 'not a passkey of this identity' };
  try {
    const { verified, authenticationInfo } = await verifyAuthenticationResponse({
      response: { clientExtensionResults: {}, ...parsed } as unknown as AuthenticationResponseJSON,
      expectedChallenge: ceremony.challenge,
      expectedOrigin: passkeyOrigins(app),
      expectedRPID: app.config.passkeyRp.id,
      credential: {
        id: stored.id,
        publicKey: new Uint8Array(Buffer.from(stored.publicKey, 'base64url')),
        counter: stored.counter,
      },
      requireUserVerification: false,
    });
    if (!verified) return { ok: false, problem: 'unverified', reason: 'the signature does not verify' };
    stored.counter = authenticationInfo.newCounter;
    return { ok: true, identity };
  } catch (error) {
    return { ok: false, problem: 'unverified', reason: (error as Error).message };
  }
}

/** Kratos's 500 for a passkey it could not create (registration and settings: measured on v26.2.0). */
export const cannotCreatePasskey = (reason: string): Reply =>
  jsonReply(500, {
    error: {
      code: 500,
      status: 'Internal Server Error',
      reason: `Unable to create WebAuthn credential: ${reason}`,
      message: 'An internal server error occurred, please contact the system administrator',
    },
  });

/**
 * How many ways the identity has to sign in (Kratos's CountActiveFirstFactorCredentials): its password, each
 * provider, each passkey, and the passwordless code when that is on.
 */
export function firstFactorCount(app: App, identity: IdentityRecord): number {
  const { credentials } = identity;
  return (
    (credentials.password ? 1 : 0) +
    (credentials.oidc?.providers.length ?? 0) +
    (credentials.passkey?.credentials.length ?? 0) +
    (app.config.methods.code && app.config.codePasswordless ? 1 : 0)
  );
}

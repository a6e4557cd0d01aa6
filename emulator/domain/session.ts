/** Sessions as stored, their AAL rules (session/session.go) and their public JSON. */
import { randomUUID } from 'node:crypto';
import type {
  Aal as WireAal,
  AuthMethodName,
  Session,
  SessionAuthenticationMethod,
  SessionDevice,
} from '../../shared/kratos-wire';
import { identityJson, type IdentityRecord } from './identity';
import { hashToken, newSessionToken } from './tokens';

/** The levels the emulator grants (it has no aal3 methods). */
export type Aal = Extract<WireAal, 'aal1' | 'aal2'>;

/** Kept as Kratos serves it (`authentication_methods[]`); `provider` names the provider of an `oidc` sign-in. */
type AuthMethod = Required<Pick<SessionAuthenticationMethod, 'method' | 'completed_at'>> &
  Pick<SessionAuthenticationMethod, 'provider'> & { aal: Aal };

/** Kratos fills `location` from Cloudflare geo headers; without them it is an empty string, never absent. */
type Device = SessionDevice & { location: string };

export interface SessionRecord {
  id: string;
  /**
   * The token, in memory only: the data file holds `tokenHash` (emulator/store.ts). A session read back from
   * disk gets its token again when a request presents it (app.ts authenticate).
   */
  token: string;
  /** SHA-256 of the token: how the store finds the session, and all the data file keeps of the token. */
  tokenHash: string;
  identityId: string;
  /** False once revoked (logout, DELETE /sessions...). Expiry is computed from expiresAt. */
  active: boolean;
  authenticatedAt: string;
  issuedAt: string;
  expiresAt: string;
  methods: AuthMethod[];
  devices: Device[];
}

export interface DeviceInfo {
  ip?: string;
  userAgent?: string;
}

function newDevice(info: DeviceInfo): Device {
  return {
    id: randomUUID(),
    ...(info.ip ? { ip_address: info.ip } : {}),
    ...(info.userAgent ? { user_agent: info.userAgent } : {}),
    // Kratos fills this from Cloudflare geo headers; without them it is an empty string.
    location: '',
  };
}

export function newSession(identityId: string, device: DeviceInfo): SessionRecord {
  const token = newSessionToken();
  return {
    id: randomUUID(),
    token,
    tokenHash: hashToken(token),
    identityId,
    active: true,
    authenticatedAt: '',
    issuedAt: '',
    expiresAt: '',
    methods: [],
    devices: [newDevice(device)],
  };
}

/**
 * `CompletedLoginForMethod` + `ActivateSession`: records the method and (re)sets authenticated_at,
 * issued_at and expires_at. Used for first logins, refresh and aal2 upgrades alike (same id and token).
 */
export function completeLogin(
  session: SessionRecord,
  method: AuthMethodName,
  aal: Aal,
  now: Date,
  lifespanMs: number,
  provider?: string,
): void {
  const at = now.toISOString();
  session.methods = [
    ...session.methods,
    { method, aal, completed_at: at, ...(provider === undefined ? {} : { provider }) },
  ];
  session.authenticatedAt = at;
  session.issuedAt = at;
  session.expiresAt = new Date(now.getTime() + lifespanMs).toISOString();
  session.active = true;
}

/** aal2 iff the session holds both a first-factor (aal1) and a second-factor (aal2) method. */
export function sessionAal(session: SessionRecord): Aal {
  const has = (aal: Aal) => session.methods.some((m) => m.aal === aal);
  return has('aal1') && has('aal2') ? 'aal2' : 'aal1';
}

export const isSessionActive = (session: SessionRecord, now: Date): boolean =>
  session.active && new Date(session.expiresAt) > now;

export interface SessionJsonOptions {
  publicUrl: string;
  now: Date;
  /** null when Kratos hides the identity (login response whose whoami AAL is not met). */
  identity: IdentityRecord | null;
}

export function sessionJson(session: SessionRecord, { publicUrl, now, identity }: SessionJsonOptions) {
  return {
    id: session.id,
    active: isSessionActive(session, now),
    expires_at: session.expiresAt,
    authenticated_at: session.authenticatedAt,
    authenticator_assurance_level: sessionAal(session),
    authentication_methods: session.methods,
    issued_at: session.issuedAt,
    identity: identity ? identityJson(identity, publicUrl) : null,
    devices: session.devices,
  } satisfies Session;
}

/** What every route handler works with: state, configuration, time and the public URL it is served at. */
import type { Clock } from './clock';
import type { EmulatorConfig } from './config';
import type { IdentityRecord } from './domain/identity';
import { hasSecondFactor } from './domain/identity';
import { compileIdentitySchema, type IdentitySchema } from './domain/identity-schema';
import { isSessionActive, sessionAal, type SessionRecord } from './domain/session';
import type { EmulatorRequest } from './http/request';
import { sessionTokenOf } from './http/request';
import type { IdpGrant } from './routes/example-idp';
import type { OutboxMessage, Store } from './store';

export interface App {
  store: Store;
  config: EmulatorConfig;
  clock: Clock;
  /** Base URL clients reach the emulator at (used in ui.action, request_url, schema_url...). */
  publicUrl: string;
  /** Told about every message the emulator "sends" (the app's demo inbox). */
  onMail: (message: OutboxMessage) => void;
  /** The demo identity provider's unredeemed codes, by hash (in memory only: they live five minutes). */
  idpGrants: Map<string, IdpGrant>;
}

const compiledSchemas = new WeakMap<object, IdentitySchema>();

/** The identity schema of the app's configuration, compiled once per schema object. */
export function schemaOf(app: App): IdentitySchema {
  const json = app.config.identitySchema as object;
  let compiled = compiledSchemas.get(json);
  if (!compiled) {
    compiled = compileIdentitySchema(json);
    compiledSchemas.set(json, compiled);
  }
  return compiled;
}

export interface Authenticated {
  session: SessionRecord;
  identity: IdentityRecord;
}

/** The active session named by the request's token (X-Session-Token or Bearer), if any. */
export function authenticate(req: EmulatorRequest, app: App): Authenticated | undefined {
  const token = sessionTokenOf(req);
  if (!token) return undefined;
  const session = app.store.sessionByToken(token);
  if (!session || !isSessionActive(session, app.clock.now())) return undefined;
  // A session read back from disk has no token in memory (only its hash is stored): the caller just proved it.
  session.token = token;
  const identity = app.store.identity(session.identityId);
  return identity ? { session, identity } : undefined;
}

/**
 * The addresses a second-factor code can go to: with `code.mfa_enabled`, the identity's code identifiers
 * (traits marked `credentials.code.identifier`); none otherwise.
 */
export function mfaCodeAddresses(app: App, identity: IdentityRecord): string[] {
  return codeIsSecondFactor(app) ? schemaOf(app).codeIdentifiers(identity.traits) : [];
}

/** `code.mfa_enabled` with the code method on. */
export const codeIsSecondFactor = (app: App): boolean => app.config.methods.code && app.config.codeMfa;

/**
 * `required_aal: highest_available`: an identity with a second factor needs an aal2 session
 * (session/manager_http.go DoesSessionSatisfy). `aal1` accepts any session.
 */
export function satisfiesRequiredAal(
  app: App,
  auth: Authenticated,
  required: 'highest_available' | 'aal1',
): boolean {
  if (required === 'aal1') return true;
  const secondFactor = hasSecondFactor(auth.identity, mfaCodeAddresses(app, auth.identity));
  return !secondFactor || sessionAal(auth.session) === 'aal2';
}

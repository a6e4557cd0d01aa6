/**
 * Social sign-in (the `oidc` method) and the session token exchange, as pure pieces: the provider buttons
 * (fixtures/login-nodes-oidc.json), the codes, and what a flow keeps of them. The I/O is in
 * routes/oidc.ts (Kratos's side) and routes/example-idp.ts (the demo identity provider's pages).
 *
 * Secrets: the init code (`session_token_exchange_code`), the return code (`?code=` of the redirect to
 * `return_to`) and the OAuth `state` are each 64 random alphanumerics; a flow keeps only their SHA-256
 * hashes, like session tokens (tokens.ts), so the data file never holds anything a client could redeem.
 */
import { createHash } from 'node:crypto';
import type { EmulatorConfig, OidcProvider } from '../config';
import { text } from '../messages';
import type { UiNode } from '../../shared/kratos-wire';
import { submitNode } from './nodes';
import { hashToken, randomString } from './tokens';

/** A flow created with `return_session_token_exchange_code=true` (login/flow.go, session token exchanger). */
export interface ExchangeRecord {
  initCodeHash: string;
  /** Set when the browser is sent back to `return_to`. */
  returnToCodeHash?: string;
  /** The session the sign-in at the provider ended with, to hand out. */
  sessionId?: string;
}

/** The provider a flow's browser was sent to, and the `state` that must come back with the person. */
export interface OidcAttempt {
  provider: string;
  stateHash: string;
}

/** A provider's sign-in that waits for the person to sign in to the account with `identifier` (1010016). */
export interface PendingLink {
  provider: string;
  subject: string;
  identifier: string;
}

/** The credential a social sign-in leaves on an identity (`credentials.oidc`): provider + subject pairs. */
export interface OidcCredential {
  providers: { provider: string; subject: string }[];
}

/** A fresh code (init code, return code, state, authorization code): 64 random alphanumerics. */
export const newCode = (): string => randomString(64);

export { hashToken as hashCode };

/** The demo IdP's subject for an address: stable, so the same person gets the same account again. */
export const subjectFor = (email: string): string =>
  createHash('sha256').update(`example-idp:${email.toLowerCase()}`).digest('hex').slice(0, 32);

/** The providers a configuration offers (none while the oidc method is off). */
export const enabledProviders = (config: EmulatorConfig): readonly OidcProvider[] =>
  config.methods.oidc ? config.oidcProviders : [];

export const providerName = (provider: OidcProvider): string => provider.label ?? provider.id;

/** One `provider` submit button per configured provider (group `oidc`). */
export function providerNodes(kind: 'login' | 'registration', providers: readonly OidcProvider[]): UiNode[] {
  return providers.map((provider) =>
    submitNode(
      'oidc',
      'provider',
      provider.id,
      kind === 'login'
        ? text.signInWith(providerName(provider), provider.id)
        : text.signUpWith(providerName(provider), provider.id),
    ),
  );
}

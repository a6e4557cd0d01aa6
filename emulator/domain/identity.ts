/** Identity records as stored, and their public JSON (never with credentials: `CopyWithoutCredentials`). */
import { randomUUID } from 'node:crypto';
import { IDENTITY_SCHEMA_ID, type IdentitySchema } from './identity-schema';
import type { Identity } from '../../shared/kratos-wire';
import type { OidcCredential } from './oidc';
import type { PasskeyCredentials } from './passkey';

interface VerifiableAddress {
  id: string;
  value: string;
  verified: boolean;
  via: 'email';
  status: 'pending' | 'sent' | 'completed';
  verified_at?: string;
  created_at: string;
  updated_at: string;
}

interface RecoveryAddress {
  id: string;
  value: string;
  via: 'email';
  created_at: string;
  updated_at: string;
}

export interface LookupCode {
  code: string;
  usedAt?: string;
}

/** Server-side secrets. Only hashes for passwords; TOTP and lookup secrets must be readable to verify. */
export interface Credentials {
  password?: { identifiers: string[]; hash: string };
  totp?: { secret: string };
  lookup?: { codes: LookupCode[] };
  oidc?: OidcCredential;
  passkey?: PasskeyCredentials;
}

export interface IdentityRecord {
  id: string;
  traits: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  verifiableAddresses: VerifiableAddress[];
  recoveryAddresses: RecoveryAddress[];
  credentials: Credentials;
}

export function newIdentity(
  schema: IdentitySchema,
  traits: Record<string, unknown>,
  credentials: Credentials,
  now: Date,
): IdentityRecord {
  const at = now.toISOString();
  const identity: IdentityRecord = {
    id: randomUUID(),
    traits,
    createdAt: at,
    updatedAt: at,
    verifiableAddresses: [],
    recoveryAddresses: [],
    credentials,
  };
  syncAddresses(identity, schema, now);
  return identity;
}

/** Keeps verifiable/recovery addresses in step with the traits (after registration or a profile update). */
export function syncAddresses(identity: IdentityRecord, schema: IdentitySchema, now: Date): void {
  const at = now.toISOString();
  const verifiable = schema.addressesFor(identity.traits, 'verification');
  identity.verifiableAddresses = verifiable.map(
    (value) =>
      identity.verifiableAddresses.find((a) => a.value === value) ?? {
        id: randomUUID(),
        value,
        verified: false,
        via: 'email',
        status: 'pending',
        created_at: at,
        updated_at: at,
      },
  );
  identity.recoveryAddresses = schema.addressesFor(identity.traits, 'recovery').map(
    (value) =>
      identity.recoveryAddresses.find((a) => a.value === value) ?? {
        id: randomUUID(),
        value,
        via: 'email',
        created_at: at,
        updated_at: at,
      },
  );
}

/**
 * True when the identity has a second factor, i.e. its highest available AAL is aal2: TOTP, backup codes, or
 * an address a second-factor code can go to (`mfaCodeAddresses`, only with `code.mfa_enabled`).
 */
export const hasSecondFactor = (identity: IdentityRecord, mfaCodeAddresses: readonly string[]): boolean =>
  identity.credentials.totp !== undefined ||
  (identity.credentials.lookup?.codes.length ?? 0) > 0 ||
  mfaCodeAddresses.length > 0;

export function identityJson(identity: IdentityRecord, publicUrl: string) {
  return {
    id: identity.id,
    schema_id: IDENTITY_SCHEMA_ID,
    schema_url: `${publicUrl}/schemas/${Buffer.from(IDENTITY_SCHEMA_ID).toString('base64url')}`,
    state: 'active',
    state_changed_at: identity.createdAt,
    traits: identity.traits,
    verifiable_addresses: identity.verifiableAddresses,
    recovery_addresses: identity.recoveryAddresses,
    metadata_public: null,
    created_at: identity.createdAt,
    updated_at: identity.updatedAt,
    organization_id: null,
  } satisfies Identity;
}

import { describe, expect, it } from 'vitest';
import type { IdentitySummary, SessionSummary } from '../../../shared/ipc-contract';
import { identityName } from '../../../renderer/src/session/identity-name';

const sessionOf = (identity: Partial<IdentitySummary> | null): SessionSummary => ({
  id: 'session-1',
  aal: 'aal1',
  identity:
    identity === null
      ? null
      : { id: 'identity-1', schemaId: 'default', traits: {}, verifiableAddresses: [], ...identity },
  authenticationMethods: [],
  authenticatedAt: undefined,
  issuedAt: undefined,
  expiresAt: undefined,
  devices: [],
});

describe('identityName (who the top bar says is signed in)', () => {
  it('is the first verifiable address', () => {
    const session = sessionOf({
      traits: { username: 'ada', email: 'ada@example.com' },
      verifiableAddresses: [{ value: 'ada@example.com', via: 'email', verified: false }],
    });
    expect(identityName(session)).toBe('ada@example.com');
  });

  it('without an address, the first trait that has text, nested ones included', () => {
    expect(identityName(sessionOf({ traits: { name: { first: ' ', last: 'Lovelace' } } }))).toBe('Lovelace');
    expect(identityName(sessionOf({ traits: { username: 'ada' } }))).toBe('ada');
  });

  it('nothing (not the identity id) when there is nothing a person would recognise', () => {
    expect(identityName(sessionOf({ traits: {} }))).toBeUndefined();
    expect(identityName(sessionOf(null))).toBeUndefined();
  });
});

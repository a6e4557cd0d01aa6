/** The terminal client's words for a session view (cli/commands.ts). */
import { describe, expect, it } from 'vitest';
import { describeView } from '../../cli/commands';
import { text } from '../../main/strings';
import type { SessionView } from '../../shared/ipc-contract';

const server = 'https://auth.example.com';

describe('describeView', () => {
  it('a server that cannot be reached is named once, with why, and the sign-in is said to be kept', () => {
    const view: SessionView = {
      status: 'unreachable',
      endpoint: { url: server, source: 'environment' },
      keychain: { kind: 'persisted', backend: 'Secret Service (libsecret)' },
      message: text.network.cannotReach(server, text.network.failures['ECONNREFUSED']!),
      retryAt: undefined,
      rateLimited: false,
    };
    const lines = describeView(view);
    expect(lines).toEqual([
      'Cannot reach the Kratos server at https://auth.example.com (connection refused).',
      'Your sign-in is kept; try again later.',
    ]);
    expect(lines.join(' ').split(server)).toHaveLength(2);
  });
});

describe('describeView of a session', () => {
  it('names sign-in methods it has no word for (a newer Kratos: passkey, profile, saml, …) by name', () => {
    const methods = ['password', 'passkey', 'profile', 'saml', 'device_authn', 'code_recovery'];
    const view: SessionView = {
      status: 'signed-in',
      endpoint: { url: server, source: 'environment' },
      keychain: { kind: 'persisted', backend: 'Secret Service (libsecret)' },
      session: {
        id: 'session-1',
        aal: 'aal1',
        identity: {
          id: 'identity-1',
          schemaId: 'default',
          traits: { email: 'ada@example.com' },
          verifiableAddresses: [],
        },
        authenticationMethods: methods.map((method) => ({ method, aal: 'aal1', completedAt: undefined })),
        authenticatedAt: undefined,
        issuedAt: undefined,
        expiresAt: undefined,
        devices: [],
      },
    };
    expect(describeView(view)).toContain(
      'Signed in with: password, passkey, profile, single sign-on, device authn, recovery code sent by email.',
    );
  });
});

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

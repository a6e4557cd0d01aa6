import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../../main/session/machine';
import { summarizeSession, toSessionListItem, toSessionView } from '../../../main/session/view';
import { TOKEN, aSession } from './fakes';

const context = {
  endpoint: { url: 'http://127.0.0.1:4433', source: 'environment' as const },
  keychain: { kind: 'memory' as const, reason: 'No keychain service', hint: 'Install gnome-keyring' },
};
const held = { token: TOKEN, expiresAt: Date.parse('2026-08-02T12:00:00Z') };

describe('session view', () => {
  it('summarizes the session: identity, AAL, methods, expiry, devices', () => {
    expect(summarizeSession(aSession({ aal: 'aal2' }))).toEqual({
      id: '65dea6f4-5d15-4e61-9eb7-f30190c0b2e2',
      aal: 'aal2',
      identity: {
        id: '969d7a6e-b8a9-49ea-bf7b-9e2732a41a81',
        schemaId: 'default',
        traits: { email: 'user@example.org' },
        verifiableAddresses: [{ value: 'user@example.org', via: 'email', verified: false }],
      },
      authenticationMethods: [
        { method: 'password', aal: 'aal1', completedAt: '2026-08-01T11:00:00.000Z' },
        { method: 'totp', aal: 'aal2', completedAt: undefined },
      ],
      authenticatedAt: '2026-08-01T11:00:00.000Z',
      issuedAt: '2026-08-01T11:00:00.000Z',
      expiresAt: '2026-08-02T12:00:00.000Z',
      devices: [{ id: 'd1', ipAddress: '127.0.0.1', userAgent: 'KratosDesktop/0.1', location: 'Berlin, DE' }],
    });
  });

  it('never overstates an unknown AAL (Kratos snapshots carry "aal": "")', () => {
    const session = {
      ...aSession(),
      authentication_methods: [{ method: 'password' as const, aal: '' as never }],
    };
    expect(summarizeSession(session).authenticationMethods[0]?.aal).toBe('aal0');
  });

  const states: SessionState[] = [
    { status: 'signed-out', notice: { level: 'info', text: 'bye' } },
    { status: 'checking', token: null },
    { status: 'checking', ...held, failures: 0 },
    { status: 'signed-in', ...held, session: aSession() },
    { status: 'second-factor-required', ...held, methods: ['totp'] },
    {
      status: 'unreachable',
      ...held,
      failures: 1,
      retryAt: Date.parse('2026-08-01T12:00:02Z'),
      message: 'offline',
      rateLimited: false,
    },
    { status: 'signing-out', ...held },
  ];

  it.each(states)('never contains the session token ($status)', (state) => {
    const view = toSessionView(state, context);
    expect(JSON.stringify(view)).not.toContain(TOKEN);
    expect(JSON.stringify(view)).not.toContain('ory_st_');
    expect(view).toMatchObject({ endpoint: context.endpoint });
    expect(view.keychain).toEqual(context.keychain);
  });

  it('maps each state to its contract status', () => {
    expect(states.map((s) => toSessionView(s, context).status)).toEqual([
      'signed-out',
      'checking',
      'checking',
      'signed-in',
      'second-factor-required',
      'unreachable',
      'checking',
    ]);
    expect(toSessionView(states[5]!, context)).toMatchObject({
      message: 'offline',
      retryAt: '2026-08-01T12:00:02.000Z',
    });
    expect(toSessionView(states[4]!, context)).toMatchObject({ methods: ['totp'] });
  });

  it('while the server is away or being asked again, the last known session goes along (no token)', () => {
    const session = aSession({ aal: 'aal2' });
    const unreachable: SessionState = {
      status: 'unreachable',
      ...held,
      session,
      failures: 1,
      retryAt: Date.parse('2026-08-01T12:00:02Z'),
      message: 'offline',
      rateLimited: false,
    };
    const checking: SessionState = { status: 'checking', ...held, session, failures: 1 };
    for (const state of [unreachable, checking]) {
      const view = toSessionView(state, context);
      expect(view).toMatchObject({ lastSession: summarizeSession(session) });
      expect(JSON.stringify(view)).not.toContain(TOKEN);
    }
    expect(toSessionView(states[5]!, context)).not.toHaveProperty('lastSession');
  });

  it('lists sessions without identity data', () => {
    const item = toSessionListItem(aSession({ id: 'x' }), false);
    expect(item).toEqual({
      id: 'x',
      current: false,
      aal: 'aal1',
      authenticatedAt: '2026-08-01T11:00:00.000Z',
      expiresAt: '2026-08-02T12:00:00.000Z',
      devices: [{ id: 'd1', ipAddress: '127.0.0.1', userAgent: 'KratosDesktop/0.1', location: 'Berlin, DE' }],
    });
  });
});

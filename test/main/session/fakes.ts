/**
 * Test doubles for the session and flow specs: a KratosApi whose every call must be scripted, a clock with
 * timers that tests advance, and Kratos-shaped payloads and results.
 */
import type { LoginFlow, Session, UiNodeGroup } from '../../../shared/kratos-wire';
import { vi, type Mock } from 'vitest';
import type { KratosApi } from '../../../main/kratos/api';
import type { KratosResult } from '../../../main/kratos/result';
import type { TokenStore } from '../../../main/session/token-store';
import type { Timers } from '../../../main/session/timers';

export const BASE_URL = 'http://127.0.0.1:4433';
export const TOKEN = 'ory_st_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
export const OTHER_TOKEN = 'ory_st_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

type Mocked<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? Mock<(...args: A) => R> : T[K];
};

/** Every method is a mock that fails the test if called without being scripted first. */
export function fakeApi(): Mocked<KratosApi> {
  const unexpected = (name: string) =>
    vi.fn(async () => {
      throw new Error(`unexpected KratosApi.${name} call`);
    });
  return {
    baseUrl: BASE_URL,
    checkAlive: unexpected('checkAlive'),
    createLoginFlow: unexpected('createLoginFlow'),
    getLoginFlow: unexpected('getLoginFlow'),
    submitLoginFlow: unexpected('submitLoginFlow'),
    createRegistrationFlow: unexpected('createRegistrationFlow'),
    getRegistrationFlow: unexpected('getRegistrationFlow'),
    submitRegistrationFlow: unexpected('submitRegistrationFlow'),
    createSettingsFlow: unexpected('createSettingsFlow'),
    getSettingsFlow: unexpected('getSettingsFlow'),
    submitSettingsFlow: unexpected('submitSettingsFlow'),
    createRecoveryFlow: unexpected('createRecoveryFlow'),
    getRecoveryFlow: unexpected('getRecoveryFlow'),
    submitRecoveryFlow: unexpected('submitRecoveryFlow'),
    createVerificationFlow: unexpected('createVerificationFlow'),
    getVerificationFlow: unexpected('getVerificationFlow'),
    submitVerificationFlow: unexpected('submitVerificationFlow'),
    exchangeSessionToken: unexpected('exchangeSessionToken'),
    whoami: unexpected('whoami'),
    logout: unexpected('logout'),
    listSessions: unexpected('listSessions'),
    revokeSession: unexpected('revokeSession'),
    revokeOtherSessions: unexpected('revokeOtherSessions'),
    close: vi.fn(async () => {}),
  };
}

/** A clock whose timers fire only when the test advances it. */
export class FakeClock implements Timers {
  #now: number;
  #nextId = 1;
  readonly #timers = new Map<number, { at: number; callback: () => void }>();

  constructor(start = Date.parse('2026-08-01T12:00:00Z')) {
    this.#now = start;
  }

  now = (): number => this.#now;

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.#now + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  /** Delays (ms from now) of the pending timers, soonest first. */
  pending(): number[] {
    return [...this.#timers.values()].map((timer) => timer.at - this.#now).sort((a, b) => a - b);
  }

  /** Moves time forward, firing due timers in order and letting their async work settle. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    for (;;) {
      const due = [...this.#timers.entries()]
        .filter(([, timer]) => timer.at <= target)
        .sort(([, a], [, b]) => a.at - b.at)[0];
      if (due === undefined) break;
      const [id, timer] = due;
      this.#timers.delete(id);
      this.#now = timer.at;
      timer.callback();
      await settle();
    }
    this.#now = target;
  }
}

/** Lets pending promise chains run (fake API calls resolve within a few turns). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A promise the test resolves when it wants: for holding a request "in flight". */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A secret store that records what it was asked and can be told to fail. */
export class RecordingStore implements TokenStore {
  readonly kind = 'persisted' as const;
  readonly secrets = new Map<string, string>();
  readonly calls: string[] = [];
  failing: { get?: boolean; set?: boolean; delete?: boolean } = {};

  async get(key: string): Promise<string | null> {
    this.calls.push(`get ${key}`);
    if (this.failing.get) throw new Error('keychain locked');
    return this.secrets.get(key) ?? null;
  }

  async set(key: string, secret: string): Promise<void> {
    this.calls.push(`set ${key}`);
    if (this.failing.set) throw new Error('keychain locked');
    this.secrets.set(key, secret);
  }

  async delete(key: string): Promise<boolean> {
    this.calls.push(`delete ${key}`);
    if (this.failing.delete) throw new Error('keychain locked');
    return this.secrets.delete(key);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Payloads (shapes as Kratos sends them: timestamps are strings on the wire)

export function aSession(
  options: { id?: string; aal?: 'aal1' | 'aal2'; expiresAt?: string; identity?: 'present' | 'null' } = {},
): Session {
  const aal = options.aal ?? 'aal1';
  return {
    id: options.id ?? '65dea6f4-5d15-4e61-9eb7-f30190c0b2e2',
    active: true,
    expires_at: options.expiresAt ?? '2026-08-02T12:00:00Z',
    authenticated_at: '2026-08-01T11:00:00Z',
    issued_at: '2026-08-01T11:00:00Z',
    authenticator_assurance_level: aal,
    authentication_methods: [
      { method: 'password', aal: 'aal1', completed_at: '2026-08-01T11:00:00Z' },
      ...(aal === 'aal2' ? [{ method: 'totp' as const, aal: 'aal2' as const }] : []),
    ],
    identity:
      options.identity === 'null'
        ? null
        : {
            id: '969d7a6e-b8a9-49ea-bf7b-9e2732a41a81',
            schema_id: 'default',
            schema_url: `${BASE_URL}/schemas/ZGVmYXVsdA`,
            traits: { email: 'user@example.org' },
            verifiable_addresses: [
              { value: 'user@example.org', via: 'email', verified: false, status: 'sent' },
            ],
          },
    devices: [{ id: 'd1', ip_address: '127.0.0.1', user_agent: 'KratosDesktop/0.1', location: 'Berlin, DE' }],
  };
}

export function aLoginFlow(
  options: { id?: string; groups?: UiNodeGroup[]; aal?: 'aal1' | 'aal2' } = {},
): LoginFlow {
  const groups = options.groups ?? ['default', 'password'];
  return {
    id: options.id ?? 'login-1',
    type: 'api',
    expires_at: '2026-08-01T13:00:00Z',
    issued_at: '2026-08-01T12:00:00Z',
    request_url: `${BASE_URL}/self-service/login/api`,
    refresh: false,
    requested_aal: options.aal ?? 'aal1',
    state: 'choose_method',
    ui: {
      action: `${BASE_URL}/self-service/login?flow=${options.id ?? 'login-1'}`,
      method: 'POST',
      nodes: groups.map((group) => ({
        type: 'input',
        group,
        attributes: { node_type: 'input', name: 'method', type: 'submit', value: group, disabled: false },
        messages: [],
        meta: {},
      })),
    },
  };
}

export const ok = <T>(body: T, status = 200) => ({ kind: 'success', status, body }) as const;

export function kratosError(status: number, id?: string): KratosResult<never> {
  return {
    kind: 'error',
    status,
    error: {
      ...(id === undefined ? {} : { id }),
      code: status,
      message: `error ${status}`,
      reason: `reason ${status}`,
    },
  };
}

export const offline: Extract<KratosResult<never>, { kind: 'unreachable' }> = {
  kind: 'unreachable',
  reason: 'network',
  message: `Cannot reach the Kratos server at ${BASE_URL} (connection refused).`,
};

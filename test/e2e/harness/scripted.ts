/**
 * A scripted main process for the renderer's own specs: the harness's `handle` answers each IPC call from
 * the test, so every screen state and every failure can be produced on demand. Windows a test leaves open
 * are closed after it.
 */
import { test, type Browser } from '@playwright/test';
import type { UiNode } from '../../../shared/kratos-wire';
import type {
  FlowResponse,
  FlowView,
  IpcResult,
  SessionView,
  StartFlowRequest,
} from '../../../shared/ipc-contract';
import { input, uiText } from '../../support/nodes';
import { expectAccessible } from '../support/audit';
import { openApp, type AppHarness, type OpenAppOptions } from './index';

export const base = {
  endpoint: { url: 'http://127.0.0.1:4433', source: 'environment' },
  keychain: { kind: 'persisted', backend: 'Secret Service' },
} as const;
export const signedOut: SessionView = { ...base, status: 'signed-out' };

/** A flow as main hands it to the window: `nodes` in a form of their own; `patch` for the rest. */
export function flowView(kind: FlowView['kind'], nodes: UiNode[], patch: Partial<FlowView> = {}): FlowView {
  return {
    id: `${kind}-1`,
    kind,
    state: 'choose_method',
    expiresAt: undefined,
    ui: { action: '', method: 'POST', nodes },
    ...patch,
  };
}

export function loginFlow(patch: Partial<FlowView['ui']> = {}): FlowView {
  const flow = flowView('login', [
    input('csrf_token', 'hidden', { value: '', required: true }),
    input('identifier', 'text', { value: '', required: true, label: uiText(1070004, 'ID') }),
    input('provider', 'submit', {
      group: 'oidc',
      value: 'google',
      label: uiText(1010002, 'Sign in with google', { provider: 'Google' }),
    }),
    input('password', 'password', { group: 'password', required: true, label: uiText(1070001, 'Password') }),
    input('method', 'submit', {
      group: 'password',
      value: 'password',
      label: uiText(1010022, 'Sign in with password'),
    }),
  ]);
  return { ...flow, id: 'flow-1', ui: { ...flow.ui, ...patch } };
}

/** Settings with a profile section and a password section, each with Kratos's generic "Save". */
export function settingsFlow(messages: FlowView['ui']['messages'] = []): FlowView {
  const flow = flowView(
    'settings',
    [
      input('csrf_token', 'hidden', { value: '' }),
      input('traits.email', 'email', {
        group: 'profile',
        value: 'ada@example.com',
        label: uiText(1070002, 'E-Mail'),
      }),
      input('method', 'submit', { group: 'profile', value: 'profile', label: uiText(1070003, 'Save') }),
      input('password', 'password', {
        group: 'password',
        autocomplete: 'new-password',
        label: uiText(1070001, 'Password'),
      }),
      input('method', 'submit', { group: 'password', value: 'password', label: uiText(1070003, 'Save') }),
    ],
    { state: 'show_form' },
  );
  return { ...flow, ui: { ...flow.ui, messages } };
}

/** Kratos's aal2 flow: authenticator app or backup code, with its "complete the second challenge" (1010004). */
export function secondFactorFlow(): FlowView {
  const aal2 = flowView(
    'login',
    [
      input('csrf_token', 'hidden', { value: '' }),
      input('totp_code', 'text', {
        group: 'totp',
        required: true,
        label: uiText(1010006, 'Authentication code'),
      }),
      input('method', 'submit', {
        group: 'totp',
        value: 'totp',
        label: uiText(1010009, 'Use Authenticator'),
      }),
      input('lookup_secret', 'text', {
        group: 'lookup_secret',
        required: true,
        label: uiText(1010007, 'Backup recovery code'),
      }),
      input('method', 'submit', {
        group: 'lookup_secret',
        value: 'lookup_secret',
        label: uiText(1010010, 'Use backup code'),
      }),
    ],
    { requestedAal: 'aal2' },
  );
  aal2.ui.messages = [uiText(1010004, 'Please complete the second authentication challenge.')];
  return aal2;
}

/** A recovery or verification flow after the code was sent: the code field and its submit. */
export function codeSentFlow(kind: 'recovery' | 'verification'): FlowView {
  const label = kind === 'recovery' ? 'Recovery code' : 'Verification code';
  return flowView(
    kind,
    [
      input('code', 'text', { group: 'code', required: true, label: uiText(1070011, label) }),
      input('method', 'submit', { group: 'code', value: 'code', label: uiText(1070005, 'Submit') }),
    ],
    { state: 'sent_email' },
  );
}

/** An hour from now: a session or flow that does not run out during a test. */
export const later = () => new Date(Date.now() + 3_600_000).toISOString();

export const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });

/** A scripted main: fixed answers per channel, or functions for answers that depend on the call. */
export type Script = Record<string, unknown | ((args: unknown[]) => unknown)>;

/** Windows still open when a test ends (it failed before its own `close`): closed so none leaks. */
const opened: AppHarness[] = [];
test.afterEach(async () => {
  await Promise.all(opened.splice(0).map((app) => app.close()));
});

export async function open(
  browser: Browser,
  script: Script,
  system: Omit<OpenAppOptions, 'handle'> = {},
): Promise<AppHarness> {
  const app = await openApp(browser, {
    ...system,
    handle: async (channel, args) => {
      const answer = script[channel];
      if (answer === undefined)
        return { ok: false, error: { code: 'failed', message: `unexpected ${channel}` } };
      return typeof answer === 'function' ? await (answer as (args: unknown[]) => unknown)(args) : answer;
    },
  });
  opened.push(app);
  // A test that reaches its own `close` has its last screen audited; a failed test's window just closes.
  return {
    ...app,
    async close() {
      await expectAccessible(app.page, 'the screen the window was closed on');
      await app.close();
    },
  };
}

/** The sign-in screen showing `loginFlow()`; `more` answers the other channels. */
export const signInScript = (more: Script = {}): Script => ({
  'kratos:getState': ok(signedOut),
  'kratos:startFlow': ok<FlowResponse>({ kind: 'flow', flow: loginFlow() }),
  ...more,
});

/** `kratos:startFlow` answered by the kind asked for: the flows given, the sign-in screen for any other. */
export const startFlows =
  (flows: Partial<Record<FlowView['kind'], FlowView>>) =>
  (args: unknown[]): IpcResult<FlowResponse> =>
    ok<FlowResponse>({ kind: 'flow', flow: flows[(args[0] as StartFlowRequest).kind] ?? loginFlow() });

/** Signed in, on the settings of `settingsFlow()`; `more` answers the other channels. */
export const settingsScript = (more: Script = {}): Script => ({
  'kratos:getState': ok(signedIn(later())),
  'kratos:startFlow': ok<FlowResponse>({ kind: 'flow', flow: settingsFlow() }),
  ...more,
});

/** A scripted answer that waits until the test calls `answer`: for checking what shows meanwhile. */
export function pendingAnswer<T>(): {
  promise: () => Promise<IpcResult<T>>;
  answer: (value: IpcResult<T>) => void;
} {
  let answer: (value: IpcResult<T>) => void = () => undefined;
  return { promise: () => new Promise((resolve) => (answer = resolve)), answer: (value) => answer(value) };
}

export const submits = (app: AppHarness) =>
  app.invocations.filter((call) => call.channel === 'kratos:submitFlow');

export const signedIn = (expiresAt: string): SessionView => ({
  ...base,
  status: 'signed-in',
  session: {
    id: 'session-1',
    aal: 'aal2',
    identity: {
      id: 'identity-1',
      schemaId: 'default',
      traits: { email: 'ada@example.com', name: { first: 'Ada' } },
      verifiableAddresses: [{ value: 'ada@example.com', via: 'email', verified: true }],
    },
    authenticationMethods: [
      { method: 'password', aal: 'aal1', completedAt: '2026-07-29T10:00:00Z' },
      { method: 'totp', aal: 'aal2', completedAt: '2026-07-29T10:01:00Z' },
    ],
    authenticatedAt: '2026-07-29T10:01:00Z',
    issuedAt: '2026-07-29T10:00:00Z',
    expiresAt,
    devices: [{ id: 'd1', ipAddress: '127.0.0.1', userAgent: 'Kratos Desktop', location: undefined }],
  },
});

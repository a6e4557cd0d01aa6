/**
 * Test helpers for the emulator suites: one emulator per suite, a raw HTTP client on undici.request (it adds
 * no Origin or Cookie header, like the app's main process) and shortcuts for the common native flows.
 */
import { request } from 'undici';
import { afterAll, beforeAll } from 'vitest';
import {
  start,
  type Clock,
  type EmulatorConfig,
  type OutboxMessage,
  type RunningEmulator,
} from '../../emulator/index';
import { startTestEmulator, TEST_BCRYPT_COST, type TestEmulator } from '../support/emulator';

export { withoutSocialSignIn } from '../support/emulator';

export interface SuiteEmulator {
  readonly emulator: TestEmulator;
  readonly url: string;
}

/**
 * The emulator a suite's tests share, on the suite's clock (and configuration): started before the first test, stopped after the
 * last (stop() then fails the suite if any answer broke Kratos's spec or any request sent Cookie or Origin).
 * Read its fields inside tests and hooks: they exist once the suite has started.
 */
export function emulatorForSuite(clock: Clock, config?: Partial<EmulatorConfig>): SuiteEmulator {
  let running: TestEmulator | undefined;
  beforeAll(async () => {
    running = await startTestEmulator({ clock, config });
  });
  afterAll(() => running?.stop());
  const started = (): TestEmulator => {
    if (!running) throw new Error('the suite emulator is read before beforeAll started it');
    return running;
  };
  return {
    get emulator() {
      return started();
    },
    get url() {
      return started().url;
    },
  };
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // Tests read arbitrary Kratos JSON; `any` keeps assertions readable.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export async function call(
  method: 'GET' | 'HEAD' | 'POST' | 'DELETE' | 'PUT' | 'PATCH',
  url: string,
  options: { json?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.json !== undefined) headers['Content-Type'] = 'application/json';
  const res = await request(url, {
    method,
    headers,
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) };
}

export const tokenHeader = (token: string) => ({ 'X-Session-Token': token });

/**
 * A submit naming a method the configuration turned off: Kratos's own answer, no error id
 * (flow.MethodEnabledAndAllowed; measured on v26.2.0 and v1.3.1: test/parity, kratos-defaults).
 */
export const ENDPOINT_DISABLED = {
  error: {
    code: 404,
    status: 'Not Found',
    reason:
      'This endpoint was disabled by system administrator. Please check your url or contact the system administrator to enable it.',
    message: 'The requested resource could not be found',
  },
};

export const PASSWORD = 'correct horse battery staple';

let counter = 0;
export const uniqueEmail = () => `person${++counter}-${Date.now()}@example.org`;

/** Registers through the native API and returns the registration response body (session hook on by default). */
export async function register(baseUrl: string, email = uniqueEmail(), password = PASSWORD, name?: string) {
  const flow = await call('GET', `${baseUrl}/self-service/registration/api`);
  const traits = name === undefined ? { email } : { email, name };
  const res = await call('POST', flow.body.ui.action, { json: { method: 'password', traits, password } });
  if (res.status !== 200) throw new Error(`registration failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { email, password, token: res.body.session_token as string, body: res.body };
}

export async function login(
  baseUrl: string,
  identifier: string,
  password = PASSWORD,
  headers: Record<string, string> = {},
) {
  const flow = await call('GET', `${baseUrl}/self-service/login/api`, { headers });
  return call('POST', flow.body.ui.action, { json: { method: 'password', identifier, password }, headers });
}

/** The newest code `emulator` mailed to `to` (of `template`, when named). */
export const lastCode = (emulator: RunningEmulator, to: string, template?: OutboxMessage['template']) =>
  emulator
    .outbox()
    .filter((m) => m.to === to && (template === undefined || m.template === template))
    .at(-1)?.code;

/** A six-digit code that is not `code`: a wrong guess that cannot be right by chance. */
export const otherCode = (code: string) => (code === '000000' ? '111111' : '000000');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const nodeNamed = (flow: any, name: string): any =>
  (flow.ui.nodes as Array<{ attributes: { name?: string } }>).find((n) => n.attributes.name === name);

/** The flow's nodes as `group:name`, in order (ids for nodes without a name). */
export const nodeNames = (flow: {
  ui: { nodes: { group: string; attributes: { name?: string; id?: string } }[] };
}): string[] => flow.ui.nodes.map((n) => `${n.group}:${n.attributes.name ?? n.attributes.id}`);

/** Reads the TOTP secret the settings flow shows in its `totp_secret_key` text node. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const totpSecretOf = (flow: any): string =>
  flow.ui.nodes.find((n: { attributes: { id?: string } }) => n.attributes.id === 'totp_secret_key').attributes
    .text.context.secret;

export async function settingsFlow(baseUrl: string, token: string) {
  const res = await call('GET', `${baseUrl}/self-service/settings/api`, { headers: tokenHeader(token) });
  if (res.status !== 200) throw new Error(`settings flow failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * Runs `body` against an emulator WITHOUT the spec check, for the few answers where real Kratos departs from its
 * own OpenAPI document: e.g. POST /self-service/<flow>?flow=<malformed> is documented as `400: <flow>Flow`, but
 * no flow exists yet, so Kratos writes a plain error envelope (flow.GetFlowID → WriteFlowError with a nil flow).
 */
export async function withUncheckedEmulator(
  body: (emulator: RunningEmulator) => Promise<void>,
): Promise<void> {
  const emulator = await start({ port: 0, config: { bcryptCost: TEST_BCRYPT_COST } });
  try {
    await body(emulator);
  } finally {
    await emulator.stop();
  }
}

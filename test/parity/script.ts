/**
 * One native-client scenario over raw HTTP, written once and played against either server. Every request is
 * a named step; the recorded answers are compared as client views (view.ts). The script never branches on
 * which server it talks to: where the emulator answers differently, later steps still run (with whatever the
 * answer allows) and the difference is recorded, so one run shows every difference at once.
 *
 * Three servers per side: the main scenario on the shared configuration; a short one on a server with a
 * 4 s privileged session age and passwordless code sign-in (privileged expiry needs real time to pass on
 * real Kratos; both sides wait the same way, so neither needs a manual clock), which also spends the five
 * attempts of one-time codes; one with recovery and verification turned off; and one with one-time codes as
 * a second factor (`code.mfa_enabled`).
 */
import { generate } from 'otplib';
import { request } from 'undici';
import type { ParityServer, ScenarioOptions } from './servers';
import { clientView, type ClientView } from './view';

export const PASSWORD = 'correct-Horse-battery-9';
export const PRIVILEGED_SESSION_MAX_AGE = '4s';

type Json = Record<string, unknown>;

export interface Answer {
  status: number;
  body: Json;
}

export interface Recorded {
  step: string;
  view: ClientView;
  /** The raw answer, for failure messages. */
  body: unknown;
}

interface Send {
  json?: unknown;
  token?: string;
  headers?: Record<string, string>;
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Records every request as a step; counts the requests that carry Cookie/Origin on purpose. */
export class Recorder {
  readonly steps: Recorded[] = [];
  cookieOrOriginRequests = 0;

  constructor(readonly server: ParityServer) {}

  async step(name: string, method: string, pathOrUrl: string, send: Send = {}): Promise<Answer> {
    if (this.steps.some((s) => s.step === name)) throw new Error(`duplicate step name: ${name}`);
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.server.url}${pathOrUrl}`;
    const headers: Record<string, string> = { Accept: 'application/json', ...send.headers };
    if (send.json !== undefined) headers['Content-Type'] = 'application/json';
    if (send.token !== undefined) headers['X-Session-Token'] = send.token;
    if (Object.keys(headers).some((h) => ['cookie', 'origin'].includes(h.toLowerCase()))) {
      this.cookieOrOriginRequests++;
    }
    const response = await request(url, {
      method: method as 'GET',
      headers,
      body: send.json === undefined ? undefined : JSON.stringify(send.json),
    });
    const raw = await response.body.text();
    let body: unknown = undefined;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      body = raw;
    }
    this.steps.push({ step: name, view: clientView(response.statusCode, response.headers, body), body });
    return { status: response.statusCode, body: isObject(body) ? body : { items: body } };
  }

  /**
   * Records where a browser was sent back to the app, as a step without an HTTP answer (status 0): the
   * link's address without its query, and the names of its query parameters (their values are secrets or ids).
   */
  linkBack(name: string, link: string): void {
    if (this.steps.some((s) => s.step === name)) throw new Error(`duplicate step name: ${name}`);
    const url = URL.canParse(link) ? new URL(link) : undefined;
    const body = url ? Object.fromEntries([...url.searchParams.keys()].map((key) => [key, '…'])) : {};
    const view = {
      ...clientView(0, {}, body),
      state: url ? `${url.protocol}//${url.host}${url.pathname}` : link,
    };
    this.steps.push({ step: name, view, body: link });
  }
}

// --- reading answers -------------------------------------------------------------------------------------

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The URL a flow is submitted to: `ui.action`, or the documented one when the answer has none. */
function action(kind: string, flow: Answer, recorder: Recorder): string {
  const ui = isObject(flow.body['ui']) ? flow.body['ui'] : {};
  return str(ui['action']) || `${recorder.server.url}/self-service/${kind}?flow=${str(flow.body['id'])}`;
}

function nodes(answer: Answer): Json[] {
  const ui = isObject(answer.body['ui']) ? answer.body['ui'] : {};
  return Array.isArray(ui['nodes']) ? ui['nodes'].filter(isObject) : [];
}

function attributesWithId(answer: Answer, id: string): Json | undefined {
  return nodes(answer)
    .map((n) => (isObject(n['attributes']) ? n['attributes'] : {}))
    .find((a) => a['id'] === id || a['name'] === id);
}

function totpSecret(answer: Answer): string {
  const text = attributesWithId(answer, 'totp_secret_key')?.['text'];
  return isObject(text) ? str(text['text']) : '';
}

function lookupCodes(answer: Answer): string[] {
  const text = attributesWithId(answer, 'lookup_secret_codes')?.['text'];
  const context = isObject(text) && isObject(text['context']) ? text['context'] : {};
  const secrets = Array.isArray(context['secrets']) ? context['secrets'] : [];
  return secrets.map((s) => (isObject(s) && isObject(s['context']) ? str(s['context']['secret']) : ''));
}

const sessionToken = (answer: Answer): string => str(answer.body['session_token']);
const sessionId = (answer: Answer): string =>
  isObject(answer.body['session']) ? str(answer.body['session']['id']) : str(answer.body['id']);

const totpNow = (secret: string) => (secret ? generate({ secret }) : Promise.resolve('000000'));

async function mailedCode(recorder: Recorder, to: string, kind: 'recovery' | 'verification' | 'login') {
  // A server that sent nothing gets a code that cannot match; the step then records that answer.
  return recorder.server.code(to, kind).catch(() => '000000');
}

// --- the main scenario ----------------------------------------------------------------------------------

export async function mainScenario(recorder: Recorder): Promise<void> {
  const r = recorder;
  const email = 'parity-person@example.org';
  const other = 'parity-other@example.org';

  // Registration: errors, the two steps, "Back", success, a taken address.
  const registration = await r.step('registration: create the flow', 'GET', '/self-service/registration/api');
  const registrationUrl = action('registration', registration, r);
  await r.step('registration: password without an email', 'POST', registrationUrl, {
    json: { method: 'password', traits: {}, password: PASSWORD },
  });
  await r.step('registration: a password that is too short', 'POST', registrationUrl, {
    json: { method: 'password', traits: { email }, password: 'short' },
  });
  await r.step('registration: the profile step', 'POST', registrationUrl, {
    json: { method: 'profile', traits: { email, name: 'Parity Person' } },
  });
  await r.step('registration: back to the profile step', 'POST', registrationUrl, {
    json: { method: 'profile:back', screen: 'previous', traits: { email, name: 'Parity Person' } },
  });
  await r.step('registration: the profile step again', 'POST', registrationUrl, {
    json: { method: 'profile', traits: { email, name: 'Parity Person' } },
  });
  const registered = await r.step('registration: the password step', 'POST', registrationUrl, {
    json: { method: 'password', traits: { email, name: 'Parity Person' }, password: PASSWORD },
  });
  const registrationToken = sessionToken(registered);
  const again = await r.step(
    'registration: create a flow for a taken address',
    'GET',
    '/self-service/registration/api',
  );
  await r.step('registration: an address that is taken', 'POST', action('registration', again, r), {
    json: { method: 'password', traits: { email }, password: PASSWORD },
  });

  // Whoami variants.
  await r.step('whoami: no token', 'GET', '/sessions/whoami');
  await r.step('whoami: an unknown token', 'GET', '/sessions/whoami', { token: 'ory_st_notatoken' });
  await r.step('whoami: the registration token', 'GET', '/sessions/whoami', { token: registrationToken });
  await r.step('whoami: Authorization Bearer', 'GET', '/sessions/whoami', {
    headers: { Authorization: `Bearer ${registrationToken}` },
  });

  // Login: errors, Cookie/Origin refusal, success, refresh, aal2 without a second factor.
  const login = await r.step('login: create the flow', 'GET', '/self-service/login/api');
  const loginUrl = action('login', login, r);
  await r.step('login: a wrong password', 'POST', loginUrl, {
    json: { method: 'password', identifier: email, password: 'wrong-Password-1' },
  });
  await r.step('login: an unknown identifier', 'POST', loginUrl, {
    json: { method: 'password', identifier: 'nobody@example.org', password: PASSWORD },
  });
  await r.step('login: missing fields', 'POST', loginUrl, { json: { method: 'password' } });
  await r.step('login: a submit with an Origin header', 'POST', loginUrl, {
    json: { method: 'password', identifier: email, password: PASSWORD },
    headers: { Origin: 'http://127.0.0.1:1' },
  });
  await r.step('login: a submit with a Cookie header', 'POST', loginUrl, {
    json: { method: 'password', identifier: email, password: PASSWORD },
    headers: { Cookie: 'some_cookie=1' },
  });
  await r.step('login: create a flow with a Cookie header', 'GET', '/self-service/login/api', {
    headers: { Cookie: 'some_cookie=1' },
  });
  const signedIn = await r.step('login: the right password', 'POST', loginUrl, {
    json: { method: 'password', identifier: email, password: PASSWORD },
  });
  const token = sessionToken(signedIn);
  await r.step('login: create a flow while signed in', 'GET', '/self-service/login/api', { token });
  const refresh = await r.step(
    'login: create a refresh flow',
    'GET',
    '/self-service/login/api?refresh=true',
    {
      token,
    },
  );
  await r.step('login: refresh with the password', 'POST', action('login', refresh, r), {
    json: { method: 'password', identifier: email, password: PASSWORD },
    token,
  });
  await r.step('login: aal2 flow without a second factor', 'GET', '/self-service/login/api?aal=aal2', {
    token,
  });

  // Sessions: list, revoke one, revoke the others, unknown method.
  await r.step('sessions: list the other sessions', 'GET', '/sessions', { token });
  await r.step('sessions: revoke one', 'DELETE', `/sessions/${sessionId(registered)}`, { token });
  await r.step('sessions: revoke the current one by id', 'DELETE', `/sessions/${sessionId(signedIn)}`, {
    token,
  });
  await r.step('sessions: revoke all others', 'DELETE', '/sessions', { token });
  await r.step('sessions: an unknown method on a session', 'PATCH', `/sessions/${sessionId(signedIn)}`, {
    token,
  });
  await r.step('sessions: no token', 'GET', '/sessions');

  // Settings: profile, password, TOTP, lookup secrets.
  const settings = await r.step('settings: create the flow', 'GET', '/self-service/settings/api', { token });
  const settingsUrl = action('settings', settings, r);
  await r.step('settings: create the flow without a token', 'GET', '/self-service/settings/api');
  await r.step('settings: change the profile', 'POST', settingsUrl, {
    json: { method: 'profile', traits: { email, name: 'Renamed Person' } },
    token,
  });
  await r.step('settings: a password that is too short', 'POST', settingsUrl, {
    json: { method: 'password', password: 'short' },
    token,
  });
  await r.step('settings: change the password', 'POST', settingsUrl, {
    json: { method: 'password', password: `${PASSWORD}-new` },
    token,
  });
  const wrongTotp = await r.step('settings: a wrong TOTP code', 'POST', settingsUrl, {
    json: { method: 'totp', totp_code: '000000' },
    token,
  });
  // The secret of the latest answer: Kratos draws a new one whenever it renders the settings form again.
  const secret = totpSecret(wrongTotp) || totpSecret(settings);
  await r.step('settings: link TOTP', 'POST', settingsUrl, {
    json: { method: 'totp', totp_code: await totpNow(secret) },
    token,
  });
  const lookup = await r.step(
    'settings: create a flow for backup codes',
    'GET',
    '/self-service/settings/api',
    {
      token,
    },
  );
  const lookupUrl = action('settings', lookup, r);
  const generated = await r.step('settings: generate backup codes', 'POST', lookupUrl, {
    json: { method: 'lookup_secret', lookup_secret_regenerate: true },
    token,
  });
  const codes = lookupCodes(generated);
  await r.step('settings: confirm backup codes', 'POST', lookupUrl, {
    json: { method: 'lookup_secret', lookup_secret_confirm: true },
    token,
  });
  await r.step('settings: reveal backup codes', 'POST', lookupUrl, {
    json: { method: 'lookup_secret', lookup_secret_reveal: true },
    token,
  });

  // Second factor: the first factor alone is aal1 now; aal2 by TOTP and by a backup code.
  const firstFactor = await r.step(
    'second factor: password login',
    'POST',
    action(
      'login',
      await r.step('second factor: create the login flow', 'GET', '/self-service/login/api'),
      r,
    ),
    {
      json: { method: 'password', identifier: email, password: `${PASSWORD}-new` },
    },
  );
  const aal1 = sessionToken(firstFactor);
  await r.step('second factor: whoami with the aal1 token', 'GET', '/sessions/whoami', { token: aal1 });
  await r.step('second factor: list sessions with the aal1 token', 'GET', '/sessions', { token: aal1 });
  await r.step('second factor: settings with the aal1 token', 'GET', '/self-service/settings/api', {
    token: aal1,
  });
  const aal2 = await r.step(
    'second factor: create the aal2 flow',
    'GET',
    '/self-service/login/api?aal=aal2',
    {
      token: aal1,
    },
  );
  const aal2Url = action('login', aal2, r);
  await r.step('second factor: a wrong TOTP code', 'POST', aal2Url, {
    json: { method: 'totp', totp_code: '000000' },
    token: aal1,
  });
  await r.step('second factor: a wrong backup code', 'POST', aal2Url, {
    json: { method: 'lookup_secret', lookup_secret: 'zzzzzzzz' },
    token: aal1,
  });
  await r.step('second factor: the TOTP code', 'POST', aal2Url, {
    json: { method: 'totp', totp_code: await totpNow(secret) },
    token: aal1,
  });
  await r.step('second factor: whoami at aal2', 'GET', '/sessions/whoami', { token: aal1 });

  const second = await r.step(
    'second factor: password login again',
    'POST',
    action(
      'login',
      await r.step('second factor: create another login flow', 'GET', '/self-service/login/api'),
      r,
    ),
    {
      json: { method: 'password', identifier: email, password: `${PASSWORD}-new` },
    },
  );
  const secondToken = sessionToken(second);
  const byCode = await r.step(
    'second factor: create an aal2 flow for a backup code',
    'GET',
    '/self-service/login/api?aal=aal2',
    {
      token: secondToken,
    },
  );
  await r.step('second factor: a backup code', 'POST', action('login', byCode, r), {
    json: { method: 'lookup_secret', lookup_secret: codes[0] ?? 'zzzzzzzz' },
    token: secondToken,
  });
  const reuse = await r.step(
    'second factor: create an aal2 flow to reuse the code',
    'GET',
    '/self-service/login/api?aal=aal2',
    {
      token: aal1,
    },
  );
  await r.step('second factor: the same backup code again', 'POST', action('login', reuse, r), {
    json: { method: 'lookup_secret', lookup_secret: codes[0] ?? 'zzzzzzzz' },
    token: aal1,
  });
  const disable = await r.step('settings: create a flow at aal2', 'GET', '/self-service/settings/api', {
    token: secondToken,
  });
  await r.step('settings: unlink TOTP', 'POST', action('settings', disable, r), {
    json: { method: 'totp', totp_unlink: true },
    token: secondToken,
  });

  // Recovery by code.
  await registerThroughApi(r, other);
  const recovery = await r.step('recovery: create the flow', 'GET', '/self-service/recovery/api');
  const recoveryUrl = action('recovery', recovery, r);
  await r.step('recovery: a malformed address', 'POST', recoveryUrl, {
    json: { method: 'code', email: 'not-an-address' },
  });
  await r.step('recovery: send the code', 'POST', recoveryUrl, { json: { method: 'code', email: other } });
  await r.step('recovery: a wrong code', 'POST', recoveryUrl, { json: { method: 'code', code: '000000' } });
  const recoveryCode = await mailedCode(r, other, 'recovery');
  const recovered = await r.step('recovery: the right code', 'POST', recoveryUrl, {
    json: { method: 'code', code: recoveryCode },
  });
  const recoveredToken = sessionToken(recovered) || continueWithToken(recovered);
  await r.step('recovery: whoami with the recovered session', 'GET', '/sessions/whoami', {
    token: recoveredToken,
  });
  const unknown = await r.step(
    'recovery: create a flow for an unknown address',
    'GET',
    '/self-service/recovery/api',
  );
  await r.step('recovery: an unknown address', 'POST', action('recovery', unknown, r), {
    json: { method: 'code', email: 'nobody@example.org' },
  });

  // Verification by code.
  const verification = await r.step('verification: create the flow', 'GET', '/self-service/verification/api');
  const verificationUrl = action('verification', verification, r);
  await r.step('verification: send the code', 'POST', verificationUrl, {
    json: { method: 'code', email: other },
  });
  await r.step('verification: a wrong code', 'POST', verificationUrl, {
    json: { method: 'code', code: '000000' },
  });
  const verificationCode = await mailedCode(r, other, 'verification');
  await r.step('verification: the right code', 'POST', verificationUrl, {
    json: { method: 'code', code: verificationCode },
  });

  // Logout variants.
  await r.step('logout: no body', 'DELETE', '/self-service/logout/api');
  await r.step('logout: an unknown token', 'DELETE', '/self-service/logout/api', {
    json: { session_token: 'ory_st_notatoken' },
  });
  await r.step('logout: the token', 'DELETE', '/self-service/logout/api', {
    json: { session_token: recoveredToken },
  });
  await r.step('logout: whoami after logout', 'GET', '/sessions/whoami', { token: recoveredToken });
  await r.step('logout: the same token again', 'DELETE', '/self-service/logout/api', {
    json: { session_token: recoveredToken },
  });
}

function continueWithToken(answer: Answer): string {
  const items = Array.isArray(answer.body['continue_with']) ? answer.body['continue_with'] : [];
  const item = items.filter(isObject).find((c) => c['action'] === 'set_ory_session_token');
  return item ? str(item['ory_session_token']) : '';
}

async function registerThroughApi(r: Recorder, email: string): Promise<string> {
  const flow = await r.step(`setup: registration flow for ${email}`, 'GET', '/self-service/registration/api');
  const done = await r.step(`setup: register ${email}`, 'POST', action('registration', flow, r), {
    json: { method: 'password', traits: { email }, password: PASSWORD },
  });
  return sessionToken(done);
}

// --- the short scenario: privileged expiry, passwordless code sign-in, code attempt limits ---------------

export async function shortScenario(recorder: Recorder): Promise<void> {
  const r = recorder;
  const email = 'parity-code@example.org';
  const token = await registerThroughApi(r, email);

  // Passwordless sign-in with a one-time code, with "Resend code".
  const login = await r.step('code login: create the flow', 'GET', '/self-service/login/api');
  const loginUrl = action('login', login, r);
  await r.step('code login: send the code', 'POST', loginUrl, {
    json: { method: 'code', identifier: email },
  });
  await r.step('code login: resend the code', 'POST', loginUrl, {
    json: { method: 'code', identifier: email, resend: 'code' },
  });
  await r.step('code login: a wrong code', 'POST', loginUrl, {
    json: { method: 'code', identifier: email, code: '000000' },
  });
  const code = await mailedCode(r, email, 'login');
  const signedIn = await r.step('code login: the right code', 'POST', loginUrl, {
    json: { method: 'code', identifier: email, code },
  });
  await r.step('code login: whoami', 'GET', '/sessions/whoami', { token: sessionToken(signedIn) });

  // Privileged session expiry: the settings flow is created while fresh, submitted after the age passed.
  const settings = await r.step('privileged: create the settings flow', 'GET', '/self-service/settings/api', {
    token,
  });
  await new Promise((resolve) => setTimeout(resolve, 4_500));
  const settingsUrl = action('settings', settings, r);
  await r.step('privileged: change the password after the age', 'POST', settingsUrl, {
    json: { method: 'password', password: `${PASSWORD}-new` },
    token,
  });
  await r.step('privileged: change only the profile after the age', 'POST', settingsUrl, {
    json: { method: 'profile', traits: { email, name: 'Late Change' } },
    token,
  });
  await r.step('privileged: change the email after the age', 'POST', settingsUrl, {
    json: { method: 'profile', traits: { email: 'parity-code-new@example.org', name: 'Late Change' } },
    token,
  });
  const refresh = await r.step(
    'privileged: create a refresh flow',
    'GET',
    '/self-service/login/api?refresh=true',
    {
      token,
    },
  );
  await r.step('privileged: refresh with the password', 'POST', action('login', refresh, r), {
    json: { method: 'password', identifier: email, password: PASSWORD },
    token,
  });
  await r.step('privileged: change the password after refresh', 'POST', settingsUrl, {
    json: { method: 'password', password: `${PASSWORD}-new` },
    token,
  });

  await codeAttemptLimits(r, email);
}

/**
 * Five one-time codes per flow: the sixth, even the right one, is refused — in a sign-in flow as message
 * 4000001 (and "Resend code" does not give the flow new attempts), in recovery as an error naming a new flow,
 * in verification as 410 with a replacement flow.
 */
async function codeAttemptLimits(r: Recorder, email: string): Promise<void> {
  const fiveWrongCodes = async (prefix: string, url: string, json: Json) => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      await r.step(`${prefix}: wrong code ${attempt}`, 'POST', url, { json: { ...json, code: '000000' } });
    }
  };

  const login = await r.step('code limit: create a sign-in flow', 'GET', '/self-service/login/api');
  const loginUrl = action('login', login, r);
  await r.step('code limit: send a sign-in code', 'POST', loginUrl, {
    json: { method: 'code', identifier: email },
  });
  await fiveWrongCodes('code limit: sign-in', loginUrl, { method: 'code', identifier: email });
  await r.step('code limit: the right sign-in code after five wrong ones', 'POST', loginUrl, {
    json: { method: 'code', identifier: email, code: await mailedCode(r, email, 'login') },
  });
  await r.step('code limit: resend the sign-in code', 'POST', loginUrl, {
    json: { method: 'code', identifier: email, resend: 'code' },
  });
  await r.step('code limit: the resent sign-in code', 'POST', loginUrl, {
    json: { method: 'code', identifier: email, code: await mailedCode(r, email, 'login') },
  });

  const recovery = await r.step('code limit: create a recovery flow', 'GET', '/self-service/recovery/api');
  const recoveryUrl = action('recovery', recovery, r);
  await r.step('code limit: send a recovery code', 'POST', recoveryUrl, { json: { method: 'code', email } });
  await fiveWrongCodes('code limit: recovery', recoveryUrl, { method: 'code' });
  const refused = await r.step(
    'code limit: the right recovery code after five wrong ones',
    'POST',
    recoveryUrl,
    {
      json: { method: 'code', code: await mailedCode(r, email, 'recovery') },
    },
  );
  const error = isObject(refused.body['error']) ? refused.body['error'] : {};
  const details = isObject(error['details']) ? error['details'] : {};
  const next = Array.isArray(details['continue_with'])
    ? details['continue_with'].filter(isObject)[0]
    : undefined;
  const nextId = next && isObject(next['flow']) ? str(next['flow']['id']) : '';
  await r.step('code limit: the recovery flow it names', 'GET', `/self-service/recovery/flows?id=${nextId}`);

  const verification = await r.step(
    'code limit: create a verification flow',
    'GET',
    '/self-service/verification/api',
  );
  const verificationUrl = action('verification', verification, r);
  await r.step('code limit: send a verification code', 'POST', verificationUrl, {
    json: { method: 'code', email },
  });
  await fiveWrongCodes('code limit: verification', verificationUrl, { method: 'code' });
  const replaced = await r.step(
    'code limit: the right verification code after five wrong ones',
    'POST',
    verificationUrl,
    { json: { method: 'code', code: await mailedCode(r, email, 'verification') } },
  );
  await r.step(
    'code limit: the verification flow that replaced it',
    'GET',
    `/self-service/verification/flows?id=${str(replaced.body['use_flow_id'])}`,
  );
}

// --- social sign-in through an identity provider ------------------------------------------------------------

export const RETURN_TO = 'kratos-desktop://auth/callback';
const PROVIDER = 'example';
const WITH_EXCHANGE = `?return_session_token_exchange_code=true&return_to=${encodeURIComponent(RETURN_TO)}`;

interface SocialAttempt {
  flow: Answer;
  initCode: string;
  link: URL;
}

/**
 * A native app's social sign-in up to the link back: the flow with an exchange code, the provider button
 * (422 with the provider's page), and the person at the provider (their browser, ParityServer.idp).
 */
async function socialSignIn(
  r: Recorder,
  prefix: string,
  kind: 'login' | 'registration',
  email: string,
  consent: 'grant' | 'deny' = 'grant',
): Promise<SocialAttempt> {
  const flow = await r.step(`${prefix}: create the flow`, 'GET', `/self-service/${kind}/api${WITH_EXCHANGE}`);
  const pressed = await r.step(`${prefix}: press the provider button`, 'POST', action(kind, flow, r), {
    json: { method: 'oidc', provider: PROVIDER },
  });
  const idp = r.server.idp;
  if (!idp) throw new Error('the social scenario needs a server with an identity provider');
  const link = await idp.signIn(str(pressed.body['redirect_browser_to']), email, consent);
  r.linkBack(`${prefix}: the link back to the app`, link);
  return { flow, initCode: str(flow.body['session_token_exchange_code']), link: new URL(link) };
}

/** `GET /sessions/token-exchange` with the attempt's two codes: the session token, when there is one. */
async function exchange(r: Recorder, prefix: string, attempt: SocialAttempt): Promise<string> {
  const query = new URLSearchParams({
    init_code: attempt.initCode,
    return_to_code: attempt.link.searchParams.get('code') ?? '',
  });
  return sessionToken(
    await r.step(`${prefix}: exchange the codes`, 'GET', `/sessions/token-exchange?${query}`),
  );
}

export async function socialScenario(recorder: Recorder): Promise<void> {
  const r = recorder;
  const email = 'parity-social@example.org';

  // A new person signs up through the provider; the exchange hands out the session.
  const signUp = await socialSignIn(r, 'social sign-up', 'registration', email);
  const token = await exchange(r, 'social sign-up', signUp);
  await r.step('social sign-up: whoami', 'GET', '/sessions/whoami', { token });

  // The same person returns through the sign-in form.
  const returning = await socialSignIn(r, 'social sign-in', 'login', email);
  await r.step('social sign-in: whoami', 'GET', '/sessions/whoami', {
    token: await exchange(r, 'social sign-in', returning),
  });

  // Settings of an API flow (which groups a native client is offered), and a second factor.
  const settings = await r.step('social settings: create the flow', 'GET', '/self-service/settings/api', {
    token,
  });
  await r.step('social settings: link TOTP', 'POST', action('settings', settings, r), {
    json: { method: 'totp', totp_code: await totpNow(totpSecret(settings)) },
    token,
  });

  // With a second factor, the exchange still hands out the session (aal1, with its identity); whoami asks for
  // the second factor.
  const withTotp = await socialSignIn(r, 'social sign-in with TOTP', 'login', email);
  await r.step('social sign-in with TOTP: whoami', 'GET', '/sessions/whoami', {
    token: await exchange(r, 'social sign-in with TOTP', withTotp),
  });

  // The person denies at the provider: the browser comes back without a code, the message is in the flow.
  const denied = await socialSignIn(r, 'social denied', 'login', email, 'deny');
  await r.step(
    'social denied: the waiting flow',
    'GET',
    `/self-service/login/flows?id=${str(denied.flow.body['id'])}`,
  );
  await exchange(r, 'social denied', { ...denied, link: new URL(`${RETURN_TO}?code=${'A'.repeat(64)}`) });

  // An address that belongs to a password account: Kratos asks to sign in with the password to link (1010016).
  const linking = 'parity-linking@example.org';
  await registerThroughApi(r, linking);
  const toLink = await socialSignIn(r, 'social linking', 'login', linking);
  const linkingFlow = await r.step(
    'social linking: the flow it names',
    'GET',
    `/self-service/login/flows?id=${toLink.link.searchParams.get('flow') ?? ''}`,
  );
  await r.step('social linking: sign in with the password', 'POST', action('login', linkingFlow, r), {
    json: { method: 'password', identifier: linking, password: PASSWORD },
  });
  const linked = await socialSignIn(r, 'social linking: the provider afterwards', 'login', linking);
  await exchange(r, 'social linking: the provider afterwards', linked);

  // Kratos v1.3.1 links a next page after an empty one; a list with no other sessions shows whether it does.
  const alone = await registerThroughApi(r, 'parity-alone@example.org');
  await r.step('sessions: a list with no other sessions', 'GET', '/sessions', { token: alone });
}

// --- one-time codes as a second factor (`code.mfa_enabled`) ----------------------------------------------

export const CODE_MFA = { selfservice: { methods: { code: { mfa_enabled: true } } } };

/**
 * With second-factor codes on, every identity with a code address needs a code after its password: the aal2
 * flow offers "Send code to <address>", the send answers 400 sent_email, the code completes aal2; a refused
 * address, resend, a missing or wrong code, and the five-code limit.
 */
export async function mfaCodeScenario(recorder: Recorder): Promise<void> {
  const r = recorder;
  const email = 'parity-mfa@example.org';
  const registered = await registerThroughApi(r, email);
  await r.step('mfa code: whoami after registration', 'GET', '/sessions/whoami', { token: registered });
  await r.step('mfa code: list sessions at aal1', 'GET', '/sessions', { token: registered });
  await r.step('mfa code: settings at aal1', 'GET', '/self-service/settings/api', { token: registered });
  await r.step('mfa code: create a sign-in flow', 'GET', '/self-service/login/api');

  const flow = await r.step('mfa code: create the aal2 flow', 'GET', '/self-service/login/api?aal=aal2', {
    token: registered,
  });
  const url = action('login', flow, r);
  await r.step('mfa code: send without an address', 'POST', url, {
    json: { method: 'code' },
    token: registered,
  });
  await r.step('mfa code: an address that is not theirs', 'POST', url, {
    json: { method: 'code', address: 'someone-else@example.org' },
    token: registered,
  });
  await r.step('mfa code: send the code', 'POST', url, {
    json: { method: 'code', address: email },
    token: registered,
  });
  await r.step('mfa code: fetch the flow', 'GET', `/self-service/login/flows?id=${str(flow.body['id'])}`, {
    token: registered,
  });
  await r.step('mfa code: resend the code', 'POST', url, {
    json: { method: 'code', identifier: email, resend: 'code' },
    token: registered,
  });
  await r.step('mfa code: no code', 'POST', url, {
    json: { method: 'code', identifier: email, code: '' },
    token: registered,
  });
  await r.step('mfa code: a wrong code', 'POST', url, {
    json: { method: 'code', identifier: email, code: '000000' },
    token: registered,
  });
  await r.step('mfa code: the right code', 'POST', url, {
    json: { method: 'code', identifier: email, code: await mailedCode(r, email, 'login') },
    token: registered,
  });
  await r.step('mfa code: whoami at aal2', 'GET', '/sessions/whoami', { token: registered });

  // The password alone again: aal1 without the identity; the button's `address` alone sends the code.
  const login = await r.step('mfa code: create another sign-in flow', 'GET', '/self-service/login/api');
  const aal1 = sessionToken(
    await r.step('mfa code: the password', 'POST', action('login', login, r), {
      json: { method: 'password', identifier: email, password: PASSWORD },
    }),
  );
  const again = await r.step(
    'mfa code: create another aal2 flow',
    'GET',
    '/self-service/login/api?aal=aal2',
    {
      token: aal1,
    },
  );
  const againUrl = action('login', again, r);
  await r.step('mfa code: the address button alone', 'POST', againUrl, {
    json: { address: email },
    token: aal1,
  });
  for (let attempt = 1; attempt <= 5; attempt++) {
    await r.step(`mfa code: wrong code ${attempt}`, 'POST', againUrl, {
      json: { method: 'code', identifier: email, code: '000000' },
      token: aal1,
    });
  }
  await r.step('mfa code: the right code after five wrong ones', 'POST', againUrl, {
    json: { method: 'code', identifier: email, code: await mailedCode(r, email, 'login') },
    token: aal1,
  });
  await r.step('mfa code: resend after five wrong ones', 'POST', againUrl, {
    json: { method: 'code', address: email, resend: 'code' },
    token: aal1,
  });
  await r.step('mfa code: the resent code after five wrong ones', 'POST', againUrl, {
    json: { method: 'code', address: email, code: await mailedCode(r, email, 'login') },
    token: aal1,
  });
}

// --- recovery and verification turned off ----------------------------------------------------------------

export async function disabledScenario(recorder: Recorder): Promise<void> {
  const unknownFlow = '3f1e0c52-7a43-4b7e-9d7e-0b6c2a9f5d10';
  for (const kind of ['recovery', 'verification']) {
    await recorder.step(`${kind} off: create the flow`, 'GET', `/self-service/${kind}/api`);
    await recorder.step(`${kind} off: fetch a flow`, 'GET', `/self-service/${kind}/flows?id=${unknownFlow}`);
  }
  await recorder.step('recovery off: sign-in still opens', 'GET', '/self-service/login/api');
}

export const FLOWS_OFF = {
  selfservice: { flows: { recovery: { enabled: false }, verification: { enabled: false } } },
};

export interface Scenario {
  name: string;
  options: ScenarioOptions;
  play(recorder: Recorder): Promise<void>;
}

export const scenarios: Scenario[] = [
  { name: 'main', options: {}, play: mainScenario },
  {
    name: 'short',
    options: { privilegedSessionMaxAge: PRIVILEGED_SESSION_MAX_AGE, passwordless: true },
    play: shortScenario,
  },
  { name: 'flows-off', options: { config: FLOWS_OFF }, play: disabledScenario },
  { name: 'social', options: { social: true }, play: socialScenario },
  { name: 'mfa-code', options: { config: CODE_MFA }, play: mfaCodeScenario },
];

/**
 * One native-client scenario over raw HTTP, written once and played against either server. Every request is
 * a named step; the recorded answers are compared as client views (view.ts). The script never branches on
 * which server it talks to: where the emulator answers differently, later steps still run (with whatever the
 * answer allows) and the difference is recorded, so one run shows every difference at once.
 *
 * One server pair per scenario: the main scenario on the shared configuration; a short one on a server with a
 * 4 s privileged session age and passwordless code sign-in (privileged expiry needs real time to pass on
 * real Kratos; both sides wait the same way, so neither needs a manual clock), which also spends the five
 * attempts of one-time codes; one with recovery and verification turned off; social sign-in; one with
 * one-time codes as a second factor (`code.mfa_enabled`); and one on a file that leaves Kratos's own defaults
 * in place, the emulator started through its command line (`--config`).
 */
import { fileURLToPath } from 'node:url';
import { generate } from 'otplib';
import { request } from 'undici';
import type { ParityServer, ScenarioOptions } from './servers';
import { clientView, type ClientView } from './view';

const PASSWORD = 'correct-Horse-battery-9';
const PRIVILEGED_SESSION_MAX_AGE = '4s';

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

type FlowKind = 'login' | 'registration' | 'settings' | 'recovery' | 'verification';

/** A flow the script created or fetched: its answer, and submits to its action (with its token). */
export interface Flow {
  answer: Answer;
  submit(step: string, json: unknown, send?: Omit<Send, 'json'>): Promise<Answer>;
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
   * Creates a `kind` flow through its native API as the step `name` (`query` after `/api`; `token` for a
   * signed-in person, also sent with every submit of the flow).
   */
  async flow(name: string, kind: FlowKind, options: { query?: string; token?: string } = {}): Promise<Flow> {
    const { query = '', token } = options;
    return this.#bound(
      kind,
      await this.step(name, 'GET', `/self-service/${kind}/api${query}`, { token }),
      token,
    );
  }

  /** Fetches the `kind` flow `id` (`GET /self-service/<kind>/flows?id=`) as the step `name`. */
  async fetchFlow(name: string, kind: FlowKind, id: string, token?: string): Promise<Flow> {
    return this.#bound(
      kind,
      await this.step(name, 'GET', `/self-service/${kind}/flows?id=${id}`, { token }),
      token,
    );
  }

  #bound(kind: FlowKind, answer: Answer, token: string | undefined): Flow {
    const url = action(kind, answer, this);
    return {
      answer,
      submit: (step, json, send = {}) => this.step(step, 'POST', url, { json, token, ...send }),
    };
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

async function mainScenario(recorder: Recorder): Promise<void> {
  const r = recorder;
  const email = 'parity-person@example.org';
  const other = 'parity-other@example.org';

  // Registration: errors, the two steps, "Back", success, a taken address.
  const registration = await r.flow('registration: create the flow', 'registration');
  await registration.submit('registration: password without an email', {
    method: 'password',
    traits: {},
    password: PASSWORD,
  });
  await registration.submit('registration: a password that is too short', {
    method: 'password',
    traits: { email },
    password: 'short',
  });
  await registration.submit('registration: the profile step', {
    method: 'profile',
    traits: { email, name: 'Parity Person' },
  });
  await registration.submit('registration: back to the profile step', {
    method: 'profile:back',
    screen: 'previous',
    traits: { email, name: 'Parity Person' },
  });
  await registration.submit('registration: the profile step again', {
    method: 'profile',
    traits: { email, name: 'Parity Person' },
  });
  const registered = await registration.submit('registration: the password step', {
    method: 'password',
    traits: { email, name: 'Parity Person' },
    password: PASSWORD,
  });
  const registrationToken = sessionToken(registered);
  const again = await r.flow('registration: create a flow for a taken address', 'registration');
  await again.submit('registration: an address that is taken', {
    method: 'password',
    traits: { email },
    password: PASSWORD,
  });

  // Whoami variants.
  await r.step('whoami: no token', 'GET', '/sessions/whoami');
  await r.step('whoami: an unknown token', 'GET', '/sessions/whoami', { token: 'ory_st_notatoken' });
  await r.step('whoami: the registration token', 'GET', '/sessions/whoami', { token: registrationToken });
  await r.step('whoami: Authorization Bearer', 'GET', '/sessions/whoami', {
    headers: { Authorization: `Bearer ${registrationToken}` },
  });

  // Login: errors, Cookie/Origin refusal, success, refresh, aal2 without a second factor.
  const login = await r.flow('login: create the flow', 'login');
  const rightPassword = { method: 'password', identifier: email, password: PASSWORD };
  await login.submit('login: a wrong password', { ...rightPassword, password: 'wrong-Password-1' });
  await login.submit('login: an unknown identifier', { ...rightPassword, identifier: 'nobody@example.org' });
  await login.submit('login: missing fields', { method: 'password' });
  await login.submit('login: a submit with an Origin header', rightPassword, {
    headers: { Origin: 'http://127.0.0.1:1' },
  });
  await login.submit('login: a submit with a Cookie header', rightPassword, {
    headers: { Cookie: 'some_cookie=1' },
  });
  await r.step('login: create a flow with a Cookie header', 'GET', '/self-service/login/api', {
    headers: { Cookie: 'some_cookie=1' },
  });
  const signedIn = await login.submit('login: the right password', rightPassword);
  const token = sessionToken(signedIn);
  await r.flow('login: create a flow while signed in', 'login', { token });
  const refresh = await r.flow('login: create a refresh flow', 'login', { query: '?refresh=true', token });
  await refresh.submit('login: refresh with the password', rightPassword);
  await r.flow('login: aal2 flow without a second factor', 'login', { query: '?aal=aal2', token });

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
  const settings = await r.flow('settings: create the flow', 'settings', { token });
  await r.flow('settings: create the flow without a token', 'settings');
  await settings.submit('settings: change the profile', {
    method: 'profile',
    traits: { email, name: 'Renamed Person' },
  });
  await settings.submit('settings: a password that is too short', { method: 'password', password: 'short' });
  await settings.submit('settings: change the password', { method: 'password', password: `${PASSWORD}-new` });
  const wrongTotp = await settings.submit('settings: a wrong TOTP code', {
    method: 'totp',
    totp_code: '000000',
  });
  // The secret of the latest answer: Kratos draws a new one whenever it renders the settings form again.
  const secret = totpSecret(wrongTotp) || totpSecret(settings.answer);
  await settings.submit('settings: link TOTP', { method: 'totp', totp_code: await totpNow(secret) });
  const lookup = await r.flow('settings: create a flow for backup codes', 'settings', { token });
  const generated = await lookup.submit('settings: generate backup codes', {
    method: 'lookup_secret',
    lookup_secret_regenerate: true,
  });
  const codes = lookupCodes(generated);
  await lookup.submit('settings: confirm backup codes', {
    method: 'lookup_secret',
    lookup_secret_confirm: true,
  });
  await lookup.submit('settings: reveal backup codes', {
    method: 'lookup_secret',
    lookup_secret_reveal: true,
  });

  // Second factor: the first factor alone is aal1 now; aal2 by TOTP and by a backup code.
  const newPassword = { method: 'password', identifier: email, password: `${PASSWORD}-new` };
  const firstFactor = await (
    await r.flow('second factor: create the login flow', 'login')
  ).submit('second factor: password login', newPassword);
  const aal1 = sessionToken(firstFactor);
  await r.step('second factor: whoami with the aal1 token', 'GET', '/sessions/whoami', { token: aal1 });
  await r.step('second factor: list sessions with the aal1 token', 'GET', '/sessions', { token: aal1 });
  await r.flow('second factor: settings with the aal1 token', 'settings', { token: aal1 });
  const aal2 = await r.flow('second factor: create the aal2 flow', 'login', {
    query: '?aal=aal2',
    token: aal1,
  });
  await aal2.submit('second factor: a wrong TOTP code', { method: 'totp', totp_code: '000000' });
  await aal2.submit('second factor: a wrong backup code', {
    method: 'lookup_secret',
    lookup_secret: 'zzzzzzzz',
  });
  await aal2.submit('second factor: the TOTP code', { method: 'totp', totp_code: await totpNow(secret) });
  await r.step('second factor: whoami at aal2', 'GET', '/sessions/whoami', { token: aal1 });

  const second = await (
    await r.flow('second factor: create another login flow', 'login')
  ).submit('second factor: password login again', newPassword);
  const secondToken = sessionToken(second);
  const backupCode = { method: 'lookup_secret', lookup_secret: codes[0] ?? 'zzzzzzzz' };
  const byCode = await r.flow('second factor: create an aal2 flow for a backup code', 'login', {
    query: '?aal=aal2',
    token: secondToken,
  });
  await byCode.submit('second factor: a backup code', backupCode);
  const reuse = await r.flow('second factor: create an aal2 flow to reuse the code', 'login', {
    query: '?aal=aal2',
    token: aal1,
  });
  await reuse.submit('second factor: the same backup code again', backupCode);
  const disable = await r.flow('settings: create a flow at aal2', 'settings', { token: secondToken });
  await disable.submit('settings: unlink TOTP', { method: 'totp', totp_unlink: true });

  // Recovery by code.
  await registerThroughApi(r, other);
  const recovery = await r.flow('recovery: create the flow', 'recovery');
  await recovery.submit('recovery: a malformed address', { method: 'code', email: 'not-an-address' });
  await recovery.submit('recovery: send the code', { method: 'code', email: other });
  await recovery.submit('recovery: a wrong code', { method: 'code', code: '000000' });
  const recovered = await recovery.submit('recovery: the right code', {
    method: 'code',
    code: await mailedCode(r, other, 'recovery'),
  });
  const recoveredToken = sessionToken(recovered) || continueWithToken(recovered);
  await r.step('recovery: whoami with the recovered session', 'GET', '/sessions/whoami', {
    token: recoveredToken,
  });
  const unknown = await r.flow('recovery: create a flow for an unknown address', 'recovery');
  await unknown.submit('recovery: an unknown address', { method: 'code', email: 'nobody@example.org' });

  // Verification by code.
  const verification = await r.flow('verification: create the flow', 'verification');
  await verification.submit('verification: send the code', { method: 'code', email: other });
  await verification.submit('verification: a wrong code', { method: 'code', code: '000000' });
  await verification.submit('verification: the right code', {
    method: 'code',
    code: await mailedCode(r, other, 'verification'),
  });

  // Logout variants.
  const logout = (name: string, token?: string) =>
    r.step(name, 'DELETE', '/self-service/logout/api', {
      json: token === undefined ? undefined : { session_token: token },
    });
  await logout('logout: no body');
  await logout('logout: an unknown token', 'ory_st_notatoken');
  await logout('logout: the token', recoveredToken);
  await r.step('logout: whoami after logout', 'GET', '/sessions/whoami', { token: recoveredToken });
  await logout('logout: the same token again', recoveredToken);
}

function continueWithToken(answer: Answer): string {
  const items = Array.isArray(answer.body['continue_with']) ? answer.body['continue_with'] : [];
  const item = items.filter(isObject).find((c) => c['action'] === 'set_ory_session_token');
  return item ? str(item['ory_session_token']) : '';
}

async function registerThroughApi(r: Recorder, email: string): Promise<string> {
  const flow = await r.flow(`setup: registration flow for ${email}`, 'registration');
  const done = await flow.submit(`setup: register ${email}`, {
    method: 'password',
    traits: { email },
    password: PASSWORD,
  });
  return sessionToken(done);
}

/** Five wrong codes in a row, as steps `<prefix>: wrong code <n>`: `fields` name the method and the person. */
async function fiveWrongCodes(flow: Flow, prefix: string, fields: Json): Promise<void> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    await flow.submit(`${prefix}: wrong code ${attempt}`, { ...fields, code: '000000' });
  }
}

// --- the short scenario: privileged expiry, passwordless code sign-in, code attempt limits ---------------

async function shortScenario(recorder: Recorder): Promise<void> {
  const r = recorder;
  const email = 'parity-code@example.org';
  const token = await registerThroughApi(r, email);
  const byCode = { method: 'code', identifier: email };

  // Passwordless sign-in with a one-time code, with "Resend code".
  const login = await r.flow('code login: create the flow', 'login');
  await login.submit('code login: send the code', byCode);
  await login.submit('code login: resend the code', { ...byCode, resend: 'code' });
  await login.submit('code login: a wrong code', { ...byCode, code: '000000' });
  const signedIn = await login.submit('code login: the right code', {
    ...byCode,
    code: await mailedCode(r, email, 'login'),
  });
  await r.step('code login: whoami', 'GET', '/sessions/whoami', { token: sessionToken(signedIn) });

  // Privileged session expiry: the settings flow is created while fresh, submitted after the age passed.
  const settings = await r.flow('privileged: create the settings flow', 'settings', { token });
  await new Promise((resolve) => setTimeout(resolve, 4_500));
  await settings.submit('privileged: change the password after the age', {
    method: 'password',
    password: `${PASSWORD}-new`,
  });
  await settings.submit('privileged: change only the profile after the age', {
    method: 'profile',
    traits: { email, name: 'Late Change' },
  });
  await settings.submit('privileged: change the email after the age', {
    method: 'profile',
    traits: { email: 'parity-code-new@example.org', name: 'Late Change' },
  });
  const refresh = await r.flow('privileged: create a refresh flow', 'login', {
    query: '?refresh=true',
    token,
  });
  await refresh.submit('privileged: refresh with the password', {
    method: 'password',
    identifier: email,
    password: PASSWORD,
  });
  await settings.submit('privileged: change the password after refresh', {
    method: 'password',
    password: `${PASSWORD}-new`,
  });

  await codeAttemptLimits(r, email);
}

/**
 * Five one-time codes per flow: the sixth, even the right one, is refused — in a sign-in flow as message
 * 4000001 (and "Resend code" does not give the flow new attempts), in recovery as an error naming a new flow,
 * in verification as 410 with a replacement flow.
 */
async function codeAttemptLimits(r: Recorder, email: string): Promise<void> {
  const byCode = { method: 'code', identifier: email };
  const login = await r.flow('code limit: create a sign-in flow', 'login');
  await login.submit('code limit: send a sign-in code', byCode);
  await fiveWrongCodes(login, 'code limit: sign-in', byCode);
  await login.submit('code limit: the right sign-in code after five wrong ones', {
    ...byCode,
    code: await mailedCode(r, email, 'login'),
  });
  await login.submit('code limit: resend the sign-in code', { ...byCode, resend: 'code' });
  await login.submit('code limit: the resent sign-in code', {
    ...byCode,
    code: await mailedCode(r, email, 'login'),
  });

  const recovery = await r.flow('code limit: create a recovery flow', 'recovery');
  await recovery.submit('code limit: send a recovery code', { method: 'code', email });
  await fiveWrongCodes(recovery, 'code limit: recovery', { method: 'code' });
  const refused = await recovery.submit('code limit: the right recovery code after five wrong ones', {
    method: 'code',
    code: await mailedCode(r, email, 'recovery'),
  });
  const error = isObject(refused.body['error']) ? refused.body['error'] : {};
  const details = isObject(error['details']) ? error['details'] : {};
  const next = Array.isArray(details['continue_with'])
    ? details['continue_with'].filter(isObject)[0]
    : undefined;
  const nextId = next && isObject(next['flow']) ? str(next['flow']['id']) : '';
  await r.fetchFlow('code limit: the recovery flow it names', 'recovery', nextId);

  const verification = await r.flow('code limit: create a verification flow', 'verification');
  await verification.submit('code limit: send a verification code', { method: 'code', email });
  await fiveWrongCodes(verification, 'code limit: verification', { method: 'code' });
  const replaced = await verification.submit(
    'code limit: the right verification code after five wrong ones',
    {
      method: 'code',
      code: await mailedCode(r, email, 'verification'),
    },
  );
  await r.fetchFlow(
    'code limit: the verification flow that replaced it',
    'verification',
    str(replaced.body['use_flow_id']),
  );
}

// --- social sign-in through an identity provider ------------------------------------------------------------

const RETURN_TO = 'kratos-desktop://auth/callback';
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
  const flow = await r.flow(`${prefix}: create the flow`, kind, { query: WITH_EXCHANGE });
  const pressed = await flow.submit(`${prefix}: press the provider button`, {
    method: 'oidc',
    provider: PROVIDER,
  });
  const idp = r.server.idp;
  if (!idp) throw new Error('the social scenario needs a server with an identity provider');
  const link = await idp.signIn(str(pressed.body['redirect_browser_to']), email, consent);
  r.linkBack(`${prefix}: the link back to the app`, link);
  return {
    flow: flow.answer,
    initCode: str(flow.answer.body['session_token_exchange_code']),
    link: new URL(link),
  };
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

async function socialScenario(recorder: Recorder): Promise<void> {
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
  const settings = await r.flow('social settings: create the flow', 'settings', { token });
  await settings.submit('social settings: link TOTP', {
    method: 'totp',
    totp_code: await totpNow(totpSecret(settings.answer)),
  });

  // With a second factor, the exchange still hands out the session (aal1, with its identity); whoami asks for
  // the second factor.
  const withTotp = await socialSignIn(r, 'social sign-in with TOTP', 'login', email);
  await r.step('social sign-in with TOTP: whoami', 'GET', '/sessions/whoami', {
    token: await exchange(r, 'social sign-in with TOTP', withTotp),
  });

  // The person denies at the provider: the browser comes back without a code, the message is in the flow.
  const denied = await socialSignIn(r, 'social denied', 'login', email, 'deny');
  await r.fetchFlow('social denied: the waiting flow', 'login', str(denied.flow.body['id']));
  await exchange(r, 'social denied', { ...denied, link: new URL(`${RETURN_TO}?code=${'A'.repeat(64)}`) });

  // An address that belongs to a password account: Kratos asks to sign in with the password to link (1010016).
  const linking = 'parity-linking@example.org';
  await registerThroughApi(r, linking);
  const toLink = await socialSignIn(r, 'social linking', 'login', linking);
  const linkingFlow = await r.fetchFlow(
    'social linking: the flow it names',
    'login',
    toLink.link.searchParams.get('flow') ?? '',
  );
  await linkingFlow.submit('social linking: sign in with the password', {
    method: 'password',
    identifier: linking,
    password: PASSWORD,
  });
  const linked = await socialSignIn(r, 'social linking: the provider afterwards', 'login', linking);
  await exchange(r, 'social linking: the provider afterwards', linked);

  // Kratos v1.3.1 links a next page after an empty one; a list with no other sessions shows whether it does.
  const alone = await registerThroughApi(r, 'parity-alone@example.org');
  await r.step('sessions: a list with no other sessions', 'GET', '/sessions', { token: alone });
}

// --- one-time codes as a second factor (`code.mfa_enabled`) ----------------------------------------------

const CODE_MFA = { selfservice: { methods: { code: { mfa_enabled: true } } } };

/**
 * With second-factor codes on, every identity with a code address needs a code after its password: the aal2
 * flow offers "Send code to <address>", the send answers 400 sent_email, the code completes aal2; a refused
 * address, resend, a missing or wrong code, and the five-code limit.
 */
async function mfaCodeScenario(recorder: Recorder): Promise<void> {
  const r = recorder;
  const email = 'parity-mfa@example.org';
  const registered = await registerThroughApi(r, email);
  await r.step('mfa code: whoami after registration', 'GET', '/sessions/whoami', { token: registered });
  await r.step('mfa code: list sessions at aal1', 'GET', '/sessions', { token: registered });
  await r.flow('mfa code: settings at aal1', 'settings', { token: registered });
  await r.flow('mfa code: create a sign-in flow', 'login');

  const byCode = { method: 'code', identifier: email };
  const flow = await r.flow('mfa code: create the aal2 flow', 'login', {
    query: '?aal=aal2',
    token: registered,
  });
  await flow.submit('mfa code: send without an address', { method: 'code' });
  await flow.submit('mfa code: an address that is not theirs', {
    method: 'code',
    address: 'someone-else@example.org',
  });
  await flow.submit('mfa code: send the code', { method: 'code', address: email });
  await r.fetchFlow('mfa code: fetch the flow', 'login', str(flow.answer.body['id']), registered);
  await flow.submit('mfa code: resend the code', { ...byCode, resend: 'code' });
  await flow.submit('mfa code: no code', { ...byCode, code: '' });
  await flow.submit('mfa code: a wrong code', { ...byCode, code: '000000' });
  await flow.submit('mfa code: the right code', { ...byCode, code: await mailedCode(r, email, 'login') });
  await r.step('mfa code: whoami at aal2', 'GET', '/sessions/whoami', { token: registered });

  // The password alone again: aal1 without the identity; the button's `address` alone sends the code.
  const login = await r.flow('mfa code: create another sign-in flow', 'login');
  const aal1 = sessionToken(
    await login.submit('mfa code: the password', {
      method: 'password',
      identifier: email,
      password: PASSWORD,
    }),
  );
  const again = await r.flow('mfa code: create another aal2 flow', 'login', {
    query: '?aal=aal2',
    token: aal1,
  });
  await again.submit('mfa code: the address button alone', { address: email });
  await fiveWrongCodes(again, 'mfa code', byCode);
  await again.submit('mfa code: the right code after five wrong ones', {
    ...byCode,
    code: await mailedCode(r, email, 'login'),
  });
  await again.submit('mfa code: resend after five wrong ones', {
    method: 'code',
    address: email,
    resend: 'code',
  });
  await again.submit('mfa code: the resent code after five wrong ones', {
    method: 'code',
    address: email,
    code: await mailedCode(r, email, 'login'),
  });
}

// --- recovery and verification turned off ----------------------------------------------------------------

/** A flow id neither server ever gave. */
const UNKNOWN_FLOW = '3f1e0c52-7a43-4b7e-9d7e-0b6c2a9f5d10';

async function disabledScenario(recorder: Recorder): Promise<void> {
  for (const kind of ['recovery', 'verification']) {
    await recorder.step(`${kind} off: create the flow`, 'GET', `/self-service/${kind}/api`);
    await recorder.step(`${kind} off: fetch a flow`, 'GET', `/self-service/${kind}/flows?id=${UNKNOWN_FLOW}`);
  }
  await recorder.step('recovery off: sign-in still opens', 'GET', '/self-service/login/api');
}

const FLOWS_OFF = {
  selfservice: { flows: { recovery: { enabled: false }, verification: { enabled: false } } },
};

// --- Kratos's own defaults: the emulator through `--config`, a file that enables almost nothing -------------

/** test/parity/kratos-defaults.yml: the file both servers read for the `kratos-defaults` scenario. */
const KRATOS_DEFAULTS_FILE = fileURLToPath(new URL('./kratos-defaults.yml', import.meta.url));

/**
 * A native client against a Kratos configured by a file that leaves methods, hooks and providers at Kratos's
 * defaults (no session hook, no TOTP, backup codes or social sign-in, no return URLs, recovery without
 * continue_with transitions), the emulator started with that file through its command line: sign-up without a
 * session, password and code sign-in, settings, recovery, verification, logout, and the refusals of what the
 * file leaves off.
 */
async function kratosDefaultsScenario(recorder: Recorder): Promise<void> {
  const r = recorder;
  const email = 'parity-defaults@example.org';
  const password = { method: 'password', identifier: email, password: PASSWORD };

  // Sign-up: the two steps; no session hook, so no session; no social sign-in to offer.
  const registration = await r.flow('defaults: create a registration flow', 'registration');
  await registration.submit('defaults: the profile step', { method: 'profile', traits: { email } });
  await registration.submit('defaults: a password that is too short', {
    method: 'password',
    traits: { email },
    password: 'short',
  });
  await registration.submit('defaults: sign up with a social provider that is not configured', {
    method: 'oidc',
    provider: 'example',
  });
  await registration.submit('defaults: the password step', {
    method: 'password',
    traits: { email },
    password: PASSWORD,
  });
  await r.step(
    'defaults: a registration flow with a return_to nobody allowed',
    'GET',
    `/self-service/registration/api?return_to=${encodeURIComponent(RETURN_TO)}`,
  );

  // Sign-in: a wrong password, the right one, then by a code.
  const login = await r.flow('defaults: create a sign-in flow', 'login');
  await login.submit('defaults: a wrong password', { ...password, password: 'wrong-Password-1' });
  await login.submit('defaults: a TOTP code that is not configured', { method: 'totp', totp_code: '000000' });
  await login.submit('defaults: sign in with a social provider that is not configured', {
    method: 'oidc',
    provider: 'example',
  });
  const token = sessionToken(await login.submit('defaults: the right password', password));
  await r.step('defaults: whoami', 'GET', '/sessions/whoami', { token });
  await r.step('defaults: whoami without a token', 'GET', '/sessions/whoami');

  const byCode = { method: 'code', identifier: email };
  const codeLogin = await r.flow('defaults: create a flow for a sign-in code', 'login');
  await codeLogin.submit('defaults: send a sign-in code', byCode);
  await codeLogin.submit('defaults: a wrong sign-in code', { ...byCode, code: '000000' });
  const byCodeToken = sessionToken(
    await codeLogin.submit('defaults: the right sign-in code', {
      ...byCode,
      code: await mailedCode(r, email, 'login'),
    }),
  );

  // Settings: only profile and password (no TOTP or backup codes to offer).
  const settings = await r.flow('defaults: create a settings flow', 'settings', { token });
  await r.fetchFlow('defaults: fetch the settings flow', 'settings', str(settings.answer.body['id']), token);
  await r.fetchFlow(
    'defaults: fetch the settings flow without a token',
    'settings',
    str(settings.answer.body['id']),
  );
  await r.fetchFlow('defaults: fetch an unknown settings flow without a token', 'settings', UNKNOWN_FLOW);
  await r.step(
    'defaults: submit the settings flow without a token',
    'POST',
    `/self-service/settings?flow=${str(settings.answer.body['id'])}`,
    {
      json: { method: 'profile', traits: { email, name: 'No Token' } },
    },
  );
  await settings.submit('defaults: change the profile', {
    method: 'profile',
    traits: { email, name: 'Default Person' },
  });
  await settings.submit('defaults: change the password', { method: 'password', password: `${PASSWORD}-new` });
  await settings.submit('defaults: link TOTP, which is not configured', {
    method: 'totp',
    totp_code: '000000',
  });
  await settings.submit('defaults: backup codes, which are not configured', {
    method: 'lookup_secret',
    lookup_secret_regenerate: true,
  });
  await r.step('defaults: list the other sessions', 'GET', '/sessions', { token });

  // Recovery without continue_with transitions (Kratos's default), and verification.
  const recovery = await r.flow('defaults: create a recovery flow', 'recovery');
  await recovery.submit('defaults: send a recovery code', { method: 'code', email });
  await recovery.submit('defaults: a wrong recovery code', { method: 'code', code: '000000' });
  await recovery.submit('defaults: the right recovery code', {
    method: 'code',
    code: await mailedCode(r, email, 'recovery'),
  });
  const verification = await r.flow('defaults: create a verification flow', 'verification');
  await verification.submit('defaults: send a verification code', { method: 'code', email });
  await verification.submit('defaults: the right verification code', {
    method: 'code',
    code: await mailedCode(r, email, 'verification'),
  });

  // Sign-out.
  const logout = (name: string, session: string) =>
    r.step(name, 'DELETE', '/self-service/logout/api', { json: { session_token: session } });
  await logout('defaults: sign out', token);
  await r.step('defaults: whoami after signing out', 'GET', '/sessions/whoami', { token });
  await logout('defaults: sign out again', token);
  await logout('defaults: sign out the code session', byCodeToken);
}

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
  {
    name: 'kratos-defaults',
    options: { baseConfigFile: KRATOS_DEFAULTS_FILE, passwordless: true, cli: true },
    play: kratosDefaultsScenario,
  },
];

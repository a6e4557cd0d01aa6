/**
 * The passkey protocol as a native client speaks it, step by step over raw HTTP, against either server: the
 * emulator (test/emulator/routes/passkey.test.ts) or real Kratos v26.2.0 (test/kratos/passkey.test.ts). The
 * ceremonies run for real: the passkey page (web/passkey.html) in Chromium with a CDP virtual authenticator
 * (test/support/system-browser.ts), its answer read from the `kratos-desktop://auth/passkey` link it hands
 * back. Every expectation here was measured on real Kratos v26.2.0 first (docs/passkeys.md).
 */
import { expect } from 'vitest';
import { request } from 'undici';
import {
  PASSKEY_RETURN_URL,
  passkeyPageAddress,
  passkeyRequestOf,
  passkeySubmitBody,
  type PasskeyFlowKind,
} from '../../main/flows/passkey-request';
import { readPasskeyAnswer } from '../../main/policy/deep-link';
import type { SystemBrowser } from './system-browser';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw wire answers

export interface PasskeyServer {
  /** Kratos's public URL. */
  url: string;
  /** The passkey page on an origin listed in `rp.origins`. */
  pageUrl: string;
  /** The same page on an origin that is NOT in `rp.origins`. */
  foreignPageUrl: string;
  /** Deletes an identity (admin API, or the emulator's store): its passkeys then name an unknown user. */
  deleteIdentity(id: string): Promise<void>;
}

export interface Answer {
  status: number;
  body: Json;
}

export async function call(
  server: PasskeyServer,
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; token?: string } = {},
): Promise<Answer> {
  const response = await request(`${server.url}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token === undefined ? {} : { 'x-session-token': options.token }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.statusCode, body: (await response.body.json()) as Json };
}

const nodeNames = (flow: Json): string[] =>
  (flow['ui']['nodes'] as Json[]).map(
    (n) => `${n['group']}/${n['attributes']['name'] ?? n['attributes']['id']}`,
  );

export const passkeyNodes = (flow: Json): Json[] =>
  (flow['ui']['nodes'] as Json[]).filter((n) => n['group'] === 'passkey');

const flowMessageIds = (flow: Json): number[] =>
  ((flow['ui']['messages'] ?? []) as Json[]).map((m) => m['id'] as number);

/**
 * One ceremony in the person's browser: the page opened with this flow's request, "Continue" (or "Cancel")
 * pressed, the handed-back link read. Resolves with the credential JSON, or the page's error.
 */
async function ceremony(
  browser: SystemBrowser,
  kind: PasskeyFlowKind,
  flow: Json,
  options: { pageUrl: string; traits?: Record<string, unknown>; choice?: 'continue' | 'cancel' },
): Promise<{ credential: string } | { error: string }> {
  const request = passkeyRequestOf(kind, flow['ui']['nodes'], options.traits);
  if (!request) throw new Error(`the ${kind} flow asks for no passkey: ${nodeNames(flow).join(', ')}`);
  await browser.openExternal(passkeyPageAddress(options.pageUrl, request, PASSKEY_RETURN_URL));
  const link = await browser.atPasskeyPage(options.choice ?? 'continue');
  const answer = readPasskeyAnswer(new URL(link).searchParams);
  expect(answer.kind).not.toBe('invalid');
  expect('challenge' in answer && answer.challenge).toBe(request.challenge);
  if (answer.kind === 'credential') return { credential: answer.credential };
  if (answer.kind === 'error') return { error: answer.error };
  throw new Error('unreachable');
}

async function credentialOf(
  browser: SystemBrowser,
  kind: PasskeyFlowKind,
  flow: Json,
  options: { pageUrl: string; traits?: Record<string, unknown> },
): Promise<string> {
  const result = await ceremony(browser, kind, flow, options);
  if (!('credential' in result)) throw new Error(`the page answered ${result.error}`);
  return result.credential;
}

/** Sign-up with a passkey: the traits step, then the passkey. Resolves with the token and identity id. */
async function signUpWithPasskey(
  server: PasskeyServer,
  browser: SystemBrowser,
  email: string,
): Promise<{ token: string; identityId: string; credentialsStep: Json }> {
  const created = await call(server, 'GET', '/self-service/registration/api');
  const flowId = created.body['id'] as string;
  const traits = { email };
  const step = await call(server, 'POST', `/self-service/registration?flow=${flowId}`, {
    body: { method: 'profile', traits },
  });
  expect(step.status).toBe(400);
  const credential = await credentialOf(browser, 'registration', step.body, {
    pageUrl: server.pageUrl,
    traits,
  });
  const done = await call(server, 'POST', `/self-service/registration?flow=${flowId}`, {
    body: passkeySubmitBody('registration', credential, traits),
  });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  return {
    token: done.body['session_token'] as string,
    identityId: done.body['identity']['id'] as string,
    credentialsStep: step.body,
  };
}

/** Sign-in with a passkey from a new login flow: the answer to the submit. */
async function signInWithPasskey(
  server: PasskeyServer,
  browser: SystemBrowser,
  pageUrl = server.pageUrl,
): Promise<{ flow: Json; answer: Answer; credential: string }> {
  const created = await call(server, 'GET', '/self-service/login/api');
  const credential = await credentialOf(browser, 'login', created.body, { pageUrl });
  const answer = await call(server, 'POST', `/self-service/login?flow=${created.body['id']}`, {
    body: passkeySubmitBody('login', credential),
  });
  return { flow: created.body, answer, credential };
}

/** The whole measured protocol, in the order a person meets it. */
export async function passkeyProtocol(server: PasskeyServer, browser: SystemBrowser): Promise<void> {
  const email = `passkey-${Date.now()}@example.org`;

  // Sign-up: the profile step offers no passkey; the credentials step does, beside the password.
  const registration = await call(server, 'GET', '/self-service/registration/api');
  expect(passkeyNodes(registration.body)).toEqual([]);
  const signedUp = await signUpWithPasskey(server, browser, email);
  expect(nodeNames(signedUp.credentialsStep)).toEqual(
    expect.arrayContaining([
      'passkey/passkey_register_trigger',
      'passkey/passkey_register',
      'passkey/passkey_create_data',
    ]),
  );
  const createData = JSON.parse(
    passkeyNodes(signedUp.credentialsStep).find((n) => n['attributes']['name'] === 'passkey_create_data')![
      'attributes'
    ]['value'] as string,
  ) as Json;
  expect(createData['displayNameFieldName']).toBe('traits.email');
  expect(createData['credentialOptions']['publicKey']['rp']).toEqual({
    name: 'Kratos Desktop',
    id: 'localhost',
  });
  expect(createData['credentialOptions']['publicKey']['authenticatorSelection']).toEqual({
    authenticatorAttachment: 'platform',
    requireResidentKey: true,
    residentKey: 'required',
    userVerification: 'preferred',
  });
  const whoami = await call(server, 'GET', '/sessions/whoami', { token: signedUp.token });
  expect(whoami.status).toBe(200);
  expect(whoami.body['authenticator_assurance_level']).toBe('aal1');
  expect((whoami.body['authentication_methods'] as Json[]).map((m) => m['method'])).toEqual(['passkey']);

  // Sign-in: the login flow draws the challenge beside the identifier; an empty passkey_login is 422.
  const login = await call(server, 'GET', '/self-service/login/api');
  expect(nodeNames(login.body)).toEqual(
    expect.arrayContaining([
      'passkey/passkey_login_trigger',
      'passkey/passkey_login',
      'passkey/passkey_challenge',
    ]),
  );
  const empty = await call(server, 'POST', `/self-service/login?flow=${login.body['id']}`, {
    body: { method: 'passkey', passkey_login: '' },
  });
  expect(empty.status).toBe(422);
  expect(empty.body['error']['id']).toBe('browser_location_change_required');
  const signedIn = await signInWithPasskey(server, browser);
  expect(signedIn.answer.status, JSON.stringify(signedIn.answer.body)).toBe(200);
  const token = signedIn.answer.body['session_token'] as string;
  expect(
    (signedIn.answer.body['session']['authentication_methods'] as Json[]).map((m) => m['method']),
  ).toEqual(['passkey']);

  // The same assertion on another flow: its challenge is not that flow's (4000008).
  const other = await call(server, 'GET', '/self-service/login/api');
  const replayed = await call(server, 'POST', `/self-service/login?flow=${other.body['id']}`, {
    body: passkeySubmitBody('login', signedIn.credential),
  });
  expect(replayed.status).toBe(400);
  expect(flowMessageIds(replayed.body)).toEqual([4000008]);

  // A page on an origin outside rp.origins: the browser makes the assertion, Kratos refuses it (4000008).
  const foreign = await signInWithPasskey(server, browser, server.foreignPageUrl);
  expect(foreign.answer.status).toBe(400);
  expect(flowMessageIds(foreign.answer.body)).toEqual([4000008]);

  // Settings: add a second passkey, list both (name and date), remove one, the last is refused.
  const settings = await call(server, 'GET', '/self-service/settings/api', { token });
  expect(passkeyNodes(settings.body).map((n) => n['attributes']['name'])).toEqual([
    'passkey_remove',
    'passkey_register_trigger',
    'passkey_settings_register',
    'passkey_create_data',
  ]);
  expect(passkeyNodes(settings.body)[0]!['attributes']['disabled']).toBe(true); // the only way to sign in
  const added = await call(server, 'POST', `/self-service/settings?flow=${settings.body['id']}`, {
    token,
    body: passkeySubmitBody(
      'settings',
      await credentialOf(browser, 'settings', settings.body, { pageUrl: server.pageUrl }),
    ),
  });
  expect(added.status, JSON.stringify(added.body)).toBe(200);
  expect(added.body['state']).toBe('success');
  const listed = await call(server, 'GET', '/self-service/settings/api', { token });
  const removes = passkeyNodes(listed.body).filter((n) => n['attributes']['name'] === 'passkey_remove');
  expect(removes).toHaveLength(2);
  for (const remove of removes) {
    expect(remove['attributes']['disabled']).toBe(false);
    expect(remove['attributes']['value']).toMatch(/^[0-9a-f]+$/);
    expect(remove['meta']['label']['id']).toBe(1050020);
    expect(Object.keys(remove['meta']['label']['context']).sort()).toEqual([
      'added_at',
      'added_at_unix',
      'display_name',
    ]);
  }
  const removedOne = await call(server, 'POST', `/self-service/settings?flow=${listed.body['id']}`, {
    token,
    body: { method: 'passkey', passkey_remove: removes[0]!['attributes']['value'] },
  });
  expect(removedOne.status).toBe(200);
  const last = await call(server, 'GET', '/self-service/settings/api', { token });
  const lastRemove = passkeyNodes(last.body).find((n) => n['attributes']['name'] === 'passkey_remove')!;
  const refused = await call(server, 'POST', `/self-service/settings?flow=${last.body['id']}`, {
    token,
    body: { method: 'passkey', passkey_remove: lastRemove['attributes']['value'] },
  });
  expect(refused.status).toBe(400);
  const field = (refused.body['ui']['nodes'] as Json[]).find(
    (n) => n['attributes']['name'] === 'webauthn_remove',
  )!;
  expect(field['messages'].map((m: Json) => [m['id'], m['text']])).toEqual([
    [4000001, 'unable to remove this security key because it would lock you out of your account'],
  ]);
  const unknown = await call(server, 'POST', `/self-service/settings?flow=${last.body['id']}`, {
    token,
    body: { method: 'passkey', passkey_remove: 'abcdef' },
  });
  expect(unknown.status).toBe(400);
  expect(unknown.body['ui']['messages'].map((m: Json) => m['text'])).toEqual([
    'You tried to remove a passkey which does not exist.',
  ]);

  // A sign-up whose passkey was made on a foreign origin: Kratos answers 500 (measured), no identity.
  const second = await call(server, 'GET', '/self-service/registration/api');
  const traits = { email: `other-${email}` };
  const step = await call(server, 'POST', `/self-service/registration?flow=${second.body['id']}`, {
    body: { method: 'profile', traits },
  });
  const foreignAttestation = await credentialOf(browser, 'registration', step.body, {
    pageUrl: server.foreignPageUrl,
    traits,
  });
  const refusedSignUp = await call(server, 'POST', `/self-service/registration?flow=${second.body['id']}`, {
    body: passkeySubmitBody('registration', foreignAttestation, traits),
  });
  expect(refusedSignUp.status).toBe(500);
  expect(refusedSignUp.body['error']['reason']).toBe(
    'Unable to create WebAuthn credential: Error validating origin',
  );
  const garbage = await call(server, 'POST', `/self-service/registration?flow=${second.body['id']}`, {
    body: { method: 'passkey', traits, passkey_register: '{"id":"x"}' },
  });
  expect(garbage.status).toBe(400);
  expect(garbage.body['ui']['messages'].map((m: Json) => [m['id'], m['text']])).toEqual([
    [4000001, 'Unable to parse WebAuthn response: Parse error for Registration'],
  ]);

  // A passkey whose identity is gone: the user handle names nobody (4000015).
  await server.deleteIdentity(signedUp.identityId);
  const orphan = await signInWithPasskey(server, browser);
  expect(orphan.answer.status).toBe(400);
  expect(flowMessageIds(orphan.answer.body)).toEqual([4000015]);

  // Cancel on the page: the page says so, with the challenge it was opened for.
  const cancelled = await call(server, 'GET', '/self-service/login/api');
  expect(
    await ceremony(browser, 'login', cancelled.body, { pageUrl: server.pageUrl, choice: 'cancel' }),
  ).toEqual({
    error: 'cancelled',
  });
}

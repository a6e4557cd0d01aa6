/**
 * "Add passkey" on an old session (docs/passkeys.md#re-authentication-first), with a fake Kratos and a fake
 * clock: "Confirm it's you" comes BEFORE the passkey page opens when the session is judged older than the
 * server's privileged age (Kratos's default, the operator's value, or the age the server refused at), so the
 * person's browser holds only passkeys Kratos knows while it asks for one; a fresh session goes straight to the
 * page; when the age was misjudged, the passkey being added is never sent to confirm the person.
 */
import { describe, expect, it } from 'vitest';
import type { FlowResponse } from '../../../shared/ipc-contract';
import type { UiNode } from '../../../shared/kratos-wire';
import type { AuthCallback } from '../../../main/policy/deep-link';
import { readPasskeyAnswer } from '../../../main/policy/deep-link';
import { kratosDefaultPrivilegedAgeMs } from '../../../main/flows/privileged-age';
import { text } from '../../../main/strings';
import { TOKEN, aLoginFlow, aSession, kratosError, ok, settle } from '../session/fakes';
import { settingsFlow, setup } from './world';

const PAGE = 'http://localhost:4455/passkey';
const MINUTE = 60_000;
const b64 = (value: string) => Buffer.from(value).toString('base64url');

const passkeyNode = (name: string, type: string, value = ''): UiNode =>
  ({
    type: 'input',
    group: 'passkey',
    attributes: { name, type, value, disabled: false, node_type: 'input' },
    messages: [],
    meta: {},
  }) as UiNode;

/** A settings flow offering "Add passkey" (Kratos v26.2.0's nodes), its challenge `challenge`. */
function passkeySettings(id: string, challenge: string, state = 'show_form') {
  const publicKey = {
    challenge,
    rp: { id: 'localhost', name: 'Kratos Desktop' },
    user: { id: b64('handle'), name: 'user@example.org', displayName: 'user@example.org' },
  };
  const flow = settingsFlow(id, state);
  flow.ui.nodes = [
    passkeyNode('passkey_create_data', 'hidden', JSON.stringify({ publicKey })),
    passkeyNode('passkey_register_trigger', 'button'),
    passkeyNode('passkey_settings_register', 'hidden'),
  ];
  return flow;
}

/** A refresh login flow offering a password and a passkey (challenge `challenge`). */
function refreshLogin(id: string, challenge: string) {
  const flow = { ...aLoginFlow({ id }), refresh: true };
  flow.ui.nodes = [
    ...flow.ui.nodes,
    passkeyNode('passkey_challenge', 'hidden', JSON.stringify({ publicKey: { challenge } })),
    passkeyNode('passkey_login_trigger', 'button'),
    passkeyNode('passkey_login', 'hidden'),
  ];
  return flow;
}

/** What the passkey page hands back: the credential `credentialId`, made for `challenge`. */
function pageAnswer(challenge: string, credentialId: string) {
  const clientDataJSON = b64(
    JSON.stringify({ type: 'webauthn.get', challenge, origin: 'http://localhost:4455' }),
  );
  const credential = JSON.stringify({
    id: credentialId,
    rawId: credentialId,
    type: 'public-key',
    response: { clientDataJSON, attestationObject: b64('attestation') },
  });
  const answer = readPasskeyAnswer(new URLSearchParams({ challenge, credential: b64(credential) }));
  if (answer.kind === 'invalid') throw new Error(`not a page answer: ${answer.reason}`);
  return { kind: 'passkey', answer } satisfies AuthCallback;
}

const sessionAuthenticatedAt = (at: number) => ({
  ...aSession(),
  authenticated_at: new Date(at).toISOString(),
});

/** Signed in `age` ago (as whoami said at start), the settings form with "Add passkey" on screen. */
async function world(age: number, options: { privilegedSessionMaxAgeMs?: number } = {}) {
  const w = await setup({ signedIn: true, passkeyPageUrl: PAGE, ...options });
  w.api.whoami.mockResolvedValue(ok(sessionAuthenticatedAt(w.clock.now() - age)));
  await w.session.check();
  w.api.whoami.mockClear();
  w.api.createSettingsFlow.mockResolvedValue(ok(passkeySettings('set-1', 'c2V0dGluZ3M')));
  await w.flows.start({ kind: 'settings' });
  return w;
}

/** Presses a passkey button; resolves once the submit answered or the page opened. */
async function press(w: Awaited<ReturnType<typeof world>>, flowId: string, button: string) {
  const opened = w.browser.opened.length;
  let answered: FlowResponse | undefined;
  const answer = w.flows.submit({ flowId, values: { [button]: '' } }).then((response) => {
    answered = response;
    return response;
  });
  for (let i = 0; i < 20 && answered === undefined && w.browser.opened.length === opened; i++) await settle();
  return { answer, opened: w.browser.opened.length > opened };
}

describe('adding a passkey on an old session', () => {
  it('asks "Confirm it\'s you" before the passkey page opens, then the window presses again', async () => {
    const w = await world(kratosDefaultPrivilegedAgeMs + MINUTE);
    const { api, browser, clock } = w;
    api.createLoginFlow.mockResolvedValue(ok(refreshLogin('refresh-1', 'bG9naW4')));

    const first = await press(w, 'set-1', 'passkey_register_trigger');
    expect(first.opened).toBe(false);
    expect(await first.answer).toMatchObject({
      kind: 'flow',
      flow: { id: 'refresh-1', kind: 'login', refresh: true, pendingChange: 'add-passkey' },
    });
    expect(api.createLoginFlow).toHaveBeenCalledWith({ refresh: true, token: TOKEN });
    expect(browser.opened).toEqual([]);

    // Confirmed by password: the window is told to press "Add passkey" again, on the same form (no request).
    api.submitLoginFlow.mockResolvedValue(
      ok({ session_token: TOKEN, session: sessionAuthenticatedAt(clock.now()) }),
    );
    const confirmed = await w.flows.submit({
      flowId: 'refresh-1',
      values: { method: 'password', password: 'secret' },
    });
    expect(confirmed).toMatchObject({
      kind: 'done',
      message: text.flows.reauthenticated,
      next: { id: 'set-1', kind: 'settings' },
      press: 'passkey_register_trigger',
    });
    expect(browser.opened).toEqual([]);

    // The press again: now the page opens, and the passkey is added with one settings submit.
    const second = await press(w, 'set-1', 'passkey_register_trigger');
    expect(second.opened).toBe(true);
    expect(browser.opened[0]).toMatch(/^http:\/\/localhost:4455\/passkey#/);
    api.submitSettingsFlow.mockResolvedValue(ok(passkeySettings('set-1', 'bmV3', 'success')));
    api.whoami.mockResolvedValue(ok(sessionAuthenticatedAt(clock.now())));
    await w.flows.browserCallback(pageAnswer('c2V0dGluZ3M', 'new-passkey'));
    expect(await second.answer).toMatchObject({ kind: 'flow', flow: { kind: 'settings', state: 'success' } });

    // The request budget: the re-authentication's own two requests, the settings submit and whoami.
    expect(api.createSettingsFlow).toHaveBeenCalledTimes(1);
    expect(api.getSettingsFlow).not.toHaveBeenCalled();
    expect(api.createLoginFlow).toHaveBeenCalledTimes(1);
    expect(api.submitLoginFlow).toHaveBeenCalledTimes(1);
    expect(api.submitSettingsFlow).toHaveBeenCalledTimes(1);
    expect(api.submitSettingsFlow.mock.calls[0]![1]).toMatchObject({ method: 'passkey' });
    expect(api.whoami).toHaveBeenCalledTimes(1);
  });

  it('opens the page at once on a fresh session', async () => {
    const w = await world(kratosDefaultPrivilegedAgeMs - MINUTE);
    const pressed = await press(w, 'set-1', 'passkey_register_trigger');
    expect(pressed.opened).toBe(true);
    expect(w.api.createLoginFlow).not.toHaveBeenCalled();
  });

  it("judges by the operator's privileged age when it is given", async () => {
    const w = await world(10 * MINUTE, { privilegedSessionMaxAgeMs: 5 * MINUTE });
    w.api.createLoginFlow.mockResolvedValue(ok(refreshLogin('refresh-1', 'bG9naW4')));
    const pressed = await press(w, 'set-1', 'passkey_register_trigger');
    expect(pressed.opened).toBe(false);
    expect(await pressed.answer).toMatchObject({ flow: { id: 'refresh-1', pendingChange: 'add-passkey' } });
  });

  it('goes ahead after the confirmation even when the clock still calls the session old', async () => {
    const w = await world(kratosDefaultPrivilegedAgeMs + MINUTE);
    w.api.createLoginFlow.mockResolvedValue(ok(refreshLogin('refresh-1', 'bG9naW4')));
    await (
      await press(w, 'set-1', 'passkey_register_trigger')
    ).answer;
    // A server clock far behind this computer's: the refreshed session still looks old here.
    const old = w.clock.now() - 2 * kratosDefaultPrivilegedAgeMs;
    w.api.submitLoginFlow.mockResolvedValue(
      ok({ session_token: TOKEN, session: sessionAuthenticatedAt(old) }),
    );
    await w.flows.submit({ flowId: 'refresh-1', values: { method: 'password', password: 'secret' } });
    expect((await press(w, 'set-1', 'passkey_register_trigger')).opened).toBe(true);
    expect(w.api.createLoginFlow).toHaveBeenCalledTimes(1);
  });
});

describe('when the server is younger than assumed', () => {
  it('never sends the passkey being added to confirm the person, and learns the age for the next one', async () => {
    const w = await world(10 * MINUTE);
    const { api, clock } = w;
    const added = await press(w, 'set-1', 'passkey_register_trigger');
    expect(added.opened).toBe(true);

    // Kratos refuses at 10 minutes (its privileged age is shorter than Kratos's default): the fallback.
    api.submitSettingsFlow.mockResolvedValueOnce(kratosError(403, 'session_refresh_required'));
    api.createLoginFlow.mockResolvedValue(ok(refreshLogin('refresh-1', 'bG9naW4')));
    await w.flows.browserCallback(pageAnswer('c2V0dGluZ3M', 'new-passkey'));
    expect(await added.answer).toMatchObject({
      flow: { id: 'refresh-1', pendingChange: 'passkey' },
    });

    // The person picks the passkey just made: not sent (Kratos would answer 4000015), said in words.
    const wrong = await press(w, 'refresh-1', 'passkey_login_trigger');
    await w.flows.browserCallback(pageAnswer('bG9naW4', 'new-passkey'));
    expect(await wrong.answer).toEqual({ kind: 'not-sent', message: text.passkey.thatIsTheNewOne });
    expect(api.submitLoginFlow).not.toHaveBeenCalled();

    // Then the one they had: confirmed, and the passkey made before is added.
    const right = await press(w, 'refresh-1', 'passkey_login_trigger');
    api.submitLoginFlow.mockResolvedValue(
      ok({ session_token: TOKEN, session: sessionAuthenticatedAt(clock.now()) }),
    );
    api.submitSettingsFlow.mockResolvedValueOnce(ok(passkeySettings('set-1', 'bmV3', 'success')));
    api.whoami.mockResolvedValue(ok(sessionAuthenticatedAt(clock.now())));
    await w.flows.browserCallback(pageAnswer('bG9naW4', 'old-passkey'));
    expect(await right.answer).toMatchObject({ flow: { id: 'set-1', state: 'success' } });
    expect(api.submitLoginFlow).toHaveBeenCalledTimes(1);

    // Ten minutes later, the next "Add passkey" asks for the person first: the server's age was learned.
    await clock.advance(10 * MINUTE);
    api.createSettingsFlow.mockResolvedValue(ok(passkeySettings('set-2', 'c2Vjb25k')));
    await w.flows.start({ kind: 'settings' });
    api.createLoginFlow.mockResolvedValue(ok(refreshLogin('refresh-2', 'bG9naW4y')));
    const next = await press(w, 'set-2', 'passkey_register_trigger');
    expect(next.opened).toBe(false);
    expect(await next.answer).toMatchObject({ flow: { id: 'refresh-2', pendingChange: 'add-passkey' } });
  });
});

/**
 * The passkey journeys through the app's whole main side (AppCore, the flow service, the passkey ceremony,
 * the deep-link entry point, the real Kratos client), the same on the emulator
 * (test/main/flows/passkey-ceremony.test.ts) and on real Kratos v26.2.0 (test/kratos/passkey-app.test.ts).
 * The window's part is played by submits of what it sends (a passkey button sends its name); Chromium with a
 * virtual authenticator is the person's browser, and the `kratos-desktop://auth/passkey` link the page hands
 * back goes to `followDeepLink`, as the OS would. After each journey, neither a credential nor a link nor a
 * session token appears in what the renderer was sent or in the log.
 */
import { expect } from 'vitest';
import type { FlowResponse, FlowView } from '../../shared/ipc-contract';
import { noPasskeyPageMessage } from '../../main/flows/passkey-page';
import { text } from '../../main/strings';
import { openAppAsWindow, type AppAsWindow } from './app-as-window';
import type { SystemBrowser } from './system-browser';

export interface JourneyServer {
  url: string;
  /** The passkey page for this server (on an origin in its `rp.origins`). */
  pageUrl: string;
  browser: SystemBrowser;
  /** Waits until a session signed in now is no longer privileged (`privileged_session_max_age`). */
  ageSession(): Promise<void>;
}

interface App extends AppAsWindow {
  links: string[];
  /** At the page: the person's choice, and the link handed to the app as the OS would. */
  atPage(choice: 'continue' | 'cancel', choose?: string): Promise<string>;
  /** Nothing secret in what the window was sent or in the log. */
  checkNoLeak(): Promise<void>;
}

async function openPasskeyApp(server: JourneyServer, page: 'with-page' | 'no-page' = 'with-page') {
  const base = await openAppAsWindow({
    environmentUrl: server.url,
    browser: server.browser,
    ...(page === 'with-page' ? { passkeyPageUrl: server.pageUrl } : {}),
  });
  const links: string[] = [];
  const app: App = {
    ...base,
    links,
    async atPage(choice, choose) {
      const link = await server.browser.atPasskeyPage(choice, choose === undefined ? {} : { choose });
      links.push(link);
      return link;
    },
    async checkNoLeak() {
      const shown = base.shown();
      const token = await base.token();
      const secrets = [...links, ...links.map((l) => new URL(l).searchParams.get('credential') ?? '')];
      if (token !== null) secrets.push(token, token.replace(/^ory_st_/, ''));
      for (const secret of secrets.filter((s) => s !== '')) {
        expect(shown.includes(secret), 'a secret reached the renderer or the log').toBe(false);
      }
    },
  };
  return app;
}

const nodesNamed = (flow: FlowView, name: string) =>
  flow.ui.nodes.filter((node) => 'name' in node.attributes && node.attributes.name === name);

/** Sign-up: the traits, then "Sign up with passkey" in the browser. */
async function signUp(app: App, email: string): Promise<void> {
  const registration = await app.start('registration');
  const step = await app.submit(registration.id, { method: 'profile', traits: { email } });
  expect(step.kind).toBe('flow');
  const flow = (step as { flow: FlowView }).flow;
  expect(nodesNamed(flow, 'passkey_register_trigger')).toHaveLength(1);
  const { answer } = await app.press(flow.id, { traits: { email }, passkey_register_trigger: '' });
  await app.follow(await app.atPage('continue'));
  expect(await answer).toMatchObject({ kind: 'done', message: text.flows.created });
  expect(await app.token()).toMatch(/^ory_st_/);
}

async function signIn(app: App): Promise<void> {
  const login = await app.start('login');
  const { answer } = await app.press(login.id, { passkey_login_trigger: '' });
  await app.follow(await app.atPage('continue'));
  expect(await answer).toMatchObject({ kind: 'done', message: text.flows.signedIn });
  expect(await app.token()).toMatch(/^ory_st_/);
}

/** Resolves (as a failure to show) when the app opens the browser's page number `opened + 1`. */
async function pageOpens(browser: SystemBrowser, opened: number): Promise<FlowResponse> {
  while (browser.opened.length <= opened) await new Promise((resolve) => setTimeout(resolve, 50));
  return { kind: 'error', message: 'the passkey page opened before the re-authentication' };
}

/** Every journey, in the order a person meets them. */
export async function passkeyJourneys(server: JourneyServer): Promise<void> {
  const email = `journey-${Date.now()}@example.org`;

  // Without a passkey page for the server, the button says what the operator must set up.
  const unset = await openPasskeyApp(server, 'no-page');
  const login = await unset.start('login');
  expect(await unset.submit(login.id, { passkey_login_trigger: '' })).toEqual({
    kind: 'not-sent',
    message: noPasskeyPageMessage('environment'),
  });
  await unset.stop();

  // Sign up on one computer, sign in on another (a fresh keychain).
  const first = await openPasskeyApp(server);
  await signUp(first, email);
  const [signUpPasskey] = await server.browser.passkeys();
  await first.checkNoLeak();
  await first.stop();
  const app = await openPasskeyApp(server);
  const beforeSignIn = Date.now(); // the session's authenticated_at comes after this
  await signIn(app);

  // Cancel on the page: the form stays, with the reason in words; the late link is then ignored.
  const again = await app.start('settings');
  const cancelled = await app.press(again.id, { passkey_register_trigger: '' });
  const cancelLink = await app.atPage('cancel');
  await app.follow(cancelLink);
  expect(await cancelled.answer).toEqual({ kind: 'not-sent', message: text.passkey.page.cancelled });
  const late = app.core.followDeepLink(cancelLink);
  await late.settled;
  expect(app.views.at(-1)?.notice?.text).toBe(text.browser.ignored['replayed']);

  // "Cancel" in the app while the browser is open: the settings form again; a link for another challenge
  // while a ceremony waits is ignored with a note, and the wait goes on.
  const settings = await app.start('settings');
  const pending = await app.press(settings.id, { passkey_register_trigger: '' });
  await app.follow(cancelLink); // an earlier ceremony's answer: not this one's challenge
  expect(app.views.at(-1)?.notice?.text).toBe(text.browser.ignored['foreign']);
  expect(await app.core.browserSignIn({ flowId: settings.id, action: 'reopen' })).toEqual({ kind: 'ok' });
  expect(server.browser.opened.at(-1)).toBe(server.browser.opened.at(-2));
  expect(await app.core.browserSignIn({ flowId: settings.id, action: 'cancel' })).toEqual({ kind: 'ok' });
  expect((await pending.answer).kind).toBe('flow');

  // Add a passkey when the session is older than the server's privileged age, which the app does not know
  // yet (it assumes Kratos's default, 1h): the ceremony first, then Kratos asks for the person (a refresh
  // login), and the same passkey is added without a third ceremony (docs/passkeys.md#re-authentication-first).
  await server.ageSession();
  const adding = await app.start('settings');
  expect(
    nodesNamed(adding, 'passkey_remove').map((n) => 'disabled' in n.attributes && n.attributes.disabled),
  ).toEqual([true]);
  const add = await app.press(adding.id, { passkey_register_trigger: '' });
  await app.follow(await app.atPage('continue'));
  const reauth = await add.answer;
  // Kratos refused at this age or younger: what the app learned (privileged-age.ts) is at most this.
  const refusedAge = Date.now() - beforeSignIn;
  expect(reauth).toMatchObject({
    kind: 'flow',
    flow: { kind: 'login', refresh: true, pendingChange: 'passkey' },
  });
  const refresh = (reauth as { flow: FlowView }).flow;
  expect(nodesNamed(refresh, 'passkey_login_trigger')).toHaveLength(1);
  // The device now holds the new passkey too, which Kratos does not know yet. The re-authentication's
  // challenge lists only the identity's passkeys (`allowCredentials`, v26.2.0 and the emulator): the browser
  // offers no other, so a person who reaches for the new one gets no passkey at all, and tries again.
  const newPasskey = (await server.browser.passkeys()).find((id) => id !== signUpPasskey)!;
  const wrong = await app.press(refresh.id, { passkey_login_trigger: '' });
  await app.follow(await app.atPage('continue', newPasskey));
  expect(await wrong.answer).toEqual({ kind: 'not-sent', message: text.passkey.page['not-allowed'] });
  const confirm = await app.press(refresh.id, { passkey_login_trigger: '' });
  await app.follow(await app.atPage('continue', signUpPasskey));
  const added = await confirm.answer;
  expect(added, JSON.stringify(added)).toMatchObject({
    kind: 'flow',
    flow: { kind: 'settings', state: 'success' },
  });

  // Kratos's refusal taught the app the server's age: the next "Add passkey" on an old session asks for the
  // person BEFORE the page opens, while the device holds only the passkeys Kratos knows; then the window
  // presses "Add passkey" again (main answers `press`), and the page opens.
  await new Promise((resolve) => setTimeout(resolve, refusedAge + 500));
  const addingAgain = await app.start('settings');
  const known = nodesNamed(addingAgain, 'passkey_remove').length;
  expect(known).toBe(2);
  const opened = server.browser.opened.length;
  const asksFirst = await Promise.race([
    app.submit(addingAgain.id, { passkey_register_trigger: '' }),
    pageOpens(server.browser, opened),
  ]);
  expect(asksFirst).toMatchObject({
    kind: 'flow',
    flow: { kind: 'login', refresh: true, pendingChange: 'add-passkey' },
  });
  expect(server.browser.opened).toHaveLength(opened);
  expect(await server.browser.passkeys()).toHaveLength(known);
  const confirmFirst = await app.press((asksFirst as { flow: FlowView }).flow.id, {
    passkey_login_trigger: '',
  });
  await app.follow(await app.atPage('continue'));
  const pressAgain = await confirmFirst.answer;
  expect(pressAgain).toMatchObject({
    kind: 'done',
    next: { id: addingAgain.id, kind: 'settings' },
    press: 'passkey_register_trigger',
  });
  expect(await server.browser.passkeys()).toHaveLength(known);
  const third = await app.press(addingAgain.id, { passkey_register_trigger: '' });
  await app.follow(await app.atPage('continue'));
  expect(await third.answer).toMatchObject({ kind: 'flow', flow: { kind: 'settings', state: 'success' } });
  expect(await server.browser.passkeys()).toHaveLength(known + 1);

  // The list: each passkey with its name and date; remove one (the window asks first), the last is refused.
  const list = await app.start('settings');
  const removes = nodesNamed(list, 'passkey_remove');
  expect(removes).toHaveLength(3);
  for (const remove of removes) {
    expect(remove.meta.label).toMatchObject({ id: 1050020, context: { display_name: 'unnamed' } });
    expect(Date.parse(String((remove.meta.label?.context as { added_at?: unknown }).added_at))).not.toBeNaN();
  }
  let removed: FlowResponse | undefined;
  for (const remove of removes.slice(0, 2)) {
    removed = await app.submit(list.id, {
      method: 'passkey',
      passkey_remove: (remove.attributes as { value: string }).value,
    });
    expect(removed).toMatchObject({ kind: 'flow', flow: { state: 'success' } });
  }
  const last = nodesNamed((removed as { flow: FlowView }).flow, 'passkey_remove');
  expect(last).toHaveLength(1);
  const refused = await app.submit(list.id, {
    method: 'passkey',
    passkey_remove: (last[0]!.attributes as { value: string }).value,
  });
  expect(refused.kind).toBe('flow');
  const field = nodesNamed((refused as { flow: FlowView }).flow, 'webauthn_remove')[0];
  expect(field?.messages.map((m) => m.id)).toEqual([4000001]);

  // Signed in all along, the token in the keychain only.
  expect((await app.core.getState()).status).toBe('signed-in');
  await app.checkNoLeak();
  await app.stop();
}

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
import type { FlowView } from '../../shared/ipc-contract';
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

  // Add a passkey in settings when the session is old: the ceremony, then Kratos asks for the person again
  // (a refresh login, by passkey), then the same passkey is added without a third ceremony.
  await server.ageSession();
  const adding = await app.start('settings');
  expect(
    nodesNamed(adding, 'passkey_remove').map((n) => 'disabled' in n.attributes && n.attributes.disabled),
  ).toEqual([true]);
  const add = await app.press(adding.id, { passkey_register_trigger: '' });
  await app.follow(await app.atPage('continue'));
  const reauth = await add.answer;
  expect(reauth.kind).toBe('flow');
  const refresh = (reauth as { flow: FlowView }).flow;
  expect(refresh.kind).toBe('login');
  expect(nodesNamed(refresh, 'passkey_login_trigger')).toHaveLength(1);
  const confirm = await app.press(refresh.id, { passkey_login_trigger: '' });
  // The device now holds the new passkey too, which Kratos does not know yet: the person picks theirs.
  await app.follow(await app.atPage('continue', signUpPasskey));
  const added = await confirm.answer;
  expect(added, JSON.stringify(added)).toMatchObject({
    kind: 'flow',
    flow: { kind: 'settings', state: 'success' },
  });

  // The list: each passkey with its name and date; remove one (the window asks first), the last is refused.
  const list = await app.start('settings');
  const removes = nodesNamed(list, 'passkey_remove');
  expect(removes).toHaveLength(2);
  for (const remove of removes) {
    expect(remove.meta.label).toMatchObject({ id: 1050020, context: { display_name: 'unnamed' } });
    expect(Date.parse(String((remove.meta.label?.context as { added_at?: unknown }).added_at))).not.toBeNaN();
  }
  const removed = await app.submit(list.id, {
    method: 'passkey',
    passkey_remove: (removes[0]!.attributes as { value: string }).value,
  });
  expect(removed).toMatchObject({ kind: 'flow', flow: { state: 'success' } });
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

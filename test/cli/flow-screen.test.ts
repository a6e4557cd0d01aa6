/**
 * How a flow reads in the terminal, on real Kratos payloads (test/fixtures/flows): the same node rules and
 * message texts as the window, one action per button, and only the questions the pressed button needs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { UiContainer } from '../../shared/kratos-wire';
import { describe, expect, it } from 'vitest';
import type { FlowKind, FlowView } from '../../shared/ipc-contract';
import { questionsFor, screenOf, valuesFor, type Action } from '../../cli/flow-screen';
import { strings } from '../../shared/strings';
import { input, uiText } from '../support/nodes';

function fixture(name: string, kind: FlowKind): FlowView {
  const file = path.resolve(import.meta.dirname, '../fixtures/flows', `${name}.json`);
  const json = JSON.parse(readFileSync(file, 'utf8')) as {
    id: string;
    state?: string;
    requested_aal?: FlowView['requestedAal'];
    ui: UiContainer;
  };
  return {
    id: json.id,
    kind,
    state: json.state,
    expiresAt: undefined,
    ...(json.requested_aal ? { requestedAal: json.requested_aal } : {}),
    ui: json.ui,
  };
}

function action(flow: FlowView, label: RegExp): Action {
  const found = screenOf(flow).actions.find((candidate) => label.test(candidate.label));
  if (!found)
    throw new Error(
      `no action ${label}; have ${screenOf(flow)
        .actions.map((a) => a.label)
        .join(' | ')}`,
    );
  return found;
}

describe('a flow on the terminal', () => {
  it('shows a wrong password as the window does (message 4000006 in words) and asks again for both fields', () => {
    const flow = fixture('login-flow-wrong-password-4000006', 'login');
    const screen = screenOf(flow);
    expect(screen.lines[0]).toEqual({ kind: 'heading', text: 'Sign in' });
    expect(screen.lines).toContainEqual({
      kind: 'error',
      text: expect.stringContaining('The password is wrong, or no account uses that email address'),
    });
    const signIn = action(flow, /^Password: /);
    const questions = questionsFor(flow, signIn);
    expect(questions.map((question) => [question.name, question.hidden])).toEqual([
      ['identifier', false],
      ['password', true],
    ]);
  });

  it('sends exactly what the window sends for the pressed button', () => {
    const flow = fixture('login-flow-wrong-password-4000006', 'login');
    const signIn = action(flow, /^Password: /);
    const values = valuesFor(
      flow,
      signIn,
      new Map([
        ['identifier', 'ada@example.com'],
        ['password', 'pw 12345678'],
      ]),
    );
    expect(values).toEqual({ identifier: 'ada@example.com', password: 'pw 12345678', method: 'password' });
  });

  it('a second step by code: the code is read hidden; "Resend code" asks nothing and sends the resend button', () => {
    const flow = fixture('login-flow-native-aal2-code-sent', 'login');
    const screen = screenOf(flow);
    expect(screen.lines[0]).toEqual({ kind: 'heading', text: 'Second step: confirm it is you' });
    expect(screen.lines).toContainEqual({ kind: 'text', text: expect.stringContaining('code') });
    const submit = action(flow, /Email code: (Continue|Submit|Sign in|Login)/i);
    expect(questionsFor(flow, submit).find((question) => question.name === 'code')?.hidden).toBe(true);
    const resend = action(flow, /Resend/i);
    expect(questionsFor(flow, resend).filter((question) => question.name === 'code')).toEqual([]);
    expect(valuesFor(flow, resend, new Map())).toMatchObject({ resend: 'code' });
  });

  it('a code Kratos sent as it made the aal2 flow (v26.2.0): where it went, then the code and "Resend code"', () => {
    const flow = fixture('login-kratos-v26-aal2-code-sent-at-once', 'login');
    const screen = screenOf(flow);
    expect(screen.lines.slice(0, 2)).toEqual([
      { kind: 'heading', text: 'Second step: confirm it is you' },
      {
        kind: 'text',
        text: 'A sign-in code was sent to ada@example.com. If it does not arrive, check the spelling and make sure it is the address you registered with.',
      },
    ]);
    const submit = action(flow, /Email code: Continue/);
    expect(questionsFor(flow, submit).map((question) => [question.name, question.hidden])).toEqual([
      ['code', true],
    ]);
    expect(valuesFor(flow, submit, new Map([['code', '123456']]))).toEqual({
      identifier: 'ada@example.com',
      method: 'code',
      code: '123456',
    });
    expect(valuesFor(flow, action(flow, /Resend/), new Map())).toMatchObject({ resend: 'code' });
  });

  it('TOTP setup: the secret is drawn as a QR code and printed; the code field is hidden', () => {
    const flow = fixture('settings-flow-totp-setup-full', 'settings');
    const screen = screenOf(flow);
    const qr = screen.lines.find((line) => line.kind === 'qr');
    const secret = screen.lines.find((line) => line.kind === 'secret');
    expect(qr).toBeDefined();
    expect(secret).toMatchObject({ kind: 'secret', secret: (qr as { secret: string }).secret });
    const save = action(flow, /^Authenticator app: /);
    expect(questionsFor(flow, save).find((question) => question.name === 'totp_code')?.hidden).toBe(true);
  });

  it('new backup codes are listed and their confirm button needs an explicit agreement first', () => {
    const flow = fixture('settings-flow-lookup-generated', 'settings');
    const screen = screenOf(flow);
    const codes = screen.lines.find((line) => line.kind === 'codes');
    expect(codes && codes.kind === 'codes' && codes.codes.length).toBeGreaterThan(0);
    const confirm = action(flow, /Backup recovery codes: .*confirm/i);
    expect(confirm.acknowledge).toContain('I have saved these backup codes');
  });

  it('what the terminal cannot do is said, not hidden: scripts and browser-only buttons', () => {
    const flow = fixture('settings-synthetic-every-node-type', 'settings');
    const text = screenOf(flow)
      .lines.filter((line) => line.kind === 'text')
      .map((line) => (line as { text: string }).text)
      .join('\n');
    expect(text).toContain('never runs server scripts');
    expect(text).toContain('needs a web browser, not available here');
  });

  it('a div (Kratos ≥ v26) is drawn as its label, and a captcha one says it needs a browser: never a failure', () => {
    const div = (id: string, group: string, label?: string) => ({
      type: 'div' as const,
      group,
      attributes: { node_type: 'div' as const, id, class: 'widget', data: { sitekey: 'k' } },
      messages: [{ id: 4000001, text: 'Solve the puzzle.', type: 'error' as const }],
      meta: label === undefined ? {} : { label: { id: 1070002, text: label, type: 'info' as const } },
    });
    const flow: FlowView = {
      id: 'f',
      kind: 'login',
      state: undefined,
      expiresAt: undefined,
      ui: {
        action: 'http://kratos/self-service/login?flow=f',
        method: 'POST',
        nodes: [div('hook', 'default', 'A place for a widget'), div('captcha', 'captcha')],
      } as unknown as UiContainer,
    };
    const lines = screenOf(flow).lines.map((line) =>
      'text' in line ? `${line.kind}: ${line.text}` : line.kind,
    );
    expect(lines).toEqual([
      'heading: Sign in',
      'text: A place for a widget',
      'error: Solve the puzzle.',
      'heading: Captcha',
      'text: This part of the form (for example a captcha) only works in a web browser.',
      'error: Solve the puzzle.',
    ]);
  });

  it('settings: "Link <provider>" is no action but how to link it; "Unlink" asks first, naming the provider', () => {
    const oidc = (name: 'link' | 'unlink', id: number) => ({
      type: 'input' as const,
      group: 'oidc' as const,
      attributes: {
        name,
        type: 'submit' as const,
        value: 'github',
        disabled: false,
        node_type: 'input' as const,
      },
      messages: [],
      meta: {
        label: {
          id,
          text: `${name === 'link' ? 'Link' : 'Unlink'} GitHub`,
          type: 'info' as const,
          context: { provider: 'GitHub' },
        },
      },
    });
    const flow: FlowView = {
      id: 'f',
      kind: 'settings',
      state: 'show_form',
      expiresAt: undefined,
      ui: { action: '', method: 'POST', nodes: [oidc('link', 1050002)] } as unknown as UiContainer,
    };
    const screen = screenOf(flow);
    expect(screen.actions).toEqual([]);
    const text = screen.lines.map((line) => ('text' in line ? line.text : '')).join('\n');
    expect(text).toContain('Not linked: GitHub.');
    expect(text).toContain(
      'Link GitHub: To link GitHub, sign out, then choose “Sign in with GitHub” and use the same email address there.',
    );
    const linked = screenOf({ ...flow, ui: { ...flow.ui, nodes: [oidc('unlink', 1050003)] } });
    expect(linked.actions.map((action) => [action.label, action.confirm])).toEqual([
      ['Social sign-in: Unlink GitHub', 'Unlink GitHub? You will no longer be able to sign in with GitHub.'],
    ]);
  });

  it('settings buttons carry the window\'s names, not Kratos\'s "Save" three times; settings have no preset', () => {
    const flow = fixture('settings-flow-totp-setup-full', 'settings');
    const screen = screenOf(flow);
    const labels = screen.actions.map((candidate) => candidate.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        'Profile: Save profile',
        'Password: Change password',
        'Authenticator app: Turn on authenticator app',
      ]),
    );
    expect(labels.filter((label) => /: Save$/.test(label))).toEqual([]);
    expect(screen.preset).toBeUndefined();
  });

  it("unlinking the authenticator app is asked first, in the window's words", () => {
    const flow = fixture('settings-nodes-totp-unlink', 'settings');
    const unlink = action(flow, /^Authenticator app: Unlink/);
    expect(unlink.confirm).toBe(
      'Unlink the authenticator app? Codes from your authenticator app will no longer be accepted. To use one again you will scan a new QR code.',
    );
  });

  it('the common path is preset (Enter at the menu): the password, not a provider', () => {
    const flow = fixture('login-emulator-initial', 'login');
    const screen = screenOf(flow);
    expect(screen.actions.length).toBeGreaterThan(1);
    expect(screen.actions[screen.preset!]?.label).toMatch(/^Password: /);
  });
});

describe("the window's order and words on the terminal (shared/flow/arrangement.ts)", () => {
  it('sign-in: the provider first, then "or", then the password; Enter still picks the password', () => {
    const flow = fixture('login-kratos-initial', 'login');
    const oidc = fixture('login-nodes-oidc', 'login').ui.nodes.filter((node) => node.group === 'oidc');
    // Kratos's order: the identifier, the providers, the password.
    const withProvider = {
      ...flow,
      ui: { ...flow.ui, nodes: [...flow.ui.nodes.slice(0, 2), ...oidc, ...flow.ui.nodes.slice(2)] },
    };
    const screen = screenOf(withProvider);
    expect(screen.actions.map((one) => one.node.group)).toEqual(['oidc', 'password']);
    const texts = screen.lines.map((line) => ('text' in line ? line.text : ''));
    expect(texts.indexOf('or')).toBeGreaterThan(texts.indexOf('Social sign-in'));
    expect(texts.at(-1)).toBe('or');
    expect(screen.preset).toBe(1);
  });

  it('two-step sign-up: "Continue" on step 1; step 2 names the address, offers "Change", says the app\'s sentence', () => {
    const first = screenOf(fixture('registration-kratos-initial', 'registration'));
    expect(first.lines).toContainEqual({ kind: 'text', text: 'Step 1 of 2' });
    expect(first.actions.map((one) => one.label)).toEqual(['Profile: Continue']);

    const second = screenOf(fixture('registration-kratos-credentials', 'registration'));
    const texts = second.lines.map((line) => ('text' in line ? line.text : ''));
    expect(texts).toContain('Step 2 of 2 · ada@example.com');
    expect(texts).toContain('Last step: choose a password for your account.');
    expect(texts.join('\n')).not.toContain('Choose how you will sign in to your new account.');
    expect(second.actions.map((one) => one.label)).toEqual(['Password: Sign up', 'Change']);
    // Enter signs up; "Change" is a choice.
    expect(second.preset).toBe(0);
  });

  it('settings: each section says where it stands', () => {
    const screen = screenOf(fixture('settings-flow-lookup-confirmed-success', 'settings'));
    expect(screen.lines).toContainEqual({ kind: 'text', text: 'On: you have backup recovery codes.' });
  });

  it('passkeys: the buttons go on in the browser and ask nothing; the last passkey is no choice, its reason is said', () => {
    const login: FlowView = {
      id: 'f',
      kind: 'login',
      state: 'choose_method',
      expiresAt: undefined,
      ui: {
        action: '',
        method: 'POST',
        nodes: [
          input('identifier', 'text', { label: uiText(1070004, 'ID') }),
          input('password', 'password'),
          input('method', 'submit', {
            value: 'password',
            group: 'password',
            label: uiText(1010022, 'Sign in'),
          }),
          input('passkey_login_trigger', 'button', {
            group: 'passkey',
            label: uiText(1010021, 'Sign in with passkey'),
          }),
        ],
      },
    };
    const screen = screenOf(login);
    const passkey = action(login, /Sign in with passkey/);
    expect(screen.actions[screen.preset ?? -1]).not.toBe(passkey);
    expect(questionsFor(login, passkey)).toEqual([]);
    expect(valuesFor(login, passkey, new Map())).toMatchObject({ passkey_login_trigger: '' });

    const settings: FlowView = {
      ...login,
      kind: 'settings',
      ui: {
        ...login.ui,
        nodes: [
          input('passkey_remove', 'submit', {
            group: 'passkey',
            value: 'abc',
            disabled: true,
            label: uiText(1050020, 'Remove passkey', { display_name: 'unnamed' }),
          }),
          input('passkey_register_trigger', 'button', {
            group: 'passkey',
            label: uiText(1050019, 'Add passkey'),
          }),
        ],
      },
    };
    const { actions, lines } = screenOf(settings);
    expect(actions.map((a) => a.label)).toEqual([expect.stringMatching(/Add passkey$/)]);
    expect(lines).toContainEqual({ kind: 'text', text: strings.flow.lastPasskey });
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FlowKind, FlowView } from '../../../shared/ipc-contract';
import { inputName, type UiNode } from '../../../shared/kratos-wire';
import { arrange, sectionStatus, signUpStepLine, stepBusyLabel } from '../../../shared/flow/arrangement';
import { submitLabel, type NodeSection } from '../../../shared/flow/nodes';
import { presentFlow } from '../../../shared/flow/presentation';
import { input, node, uiText } from '../../support/nodes';

/** A captured flow (test/fixtures/flows/) as main hands it to the screens. */
function fixture(name: string, kind: FlowKind): FlowView {
  const body = JSON.parse(readFileSync(new URL(`../../fixtures/flows/${name}`, import.meta.url), 'utf8')) as {
    id: string;
    state?: string;
    ui: FlowView['ui'];
  };
  return { id: body.id, kind, state: body.state, expiresAt: '2026-12-02T10:09:46Z', ui: body.ui } as FlowView;
}

const flowOf = (kind: FlowKind, nodes: UiNode[]): FlowView =>
  ({
    id: 'f',
    kind,
    expiresAt: '2026-12-02T10:09:46Z',
    ui: { action: '', method: 'POST', nodes },
  }) as FlowView;

const groups = (sections: readonly NodeSection[]) => sections.map((section) => section.group);
const names = (sections: readonly NodeSection[]) =>
  sections.flatMap((section) => section.nodes.map((one) => inputName(one) ?? one.type));

const provider = (id: string, labelId = 1010002) =>
  input('provider', 'submit', {
    group: 'oidc',
    value: id,
    label: uiText(labelId, `Sign in with ${id}`, { provider: id }),
  });

describe('arrange: sign-in in the order people know', () => {
  it('the provider buttons first, then the address and the password together', () => {
    // Kratos sends the identifier, the providers, then the password: Tab from the email hit a provider.
    const flow = flowOf('login', [
      input('csrf_token', 'hidden'),
      input('identifier', 'text', { required: true }),
      provider('github'),
      provider('google'),
      input('password', 'password', { group: 'password', required: true }),
      input('method', 'submit', { group: 'password', value: 'password' }),
    ]);
    const { providers, sections } = arrange(flow);
    expect(groups(providers)).toEqual(['oidc']);
    expect(groups(sections)).toEqual(['default', 'password']);
    expect(names(sections)).toEqual(['csrf_token', 'identifier', 'password', 'method']);
  });

  it('without providers there is nothing before the form', () => {
    const { providers, sections } = arrange(fixture('login-kratos-initial.json', 'login'));
    expect(providers).toEqual([]);
    expect(groups(sections)).toEqual(['default', 'password']);
  });
});

describe('arrange: a two-step sign-up', () => {
  it('step 1 says so, and its button only continues', () => {
    const flow = fixture('registration-kratos-initial.json', 'registration');
    const { signUpStep, intro } = arrange(flow);
    expect(signUpStep).toEqual({ step: 1 });
    expect(signUpStepLine(signUpStep!)).toBe('Step 1 of 2');
    expect(intro).toBeUndefined();
    const button = flow.ui.nodes.find((one) => inputName(one) === 'method')!;
    expect(submitLabel(button)).toBe('Continue');
    expect(stepBusyLabel(button)).toBe('Checking your details…');
  });

  it('step 2: the address with "Change" (Kratos\'s Back), the password first, the app\'s own sentence', () => {
    const flow = fixture('registration-kratos-credentials.json', 'registration');
    const { providers, sections, signUpStep, intro } = arrange(flow);
    expect(signUpStep?.step).toBe(2);
    expect(signUpStepLine(signUpStep!)).toBe('Step 2 of 2 · ada@example.com');
    const change = signUpStep?.step === 2 ? signUpStep.change : undefined;
    expect(change && inputName(change)).toBe('screen');
    expect(submitLabel(change!)).toBe('Change');
    expect(stepBusyLabel(change!)).toBe('One moment…');
    // "Change" is in the step line, not in a section at the bottom.
    expect(providers).toEqual([]);
    expect(names(sections)).toEqual(['password', 'method']);
    expect(intro).toBe('Last step: choose a password for your account.');
    // Kratos's "Please choose a credential…" is said by that sentence.
    expect(presentFlow(flow).ui.messages?.map((message) => message.id)).toEqual([]);
  });

  it('step 2 offers no social sign-up again, and names the choice when there is more than a password', () => {
    const flow = flowOf('registration', [
      input('traits.name', 'hidden', { value: 'Ada' }),
      input('traits.email', 'hidden', { value: 'ada@example.com' }),
      input('password', 'password', { group: 'password', required: true }),
      input('method', 'submit', { group: 'password', value: 'password' }),
      provider('github', 1040002),
      input('passkey_register_trigger', 'button', { group: 'passkey' }),
      input('screen', 'submit', { group: 'profile', value: 'previous', label: uiText(1040008, 'Back') }),
    ]);
    const { providers, sections, signUpStep, intro } = arrange(flow);
    expect(providers).toEqual([]);
    expect(groups(sections)).toEqual(['password', 'passkey']);
    // The address, not the first trait.
    expect(signUpStepLine(signUpStep!)).toBe('Step 2 of 2 · ada@example.com');
    expect(intro).toBe('Last step: choose how you will sign in to your account.');
  });

  it('a one-step form is no step at all', () => {
    const flow = flowOf('registration', [
      input('traits.email', 'email'),
      input('password', 'password', { group: 'password' }),
      input('method', 'submit', { group: 'password', value: 'password', label: uiText(1040001, 'Sign up') }),
    ]);
    expect(arrange(flow).signUpStep).toBeUndefined();
    expect(submitLabel(flow.ui.nodes[2]!)).toBeUndefined();
  });
});

describe('arrange: settings keep one order', () => {
  const profile = input('method', 'submit', { group: 'profile', value: 'profile' });
  const password = input('method', 'submit', { group: 'password', value: 'password' });
  const totp = input('totp_unlink', 'submit', { group: 'totp', value: true });
  const codes = input('lookup_secret_reveal', 'submit', { group: 'lookup_secret', value: true });

  it('whatever order Kratos sends the groups in (it moves them after backup codes are generated)', () => {
    const before = arrange(flowOf('settings', [profile, password, totp, codes]));
    const after = arrange(flowOf('settings', [codes, profile, totp, password]));
    expect(groups(before.sections)).toEqual(['profile', 'password', 'totp', 'lookup_secret']);
    expect(groups(after.sections)).toEqual(groups(before.sections));
  });

  it('unknown groups follow, in the order they came', () => {
    const odd = (group: string) =>
      input('method', 'submit', { group: group as UiNode['group'], value: group });
    const { sections } = arrange(flowOf('settings', [odd('zeta'), totp, odd('alpha'), profile]));
    expect(groups(sections)).toEqual(['profile', 'totp', 'zeta', 'alpha']);
  });
});

describe('sectionStatus: where each settings section stands', () => {
  const section = (group: string, nodes: UiNode[]): NodeSection => ({ group, nodes });

  it('the authenticator app: on when it can be unlinked, off while its QR code is offered', () => {
    expect(sectionStatus(section('totp', [input('totp_unlink', 'submit', { group: 'totp' })]))).toBe(
      'On: signing in asks for a code from your authenticator app.',
    );
    expect(sectionStatus(section('totp', [input('totp_code', 'text', { group: 'totp' })]))).toBe(
      'Off: scan the QR code with an authenticator app to turn it on.',
    );
  });

  it('backup codes: off, waiting to be saved, on, and how many are left when shown', () => {
    const group = 'lookup_secret';
    const button = (name: string) => input(name, 'submit', { group, value: true });
    expect(sectionStatus(section(group, [button('lookup_secret_regenerate')]))).toBe(
      'Off: you have no backup recovery codes.',
    );
    expect(sectionStatus(section(group, [button('lookup_secret_confirm')]))).toBe(
      'Not on yet: save these codes to turn them on.',
    );
    expect(sectionStatus(section(group, [button('lookup_secret_reveal')]))).toBe(
      'On: you have backup recovery codes.',
    );
    const list = node(
      'text',
      {
        id: 'lookup_secret_codes',
        text: {
          id: 1050015,
          text: '',
          type: 'info',
          context: {
            secrets: [
              uiText(1050009, 'aaaa', { secret: 'aaaa' }),
              uiText(1050014, 'Used', { used_at: '2026-01-01T00:00:00Z' }),
              uiText(1050009, 'cccc', { secret: 'cccc' }),
            ],
          },
        },
      },
      group,
    );
    expect(sectionStatus(section(group, [list, button('lookup_secret_disable')]))).toBe(
      'On: 2 of 3 codes left.',
    );
  });

  it('passkeys and security keys counted; linked providers named', () => {
    const remove = (name: string, group: string) =>
      input(name, 'submit', { group: group as UiNode['group'], value: 'id' });
    expect(sectionStatus(section('passkey', []))).toBe('No passkeys yet.');
    expect(
      sectionStatus(
        section('passkey', [remove('passkey_remove', 'passkey'), remove('passkey_remove', 'passkey')]),
      ),
    ).toBe('2 passkeys.');
    expect(sectionStatus(section('webauthn', [remove('webauthn_remove', 'webauthn')]))).toBe(
      '1 security key.',
    );
    const unlink = (id: string) =>
      input('unlink', 'submit', { group: 'oidc', value: id, label: uiText(1050003, '', { provider: id }) });
    const link = input('link', 'submit', { group: 'oidc', value: 'google' });
    // Kratos draws no Unlink for the account's only way to sign in (v26.2.0, measured), so a section without
    // one does not say "none linked": it names what is surely not linked.
    expect(sectionStatus(section('oidc', [link]))).toBe('Not linked: google.');
    expect(sectionStatus(section('oidc', []))).toBe('No linked accounts.');
    expect(sectionStatus(section('oidc', [unlink('GitHub'), unlink('GitLab'), link]))).toBe(
      'Linked: GitHub and GitLab. Not linked: google.',
    );
    expect(sectionStatus(section('oidc', [unlink('GitHub')]))).toBe('Linked: GitHub.');
  });

  it('says nothing where the flow does not tell (profile, password)', () => {
    expect(sectionStatus(section('password', [input('password', 'password', { group: 'password' })]))).toBe(
      undefined,
    );
  });
});

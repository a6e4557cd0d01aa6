import { describe, expect, it } from 'vitest';
import {
  classifyNode,
  confirmationFor,
  groupTitle,
  isDataImage,
  isWebUrl,
  primarySubmit,
  sectionsOf,
} from '../../../shared/flow/nodes';
import { input, node, uiText } from '../../support/nodes';

describe('classifyNode', () => {
  it('maps input types to controls', () => {
    expect(classifyNode(input('csrf_token', 'hidden'))).toEqual({ kind: 'hidden', name: 'csrf_token' });
    expect(classifyNode(input('method', 'submit', { value: 'password' }))).toEqual({
      kind: 'submit',
      name: 'method',
      value: 'password',
      primary: true,
      required: false,
      disabled: false,
    });
    expect(classifyNode(input('traits.tos', 'checkbox'))).toEqual({
      kind: 'checkbox',
      name: 'traits.tos',
      checked: false,
      required: false,
      disabled: false,
    });
    for (const type of ['text', 'email', 'password', 'number', 'tel', 'url', 'date', 'datetime-local']) {
      expect(classifyNode(input('x', type))).toMatchObject({ kind: 'field', inputType: type });
    }
  });

  it('asks for an acknowledgement before saving backup codes, which are then hidden', () => {
    expect(classifyNode(input('lookup_secret_confirm', 'submit', { value: 'true' }))).toEqual({
      kind: 'submit',
      name: 'lookup_secret_confirm',
      value: 'true',
      primary: true,
      required: false,
      disabled: false,
      acknowledge: 'I have saved these backup codes somewhere safe. Each code works once.',
    });
    expect(classifyNode(input('lookup_secret_regenerate', 'submit', { value: 'true' }))).not.toHaveProperty(
      'acknowledge',
    );
  });

  it('renders unknown input types as text and schema enums as options', () => {
    expect(classifyNode(input('x', 'color'))).toMatchObject({ kind: 'field', inputType: 'text' });
    expect(
      classifyNode(input('plan', 'text', { options: [{ value: 'free' }, { value: 'pro' }] })),
    ).toMatchObject({
      options: ['free', 'pro'],
    });
  });

  it("makes Kratos's passkey buttons pressable: the ceremony runs in the browser (passkey-ceremony.ts)", () => {
    for (const name of ['passkey_login_trigger', 'passkey_register_trigger']) {
      expect(classifyNode(input(name, 'button', { group: 'passkey' }))).toMatchObject({
        kind: 'submit',
        name,
        value: '',
        primary: false,
      });
    }
    // The same name outside group passkey is not one of them.
    expect(classifyNode(input('passkey_login_trigger', 'button'))).toMatchObject({
      kind: 'browser-only-button',
    });
  });

  it('marks script-driven buttons (WebAuthn) as browser-only', () => {
    expect(classifyNode(input('webauthn_register_trigger', 'button'))).toEqual({
      kind: 'browser-only-button',
      name: 'webauthn_register_trigger',
      required: false,
      disabled: false,
    });
  });

  it('carries what the components show and obey, read once from the unchecked attributes', () => {
    const label = uiText(1070001, 'Password');
    expect(
      classifyNode(
        input('password', 'password', {
          required: true,
          autocomplete: 'new-password',
          maxlength: 72,
          value: 12,
          label,
          pattern: '[a-z]+',
          disabled: true,
        }),
      ),
    ).toEqual({
      kind: 'field',
      name: 'password',
      inputType: 'password',
      options: undefined,
      label,
      required: true,
      disabled: true,
      value: '12',
      autocomplete: 'new-password',
      maxLength: 72,
      pattern: '[a-z]+',
    });
    // Wrongly typed attributes from the network are dropped, never passed on to the DOM.
    expect(
      classifyNode(
        node('input', {
          name: 'x',
          type: 'text',
          required: 'yes',
          maxlength: '9',
          autocomplete: 5,
          value: {},
        }),
      ),
    ).toMatchObject({ required: false, maxLength: undefined, autocomplete: undefined, value: '' });
    expect(classifyNode(input('traits.tos', 'checkbox', { value: 'true' }))).toMatchObject({ checked: true });
    // A group's own buttons other than its method are secondary.
    expect(classifyNode(input('totp_unlink', 'submit', { group: 'totp', value: true }))).toMatchObject({
      primary: false,
    });
    expect(classifyNode(input('method', 'submit', { group: 'totp', value: 'totp' }))).toMatchObject({
      primary: true,
    });
  });

  it('shows data: images and blocks every other image source', () => {
    const qr = 'data:image/png;base64,iVBORw0KGgo=';
    expect(classifyNode(node('img', { id: 'totp_qr', src: qr, width: 256, height: 256 }))).toEqual({
      kind: 'image',
      id: 'totp_qr',
      src: qr,
      width: 256,
      height: 256,
    });
    for (const src of ['image.jpg', 'https://example.com/a.png', 'data:image/svg+xml;base64,PHN2Zz4=', '']) {
      expect(classifyNode(node('img', { id: 'i', src })).kind).toBe('blocked-image');
    }
  });

  it('opens only http(s) links', () => {
    expect(classifyNode(node('a', { id: 'a', href: 'https://example.com', title: null }))).toEqual({
      kind: 'link',
      id: 'a',
      href: 'https://example.com',
      title: undefined,
    });
    for (const href of ['javascript:alert(1)', 'file:///etc/passwd', 'not a url']) {
      expect(classifyNode(node('a', { id: 'a', href })).kind).toBe('blocked-link');
    }
  });

  it('never runs scripts; an unknown node type is said to be unsupported', () => {
    expect(classifyNode(node('script', { id: 's', src: 'https://x/s.js' }))).toMatchObject({
      kind: 'unsupported',
    });
    expect(classifyNode(node('iframe', { id: 'f' }))).toMatchObject({ kind: 'unsupported' });
  });

  it("settings' Link <provider> is never a submit: it carries how to link instead; Unlink asks first, by name", () => {
    const label = (id: number, verb: string) => uiText(id, `${verb} GitHub`, { provider: 'GitHub' });
    const link = input('link', 'submit', { group: 'oidc', value: 'github', label: label(1050002, 'Link') });
    expect(classifyNode(link)).toEqual({
      kind: 'provider-link',
      name: 'link',
      value: 'github',
      provider: 'GitHub',
      label: label(1050002, 'Link'),
      required: false,
      disabled: false,
      guidance:
        "To link GitHub, sign out, then choose “Sign in with GitHub” and use the same email address there. The server then asks for this account's password once and links GitHub to it.",
    });
    const unlink = input('unlink', 'submit', {
      group: 'oidc',
      value: 'github',
      label: label(1050003, 'Unlink'),
    });
    expect(classifyNode(unlink).kind).toBe('submit');
    expect(confirmationFor(unlink, [unlink])?.confirm).toBe('Unlink GitHub');
    // Without Kratos's label context, the provider's id.
    expect(confirmationFor(input('unlink', 'submit', { group: 'oidc', value: 'github' }), [])?.title).toBe(
      'Unlink github?',
    );
  });

  it('draws a div (Kratos ≥ v26) as an empty part, never a failure; a captcha one says it needs a browser', () => {
    const div = node('div', { id: 'widget', class: 'x', data: { sitekey: 'k' } });
    expect(classifyNode(div)).toEqual({ kind: 'division', id: 'widget', note: undefined });
    expect(classifyNode({ ...div, group: 'captcha' })).toEqual({
      kind: 'division',
      id: 'widget',
      note: 'This part of the form (for example a captcha) only works in a web browser.',
    });
  });

  it('recognises the TOTP secret and lookup codes in text nodes', () => {
    const secret = node('text', { id: 'totp_secret_key', text: uiText(1050006, 'ABC', { secret: 'ABC' }) });
    expect(classifyNode(secret)).toEqual({ kind: 'secret', id: 'totp_secret_key', secret: 'ABC' });

    const used = uiText(1050014, 'Secret was used at ...', { used_at: '2021-08-17T11:32:45Z' });
    const codes = node('text', {
      id: 'lookup_secret_codes',
      text: uiText(1050015, 'a, used', { secrets: [uiText(1050009, 'a', { secret: 'a' }), used] }),
    });
    expect(classifyNode(codes)).toEqual({
      kind: 'secret-list',
      id: 'lookup_secret_codes',
      secrets: [
        { kind: 'unused', code: 'a' },
        { kind: 'used', text: used },
      ],
    });
  });

  it('keeps a text node with a null text (Kratos marshals it so) as empty text', () => {
    expect(classifyNode(node('text', { id: '', text: null }))).toEqual({
      kind: 'text',
      id: '',
      text: undefined,
    });
  });
});

describe('isDataImage / isWebUrl', () => {
  it('accepts only raster data URIs and http(s) URLs', () => {
    expect(isDataImage('data:image/png;base64,AAAA')).toBe(true);
    expect(isDataImage('data:text/html;base64,AAAA')).toBe(false);
    expect(isWebUrl('http://127.0.0.1:4433/x')).toBe(true);
    expect(isWebUrl('mailto:a@b')).toBe(false);
  });
});

describe('sectionsOf', () => {
  const nodes = [
    input('csrf_token', 'hidden'),
    input('identifier', 'text'),
    input('provider', 'submit', { group: 'oidc', value: 'google' }),
    input('password', 'password', { group: 'password' }),
    input('method', 'submit', { group: 'password', value: 'password' }),
  ];

  it('groups nodes in order of first appearance, default first', () => {
    expect(sectionsOf(nodes).map((section) => [section.group, section.nodes.length])).toEqual([
      ['default', 2],
      ['oidc', 1],
      ['password', 2],
    ]);
  });

  it('drops sections that would show nothing (only hidden inputs)', () => {
    expect(
      sectionsOf([input('csrf_token', 'hidden'), input('method', 'submit', { group: 'totp' })]).map(
        (section) => section.group,
      ),
    ).toEqual(['totp']);
  });
});

describe('primarySubmit', () => {
  const nodes = [
    input('identifier', 'text'),
    input('provider', 'submit', { group: 'oidc', value: 'google' }),
    input('password', 'password', { group: 'password' }),
    input('method', 'submit', { group: 'password', value: 'password' }),
    input('totp_code', 'text', { group: 'totp' }),
    input('method', 'submit', { group: 'totp', value: 'totp' }),
  ];

  it("is the first submit of the field's own group", () => {
    expect(primarySubmit(nodes, 'totp')).toBe(nodes[5]);
    expect(primarySubmit(nodes, 'password')).toBe(nodes[3]);
  });

  it('for default-group fields skips browser-redirect groups such as social sign-in', () => {
    expect(primarySubmit(nodes, 'default')).toBe(nodes[3]);
  });

  it('falls back to any submit when there is nothing else', () => {
    expect(primarySubmit([nodes[1]!], 'default')).toBe(nodes[1]);
    expect(primarySubmit([nodes[0]!], 'default')).toBeUndefined();
  });
});

describe('groupTitle', () => {
  it('names known groups, none for default, a readable name for unknown ones', () => {
    expect(groupTitle('default')).toBeUndefined();
    expect(groupTitle('lookup_secret')).toBe('Backup recovery codes');
    expect(groupTitle('some_new_group')).toBe('some new group');
  });
});

/**
 * The ceremony's pure pieces: what a flow asks the browser for, the page's address, and reading the page's
 * answer — which is hostile input (any web page can open a kratos-desktop:// link).
 */
import { describe, expect, it } from 'vitest';
import { passkeyPageAddress, passkeyRequestOf, passkeySubmitBody } from '../../../main/flows/passkey-request';
import type { UiNode } from '../../../shared/kratos-wire';

const hidden = (name: string, value: string): UiNode => ({
  type: 'input',
  group: 'passkey',
  attributes: { name, type: 'hidden', value, disabled: false, node_type: 'input' },
  messages: [],
  meta: {},
});
const b64 = (text: string) => Buffer.from(text).toString('base64url');
const createOptions = {
  rp: { name: 'Kratos Desktop', id: 'localhost' },
  user: { name: 'Kratos Desktop', displayName: 'Kratos Desktop', id: b64('handle') },
  challenge: 'Y2hhbGxlbmdl',
};

describe('passkeyRequestOf', () => {
  it('reads the login challenge', () => {
    const nodes = [
      hidden('passkey_challenge', JSON.stringify({ publicKey: { challenge: 'abc', rpId: 'localhost' } })),
    ];
    expect(passkeyRequestOf('login', nodes)).toEqual({
      op: 'get',
      publicKey: { challenge: 'abc', rpId: 'localhost' },
      challenge: 'abc',
    });
  });

  it("names a sign-up's passkey after the trait Kratos names, keeping the server's user id", () => {
    const data = { credentialOptions: { publicKey: createOptions }, displayNameFieldName: 'traits.email' };
    const request = passkeyRequestOf('registration', [hidden('passkey_create_data', JSON.stringify(data))], {
      email: 'ada@example.org',
    });
    expect(request?.publicKey['user']).toEqual({
      name: 'ada@example.org',
      displayName: 'ada@example.org',
      id: b64('handle'),
    });
  });

  it('takes settings options as they are (Kratos names the identity there)', () => {
    const options = { ...createOptions, user: { ...createOptions.user, name: 'ada@example.org' } };
    const request = passkeyRequestOf('settings', [
      hidden('passkey_create_data', JSON.stringify({ publicKey: options })),
    ]);
    expect(request).toMatchObject({ op: 'create', challenge: 'Y2hhbGxlbmdl' });
  });

  it('finds nothing in a flow without passkey nodes, or with unreadable ones', () => {
    expect(passkeyRequestOf('login', [])).toBeUndefined();
    expect(passkeyRequestOf('login', [hidden('passkey_challenge', '{not json')])).toBeUndefined();
    expect(
      passkeyRequestOf('settings', [hidden('passkey_create_data', '{"publicKey":{"challenge":1}}')]),
    ).toBeUndefined();
  });

  it('never reads a trait from the prototype', () => {
    const data = { credentialOptions: { publicKey: createOptions }, displayNameFieldName: 'traits.toString' };
    const request = passkeyRequestOf(
      'registration',
      [hidden('passkey_create_data', JSON.stringify(data))],
      {},
    );
    expect(request?.publicKey['user']).toMatchObject({ name: 'Kratos Desktop' });
  });
});

describe('passkeyPageAddress', () => {
  it('puts the request in the fragment only', () => {
    const address = new URL(
      passkeyPageAddress(
        'https://id.example.com/passkey?x=1',
        { op: 'get', publicKey: { challenge: 'c' }, challenge: 'c' },
        'kratos-desktop://auth/passkey',
      ),
    );
    expect(address.origin + address.pathname + address.search).toBe('https://id.example.com/passkey?x=1');
    expect(JSON.parse(Buffer.from(address.hash.slice(1), 'base64url').toString())).toEqual({
      op: 'get',
      publicKey: { challenge: 'c' },
      returnTo: 'kratos-desktop://auth/passkey',
    });
  });
});

describe('passkeySubmitBody', () => {
  it('sends the credential as a JSON string in the field of each flow', () => {
    expect(passkeySubmitBody('login', '{}')).toEqual({ method: 'passkey', passkey_login: '{}' });
    expect(passkeySubmitBody('registration', '{}', { email: 'a@b.c' })).toEqual({
      method: 'passkey',
      traits: { email: 'a@b.c' },
      passkey_register: '{}',
    });
    expect(passkeySubmitBody('settings', '{}')).toEqual({
      method: 'passkey',
      passkey_settings_register: '{}',
    });
  });
});

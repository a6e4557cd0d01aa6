import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { knownMessageIds, messageText } from '../../../shared/flow/messages';
import { kratosMessages } from '../../../shared/kratos-messages';
import { formatLocalTime } from '../../../shared/strings/time';
import { uiText } from '../../support/nodes';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('messageText', () => {
  it('has a sentence for every id of the login, registration, settings, recovery, label, verification and error ranges', () => {
    const required = [
      ...range(1010001, 1010016),
      ...range(1040001, 1040009),
      ...range(1050001, 1050020),
      ...range(1060001, 1060007),
      ...range(1070001, 1070017),
      ...range(1080001, 1080003),
      ...range(4000001, 4000037),
      ...range(4010001, 4010010),
      ...range(4040001, 4040003),
      4050001,
      ...range(4060001, 4060007),
      ...range(4070001, 4070006),
      5000001,
    ];
    expect(required.filter((id) => !knownMessageIds.includes(id))).toEqual([]);
  });

  it('knows every message id used by the flow fixtures', () => {
    const ids = new Set<number>();
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (typeof value === 'object' && value !== null) {
        const record = value as Record<string, unknown>;
        if (typeof record['id'] === 'number' && 'type' in record && 'text' in record) ids.add(record['id']);
        Object.values(record).forEach(collect);
      }
    };
    const folder = new URL('../../fixtures/flows/', import.meta.url);
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.json'))) {
      collect(JSON.parse(readFileSync(new URL(file, folder), 'utf8')));
    }
    // 4999998/4999999 are the synthetic fixture's deliberately unknown ids.
    const unknown = [...ids].filter((id) => !knownMessageIds.includes(id) && id < 4999998);
    expect(unknown).toEqual([]);
  });

  it('has a sentence for exactly the ids of the one table of Kratos messages (shared/kratos-messages.ts)', () => {
    // The compiler holds the catalogue to the table; this says so at run time, for the built catalogue.
    const ids = Object.values(kratosMessages).map((entry) => entry.id);
    expect([...knownMessageIds].sort()).toEqual(ids.sort());
  });

  it("replaces Kratos's developer wording with human text", () => {
    expect(messageText(uiText(4000002, 'Property email is missing.', { property: 'email' }))).toBe(
      'Please enter the email.',
    );
    expect(messageText(uiText(4000002, 'Property x is missing.', { property: 'traits.first_name' }))).toBe(
      'Please enter the first name.',
    );
    expect(messageText(uiText(1070004, 'ID'))).toBe('Email or username');
  });

  it('fills placeholders from the context', () => {
    expect(messageText(uiText(4000032, 'The password must be…', { min_length: 8, actual_length: 4 }))).toBe(
      'The password must be at least 8 characters long, but got 4.',
    );
    expect(messageText(uiText(1010023, 'Send code to a@b', { address: 'a@b', channel: 'email' }))).toBe(
      'Send code to a@b',
    );
    expect(messageText(uiText(1070002, 'Nickname', { name: 'traits.nick', title: 'Nickname' }))).toBe(
      'Nickname',
    );
    expect(
      messageText(uiText(4000001, 'x', { reason: 'Can not reveal lookup codes because you have none.' })),
    ).toBe('Can not reveal lookup codes because you have none.');
  });

  it("says in words the provider errors that reach a person as Kratos's developer English (4000001)", () => {
    const denied = (description: string) =>
      `Unable to complete OpenID Connect flow because the OpenID Provider returned error "access_denied": ${description}`;
    // The emulator's Example IdP and oidc-provider (real Kratos's tests) describe the refusal differently.
    for (const description of [
      'The resource owner or authorization server denied the request.',
      'End-User aborted interaction',
    ]) {
      expect(messageText(uiText(4000001, denied(description), { reason: denied(description) }))).toBe(
        'The sign-in at the provider was declined, so you are not signed in. To try again, choose the provider once more, or sign in another way.',
      );
    }
    const lastFactor =
      'can not unlink OpenID Connect connection because it is the last remaining first factor credential';
    expect(messageText(uiText(4000001, lastFactor, { reason: lastFactor }))).toBe(
      'This provider is the only way to sign in to your account, so it cannot be removed. Add a password or another provider first.',
    );
    // Kratos v26.2.0 (and the emulator) refusing to remove the last passkey when the removal is forced.
    const lastKey = 'unable to remove this security key because it would lock you out of your account';
    expect(messageText(uiText(4000001, lastKey, { reason: lastKey }))).toBe(
      'This is the only way to sign in to your account, so it cannot be removed. Add another way to sign in first.',
    );
    const other =
      'Unable to complete OpenID Connect flow because the OpenID Provider returned error "server_error": x';
    expect(messageText(uiText(4000001, other, { reason: other }))).toBe(other);
  });

  it("names a passkey's remove button with its name and the day it was added (1050020)", () => {
    const addedAt = '2026-12-07T19:50:00Z';
    expect(messageText(uiText(1050020, 'kratos text', { display_name: 'unnamed', added_at: addedAt }))).toBe(
      `Remove passkey "unnamed", added ${formatLocalTime(addedAt)}`,
    );
    expect(messageText(uiText(1050020, 'kratos text', { display_name: 'YubiKey 5' }))).toBe(
      'Remove passkey "YubiKey 5"',
    );
  });

  it('uses the account-linking context (both spellings Kratos sends)', () => {
    const context = { duplicateIdentifier: 'ada@example.com', provider: 'generic' };
    expect(messageText(uiText(1010016, 'kratos text', context))).toContain('"ada@example.com"');
    expect(
      messageText(
        uiText(1010016, 'kratos text', { duplicate_identifier: 'ada@example.com', provider: 'generic' }),
      ),
    ).toContain('at "generic"');
  });

  it("falls back to Kratos's text when the context lacks what the sentence needs", () => {
    expect(messageText(uiText(4000032, 'The password must be at least 8 characters long, but got 4.'))).toBe(
      'The password must be at least 8 characters long, but got 4.',
    );
    expect(messageText(uiText(1010016, 'Kratos says so.', { provider: 'generic' }))).toBe('Kratos says so.');
    expect(messageText(uiText(4000026, 'expected string, but got number', {}))).toBe(
      'expected string, but got number',
    );
  });

  it("falls back to Kratos's text for ids it does not know", () => {
    expect(messageText(uiText(1234567, 'Something new from Kratos.'))).toBe('Something new from Kratos.');
  });

  it('says how long ago a flow expired, in whole minutes', () => {
    const now = Date.parse('2026-07-29T12:00:00Z');
    const message = uiText(4010001, 'The login flow expired 5.02 minutes ago, please try again.', {
      expired_at: '2026-07-29T11:55:00Z',
    });
    expect(messageText(message, now)).toBe('The sign-in form expired 5 minutes ago. Please try again.');
    expect(messageText({ ...message, id: 4060005 }, now)).toBe(
      'The recovery form expired 5 minutes ago. Please try again.',
    );
    expect(messageText({ ...message, context: { expired_at: '2026-07-29T11:59:00Z' } }, now)).toContain(
      'expired 1 minute ago',
    );
  });

  it('lists lookup codes and how long a recovered session stays privileged', () => {
    const codes = uiText(1050015, 'a, used', {
      secrets: [
        uiText(1050009, 'a', { secret: 'a' }),
        uiText(1050014, 'Secret was used at 2021-08-17 11:32:45 +0000 UTC', {
          used_at: '2021-08-17T11:32:45Z',
        }),
      ],
    });
    // In the system's locale and time zone (Intl), like every date the window shows.
    expect(messageText(codes)).toBe(`a, Used on ${formatLocalTime('2021-08-17T11:32:45Z')}`);

    const now = Date.parse('2026-07-29T12:00:00Z');
    const recovered = uiText(1060001, 'You successfully recovered…', {
      privileged_session_expires_at: '2026-07-29T12:15:00Z',
    });
    expect(messageText(recovered, now)).toContain('within the next 15 minutes');
  });
});

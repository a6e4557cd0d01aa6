import type { UiNode, UiNodeGroup, UiText } from '../../../shared/kratos-wire';
import { describe, expect, it } from 'vitest';
import { confirmationFor, submitLabel } from '../../../shared/flow/nodes';
import { keptAfterAnswer } from '../../../shared/flow/values';
import { input, uiText } from '../../support/nodes';

const save = (group: UiNodeGroup) =>
  input('method', 'submit', { group, value: group, label: uiText(1070003, 'Save') });
const button = (name: string, group: UiNodeGroup, value: unknown = true) =>
  input(name, 'submit', { group, value });

describe('submitLabel: settings buttons named for what they save', () => {
  it('replaces Kratos\'s generic "Save" per section', () => {
    expect(submitLabel(save('profile'))).toBe('Save profile');
    expect(submitLabel(save('password'))).toBe('Change password');
    expect(submitLabel(save('totp'))).toBe('Turn on authenticator app');
  });

  it('keeps every other label', () => {
    expect(submitLabel(save('webauthn'))).toBeUndefined();
    expect(
      submitLabel(
        input('method', 'submit', { group: 'password', label: uiText(1010022, 'Sign in with password') }),
      ),
    ).toBeUndefined();
  });
});

describe('confirmationFor: destructive buttons ask first', () => {
  it('asks before unlinking the authenticator app and before turning backup codes off', () => {
    expect(confirmationFor(button('totp_unlink', 'totp'), [])).toMatchObject({
      title: 'Unlink the authenticator app?',
      confirm: 'Unlink authenticator app',
    });
    expect(confirmationFor(button('lookup_secret_disable', 'lookup_secret'), [])).toMatchObject({
      confirm: 'Turn off backup codes',
    });
  });

  it('asks before replacing backup codes only when codes exist, saying the old ones stop working', () => {
    const regenerate = button('lookup_secret_regenerate', 'lookup_secret');
    expect(confirmationFor(regenerate, [regenerate])).toBeUndefined();
    const reveal = button('lookup_secret_reveal', 'lookup_secret');
    expect(confirmationFor(regenerate, [reveal, regenerate])).toMatchObject({
      title: 'Replace your backup codes?',
      body: expect.stringContaining('your old codes stop working'),
    });
  });

  it('names the provider when unlinking a social sign-in, and leaves saving alone', () => {
    expect(confirmationFor(button('unlink', 'oidc', 'github'), [])).toMatchObject({
      confirm: 'Unlink github',
    });
    expect(confirmationFor(save('profile'), [])).toBeUndefined();
    expect(confirmationFor(button('lookup_secret_confirm', 'lookup_secret'), [])).toBeUndefined();
  });
});

describe('keptAfterAnswer: a typed password survives a refusal about something else', () => {
  const withError = (node: UiNode, id: number): UiNode => ({
    ...node,
    messages: [{ id, text: 'x', type: 'error' } as UiText],
  });
  const email = input('traits.email', 'email', { group: 'password' });
  const passwordField = input('password', 'password', { group: 'password' });
  const typed = new Map([
    ['password', 'correct-Horse-battery-9'],
    ['traits.email', 'ada@example.com'],
  ]);

  it('keeps the password when the error is on another field, and nothing else', () => {
    expect(keptAfterAnswer(typed, [withError(email, 4000007), passwordField], [])).toEqual(
      new Map([['password', 'correct-Horse-battery-9']]),
    );
  });

  it('drops it when the password itself was refused, or the credentials were wrong', () => {
    expect(keptAfterAnswer(typed, [email, withError(passwordField, 4000005)], [])).toEqual(new Map());
    const wrong = { id: 4000006, text: 'x', type: 'error' } as UiText;
    expect(keptAfterAnswer(typed, [email, passwordField], [wrong])).toEqual(new Map());
  });

  it('drops it after a success', () => {
    const saved = { id: 1050001, text: 'saved', type: 'success' } as UiText;
    expect(keptAfterAnswer(typed, [email, passwordField], [saved])).toEqual(new Map());
  });
});

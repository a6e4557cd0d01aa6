/**
 * The emulator's messages come from the one table (shared/kratos-messages.ts): each builder gives its row's id
 * and type and its English with the values filled in as Kratos's Go fmt does.
 */
import { describe, expect, it } from 'vitest';
import { text } from '../../emulator/messages';
import { kratosMessages, type MessageName } from '../../shared/kratos-messages';
import { checkKratosMessages } from '../support/kratos-messages';

const now = new Date('2026-07-29T12:00:00Z');
const earlier = new Date('2026-07-29T11:54:58.800Z');

/** Values for the builders whose English takes some; the others take none. */
const values: Partial<Record<MessageName, unknown[]>> = {
  signInWith: ['Example IdP', 'example'],
  signUpWith: ['Example IdP', 'example'],
  sendCodeTo: ['ada@example.com'],
  loginLinkMessage: ['ada@example.com', 'Example IdP'],
  totpSecret: ['JBSWY3DPEHPK3PXP'],
  lookupSecret: ['abcd1234'],
  lookupSecretUsed: [earlier],
  lookupSecretList: [['abcd1234', 'used'], []],
  recoverySuccessful: [new Date('2026-07-29T13:00:00Z'), now],
  labelGenerated: ['traits.email', 'E-Mail'],
  validationGeneric: ['a reason'],
  validationRequired: ['email'],
  validationMinLength: [8, 3],
  passwordMinLength: [8, 3],
  loginFlowExpired: [earlier, now],
  registrationFlowExpired: [earlier, now],
  settingsFlowExpired: [earlier, now],
  recoveryFlowExpired: [earlier, now],
  verificationFlowExpired: [earlier, now],
};

describe('the emulator messages', () => {
  it('build every row of the table whose English takes no values, and only names of the table', () => {
    const plain = Object.entries(kratosMessages)
      .filter(([, entry]) => 'kratos' in entry && !entry.kratos.includes('{'))
      .map(([name]) => name);
    expect(plain.filter((name) => !(name in text))).toEqual([]);
    expect(Object.keys(text).filter((name) => !(name in kratosMessages))).toEqual([]);
  });

  it("give each message its row's id, type and Kratos's English", () => {
    for (const name of Object.keys(text) as Array<keyof typeof text & MessageName>) {
      const build = text[name] as (...args: unknown[]) => { id: number; type: string; text: string };
      const message = build(...(values[name] ?? []));
      expect({ name, id: message.id, type: message.type }).toEqual({
        name,
        id: kratosMessages[name].id,
        type: kratosMessages[name].type,
      });
      expect(message.text, name).not.toMatch(/\{\w+\}/);
      expect(checkKratosMessages(message, 'refuse').problems, name).toEqual([]);
    }
  });

  it("fill values as Go's fmt prints them", () => {
    expect(text.loginFlowExpired(earlier, now).text).toBe(
      'The login flow expired 5.02 minutes ago, please try again.',
    );
    expect(text.lookupSecretUsed(earlier).text).toBe('Secret was used at 2026-07-29 11:54:58 +0000 UTC');
    expect(text.lookupSecretList(['abcd1234', 'used'], []).text).toBe('abcd1234, used');
    expect(text.recoverySuccessful(new Date('2026-07-29T13:00:00Z'), now)).toEqual({
      id: 1060001,
      type: 'success',
      text: 'You successfully recovered your account. Please change your password or set up an alternative login method (e.g. social sign in) within the next 60.00 minutes.',
      context: {
        privilegedSessionExpiresAt: '2026-07-29T13:00:00.000Z',
        privileged_session_expires_at: '2026-07-29T13:00:00.000Z',
        privileged_session_expires_at_unix: 1785330000,
      },
    });
  });
});

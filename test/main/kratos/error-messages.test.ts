/** Kratos's error answers in the person's words (main/kratos/error-messages.ts). */
import { describe, expect, it } from 'vitest';
import { describeKratosError } from '../../../main/kratos/error-messages';
import { selectLanguage } from '../../../main/strings';

const disabled = 'This account is disabled. Ask the administrator of this server to turn it back on.';

describe('describeKratosError', () => {
  it("a disabled account: newer Kratos's 400 identity_disabled and v26.2.0's 401 with only a reason say the same", () => {
    expect(describeKratosError({ id: 'identity_disabled', code: 400, message: 'identity is disabled' })).toBe(
      disabled,
    );
    // Measured on v26.2.0: a password sign-in of a disabled identity.
    expect(
      describeKratosError({
        code: 401,
        status: 'Unauthorized',
        reason: 'This account was disabled.',
        message: 'identity is disabled',
      }),
    ).toBe(disabled);
  });

  it('in German too', () => {
    try {
      selectLanguage('de-DE');
      expect(describeKratosError({ code: 401, reason: 'This account was disabled.', message: 'm' })).toBe(
        'Dieses Konto ist deaktiviert. Bitten Sie die Verwaltung dieses Servers, es wieder einzuschalten.',
      );
    } finally {
      selectLanguage(undefined);
    }
  });

  it("an id it does not know falls back to Kratos's reason, then its message; never a prototype's member", () => {
    expect(describeKratosError({ id: 'something_new', code: 400, reason: 'Why.', message: 'm' })).toBe(
      'Why.',
    );
    expect(describeKratosError({ id: 'constructor', code: 400, message: 'm' })).toBe('m');
    expect(describeKratosError({ code: 401, reason: 'constructor', message: 'm' })).toBe('constructor');
  });
});

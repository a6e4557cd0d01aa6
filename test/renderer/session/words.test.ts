import { describe, expect, it } from 'vitest';
import {
  aalWords,
  describeSession,
  describeUserAgent,
  methodName,
  traitLabel,
} from '../../../renderer/src/session/words';

describe('Kratos names in words', () => {
  it('says the assurance level and the sign-in methods in words', () => {
    expect(aalWords.aal1).toBe('One factor');
    expect(aalWords.aal2).toBe('Two factors');
    expect(methodName('lookup_secret')).toBe('Backup recovery code');
    expect(methodName('totp')).toBe('Authenticator app');
    expect(methodName('some_new_method')).toBe('some new method');
  });

  it('turns trait keys into labels', () => {
    expect(traitLabel('email')).toBe('Email');
    expect(traitLabel('first_name')).toBe('First name');
    expect(traitLabel('name first')).toBe('Name first');
    expect(traitLabel('phoneNumber')).toBe('Phone number');
  });

  it('tells sessions apart by app and address', () => {
    expect(describeUserAgent('kratos-desktop')).toBe('Kratos Desktop app');
    expect(describeUserAgent('kratos-desktop/0.1.0 (Linux; ada-laptop)')).toBe(
      'Kratos Desktop app on Linux (ada-laptop)',
    );
    expect(describeUserAgent('kratos-desktop-cli/0.1.0 (macOS; ada-mac)')).toBe(
      'Kratos Desktop terminal on macOS (ada-mac)',
    );
    expect(describeUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe(
      'Firefox on Linux',
    );
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0',
      ),
    ).toBe('Edge on Windows');
    expect(describeUserAgent(undefined)).toBeUndefined();
    expect(
      describeSession([{ id: 'd', userAgent: 'kratos-desktop', ipAddress: '10.0.0.7', location: undefined }]),
    ).toBe('Kratos Desktop app from 10.0.0.7');
    expect(describeSession([])).toBe('Unknown device');
  });
});

import { describe, expect, it } from 'vitest';
import { createMemoryLogger, redact } from '../../main/log';

describe('redact', () => {
  it.each([
    ['token ory_st_abcDEF123 expired', 'token ory_[redacted] expired'],
    ['{"session_token":"ory_st_x1"}', '{"session_token":"[redacted]"}'],
    ['password=hunter2&identifier=a@b.c', 'password=[redacted]&identifier=a@b.c'],
    ["{ password: 'hunter2' }", "{ password: '[redacted]' }"],
    ['api key ory_pat_QWERTY and ory_ht_abc', 'api key ory_[redacted] and ory_[redacted]'],
    // The session token exchange codes of a social sign-in are a token in two halves.
    [
      '/sessions/token-exchange?init_code=abc123&return_to_code=def456',
      '/sessions/token-exchange?init_code=[redacted]&return_to_code=[redacted]',
    ],
    ['{"session_token_exchange_code":"abc123"}', '{"session_token_exchange_code":"[redacted]"}'],
  ])('%s → %s', (input, output) => {
    expect(redact(input)).toBe(output);
  });

  it('leaves ordinary text alone', () => {
    expect(redact('whoami answered 401 for https://auth.example.com')).toBe(
      'whoami answered 401 for https://auth.example.com',
    );
  });
});

describe('createLogger', () => {
  it('redacts both the message and the fields', () => {
    const log = createMemoryLogger();
    log.error('whoami failed for ory_st_secret1', {
      error: 'bad token ory_st_secret2',
      status: 500,
      skipped: undefined,
    });
    expect(log.lines).toEqual([
      '[error] whoami failed for ory_[redacted] error="bad token ory_[redacted]" status=500',
    ]);
  });
});

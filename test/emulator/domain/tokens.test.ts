import { describe, expect, it } from 'vitest';
import { newSessionToken } from '../../../emulator/domain/tokens';

describe('session tokens', () => {
  it('are ory_st_ followed by 32 alphanumerics, and do not repeat', () => {
    const tokens = Array.from({ length: 500 }, newSessionToken);
    for (const token of tokens) expect(token).toMatch(/^ory_st_[A-Za-z0-9]{32}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
  });
});

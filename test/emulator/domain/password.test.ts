import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../../../emulator/domain/password';

const policy = { minLength: 8, identifierSimilarityCheck: true };

describe("Kratos's default password policy", () => {
  it('requires the minimum length (4000032, counted in bytes as Go does)', () => {
    expect(checkPasswordPolicy('short', 'a@example.org', policy)).toMatchObject({
      id: 4000032,
      context: { actual_length: 5 },
    });
    expect(checkPasswordPolicy('ééé', 'a@example.org', policy)).toMatchObject({
      id: 4000032,
      context: { actual_length: 6 },
    });
  });

  it('refuses passwords too similar to the identifier (4000031), case-insensitively', () => {
    expect(checkPasswordPolicy('Alice@Example.org', 'alice@example.org', policy)?.id).toBe(4000031);
    expect(checkPasswordPolicy('alice@example12', 'alice@example.org', policy)?.id).toBe(4000031);
  });

  it('accepts a long unrelated password, and skips similarity when disabled', () => {
    expect(checkPasswordPolicy('correct horse battery staple', 'alice@example.org', policy)).toBeUndefined();
    expect(
      checkPasswordPolicy('alice@example.org', 'alice@example.org', {
        ...policy,
        identifierSimilarityCheck: false,
      }),
    ).toBeUndefined();
  });
});

describe('bcrypt hashing', () => {
  it('verifies the right password only, and the hash does not contain it', async () => {
    const hash = await hashPassword('correct horse battery staple', 4);
    expect(hash).toMatch(/^\$2[aby]\$04\$/);
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('wrong', hash)).toBe(false);
  });
});

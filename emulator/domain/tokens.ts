/** Session tokens: `ory_st_` + 32 alphanumerics from the OS CSPRNG (session/session.go, x/token_prefixes.go). */
import { createHash, randomInt } from 'node:crypto';

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Uniform random string over `alphabet` (randomInt is unbiased, unlike `byte % n`). */
export function randomString(length: number, alphabet: string = ALPHANUMERIC): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export const newSessionToken = (): string => `ory_st_${randomString(32)}`;

/**
 * What the emulator stores of a token. A plain SHA-256 is enough: the token is 32 random alphanumerics
 * (~190 bits), so there is nothing to guess, and the hash only has to keep the token off the disk.
 */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

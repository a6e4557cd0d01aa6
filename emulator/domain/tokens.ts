/** Session tokens: `ory_st_` + 32 alphanumerics from the OS CSPRNG (session/session.go, x/token_prefixes.go). */
import { randomInt } from 'node:crypto';

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Uniform random string over `alphabet` (randomInt is unbiased, unlike `byte % n`). */
export function randomString(length: number, alphabet: string = ALPHANUMERIC): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export const newSessionToken = (): string => `ory_st_${randomString(32)}`;

/**
 * Password hashing (bcryptjs: pure JS, so the emulator loads inside Electron's main process without native
 * modules) and Kratos's default password policy (selfservice/strategy/password/validator.go):
 * minimum length, then similarity to the identifier (Levenshtein distance < 5, or a common substring longer
 * than half the password). The haveibeenpwned lookup is not emulated (no network; see
 * docs/emulator.md#how-it-differs-from-real-kratos-honestly).
 */
import bcrypt from 'bcryptjs';
import { text, type UiText } from '../messages';

export const hashPassword = (password: string, cost: number): Promise<string> => bcrypt.hash(password, cost);
export const verifyPassword = (password: string, hash: string): Promise<boolean> =>
  bcrypt.compare(password, hash);

/** A valid hash of a random password: compared against when the identifier is unknown, so timing leaks less. */
export const DUMMY_HASH = '$2b$04$ZpO4qm8c2bU.6N.41RUVbOs9IbbK2xgC8tUDDg4nYvTqZgrRPrE4O';

export interface PasswordPolicy {
  minLength: number;
  identifierSimilarityCheck: boolean;
}

/** Returns the Kratos message for the first violated rule, or undefined when the password is acceptable. */
export function checkPasswordPolicy(
  password: string,
  identifier: string,
  policy: PasswordPolicy,
): UiText | undefined {
  // Go's len() counts bytes; Kratos reports that number.
  const length = Buffer.byteLength(password, 'utf8');
  if (length < policy.minLength) return text.passwordMinLength(policy.minLength, length);
  if (policy.identifierSimilarityCheck && identifier !== '') {
    const id = identifier.toLowerCase();
    const pw = password.toLowerCase();
    const tooClose = levenshtein(id, pw) < 5;
    const sharesTooMuch = longestCommonSubstring(id, pw) / [...pw].length > 0.5;
    if (tooClose || sharesTooMuch) return text.passwordTooSimilar();
  }
  return undefined;
}

// Both helpers are a dozen lines each; a dependency for them would not make the policy clearer.
function levenshtein(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[t.length]!;
}

function longestCommonSubstring(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  let best = 0;
  let previous = new Array<number>(t.length + 1).fill(0);
  for (let i = 1; i <= s.length; i++) {
    const current = new Array<number>(t.length + 1).fill(0);
    for (let j = 1; j <= t.length; j++) {
      if (s[i - 1] === t[j - 1]) {
        current[j] = previous[j - 1]! + 1;
        best = Math.max(best, current[j]!);
      }
    }
    previous = current;
  }
  return best;
}

/**
 * Is the session too old for a privileged settings change? Kratos refuses one (403 `session_refresh_required`)
 * once `authenticated_at + selfservice.flows.settings.privileged_session_max_age` lies in the past. Adding a
 * passkey must know that BEFORE its ceremony (docs/passkeys.md#re-authentication-first): made first, the new
 * passkey would sit in the person's authenticator while the re-authentication asks for a passkey, not yet
 * known to Kratos (v26.2.0 lists only the identity's passkeys there; a server that does not would have the
 * browser offer it too, and answer 4000015).
 *
 * Kratos does not say its privileged age, and asking would cost a request, so the app judges on what it has:
 * the session's `authenticated_at` (from whoami or the sign-in answer) against the age it assumes for the
 * server — Kratos's default, or the one the operator configured — tightened in memory whenever Kratos refuses
 * a change at a younger age than assumed (its max age is then below that age). The age is read on this
 * computer's clock: a clock far off the server's makes the judgement wrong, and then the refusal after the
 * ceremony (the fallback) still ends well.
 */

/** Kratos's default `privileged_session_max_age` (v26.2.0 and v1.3.1: `1h`, driver/config/config.go). */
export const kratosDefaultPrivilegedAgeMs = 60 * 60_000;

export class PrivilegedAge {
  /** The longest age the server is assumed to take a privileged change at. */
  #maxAgeMs: number;

  constructor(maxAgeMs: number = kratosDefaultPrivilegedAgeMs) {
    this.#maxAgeMs = maxAgeMs;
  }

  /** The age assumed now (for tests and the log). */
  get maxAgeMs(): number {
    return this.#maxAgeMs;
  }

  /** Whether a session authenticated at `authenticatedAt` is too old at `now` (Kratos: `at + max < now`). */
  isPast(authenticatedAt: number | undefined, now: number): boolean {
    return authenticatedAt !== undefined && now - authenticatedAt > this.#maxAgeMs;
  }

  /** Kratos refused a privileged change of a session authenticated at `authenticatedAt`: its age is lower. */
  refusedAt(authenticatedAt: number | undefined, now: number): void {
    if (authenticatedAt === undefined) return;
    const age = now - authenticatedAt;
    if (age >= 0 && age <= this.#maxAgeMs) this.#maxAgeMs = Math.max(0, age - 1);
  }
}

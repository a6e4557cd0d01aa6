/**
 * Emulator configuration. Every default is Kratos's own default (driver/config + embedx/config.schema.json),
 * except where a comment says otherwise.
 */
export type RequiredAal = 'highest_available' | 'aal1';

export interface EmulatorConfig {
  /** `session.lifespan`: expires_at = authenticated_at + lifespan. Kratos default 24h. */
  sessionLifespanMs: number;
  /** `selfservice.flows.<kind>.lifespan`. Kratos default 1h each. */
  flowLifespanMs: Record<'login' | 'registration' | 'settings' | 'recovery' | 'verification', number>;
  /** bcrypt cost. Kratos default 12; tests pass 4 (see test/support/emulator.ts) to stay fast. */
  bcryptCost: number;
  /**
   * `selfservice.flows.registration.after.password.hooks: [session]`: registration returns a session token.
   * Kratos ships without hooks; the emulator turns this on, as Ory's own native e2e profile does.
   */
  registrationSessionHook: boolean;
  /** `selfservice.flows.registration.after.password.hooks: [show_verification_ui]`. Kratos default: off. */
  registrationShowVerificationUi: boolean;
  /** `session.whoami.required_aal`. */
  whoamiRequiredAal: RequiredAal;
  /** `selfservice.flows.settings.required_aal`. */
  settingsRequiredAal: RequiredAal;
  /** `selfservice.flows.settings.privileged_session_max_age`. Kratos default 1h. */
  privilegedSessionMaxAgeMs: number;
  /** `selfservice.methods.password.config.min_password_length`. Kratos default 8. */
  passwordMinLength: number;
  /** `selfservice.methods.password.config.identifier_similarity_check_enabled`. Kratos default true. */
  passwordIdentifierSimilarityCheck: boolean;
  /**
   * `feature_flags.use_continue_with_transitions`. Kratos default false (recovery answers 422
   * browser_location_change_required). The emulator defaults to TRUE because a native client can only
   * complete recovery that way (the 422 points at a browser settings UI); set false for Kratos's default.
   */
  useContinueWithTransitions: boolean;
  /** `selfservice.methods.code.config.lifespan` for recovery/verification codes. Kratos default 15m. */
  codeLifespanMs: number;
  /** `selfservice.methods.totp.config.issuer`. Kratos default: the public URL's host. */
  totpIssuer?: string;
}

const HOUR = 60 * 60 * 1000;

export const defaultConfig: EmulatorConfig = {
  sessionLifespanMs: 24 * HOUR,
  flowLifespanMs: { login: HOUR, registration: HOUR, settings: HOUR, recovery: HOUR, verification: HOUR },
  bcryptCost: 12,
  registrationSessionHook: true,
  registrationShowVerificationUi: false,
  whoamiRequiredAal: 'highest_available',
  settingsRequiredAal: 'highest_available',
  privilegedSessionMaxAgeMs: HOUR,
  passwordMinLength: 8,
  passwordIdentifierSimilarityCheck: true,
  useContinueWithTransitions: true,
  codeLifespanMs: 15 * 60 * 1000,
};

export function resolveConfig(partial: Partial<EmulatorConfig> = {}): EmulatorConfig {
  return {
    ...defaultConfig,
    ...partial,
    flowLifespanMs: { ...defaultConfig.flowLifespanMs, ...partial.flowLifespanMs },
  };
}

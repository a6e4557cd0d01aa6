/**
 * Emulator configuration, with two sets of defaults: `kratosDefaults`, Kratos's own (v26.2.0's
 * embedx/config.schema.json), which a Kratos YAML file starts from (config-file.ts), and `defaultConfig`, the
 * demo the emulator serves without a file (Kratos's defaults plus the methods and hooks the app's journeys
 * show).
 */
import defaultIdentitySchema from './identity.schema.json' with { type: 'json' };

export type RequiredAal = 'highest_available' | 'aal1';

/** `selfservice.methods.<name>.enabled`, for the methods the emulator implements. */
export interface EnabledMethods {
  password: boolean;
  totp: boolean;
  lookup_secret: boolean;
  /** The code method: recovery/verification codes, and sign-in codes when `codePasswordless` is on. */
  code: boolean;
  /** Social sign-in through the emulator's demo identity provider (docs/social-sign-in.md). */
  oidc: boolean;
  /** Passkeys in API flows, as Kratos ≥ v26.2 offers them (docs/passkeys.md). */
  passkey: boolean;
}

/** `selfservice.methods.passkey.config.rp`: the WebAuthn relying party. */
export interface PasskeyRelyingParty {
  /** `display_name`: what the browser shows while it makes the passkey. */
  displayName: string;
  /** `id`: a domain; the emulator serves its passkey page on `localhost`, so that is its default. */
  id: string;
  /**
   * `origins`: where the passkey page may run. Kratos's default is `<scheme>://<id>`; the emulator's is the
   * origin it serves its own page on, `http://localhost:<its port>`.
   */
  origins?: string[];
}

/**
 * An entry of `selfservice.methods.oidc.config.providers`. Whatever the entry says about a real provider
 * (issuer, client, mapper), the emulator signs people in through its own demo pages ("Example IdP"), which
 * hand over the email address the person picks, mapped to `traits.email`.
 */
export interface OidcProvider {
  id: string;
  /** The button's name ("Sign in with <label>"); Kratos falls back to the id. */
  label?: string;
}

export interface EmulatorConfig {
  /** `session.lifespan`: expires_at = authenticated_at + lifespan. Kratos default 24h. */
  sessionLifespanMs: number;
  /** `selfservice.flows.<kind>.lifespan`. Kratos default 1h each. */
  flowLifespanMs: Record<'login' | 'registration' | 'settings' | 'recovery' | 'verification', number>;
  /** bcrypt cost. Kratos default 12; tests pass 4 (see test/support/emulator.ts) to stay fast. */
  bcryptCost: number;
  /**
   * `selfservice.flows.registration.after.password.hooks: [session]`: registration returns a session token.
   * Kratos ships without hooks; the demo turns this on, as Ory's own native e2e profile does.
   */
  registrationSessionHook: boolean;
  /** `selfservice.flows.registration.after.password.hooks: [show_verification_ui]`. Kratos default: off. */
  registrationShowVerificationUi: boolean;
  /**
   * `selfservice.flows.login.after.password.hooks: [require_verified_address]` (or `after.hooks`): a password
   * sign-in of an identity with no verified address is refused with 403 `session_verified_address_required`,
   * and a verification flow with the code already sent is named in `continue_with` (Kratos ≥ v25.4; v1.3.1 put
   * message 4000010 on the flow instead). Kratos default: off.
   */
  loginRequireVerifiedAddress: boolean;
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
   * browser_location_change_required). The demo turns it on because a native client can only complete
   * recovery that way (the 422 points at a browser settings UI).
   */
  useContinueWithTransitions: boolean;
  /** `selfservice.methods.code.config.lifespan`: how long a sent code is valid. Kratos default 1h. */
  codeLifespanMs: number;
  /** `selfservice.methods.totp.config.issuer`. Kratos default: the public URL's host. */
  totpIssuer?: string;
  /**
   * `selfservice.flows.registration.enable_legacy_one_step` (Kratos ≥ 1.3): false (the default) registers in two
   * steps: traits first (`method: profile`), then a credential; true shows traits and password on one form.
   */
  registrationOneStep: boolean;
  /** `selfservice.methods.<name>.enabled`. Kratos defaults: password, code, profile on; totp, lookup_secret off. */
  methods: EnabledMethods;
  /**
   * `selfservice.flows.<recovery|verification>.enabled`. Kratos default: off; the demo turns both on, as
   * the app's recovery and verification screens are part of what it demonstrates.
   */
  flowsEnabled: { recovery: boolean; verification: boolean };
  /**
   * `selfservice.methods.code.passwordless_enabled`: sign in with a one-time code sent to a trait marked
   * `credentials.code.identifier` in the identity schema. Kratos default: off.
   */
  codePasswordless: boolean;
  /**
   * `selfservice.methods.code.mfa_enabled`: a one-time code sent to one of the identity's code addresses is a
   * second factor (aal2), so every identity with such an address needs it after its first factor. Kratos
   * default: off.
   */
  codeMfa: boolean;
  /**
   * `selfservice.default_browser_return_url`: where the "Continue" link of a finished verification points when
   * the flow has no return_to. Kratos requires it; the emulator's default is its own public URL.
   */
  defaultBrowserReturnUrl?: string;
  /**
   * `selfservice.allowed_return_urls`: the `return_to` values a flow accepts (scheme, host and path prefix, as
   * Kratos matches them). Kratos has none by default; the demo allows the app's social sign-in callback
   * (`kratos-desktop://auth`) and the terminal client's default loopback callback, so both show social sign-in
   * end to end on it.
   */
  allowedReturnUrls: string[];
  /** `selfservice.methods.oidc.config.providers` (only `id` and `label` matter to the emulator). */
  oidcProviders: OidcProvider[];
  /** `selfservice.methods.passkey.config.rp`. */
  passkeyRp: PasskeyRelyingParty;
  /** The identity schema (`identity.schemas[default]`), as JSON. Default: emulator/identity.schema.json. */
  identitySchema: unknown;
}

const HOUR = 60 * 60 * 1000;

/**
 * Kratos's own defaults (v26.2.0's embedx/config.schema.json): what a Kratos configuration file starts from
 * (`--config`, `start({configFile})`), so every method, hook and provider is what the file says. Where Kratos
 * has no default because it requires the key (the identity schema, `default_browser_return_url`, a passkey
 * relying party), the emulator's own value stands in.
 */
export const kratosDefaults: EmulatorConfig = {
  sessionLifespanMs: 24 * HOUR,
  flowLifespanMs: { login: HOUR, registration: HOUR, settings: HOUR, recovery: HOUR, verification: HOUR },
  bcryptCost: 12,
  registrationSessionHook: false,
  registrationShowVerificationUi: false,
  loginRequireVerifiedAddress: false,
  whoamiRequiredAal: 'highest_available',
  settingsRequiredAal: 'highest_available',
  privilegedSessionMaxAgeMs: HOUR,
  passwordMinLength: 8,
  passwordIdentifierSimilarityCheck: true,
  useContinueWithTransitions: false,
  codeLifespanMs: HOUR,
  registrationOneStep: false,
  methods: { password: true, totp: false, lookup_secret: false, code: true, oidc: false, passkey: false },
  flowsEnabled: { recovery: false, verification: false },
  codePasswordless: false,
  codeMfa: false,
  allowedReturnUrls: [],
  oidcProviders: [],
  passkeyRp: { displayName: 'Kratos Desktop', id: 'localhost' },
  identitySchema: defaultIdentitySchema,
};

/**
 * The demo: the emulator's defaults without a configuration file (`npm start`, `npm run emulator`, tests).
 * Kratos's defaults, plus what the app's journeys need a server to offer.
 */
export const defaultConfig: EmulatorConfig = {
  ...kratosDefaults,
  // Kratos ships no hooks; the demo signs a person in at registration, as Ory's native e2e profile does.
  registrationSessionHook: true,
  // A native client can only finish recovery with continue_with transitions (Kratos's default answers 422
  // browser_location_change_required, pointing at a browser settings UI).
  useContinueWithTransitions: true,
  // Kratos enables only password, code and profile; the demo turns totp, lookup_secret and oidc (with its
  // demo identity provider) on too, because those journeys are part of what the app shows. Passkeys stay off,
  // as in Kratos: a client must know where the passkey page is (the emulator serves one at
  // http://localhost:<port>/passkey when the method is on).
  methods: { password: true, totp: true, lookup_secret: true, code: true, oidc: true, passkey: false },
  // The app's recovery and verification screens are part of what it demonstrates.
  flowsEnabled: { recovery: true, verification: true },
  allowedReturnUrls: ['kratos-desktop://auth', 'http://127.0.0.1:47623/auth'],
  oidcProviders: [{ id: 'example', label: 'Example IdP' }],
};

/** The full configuration: `base` under each partial in turn (later ones win, key by key). */
export function resolveConfig(
  base: EmulatorConfig,
  ...partials: (Partial<EmulatorConfig> | undefined)[]
): EmulatorConfig {
  return partials.reduce<EmulatorConfig>(
    (config, partial = {}) => ({
      ...config,
      ...partial,
      flowLifespanMs: { ...config.flowLifespanMs, ...partial.flowLifespanMs },
      methods: { ...config.methods, ...partial.methods },
      flowsEnabled: { ...config.flowsEnabled, ...partial.flowsEnabled },
      passkeyRp: { ...config.passkeyRp, ...partial.passkeyRp },
    }),
    base,
  );
}

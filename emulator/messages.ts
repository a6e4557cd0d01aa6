/**
 * The messages the emulator sends (`uiText`), built from the one table of Kratos messages
 * (shared/kratos-messages.ts: id, type and Kratos's English per name): `text.signIn()` reads like Kratos's own
 * `text.NewInfoLogin()`. A message without values needs only its row in the table; one whose English takes
 * values gets a builder below when the emulator sends it, which gives the context Kratos sends and the values
 * only the text carries.
 */
import { kratosMessages, type MessageName } from '../shared/kratos-messages';
import type { UiText } from '../shared/kratos-wire';

export type { UiText };

type Context = Record<string, unknown>;

/** The names of the table with Kratos's English: the messages the emulator can send. */
type SendableName = {
  [N in MessageName]: (typeof kratosMessages)[N] extends { kratos: string } ? N : never;
}[MessageName];

/** Message `name` with its `{key}`s filled from the context and from `textOnly` (Go's fmt values). */
function message(name: SendableName, context?: Context, textOnly: Context = {}): UiText {
  const { id, type, kratos } = kratosMessages[name];
  const values: Context = { ...context, ...textOnly };
  const filled = kratos.replace(/\{(\w+)\}/g, (_placeholder, key: string) => String(values[key]));
  return context ? { id, type, text: filled, context } : { id, type, text: filled };
}

/** The names whose English takes no value: each is a builder without arguments. */
type PlainName = {
  [N in SendableName]: (typeof kratosMessages)[N]['kratos'] extends `${string}{${string}` ? never : N;
}[SendableName];

const plain = Object.fromEntries(
  Object.entries(kratosMessages)
    .filter(([, entry]) => 'kratos' in entry && !entry.kratos.includes('{'))
    .map(([name]) => [name, () => message(name as PlainName)]),
) as Record<PlainName, () => UiText>;

/** Go's `%.2f` of the minutes from `from` to `to`. */
const minutes = (from: Date, to: Date) => ((to.getTime() - from.getTime()) / 60_000).toFixed(2);

/** Kratos's expiry context (`expired_at`, `expired_at_unix`) and the minutes since then. */
const flowExpired = (name: SendableName) => (expiredAt: Date, now: Date) =>
  message(
    name,
    { expired_at: expiredAt.toISOString(), expired_at_unix: Math.floor(expiredAt.getTime() / 1000) },
    { minutes: minutes(expiredAt, now) },
  );

export const KRATOS_FALLBACK_LOGIN_UI = 'https://www.ory.sh/kratos/docs/fallback/login';
/** `selfservice.flows.verification.ui_url`'s default. */
export const KRATOS_FALLBACK_VERIFICATION_UI = 'https://www.ory.sh/kratos/docs/fallback/verification';

export const text = {
  ...plain,
  /** The label of a provider button (NewInfoLoginWith); `provider` is its label, or its id without one. */
  signInWith: (provider: string, providerId: string) =>
    message('signInWith', { provider, provider_id: providerId }),
  /**
   * NewInfoLoginLinkMessage: a provider vouched for an address that an existing account uses (account linking).
   * `newLoginUrl` is Kratos's login UI address (`selfservice.flows.login.ui_url`, here its default).
   */
  loginLinkMessage: (identifier: string, provider: string) =>
    message('loginLinkMessage', {
      available_credential_types: [],
      available_providers: [],
      duplicateIdentifier: identifier,
      duplicate_identifier: identifier,
      newLoginUrl: KRATOS_FALLBACK_LOGIN_UI,
      new_login_url: KRATOS_FALLBACK_LOGIN_UI,
      provider,
    }),
  /** Settings' provider buttons (NewInfoSelfServiceSettingsUpdateLinkOidc / …UnlinkOidc); `provider` is its name. */
  linkOidc: (provider: string) => message('linkOidc', { provider }),
  unlinkOidc: (provider: string) => message('unlinkOidc', { provider }),
  /** The label of a second-factor code button (NewInfoSelfServiceLoginAAL2CodeAddress). */
  sendCodeTo: (address: string) => message('sendCodeTo', { address, channel: 'email' }),
  signUpWith: (provider: string, providerId: string) =>
    message('signUpWith', { provider, provider_id: providerId }),
  totpSecret: (secret: string) => message('totpSecret', { secret }),
  lookupSecret: (secret: string) => message('lookupSecret', { secret }),
  /** Go prints the time as `2021-08-17 11:32:39 +0000 UTC`. */
  lookupSecretUsed: (usedAt: Date) =>
    message(
      'lookupSecretUsed',
      { used_at: usedAt.toISOString(), used_at_unix: Math.floor(usedAt.getTime() / 1000) },
      {
        time: `${usedAt
          .toISOString()
          .replace('T', ' ')
          .replace(/\.\d+Z$/, '')} +0000 UTC`,
      },
    ),
  lookupSecretList: (texts: string[], secrets: UiText[]) =>
    message('lookupSecretList', { secrets }, { codes: texts.join(', ') }),
  /** Kratos's context and the minutes left to change the password, as the recovered session is privileged. */
  recoverySuccessful: (privilegedUntil: Date, now: Date) =>
    message(
      'recoverySuccessful',
      {
        privilegedSessionExpiresAt: privilegedUntil.toISOString(),
        privileged_session_expires_at: privilegedUntil.toISOString(),
        privileged_session_expires_at_unix: Math.floor(privilegedUntil.getTime() / 1000),
      },
      { minutes: minutes(now, privilegedUntil) },
    ),
  /**
   * A passkey's remove button (NewInfoSelfServiceRemovePasskey). Kratos names a passkey after its
   * authenticator's AAGUID when it knows it, else "unnamed" (the emulator knows none).
   */
  removePasskey: (addedAt: string) =>
    message('removePasskey', {
      added_at: addedAt,
      added_at_unix: Math.floor(new Date(addedAt).getTime() / 1000),
      display_name: 'unnamed',
    }),
  labelGenerated: (name: string, title: string) => message('labelGenerated', { name, title }),
  validationGeneric: (reason: string) => message('validationGeneric', { reason }),
  validationRequired: (property: string) => message('validationRequired', { property }),
  validationMinLength: (minLength: number, actualLength: number) =>
    message('validationMinLength', { min_length: minLength, actual_length: actualLength }),
  passwordMinLength: (minLength: number, actualLength: number) =>
    message('passwordMinLength', { min_length: minLength, actual_length: actualLength }),
  loginFlowExpired: flowExpired('loginFlowExpired'),
  registrationFlowExpired: flowExpired('registrationFlowExpired'),
  settingsFlowExpired: flowExpired('settingsFlowExpired'),
  recoveryFlowExpired: flowExpired('recoveryFlowExpired'),
  verificationFlowExpired: flowExpired('verificationFlowExpired'),
} satisfies Partial<Record<SendableName, (...args: never[]) => UiText>>;

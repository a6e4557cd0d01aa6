/**
 * The one table of Kratos's ui messages: every id the emulator sends or the window has a sentence for, per
 * name, with Kratos's type and English (`text/id.go`, `text/message_*.go` of v26.2.0 and v1.3.1, checked by
 * test/kratos/message-texts.test.ts; names follow Kratos's `text.New…()` constructors).
 *
 * - The emulator builds every message it sends from this table (emulator/messages.ts), so its ids, types and
 *   texts cannot drift from it; test/support/kratos-messages.ts checks every emulator answer against it and
 *   the table against real Kratos's payloads.
 * - The window's own sentence per id is the string catalogue's (shared/strings/en-kratos.ts), held by
 *   the compiler to have one for every id here and none for another. The renderer imports only the types of this module, so the
 *   English below never reaches its bundle (docs/adr/0011-one-table-of-kratos-messages.md).
 *
 * `kratos` is Kratos's English with `{key}` where Go's fmt puts a value: a key of the message's `context`,
 * or a value only the text carries (`{minutes}`, `{time}`, `{codes}`). A new message is one row here (docs/emulator.md).
 */
import type { UiTextType } from './kratos-wire';

export interface MessageEntry {
  readonly id: number;
  readonly type: UiTextType;
  /**
   * Kratos's English (v26.2.0's Go source; the emulator sends it). Absent for the ids the window knows that
   * neither version builds (Ory Network's, or ids Kratos declares but never builds); the emulator cannot
   * send those.
   */
  readonly kratos?: string;
  /** v1.3.1's English where it words the message differently (or is all v1.3.1 has). */
  readonly kratosV1?: string;
}

const info = 'info';
const error = 'error';
const success = 'success';

export const kratosMessages = {
  // Login (101xxxx)
  signIn: { id: 1010001, type: info, kratos: 'Sign in' },
  signInWith: { id: 1010002, type: info, kratos: 'Sign in with {provider}' },
  loginReAuth: { id: 1010003, type: info, kratos: 'Please confirm this action by verifying that it is you.' },
  loginMfa: { id: 1010004, type: info, kratos: 'Please complete the second authentication challenge.' },
  loginVerify: { id: 1010005, type: info, kratos: 'Verify' },
  loginTotpLabel: { id: 1010006, type: info, kratos: 'Authentication code' },
  loginLookupLabel: { id: 1010007, type: info, kratos: 'Backup recovery code' },
  /**
   * Ory Network's wording (Ory Elements' captures in test/fixtures); v1.3.1 and v26.2.0 say "Sign in with
   * hardware key" (the message-texts test excepts this row).
   */
  loginWebAuthn: { id: 1010008, type: info, kratos: 'Sign in with a hardware key' },
  loginUseTotp: { id: 1010009, type: info, kratos: 'Use Authenticator' },
  loginUseLookup: { id: 1010010, type: info, kratos: 'Use backup recovery code' },
  continueLoginWebAuthn: { id: 1010011, type: info, kratos: 'Sign in with hardware key' },
  loginWebAuthnPasswordless: {
    id: 1010012,
    type: info,
    kratos: 'Prepare your WebAuthn device (e.g. security key, biometrics scanner, ...) and press continue.',
  },
  loginContinue: { id: 1010013, type: info, kratos: 'Continue' },
  loginCodeSent: {
    id: 1010014,
    type: info,
    kratos:
      "A code was sent to the address you provided. If you didn't receive it, please check the spelling of the address and try again.",
    kratosV1:
      'An email containing a code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and retry the login.',
  },
  sendSignInCode: { id: 1010015, type: info, kratos: 'Send sign in code' },
  /** Go's `%q` of `duplicateIdentifier`; the context also names the login UI and the credential types. */
  loginLinkMessage: {
    id: 1010016,
    type: info,
    kratos:
      'You tried to sign in with "{duplicateIdentifier}", but that email is already used by another account. Sign in to your account with one of the options below to add your account "{duplicateIdentifier}" at "{provider}" as another way to sign in.',
  },
  loginAndLink: { id: 1010017, type: info, kratos: 'Sign in and link' },
  loginWithAndLink: { id: 1010018, type: info, kratos: 'Confirm with {provider}' },
  loginCodeMfa: { id: 1010019, type: info, kratos: 'Request code to continue' },
  loginPasskey: { id: 1010021, type: info, kratos: 'Sign in with passkey' },
  signInWithPassword: { id: 1010022, type: info, kratos: 'Sign in with password' },
  sendCodeTo: { id: 1010023, type: info, kratos: 'Send code to {address}' },
  codeSentToAddress: { id: 1010025, type: info },

  // Registration (104xxxx)
  signUp: { id: 1040001, type: info, kratos: 'Sign up' },
  signUpWith: { id: 1040002, type: info, kratos: 'Sign up with {provider}' },
  registrationContinue: { id: 1040003, type: info, kratos: 'Continue' },
  registrationRegisterWebAuthn: { id: 1040004, type: info, kratos: 'Sign up with security key' },
  registrationCodeSent: {
    id: 1040005,
    type: info,
    kratos:
      'A code has been sent to the address(es) you provided. If you have not received a message, check the spelling of the address and retry the registration.',
    kratosV1:
      'An email containing a code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and retry the registration.',
  },
  sendSignUpCode: { id: 1040006, type: info, kratos: 'Send sign up code' },
  registrationRegisterPasskey: { id: 1040007, type: info, kratos: 'Sign up with passkey' },
  registrationBack: { id: 1040008, type: info, kratos: 'Back' },
  chooseCredentials: {
    id: 1040009,
    type: info,
    kratos: 'Please choose a credential to authenticate yourself with.',
  },

  // Settings (105xxxx)
  settingsSaved: { id: 1050001, type: success, kratos: 'Your changes have been saved!' },
  linkOidc: { id: 1050002, type: info, kratos: 'Link {provider}' },
  unlinkOidc: { id: 1050003, type: info, kratos: 'Unlink {provider}' },
  unlinkTotp: { id: 1050004, type: info, kratos: 'Unlink TOTP Authenticator App' },
  totpQrCode: { id: 1050005, type: info, kratos: 'Authenticator app QR code' },
  totpSecret: { id: 1050006, type: info, kratos: '{secret}' },
  revealLookup: { id: 1050007, type: info, kratos: 'Reveal backup recovery codes' },
  regenerateLookup: { id: 1050008, type: info, kratos: 'Generate new backup recovery codes' },
  lookupSecret: { id: 1050009, type: info, kratos: '{secret}' },
  lookupSecretsLabel: {
    id: 1050010,
    type: info,
    kratos: 'These are your back up recovery codes. Please keep them in a safe place!',
  },
  confirmLookup: { id: 1050011, type: info, kratos: 'Confirm backup recovery codes' },
  registerWebAuthn: { id: 1050012, type: info, kratos: 'Add security key' },
  registerWebAuthnDisplayName: { id: 1050013, type: info, kratos: 'Name of the security key' },
  /** `{time}`: Go's default time format, `2021-08-17 11:32:39 +0000 UTC`. */
  lookupSecretUsed: { id: 1050014, type: info, kratos: 'Secret was used at {time}' },
  /** `{codes}`: the texts of the `secrets` in the context, joined by ", ". */
  lookupSecretList: { id: 1050015, type: info, kratos: '{codes}' },
  disableLookup: { id: 1050016, type: info, kratos: 'Disable this method' },
  totpSecretLabel: {
    id: 1050017,
    type: info,
    kratos: 'This is your authenticator app secret. Use it if you can not scan the QR code.',
  },
  removeWebAuthn: { id: 1050018, type: info, kratos: 'Remove security key "{display_name}"' },
  registerPasskey: { id: 1050019, type: info, kratos: 'Add passkey' },
  removePasskey: { id: 1050020, type: info, kratos: 'Remove passkey "{display_name}"' },

  // Recovery (106xxxx)
  /** `{minutes}`: until `privileged_session_expires_at`, Go's `%.2f`. */
  recoverySuccessful: {
    id: 1060001,
    type: success,
    kratos:
      'You successfully recovered your account. Please change your password or set up an alternative login method (e.g. social sign in) within the next {minutes} minutes.',
  },
  recoveryEmailSent: {
    id: 1060002,
    type: info,
    kratos:
      'An email containing a recovery link has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with.',
  },
  recoveryCodeSent: {
    id: 1060003,
    type: info,
    kratos:
      'An email containing a recovery code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with.',
  },
  // 1060004–1060007: v26.2.0's recovery that asks which address to send the code to.
  recoveryCodeSentToMaskedAddress: {
    id: 1060004,
    type: info,
    kratos:
      'A recovery code has been sent to {masked_address}. If you have not received it, check the spelling of the address and make sure to use the address you registered with.',
  },
  recoveryAskForFullAddress: {
    id: 1060005,
    type: info,
    kratos: 'Recover access to your account by providing your recovery address in full.',
  },
  recoveryChooseMethod: { id: 1060006, type: info, kratos: 'How do you want to recover your account?' },
  recoveryBack: { id: 1060007, type: info, kratos: 'Back' },

  // Node labels (107xxxx)
  labelPassword: { id: 1070001, type: info, kratos: 'Password' },
  labelGenerated: { id: 1070002, type: info, kratos: '{title}' },
  labelSave: { id: 1070003, type: info, kratos: 'Save' },
  labelId: { id: 1070004, type: info, kratos: 'ID' },
  labelSubmit: { id: 1070005, type: info, kratos: 'Submit' },
  labelVerifyCode: { id: 1070006, type: info, kratos: 'Verify code' },
  labelEmail: { id: 1070007, type: info, kratos: 'Email' },
  labelResendCode: { id: 1070008, type: info, kratos: 'Resend code' },
  labelContinue: { id: 1070009, type: info, kratos: 'Continue' },
  labelRecoveryCode: { id: 1070010, type: info, kratos: 'Recovery code' },
  labelVerificationCode: { id: 1070011, type: info, kratos: 'Verification code' },
  labelRegistrationCode: { id: 1070012, type: info, kratos: 'Registration code' },
  labelLoginCode: { id: 1070013, type: info, kratos: 'Login code' },
  loginAndLinkCredential: { id: 1070014, type: info, kratos: 'Login and link credential' },
  captchaContainer: { id: 1070015, type: info, kratos: 'Please complete the captcha challenge to continue.' },
  labelRecoveryAddress: { id: 1070016, type: info, kratos: 'Recovery address' },
  labelPhoneNumber: { id: 1070017, type: info, kratos: 'Phone number' },

  // Verification (108xxxx)
  verificationEmailSent: {
    id: 1080001,
    type: info,
    kratos:
      'An email containing a verification link has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with.',
  },
  verificationSuccessful: {
    id: 1080002,
    type: success,
    kratos: 'You successfully verified your email address.',
  },
  verificationCodeSent: {
    id: 1080003,
    type: info,
    kratos:
      'An email containing a verification code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with.',
  },

  // Validation (400xxxx)
  validationGeneric: { id: 4000001, type: error, kratos: '{reason}' },
  validationRequired: { id: 4000002, type: error, kratos: 'Property {property} is missing.' },
  validationMinLength: {
    id: 4000003,
    type: error,
    kratos: 'length must be >= {min_length}, but got {actual_length}',
  },
  validationInvalidFormat: { id: 4000004, type: error, kratos: 'does not match pattern "{pattern}"' },
  passwordPolicyViolationGeneric: {
    id: 4000005,
    type: error,
    kratos: 'The password can not be used because {reason}.',
  },
  invalidCredentials: {
    id: 4000006,
    type: error,
    kratos:
      'The provided credentials are invalid, check for spelling mistakes in your password or username, email address, or phone number.',
  },
  duplicateCredentials: {
    id: 4000007,
    type: error,
    kratos: 'An account with the same identifier (email, phone, username, ...) exists already.',
  },
  totpCodeWrong: {
    id: 4000008,
    type: error,
    kratos: 'The provided authentication code is invalid, please try again.',
  },
  identifierMissing: {
    id: 4000009,
    type: error,
    kratos:
      'Could not find any login identifiers. Did you forget to set them? This could also be caused by a server misconfiguration.',
  },
  addressNotVerified: {
    id: 4000010,
    type: error,
    kratos: 'Account not active yet. Did you forget to verify your email address?',
  },
  noTotpDevice: { id: 4000011, type: error, kratos: 'You have no TOTP device set up.' },
  lookupAlreadyUsed: { id: 4000012, type: error, kratos: 'This backup recovery code has already been used.' },
  noWebAuthnDevice: { id: 4000013, type: error, kratos: 'You have no WebAuthn device set up.' },
  noLookup: { id: 4000014, type: error, kratos: 'You have no backup recovery codes set up.' },
  noWebAuthnUser: {
    id: 4000015,
    type: error,
    kratos: 'This account does not exist or has no security key set up.',
  },
  lookupInvalid: { id: 4000016, type: error, kratos: 'The backup recovery code is not valid.' },
  validationMaxLength: {
    id: 4000017,
    type: error,
    kratos: 'length must be <= {max_length}, but got {actual_length}',
  },
  validationMinimum: { id: 4000018, type: error, kratos: 'must be >= {minimum} but found {actual}' },
  validationExclusiveMinimum: { id: 4000019, type: error, kratos: 'must be > {minimum} but found {actual}' },
  validationMaximum: { id: 4000020, type: error, kratos: 'must be <= {maximum} but found {actual}' },
  validationExclusiveMaximum: { id: 4000021, type: error, kratos: 'must be < {maximum} but found {actual}' },
  validationMultipleOf: { id: 4000022, type: error, kratos: '{actual} not multipleOf {base}' },
  validationMaxItems: {
    id: 4000023,
    type: error,
    kratos: 'maximum {max_items} items allowed, but found {actual_items} items',
  },
  validationMinItems: {
    id: 4000024,
    type: error,
    kratos: 'minimum {min_items} items allowed, but found {actual_items} items',
  },
  validationUniqueItems: {
    id: 4000025,
    type: error,
    kratos: 'items at index {index_a} and {index_b} are equal',
  },
  validationWrongType: { id: 4000026, type: error, kratos: 'expected {types}, but got {actual_type}' },
  duplicateCredentialsOnOidcLink: {
    id: 4000027,
    type: error,
    kratos:
      'An account with the same identifier (email, phone, username, ...) exists already. Please sign in to your existing account to link your social profile.',
  },
  duplicateCredentialsWithHints: { id: 4000028, type: error, kratos: '{reason}' },
  validationConst: { id: 4000029, type: error, kratos: 'must be equal to constant {expected}' },
  validationConstGeneric: { id: 4000030, type: error, kratos: 'const failed' },
  passwordTooSimilar: {
    id: 4000031,
    type: error,
    kratos: 'The password can not be used because it is too similar to the identifier.',
  },
  passwordMinLength: {
    id: 4000032,
    type: error,
    kratos: 'The password must be at least {min_length} characters long, but got {actual_length}.',
  },
  passwordMaxLength: {
    id: 4000033,
    type: error,
    kratos: 'The password must be at most {max_length} characters long, but got {actual_length}.',
  },
  passwordTooManyBreaches: {
    id: 4000034,
    type: error,
    kratos: 'The password has been found in data breaches and must no longer be used.',
  },
  noCodeUser: {
    id: 4000035,
    type: error,
    kratos: 'This account does not exist or has not setup sign in with code.',
  },
  traitsMismatch: {
    id: 4000036,
    type: error,
    kratos: 'The provided traits do not match the traits previously associated with this flow.',
  },
  accountNotFound: {
    id: 4000037,
    type: error,
    kratos: 'This account does not exist or has no login method configured.',
  },
  captchaFailed: { id: 4000038, type: error, kratos: 'Captcha verification failed, please try again.' },
  passwordSameAsOld: {
    id: 4000039,
    type: error,
    kratos: 'The new password must be different from the old password.',
  },
  /**
   * A malformed address on the recovery/verification code forms: v26.2.0's id (v1.3.1 sends 4000001 with the
   * schema validator's text, docs/emulator.md).
   */
  invalidEmail: { id: 4000040, type: error, kratos: 'Enter a valid email address' },
  invalidPhone: { id: 4000041, type: error, kratos: 'Enter a valid phone number' },

  // Login and "no strategy" (401xxxx)
  // The "<flow> flow expired" messages here and below: `{minutes}` since `expired_at`, Go's `%.2f`.
  loginFlowExpired: {
    id: 4010001,
    type: error,
    kratos: 'The login flow expired {minutes} minutes ago, please try again.',
  },
  loginNoStrategy: {
    id: 4010002,
    type: error,
    kratos: 'Could not find a strategy to log you in with. Did you fill out the form correctly?',
  },
  registrationNoStrategy: {
    id: 4010003,
    type: error,
    kratos: 'Could not find a strategy to sign you up with. Did you fill out the form correctly?',
  },
  settingsNoStrategy: {
    id: 4010004,
    type: error,
    kratos: 'Could not find a strategy to update your settings. Did you fill out the form correctly?',
  },
  recoveryNoStrategy: {
    id: 4010005,
    type: error,
    kratos: 'Could not find a strategy to recover your account with. Did you fill out the form correctly?',
  },
  verificationNoStrategy: {
    id: 4010006,
    type: error,
    kratos: 'Could not find a strategy to verify your account with. Did you fill out the form correctly?',
  },
  loginRetrySuccessful: {
    id: 4010007,
    type: error,
    kratos: 'The request was already completed successfully and can not be retried.',
  },
  loginCodeInvalid: {
    id: 4010008,
    type: error,
    kratos: 'The login code is invalid or has already been used. Please try again.',
  },
  loginLinkedCredentialsDoNotMatch: { id: 4010009, type: error, kratos: 'Linked credentials do not match.' },
  addressUnknown: {
    id: 4010010,
    type: error,
    kratos: 'The address you entered does not match any known addresses in the current account.',
  },

  // Registration (404xxxx)
  registrationFlowExpired: {
    id: 4040001,
    type: error,
    kratos: 'The registration flow expired {minutes} minutes ago, please try again.',
  },
  registrationRetrySuccessful: {
    id: 4040002,
    type: error,
    kratos: 'The request was already completed successfully and can not be retried.',
  },
  registrationCodeInvalid: {
    id: 4040003,
    type: error,
    kratos: 'The registration code is invalid or has already been used. Please try again.',
  },

  // Settings (405xxxx)
  settingsFlowExpired: {
    id: 4050001,
    type: error,
    kratos: 'The settings flow expired {minutes} minutes ago, please try again.',
  },

  // Recovery (406xxxx)
  recoveryRetrySuccess: {
    id: 4060001,
    type: error,
    kratos: 'The request was already completed successfully and can not be retried.',
  },
  recoveryStateFailure: {
    id: 4060002,
    type: error,
    kratos: 'The recovery flow reached a failure state and must be retried.',
  },
  recoveryTokenMissing: { id: 4060003, type: error },
  recoveryTokenInvalidOrAlreadyUsed: {
    id: 4060004,
    type: error,
    kratos: 'The recovery token is invalid or has already been used. Please retry the flow.',
  },
  recoveryFlowExpired: {
    id: 4060005,
    type: error,
    kratos: 'The recovery flow expired {minutes} minutes ago, please try again.',
  },
  recoveryCodeInvalid: {
    id: 4060006,
    type: error,
    kratos: 'The recovery code is invalid or has already been used. Please try again.',
  },
  recoveryCodeTooManyAttempts: { id: 4060007, type: error },

  // Verification (407xxxx)
  verificationTokenInvalidOrAlreadyUsed: {
    id: 4070001,
    type: error,
    kratos: 'The verification token is invalid or has already been used. Please retry the flow.',
  },
  verificationRetrySuccess: {
    id: 4070002,
    type: error,
    kratos: 'The request was already completed successfully and can not be retried.',
  },
  verificationStateFailure: {
    id: 4070003,
    type: error,
    kratos: 'The verification flow reached a failure state and must be retried.',
  },
  verificationTokenMissing: { id: 4070004, type: error },
  verificationFlowExpired: {
    id: 4070005,
    type: error,
    kratos: 'The verification flow expired {minutes} minutes ago, please try again.',
  },
  verificationCodeInvalid: {
    id: 4070006,
    type: error,
    kratos: 'The verification code is invalid or has already been used. Please try again.',
  },

  // System (500xxxx)
  systemGeneric: { id: 5000001, type: error, kratos: '{reason}' },
  noAuthenticationMethods: {
    id: 5000002,
    type: error,
    kratos: 'No authentication methods are available. Please contact the system administrator.',
  },
} as const satisfies Readonly<Record<string, MessageEntry>>;

export type MessageName = keyof typeof kratosMessages;
export type MessageId = (typeof kratosMessages)[MessageName]['id'];

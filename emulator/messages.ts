/**
 * Kratos UI texts (`uiText`): ids and English texts copied from ory/kratos text/message_*.go and text/id.go.
 * One function per message so call sites read like Kratos's own `text.New...()` calls.
 */
import { messageIds, type MessageId } from '../shared/kratos-messages';
import type { UiText } from '../shared/kratos-wire';

export type { UiText };

const info = (id: MessageId, text: string, context?: Record<string, unknown>): UiText =>
  context ? { id, text, type: 'info', context } : { id, text, type: 'info' };
const error = (id: MessageId, text: string, context?: Record<string, unknown>): UiText =>
  context ? { id, text, type: 'error', context } : { id, text, type: 'error' };

// Login (101xxxx)
export const signIn = () => info(messageIds.signIn, 'Sign in');
/** The label of a provider button (NewInfoLoginWith); `provider` is its label, or its id without one. */
export const signInWith = (provider: string, providerId: string) =>
  info(messageIds.signInWith, `Sign in with ${provider}`, { provider, provider_id: providerId });
export const loginReAuth = () =>
  info(messageIds.loginReAuth, 'Please confirm this action by verifying that it is you.');
export const loginMfa = () =>
  info(messageIds.loginMfa, 'Please complete the second authentication challenge.');
export const loginTotpLabel = () => info(messageIds.loginTotpLabel, 'Authentication code');
export const loginLookupLabel = () => info(messageIds.loginLookupLabel, 'Backup recovery code');
export const loginUseTotp = () => info(messageIds.loginUseTotp, 'Use Authenticator');
export const loginUseLookup = () => info(messageIds.loginUseLookup, 'Use backup recovery code');
export const loginCodeSent = () =>
  info(
    messageIds.loginCodeSent,
    'An email containing a code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and retry the login.',
  );
/**
 * NewInfoLoginLinkMessage: a provider vouched for an address that an existing account uses (account linking).
 * `newLoginUrl` is Kratos's login UI address (`selfservice.flows.login.ui_url`, here its default).
 */
export const loginLinkMessage = (identifier: string, provider: string) =>
  info(
    messageIds.loginLinkMessage,
    `You tried to sign in with "${identifier}", but that email is already used by another account. Sign in to your account with one of the options below to add your account "${identifier}" at "${provider}" as another way to sign in.`,
    {
      available_credential_types: [],
      available_providers: [],
      duplicateIdentifier: identifier,
      duplicate_identifier: identifier,
      newLoginUrl: KRATOS_FALLBACK_LOGIN_UI,
      new_login_url: KRATOS_FALLBACK_LOGIN_UI,
      provider,
    },
  );
const KRATOS_FALLBACK_LOGIN_UI = 'https://www.ory.sh/kratos/docs/fallback/login';
export const sendSignInCode = () => info(messageIds.sendSignInCode, 'Send sign in code');
export const signInWithPassword = () => info(messageIds.signInWithPassword, 'Sign in with password');
/** The label of a second-factor code button (NewInfoSelfServiceLoginAAL2CodeAddress). */
export const sendCodeTo = (address: string) =>
  info(messageIds.sendCodeTo, `Send code to ${address}`, { address, channel: 'email' });

// Registration (104xxxx)
export const signUp = () => info(messageIds.signUp, 'Sign up');
export const signUpWith = (provider: string, providerId: string) =>
  info(messageIds.signUpWith, `Sign up with ${provider}`, { provider, provider_id: providerId });
export const registrationCodeSent = () =>
  info(
    messageIds.registrationCodeSent,
    'An email containing a code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and retry the registration.',
  );
export const sendSignUpCode = () => info(messageIds.sendSignUpCode, 'Send sign up code');
export const registrationBack = () => info(messageIds.registrationBack, 'Back');
export const chooseCredentials = () =>
  info(messageIds.chooseCredentials, 'Please choose a credential to authenticate yourself with.');

// Settings (105xxxx)
export const settingsSaved = (): UiText => ({
  id: messageIds.settingsSaved,
  text: 'Your changes have been saved!',
  type: 'success',
});
export const unlinkTotp = () => info(messageIds.unlinkTotp, 'Unlink TOTP Authenticator App');
export const totpQrCode = () => info(messageIds.totpQrCode, 'Authenticator app QR code');
export const totpSecret = (secret: string) => info(messageIds.totpSecret, secret, { secret });
export const revealLookup = () => info(messageIds.revealLookup, 'Reveal backup recovery codes');
export const regenerateLookup = () => info(messageIds.regenerateLookup, 'Generate new backup recovery codes');
export const lookupSecret = (secret: string) => info(messageIds.lookupSecret, secret, { secret });
export const confirmLookup = () => info(messageIds.confirmLookup, 'Confirm backup recovery codes');
export const lookupSecretsLabel = () =>
  info(
    messageIds.lookupSecretsLabel,
    'These are your back up recovery codes. Please keep them in a safe place!',
  );
/** Go prints the time as `2021-08-17 11:32:39 +0000 UTC`. */
export const lookupSecretUsed = (usedAt: Date) =>
  info(
    messageIds.lookupSecretUsed,
    `Secret was used at ${usedAt
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, '')} +0000 UTC`,
    {
      used_at: usedAt.toISOString(),
      used_at_unix: Math.floor(usedAt.getTime() / 1000),
    },
  );
export const lookupSecretList = (texts: string[], secrets: UiText[]) =>
  info(messageIds.lookupSecretList, texts.join(', '), { secrets });
export const disableLookup = () => info(messageIds.disableLookup, 'Disable this method');
export const totpSecretLabel = () =>
  info(
    messageIds.totpSecretLabel,
    'This is your authenticator app secret. Use it if you can not scan the QR code.',
  );

// Recovery (106xxxx)
export const recoverySuccessful = () =>
  info(
    messageIds.recoverySuccessful,
    'You successfully recovered your account. Please change your password or set up an alternative login method (e.g. social sign in) within the next 60.00 minutes.',
  );
export const recoveryCodeSent = () =>
  info(
    messageIds.recoveryCodeSent,
    'An email containing a recovery code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with.',
  );

// Node labels (107xxxx)
export const labelPassword = () => info(messageIds.labelPassword, 'Password');
export const labelGenerated = (name: string, title: string) =>
  info(messageIds.labelGenerated, title, { name, title });
export const labelSave = () => info(messageIds.labelSave, 'Save');
export const labelId = () => info(messageIds.labelId, 'ID');
export const labelVerifyCode = () => info(messageIds.labelVerifyCode, 'Verify code');
export const labelEmail = () => info(messageIds.labelEmail, 'Email');
export const labelResendCode = () => info(messageIds.labelResendCode, 'Resend code');
export const labelContinue = () => info(messageIds.labelContinue, 'Continue');
export const labelRecoveryCode = () => info(messageIds.labelRecoveryCode, 'Recovery code');
export const labelVerificationCode = () => info(messageIds.labelVerificationCode, 'Verification code');
export const labelRegistrationCode = () => info(messageIds.labelRegistrationCode, 'Registration code');
export const labelLoginCode = () => info(messageIds.labelLoginCode, 'Login code');

// Verification (108xxxx)
export const verificationCodeSent = () =>
  info(
    messageIds.verificationCodeSent,
    'An email containing a verification code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with.',
  );
export const verificationSuccessful = () =>
  info(messageIds.verificationSuccessful, 'You successfully verified your email address.');

// Validation errors (400xxxx)
export const validationGeneric = (reason: string) => error(messageIds.validationGeneric, reason, { reason });
export const validationRequired = (property: string) =>
  error(messageIds.validationRequired, `Property ${property} is missing.`, { property });
export const validationMinLength = (minLength: number, actualLength: number) =>
  error(messageIds.validationMinLength, `length must be >= ${minLength}, but got ${actualLength}`, {
    min_length: minLength,
    actual_length: actualLength,
  });
export const invalidCredentials = () =>
  error(
    messageIds.invalidCredentials,
    'The provided credentials are invalid, check for spelling mistakes in your password or username, email address, or phone number.',
  );
export const duplicateCredentials = () =>
  error(
    messageIds.duplicateCredentials,
    'An account with the same identifier (email, phone, username, ...) exists already.',
  );
export const totpCodeWrong = () =>
  error(messageIds.totpCodeWrong, 'The provided authentication code is invalid, please try again.');
export const lookupAlreadyUsed = () =>
  error(messageIds.lookupAlreadyUsed, 'This backup recovery code has already been used.');
export const lookupInvalid = () => error(messageIds.lookupInvalid, 'The backup recovery code is not valid.');
export const passwordTooSimilar = () =>
  error(
    messageIds.passwordTooSimilar,
    'The password can not be used because it is too similar to the identifier.',
  );
export const noCodeUser = () =>
  error(messageIds.noCodeUser, 'This account does not exist or has not setup sign in with code.');
/**
 * A malformed email address on the recovery/verification code forms. Current Kratos's id (4000040); v1.3.1 sends
 * 4000001 with the schema validator's text instead (listed in docs/emulator.md). The text is Ory's own wording
 * for this id (Ory Elements' message catalogue): Kratos's Go text was not available to copy.
 */
export const invalidEmail = () => error(messageIds.invalidEmail, 'Enter a valid email address');
export const passwordMinLength = (minLength: number, actualLength: number) =>
  error(
    messageIds.passwordMinLength,
    `The password must be at least ${minLength} characters long, but got ${actualLength}.`,
    {
      min_length: minLength,
      actual_length: actualLength,
    },
  );

// Flow-level errors (401xxxx login, 404xxxx registration, 405xxxx settings, 406xxxx recovery, 407xxxx verification)
/** Shared shape of the "<kind> flow expired" messages (NewErrorValidation<Kind>FlowExpired). */
const flowExpired = (id: MessageId, kind: string) => (expiredAt: Date, now: Date) =>
  error(
    id,
    `The ${kind} flow expired ${((now.getTime() - expiredAt.getTime()) / 60000).toFixed(2)} minutes ago, please try again.`,
    {
      expired_at: expiredAt.toISOString(),
      expired_at_unix: Math.floor(expiredAt.getTime() / 1000),
    },
  );
export const loginFlowExpired = flowExpired(messageIds.loginFlowExpired, 'login');
export const registrationFlowExpired = flowExpired(messageIds.registrationFlowExpired, 'registration');
export const settingsFlowExpired = flowExpired(messageIds.settingsFlowExpired, 'settings');
export const recoveryFlowExpired = flowExpired(messageIds.recoveryFlowExpired, 'recovery');
export const verificationFlowExpired = flowExpired(messageIds.verificationFlowExpired, 'verification');
export const loginNoStrategy = () =>
  error(
    messageIds.loginNoStrategy,
    'Could not find a strategy to log you in with. Did you fill out the form correctly?',
  );
export const registrationNoStrategy = () =>
  error(
    messageIds.registrationNoStrategy,
    'Could not find a strategy to sign you up with. Did you fill out the form correctly?',
  );
export const settingsNoStrategy = () =>
  error(
    messageIds.settingsNoStrategy,
    'Could not find a strategy to update your settings. Did you fill out the form correctly?',
  );
export const recoveryNoStrategy = () =>
  error(
    messageIds.recoveryNoStrategy,
    'Could not find a strategy to recover your account with. Did you fill out the form correctly?',
  );
export const verificationNoStrategy = () =>
  error(
    messageIds.verificationNoStrategy,
    'Could not find a strategy to verify your account with. Did you fill out the form correctly?',
  );
export const loginCodeInvalid = () =>
  error(messageIds.loginCodeInvalid, 'The login code is invalid or has already been used. Please try again.');
export const registrationCodeInvalid = () =>
  error(
    messageIds.registrationCodeInvalid,
    'The registration code is invalid or has already been used. Please try again.',
  );
export const recoveryCodeInvalid = () =>
  error(
    messageIds.recoveryCodeInvalid,
    'The recovery code is invalid or has already been used. Please try again.',
  );
export const verificationCodeInvalid = () =>
  error(
    messageIds.verificationCodeInvalid,
    'The verification code is invalid or has already been used. Please try again.',
  );

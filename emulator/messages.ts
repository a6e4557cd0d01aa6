/**
 * Kratos UI texts (`uiText`): ids and English texts copied from ory/kratos text/message_*.go and text/id.go.
 * One function per message so call sites read like Kratos's own `text.New...()` calls.
 */
import type { UiText } from '../shared/kratos-wire';

export type { UiText };

const info = (id: number, text: string, context?: Record<string, unknown>): UiText =>
  context ? { id, text, type: 'info', context } : { id, text, type: 'info' };
const error = (id: number, text: string, context?: Record<string, unknown>): UiText =>
  context ? { id, text, type: 'error', context } : { id, text, type: 'error' };

// Login (101xxxx)
export const signIn = () => info(1010001, 'Sign in');
/** The label of a provider button (NewInfoLoginWith); `provider` is its label, or its id without one. */
export const signInWith = (provider: string, providerId: string) =>
  info(1010002, `Sign in with ${provider}`, { provider, provider_id: providerId });
export const loginReAuth = () => info(1010003, 'Please confirm this action by verifying that it is you.');
export const loginMfa = () => info(1010004, 'Please complete the second authentication challenge.');
export const loginTotpLabel = () => info(1010006, 'Authentication code');
export const loginLookupLabel = () => info(1010007, 'Backup recovery code');
export const loginUseTotp = () => info(1010009, 'Use Authenticator');
export const loginUseLookup = () => info(1010010, 'Use backup recovery code');
export const loginCodeSent = () =>
  info(
    1010014,
    'An email containing a code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and retry the login.',
  );
export const sendSignInCode = () => info(1010015, 'Send sign in code');
export const signInWithPassword = () => info(1010022, 'Sign in with password');

// Registration (104xxxx)
export const signUp = () => info(1040001, 'Sign up');
export const signUpWith = (provider: string, providerId: string) =>
  info(1040002, `Sign up with ${provider}`, { provider, provider_id: providerId });
export const registrationCodeSent = () =>
  info(
    1040005,
    'An email containing a code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and retry the registration.',
  );
export const sendSignUpCode = () => info(1040006, 'Send sign up code');
export const registrationBack = () => info(1040008, 'Back');
export const chooseCredentials = () =>
  info(1040009, 'Please choose a credential to authenticate yourself with.');

// Settings (105xxxx)
export const settingsSaved = (): UiText => ({
  id: 1050001,
  text: 'Your changes have been saved!',
  type: 'success',
});
export const unlinkTotp = () => info(1050004, 'Unlink TOTP Authenticator App');
export const totpQrCode = () => info(1050005, 'Authenticator app QR code');
export const totpSecret = (secret: string) => info(1050006, secret, { secret });
export const revealLookup = () => info(1050007, 'Reveal backup recovery codes');
export const regenerateLookup = () => info(1050008, 'Generate new backup recovery codes');
export const lookupSecret = (secret: string) => info(1050009, secret, { secret });
export const confirmLookup = () => info(1050011, 'Confirm backup recovery codes');
export const lookupSecretsLabel = () =>
  info(1050010, 'These are your back up recovery codes. Please keep them in a safe place!');
/** Go prints the time as `2021-08-17 11:32:39 +0000 UTC`. */
export const lookupSecretUsed = (usedAt: Date) =>
  info(
    1050014,
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
  info(1050015, texts.join(', '), { secrets });
export const disableLookup = () => info(1050016, 'Disable this method');
export const totpSecretLabel = () =>
  info(1050017, 'This is your authenticator app secret. Use it if you can not scan the QR code.');

// Recovery (106xxxx)
export const recoverySuccessful = () =>
  info(
    1060001,
    'You successfully recovered your account. Please change your password or set up an alternative login method (e.g. social sign in) within the next 60.00 minutes.',
  );
export const recoveryCodeSent = () =>
  info(
    1060003,
    'An email containing a recovery code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with.',
  );

// Node labels (107xxxx)
export const labelPassword = () => info(1070001, 'Password');
export const labelGenerated = (name: string, title: string) => info(1070002, title, { name, title });
export const labelSave = () => info(1070003, 'Save');
export const labelId = () => info(1070004, 'ID');
export const labelVerifyCode = () => info(1070006, 'Verify code');
export const labelEmail = () => info(1070007, 'Email');
export const labelResendCode = () => info(1070008, 'Resend code');
export const labelContinue = () => info(1070009, 'Continue');
export const labelRecoveryCode = () => info(1070010, 'Recovery code');
export const labelVerificationCode = () => info(1070011, 'Verification code');
export const labelRegistrationCode = () => info(1070012, 'Registration code');
export const labelLoginCode = () => info(1070013, 'Login code');

// Verification (108xxxx)
export const verificationCodeSent = () =>
  info(
    1080003,
    'An email containing a verification code has been sent to the email address you provided. If you have not received an email, check the spelling of the address and make sure to use the address you registered with.',
  );
export const verificationSuccessful = () => info(1080002, 'You successfully verified your email address.');

// Validation errors (400xxxx)
export const validationGeneric = (reason: string) => error(4000001, reason, { reason });
export const validationRequired = (property: string) =>
  error(4000002, `Property ${property} is missing.`, { property });
export const validationMinLength = (minLength: number, actualLength: number) =>
  error(4000003, `length must be >= ${minLength}, but got ${actualLength}`, {
    min_length: minLength,
    actual_length: actualLength,
  });
export const invalidCredentials = () =>
  error(
    4000006,
    'The provided credentials are invalid, check for spelling mistakes in your password or username, email address, or phone number.',
  );
export const duplicateCredentials = () =>
  error(4000007, 'An account with the same identifier (email, phone, username, ...) exists already.');
export const totpCodeWrong = () =>
  error(4000008, 'The provided authentication code is invalid, please try again.');
export const lookupAlreadyUsed = () => error(4000012, 'This backup recovery code has already been used.');
export const lookupInvalid = () => error(4000016, 'The backup recovery code is not valid.');
export const passwordTooSimilar = () =>
  error(4000031, 'The password can not be used because it is too similar to the identifier.');
export const noCodeUser = () =>
  error(4000035, 'This account does not exist or has not setup sign in with code.');
/**
 * A malformed email address on the recovery/verification code forms. Current Kratos's id (4000040); v1.3.1 sends
 * 4000001 with the schema validator's text instead (listed in docs/emulator.md). The text is Ory's own wording
 * for this id (Ory Elements' message catalogue): Kratos's Go text was not available to copy.
 */
export const invalidEmail = () => error(4000040, 'Enter a valid email address');
export const passwordMinLength = (minLength: number, actualLength: number) =>
  error(4000032, `The password must be at least ${minLength} characters long, but got ${actualLength}.`, {
    min_length: minLength,
    actual_length: actualLength,
  });

// Flow-level errors (401xxxx login, 404xxxx registration, 405xxxx settings, 406xxxx recovery, 407xxxx verification)
/** Shared shape of the "<kind> flow expired" messages (NewErrorValidation<Kind>FlowExpired). */
const flowExpired = (id: number, kind: string) => (expiredAt: Date, now: Date) =>
  error(
    id,
    `The ${kind} flow expired ${((now.getTime() - expiredAt.getTime()) / 60000).toFixed(2)} minutes ago, please try again.`,
    {
      expired_at: expiredAt.toISOString(),
      expired_at_unix: Math.floor(expiredAt.getTime() / 1000),
    },
  );
export const loginFlowExpired = flowExpired(4010001, 'login');
export const registrationFlowExpired = flowExpired(4040001, 'registration');
export const settingsFlowExpired = flowExpired(4050001, 'settings');
export const recoveryFlowExpired = flowExpired(4060005, 'recovery');
export const verificationFlowExpired = flowExpired(4070005, 'verification');
export const loginNoStrategy = () =>
  error(4010002, 'Could not find a strategy to log you in with. Did you fill out the form correctly?');
export const registrationNoStrategy = () =>
  error(4010003, 'Could not find a strategy to sign you up with. Did you fill out the form correctly?');
export const settingsNoStrategy = () =>
  error(4010004, 'Could not find a strategy to update your settings. Did you fill out the form correctly?');
export const recoveryNoStrategy = () =>
  error(
    4010005,
    'Could not find a strategy to recover your account with. Did you fill out the form correctly?',
  );
export const verificationNoStrategy = () =>
  error(
    4010006,
    'Could not find a strategy to verify your account with. Did you fill out the form correctly?',
  );
export const loginCodeInvalid = () =>
  error(4010008, 'The login code is invalid or has already been used. Please try again.');
export const registrationCodeInvalid = () =>
  error(4040003, 'The registration code is invalid or has already been used. Please try again.');
export const recoveryCodeInvalid = () =>
  error(4060006, 'The recovery code is invalid or has already been used. Please try again.');
export const verificationCodeInvalid = () =>
  error(4070006, 'The verification code is invalid or has already been used. Please try again.');

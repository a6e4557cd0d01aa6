/**
 * English sentences for Kratos ui messages (`ui.messages`, node messages, labels), keyed by the message id:
 * part of the English catalogue (en.ts). A translation writes the same table in its language.
 *
 * Ids and context keys: kratos `text/message_*.go`; wording follows Ory Elements' `locales/en.json` where that
 * reads well. Ranges: 101xxxx login, 104xxxx registration, 105xxxx settings, 106xxxx recovery,
 * 107xxxx labels, 108xxxx verification, 400xxxx validation, 401xxxx login, 404xxxx registration,
 * 405xxxx settings, 406xxxx recovery, 407xxxx verification, 500xxxx system.
 */
import type { MessageId } from '../kratos-messages';
import type { UiText } from '../kratos-wire';
import { amount } from '../intl-words';
import {
  humanProperty,
  listText,
  localTime,
  minutesBetween,
  reasonIn,
  schemaTitle,
  secretsList,
  text,
  type MessageContext,
} from './context';

/**
 * A sentence with `{key}` placeholders filled from the context, or a function for sentences that need
 * more than a lookup (lists, dates, minutes). A function returns `undefined` when the context lacks its inputs.
 */
export type KratosTemplate =
  | string
  | ((context: MessageContext, now: number, render: (message: UiText) => string) => string | undefined);

const flowExpired = (what: string) => (context: MessageContext, now: number) => {
  const minutes = minutesBetween(context['expired_at'], now);
  if (minutes === undefined) return undefined;
  return `The ${what} form expired ${amount('en', minutes, 'minute')} ago. Please try again.`;
};

/**
 * "A code was sent": with the address and the flow's expiry when the screen knows them (flow/presentation.ts
 * adds `sent_to` and `code_expires_at`), else Kratos's general sentence.
 */
const codeSentTo = (what: string, general: string) => (context: MessageContext, now: number) => {
  const address = text(context['sent_to']);
  if (address === undefined) return general;
  const until = localTime(context['code_expires_at']);
  const minutes = minutesBetween(now, context['code_expires_at']);
  const validity =
    until === undefined || minutes === undefined
      ? ''
      : ` It can be used until ${until} (${amount('en', minutes, 'minute')} from now).`;
  return `A ${what} code was sent to ${address}.${validity} If it does not arrive, check the spelling and make sure it is the address you registered with.`;
};

const alreadyCompleted = 'This request was already completed and cannot be sent again.';

/**
 * 4000001 carries any error as Kratos's developer English (`reason`): the ones a person meets in a social
 * sign-in get a sentence of their own (the reasons are Kratos's `selfservice/strategy/oidc` texts); any other
 * reason is shown as Kratos wrote it.
 */
const reasonSentences: readonly (readonly [RegExp, string])[] = [
  [
    /the OpenID Provider returned error "access_denied"/,
    'The sign-in at the provider was declined, so you are not signed in. To try again, choose the provider once more, or sign in another way.',
  ],
  [
    /last remaining first factor/,
    'This provider is the only way to sign in to your account, so it cannot be removed. Add a password or another provider first.',
  ],
  [
    /would lock you out of your account/,
    'This is the only way to sign in to your account, so it cannot be removed. Add another way to sign in first.',
  ],
];
const validationGeneric = reasonIn(reasonSentences);

/**
 * The `satisfies` holds the catalogue to the one table of Kratos messages (shared/kratos-messages.ts): a
 * sentence for every id there, and no id that is not. The type stays keyed by number: a message may carry any.
 */
export const kratosMessages: Readonly<Record<number, KratosTemplate>> = {
  // 101xxxx: login
  1010001: 'Sign in',
  1010002: 'Sign in with {provider}',
  1010003: 'Please confirm this action by verifying that it is you.',
  1010004: 'Please complete the second authentication challenge.',
  1010005: 'Verify',
  1010006: 'Authentication code',
  1010007: 'Backup recovery code',
  1010008: 'Sign in with a hardware key',
  1010009: 'Use authenticator app',
  1010010: 'Use backup recovery code',
  1010011: 'Continue with security key',
  1010012: 'Prepare your security key or biometric device and press continue.',
  1010013: 'Continue',
  1010014: codeSentTo(
    'sign-in',
    "A code was sent to the address you provided. If you didn't receive it, check the spelling of the address and try again.",
  ),
  1010015: 'Send sign-in code',
  1010016: (context) => {
    const identifier = text(context['duplicateIdentifier']) ?? text(context['duplicate_identifier']);
    const provider = text(context['provider']);
    if (identifier === undefined || provider === undefined) return undefined;
    return `You tried to sign in with "${identifier}", but that email is already used by another account. Sign in to that account with one of the options below to add "${identifier}" at "${provider}" as another way to sign in.`;
  },
  1010017: 'Sign in and link',
  1010018: 'Confirm with {provider}',
  1010019: 'Request a code to continue',
  1010021: 'Sign in with passkey',
  1010022: 'Sign in with password',
  1010023: 'Send code to {address}',
  1010025: "A code was sent to your address. If you didn't receive it, please try again.",

  // 104xxxx: registration
  1040001: 'Sign up',
  1040002: 'Sign up with {provider}',
  1040003: 'Continue',
  1040004: 'Sign up with security key',
  1040005:
    'A code has been sent to the address you provided. If you have not received it, check the spelling of the address and try again.',
  1040006: 'Send sign-up code',
  1040007: 'Sign up with passkey',
  1040008: 'Back',
  1040009: 'Choose how you will sign in to your new account.',

  // 105xxxx: settings
  1050001: 'Your changes have been saved.',
  1050002: 'Link {provider}',
  1050003: 'Unlink {provider}',
  1050004: 'Unlink authenticator app',
  1050005: 'Authenticator app QR code',
  1050006: '{secret}',
  1050007: 'Reveal backup recovery codes',
  1050008: 'Generate new backup recovery codes',
  1050009: '{secret}',
  1050010: 'These are your backup recovery codes. Keep them in a safe place!',
  1050011: 'Confirm backup recovery codes',
  1050012: 'Add security key',
  1050013: 'Name of the security key',
  1050014: (context) => {
    const usedAt = localTime(context['used_at']);
    return usedAt === undefined ? undefined : `Used on ${usedAt}`;
  },
  1050015: secretsList,
  1050016: 'Disable this method',
  1050017: 'Authenticator app secret (use it if you cannot scan the QR code)',
  1050018: 'Remove security key "{display_name}"',
  1050019: 'Add passkey',
  1050020: (context) => {
    const name = text(context['display_name']) ?? '';
    const added = localTime(context['added_at']);
    return added === undefined ? `Remove passkey "${name}"` : `Remove passkey "${name}", added ${added}`;
  },

  // 106xxxx: recovery
  1060001: (context, now) => {
    const minutes = minutesBetween(now, context['privileged_session_expires_at']);
    const within = minutes === undefined ? 'soon' : `within the next ${amount('en', minutes, 'minute')}`;
    return `You recovered your account. Please change your password or set up another sign-in method ${within}.`;
  },
  1060002:
    'An email containing a recovery link has been sent to the address you provided. If it does not arrive, check the spelling and make sure to use the address you registered with.',
  1060003: codeSentTo(
    'recovery',
    'An email containing a recovery code has been sent to the address you provided. If it does not arrive, check the spelling and make sure to use the address you registered with.',
  ),
  1060004:
    'A recovery code has been sent to "{masked_address}". If it does not arrive, check the spelling and make sure to use the address you registered with.',
  1060005: 'Recover access to your account by entering your recovery address in full.',
  1060006: 'How do you want to recover your account?',
  1060007: 'Back',

  // 107xxxx: labels
  1070001: 'Password',
  1070002: schemaTitle('Email'),
  1070003: 'Save',
  1070004: 'Email or username',
  1070005: 'Submit',
  1070006: 'Verification code',
  1070007: 'Email',
  1070008: 'Resend code',
  1070009: 'Continue',
  1070010: 'Recovery code',
  1070011: 'Verification code',
  1070012: 'Registration code',
  1070013: 'Sign-in code',
  1070014: 'Sign in and link this sign-in method',
  1070015: 'Please complete the captcha challenge to continue.',
  1070016: 'Recovery address',
  1070017: 'Phone number',

  // 108xxxx: verification
  1080001:
    'An email containing a verification link has been sent to the address you provided. If it does not arrive, check the spelling and make sure to use the address you registered with.',
  1080002: 'You successfully verified your email address.',
  1080003: codeSentTo(
    'verification',
    'An email containing a verification code has been sent to the address you provided. If it does not arrive, check the spelling and make sure to use the address you registered with.',
  ),

  // 400xxxx: validation
  4000001: validationGeneric,
  4000002: (context) => {
    const property = text(context['property']);
    return property === undefined ? undefined : `Please enter the ${humanProperty(property)}.`;
  },
  4000003: 'Must be at least {min_length} characters long, but got {actual_length}.',
  4000004: 'Does not match the expected format ({pattern}).',
  4000005: 'The password cannot be used because {reason}.',
  4000006:
    'The password is wrong, or no account uses that email address, phone number or user name. Check both for typing mistakes.',
  4000007: 'An account with this email, phone number or user name exists already.',
  4000008: 'The authentication code is invalid. Please try again.',
  4000009:
    'This account has nothing to sign in with (no email, phone number or user name). The server may be misconfigured.',
  4000010: 'This account is not active yet. Did you forget to verify your email address?',
  4000011: 'You have no authenticator app set up.',
  4000012: 'This backup recovery code has already been used.',
  4000013: 'You have no security key set up.',
  4000014: 'You have no backup recovery codes set up.',
  4000015: 'This account does not exist or has no security key set up.',
  4000016: 'The backup recovery code is not valid.',
  4000017: 'Must be at most {max_length} characters long, but got {actual_length}.',
  4000018: 'Must be at least {minimum}, but got {actual}.',
  4000019: 'Must be greater than {minimum}, but got {actual}.',
  4000020: 'Must be at most {maximum}, but got {actual}.',
  4000021: 'Must be less than {maximum}, but got {actual}.',
  4000022: '{actual} is not a multiple of {base}.',
  4000023: 'At most {max_items} items are allowed, but got {actual_items}.',
  4000024: 'At least {min_items} items are required, but got {actual_items}.',
  4000025: 'Items {index_a} and {index_b} are equal; every item must be unique.',
  4000026: (context) => {
    const allowed = listText(context['allowed_types']);
    const actual = text(context['actual_type']);
    return allowed === undefined || actual === undefined
      ? undefined
      : `Expected ${allowed}, but got ${actual}.`;
  },
  4000027:
    'An account with this email, phone number or user name exists already. Sign in to that account to link your social profile.',
  4000028: (context) => {
    const hint = text(context['credential_identifier_hint']);
    const types = listText(context['available_credential_types']);
    if (hint === undefined || types === undefined) return undefined;
    const providers = listText(context['available_oidc_providers']);
    const social = providers === undefined ? '' : ` or one of these social sign-in providers: ${providers}`;
    return `You tried signing in with ${hint}, which is already used by another account. You can sign in using ${types}${social}.`;
  },
  4000029: 'Must be equal to {expected}.',
  4000030: 'This value is not allowed.',
  4000031: 'The password cannot be used because it is too similar to your email or user name.',
  4000032: 'The password must be at least {min_length} characters long, but got {actual_length}.',
  4000033: 'The password must be at most {max_length} characters long, but got {actual_length}.',
  4000034: 'The password has been found in data breaches and must no longer be used.',
  4000035: 'This account does not exist or has not set up sign-in with code.',
  4000036: 'The provided traits do not match the traits previously associated with this flow.',
  4000037: 'This account does not exist or has no sign-in method configured.',
  4000038: 'Captcha verification failed. Please try again.',
  4000039: 'The new password must be different from the old password.',
  4000040: 'Enter a valid email address.',
  4000041: 'Enter a valid phone number.',

  // 401xxxx: login
  4010001: flowExpired('sign-in'),
  4010002: 'Could not find a way to sign you in with this data. Did you fill out the form correctly?',
  4010003: 'Could not find a way to sign you up with this data. Did you fill out the form correctly?',
  4010004:
    'Could not find a way to update your settings with this data. Did you fill out the form correctly?',
  4010005:
    'Could not find a way to recover your account with this data. Did you fill out the form correctly?',
  4010006: 'Could not find a way to verify your account with this data. Did you fill out the form correctly?',
  4010007: alreadyCompleted,
  4010008: 'The sign-in code is invalid or has already been used. Please try again.',
  4010009: 'The linked sign-in methods do not match.',
  4010010: 'The address you entered does not match any known address of this account.',

  // 404xxxx: registration
  4040001: flowExpired('sign-up'),
  4040002: alreadyCompleted,
  4040003: 'The registration code is invalid or has already been used. Please try again.',

  // 405xxxx: settings
  4050001: flowExpired('settings'),

  // 406xxxx: recovery
  4060001: alreadyCompleted,
  4060002: 'The recovery failed and must be started again.',
  4060003: 'The recovery token is missing. Please start the recovery again.',
  4060004: 'The recovery token is invalid or has already been used. Please start the recovery again.',
  4060005: flowExpired('recovery'),
  4060006: 'The recovery code is invalid or has already been used. Please try again.',
  4060007: 'The recovery code was submitted too often. Please start the recovery again.',

  // 407xxxx: verification
  4070001: 'The verification token is invalid or has already been used. Please start the verification again.',
  4070002: alreadyCompleted,
  4070003: 'The verification failed and must be started again.',
  4070004: 'The verification token is missing. Please start the verification again.',
  4070005: flowExpired('verification'),
  4070006: 'The verification code is invalid or has already been used. Please try again.',

  // 500xxxx: system
  5000001: '{reason}',
  5000002: 'No way to sign in is available on this server. Please contact its administrator.',
} satisfies Readonly<Record<MessageId, KratosTemplate>>;

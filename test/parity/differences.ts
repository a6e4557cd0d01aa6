/**
 * Every difference between the emulator and each real Kratos release that the parity suite still sees, with
 * its reason: one list per release. The suite fails on a difference missing from the list of the release it
 * runs on AND on an entry that no longer occurs there, so each list is always exactly the truth.
 *
 * The emulator follows v26.2.0, the primary real server (measured; its source is in the project's build).
 * Every reason names the release that behaves so. Where v1.3.1 differs from v26.2.0, the entry is on
 * v1.3.1's list; an entry on v26.2.0's list is a difference the emulator should still remove
 * (NOT_YET_ALIGNED), or a quirk of both releases that the emulator does not copy, with why.
 */
import type { KratosVersion } from '../support/real-kratos';
import type { ClientView } from './view';

/** `step` of an entry that holds for every step where the field differs (one reason, said once). */
export const EVERY_STEP = '*';

export interface KnownDifference {
  scenario: 'main' | 'short' | 'social' | 'mfa-code' | 'kratos-defaults';
  /** A step name of script.ts, or EVERY_STEP. */
  step: string;
  fields: Array<keyof ClientView>;
  reason: string;
}

/** @public The reason compare.ts writes for a new difference, pasted here until the emulator follows. */
export const NOT_YET_ALIGNED = 'emulator not yet aligned with v26.2.0 — kratos26';

// Reasons, one per cause (several steps share one).
const SHOW_VERIFICATION = `v1.3.1 adds 'show_verification_ui' to registration's continue_with when verification is on; v26.2.0 adds it only with the show_verification_ui hook, and the emulator follows v26.2.0`;
const SESSIONS_AAL1 = `GET /sessions with the aal1 token of an identity with a second factor: v1.3.1 lists the sessions (200); v26.2.0 answers 403 session_aal2_required and the emulator follows v26.2.0`;
const SESSIONS_PAGES = `GET /sessions Link header: v1.3.1 and v26.2.0 link only 'first' on a page with sessions, and 'first', 'next' and 'prev' on an empty page after the last session (measured), so a client that follows 'next' never stops by itself; the emulator writes ory/x pagination's set (fixtures/pagination-link-header.json: 'first', 'next'/'prev' only where such a page exists, 'last'), and the app ends the list at an empty page either way (main/session/controller.ts)`;
const RECOVERY_MALFORMED = `recovery with a malformed address: both answer a 400 flow with a message on 'email'; v1.3.1's id is 4000001 (the schema validator's text), v26.2.0's 4000040, which the emulator sends`;
const CACHE_CONTROL = `v1.3.1 sends 'Cache-Control: private, no-cache, no-store, must-revalidate' on every API answer; v26.2.0 on GET answers only (oryx/httprouterx NoCacheNegroni), and the emulator follows v26.2.0`;
const CSRF_FIRST = `registration forms: v1.3.1 puts the csrf_token node after the traits, and on the credentials screen the hidden traits (not required) after the password and Back; v26.2.0 puts csrf_token first, sorts the credentials screen by the schema (identifier, password, other traits, method, Back) and marks hidden traits required as the schema says; the emulator follows v26.2.0`;
const PROFILE_AFTER_AGE = `changing only the profile's name after the privileged age: v1.3.1 saves it; v26.2.0 answers 403 session_refresh_required (its SetTraits builds the verifiable addresses anew, which its privileged-access check sees as a change), and the emulator follows v26.2.0`;
const FAST_LOGIN = `an aal2 flow for an identity whose only second factor is one code address: v26.2.0 creates it with the code sent (200, state sent_email, "fast login": code strategy FastLogin2FA), v1.3.1 offers "Send code to …" first; the emulator follows v26.2.0, so every later step of the flow differs`;

const FAST_LOGIN_STEPS: Array<[string, KnownDifference['fields']]> = [
  ['mfa code: create the aal2 flow', ['keys', 'state', 'messages', 'nodes']],
  ['mfa code: send without an address', ['keys', 'state', 'nodes']],
  ['mfa code: an address that is not theirs', ['keys', 'state', 'messages', 'nodes']],
  ['mfa code: send the code', ['keys', 'messages', 'nodes']],
  ['mfa code: fetch the flow', ['messages', 'nodes']],
  ['mfa code: resend the code', ['nodes']],
  ['mfa code: no code', ['nodes']],
  ['mfa code: a wrong code', ['nodes']],
  ['mfa code: create another aal2 flow', ['keys', 'state', 'messages', 'nodes']],
  ['mfa code: the address button alone', ['keys', 'messages', 'nodes']],
];

const sessionsPages: KnownDifference[] = (
  [
    ['main', 'sessions: list the other sessions'],
    ['social', 'sessions: a list with no other sessions'],
    ['kratos-defaults', 'defaults: list the other sessions'],
  ] as const
).map(([scenario, step]) => ({ scenario, step, fields: ['pages'], reason: SESSIONS_PAGES }));

/** The steps that answer with a registration form (test/parity/script.ts). */
const REGISTRATION_FORMS: Array<[KnownDifference['scenario'], string]> = [
  ...[
    'registration: create the flow',
    'registration: password without an email',
    'registration: a password that is too short',
    'registration: the profile step',
    'registration: back to the profile step',
    'registration: the profile step again',
    'registration: create a flow for a taken address',
    'registration: an address that is taken',
    'setup: registration flow for parity-other@example.org',
  ].map((step): [KnownDifference['scenario'], string] => ['main', step]),
  ['short', 'setup: registration flow for parity-code@example.org'],
  ['social', 'social sign-up: create the flow'],
  ['social', 'setup: registration flow for parity-linking@example.org'],
  ['social', 'setup: registration flow for parity-alone@example.org'],
  ['mfa-code', 'setup: registration flow for parity-mfa@example.org'],
  ['kratos-defaults', 'defaults: create a registration flow'],
  ['kratos-defaults', 'defaults: the profile step'],
  ['kratos-defaults', 'defaults: a password that is too short'],
];

const registrations: Array<[KnownDifference['scenario'], string]> = [
  ['main', 'registration: the password step'],
  ['main', 'setup: register parity-other@example.org'],
  ['short', 'setup: register parity-code@example.org'],
  ['social', 'setup: register parity-linking@example.org'],
  ['social', 'setup: register parity-alone@example.org'],
  ['mfa-code', 'setup: register parity-mfa@example.org'],
  ['kratos-defaults', 'defaults: the password step'],
];

export const knownDifferences: Record<KratosVersion, KnownDifference[]> = {
  'v26.2.0': [...sessionsPages],
  'v1.3.1': [
    {
      scenario: 'short',
      step: 'privileged: change only the profile after the age',
      fields: ['status', 'keys', 'error', 'state', 'messages', 'nodes'],
      reason: PROFILE_AFTER_AGE,
    },
    ...REGISTRATION_FORMS.map(([scenario, step]): KnownDifference => ({
      scenario,
      step,
      fields: ['nodes'],
      reason: CSRF_FIRST,
    })),
    ...sessionsPages,
    ...(['main', 'short', 'social', 'mfa-code', 'kratos-defaults'] as const).map(
      (scenario): KnownDifference => ({
        scenario,
        step: EVERY_STEP,
        fields: ['cacheControl'],
        reason: CACHE_CONTROL,
      }),
    ),
    ...registrations.map(([scenario, step]): KnownDifference => ({
      scenario,
      step,
      fields: ['continueWith'],
      reason: SHOW_VERIFICATION,
    })),
    {
      scenario: 'main',
      step: 'second factor: list sessions with the aal1 token',
      fields: ['status', 'keys', 'error', 'items', 'pages'],
      reason: SESSIONS_AAL1,
    },
    {
      scenario: 'mfa-code',
      step: 'mfa code: list sessions at aal1',
      fields: ['status', 'keys', 'error', 'items', 'pages'],
      reason: SESSIONS_AAL1,
    },
    {
      scenario: 'main',
      step: 'recovery: a malformed address',
      fields: ['nodes'],
      reason: RECOVERY_MALFORMED,
    },
    ...FAST_LOGIN_STEPS.map(([step, fields]): KnownDifference => ({
      scenario: 'mfa-code',
      step,
      fields,
      reason: FAST_LOGIN,
    })),
  ],
};

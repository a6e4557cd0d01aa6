/**
 * Human text for what Kratos (or the network) answered when there is no flow to show the message in.
 *
 * Kratos's own `reason`s are written for developers ("Did you forget to set `?refresh=true`?"), so the
 * well-known error ids get sentences written for the person at the keyboard. Ids not in the table fall back
 * to Kratos's text, which is still better than nothing. (Network failures need no table: the client's
 * `unreachable` results already carry a human message naming the server.)
 */
import type { KratosErrorId } from '../../shared/kratos-wire';
import type { KratosError } from '../kratos/result';

/** A sentence for every error id the project knows (`KratosErrorId`): a new id there fails to compile here. */
const textByErrorId: Readonly<Record<KratosErrorId, string>> = {
  session_aal2_required: 'This needs your second factor. Complete the second step to continue.',
  session_aal1_required: 'Sign in first; the second factor comes after the password.',
  session_refresh_required: 'For your security, confirm it is you before changing this.',
  session_already_available: 'You are already signed in.',
  session_inactive: 'You are signed out. Please sign in again.',
  session_aal_already_fulfilled: 'Your session already has this level of assurance.',
  session_verified_address_required: 'Verify your email address first, then try again.',
  self_service_flow_expired: 'This form expired. Please try again.',
  self_service_flow_replaced: 'This form was replaced by a newer one. Please try again.',
  self_service_flow_disabled: 'This is turned off on the server.',
  self_service_flow_return_to_forbidden: 'The server refused the address to return to after this step.',
  browser_location_change_required:
    'This step has to continue in a web browser, which the server asked for but this app does not support here.',
  security_identity_mismatch: 'This form belongs to another account. Please start again.',
  security_csrf_violation: 'The server rejected the request as a possible forgery. Please start again.',
  identity_disabled: 'This account is disabled.',
};

/**
 * Errors Kratos sends without an id, known by their `reason` (real Kratos v1.3.1, measured): a flow turned off
 * with `selfservice.flows.<recovery|verification>.enabled: false` is a bare 400.
 */
const textByReason: Readonly<Record<string, string>> = {
  'Recovery is not allowed because it was disabled.':
    'This server does not offer account recovery. Ask its administrator for help, or sign in another way.',
  'Verification is not allowed because it was disabled.':
    'This server does not verify email addresses, so there is nothing to verify here.',
};

/**
 * Own keys only: an id such as `constructor` must not find `Object.prototype.constructor` (a function the IPC
 * answer could not carry); the same for a reason.
 */
const isKnownErrorId = (id: string | undefined): id is KratosErrorId =>
  id !== undefined && Object.hasOwn(textByErrorId, id);
const knownReason = (error: KratosError): string | undefined =>
  error.id === undefined && error.reason !== undefined && Object.hasOwn(textByReason, error.reason)
    ? textByReason[error.reason]
    : undefined;

/** Human text for a Kratos error envelope. */
export function describeKratosError(error: KratosError): string {
  return (
    (isKnownErrorId(error.id) ? textByErrorId[error.id] : undefined) ??
    knownReason(error) ??
    error.reason ??
    error.message
  );
}

/** Recovery API flows answer 422 after a correct code unless Kratos is configured for native apps. */
export const recoveryNeedsTransitionsText =
  'Your code was accepted, but this server finishes recovery in a web browser, so the app received no ' +
  'session. Ask the administrator to enable `feature_flags.use_continue_with_transitions` for native apps.';

/**
 * A provider button on a server that refused the app's return URL (`self_service_flow_return_to_forbidden`):
 * what the operator adds. Kratos matches scheme, host and path prefix, so the line is the URL without `/callback`.
 */
export function returnUrlRefusedText(returnTo: string): string {
  const allowed = returnTo.replace(/\/callback$/, '');
  return (
    'This server does not let the app come back from the browser after a social sign-in. Its operator has ' +
    `to add \`${allowed}\` to \`selfservice.allowed_return_urls\`. Until then, sign in another way.`
  );
}

/** Linking a social account (settings, `oidc` group) finishes in a browser that is signed in to Kratos. */
export const settingsNeedBrowserText =
  'Connecting a social sign-in account has to finish in a web browser that is signed in to this server, ' +
  "which this app does not use. Connect it on the web, or sign out and use that provider's sign-in button: " +
  'if your account uses the same email address, the server offers to link them. Removing a connection works here.';

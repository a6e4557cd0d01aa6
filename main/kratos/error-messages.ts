/**
 * Human text for what Kratos (or the network) answered when there is no flow to show the message in.
 *
 * Kratos's own `reason`s are written for developers ("Did you forget to set `?refresh=true`?"), so the
 * well-known error ids get sentences written for the person at the keyboard. Ids not in the table fall back
 * to Kratos's text, which is still better than nothing. (Network failures need no table: the client's
 * `unreachable` results already carry a human message naming the server.)
 */
import type { KratosErrorId } from '../../shared/kratos-wire';
import type { KratosError } from './result';
import { text } from '../strings';

/**
 * Own keys only: an id such as `constructor` must not find `Object.prototype.constructor` (a function the IPC
 * answer could not carry); the same for a reason.
 */
const isKnownErrorId = (id: string | undefined): id is KratosErrorId =>
  id !== undefined && Object.hasOwn(text.kratosErrors.byId, id);
const knownReason = (error: KratosError): string | undefined =>
  error.id === undefined &&
  error.reason !== undefined &&
  Object.hasOwn(text.kratosErrors.byReason, error.reason)
    ? text.kratosErrors.byReason[error.reason]
    : undefined;

/** Human text for a Kratos error envelope. */
export function describeKratosError(error: KratosError): string {
  return (
    (isKnownErrorId(error.id) ? text.kratosErrors.byId[error.id] : undefined) ??
    knownReason(error) ??
    error.reason ??
    error.message
  );
}

/**
 * A provider button on a server that refused the app's return URL (`self_service_flow_return_to_forbidden`):
 * what the operator adds. Kratos matches scheme, host and path prefix, so the line is the URL without `/callback`.
 */
export function returnUrlRefusedText(returnTo: string): string {
  return text.flows.returnUrlRefused(returnTo.replace(/\/callback$/, ''));
}

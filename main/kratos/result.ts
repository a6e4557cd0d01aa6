/**
 * What every Kratos call returns: a discriminated union the caller switches on, never a thrown HTTP error.
 *
 * - `success`: 2xx with the parsed body.
 * - `flow`: Kratos answered with a (possibly updated) flow object instead of success: a 400 with validation
 *   messages, or a 200 flow for steps that return the flow (code sent, settings updated...).
 * - `expired`: 410 `self_service_flow_expired` / `self_service_flow_replaced`; continue with `useFlowId`.
 * - `error`: a Kratos error envelope (`{error: {id?, code, reason, message}}`) with a 4xx status, e.g. 401
 *   without session, 403 `session_aal2_required`, 422 `browser_location_change_required`.
 * - `unreachable`: network failure, timeout, 5xx, 429, redirect, oversized or unparsable body. The session
 *   token must never be dropped because of this kind of result.
 */
import type { KratosGenericError } from '../../shared/kratos-wire';

export type KratosResult<T, F = never> =
  | { kind: 'success'; status: number; body: T }
  | { kind: 'flow'; status: number; flow: F }
  | { kind: 'expired'; status: 410; error: KratosError; useFlowId: string | undefined }
  | { kind: 'error'; status: number; error: KratosError; redirectBrowserTo?: string }
  | {
      kind: 'unreachable';
      reason: UnreachableReason;
      message: string;
      status?: number;
      /** `rate-limited`: how long the server asked us to wait (its `Retry-After`), when it said. */
      retryAfterMs?: number;
    };

/**
 * The documented fields of Kratos's error (`debug` and `request` are diagnostics for operators, dropped), with
 * `code` always set. `id` (e.g. `session_aal2_required`) is absent on some errors (e.g. whoami 401).
 */
export interface KratosError extends Omit<KratosGenericError, 'code' | 'debug' | 'request'> {
  code: number;
}

export type UnreachableReason =
  | 'network' // connection refused, reset, DNS...
  | 'timeout' // connect, headers or body timeout
  | 'server-error' // 5xx
  | 'rate-limited' // 429: the server asked to slow down (Ory Network's rate limits)
  | 'redirect' // 3xx: never followed, so the token cannot leak to another origin
  | 'too-large' // body above the size cap
  | 'bad-response'; // not JSON, truncated, or not the expected shape

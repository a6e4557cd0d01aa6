/**
 * `unreachable` results with a human message. These texts are shown to the user as they are, so they say
 * what happened and where, in plain words. They are built only from the endpoint URL, HTTP statuses and error
 * codes: never from request headers or bodies, so a session token cannot end up in a message.
 */
import type { KratosResult, UnreachableReason } from './result';
import { text } from '../strings';

export type Unreachable = Extract<KratosResult<unknown>, { kind: 'unreachable' }>;

function unreachable(reason: UnreachableReason, message: string, status?: number): Unreachable {
  return status === undefined
    ? { kind: 'unreachable', reason, message }
    : { kind: 'unreachable', reason, message, status };
}

export function serverError(baseUrl: string, status: number): Unreachable {
  return unreachable('server-error', text.network.serverError(baseUrl, status), status);
}

export function rateLimited(baseUrl: string, retryAfterMs: number | undefined): Unreachable {
  const wait = retryAfterMs === undefined ? undefined : text.network.wait(Math.ceil(retryAfterMs / 1000));
  return {
    ...unreachable('rate-limited', text.network.slowDown(baseUrl, wait), 429),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}

export function redirected(baseUrl: string, status: number): Unreachable {
  return unreachable('redirect', text.network.redirect(baseUrl, status), status);
}

export function tooLarge(baseUrl: string, limitBytes: number): Unreachable {
  return unreachable('too-large', text.network.tooLarge(baseUrl, formatBytes(limitBytes)));
}

export function badResponse(baseUrl: string, what: string, status?: number): Unreachable {
  return unreachable('bad-response', text.network.notKratos(baseUrl, what), status);
}

export function pastDeadline(baseUrl: string, deadlineMs: number): Unreachable {
  return unreachable('timeout', text.network.pastDeadline(baseUrl, Math.round(deadlineMs / 100) / 10));
}

/**
 * Maps a failure thrown by undici (or by Node's socket layer underneath) to `network` or `timeout`.
 * Unknown failures are reported as `network` with their code, if any: the request did not complete.
 */
export function fromRequestError(baseUrl: string, error: unknown): Unreachable {
  const code = errorCode(error);
  const { timeouts, failures } = text.network;
  const timeout = Object.hasOwn(timeouts, code) ? timeouts[code] : undefined;
  if (timeout !== undefined) return unreachable('timeout', text.network.timeout(baseUrl, timeout));
  const known = Object.hasOwn(failures, code) ? failures[code] : undefined;
  const detail = known ?? (code !== '' ? text.network.errorCode(code) : text.network.unknownError);
  return unreachable('network', text.network.cannotReach(baseUrl, detail));
}

/** undici wraps socket errors: the useful code may sit on `cause`. */
function errorCode(error: unknown): string {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (
      typeof code === 'string' &&
      (Object.hasOwn(text.network.timeouts, code) || Object.hasOwn(text.network.failures, code))
    )
      return code;
    current = current.cause;
  }
  const top = (error as { code?: unknown } | null)?.code;
  return typeof top === 'string' ? top : '';
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} bytes`;
}

/**
 * `unreachable` results with a human message. These texts are shown to the user as they are, so they say
 * what happened and where, in plain words. They are built only from the endpoint URL, HTTP statuses and error
 * codes: never from request headers or bodies, so a session token cannot end up in a message.
 */
import type { KratosResult, UnreachableReason } from './result';

export type Unreachable = Extract<KratosResult<unknown>, { kind: 'unreachable' }>;

export function unreachable(reason: UnreachableReason, message: string, status?: number): Unreachable {
  return status === undefined
    ? { kind: 'unreachable', reason, message }
    : { kind: 'unreachable', reason, message, status };
}

export function serverError(baseUrl: string, status: number): Unreachable {
  return unreachable(
    'server-error',
    `The Kratos server at ${baseUrl} has a problem (HTTP ${status}). Try again in a moment.`,
    status,
  );
}

export function rateLimited(baseUrl: string, retryAfterMs: number | undefined): Unreachable {
  const wait = retryAfterMs === undefined ? '' : ` It asked to wait ${describeWait(retryAfterMs)}.`;
  return {
    ...unreachable(
      'rate-limited',
      `The Kratos server at ${baseUrl} asked the app to slow down: too many requests (HTTP 429).${wait}`,
      429,
    ),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}

function describeWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds <= 1) return 'a moment';
  if (seconds < 120) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

export function redirected(baseUrl: string, status: number): Unreachable {
  return unreachable(
    'redirect',
    `The server at ${baseUrl} answered with a redirect (HTTP ${status}). Redirects are never followed, so that the session token cannot be sent anywhere else. Check that this is the URL of the Kratos public API.`,
    status,
  );
}

export function tooLarge(baseUrl: string, limitBytes: number): Unreachable {
  return unreachable(
    'too-large',
    `The server at ${baseUrl} sent a response larger than ${formatBytes(limitBytes)}; it was discarded.`,
  );
}

export function badResponse(baseUrl: string, what: string, status?: number): Unreachable {
  return unreachable(
    'bad-response',
    `The server at ${baseUrl} did not answer like a Kratos server (${what}). Check that this is the URL of the Kratos public API.`,
    status,
  );
}

export function pastDeadline(baseUrl: string, deadlineMs: number): Unreachable {
  return unreachable(
    'timeout',
    `The Kratos server at ${baseUrl} did not finish answering within ${Math.round(deadlineMs / 100) / 10} s.`,
  );
}

/**
 * Maps a failure thrown by undici (or by Node's socket layer underneath) to `network` or `timeout`.
 * Unknown failures are reported as `network` with their code, if any: the request did not complete.
 */
export function fromRequestError(baseUrl: string, error: unknown): Unreachable {
  const code = errorCode(error);
  const timeout = Object.hasOwn(TIMEOUT_CODES, code) ? TIMEOUT_CODES[code] : undefined;
  if (timeout !== undefined) {
    return unreachable('timeout', `The Kratos server at ${baseUrl} did not answer in time (${timeout}).`);
  }
  const known = Object.hasOwn(NETWORK_CODES, code) ? NETWORK_CODES[code] : undefined;
  const detail = known ?? (code !== '' ? `error ${code}` : 'unknown network error');
  return unreachable('network', `Cannot reach the Kratos server at ${baseUrl} (${detail}).`);
}

const TIMEOUT_CODES: Record<string, string> = {
  UND_ERR_CONNECT_TIMEOUT: 'no connection could be opened',
  UND_ERR_HEADERS_TIMEOUT: 'no response arrived',
  UND_ERR_BODY_TIMEOUT: 'the response stopped half-way',
  ETIMEDOUT: 'the connection timed out',
};

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  UND_ERR_SOCKET: 'the connection closed unexpectedly',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'the response was cut short',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed; are you offline?',
  ENETUNREACH: 'network unreachable; are you offline?',
  EHOSTUNREACH: 'host unreachable',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed and not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate is not trusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for a different host name',
};

/** undici wraps socket errors: the useful code may sit on `cause`. */
function errorCode(error: unknown): string {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (
      typeof code === 'string' &&
      (Object.hasOwn(TIMEOUT_CODES, code) || Object.hasOwn(NETWORK_CODES, code))
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

/** The parsed request every route handler receives, and small pure helpers to read it the way Kratos does. */
import type { IncomingHttpHeaders } from 'node:http';
import type { DeviceInfo } from '../domain/session';
import { isRecord } from '../../shared/is-record';

export interface EmulatorRequest {
  method: string;
  /** Path without query, e.g. `/self-service/login`. */
  path: string;
  /** Path with query, as received. */
  url: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  ip: string | undefined;
  /** Values of `:name` segments of the matched route. */
  params: Record<string, string>;
}

const header = (req: EmulatorRequest, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

/**
 * Kratos's session/manager_http.go extractToken: `X-Session-Token` first, then (cookie: not supported by this
 * emulator, native clients never send one), then `Authorization: Bearer <token>` with a case-insensitive scheme.
 */
export function sessionTokenOf(req: EmulatorRequest): string | undefined {
  const token = header(req, 'x-session-token');
  if (token) return token;
  const authorization = header(req, 'authorization');
  if (!authorization) return undefined;
  const [scheme, value] = authorization.split(' ', 2);
  return scheme?.toLowerCase() === 'bearer' && value ? value : undefined;
}

export const deviceOf = (req: EmulatorRequest): DeviceInfo => ({
  ip: req.ip,
  userAgent: header(req, 'user-agent'),
});

export const hasCookieOrOrigin = (req: EmulatorRequest): boolean =>
  req.headers.cookie !== undefined || req.headers.origin !== undefined;

const ORIGIN_REASON =
  'The HTTP Request Header included the "Origin" key, indicating that this request was made as part of an AJAX request in a Browser. The flow however was initiated as an API request. To prevent potential misuse and mitigate several attack vectors including CSRF, the request has been blocked. Please consult the documentation.';
const COOKIE_REASON =
  'The HTTP Request Header included the "Cookie" key, indicating that this request was made by a Browser. The flow however was initiated as an API request. To prevent potential misuse and mitigate several attack vectors including CSRF, the request has been blocked. Please consult the documentation.';

/** selfservice/flow/request.go EnsureCSRF for API flows: the reason of the 400 it raises, if any. */
export function apiFlowViolation(req: EmulatorRequest): string | undefined {
  if (header(req, 'origin')) return ORIGIN_REASON;
  if (header(req, 'cookie')) return COOKIE_REASON;
  return undefined;
}

export type JsonBody = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string };

/**
 * Key names that would walk into a prototype when used as a property path. Kratos (Go) has no prototypes, but
 * in JavaScript `target["__proto__"]` is Object.prototype: one such key in an unauthenticated request would
 * plant properties on every object of the process. They are refused wherever they appear in a key path.
 */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Nesting a body may have. Kratos (Go's encoding/json) decodes up to 10,000 levels, but the emulator echoes
 * what it is sent (`transient_payload`, traits), and an echo nested thousands deep exhausts the stack of the
 * JSON.stringify that writes the answer (issue 21: a 5,000-level payload ended the process). The app refuses
 * answers nested deeper than 64 (main/kratos/shapes.ts), so nothing deeper could serve a client anyway.
 */
export const MAX_BODY_DEPTH = 64;

/**
 * The longest string (value or key) a body may hold. Flows keep what is submitted (an identifier, traits)
 * until they expire, so a 1 MiB identifier cost 1 MiB per flow for hours (issue 21). 16 KiB is far above any
 * address, name or password, and above a passkey's attestation (a few KiB).
 */
export const MAX_STRING_LENGTH = 16 * 1024;

/**
 * Decodes a JSON object body. Like Kratos's decoderx with `HTTPDecoderJSONFollowsFormFormat`, dotted keys
 * (`{"traits.email": "x"}`) are expanded into nested objects. A key path naming `__proto__`, `constructor` or
 * `prototype` (a whole key, a dotted segment, or a key of a nested object) makes the body malformed, and the
 * expanded objects have no prototype, so nothing built from these keys can reach Object.prototype. A body
 * nested deeper than `MAX_BODY_DEPTH` or holding a string longer than `MAX_STRING_LENGTH` is malformed too.
 */
export function jsonBody(req: EmulatorRequest): JsonBody {
  if (req.body.length === 0) return { ok: true, value: Object.create(null) as Record<string, unknown> };
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body.toString('utf8'));
  } catch {
    return { ok: false, reason: 'Unable to decode the request body as JSON.' };
  }
  if (!isRecord(parsed)) return { ok: false, reason: 'The request body must be a JSON object.' };
  const problem = keyProblem(parsed);
  if (problem?.kind === 'too-deep') {
    return {
      ok: false,
      reason: `Unable to decode the request body as JSON: it is nested deeper than ${MAX_BODY_DEPTH} levels.`,
    };
  }
  if (problem?.kind === 'too-long') {
    return {
      ok: false,
      reason: `The request body holds a text longer than ${MAX_STRING_LENGTH} characters at "${problem.path.slice(0, 100)}".`,
    };
  }
  if (problem?.kind === 'prototype-key') {
    return {
      ok: false,
      reason: `The request body uses the reserved key path "${problem.path}": keys named __proto__, constructor or prototype are not accepted.`,
    };
  }
  return { ok: true, value: expandDottedKeys(parsed) };
}

type KeyProblem =
  { kind: 'prototype-key'; path: string } | { kind: 'too-deep' } | { kind: 'too-long'; path: string };

/**
 * A key path (dotted, from the body's root, arrays included) that names a prototype key, nesting deeper
 * than `MAX_BODY_DEPTH` once dotted keys are expanded (`a.b.c` is three levels), or a key or string value
 * longer than `MAX_STRING_LENGTH`. A loop, not recursion: a 1 MiB body of `[` nests 500 000 levels, which
 * would exhaust the stack (and answer 500 instead of 400).
 */
function keyProblem(body: Record<string, unknown>): KeyProblem | undefined {
  const pending: { value: object; path: string; depth: number }[] = [{ value: body, path: '', depth: 1 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    for (const [key, child] of Object.entries(next.value)) {
      const path = next.path === '' ? key : `${next.path}.${key}`;
      if (key.length > MAX_STRING_LENGTH) return { kind: 'too-long', path: next.path };
      const parts = key.split('.');
      if (parts.some((part) => PROTOTYPE_KEYS.has(part))) return { kind: 'prototype-key', path };
      if (typeof child === 'string' && child.length > MAX_STRING_LENGTH) return { kind: 'too-long', path };
      const nests = typeof child === 'object' && child !== null;
      // Objects `key` makes once expanded: one per dotted part before the last, and `child` if it is one.
      const depth = next.depth + parts.length - (nests ? 0 : 1);
      if (depth > MAX_BODY_DEPTH) return { kind: 'too-deep' };
      if (nests) pending.push({ value: child, path, depth });
    }
  }
  return undefined;
}

/** Expands dotted keys into nested null-prototype objects (the input holds no prototype keys any more). */
function expandDottedKeys(input: Record<string, unknown>): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(input)) {
    const parts = key.split('.');
    let target = out;
    for (const part of parts.slice(0, -1)) {
      const next = target[part];
      target = (target[part] = isRecord(next) ? next : Object.create(null)) as Record<string, unknown>;
    }
    const last = parts[parts.length - 1]!;
    const existing = target[last];
    target[last] =
      isRecord(existing) && isRecord(value)
        ? Object.assign(Object.create(null) as Record<string, unknown>, existing, value)
        : value;
  }
  return out;
}

export const stringField = (body: Record<string, unknown>, name: string): string | undefined => {
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
};

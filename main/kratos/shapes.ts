/**
 * Minimal shape checks for Kratos response bodies.
 *
 * The payload TYPES come from the official SDK; these checks only prove, at run time, the few fields the app
 * relies on, so that a proxy page, a different server or a broken Kratos becomes `unreachable/bad-response`
 * instead of a crash deep inside the session controller or the renderer. Everything else is passed through
 * untouched (loose objects): new Kratos fields must not break the client.
 *
 * What is relied on, and why:
 * - flows: `id` (to submit and to re-fetch) and `ui.{action, method, nodes, messages}` (the renderer draws
 *   each node from its `attributes`, `messages` and `meta`);
 * - sessions: `id` (revoking, listing), and when present `expires_at` (expiry timer),
 *   `authenticator_assurance_level` (AAL badge, step-up) and `identity.id`; `identity` may be null on a login
 *   that still needs a second factor (docs/protocol.md §1.3);
 * - login success: a `session_token` string and a session; registration success: the new `identity`;
 * - error envelopes: `error.message` (always set by herodot); the other fields are optional.
 */
import type {
  LoginFlow,
  RecoveryFlow,
  RegistrationFlow,
  Session,
  SessionCount,
  SettingsFlow,
  SuccessfulNativeLogin,
  SuccessfulNativeRegistration,
  VerificationFlow,
} from '../../shared/kratos-wire';
import { z } from 'zod';
import type { KratosError } from './result';

/** A type guard backed by a zod schema: the schema checks the relied-on fields, the SDK type names the rest. */
export type Guard<T> = (body: unknown) => body is T;

function guard<T>(schema: z.ZodType): Guard<T> {
  return (body: unknown): body is T => schema.safeParse(body).success;
}

/**
 * A Kratos timestamp: an RFC 3339 string that parses to a real date. A number, `null` or a string such as
 * `"+999999-01-01"` would otherwise reach `new Date(…).toISOString()` and throw (`RangeError`) deep inside
 * the session view, on every start.
 */
const time = z.string().refine((text) => Number.isFinite(Date.parse(text)), 'expected an RFC 3339 time');

/** Shown to the person as text, so nothing but text (or absent). */
const text = z.string().optional();

/**
 * `continue_with` items the app acts on, checked by action; others (new Kratos actions) pass untouched and are
 * ignored. A `set_ory_session_token` whose token is not a non-empty string must never be stored.
 */
const continueWithSchema = z
  .array(
    z.looseObject({ action: z.string() }).superRefine((item, context) => {
      const flowId = (item['flow'] as { id?: unknown } | null | undefined)?.id;
      switch (item.action) {
        case 'set_ory_session_token':
          if (typeof item['ory_session_token'] !== 'string' || item['ory_session_token'] === '')
            context.addIssue({ code: 'custom', message: 'expected a session token string' });
          return;
        case 'show_verification_ui':
        case 'show_settings_ui':
          if (typeof flowId !== 'string' || flowId === '')
            context.addIssue({ code: 'custom', message: 'expected flow.id' });
      }
    }),
  )
  .nullable()
  .optional();

/** A `uiText` (a message or a label): the renderer looks its `id` up and falls back to its `text`. */
const uiTextSchema = z.looseObject({ id: z.number(), text: z.string(), type: z.string() });

/**
 * A UI node, with the fields the spec requires and the renderer reads on every node: `attributes` an object
 * (not `null`), `messages` a list of texts, `meta` an object whose `label` is a text. A node that breaks them
 * makes the whole flow a malformed answer, shown in words; the renderer's error boundary is the second line
 * for whatever this does not foresee.
 */
const nodeSchema = z.looseObject({
  type: z.string(),
  group: z.string(),
  attributes: z.looseObject({}),
  messages: z.array(uiTextSchema),
  meta: z.looseObject({ label: uiTextSchema.optional() }),
});

const flowSchema = z.looseObject({
  id: z.string().min(1),
  state: z.string().nullable().optional(),
  expires_at: time.optional(),
  refresh: z.boolean().optional(),
  requested_aal: text,
  ui: z.looseObject({
    action: z.string(),
    method: z.string(),
    nodes: z.array(nodeSchema),
    messages: z.array(uiTextSchema).nullable().optional(),
  }),
  continue_with: continueWithSchema,
});

// The session and its identity are checked by hand, not by zod: every whoami checks one, and zod's
// `safeParse` builds a copy of the whole body on the way, which cost more than all the rest of the client
// over a bare undici request (bench/whoami.bench.ts: ~9 µs of ~12 µs). These read and allocate nothing.
// The rules are the ones the zod schemas above use: loose objects, optional fields absent (never `null`),
// lists that may be `null`, times as for `time`.

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): boolean => value === undefined || typeof value === 'string';
const isId = (value: unknown): boolean => typeof value === 'string' && value !== '';
const isTime = (value: unknown): boolean =>
  value === undefined || (typeof value === 'string' && Number.isFinite(Date.parse(value)));
/** An optional list (`null` allowed) whose every item passes `item`. */
const isListOf = (value: unknown, item: (entry: unknown) => boolean): boolean =>
  value === undefined || value === null || (Array.isArray(value) && value.every(item));

const isAddress = (value: unknown): boolean =>
  isObject(value) &&
  typeof value['value'] === 'string' &&
  typeof value['via'] === 'string' &&
  typeof value['verified'] === 'boolean';

function isIdentityBody(value: unknown): boolean {
  return (
    isObject(value) &&
    isId(value['id']) &&
    isText(value['schema_id']) &&
    isListOf(value['verifiable_addresses'], isAddress)
  );
}

const isMethod = (value: unknown): boolean =>
  isObject(value) && isText(value['method']) && isText(value['aal']) && isTime(value['completed_at']);

const isDevice = (value: unknown): boolean =>
  isObject(value) &&
  typeof value['id'] === 'string' &&
  isText(value['ip_address']) &&
  isText(value['user_agent']) &&
  isText(value['location']);

function isSessionBody(value: unknown): boolean {
  if (!isObject(value)) return false;
  const identity = value['identity'];
  return (
    isId(value['id']) &&
    isTime(value['expires_at']) &&
    isTime(value['authenticated_at']) &&
    isTime(value['issued_at']) &&
    isText(value['authenticator_assurance_level']) &&
    isListOf(value['authentication_methods'], isMethod) &&
    isListOf(value['devices'], isDevice) &&
    (identity === undefined || identity === null || isIdentityBody(identity))
  );
}

const identitySchema = z.custom<unknown>(isIdentityBody);
const sessionSchema = z.custom<unknown>(isSessionBody);

export const isLoginFlow = guard<LoginFlow>(flowSchema);
export const isRegistrationFlow = guard<RegistrationFlow>(flowSchema);
export const isSettingsFlow = guard<SettingsFlow>(flowSchema);
export const isRecoveryFlow = guard<RecoveryFlow>(flowSchema);
export const isVerificationFlow = guard<VerificationFlow>(flowSchema);

export const isSession = isSessionBody as Guard<Session>;
export const isSessionList = (body: unknown): body is Session[] =>
  Array.isArray(body) && body.every(isSessionBody);

export const isNativeLogin = guard<SuccessfulNativeLogin>(
  z.looseObject({
    session_token: z.string().min(1),
    session: sessionSchema,
    continue_with: continueWithSchema,
  }),
);

export const isNativeRegistration = guard<SuccessfulNativeRegistration>(
  z.looseObject({
    identity: identitySchema,
    session_token: z.string().min(1).optional(),
    session: sessionSchema.optional(),
    continue_with: continueWithSchema,
  }),
);

/** `GET /health/alive`: `{"status": "ok"}`. */
export const isAlive = guard<{ status: string }>(z.looseObject({ status: z.literal('ok') }));

export const isSessionCount = guard<SessionCount>(z.looseObject({ count: z.number().int().min(0) }));

/**
 * Kratos payloads nest about ten levels (a flow's node attributes, identity traits); a body nested deeper
 * than this is refused as a whole, so what reaches the renderer can always be structured-cloned.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether a parsed JSON value nests objects or arrays deeper than `max`. Recursive, but never more than
 * `max + 1` calls deep (it answers as soon as the limit is reached), so no stack can be exhausted; on every
 * whoami, so it allocates nothing (4× cheaper than a queue of `{value, depth}` records, bench/whoami).
 */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (max <= 0) return true;
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) if (nestedDeeperThan(item, max - 1)) return true;
    return false;
  }
  // `for…in` rather than `Object.values` or an own-key test: both cost 5× as much here (measured). Parsed
  // JSON has only own keys; a key planted on Object.prototype would only be walked too, never trusted.
  for (const key in value) {
    if (nestedDeeperThan((value as Record<string, unknown>)[key], max - 1)) return true;
  }
  return false;
}

/** 204 answers (logout, revoke one session) have no body at all. */
export const isNoContent = (body: unknown): body is void => body === undefined;

/**
 * The herodot error envelope `{error: {...}, use_flow_id?, redirect_browser_to?}`. The top-level extras are
 * set on 410 (`use_flow_id`) and on 403/422 (`redirect_browser_to`), see docs/protocol.md §9.
 */
const errorEnvelopeSchema = z.looseObject({
  error: z.looseObject({
    id: z.string().optional(),
    code: z.number().int().optional(),
    status: z.string().optional(),
    reason: z.string().optional(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
  use_flow_id: z.string().optional(),
  redirect_browser_to: z.string().optional(),
});

export interface ErrorEnvelope {
  error: KratosError;
  useFlowId: string | undefined;
  redirectBrowserTo: string | undefined;
}

/**
 * Reads an error envelope, keeping only the documented fields (`debug` and `request` are dropped: they are
 * diagnostics for server operators, not for the app). `code` falls back to the HTTP status.
 */
export function readErrorEnvelope(body: unknown, status: number): ErrorEnvelope | undefined {
  const parsed = errorEnvelopeSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { id, code, status: statusText, reason, message, details } = parsed.data.error;
  const error: KratosError = { code: code ?? status, message };
  if (id !== undefined) error.id = id;
  if (statusText !== undefined) error.status = statusText;
  if (reason !== undefined) error.reason = reason;
  if (details !== undefined) error.details = details;
  return {
    error,
    useFlowId: parsed.data.use_flow_id,
    redirectBrowserTo: parsed.data.redirect_browser_to,
  };
}

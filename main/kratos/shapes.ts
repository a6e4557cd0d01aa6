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

const identitySchema = z.looseObject({
  id: z.string().min(1),
  schema_id: text,
  verifiable_addresses: z
    .array(z.looseObject({ value: z.string(), via: z.string(), verified: z.boolean() }))
    .nullable()
    .optional(),
});

const sessionSchema = z.looseObject({
  id: z.string().min(1),
  expires_at: time.optional(),
  authenticated_at: time.optional(),
  issued_at: time.optional(),
  authenticator_assurance_level: text,
  authentication_methods: z
    .array(z.looseObject({ method: text, aal: text, completed_at: time.optional() }))
    .nullable()
    .optional(),
  devices: z
    .array(z.looseObject({ id: z.string(), ip_address: text, user_agent: text, location: text }))
    .nullable()
    .optional(),
  identity: identitySchema.nullable().optional(),
});

export const isLoginFlow = guard<LoginFlow>(flowSchema);
export const isRegistrationFlow = guard<RegistrationFlow>(flowSchema);
export const isSettingsFlow = guard<SettingsFlow>(flowSchema);
export const isRecoveryFlow = guard<RecoveryFlow>(flowSchema);
export const isVerificationFlow = guard<VerificationFlow>(flowSchema);

export const isSession = guard<Session>(sessionSchema);
export const isSessionList = guard<Session[]>(z.array(sessionSchema));

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

/** Whether a parsed JSON value nests objects or arrays deeper than `max` (iterative: no stack to exhaust). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= max) return true;
    for (const child of Object.values(next.value)) stack.push({ value: child, depth: next.depth + 1 });
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

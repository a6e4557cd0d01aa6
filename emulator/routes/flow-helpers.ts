/**
 * Steps every self-service route shares: the context a new flow is built from, find a flow (and serve it by
 * id), refuse expired ones, fold 400 errors into the flow.
 */
import type { App } from '../app';
import {
  addFlowMessage,
  clearMessages,
  cloneBody,
  isExpired,
  type FlowBody,
  type FlowContext,
  type FlowRecord,
} from '../domain/flow';
import type { FlowKind } from '../../shared/kratos-wire';
import { badRequest, flowExpiredOnFetch, flowExpiredOnSubmit, flowNotFound } from '../errors';
import { jsonReply, type Reply } from '../http/reply';
import { apiFlowViolation, jsonBody, type EmulatorRequest } from '../http/request';
import { text, type UiText } from '../messages';

export type Loaded = { ok: true; record: FlowRecord } | { ok: false; reply: Reply };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** The `kind` flow with this id (case-insensitive), if any; malformed ids find nothing. */
export function findFlow(app: App, kind: FlowKind, id: string | null): FlowRecord | undefined {
  return id && UUID.test(id) ? app.store.flow(kind, id.toLowerCase()) : undefined;
}

/** What a new `kind` flow is built from: where it was requested, now, and the configured lifespan. */
export function flowContext(app: App, kind: FlowKind, requestUrl: string): FlowContext {
  return {
    publicUrl: app.publicUrl,
    requestUrl,
    now: app.clock.now(),
    lifespanMs: app.config.flowLifespanMs[kind],
  };
}

/** GET /self-service/<kind>/flows?id=: 404 unknown, 410 expired (with details.api). */
export function loadForFetch(app: App, kind: FlowKind, req: EmulatorRequest): Loaded {
  const record = findFlow(app, kind, req.query.get('id'));
  if (!record) return { ok: false, reply: flowNotFound() };
  if (isExpired(record.body, app.clock.now())) {
    // Kratos's settings handler raises this 410 without an error id; the others carry self_service_flow_expired.
    return { ok: false, reply: flowExpiredOnFetch(kind, app.publicUrl, kind !== 'settings') };
  }
  return { ok: true, record };
}

/**
 * The GET /self-service/<kind>/flows?id= handler of every flow that answers to its id alone (all but
 * settings, which also needs the owner's session).
 */
export const getFlow =
  (kind: FlowKind) =>
  (req: EmulatorRequest, app: App): Reply => {
    const loaded = loadForFetch(app, kind, req);
    return loaded.ok ? jsonReply(200, loaded.record.body) : loaded.reply;
  };

const EXPIRED_MESSAGE: Record<FlowKind, (expiredAt: Date, now: Date) => UiText> = {
  login: text.loginFlowExpired,
  registration: text.registrationFlowExpired,
  settings: text.settingsFlowExpired,
  recovery: text.recoveryFlowExpired,
  verification: text.verificationFlowExpired,
};

/**
 * The flow a POST /self-service/<kind>?flow= names, before any other check: a missing, malformed or nil id is a
 * 400 (selfservice/flow/flow.go GetFlowID → herodot.ErrBadRequest, written as an error since no flow is
 * known), an unknown one a 404 (`notFound`: settings/handler.go updateSettingsFlow has its own reason).
 */
export function findForSubmit(
  app: App,
  kind: FlowKind,
  req: EmulatorRequest,
  notFound: () => Reply = flowNotFound,
): Loaded {
  const id = req.query.get('flow');
  if (!id || !UUID.test(id) || id === NIL_UUID) {
    return { ok: false, reply: badRequest('The flow query parameter is missing or malformed.') };
  }
  const record = findFlow(app, kind, id);
  return record ? { ok: true, record } : { ok: false, reply: notFound() };
}

/**
 * The body of a submit to a loaded flow: JSON, sent without a browser's Origin or Cookie (an API flow). A
 * refusal is folded into the flow, as Kratos folds its ParseError.
 */
export function submittedBody(
  app: App,
  record: FlowRecord,
  req: EmulatorRequest,
): { ok: true; body: Record<string, unknown> } | { ok: false; reply: Reply } {
  const parsed = jsonBody(req);
  if (!parsed.ok) return { ok: false, reply: foldBadRequest(app, record, parsed.reason) };
  const violation = apiFlowViolation(req);
  if (violation) return { ok: false, reply: foldBadRequest(app, record, violation) };
  return { ok: true, body: parsed.value };
}

/**
 * POST /self-service/<kind>?flow=: 400 malformed id, 404 unknown; when expired, a replacement flow carrying the
 * "<kind> flow expired" message is created and the client gets 410 with `use_flow_id`.
 */
export function loadForSubmit(
  app: App,
  kind: FlowKind,
  req: EmulatorRequest,
  createReplacement: (expired: FlowRecord) => FlowRecord,
): Loaded {
  const found = findForSubmit(app, kind, req);
  if (!found.ok) return found;
  const record = found.record;
  const now = app.clock.now();
  if (!isExpired(record.body, now)) return { ok: true, record };
  const expiredAt = new Date(record.body.expires_at);
  const replacement = createReplacement(record);
  addFlowMessage(replacement.body, EXPIRED_MESSAGE[kind](expiredAt, now));
  app.store.saveFlow(replacement);
  return { ok: false, reply: flowExpiredOnSubmit(expiredAt, now, replacement.body.id) };
}

/** A working copy of the flow with messages cleared, as Kratos re-renders a submitted flow. */
export function resubmitted(record: FlowRecord): FlowRecord {
  const copy: FlowRecord = { ...record, body: cloneBody(record.body) };
  clearMessages(copy.body);
  return copy;
}

/** Saves the flow and answers it with `status` (200 for a new flow or a step, 400 for validation errors). */
export function replyWithFlow(app: App, record: FlowRecord, status: number): Reply {
  app.store.saveFlow(record);
  return jsonReply(status, record.body);
}

/** A herodot 400 folded into the flow (ui/container ParseError): ui.messages 4000001 with the reason. */
export function foldBadRequest(app: App, record: FlowRecord, reason: string): Reply {
  const copy = resubmitted(record);
  addFlowMessage(copy.body, text.validationGeneric(reason));
  return replyWithFlow(app, copy, 400);
}

/**
 * The flow as answered to a submit that carried a `transient_payload`: Kratos echoes it (`{}` when none was
 * sent) on the steps that take one, but never stores it (`db:"-"`), so it is part of this answer only.
 */
export function withTransientPayload(body: FlowBody, submitted: Record<string, unknown>): FlowBody {
  const { state, ...rest } = body;
  const payload = submitted.transient_payload;
  return {
    ...rest,
    transient_payload: typeof payload === 'object' && payload !== null ? payload : {},
    state,
  };
}

/** Saves the flow and answers it with the submitted `transient_payload` echoed (see withTransientPayload). */
export function replyWithEcho(
  app: App,
  record: FlowRecord,
  status: number,
  submitted: Record<string, unknown>,
): Reply {
  app.store.saveFlow(record);
  return jsonReply(status, withTransientPayload(record.body, submitted));
}

/** `request_url` of a new flow: the init request as the public URL sees it. */
export const requestUrlOf = (app: App, req: EmulatorRequest): string => `${app.publicUrl}${req.url}`;

/**
 * The pure half of every Kratos call: an HTTP status and body text in, a `KratosResult` out. No I/O here, so
 * every rule below is unit-tested with plain tables (test/main/kratos/map-response.test.ts).
 *
 * Rules, in order (docs/protocol.md §0, §9):
 * 1. 3xx → `unreachable/redirect`. Native API endpoints never redirect when asked for JSON; a redirect means a
 *    proxy, a login portal or a wrong URL, and following it could hand the token to another origin.
 * 2. 5xx → `unreachable/server-error`; 429 → `unreachable/rate-limited` with the wait its `Retry-After` asks
 *    for (seconds or an HTTP date), whatever the body: the server is fine, it wants fewer requests.
 * 3. A body that is not JSON, or JSON nested deeper than `MAX_JSON_DEPTH` → `unreachable/bad-response`.
 * 4. 2xx → `success` when the body has the expected shape, else `unreachable/bad-response`.
 * 5. 400 whose body is a flow (submits only; 422 for the token exchange) → `flow`: Kratos folds
 *    validation errors into the flow.
 * 6. 4xx with an error envelope:
 *    - 410 → `expired`, with the top-level `use_flow_id` when Kratos made a replacement flow. Every 410 from
 *      the self-service API means "this flow is gone": `self_service_flow_expired`, `self_service_flow_replaced`,
 *      and the settings-flow fetch, whose 410 carries no `error.id` at all (§6);
 *    - anything else → `error`, with the top-level `redirect_browser_to` when present (403
 *      `session_aal2_required`/`session_refresh_required`, 422 `browser_location_change_required`).
 * 7. Anything else (a 404 HTML page, an envelope-less 4xx, a 1xx) → `unreachable/bad-response`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { KratosResult } from './result';
import { MAX_JSON_DEPTH, nestedDeeperThan, readErrorEnvelope, type Guard } from './shapes';
import { badResponse, rateLimited, redirected, serverError } from './unreachable';
import { text } from '../strings';

export interface HttpAnswer {
  status: number;
  /** The complete body as text; '' when there was none (204). */
  text: string;
  /** Response headers; only `retry-after` is read. */
  headers?: IncomingHttpHeaders;
}

export interface Expectation<T, F> {
  /** Checks a 2xx body. */
  success: Guard<T>;
  /** Checks a 400 body for calls that answer validation errors with the flow (the submits). */
  flow?: Guard<F>;
  /** The error statuses whose body may be that flow: 400 unless said (the token exchange answers 422). */
  flowStatuses?: readonly number[];
}

export function mapResponse<T, F = never>(
  baseUrl: string,
  answer: HttpAnswer,
  expect: Expectation<T, F>,
  now: number = Date.now(),
): KratosResult<T, F> {
  const { status } = answer;
  if (status >= 300 && status < 400) return redirected(baseUrl, status);
  if (status >= 500) return serverError(baseUrl, status);
  if (status === 429) return rateLimited(baseUrl, parseRetryAfter(answer.headers?.['retry-after'], now));

  const body = parseJson(answer.text);
  if (body === NOT_JSON) return badResponse(baseUrl, text.network.notJson(status), status);
  if (nestedDeeperThan(body, MAX_JSON_DEPTH)) {
    return badResponse(baseUrl, text.network.tooDeep(status, MAX_JSON_DEPTH), status);
  }

  if (status >= 200 && status < 300) {
    return expect.success(body)
      ? { kind: 'success', status, body }
      : badResponse(baseUrl, text.network.unexpectedFields(status), status);
  }

  if (status >= 400) {
    if ((expect.flowStatuses ?? [400]).includes(status) && expect.flow?.(body)) {
      return { kind: 'flow', status, flow: body };
    }

    const envelope = readErrorEnvelope(body, status);
    if (envelope !== undefined) {
      if (status === 410) {
        return { kind: 'expired', status: 410, error: envelope.error, useFlowId: envelope.useFlowId };
      }
      return envelope.redirectBrowserTo === undefined
        ? { kind: 'error', status, error: envelope.error }
        : { kind: 'error', status, error: envelope.error, redirectBrowserTo: envelope.redirectBrowserTo };
    }
  }

  return badResponse(baseUrl, text.network.noKratosError(status), status);
}

const NOT_JSON = Symbol('not JSON');

/** '' (no body) parses to `undefined`, which only a no-content expectation accepts. */
function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** The longest wait a `Retry-After` is honoured for; a larger value is read as this (the "Retry" button still works). */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/**
 * `Retry-After` (RFC 9110 §10.2.3) as milliseconds from `now`: delay-seconds or an HTTP date. Undefined when
 * absent or unreadable; 0 for a date in the past; at most `MAX_RETRY_AFTER_MS`.
 */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (text === undefined || text === '') return undefined;
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    // IMF-fixdate and the two obsolete forms all carry a weekday name and "GMT"; Date.parse reads them.
    if (!/^[A-Za-z]{3}/.test(text) || !/GMT$/.test(text)) return undefined;
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS);
}

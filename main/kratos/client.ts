/**
 * `createKratosClient`: the Kratos public API for native apps over undici, one method per endpoint
 * (see api.ts). Each method is a request description plus the expected answer shapes; transport.ts does the
 * HTTP exchange and map-response.ts turns the answer into a `KratosResult`. Nothing here throws for an HTTP
 * or network problem.
 *
 * Paths and parameters follow docs/protocol.md: flows are fetched with `/flows?id=<id>` but submitted with
 * `?flow=<id>` (§0); the session token travels as `X-Session-Token`, except for logout, which takes it in the
 * JSON body (§4).
 */
import type { Dispatcher } from 'undici';
import type { ExchangeOptions, KratosApi, SessionPage, SessionToken } from './api';
import { parseEndpoint } from './endpoint';
import { nextPageToken } from './link-header';
import { mapResponse, type Expectation } from './map-response';
import type { KratosResult } from './result';
import {
  isAlive,
  isLoginFlow,
  isNativeLogin,
  isNativeRegistration,
  isNoContent,
  isRecoveryFlow,
  isRegistrationFlow,
  isSession,
  isSessionCount,
  isSessionList,
  isSettingsFlow,
  isVerificationFlow,
} from './shapes';
import {
  createAgent,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUTS,
  exchange,
  type HttpExchange,
  type KratosTimeouts,
  type TransportSettings,
} from './transport';
import type { Unreachable } from './unreachable';
import { ownUserAgent } from './user-agent';

export interface KratosClientOptions {
  /** The Kratos public API URL; normalized with `parseEndpoint`, and rejected (thrown) if invalid. */
  baseUrl: string;
  timeouts?: Partial<KratosTimeouts>;
  /** Bodies above this size are discarded with `unreachable/too-large`. */
  maxResponseBytes?: number;
  /** The `User-Agent` header; the window's (`ownUserAgent('app')`) when absent. */
  userAgent?: string;
  /**
   * Replaces the client's own agent (tests pass an undici `MockAgent`). The caller then owns it: configures its
   * timeouts (`timeouts` other than `totalMs` is ignored) and closes it.
   */
  dispatcher?: Dispatcher;
}

interface Call {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  token?: SessionToken;
  json?: unknown;
}

function exchangeQuery(exchange: ExchangeOptions | undefined): Record<string, string | undefined> {
  return exchange === undefined
    ? {}
    : { return_session_token_exchange_code: 'true', return_to: exchange.returnTo };
}

export function createKratosClient(options: KratosClientOptions): KratosApi {
  const endpoint = parseEndpoint(options.baseUrl);
  if (!endpoint.ok) throw new Error(`invalid Kratos URL: ${endpoint.message}`);
  const baseUrl = endpoint.url;

  const ownsDispatcher = options.dispatcher === undefined;
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const dispatcher = options.dispatcher ?? createAgent(timeouts);
  const settings: TransportSettings = {
    dispatcher,
    deadlineMs: timeouts.totalMs,
    baseUrl,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    userAgent: options.userAgent ?? ownUserAgent('app'),
  };

  function send(call: Call): Promise<HttpExchange | Unreachable> {
    const url = new URL(baseUrl + call.path);
    for (const [name, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, value);
    }
    return exchange(settings, { method: call.method, url, token: call.token, json: call.json });
  }

  async function run<T, F = never>(call: Call, expect: Expectation<T, F>): Promise<KratosResult<T, F>> {
    const answer = await send(call);
    return 'kind' in answer ? answer : mapResponse(baseUrl, answer, expect);
  }

  const getFlow = (kind: string, id: string, token?: SessionToken): Call => ({
    method: 'GET',
    path: `/self-service/${kind}/flows`,
    query: { id },
    token,
  });
  const submitFlow = (kind: string, id: string, json: unknown, token?: SessionToken): Call => ({
    method: 'POST',
    path: `/self-service/${kind}`,
    query: { flow: id },
    token,
    json,
  });

  return {
    baseUrl,

    checkAlive: () => run({ method: 'GET', path: '/health/alive' }, { success: isAlive }),

    createLoginFlow: ({ refresh, aal, token, exchange } = {}) =>
      run(
        {
          method: 'GET',
          path: '/self-service/login/api',
          query: { refresh: refresh ? 'true' : undefined, aal, ...exchangeQuery(exchange) },
          token,
        },
        { success: isLoginFlow },
      ),
    getLoginFlow: (id) => run(getFlow('login', id), { success: isLoginFlow }),
    submitLoginFlow: (id, body, token) =>
      run(submitFlow('login', id, body, token), { success: isNativeLogin, flow: isLoginFlow }),

    createRegistrationFlow: ({ exchange } = {}) =>
      run(
        { method: 'GET', path: '/self-service/registration/api', query: exchangeQuery(exchange) },
        { success: isRegistrationFlow },
      ),
    getRegistrationFlow: (id) => run(getFlow('registration', id), { success: isRegistrationFlow }),
    submitRegistrationFlow: (id, body) =>
      run(submitFlow('registration', id, body), { success: isNativeRegistration, flow: isRegistrationFlow }),

    createSettingsFlow: (token) =>
      run({ method: 'GET', path: '/self-service/settings/api', token }, { success: isSettingsFlow }),
    getSettingsFlow: (id, token) => run(getFlow('settings', id, token), { success: isSettingsFlow }),
    submitSettingsFlow: (id, body, token) =>
      run(submitFlow('settings', id, body, token), { success: isSettingsFlow, flow: isSettingsFlow }),

    createRecoveryFlow: () =>
      run({ method: 'GET', path: '/self-service/recovery/api' }, { success: isRecoveryFlow }),
    getRecoveryFlow: (id) => run(getFlow('recovery', id), { success: isRecoveryFlow }),
    submitRecoveryFlow: (id, body) =>
      run(submitFlow('recovery', id, body), { success: isRecoveryFlow, flow: isRecoveryFlow }),

    createVerificationFlow: () =>
      run({ method: 'GET', path: '/self-service/verification/api' }, { success: isVerificationFlow }),
    getVerificationFlow: (id) => run(getFlow('verification', id), { success: isVerificationFlow }),
    submitVerificationFlow: (id, body) =>
      run(submitFlow('verification', id, body), { success: isVerificationFlow, flow: isVerificationFlow }),

    exchangeSessionToken: (initCode, returnToCode) =>
      run(
        {
          method: 'GET',
          path: '/sessions/token-exchange',
          query: { init_code: initCode, return_to_code: returnToCode },
        },
        // Current Kratos: a browser that came back with a code but no session (a hook refused) answers 422
        // with the login or registration flow carrying the message (docs/protocol.md §7); v1.3.1 answers 404.
        { success: isNativeLogin, flow: isLoginFlow, flowStatuses: [422] },
      ),

    whoami: (token) => run({ method: 'GET', path: '/sessions/whoami', token }, { success: isSession }),

    logout: (token) =>
      run(
        { method: 'DELETE', path: '/self-service/logout/api', json: { session_token: token } },
        { success: isNoContent },
      ),

    async listSessions(token, { pageSize, pageToken } = {}): Promise<KratosResult<SessionPage>> {
      const answer = await send({
        method: 'GET',
        path: '/sessions',
        query: { page_size: pageSize?.toString(), page_token: pageToken },
        token,
      });
      if ('kind' in answer) return answer;
      const result = mapResponse(baseUrl, answer, { success: isSessionList });
      if (result.kind !== 'success') return result;
      const link = answer.headers.link;
      return {
        kind: 'success',
        status: result.status,
        body: {
          sessions: result.body,
          nextPageToken: nextPageToken(Array.isArray(link) ? link.join(', ') : link),
        },
      };
    },

    revokeSession: (token, id) =>
      run({ method: 'DELETE', path: `/sessions/${encodeURIComponent(id)}`, token }, { success: isNoContent }),

    revokeOtherSessions: (token) =>
      run({ method: 'DELETE', path: '/sessions', token }, { success: isSessionCount }),

    async close() {
      // Destroy, not close: a graceful close waits for requests under way, which a slow or hostile server
      // can drag out; they end now, as `unreachable`, and their callers have moved on (switch, quit).
      if (ownsDispatcher) await dispatcher.destroy();
    },
  };
}

/**
 * Kratos error envelopes as herodot marshals them: `{"error": {id?, code, status, reason?, details?, message}}`
 * plus, for some errors, top-level fields (`redirect_browser_to`, `use_flow_id`...). Errors with an id also
 * carry the `Ory-Error-Id` header. Texts are copied from Kratos/herodot sources (see docs/protocol.md).
 */
import type { KratosErrorEnvelope, KratosErrorId, KratosGenericError } from '../shared/kratos-wire';
import type { Reply } from './http/reply';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  410: 'Gone',
  421: 'Misdirected Request',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/** herodot's default `message` per status (herodot/error_default.go, kratos x.ErrGone). */
const DEFAULT_MESSAGE: Record<number, string> = {
  400: 'The request was malformed or contained invalid parameters',
  401: 'The request could not be authorized',
  403: 'The requested action was forbidden',
  404: 'The requested resource could not be found',
  410: 'The requested resource is no longer available because it has expired or is otherwise invalid.',
  421: 'The request was addressed to a host this server does not answer for',
  422: 'The request was well-formed but was unable to be followed due to semantic errors',
  429: 'Too many requests, please slow down',
  500: 'An internal server error occurred, please contact the system administrator',
};

export interface ErrorSpec {
  id?: KratosErrorId;
  reason?: string;
  details?: Record<string, unknown>;
  message?: string;
}

function genericError(code: number, spec: ErrorSpec = {}) {
  // Key order follows herodot's DefaultError JSON tags.
  return {
    ...(spec.id ? { id: spec.id } : {}),
    code,
    status: STATUS_TEXT[code] ?? 'Error',
    ...(spec.reason ? { reason: spec.reason } : {}),
    ...(spec.details ? { details: spec.details } : {}),
    message: spec.message ?? DEFAULT_MESSAGE[code] ?? 'Error',
  } satisfies KratosGenericError;
}

export function errorReply(
  code: number,
  spec: ErrorSpec = {},
  topLevel: Record<string, unknown> = {},
): Reply {
  return {
    status: code,
    body: { error: genericError(code, spec), ...topLevel } satisfies KratosErrorEnvelope,
    headers: spec.id ? { 'Ory-Error-Id': spec.id } : undefined,
  };
}

/**
 * The `require_verified_address` login hook, Kratos ≥ v25.4 (hook/require_verified_address.go): a 403 whose body
 * says 400 (herodot's ErrBadRequest written with status 403, measured on v26.2.0), naming in
 * `details.continue_with` the verification flow that was just sent.
 */
export function verifiedAddressRequired(continueWith: Record<string, unknown>): Reply {
  return {
    status: 403,
    body: {
      error: genericError(400, {
        id: 'session_verified_address_required',
        reason:
          "Your account's email or phone address are not verified yet. Please check your email or phone inbox or re-request verification.",
        details: { continue_with: [continueWith] },
        message: 'your email or phone address is not yet verified',
      }),
    } satisfies KratosErrorEnvelope,
    headers: { 'Ory-Error-Id': 'session_verified_address_required' },
  };
}

/** GET /sessions/whoami without a valid session: no error id (test/fixtures/kratos/whoami-401-no-session.json). */
export const whoamiNoSession = (): Reply =>
  errorReply(401, { reason: 'No valid session credentials found in the request.' });

/** GET/DELETE /sessions[...] without a valid session (session/handler.go). */
export const noSessionCookie = (): Reply => errorReply(401, { reason: 'No valid session cookie found.' });

/**
 * Creating a settings flow without a valid session: session/handler.go IsAuthenticated's own answer
 * (NewErrNoActiveSessionFound with its reason; measured on v26.2.0).
 */
export const sessionInactive = (): Reply =>
  errorReply(401, {
    id: 'session_inactive',
    reason: 'This endpoint can only be accessed with a valid session. Please log in and try again.',
    message: 'request does not have a valid authentication session',
  });

/**
 * Fetching or submitting a settings flow without a valid session: settings/strategy_helper.go
 * OnUnauthenticated answers a JSON request with a bare herodot 401, no error id (measured on v26.2.0). Kratos
 * checks the session before it looks for the flow.
 */
export const sessionCredentialsMissing = (): Reply =>
  errorReply(401, { reason: 'A valid Ory Session Cookie or Ory Session Token is missing.' });

/**
 * A submit naming a method the configuration turned off (flow.MethodEnabledAndAllowed: herodot 404 with
 * strategy.EndpointDisabledMessage, no error id; measured on v26.2.0 for oidc sign-in/sign-up and TOTP in
 * settings).
 */
export const endpointDisabled = (): Reply =>
  errorReply(404, {
    reason:
      'This endpoint was disabled by system administrator. Please check your url or contact the system administrator to enable it.',
  });

export const ALREADY_LOGGED_IN_REASON = {
  login:
    'A valid session was detected and thus login is not possible. Did you forget to set `?refresh=true`?',
  registration: 'A valid session was detected and thus registration is not possible.',
  recovery: 'A valid session was detected and thus recovery is not possible.',
} as const;

/** `ErrAlreadyLoggedIn` (login/error.go: `.WithError("you are already logged in")`; siblings alike). */
export const sessionAlreadyAvailable = (kind: keyof typeof ALREADY_LOGGED_IN_REASON): Reply =>
  errorReply(400, {
    id: 'session_already_available',
    reason: ALREADY_LOGGED_IN_REASON[kind],
    message: 'you are already logged in',
  });

/** `ErrSessionRequiredForHigherAAL` (login/handler.go). */
export const sessionAal1Required = (): Reply =>
  errorReply(401, {
    id: 'session_aal1_required',
    reason: 'You can not requested a higher AAL (AAL2/AAL3) without an active session.',
    message: 'aal2 and aal3 can only be requested if a session exists already',
  });

/** `NewErrAALNotSatisfied` (session/manager.go). The URL always points at the browser init route. */
export const sessionAal2Required = (publicUrl: string): Reply => {
  const redirect = `${publicUrl}/self-service/login/browser?aal=aal2`;
  return errorReply(
    403,
    {
      id: 'session_aal2_required',
      reason:
        'An active session was found but it does not fulfill the requested Authenticator Assurance Level. Please verify yourself with a second factor to resolve this issue.',
      details: { redirect_browser_to: redirect },
      message: 'Session does not fulfill the requested Authenticator Assurance Level',
    },
    { redirect_browser_to: redirect },
  );
};

/** `settings.NewFlowNeedsReAuth` as written for API flows (settings/error.go reauthenticate). */
export const sessionRefreshRequired = (publicUrl: string, settingsFlowId: string): Reply => {
  const returnTo = `${publicUrl}/self-service/settings?flow=${settingsFlowId}`;
  const redirect = `${publicUrl}/self-service/login/browser?refresh=true&return_to=${encodeURIComponent(returnTo)}`;
  return errorReply(
    403,
    {
      id: 'session_refresh_required',
      reason:
        'The login session is too old and thus not allowed to update these fields. Please re-authenticate.',
    },
    { redirect_browser_to: redirect },
  );
};

/**
 * GET /self-service/settings/flows?id= with another identity's session (settings/handler.go getSettingsFlow:
 * herodot.ErrForbidden with id `security_identity_mismatch`). Submitting such a flow is a 400 folded into the
 * flow instead (settings/flow.go Valid): see SETTINGS_FLOW_OF_ANOTHER_IDENTITY.
 */
export const securityIdentityMismatch = (): Reply =>
  errorReply(403, {
    id: 'security_identity_mismatch',
    reason: 'The request was made for another identity and has been blocked for security reasons.',
  });

/** settings/flow.go Valid: the 400 reason a submit of another identity's settings flow is folded with. */
export const SETTINGS_FLOW_OF_ANOTHER_IDENTITY =
  'You must restart the flow because the resumable session was initiated by another person.';

/** POST /self-service/settings?flow=<unknown id> (settings/handler.go updateSettingsFlow). */
export const settingsFlowNotFound = (): Reply =>
  errorReply(404, { reason: 'The settings request could not be found. Please restart the flow.' });

/** Unknown flow id (sqlcon.ErrNoRows). */
export const flowNotFound = (): Reply => errorReply(404, { message: 'Unable to locate the resource' });

/** Generic JSON route-not-found answer of the public router. */
export const routeNotFound = (): Reply => errorReply(404);

/**
 * A known path with another method (Kratos's httprouter: 405 and `Allow`). Kratos's body is the plain text
 * "Method Not Allowed"; the emulator, whose answers are JSON or nothing, sends none.
 */
export const methodNotAllowed = (allowed: string[]): Reply => ({
  status: 405,
  headers: { Allow: allowed.join(', ') },
});

export const badRequest = (reason: string): Reply => errorReply(400, { reason });

/** 410 when Kratos replaced the flow by a new one (`use_flow_id`), e.g. verification after too many codes. */
export const flowReplaced = (replacementFlowId: string): Reply =>
  errorReply(
    410,
    {
      id: 'self_service_flow_replaced',
      reason: 'An error occured, please retry the flow.',
      message: 'self-service flow replaced',
    },
    { use_flow_id: replacementFlowId },
  );

/** 410 on submit of an expired flow (selfservice/flow/error.go ExpiredError). */
export function flowExpiredOnSubmit(expiredAt: Date, now: Date, replacementFlowId: string): Reply {
  const agoMs = now.getTime() - expiredAt.getTime();
  return errorReply(
    410,
    {
      id: 'self_service_flow_expired',
      reason: `The self-service flow expired ${(agoMs / 60000).toFixed(2)} minutes ago, initialize a new one.`,
      message: 'self-service flow expired',
    },
    { expired_at: expiredAt.toISOString(), since: agoMs * 1_000_000, use_flow_id: replacementFlowId },
  );
}

/** 410 on GET …/flows?id= of an expired API flow (login/handler.go getLoginFlow and siblings). */
export function flowExpiredOnFetch(kind: string, publicUrl: string, withId: boolean): Reply {
  return errorReply(410, {
    ...(withId ? { id: 'self_service_flow_expired' } : {}),
    reason: `The ${kind} flow has expired. Call the ${kind} flow init API endpoint to initialize a new ${kind} flow.`,
    details: { api: `${publicUrl}/self-service/${kind}/api` },
  });
}

/** DELETE /self-service/logout/api with an unknown token (logout/handler.go). */
export const logoutTokenInvalid = (): Reply =>
  errorReply(403, {
    reason: 'The provided Ory Session Token could not be found, is invalid, or otherwise malformed.',
  });

/** 422 with a top-level redirect (selfservice/flow/error.go BrowserLocationChangeRequiredError). */
export const browserLocationChangeRequired = (url: string): Reply =>
  errorReply(
    422,
    {
      id: 'browser_location_change_required',
      reason: `In order to complete this flow please redirect the browser to: ${url}`,
      message: 'browser location change required',
    },
    { redirect_browser_to: url },
  );

export const internalError = (): Reply => errorReply(500);

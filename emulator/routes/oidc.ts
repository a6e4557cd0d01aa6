/**
 * Social sign-in for native apps, Kratos's side (strategy/oidc, selfservice/sessiontokenexchange,
 * session/handler.go exchangeCode; docs/social-sign-in.md):
 *
 * 1. a login or registration flow created with `return_session_token_exchange_code=true` (and no session)
 *    carries `session_token_exchange_code`, the init code, in its creation answer only; `return_to` must be
 *    allowed by `selfservice.allowed_return_urls`;
 * 2. submitting `{method: oidc, provider}` answers 422 `browser_location_change_required`, pointing the
 *    browser at the provider (here the demo identity provider, example-idp.ts);
 * 3. the provider sends the browser to `/self-service/methods/oidc/callback/<provider>`: the person signs in
 *    (an identity with this provider's subject), or signs up (a new identity, the `session` hook permitting),
 *    and the browser goes on to `return_to?code=<return_to_code>`. A failure (the person denied consent)
 *    sends it to the bare `return_to`, the flow carrying the message (login/error.go); an address that a
 *    password account uses sends it to `return_to?flow=<id>&no_org_ui=true`, a new login flow that links the
 *    provider once the person signs in there (1010016, strategy/oidc HandleError);
 * 4. `GET /sessions/token-exchange?init_code=…&return_to_code=…` answers `{session_token, session}`, or 404
 *    while there is no session. The codes are not consumed: like Kratos, a second exchange answers the same
 *    until the flow is cleaned up.
 */
import { schemaOf, type App, type Authenticated } from '../app';
import { addFlowMessage, isExpired, touch, type FlowRecord } from '../domain/flow';
import { newIdentity, type IdentityRecord } from '../domain/identity';
import { accountLinkingNodes, newLoginFlowBody } from '../domain/login-flow';
import {
  enabledProviders,
  hashCode,
  newCode,
  providerName,
  subjectFor,
  type PendingLink,
} from '../domain/oidc';
import { checkReturnTo, withCode } from '../domain/return-to';
import { completeLogin, isSessionActive, newSession, sessionJson } from '../domain/session';
import { badRequest, browserLocationChangeRequired, errorReply } from '../errors';
import { jsonReply, seeOther, type Reply } from '../http/reply';
import { deviceOf, stringField, type EmulatorRequest } from '../http/request';
import { text, type UiText } from '../messages';
import { idpAuthorizationUrl, idpErrorPage, redeemIdpCode } from './example-idp';
import { flowContext, replyWithFlow, requestUrlOf, resubmitted } from './flow-helpers';
import { startVerificationAfterRegistration } from './verification';

/** Go's strconv.ParseBool, which Kratos's query binding uses. */
const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);

export type CreationParams =
  { ok: true; returnTo: string | undefined; wantsExchangeCode: boolean } | { ok: false; reply: Reply };

/**
 * `return_to` and `return_session_token_exchange_code` of a login or registration flow's creation. The code
 * is only for a request without a session (login/handler.go: API flows without a session).
 */
export function creationParams(
  req: EmulatorRequest,
  app: App,
  auth: Authenticated | undefined,
): CreationParams {
  const requested = req.query.get('return_to');
  let returnTo: string | undefined;
  if (requested !== null && requested !== '') {
    const checked = checkReturnTo(requested, app.config.allowedReturnUrls);
    if (!checked.ok) {
      return {
        ok: false,
        reply: errorReply(400, { id: 'self_service_flow_return_to_forbidden', reason: checked.reason }),
      };
    }
    returnTo = checked.url;
  }
  const wantsExchangeCode =
    auth === undefined && TRUE.has(req.query.get('return_session_token_exchange_code') ?? '');
  return { ok: true, returnTo, wantsExchangeCode };
}

/**
 * Saves a new flow and answers it (200). With `wantsExchangeCode` the flow gets its init code, which this
 * answer is the only one to show (the flow keeps its hash).
 */
export function replyWithNewFlow(app: App, record: FlowRecord, wantsExchangeCode: boolean): Reply {
  if (!wantsExchangeCode) return replyWithFlow(app, record, 200);
  const initCode = newCode();
  record.exchange = { initCodeHash: hashCode(initCode) };
  app.store.saveFlow(record);
  const { state, ...rest } = record.body;
  return jsonReply(200, { ...rest, session_token_exchange_code: initCode, state });
}

/**
 * `{method: oidc, provider}` on a login or registration flow: 422 with the provider's page to open
 * (strategy_login.go / strategy_registration.go for JSON requests). Every press gets a new `state`.
 */
export function startSocialSignIn(
  req: EmulatorRequest,
  app: App,
  record: FlowRecord,
  body: Record<string, unknown>,
): Reply {
  const id = stringField(body, 'provider') ?? '';
  const provider = enabledProviders(app.config).find((p) => p.id === id);
  if (!provider) {
    return errorReply(404, {
      reason: `OpenID Connect Provider "${id.slice(0, 100)}" is unknown or has not been configured`,
    });
  }
  const state = newCode();
  record.oidc = { provider: provider.id, stateHash: hashCode(state) };
  app.store.saveFlow(record);
  return browserLocationChangeRequired(idpAuthorizationUrl(app, provider.id, state));
}

/**
 * GET /self-service/methods/oidc/callback/:provider: where the provider sends the browser back, with `code`
 * and `state`, or with `error` when the person did not consent.
 */
export function oidcCallback(req: EmulatorRequest, app: App): Reply {
  const state = req.query.get('state') ?? '';
  const record = state === '' ? undefined : app.store.flowByOidcState(hashCode(state));
  if (!record?.oidc || record.oidc.provider !== req.params.provider) {
    return idpErrorPage(
      400,
      'This sign-in link does not belong to a sign-in in progress. Please start again from the app.',
    );
  }
  const provider = record.oidc.provider;
  // The state is good for one return only.
  delete record.oidc;
  const now = app.clock.now();
  if (isExpired(record.body, now)) {
    const expired = record.kind === 'login' ? text.loginFlowExpired : text.registrationFlowExpired;
    return failed(app, record, expired(new Date(record.body.expires_at), now));
  }
  const error = req.query.get('error');
  if (error !== null) {
    const description = req.query.get('error_description') ?? '';
    return failed(
      app,
      record,
      text.validationGeneric(
        `Unable to complete OpenID Connect flow because the OpenID Provider returned error "${error.slice(0, 100)}": ${description.slice(0, 300)}`,
      ),
    );
  }
  const email = redeemIdpCode(app, provider, req.query.get('code') ?? '');
  if (email === undefined) {
    return failed(app, record, text.validationGeneric('The OpenID Provider did not confirm this sign-in.'));
  }
  const subject = subjectFor(email);
  const known = app.store.identityByOidc(provider, subject);
  // Like Kratos, a login for an unknown subject becomes a sign-up, and a sign-up of a known one a login.
  if (known) return signedIn(req, app, record, known, provider);
  return signedUp(req, app, record, { email }, { provider, subject });
}

function signedIn(
  req: EmulatorRequest,
  app: App,
  record: FlowRecord,
  identity: IdentityRecord,
  provider: string,
): Reply {
  const now = app.clock.now();
  const session = newSession(identity.id, deviceOf(req));
  // aal1: an identity with a second factor completes it in the app afterwards (session_aal2_required).
  completeLogin(session, 'oidc', 'aal1', now, app.config.sessionLifespanMs, provider);
  app.store.data.sessions.push(session);
  return completed(app, record, session.id);
}

function signedUp(
  req: EmulatorRequest,
  app: App,
  record: FlowRecord,
  traits: Record<string, unknown>,
  credential: { provider: string; subject: string },
): Reply {
  const schema = schemaOf(app);
  const problems = schema.validateTraits(traits);
  if (problems.length > 0) {
    return failed(app, record, text.validationGeneric(problems.map((p) => p.message.text).join(' ')));
  }
  // An address of an existing account: Kratos offers to link the provider to it (1010016).
  const taken = schema
    .passwordIdentifiers(traits)
    .find((id) => app.store.identityByPasswordIdentifier(id) !== undefined);
  if (taken !== undefined) return offerLinking(req, app, record, { ...credential, identifier: taken });

  const now = app.clock.now();
  const identity = newIdentity(schema, traits, { oidc: { providers: [credential] } }, now);
  app.store.data.identities.push(identity);
  startVerificationAfterRegistration(app, identity);
  if (!app.config.registrationSessionHook) {
    // No `session` hook after oidc: the account exists but no session comes back to the app.
    record.body.state = 'passed_challenge';
    touch(record.body, now);
    app.store.saveFlow(record);
    return seeOther(returnTarget(app, record));
  }
  const session = newSession(identity.id, deviceOf(req));
  completeLogin(session, 'oidc', 'aal1', now, app.config.sessionLifespanMs, credential.provider);
  app.store.data.sessions.push(session);
  return completed(app, record, session.id);
}

/** The session is issued: the browser goes back to the app with the return code (MaybeRedirectAPICodeFlow). */
function completed(app: App, record: FlowRecord, sessionId: string): Reply {
  record.body.state = 'passed_challenge';
  record.body.active = 'oidc';
  touch(record.body, app.clock.now());
  const target = returnTarget(app, record);
  if (!record.exchange) {
    app.store.saveFlow(record);
    return seeOther(target);
  }
  const returnToCode = newCode();
  record.exchange = { ...record.exchange, returnToCodeHash: hashCode(returnToCode), sessionId };
  app.store.saveFlow(record);
  return seeOther(withCode(target, returnToCode));
}

/**
 * The sign-in at the provider failed: the flow carries the message, and an API flow with an exchange code
 * sends the browser to the bare `return_to` (login/error.go: no return code, so nothing to exchange); the app
 * reads the message from the flow it is waiting for. The flow keeps its exchange code for another try.
 */
function failed(app: App, record: FlowRecord, message: UiText): Reply {
  const copy = resubmitted(record);
  copy.body.active = 'oidc';
  addFlowMessage(copy.body, message);
  app.store.saveFlow(copy);
  return copy.exchange ? seeOther(returnTarget(app, copy)) : idpErrorPage(400, message.text);
}

/**
 * The provider vouched for an address that a password account uses: a new API login flow asks the person to
 * sign in to that account, which then links the provider (login.ts); the exchange code moves to it, and the
 * browser goes to `return_to?flow=<id>&no_org_ui=true` (strategy/oidc HandleError, populateAccountLinkingUI).
 */
function offerLinking(req: EmulatorRequest, app: App, record: FlowRecord, link: PendingLink): Reply {
  const schema = schemaOf(app);
  const returnTo = typeof record.body.return_to === 'string' ? record.body.return_to : undefined;
  const body = newLoginFlowBody(flowContext(app, 'login', requestUrlOf(app, req)), {
    refresh: false,
    requestedAal: 'aal1',
    mfaCodeAddresses: [],
    schema,
    firstFactors: { password: true, code: false, providers: [] },
    returnTo,
  });
  body.ui.nodes = accountLinkingNodes(schema, link.identifier);
  const provider = enabledProviders(app.config).find((p) => p.id === link.provider);
  addFlowMessage(
    body,
    text.loginLinkMessage(link.identifier, provider ? providerName(provider) : link.provider),
  );
  const linking: FlowRecord = { kind: 'login', body: { ...body, active: 'oidc' }, linking: link };
  if (record.exchange) linking.exchange = { initCodeHash: record.exchange.initCodeHash };
  delete record.exchange;
  app.store.saveFlow(record);
  app.store.saveFlow(linking);
  const target = new URL(returnTarget(app, record));
  target.searchParams.set('flow', body.id);
  target.searchParams.set('no_org_ui', 'true');
  return seeOther(target.href);
}

/** Adds a pending link's provider to the identity that signed in (the account-linking flow's sign-in). */
export function linkProvider(identity: IdentityRecord, link: PendingLink): void {
  const providers = identity.credentials.oidc?.providers ?? [];
  if (providers.some((p) => p.provider === link.provider && p.subject === link.subject)) return;
  identity.credentials.oidc = {
    providers: [...providers, { provider: link.provider, subject: link.subject }],
  };
}

/** The flow's `return_to`, else `selfservice.default_browser_return_url`. */
function returnTarget(app: App, record: FlowRecord): string {
  const returnTo = record.body.return_to;
  return typeof returnTo === 'string'
    ? returnTo
    : (app.config.defaultBrowserReturnUrl ?? `${app.publicUrl}/`);
}

/** GET /sessions/token-exchange (session/handler.go exchangeCode). */
export function exchangeSessionToken(req: EmulatorRequest, app: App): Reply {
  const initCode = req.query.get('init_code') ?? '';
  const returnToCode = req.query.get('return_to_code') ?? '';
  if (initCode === '' || returnToCode === '') {
    return badRequest('"init_code" and "return_to_code" query params must be set');
  }
  const record = app.store.flowByExchange(hashCode(initCode), hashCode(returnToCode));
  const sessionId = record?.exchange?.sessionId;
  const notYet = errorReply(404, { reason: 'no session yet for this "code"' });
  if (sessionId === undefined) return notYet;
  const now = app.clock.now();
  const session = app.store.session(sessionId);
  // A session read back from the data file has no token in memory (only its hash is stored): nothing to hand out.
  if (!session || session.token === '' || !isSessionActive(session, now)) return notYet;
  const identity = app.store.identity(session.identityId) ?? null;
  return jsonReply(200, {
    session_token: session.token,
    session: sessionJson(session, { publicUrl: app.publicUrl, now, identity }),
  });
}

/**
 * The method a submit names. A provider button is sent as `provider` alone (Kratos's oidc nodes carry no
 * `method`, and its browser forms post none): Kratos's oidc strategy takes any body with a provider and no
 * other method (measured on v1.3.1), so the emulator does too.
 */
export function socialOrNamedMethod(body: Record<string, unknown>): string | undefined {
  const method = stringField(body, 'method');
  return method === undefined && stringField(body, 'provider') !== undefined ? 'oidc' : method;
}

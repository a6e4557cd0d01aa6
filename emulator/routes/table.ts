/** Every public route the emulator serves, in one table so the API surface is visible at a glance. */
import type { App } from '../app';
import { badRequest } from '../errors';
import { jsonReply } from '../http/reply';
import { route, type Handler, type Route } from '../http/router';
import { listOutbox } from '../outbox';
import { idpAuthorizePage, idpAuthorizeSubmit } from './example-idp';
import { getFlow } from './flow-helpers';
import { createLoginFlow, submitLoginFlow } from './login';
import { exchangeSessionToken, oidcCallback } from './oidc';
import { servePasskeyPage } from './passkey';
import { PASSKEY_PAGE_PATH } from '../passkey/page';
import { createRecoveryFlow, submitRecoveryFlow } from './recovery';
import { createRegistrationFlow, submitRegistrationFlow } from './registration';
import {
  deleteMyOtherSessions,
  deleteMySession,
  listMySessions,
  performNativeLogout,
  whoami,
} from './sessions';
import { createSettingsFlow, getSettingsFlow, submitSettingsFlow } from './settings';
import { createVerificationFlow, submitVerificationFlow } from './verification';

/** session/handler.go registers whoami for all these methods. */
const WHOAMI_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'CONNECT', 'OPTIONS', 'TRACE'];

const SCHEMA_ID = Buffer.from('default').toString('base64url');

const health: Route<App>[] = [
  route('GET', '/health/alive', () => jsonReply(200, { status: 'ok' })),
  route('GET', '/health/ready', () => jsonReply(200, { status: 'ok' })),
];

/**
 * `selfservice.flows.<recovery|verification>.enabled: false`: Kratos refuses to create or show such a flow,
 * 400 without an error id (real Kratos v1.3.1, measured).
 */
const whenEnabled =
  (kind: 'recovery' | 'verification', handler: Handler<App>): Handler<App> =>
  (req, app) =>
    app.config.flowsEnabled[kind]
      ? handler(req, app)
      : badRequest(
          `${kind === 'recovery' ? 'Recovery' : 'Verification'} is not allowed because it was disabled.`,
        );

const api: Route<App>[] = [
  route('GET', `/schemas/${SCHEMA_ID}`, (_req, app) => jsonReply(200, app.config.identitySchema)),

  route('GET', '/self-service/login/api', createLoginFlow),
  route('GET', '/self-service/login/flows', getFlow('login')),
  route('POST', '/self-service/login', submitLoginFlow),

  route('GET', '/self-service/registration/api', createRegistrationFlow),
  route('GET', '/self-service/registration/flows', getFlow('registration')),
  route('POST', '/self-service/registration', submitRegistrationFlow),

  route('GET', '/self-service/settings/api', createSettingsFlow),
  route('GET', '/self-service/settings/flows', getSettingsFlow),
  route('POST', '/self-service/settings', submitSettingsFlow),

  route('GET', '/self-service/recovery/api', whenEnabled('recovery', createRecoveryFlow)),
  route('GET', '/self-service/recovery/flows', whenEnabled('recovery', getFlow('recovery'))),
  route('POST', '/self-service/recovery', submitRecoveryFlow),

  route('GET', '/self-service/verification/api', whenEnabled('verification', createVerificationFlow)),
  route('GET', '/self-service/verification/flows', whenEnabled('verification', getFlow('verification'))),
  route('POST', '/self-service/verification', submitVerificationFlow),

  route('DELETE', '/self-service/logout/api', performNativeLogout),
  route(WHOAMI_METHODS, '/sessions/whoami', whoami),
  route('GET', '/sessions/token-exchange', exchangeSessionToken),
  route('GET', '/sessions', listMySessions),
  route('DELETE', '/sessions', deleteMyOtherSessions),
  route('DELETE', '/sessions/:id', deleteMySession),
];

/** Every GET answer is marked as not cacheable by the shell (http/server.ts), as by Kratos's router. */
export const publicRoutes: Route<App>[] = [...health, ...api];

/**
 * The browser's side of social sign-in: the demo identity provider's pages and Kratos's OIDC callback. HTML
 * and redirects, not the JSON API: served like the API (Host rule, body limit) but not reported as exchanges.
 */
export const browserRoutes: Route<App>[] = [
  route('GET', '/example-idp/:provider/authorize', idpAuthorizePage),
  route('POST', '/example-idp/:provider/authorize', idpAuthorizeSubmit),
  route('GET', '/self-service/methods/oidc/callback/:provider', oidcCallback),
  route('GET', PASSKEY_PAGE_PATH, servePasskeyPage),
];

/** TEST-ONLY routes, outside Kratos's API: never counted in stats nor reported to onExchange. */
export const testOnlyRoutes: Route<App>[] = [route('GET', '/__emulator/outbox', listOutbox)];

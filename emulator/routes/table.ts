/** Every public route the emulator serves, in one table so the API surface is visible at a glance. */
import type { App } from '../app';
import { identitySchema } from '../domain/identity-schema';
import { jsonReply } from '../http/reply';
import { route, type Route } from '../http/router';
import { listOutbox } from '../outbox';
import { getFlow } from './flow-helpers';
import { createLoginFlow, submitLoginFlow } from './login';
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

export const publicRoutes: Route<App>[] = [
  route('GET', '/health/alive', () => jsonReply(200, { status: 'ok' })),
  route('GET', '/health/ready', () => jsonReply(200, { status: 'ok' })),
  route('GET', `/schemas/${SCHEMA_ID}`, () => jsonReply(200, identitySchema)),

  route('GET', '/self-service/login/api', createLoginFlow),
  route('GET', '/self-service/login/flows', getFlow('login')),
  route('POST', '/self-service/login', submitLoginFlow),

  route('GET', '/self-service/registration/api', createRegistrationFlow),
  route('GET', '/self-service/registration/flows', getFlow('registration')),
  route('POST', '/self-service/registration', submitRegistrationFlow),

  route('GET', '/self-service/settings/api', createSettingsFlow),
  route('GET', '/self-service/settings/flows', getSettingsFlow),
  route('POST', '/self-service/settings', submitSettingsFlow),

  route('GET', '/self-service/recovery/api', createRecoveryFlow),
  route('GET', '/self-service/recovery/flows', getFlow('recovery')),
  route('POST', '/self-service/recovery', submitRecoveryFlow),

  route('GET', '/self-service/verification/api', createVerificationFlow),
  route('GET', '/self-service/verification/flows', getFlow('verification')),
  route('POST', '/self-service/verification', submitVerificationFlow),

  route('DELETE', '/self-service/logout/api', performNativeLogout),
  route(WHOAMI_METHODS, '/sessions/whoami', whoami),
  route('GET', '/sessions', listMySessions),
  route('DELETE', '/sessions', deleteMyOtherSessions),
  route('DELETE', '/sessions/:id', deleteMySession),
];

/** TEST-ONLY routes, outside Kratos's API: never counted in stats nor reported to onExchange. */
export const testOnlyRoutes: Route<App>[] = [route('GET', '/__emulator/outbox', listOutbox)];

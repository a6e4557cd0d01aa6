/**
 * Native registration with the password method: GET /self-service/registration/api,
 * GET /self-service/registration/flows?id=, POST /self-service/registration?flow=
 * (registration/handler.go, strategy/password/registration.go, hook/session_issuer.go; docs/protocol.md §2).
 */
import { authenticate, type App } from '../app';
import { addFlowMessage, addNodeMessage, setNodeValue, touch, type FlowRecord } from '../domain/flow';
import { newIdentity, identityJson } from '../domain/identity';
import { passwordIdentifiers, traits as schemaTraits, validateTraits } from '../domain/identity-schema';
import { checkPasswordPolicy, hashPassword } from '../domain/password';
import { newRegistrationFlowBody } from '../domain/registration-flow';
import { completeLogin, newSession, sessionJson } from '../domain/session';
import { ALREADY_LOGGED_IN_REASON, sessionAlreadyAvailable } from '../errors';
import { jsonReply, type Reply } from '../http/reply';
import { apiFlowViolation, deviceOf, jsonBody, stringField, type EmulatorRequest } from '../http/request';
import * as text from '../messages';
import {
  flowContext,
  foldBadRequest,
  loadForSubmit,
  replyWithFlow,
  requestUrlOf,
  resubmitted,
} from './flow-helpers';
import { startVerificationAfterRegistration } from './verification';

function newRegistrationRecord(app: App, req: EmulatorRequest): FlowRecord {
  const body = newRegistrationFlowBody(flowContext(app, 'registration', requestUrlOf(app, req)));
  return { kind: 'registration', body };
}

export function createRegistrationFlow(req: EmulatorRequest, app: App): Reply {
  if (authenticate(req, app)) return sessionAlreadyAvailable('registration');
  return replyWithFlow(app, newRegistrationRecord(app, req), 200);
}

export async function submitRegistrationFlow(req: EmulatorRequest, app: App): Promise<Reply> {
  const loaded = loadForSubmit(app, 'registration', req, () => newRegistrationRecord(app, req));
  if (!loaded.ok) return loaded.reply;
  const record = loaded.record;
  if (authenticate(req, app)) return foldBadRequest(app, record, ALREADY_LOGGED_IN_REASON.registration);

  const parsed = jsonBody(req);
  if (!parsed.ok) return foldBadRequest(app, record, parsed.reason);
  if (stringField(parsed.value, 'method') !== 'password') {
    const copy = resubmitted(record);
    addFlowMessage(copy.body, text.registrationNoStrategy());
    return replyWithFlow(app, copy, 400);
  }
  const violation = apiFlowViolation(req);
  if (violation) return foldBadRequest(app, record, violation);
  return passwordRegistration(req, app, record, parsed.value);
}

async function passwordRegistration(
  req: EmulatorRequest,
  app: App,
  record: FlowRecord,
  body: Record<string, unknown>,
): Promise<Reply> {
  const copy = resubmitted(record);
  const traits =
    typeof body.traits === 'object' && body.traits !== null ? (body.traits as Record<string, unknown>) : {};
  const password = stringField(body, 'password') ?? '';

  // Submitted traits are echoed back into their nodes; the password never is.
  for (const trait of schemaTraits) setNodeValue(copy.body, `traits.${trait.name}`, traits[trait.name]);

  const traitErrors = validateTraits(traits);
  for (const error of traitErrors) {
    if (error.field) addNodeMessage(copy.body, error.field, error.message);
    else addFlowMessage(copy.body, error.message);
  }
  if (password === '') addNodeMessage(copy.body, 'password', text.validationRequired('password'));
  if (traitErrors.length > 0 || password === '') return replyWithFlow(app, copy, 400);

  const identifiers = passwordIdentifiers(traits);
  const policyViolation = checkPasswordPolicy(password, identifiers[0] ?? '', {
    minLength: app.config.passwordMinLength,
    identifierSimilarityCheck: app.config.passwordIdentifierSimilarityCheck,
  });
  if (policyViolation) {
    addNodeMessage(copy.body, 'password', policyViolation);
    return replyWithFlow(app, copy, 400);
  }
  if (identifiers.some((id) => app.store.identityByPasswordIdentifier(id))) {
    addFlowMessage(copy.body, text.duplicateCredentials());
    return replyWithFlow(app, copy, 400);
  }

  const now = app.clock.now();
  const hash = await hashPassword(password, app.config.bcryptCost);
  // Re-check after the (slow) hash so two concurrent sign-ups with one email cannot both succeed.
  if (identifiers.some((id) => app.store.identityByPasswordIdentifier(id))) {
    addFlowMessage(copy.body, text.duplicateCredentials());
    return replyWithFlow(app, copy, 400);
  }
  const identity = newIdentity(traits, { password: { identifiers, hash } }, now);
  app.store.data.identities.push(identity);

  const continueWith: unknown[] = [];
  let issued: { session_token: string; session: unknown } | undefined;
  if (app.config.registrationSessionHook) {
    const session = newSession(identity.id, deviceOf(req));
    completeLogin(session, 'password', 'aal1', now, app.config.sessionLifespanMs);
    app.store.data.sessions.push(session);
    continueWith.push({ action: 'set_ory_session_token', ory_session_token: session.token });
    issued = {
      session_token: session.token,
      session: sessionJson(session, { publicUrl: app.publicUrl, now, identity }),
    };
  }

  if (app.config.registrationShowVerificationUi) {
    continueWith.push(startVerificationAfterRegistration(app, identity));
  }

  record.body.state = 'passed_challenge';
  touch(record.body, now);
  app.store.saveFlow(record);
  // hook/session_issuer.go writes {session, session_token, identity, continue_with}.
  return jsonReply(200, {
    ...(issued ? { session: issued.session, session_token: issued.session_token } : {}),
    identity: identityJson(identity, app.publicUrl),
    continue_with: continueWith.length > 0 ? continueWith : null,
  });
}

/**
 * Native registration: GET /self-service/registration/api, GET /self-service/registration/flows?id=,
 * POST /self-service/registration?flow= (registration/handler.go, strategy/profile/two_step_registration.go,
 * strategy/password/registration.go, strategy/code/strategy_registration.go, hook/session_issuer.go;
 * docs/protocol.md §2).
 *
 * Two-step by default, like Kratos ≥ 1.3: `method: profile` with the traits answers 400 with the same flow on
 * its credentials screen; `screen: previous` goes back with the traits kept. `method: password` is accepted on
 * either screen. With the passwordless code method on, `method: code` sends a sign-up code instead.
 */
import { authenticate, schemaOf, type App } from '../app';
import { addFlowMessage, addNodeMessage, setNodeValue, touch, type FlowRecord } from '../domain/flow';
import { newIdentity, identityJson, type Credentials, type IdentityRecord } from '../domain/identity';
import { inputNode, isInput } from '../domain/nodes';
import { enabledProviders } from '../domain/oidc';
import { checkPasswordPolicy, hashPassword } from '../domain/password';
import {
  credentialNodes,
  hiddenTraitNodes,
  newRegistrationFlowBody,
  registrationNodes,
  type CredentialOptions,
  type RegistrationScreen,
} from '../domain/registration-flow';
import type { AuthMethodName } from '../../shared/kratos-wire';
import { completeLogin, newSession, sessionJson } from '../domain/session';
import { ALREADY_LOGGED_IN_REASON, endpointDisabled, sessionAlreadyAvailable } from '../errors';
import { jsonReply, type Reply } from '../http/reply';
import { deviceOf, stringField, type EmulatorRequest } from '../http/request';
import { text, type UiText } from '../messages';
import {
  codeSentNodes,
  checkCode,
  CODES_SENT_TOO_OFTEN,
  sendFlowCode,
  type CodeSecrets,
} from './code-method';
import {
  flowContext,
  foldBadRequest,
  loadForSubmit,
  submittedBody,
  replyWithFlow,
  requestUrlOf,
  resubmitted,
  withTransientPayload,
} from './flow-helpers';
import { creationParams, replyWithNewFlow, socialOrNamedMethod, startSocialSignIn } from './oidc';
import { startVerificationAfterRegistration } from './verification';
import { cannotCreatePasskey, ceremonyOf, keepCeremony, verifyAttestation } from './passkey';
import { createCeremony, registrationCreateData } from '../domain/passkey';
import { internalError } from '../errors';

/** Which screen the flow shows, and the sign-up code when one was sent. */
interface RegistrationSecrets extends CodeSecrets {
  screen: RegistrationScreen;
}

const secretsOf = (record: FlowRecord): RegistrationSecrets => ({
  screen: 'one-step',
  ...(record.secrets as Partial<RegistrationSecrets> | undefined),
});

const credentialOptions = (app: App): CredentialOptions => ({
  password: app.config.methods.password,
  code: app.config.methods.code && app.config.codePasswordless,
  providers: enabledProviders(app.config),
});

/**
 * The credentials this flow offers, with its passkey options when that method is on: made once per flow and
 * kept, so the form shown again carries the same challenge (Kratos keeps them in the flow's internal context).
 */
function credentialOptionsOf(app: App, record: FlowRecord): CredentialOptions {
  const options = credentialOptions(app);
  if (!app.config.methods.passkey) return options;
  let ceremony = ceremonyOf(record);
  if (!ceremony) {
    // Kratos leaves the user's name to the client; go-webauthn fills in the RP's name (measured).
    ceremony = createCeremony(app.config.passkeyRp, app.config.passkeyRp.displayName);
    keepCeremony(record, ceremony);
  }
  const schema = schemaOf(app);
  const field = schema.passkeyDisplayNameField ?? `traits.${schema.identifierTraits[0]?.name ?? 'email'}`;
  return { ...options, passkey: registrationCreateData(ceremony, field) };
}

function newRegistrationRecord(app: App, req: EmulatorRequest, returnTo?: string): FlowRecord {
  const screen: RegistrationScreen = app.config.registrationOneStep ? 'one-step' : 'profile';
  const ctx = flowContext(app, 'registration', requestUrlOf(app, req));
  const record: FlowRecord = {
    kind: 'registration',
    body: newRegistrationFlowBody(ctx, [], returnTo),
    secrets: { screen } satisfies RegistrationSecrets,
  };
  record.body.ui.nodes = registrationNodes(screen, schemaOf(app), {}, credentialOptionsOf(app, record));
  return record;
}

export function createRegistrationFlow(req: EmulatorRequest, app: App): Reply {
  if (authenticate(req, app)) return sessionAlreadyAvailable('registration');
  const params = creationParams(req, app, undefined);
  if (!params.ok) return params.reply;
  return replyWithNewFlow(app, newRegistrationRecord(app, req, params.returnTo), params.wantsExchangeCode);
}

const traitsOf = (body: Record<string, unknown>): Record<string, unknown> =>
  typeof body.traits === 'object' && body.traits !== null && !Array.isArray(body.traits)
    ? (body.traits as Record<string, unknown>)
    : {};

/** One submit: the working copy of the flow and what was sent. */
interface Step {
  req: EmulatorRequest;
  app: App;
  record: FlowRecord;
  body: Record<string, unknown>;
  traits: Record<string, unknown>;
}

export async function submitRegistrationFlow(req: EmulatorRequest, app: App): Promise<Reply> {
  const loaded = loadForSubmit(app, 'registration', req, () => newRegistrationRecord(app, req));
  if (!loaded.ok) return loaded.reply;
  if (authenticate(req, app))
    return foldBadRequest(app, loaded.record, ALREADY_LOGGED_IN_REASON.registration);

  const submitted = submittedBody(app, loaded.record, req);
  if (!submitted.ok) return submitted.reply;
  const body = submitted.body;
  const method = socialOrNamedMethod(body);
  if (method === 'oidc' && stringField(body, 'provider') !== undefined) {
    // Turned off, the oidc strategy refuses a provider (MethodEnabledAndAllowed), before any other strategy.
    if (!app.config.methods.oidc) return endpointDisabled();
    return startSocialSignIn(req, app, loaded.record, body);
  }
  const step: Step = { req, app, record: resubmitted(loaded.record), body, traits: traitsOf(body) };
  const screen = stringField(body, 'screen');

  // The profile strategy answers first (strategy/profile/two_step_registration.go Register).
  if (!app.config.registrationOneStep) {
    if (screen === 'previous' || method === 'profile:back') return backToProfile(step);
    if (method === 'profile' || screen === 'credential-selection') return showCredentials(step);
  }
  if (method === 'password' && app.config.methods.password) return passwordRegistration(step);
  if (method === 'code' && credentialOptions(app).code) return codeRegistration(step);
  // The passkey strategy takes a submit with a non-empty `passkey_register` (any method).
  const attestation = stringField(body, 'passkey_register') ?? '';
  if (app.config.methods.passkey && attestation !== '' && attestation !== 'true') {
    return passkeyRegistration(step, attestation);
  }
  addFlowMessage(step.record.body, text.registrationNoStrategy());
  return replyWithFlow(app, step.record, 400);
}

function setScreen(record: FlowRecord, screen: RegistrationScreen): void {
  record.secrets = { ...secretsOf(record), screen };
}

/** `screen: previous`: the traits form again, filled with what was sent (400, as every step that is not the end). */
function backToProfile({ app, record, traits }: Step): Reply {
  record.body.ui.nodes = registrationNodes('profile', schemaOf(app), traits, credentialOptions(app));
  record.body.state = 'choose_method';
  delete record.body.active;
  setScreen(record, 'profile');
  return replyWithFlow(app, record, 400);
}

/** `method: profile`: valid traits move on to the credentials; invalid ones come back marked on their nodes. */
function showCredentials({ app, record, traits, body }: Step): Reply {
  const schema = schemaOf(app);
  const errors = schema.validateTraits(traits);
  if (errors.length > 0) {
    record.body.ui.nodes = registrationNodes('profile', schema, traits, credentialOptions(app));
    markTraitErrors(record, errors);
    return replyWithFlow(app, record, 400);
  }
  record.body.ui.nodes = credentialNodes(schema, traits, credentialOptionsOf(app, record));
  record.body.ui.messages = [text.chooseCredentials()];
  record.body.state = 'choose_method';
  delete record.body.active;
  setScreen(record, 'credentials');
  app.store.saveFlow(record);
  return jsonReply(400, withTransientPayload(record.body, body));
}

function markTraitErrors(
  record: FlowRecord,
  errors: ReturnType<ReturnType<typeof schemaOf>['validateTraits']>,
) {
  for (const error of errors) {
    if (error.field) addNodeMessage(record.body, error.field, error.message);
    else addFlowMessage(record.body, error.message);
  }
}

/**
 * The form a failed credential submit comes back on: the credentials screen, or the traits form with the sent
 * values when the credential was sent from there.
 */
function showAgain({ app, record, traits }: Step): void {
  const schema = schemaOf(app);
  if (secretsOf(record).screen === 'credentials') {
    record.body.ui.nodes = credentialNodes(schema, traits, credentialOptionsOf(app, record));
    return;
  }
  for (const trait of schema.traits) setNodeValue(record.body, `traits.${trait.name}`, traits[trait.name]);
}

/**
 * A message for the password. A password sent from the traits screen has no field there: like Kratos, the
 * message creates one (a text input of the default group), which Kratos sorts in after the identifier traits.
 */
function markPassword({ app, record }: Step, message: UiText): void {
  const nodes = record.body.ui.nodes;
  if (!nodes.some((n) => isInput(n) && n.attributes.name === 'password')) {
    const identifiers = new Set(schemaOf(app).identifierTraits.map((t) => `traits.${t.name}`));
    const after = nodes.findLastIndex((n) => isInput(n) && identifiers.has(n.attributes.name));
    nodes.splice(after + 1, 0, inputNode('default', 'password', 'text'));
  }
  addNodeMessage(record.body, 'password', message);
}

async function passwordRegistration(step: Step): Promise<Reply> {
  const { app, record, body, traits } = step;
  const schema = schemaOf(app);
  const password = stringField(body, 'password') ?? '';
  showAgain(step);

  const traitErrors = schema.validateTraits(traits);
  markTraitErrors(record, traitErrors);
  if (password === '') markPassword(step, text.validationRequired('password'));
  if (traitErrors.length > 0 || password === '') return replyWithFlow(app, record, 400);

  const identifiers = schema.passwordIdentifiers(traits);
  const policyViolation = checkPasswordPolicy(password, identifiers[0] ?? '', {
    minLength: app.config.passwordMinLength,
    identifierSimilarityCheck: app.config.passwordIdentifierSimilarityCheck,
  });
  if (policyViolation) {
    markPassword(step, policyViolation);
    return replyWithFlow(app, record, 400);
  }
  if (identifiers.some((id) => app.store.identityByPasswordIdentifier(id))) {
    addFlowMessage(record.body, text.duplicateCredentials());
    return replyWithFlow(app, record, 400);
  }
  const hash = await hashPassword(password, app.config.bcryptCost);
  // Re-checked after the (slow) hash so two concurrent sign-ups with one email cannot both succeed.
  if (identifiers.some((id) => app.store.identityByPasswordIdentifier(id))) {
    addFlowMessage(record.body, text.duplicateCredentials());
    return replyWithFlow(app, record, 400);
  }
  return registered(step, { password: { identifiers, hash } }, 'password');
}

/**
 * `method: code` (passwordless sign-up): the first submit sends a code to the traits' code identifier and
 * answers 400 in state sent_email; `resend: code` sends a new one; `code` finishes the registration. The
 * address the code went to is verified by it.
 */
function codeRegistration(step: Step): Reply {
  const { app, record, body, traits } = step;
  const schema = schemaOf(app);
  const code = stringField(body, 'code');
  const address = schema.codeIdentifiers(traits)[0];
  const errors = schema.validateTraits(traits);
  if (errors.length > 0 || address === undefined) {
    showAgain(step);
    markTraitErrors(record, errors);
    if (errors.length === 0) addFlowMessage(record.body, text.noCodeUser());
    return replyWithFlow(app, record, 400);
  }
  const taken = app.store.data.identities.some((i) => schema.codeIdentifiers(i.traits).includes(address));
  if (taken || schema.passwordIdentifiers(traits).some((id) => app.store.identityByPasswordIdentifier(id))) {
    showAgain(step);
    addFlowMessage(record.body, text.duplicateCredentials());
    return replyWithFlow(app, record, 400);
  }

  // The code step: the traits stay as hidden inputs above the code field.
  const codeStepNodes = () => [...hiddenTraitNodes(schema, traits), ...codeSentNodes('registration')];
  if (record.body.state !== 'sent_email' || code === undefined || stringField(body, 'resend') === 'code') {
    if (!sendFlowCode(app, record, 'registration_code', address)) {
      return foldBadRequest(app, record, CODES_SENT_TOO_OFTEN);
    }
    record.body.ui.nodes = codeStepNodes();
    record.body.ui.messages = [text.registrationCodeSent()];
    app.store.saveFlow(record);
    return jsonReply(400, withTransientPayload(record.body, body));
  }
  if (!checkCode(app, record, code, address)) {
    record.body.ui.nodes = codeStepNodes();
    addFlowMessage(record.body, text.registrationCodeInvalid());
    return replyWithFlow(app, record, 400);
  }
  return registered(step, {}, 'code', address);
}

/**
 * `passkey_register` (strategy/passkey/passkey_registration.go): the attestation verified against the
 * options this flow sent; the passkey keeps the user handle of those options (login finds the identity by it).
 */
async function passkeyRegistration(step: Step, attestation: string): Promise<Reply> {
  const { app, record, traits } = step;
  const schema = schemaOf(app);
  const ceremony = ceremonyOf(record);
  if (!ceremony) return internalError();
  showAgain(step);
  const result = await verifyAttestation(app, ceremony, attestation);
  if (!result.ok) {
    if (result.problem === 'unverified') return cannotCreatePasskey(result.reason);
    addFlowMessage(
      record.body,
      text.validationGeneric(`Unable to parse WebAuthn response: ${result.reason}`),
    );
    return replyWithFlow(app, record, 400);
  }
  const errors = schema.validateTraits(traits);
  if (errors.length > 0) {
    markTraitErrors(record, errors);
    return replyWithFlow(app, record, 400);
  }
  const identifiers = schema.passwordIdentifiers(traits);
  if (identifiers.some((id) => app.store.identityByPasswordIdentifier(id))) {
    addFlowMessage(record.body, text.duplicateCredentials());
    return replyWithFlow(app, record, 400);
  }
  return registered(step, { passkey: { credentials: [result.credential] } }, 'passkey');
}

/** The identity exists: run the after-registration hooks and answer 200 (hook/session_issuer.go). */
function registered(
  { req, app, record, traits }: Step,
  credentials: Credentials,
  method: Extract<AuthMethodName, 'password' | 'code' | 'passkey'>,
  verifiedAddress?: string,
): Reply {
  const now = app.clock.now();
  const identity = newIdentity(schemaOf(app), traits, credentials, now);
  if (verifiedAddress !== undefined) markVerified(identity, verifiedAddress, now);
  app.store.data.identities.push(identity);

  // registration/hook.go persists an active session after every sign-up ("so that subsequent hooks can use
  // it"); only the `session` hook hands it to the client. Without the hook it still lists among the identity's
  // sessions (measured on v26.2.0: GET /sessions shows it).
  const session = newSession(identity.id, deviceOf(req));
  completeLogin(session, method, 'aal1', now, app.config.sessionLifespanMs);
  app.store.data.sessions.push(session);
  const continueWith: unknown[] = [];
  let issued: { session_token: string; session: unknown } | undefined;
  if (app.config.registrationSessionHook) {
    continueWith.push({ action: 'set_ory_session_token', ory_session_token: session.token });
    issued = {
      session_token: session.token,
      session: sessionJson(session, { publicUrl: app.publicUrl, now, identity }),
    };
  }
  // Kratos's verification hook runs after every registration while verification is enabled: a code goes to
  // the first unverified address. Only the `show_verification_ui` hook tells the client about it (current
  // Kratos; v1.3.1 added that item unasked).
  const verification = startVerificationAfterRegistration(app, identity);
  if (verification && app.config.registrationShowVerificationUi) continueWith.unshift(verification);

  record.body.state = 'passed_challenge';
  touch(record.body, now);
  app.store.saveFlow(record);
  return jsonReply(200, {
    ...(issued ? { session: issued.session, session_token: issued.session_token } : {}),
    identity: identityJson(identity, app.publicUrl),
    continue_with: continueWith.length > 0 ? continueWith : null,
  });
}

function markVerified(identity: IdentityRecord, address: string, now: Date): void {
  const at = now.toISOString();
  for (const a of identity.verifiableAddresses) {
    if (a.value === address) Object.assign(a, { verified: true, status: 'completed', verified_at: at });
  }
}

/**
 * Native login: GET /self-service/login/api, GET /self-service/login/flows?id=, POST /self-service/login?flow=
 * (login/handler.go, strategy/password/login.go, strategy/code/strategy_login.go; docs/protocol.md §1).
 */
import {
  authenticate,
  codeIsSecondFactor,
  mfaCodeAddresses,
  schemaOf,
  type App,
  type Authenticated,
} from '../app';
import { addFlowMessage, addNodeMessage, setNodeValue, type FlowRecord } from '../domain/flow';
import { normalizeIdentifier } from '../domain/identity-schema';
import { newLoginFlowBody, type FirstFactors } from '../domain/login-flow';
import { DUMMY_HASH, verifyPassword } from '../domain/password';
import { enabledProviders } from '../domain/oidc';
import { sessionAal, type Aal } from '../domain/session';
import {
  badRequest,
  browserLocationChangeRequired,
  endpointDisabled,
  internalError,
  sessionAal1Required,
  sessionAlreadyAvailable,
  verifiedAddressRequired,
  ALREADY_LOGGED_IN_REASON,
} from '../errors';
import type { Reply } from '../http/reply';
import { apiFlowViolation, jsonBody, stringField, type EmulatorRequest } from '../http/request';
import { KRATOS_FALLBACK_LOGIN_UI, text } from '../messages';
import {
  flowContext,
  foldBadRequest,
  loadForSubmit,
  replyWithFlow,
  requestUrlOf,
  resubmitted,
} from './flow-helpers';
import { codeLogin } from './login-code';
import { ceremonyOf, keepCeremony, verifyAssertion } from './passkey';
import { loginCeremony } from '../domain/passkey';
import { mfaCodeLogin, secondFactorCodes, sendCodeAtOnce } from './login-code-mfa';
import { issueSession } from './issue-session';
import { secondFactorLogin } from './login-second-factor';
import { verificationBeforeLogin } from './verification';
import {
  creationParams,
  linkProvider,
  replyWithNewFlow,
  socialOrNamedMethod,
  startSocialSignIn,
} from './oidc';

/**
 * The first factors this configuration offers: password, the one-time code when passwordless is on, and the
 * social sign-in providers.
 */
const firstFactorsOf = (app: App): FirstFactors => ({
  password: app.config.methods.password,
  code: app.config.methods.code && app.config.codePasswordless,
  providers: enabledProviders(app.config),
});

function newLoginRecord(
  app: App,
  req: EmulatorRequest,
  refresh: boolean,
  requestedAal: Aal,
  auth?: Authenticated,
  returnTo?: string,
): FlowRecord {
  // Passkeys are a first factor only (aal1): the passkey strategy draws nothing on an aal2 flow.
  const own = refresh ? (auth?.identity.credentials.passkey?.credentials ?? []) : [];
  const passkey =
    app.config.methods.passkey && requestedAal === 'aal1'
      ? loginCeremony(app.config.passkeyRp, own)
      : undefined;
  const body = newLoginFlowBody(flowContext(app, 'login', requestUrlOf(app, req)), {
    refresh,
    requestedAal,
    identity: auth?.identity,
    mfaCodeAddresses: auth ? mfaCodeAddresses(app, auth.identity) : [],
    schema: schemaOf(app),
    firstFactors: { ...firstFactorsOf(app), passkey },
    returnTo,
  });
  const record: FlowRecord = { kind: 'login', body, identityId: auth?.identity.id };
  if (passkey) keepCeremony(record, passkey);
  return record;
}

export function createLoginFlow(req: EmulatorRequest, app: App): Reply {
  const aal = req.query.get('aal') ?? '';
  if (aal !== '' && aal !== 'aal1' && aal !== 'aal2') {
    return badRequest(
      'Unable to parse AuthenticationMethod Assurance Level (AAL): expected one of [aal1, aal2]',
    );
  }
  const requestedAal: Aal = aal === 'aal2' ? 'aal2' : 'aal1';
  const auth = authenticate(req, app);
  // Without a session, refresh is silently dropped and aal2 is refused (login/handler.go NewLoginFlow).
  const refresh = auth !== undefined && req.query.get('refresh') === 'true';
  if (!auth && requestedAal === 'aal2') return sessionAal1Required();
  if (auth && !refresh) {
    if (requestedAal === 'aal1') return sessionAlreadyAvailable('login');
    // A session that has aal2 already is "signed in" (login/handler.go: requested AAL <= session AAL); an
    // identity without a second factor gets a flow with nothing to fill in (real Kratos, measured).
    if (sessionAal(auth.session) === 'aal2') return sessionAlreadyAvailable('login');
  }
  const params = creationParams(req, app, auth);
  if (!params.ok) return params.reply;
  const record = newLoginRecord(app, req, refresh, requestedAal, auth, params.returnTo);
  if (requestedAal === 'aal2' && auth) sendCodeAtOnce(app, record, auth.identity);
  return replyWithNewFlow(app, record, params.wantsExchangeCode);
}

export async function submitLoginFlow(req: EmulatorRequest, app: App): Promise<Reply> {
  const loaded = loadForSubmit(app, 'login', req, (expired) => {
    // login/handler.go FromOldFlow: the replacement keeps refresh and requested_aal.
    const auth = authenticate(req, app);
    return newLoginRecord(app, req, expired.body.refresh === true, expired.body.requested_aal as Aal, auth);
  });
  if (!loaded.ok) return loaded.reply;
  const record = loaded.record;
  const requestedAal = record.body.requested_aal as Aal;
  const auth = authenticate(req, app);

  // updateLoginFlow: aal2 and refresh submits need the session again; a plain login must not have one.
  if (requestedAal === 'aal2' && !auth) return sessionAal1Required();
  if (auth && !record.body.refresh && requestedAal === 'aal1') {
    return foldBadRequest(app, record, ALREADY_LOGGED_IN_REASON.login);
  }

  const parsed = jsonBody(req);
  if (!parsed.ok) return foldBadRequest(app, record, parsed.reason);
  const chosen = loginMethodFor(req, app, record, parsed.value, auth);
  if (chosen === 'disabled') return endpointDisabled();
  if (chosen === undefined) {
    const copy = resubmitted(record);
    addFlowMessage(copy.body, text.loginNoStrategy());
    return replyWithFlow(app, copy, 400);
  }
  // The prelude of every login method: the strategy that takes the submit first refuses a browser's Cookie or
  // Origin on an API flow (EnsureCSRF), folded into the flow as a 400; a submit no strategy takes never gets
  // that far (4010002 above).
  const violation = apiFlowViolation(req);
  if (violation) return foldBadRequest(app, record, violation);
  return chosen();
}

/**
 * The login method that takes this submit (Kratos asks each strategy in turn): a step to run, `disabled` for a
 * method the configuration turned off whose strategy refuses it (404), or undefined when none takes it.
 */
function loginMethodFor(
  req: EmulatorRequest,
  app: App,
  record: FlowRecord,
  body: Record<string, unknown>,
  auth: Authenticated | undefined,
): (() => Reply | Promise<Reply>) | 'disabled' | undefined {
  const requestedAal = record.body.requested_aal as Aal;
  // With second-factor codes on, a bare `address` (the "Send code to …" button alone) is the code method.
  const mfaAddress = codeIsSecondFactor(app) && stringField(body, 'address');
  // A `passkey_login` alone is the passkey method (its strategy takes any submit that carries one).
  const passkeyAlone = stringField(body, 'passkey_login') ? 'passkey' : undefined;
  const method = socialOrNamedMethod(body) ?? (mfaAddress ? 'code' : passkeyAlone);
  switch (method) {
    case 'password':
      if (!app.config.methods.password) return undefined;
      return () => passwordLogin(req, app, record, body, auth);
    case 'code':
      // Kratos's code strategy answers aal1 flows when passwordless is on, else aal2 flows when mfa is on.
      if (requestedAal === 'aal1' && firstFactorsOf(app).code)
        return () => codeLogin(req, app, record, body, auth);
      if (requestedAal === 'aal2' && auth && secondFactorCodes(app))
        return () => mfaCodeLogin(req, app, record, body, auth);
      return undefined;
    case 'totp':
    case 'lookup_secret':
      if (!app.config.methods[method]) return undefined;
      return () => secondFactorLogin(req, app, record, method, body, auth);
    case 'passkey':
      if (!app.config.methods.passkey || requestedAal !== 'aal1') return undefined;
      return () => passkeyLogin(req, app, record, body, auth);
    case 'oidc':
      // Without a provider the oidc strategy is not responsible (strategy_login.go); turned off, it refuses.
      if (stringField(body, 'provider') === undefined) return undefined;
      if (!app.config.methods.oidc) return 'disabled';
      if (requestedAal !== 'aal1') return undefined;
      return () => startSocialSignIn(req, app, record, body);
    default:
      return undefined;
  }
}

/**
 * `method: passkey` (strategy/passkey/passkey_login.go): the assertion in `passkey_login` (a JSON string)
 * verified against this flow's challenge. Without one, Kratos sends the client to its browser UI (422).
 */
async function passkeyLogin(
  req: EmulatorRequest,
  app: App,
  record: FlowRecord,
  body: Record<string, unknown>,
  auth: Authenticated | undefined,
): Promise<Reply> {
  const assertion = stringField(body, 'passkey_login') ?? '';
  if (assertion === '') {
    return browserLocationChangeRequired(`${KRATOS_FALLBACK_LOGIN_UI}?flow=${record.body.id}`);
  }
  const ceremony = ceremonyOf(record);
  if (!ceremony) return internalError();
  const copy = resubmitted(record);
  const result = await verifyAssertion(app, ceremony, assertion);
  if (!result.ok) {
    addFlowMessage(
      copy.body,
      result.problem === 'unparseable'
        ? text.validationGeneric(result.reason)
        : result.problem === 'unknown-user'
          ? text.noWebAuthnUser()
          : text.totpCodeWrong(),
    );
    return replyWithFlow(app, copy, 400);
  }
  // A refresh re-authenticates the session's own identity only.
  if (auth && record.body.refresh && result.identity.id !== auth.identity.id) {
    addFlowMessage(copy.body, text.noWebAuthnUser());
    return replyWithFlow(app, copy, 400);
  }
  app.store.commit();
  return issueSession(req, app, record, result.identity, 'passkey', 'aal1', auth);
}

async function passwordLogin(
  req: EmulatorRequest,
  app: App,
  record: FlowRecord,
  body: Record<string, unknown>,
  auth: Authenticated | undefined,
): Promise<Reply> {
  if (record.body.requested_aal !== 'aal1') {
    const copy = resubmitted(record);
    addFlowMessage(copy.body, text.loginNoStrategy());
    return replyWithFlow(app, copy, 400);
  }

  const copy = resubmitted(record);
  const identifier = stringField(body, 'identifier') ?? stringField(body, 'password_identifier') ?? '';
  const password = stringField(body, 'password') ?? '';
  setNodeValue(copy.body, 'identifier', identifier);
  setNodeValue(copy.body, 'password', undefined);
  if (identifier === '' || password === '') {
    if (identifier === '') addNodeMessage(copy.body, 'identifier', text.validationRequired('identifier'));
    if (password === '') addNodeMessage(copy.body, 'password', text.validationRequired('password'));
    return replyWithFlow(app, copy, 400);
  }

  const identity = app.store.identityByPasswordIdentifier(normalizeIdentifier(identifier));
  // Compare against a dummy hash for unknown identifiers so both paths cost one bcrypt comparison.
  const valid = await verifyPassword(password, identity?.credentials.password?.hash ?? DUMMY_HASH);
  if (!identity || !valid) {
    addFlowMessage(copy.body, text.invalidCredentials());
    return replyWithFlow(app, copy, 400);
  }
  // The require_verified_address hook: no session; the verification flow it sent is named instead.
  const verification = app.config.loginRequireVerifiedAddress
    ? verificationBeforeLogin(app, identity, record.body.request_url)
    : undefined;
  if (verification) return verifiedAddressRequired(verification);
  // The account-linking flow (1010016): signing in to the account that uses the address links the provider.
  const link = record.linking;
  if (link && app.store.identityByPasswordIdentifier(link.identifier)?.id === identity.id) {
    linkProvider(identity, link);
    return issueSession(req, app, record, identity, 'password', 'aal1', auth, link.provider);
  }
  return issueSession(req, app, record, identity, 'password', 'aal1', auth);
}

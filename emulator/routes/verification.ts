/**
 * Native verification with the code method: GET /self-service/verification/api, GET …/flows?id=,
 * POST /self-service/verification?flow= (strategy/code/strategy_verification.go; docs/protocol.md §8).
 * Every step answers the flow; an invalid code is a 200 with 4070006; success is state passed_challenge.
 */
import type { App } from '../app';
import { addressProblem, codeNodes, newOneTimeCode, verifiedNodes } from '../domain/code-flows';
import { addFlowMessage, touch, type FlowRecord } from '../domain/flow';
import { normalizeIdentifier } from '../domain/identity-schema';
import type { IdentityRecord } from '../domain/identity';
import { flowReplaced } from '../errors';
import type { Reply } from '../http/reply';
import { stringField, type EmulatorRequest } from '../http/request';
import { KRATOS_FALLBACK_VERIFICATION_UI, text } from '../messages';
import { sendCode } from '../outbox';
import {
  foldBadRequest,
  loadForSubmit,
  submittedBody,
  replyWithEcho,
  replyWithFlow,
  requestUrlOf,
  resubmitted,
} from './flow-helpers';
import { CODES_SENT_TOO_OFTEN, codeAttemptAllowed, codeSendAllowed } from './code-method';
import { emailRequired, newCodeFlowRecord, refuseAddress, replaceSpentFlow } from './code-flow-replies';

interface VerificationSecrets {
  email?: string;
  code?: string;
  codeExpiresAt?: string;
}

const newVerificationRecord = (app: App, requestUrl: string) =>
  newCodeFlowRecord(app, 'verification', requestUrl);

/** Sends a code to `email` when it is a known verifiable address; the answer never reveals which. */
function sendVerificationCode(app: App, record: FlowRecord, email: string): void {
  const now = app.clock.now();
  const known = app.store.data.identities.some((i) => i.verifiableAddresses.some((a) => a.value === email));
  const code = newOneTimeCode();
  record.secrets = {
    email,
    code: known ? code : undefined,
    codeExpiresAt: new Date(now.getTime() + app.config.codeLifespanMs).toISOString(),
  } satisfies VerificationSecrets;
  if (known) {
    for (const identity of app.store.data.identities) {
      for (const address of identity.verifiableAddresses) {
        if (address.value === email && !address.verified) address.status = 'sent';
      }
    }
    sendCode(app, 'verification_code', email, code);
  }
  record.body.state = 'sent_email';
  record.body.ui.nodes = codeNodes('verification', email);
  record.body.ui.messages = [text.verificationCodeSent()];
}

export function createVerificationFlow(req: EmulatorRequest, app: App): Reply {
  const record = newVerificationRecord(app, requestUrlOf(app, req));
  const returnTo = req.query.get('return_to');
  if (returnTo) record.body.return_to = returnTo;
  return replyWithFlow(app, record, 200);
}

export function submitVerificationFlow(req: EmulatorRequest, app: App): Reply {
  const loaded = loadForSubmit(app, 'verification', req, () =>
    newVerificationRecord(app, `${app.publicUrl}/self-service/verification/api`),
  );
  if (!loaded.ok) return loaded.reply;
  const submitted = submittedBody(app, loaded.record, req);
  if (!submitted.ok) return submitted.reply;
  const record = resubmitted(loaded.record);
  const body = submitted.body;
  const method = stringField(body, 'method');
  const email = stringField(body, 'email');
  const code = stringField(body, 'code');
  const now = app.clock.now();

  if (method !== undefined && method !== 'code') {
    addFlowMessage(record.body, text.verificationNoStrategy());
    return replyWithFlow(app, record, 400);
  }
  if (email !== undefined && code === undefined) {
    const problem = addressProblem(email);
    if (problem) return refuseAddress(app, record, 'verification', problem);
    if (!codeSendAllowed(record)) return foldBadRequest(app, record, CODES_SENT_TOO_OFTEN);
    sendVerificationCode(app, record, normalizeIdentifier(email));
    touch(record.body, now);
    return replyWithFlow(app, record, 200);
  }
  const secrets = (record.secrets ?? {}) as VerificationSecrets;
  if (record.body.state !== 'sent_email' || code === undefined) return emailRequired(app, record);
  if (!codeAttemptAllowed(record)) {
    // Too many codes: Kratos replaces the flow by a new one asking for the address (v1.3.1, measured).
    const fresh = newVerificationRecord(app, `${app.publicUrl}/self-service/verification/api`);
    replaceSpentFlow(app, record, fresh);
    return flowReplaced(fresh.body.id);
  }
  const valid =
    secrets.code !== undefined && secrets.code === code.trim() && new Date(secrets.codeExpiresAt ?? 0) > now;
  if (!valid) {
    addFlowMessage(record.body, text.verificationCodeInvalid());
    // Only this answer echoes a transient_payload (real Kratos v1.3.1, measured).
    return replyWithEcho(app, record, 200, body);
  }
  for (const identity of app.store.data.identities) {
    for (const address of identity.verifiableAddresses) {
      if (address.value !== secrets.email) continue;
      Object.assign(address, {
        verified: true,
        status: 'completed',
        verified_at: now.toISOString(),
        updated_at: now.toISOString(),
      });
    }
  }
  record.secrets = {};
  record.body.state = 'passed_challenge';
  const returnTo = record.body.return_to;
  record.body.ui.nodes = verifiedNodes(
    typeof returnTo === 'string' ? returnTo : (app.config.defaultBrowserReturnUrl ?? `${app.publicUrl}/`),
  );
  record.body.ui.messages = [text.verificationSuccessful()];
  return replyWithFlow(app, record, 200);
}

/**
 * Kratos's verification hook after registration: a verification flow already in state sent_email for the
 * identity's first unverified address (none, nothing to do), and the `show_verification_ui` continue_with item
 * pointing at it, for the registration to add when that hook is configured (url only for browser flows).
 */
export function startVerificationAfterRegistration(app: App, identity: IdentityRecord) {
  const address = identity.verifiableAddresses.find((a) => !a.verified);
  if (!address) return undefined;
  return startVerification(app, address.value, `${app.publicUrl}/self-service/verification/api`);
}

/**
 * The `require_verified_address` login hook (hook/require_verified_address.go, Kratos ≥ v25.4): when none of
 * the identity's addresses is verified, a verification flow for its first address, code sent, and the
 * continue_with item naming it (with Kratos's verification UI address, which it adds for every flow type). The
 * flow's request_url is the login's. `undefined` when an address is verified already (the sign-in goes on).
 */
export function verificationBeforeLogin(app: App, identity: IdentityRecord, loginRequestUrl: string) {
  if (identity.verifiableAddresses.some((a) => a.verified)) return undefined;
  const address = identity.verifiableAddresses[0];
  if (!address) return undefined;
  const item = startVerification(app, address.value, loginRequestUrl);
  return { ...item, flow: { ...item.flow, url: `${KRATOS_FALLBACK_VERIFICATION_UI}?flow=${item.flow.id}` } };
}

function startVerification(app: App, address: string, requestUrl: string) {
  const record = newVerificationRecord(app, requestUrl);
  sendVerificationCode(app, record, address);
  app.store.saveFlow(record);
  return {
    action: 'show_verification_ui',
    flow: { id: record.body.id, verifiable_address: address },
  };
}

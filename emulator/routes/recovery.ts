/**
 * Native recovery with the code method: GET /self-service/recovery/api, GET …/flows?id=,
 * POST /self-service/recovery?flow= (strategy/code/strategy_recovery.go; docs/protocol.md §8).
 *
 * On success Kratos issues a session for the recovered identity and a settings flow to set a new password.
 * With `feature_flags.use_continue_with_transitions` (emulator default: on) the recovery flow comes back with
 * continue_with [set_ory_session_token, show_settings_ui]; with Kratos's default (off) an API client gets
 * 422 browser_location_change_required pointing at the settings UI, and the session token is lost to it.
 */
import { authenticate, type App } from '../app';
import { addressProblem, codeNodes, newOneTimeCode } from '../domain/code-flows';
import { addFlowMessage, touch } from '../domain/flow';
import { normalizeIdentifier } from '../domain/identity-schema';
import { completeLogin, newSession } from '../domain/session';
import {
  ALREADY_LOGGED_IN_REASON,
  browserLocationChangeRequired,
  errorReply,
  sessionAlreadyAvailable,
} from '../errors';
import { jsonReply, type Reply } from '../http/reply';
import { deviceOf, stringField, type EmulatorRequest } from '../http/request';
import { text } from '../messages';
import { sendCode } from '../outbox';
import {
  foldBadRequest,
  loadForSubmit,
  submittedBody,
  replyWithEcho,
  replyWithFlow,
  requestUrlOf,
  resubmitted,
  withTransientPayload,
} from './flow-helpers';
import {
  CODE_SUBMITTED_TOO_OFTEN,
  CODES_SENT_TOO_OFTEN,
  codeAttemptAllowed,
  codeSendAllowed,
} from './code-method';
import { emailRequired, newCodeFlowRecord, refuseAddress, replaceSpentFlow } from './code-flow-replies';
import { settingsFlowFor } from './settings';

/** Kratos's default `selfservice.flows.settings.ui_url`. */
const DEFAULT_SETTINGS_UI = 'https://www.ory.sh/kratos/docs/fallback/settings';

interface RecoverySecrets {
  identityId?: string;
  code?: string;
  codeExpiresAt?: string;
}

const newRecoveryRecord = (app: App, requestUrl: string) => newCodeFlowRecord(app, 'recovery', requestUrl);

export function createRecoveryFlow(req: EmulatorRequest, app: App): Reply {
  if (authenticate(req, app)) return sessionAlreadyAvailable('recovery');
  return replyWithFlow(app, newRecoveryRecord(app, requestUrlOf(app, req)), 200);
}

export async function submitRecoveryFlow(req: EmulatorRequest, app: App): Promise<Reply> {
  const loaded = loadForSubmit(app, 'recovery', req, () =>
    newRecoveryRecord(app, `${app.publicUrl}/self-service/recovery/api`),
  );
  if (!loaded.ok) return loaded.reply;
  if (authenticate(req, app)) return foldBadRequest(app, loaded.record, ALREADY_LOGGED_IN_REASON.recovery);
  const submitted = submittedBody(app, loaded.record, req);
  if (!submitted.ok) return submitted.reply;

  const record = resubmitted(loaded.record);
  const body = submitted.body;
  const email = stringField(body, 'email');
  const code = stringField(body, 'code');
  const now = app.clock.now();
  if (stringField(body, 'method') !== 'code') {
    addFlowMessage(record.body, text.recoveryNoStrategy());
    return replyWithFlow(app, record, 400);
  }

  // Step 1 (and resend): send a code to the address. The answer is the same whether it is known or not.
  if (email !== undefined && code === undefined) {
    const problem = addressProblem(email);
    if (problem) return refuseAddress(app, record, 'recovery', problem);
    // Counted whether the address is known or not, so the bound reveals nothing either.
    if (!codeSendAllowed(record)) return foldBadRequest(app, record, CODES_SENT_TOO_OFTEN);
    const address = normalizeIdentifier(email);
    const identity = app.store.data.identities.find((i) =>
      i.recoveryAddresses.some((a) => a.value === address),
    );
    const oneTimeCode = newOneTimeCode();
    record.secrets = {
      identityId: identity?.id,
      code: identity ? oneTimeCode : undefined,
      codeExpiresAt: new Date(now.getTime() + app.config.codeLifespanMs).toISOString(),
    } satisfies RecoverySecrets;
    if (identity) sendCode(app, 'recovery_code', address, oneTimeCode);
    record.body.state = 'sent_email';
    record.body.ui.nodes = codeNodes('recovery', address);
    record.body.ui.messages = [text.recoveryCodeSent()];
    touch(record.body, now);
    return replyWithEcho(app, record, 200, body);
  }

  // Step 2: check the code. A wrong code is a 200 with 4060006 (recoveryUseCode).
  const secrets = (record.secrets ?? {}) as RecoverySecrets;
  if (record.body.state !== 'sent_email' || code === undefined) return emailRequired(app, record);
  if (!codeAttemptAllowed(record)) {
    // Too many codes: Kratos answers with an error naming a new flow (v1.3.1, measured), this one stays spent.
    const fresh = newRecoveryRecord(app, `${app.publicUrl}/self-service/recovery/api`);
    replaceSpentFlow(app, record, fresh);
    return errorReply(400, {
      reason: CODE_SUBMITTED_TOO_OFTEN,
      details: { continue_with: [{ action: 'show_recovery_ui', flow: { id: fresh.body.id } }] },
    });
  }
  const identity = secrets.identityId ? app.store.identity(secrets.identityId) : undefined;
  const valid = identity && secrets.code === code.trim() && new Date(secrets.codeExpiresAt ?? 0) > now;
  if (!identity || !valid) {
    addFlowMessage(record.body, text.recoveryCodeInvalid());
    return replyWithEcho(app, record, 200, body);
  }

  const session = newSession(identity.id, deviceOf(req));
  completeLogin(session, 'code_recovery', 'aal1', now, app.config.sessionLifespanMs);
  app.store.data.sessions.push(session);
  const settings = await settingsFlowFor(app, { session, identity });
  // The recovered session is privileged for `privileged_session_max_age`, which Kratos's message counts down.
  const privilegedUntil = new Date(now.getTime() + app.config.privilegedSessionMaxAgeMs);
  settings.body.ui.messages = [text.recoverySuccessful(privilegedUntil, now)];
  app.store.saveFlow(settings);

  record.secrets = {};
  record.body.state = 'passed_challenge';
  touch(record.body, now);
  if (!app.config.useContinueWithTransitions) {
    app.store.saveFlow(record);
    return browserLocationChangeRequired(`${DEFAULT_SETTINGS_UI}?flow=${settings.body.id}`);
  }
  app.store.saveFlow(record);
  // continue_with is transient in Kratos (`db:"-"`): it is part of this answer only, not of the stored flow.
  return jsonReply(200, {
    ...withTransientPayload(record.body, body),
    continue_with: [
      { action: 'set_ory_session_token', ory_session_token: session.token },
      { action: 'show_settings_ui', flow: { id: settings.body.id } },
    ],
  });
}

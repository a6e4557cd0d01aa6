/** aal2 login with `totp` (strategy/totp/login.go) or `lookup_secret` (strategy/lookup/login.go). */
import type { App, Authenticated } from '../app';
import { addFlowMessage, addNodeMessage, setNodeValue, type FlowRecord } from '../domain/flow';
import { verifyTotp } from '../domain/totp';
import type { Reply } from '../http/reply';
import { stringField, type EmulatorRequest } from '../http/request';
import { text } from '../messages';
import { replyWithFlow, resubmitted } from './flow-helpers';
import { issueSession } from './issue-session';

export async function secondFactorLogin(
  req: EmulatorRequest,
  app: App,
  record: FlowRecord,
  method: 'totp' | 'lookup_secret',
  body: Record<string, unknown>,
  auth: Authenticated | undefined,
): Promise<Reply> {
  const copy = resubmitted(record);
  // Both strategies only answer aal2 flows of an identity that has the credential (login.CheckAAL).
  const identity = auth?.identity;
  const hasCredential =
    method === 'totp' ? identity?.credentials.totp : identity?.credentials.lookup?.codes.length;
  if (record.body.requested_aal !== 'aal2' || !auth || !identity || !hasCredential) {
    addFlowMessage(copy.body, text.loginNoStrategy());
    return replyWithFlow(app, copy, 400);
  }
  const now = app.clock.now();
  // Any failure from here on returns the flow with the code field emptied (value removed): the strategies'
  // handleLoginError call ResetNodes (strategy/totp/login.go "totp_code", strategy/lookup/login.go
  // "lookup_secret"); fixtures/login-flow-aal2-*-invalid-*.json show the node without a value.
  setNodeValue(copy.body, method === 'totp' ? 'totp_code' : 'lookup_secret', undefined);

  if (method === 'totp') {
    const code = stringField(body, 'totp_code') ?? '';
    if (code === '') {
      addNodeMessage(copy.body, 'totp_code', text.validationRequired('totp_code'));
      return replyWithFlow(app, copy, 400);
    }
    if (!(await verifyTotp(identity.credentials.totp!.secret, code, now))) {
      addFlowMessage(copy.body, text.totpCodeWrong());
      return replyWithFlow(app, copy, 400);
    }
    return issueSession(req, app, copy, identity, 'totp', 'aal2', auth);
  }

  const secret = (stringField(body, 'lookup_secret') ?? '').trim();
  if (secret === '') {
    addNodeMessage(copy.body, 'lookup_secret', text.validationRequired('lookup_secret'));
    return replyWithFlow(app, copy, 400);
  }
  const match = identity.credentials.lookup!.codes.find((c) => c.code === secret);
  if (!match || match.usedAt) {
    addFlowMessage(copy.body, match ? text.lookupAlreadyUsed() : text.lookupInvalid());
    return replyWithFlow(app, copy, 400);
  }
  match.usedAt = now.toISOString();
  return issueSession(req, app, copy, identity, 'lookup_secret', 'aal2', auth);
}

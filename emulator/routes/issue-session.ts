/** The end of every successful login: one session (new, or the caller's for refresh/aal2) and its token. */
import { satisfiesRequiredAal, type App, type Authenticated } from '../app';
import { touch, type FlowRecord } from '../domain/flow';
import type { IdentityRecord } from '../domain/identity';
import type { AuthMethodName } from '../../shared/kratos-wire';
import { completeLogin, newSession, sessionJson, type Aal } from '../domain/session';
import { jsonReply, type Reply } from '../http/reply';
import { deviceOf, type EmulatorRequest } from '../http/request';

/**
 * Completes the login: refresh and aal2 upgrades keep the caller's session and token when it belongs to the
 * same identity; otherwise a new session is created (login/handler.go updateLoginFlow + hook.go). A sign-in that
 * linked a provider (account linking) completes that provider's method too (strategy/oidc CompletedLogin).
 */
export function issueSession(
  req: EmulatorRequest,
  app: App,
  record: FlowRecord,
  identity: IdentityRecord,
  method: AuthMethodName,
  aal: Aal,
  auth: Authenticated | undefined,
  linkedProvider?: string,
): Reply {
  const now = app.clock.now();
  const session =
    auth && auth.identity.id === identity.id ? auth.session : newSession(identity.id, deviceOf(req));
  completeLogin(session, method, aal, now, app.config.sessionLifespanMs);
  if (linkedProvider !== undefined) {
    completeLogin(session, 'oidc', 'aal1', now, app.config.sessionLifespanMs, linkedProvider);
  }
  if (!app.store.session(session.id)) app.store.data.sessions.push(session);

  record.body.state = 'passed_challenge';
  touch(record.body, now);
  app.store.saveFlow(record);

  // login/hook.go: the identity is nulled when the session does not meet the whoami AAL yet.
  const meetsAal = satisfiesRequiredAal(app, { session, identity }, app.config.whoamiRequiredAal);
  return jsonReply(200, {
    session_token: session.token,
    session: sessionJson(session, { publicUrl: app.publicUrl, now, identity: meetsAal ? identity : null }),
    continue_with: null,
  });
}

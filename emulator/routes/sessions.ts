/**
 * Session endpoints: GET /sessions/whoami, GET /sessions, DELETE /sessions, DELETE /sessions/{id},
 * DELETE /self-service/logout/api (session/handler.go, selfservice/flow/logout/handler.go; docs/protocol.md §3-5).
 */
import type { SessionCount } from '../../shared/kratos-wire';
import { authenticate, satisfiesRequiredAal, type App } from '../app';
import { sessionJson, type SessionRecord } from '../domain/session';
import {
  badRequest,
  errorReply,
  logoutTokenInvalid,
  noSessionCookie,
  sessionAal2Required,
  whoamiNoSession,
} from '../errors';
import { jsonReply, noContent, type Reply } from '../http/reply';
import { jsonBody, stringField, type EmulatorRequest } from '../http/request';
import { pageOf, paginationHeaders } from './pagination';

export function whoami(req: EmulatorRequest, app: App): Reply {
  const auth = authenticate(req, app);
  if (!auth) return whoamiNoSession();
  if (!satisfiesRequiredAal(app, auth, app.config.whoamiRequiredAal))
    return sessionAal2Required(app.publicUrl);
  const body = sessionJson(auth.session, {
    publicUrl: app.publicUrl,
    now: app.clock.now(),
    identity: auth.identity,
  });
  return jsonReply(200, body, { 'X-Kratos-Authenticated-Identity-Id': auth.identity.id });
}

/** GET /sessions: the caller's OTHER active sessions, newest first, paginated like Kratos (Link + X-Total-Count). */
export function listMySessions(req: EmulatorRequest, app: App): Reply {
  const auth = authenticate(req, app);
  if (!auth) return noSessionCookie();
  if (!satisfiesRequiredAal(app, auth, app.config.whoamiRequiredAal))
    return sessionAal2Required(app.publicUrl);
  const now = app.clock.now();
  const others = app.store
    .activeSessionsOf(auth.identity.id, now)
    .filter((s) => s.id !== auth.session.id)
    .sort((a, b) => b.authenticatedAt.localeCompare(a.authenticatedAt));
  const page = pageOf(req.query);
  const items = others.slice(page.offset, page.offset + page.size);
  const body = items.map((s) => sessionJson(s, { publicUrl: app.publicUrl, now, identity: auth.identity }));
  return jsonReply(200, body, paginationHeaders(`${app.publicUrl}/sessions`, page, others.length));
}

export function deleteMyOtherSessions(req: EmulatorRequest, app: App): Reply {
  const auth = authenticate(req, app);
  if (!auth) return noSessionCookie();
  const others = app.store
    .activeSessionsOf(auth.identity.id, app.clock.now())
    .filter((s) => s.id !== auth.session.id);
  for (const session of others) session.active = false;
  app.store.commit();
  return jsonReply(200, { count: others.length } satisfies SessionCount);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function deleteMySession(req: EmulatorRequest, app: App): Reply {
  const auth = authenticate(req, app);
  if (!auth) return noSessionCookie();
  const id = req.params.id ?? '';
  if (!UUID.test(id)) return badRequest(`Unable to parse "${id}" as a session ID.`);
  if (id.toLowerCase() === auth.session.id) return badRequest('cannot revoke current session');
  // Kratos revokes with `WHERE id = ? AND identity_id = ?` and answers 204 whether a row matched or not.
  const target = app.store.session(id.toLowerCase());
  if (target && target.identityId === auth.identity.id) {
    target.active = false;
    app.store.commit();
  }
  return noContent;
}

/** DELETE /self-service/logout/api with `{"session_token": "..."}`: 204, also for an already revoked token. */
export function performNativeLogout(req: EmulatorRequest, app: App): Reply {
  // decoderx refuses an empty body before looking at it (real Kratos, measured).
  if (req.body.length === 0) {
    return badRequest('Unable to decode HTTP Request Body because its HTTP Header "Content-Length" is zero.');
  }
  const parsed = jsonBody(req);
  if (!parsed.ok) return errorReply(400, { reason: parsed.reason });
  const token = stringField(parsed.value, 'session_token') ?? '';
  const session: SessionRecord | undefined = token ? app.store.sessionByToken(token) : undefined;
  if (!session) return logoutTokenInvalid();
  session.active = false;
  app.store.commit();
  return noContent;
}

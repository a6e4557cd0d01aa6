/**
 * The emulator's "mail server": one-time codes (recovery, verification, sign-in, sign-up) are stored here
 * instead of being emailed.
 * The app shows them in its demo inbox (App.onMail); tests read RunningEmulator.outbox() or, when started
 * with `testOnlyRoutes`, GET /__emulator/outbox. Not part of Kratos's API, never reported to the spec validator.
 */
import { randomUUID } from 'node:crypto';
import type { App } from './app';
import { jsonReply, type Reply } from './http/reply';
import type { EmulatorRequest } from './http/request';
import type { OutboxMessage } from './store';

const TEMPLATES = {
  recovery_code: {
    subject: 'Recover access to your account',
    intro: 'please recover access to your account by entering the following code:',
  },
  verification_code: {
    subject: 'Please verify your email address',
    intro: 'please verify your account by entering the following code:',
  },
  login_code: {
    subject: 'Login to your account',
    intro: 'please login to your account by entering the following code:',
  },
  registration_code: {
    subject: 'Complete your account registration',
    intro: 'please complete your account registration by entering the following code:',
  },
} as const;

/**
 * Messages the outbox keeps, newest last: it is written whole to the data file on every send, and anyone who
 * can reach the server can make it send (issue 21), so older messages make room.
 */
export const MAX_OUTBOX_MESSAGES = 100;

export function sendCode(app: App, template: OutboxMessage['template'], to: string, code: string): void {
  const { subject, intro } = TEMPLATES[template];
  const message: OutboxMessage = {
    id: randomUUID(),
    to,
    subject,
    body: `Hi, ${intro}\n\n${code}`,
    code,
    template,
    createdAt: app.clock.now().toISOString(),
  };
  const outbox = app.store.data.outbox;
  outbox.push(message);
  outbox.splice(0, outbox.length - MAX_OUTBOX_MESSAGES);
  app.store.commit();
  app.onMail(structuredClone(message));
}

/** GET /__emulator/outbox[?to=address]: newest last. */
export function listOutbox(req: EmulatorRequest, app: App): Reply {
  const to = req.query.get('to')?.toLowerCase();
  return jsonReply(
    200,
    app.store.data.outbox.filter((m) => to === undefined || m.to === to),
  );
}

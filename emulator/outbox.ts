/**
 * The emulator's "mail server": recovery and verification codes are stored here instead of being emailed.
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
} as const;

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
  app.store.data.outbox.push(message);
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

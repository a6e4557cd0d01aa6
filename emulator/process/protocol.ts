/**
 * The channel between the app (or `npm run emulator`) and the emulator's own process. The emulator runs in a
 * process of its own so that nothing it parses can reach the app's heap, its file writes never block the
 * window's thread, and its crash is not the app's crash (docs/emulator.md, "Process model").
 *
 * The parent treats every message from the child as untrusted input: `readFromEmulator` checks it.
 */

import type { EmulatorConfig } from '../config';
import type { DemoMail } from '../../shared/ipc-contract';

/** What the parent sends. */
export type ToEmulator =
  | {
      type: 'start';
      /** Preferred port; 0 picks a free one. */
      port: number;
      /** Use a free port when `port` is taken (first start); a restart keeps its port or fails. */
      fallbackToFreePort: boolean;
      dataDir: string;
      /** Settings over the defaults (`npm run emulator -- --config`, read by the parent). */
      config?: Partial<EmulatorConfig>;
    }
  | { type: 'stop' };

/** A message the emulator "sent" (a recovery or verification code): the shape the app's demo inbox shows. */
export type { DemoMail };

/** What the child sends. */
export type FromEmulator =
  | { type: 'listening'; url: string; portWasTaken: boolean }
  | { type: 'failed'; reason: string }
  | { type: 'mail'; mail: DemoMail };

/** The forked process as the supervisor sees it: Electron's utilityProcess in the app, child_process in Node. */
export interface EmulatorChild {
  readonly pid: number | undefined;
  send(message: ToEmulator): void;
  onMessage(listener: (message: unknown) => void): void;
  /** `detail`: the error line the process printed last, if any (its stderr), to say why it stopped. */
  onExit(listener: (code: number | null, detail: string | undefined) => void): void;
  kill(): void;
}

const MAX_TEXT = 4096;
const isText = (value: unknown, max = MAX_TEXT): value is string =>
  typeof value === 'string' && value.length <= max;

/** Validates a message from the child; undefined for anything that is not exactly one of FromEmulator. */
export function readFromEmulator(message: unknown): FromEmulator | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'listening':
      return isText(m.url, 200) &&
        /^http:\/\/127\.0\.0\.1:\d{1,5}$/.test(m.url) &&
        typeof m.portWasTaken === 'boolean'
        ? { type: 'listening', url: m.url, portWasTaken: m.portWasTaken }
        : undefined;
    case 'failed':
      return isText(m.reason) ? { type: 'failed', reason: m.reason } : undefined;
    case 'mail': {
      const mail = m.mail as Record<string, unknown> | null;
      if (typeof mail !== 'object' || mail === null) return undefined;
      const { id, to, subject, body, code, createdAt } = mail;
      return isText(id, 100) &&
        isText(to, 320) &&
        isText(subject, 200) &&
        isText(body) &&
        isText(code, 100) &&
        isText(createdAt, 40)
        ? { type: 'mail', mail: { id, to, subject, body, code, createdAt } }
        : undefined;
    }
    default:
      return undefined;
  }
}

/** The line that says why a Node process died (`Error: …`), from what it wrote to stderr. */
export function errorLineOf(stderr: string): string | undefined {
  const line = stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => /^[A-Za-z]*(Error|Exception)\b/.test(l));
  return line?.slice(0, 300);
}

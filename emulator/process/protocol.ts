/**
 * The channel between the supervisor (`npm run emulator`, `npm start`, tests) and the emulator's own process.
 * The supervisor holds the port and hands each connection over; the emulator's process parses, answers and
 * writes its data file, so whatever crashes it never frees the port (docs/emulator.md, "Process model").
 *
 * The parent treats every message from the child as untrusted input: `readFromEmulator` checks it.
 */
import type { Socket } from 'node:net';
import type { EmulatorConfig } from '../config';

/** What the parent sends. */
export type ToEmulator =
  | {
      type: 'start';
      /** The URL the supervisor listens on: the emulator's public URL. */
      url: string;
      dataDir: string;
      /**
       * Settings over the demo's defaults; with `npm run emulator -- --config`, the file's whole
       * configuration (Kratos's defaults under the file, read by the parent), so no demo default remains.
       */
      config?: Partial<EmulatorConfig>;
    }
  /** Sent with a connection's socket as the message's handle. */
  | { type: 'connection' }
  | { type: 'stop' };

/** A message the emulator "sent" (a recovery or verification code): the supervisor's terminal prints it. */
export interface SentMail {
  id: string;
  to: string;
  subject: string;
  body: string;
  code: string;
  createdAt: string;
}

/** What the child sends. */
export type FromEmulator =
  { type: 'ready' } | { type: 'failed'; reason: string } | { type: 'mail'; mail: SentMail };

/** The forked process as the supervisor sees it (child_process in fork-node.ts). */
export interface EmulatorChild {
  readonly pid: number | undefined;
  send(message: ToEmulator): void;
  /** Hands an accepted (paused) connection to the process; it is closed here once sent. */
  handOver(socket: Socket): void;
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
    case 'ready':
      return { type: 'ready' };
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

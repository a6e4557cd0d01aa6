/**
 * Readers for a Kratos message's `context` (values from the server: anything may be missing or of another
 * type), and the small formatting the sentences of a catalogue need. Pure functions.
 */
import type { UiText } from '../kratos-wire';
import { formatLocalTime } from './time';

export type MessageContext = Record<string, unknown>;

export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * Message 1070002, a trait's label: the identity schema's `title`, the operator's word — except a title that
 * is only a spelling of "email" (`E-Mail`, `e-mail`, `Email address`), which reads as the catalogue's own word
 * for it, so one screen never says "E-Mail" beside "Email" (issue 25).
 */
export const schemaTitle =
  (email: string) =>
  (context: MessageContext): string | undefined => {
    const title = text(context['title']);
    return title !== undefined && /^e[\s-]?mail(\s*-?\s*(address|adresse))?$/i.test(title.trim())
      ? email
      : title;
  };

export function listText(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const items = value.map(text).filter((item): item is string => item !== undefined);
  return items.length === 0 ? undefined : items.join(', ');
}

/** `traits.email` → `email`, `first_name` → `first name`: Kratos reports schema property names. */
export function humanProperty(property: string): string {
  const last = property.split('.').at(-1) ?? property;
  return last.replace(/[_-]+/g, ' ');
}

/** A time in the system's locale and time zone (Intl), or `undefined` without a valid one. */
export function localTime(value: unknown): string | undefined {
  const time = timeOf(value);
  return time === undefined ? undefined : formatLocalTime(new Date(time).toISOString());
}

/** Whole minutes from `from` to `to` (either may be an ISO string or ms), at least 0. */
export function minutesBetween(from: unknown, to: unknown): number | undefined {
  const start = timeOf(from);
  const end = timeOf(to);
  if (start === undefined || end === undefined) return undefined;
  return Math.max(0, Math.round((end - start) / 60_000));
}

function timeOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/**
 * Message 4000001 carries any error as Kratos's developer English (`reason`): a reason matching one of
 * `sentences` gets that sentence (the ones a person meets, in the catalogue's language); any other is shown as
 * Kratos wrote it.
 */
export const reasonIn =
  (sentences: readonly (readonly [RegExp, string])[]) =>
  (context: MessageContext): string | undefined => {
    const reason = text(context['reason']);
    if (reason === undefined) return undefined;
    return sentences.find(([pattern]) => pattern.test(reason))?.[1] ?? reason;
  };

/** Message 1050015: the backup codes, each one rendered by its own message (used ones say so). */
export const secretsList = (
  context: MessageContext,
  _now: number,
  render: (message: UiText) => string,
): string | undefined => {
  const secrets = context['secrets'];
  return Array.isArray(secrets) ? secrets.map((secret: UiText) => render(secret)).join(', ') : undefined;
};

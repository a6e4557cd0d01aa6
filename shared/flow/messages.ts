/**
 * Human text for Kratos ui messages (`ui.messages`, node messages, labels), keyed by the message id.
 *
 * Kratos sends an English `text` with every message, but it is written for developers in places
 * ("Property email is missing.", "length must be >= 8, but got 4") and it cannot be translated. The app
 * shows its own sentence for every id it knows (the catalogue's `kratos` table, strings/), filled in from the
 * message `context`, and falls back to Kratos's `text` for ids it does not know or when the context lacks
 * what the sentence needs.
 */
import type { UiText } from '../kratos-wire';
import { isRecord } from '../is-record';
import { strings } from '../strings';
import { text, type MessageContext } from '../strings/context';

/** The ids the catalogue has a sentence for (for tests and docs). */
export const knownMessageIds: readonly number[] = Object.keys(strings.kratos).map(Number);

/**
 * The text to show for a Kratos message. `now` (ms since epoch) is only used by messages that say how
 * long ago something happened.
 */
export function messageText(
  message: Pick<UiText, 'id' | 'text' | 'context'>,
  now: number = Date.now(),
): string {
  const template = strings.kratos[message.id];
  const context = isRecord(message.context) ? message.context : {};
  const rendered =
    typeof template === 'function'
      ? template(context, now, (inner) => messageText(inner, now))
      : template && fillPlaceholders(template, context);
  return rendered ?? message.text ?? '';
}

/** `{key}` placeholders from the context; `undefined` when any is missing, so the caller falls back. */
function fillPlaceholders(template: string, context: MessageContext): string | undefined {
  let complete = true;
  const filled = template.replace(/\{(\w+)\}/g, (_match, key: string) => {
    const value = text(context[key]);
    if (value === undefined) complete = false;
    return value ?? '';
  });
  return complete ? filled : undefined;
}

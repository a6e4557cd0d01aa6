/**
 * Checks Kratos ui messages in any JSON (a flow, a node, an error body) against the one table of messages
 * (shared/kratos-messages.ts): the id's type, and the text as the table's English with each `{key}` read from
 * the message's context (a value only the text carries, such as `{minutes}`, may be anything), in v26.2.0's or
 * v1.3.1's words. A row without English (an id neither version builds) checks the type only.
 */
import { kratosMessages, type MessageEntry } from '../../shared/kratos-messages';

const byId = new Map<number, MessageEntry>(Object.values(kratosMessages).map((entry) => [entry.id, entry]));

export interface MessageCheck {
  /** Messages whose id the table lists and that were compared. */
  checked: number;
  problems: string[];
}

/**
 * Every object with a numeric `id` and string `text` and `type` is a message. `unknownIds: 'refuse'` makes an
 * id outside the table a problem (the emulator sends only what the table lists); real Kratos sends more.
 */
export function checkKratosMessages(json: unknown, unknownIds: 'refuse' | 'skip'): MessageCheck {
  const result: MessageCheck = { checked: 0, problems: [] };
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    const { id, text, type } = record;
    if (typeof id === 'number' && typeof text === 'string' && typeof type === 'string') {
      const entry = byId.get(id);
      if (entry === undefined) {
        if (unknownIds === 'refuse') result.problems.push(`${id} is not in shared/kratos-messages.ts`);
      } else {
        result.checked += 1;
        const context = typeof record['context'] === 'object' ? record['context'] : undefined;
        if (type !== entry.type)
          result.problems.push(`${id}: type "${type}", the table says "${entry.type}"`);
        const english = [entry.kratos, entry.kratosV1].filter((one) => one !== undefined);
        if (english.length > 0 && !english.some((one) => kratosTextPattern(one, context ?? {}).test(text))) {
          result.problems.push(`${id}: text "${text}" is not the table's "${english.join('" or "')}"`);
        }
      }
    }
    Object.values(record).forEach(visit);
  };
  visit(json);
  return result;
}

function kratosTextPattern(template: string, context: object): RegExp {
  const values = context as Record<string, unknown>;
  const escape = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const source = template
    .split(/(\{\w+\})/)
    .map((part) => {
      const key = /^\{(\w+)\}$/.exec(part)?.[1];
      if (key === undefined) return escape(part);
      const value = values[key];
      return typeof value === 'string' || typeof value === 'number' ? escape(String(value)) : '.+';
    })
    .join('');
  return new RegExp(`^${source}$`, 's');
}

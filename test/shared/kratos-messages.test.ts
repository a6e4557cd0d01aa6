/**
 * The one table of Kratos messages: one name per id, types as Kratos's ranges give them, and Kratos's English
 * as real Kratos sends it (its payloads in test/fixtures) — the texts the emulator builds from the table.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kratosMessages } from '../../shared/kratos-messages';
import { checkKratosMessages } from '../support/kratos-messages';

const entries = Object.values(kratosMessages);
const message = (id: number, type: string, text: string, context?: object) => ({ id, type, text, context });

describe('kratosMessages', () => {
  it('gives every id one name, and only ids of Kratos ranges (1xxxxxx info or success, 4xxxxxx error)', () => {
    const ids = entries.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(
      entries.filter(
        ({ id, type }) => !/^[15]\d{6}$|^4\d{6}$/.test(String(id)) || id >= 4000000 !== (type === 'error'),
      ),
    ).toEqual([]);
  });

  it("holds Kratos's English: every message in real Kratos's payloads has the table's type and text", () => {
    const folders = ['../fixtures/kratos/', '../fixtures/flows/'].map((dir) => new URL(dir, import.meta.url));
    // Emulator captures and the hand-written flow are not Kratos's own answers.
    const realKratos = (name: string) => name.endsWith('.json') && !/-emulator-|-synthetic-/.test(name);
    let checked = 0;
    const problems: string[] = [];
    for (const folder of folders) {
      for (const file of readdirSync(folder).filter(realKratos)) {
        const result = checkKratosMessages(JSON.parse(readFileSync(new URL(file, folder), 'utf8')), 'skip');
        checked += result.checked;
        problems.push(...result.problems.map((problem) => `${file}: ${problem}`));
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });
});

describe('checkKratosMessages', () => {
  it('fails a message whose type or text differs from the table, or whose id the table lacks', () => {
    const flow = {
      ui: {
        messages: [
          message(4000006, 'error', 'The provided credentials are invalid.'),
          message(1050001, 'info', 'Your changes have been saved!'),
          message(4000002, 'error', 'Property email is missing.', { property: 'password' }),
          message(4999999, 'error', 'Not a Kratos message.'),
        ],
      },
    };
    expect(checkKratosMessages(flow, 'refuse').problems).toEqual([
      expect.stringMatching(/^4000006: text/),
      '1050001: type "info", the table says "success"',
      expect.stringMatching(/^4000002: text/),
      '4999999 is not in shared/kratos-messages.ts',
    ]);
    expect(checkKratosMessages(flow, 'skip').problems).toHaveLength(3);
  });

  it('reads context values into the text and lets text-only values be anything', () => {
    const flow = {
      ui: {
        messages: [
          message(4000002, 'error', 'Property email is missing.', { property: 'email' }),
          message(4010001, 'error', 'The login flow expired 5.02 minutes ago, please try again.', {
            expired_at: 'x',
          }),
        ],
      },
    };
    expect(checkKratosMessages(flow, 'refuse')).toEqual({ checked: 2, problems: [] });
  });
});

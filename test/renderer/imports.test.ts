/**
 * What the window's bundle may import (eslint.config.js): the message table only as types, so Kratos's English
 * never ships in the renderer, and no emulator code at all.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const lint = async (code: string) => {
  const [result] = await new ESLint().lintText(code, { filePath: 'renderer/src/flow/example.ts' });
  return (result?.messages ?? []).map((message) => message.ruleId);
};

describe('renderer imports', () => {
  it('take the message table as types only', async () => {
    expect(
      await lint(
        "import type { MessageId } from '../../../shared/kratos-messages';\nexport type A = MessageId;\n",
      ),
    ).toEqual([]);
    expect(
      await lint(
        "import { kratosMessages } from '../../../shared/kratos-messages';\nexport const a = kratosMessages;\n",
      ),
    ).toEqual(['no-restricted-imports']);
  });

  it('refuse emulator code', async () => {
    expect(
      await lint("import { text } from '../../../emulator/messages';\nexport const a = text;\n"),
    ).toEqual(['no-restricted-imports']);
  });
});

/**
 * The one table of Kratos messages (shared/kratos-messages.ts) against the Kratos source it was copied from:
 * v1.3.1's `text/id.go` and `text/message_*.go`, in the Go module cache the real-Kratos build fills
 * (scripts/build-kratos.sh). Every message Kratos builds is a row with Kratos's type and English.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kratosMessages } from '../../shared/kratos-messages';

/** Rows whose English follows current Kratos where v1.3.1 words it differently (docs/emulator.md). */
const CURRENT_KRATOS_WORDING = new Set([1010008]);

function kratosTextFolder(): string | undefined {
  try {
    const cache = execFileSync('go', ['env', 'GOMODCACHE'], {
      cwd: new URL('server/', import.meta.url),
      encoding: 'utf8',
    }).trim();
    const folder = path.join(cache, 'github.com/ory/kratos@v1.3.1/text');
    return existsSync(folder) ? folder : undefined;
  } catch {
    return undefined;
  }
}

interface GoMessage {
  id: number;
  type: string;
  /** The English with every value Go's fmt or an expression puts in written `{}`. */
  text: string;
}

/** `const ( Name ID = 1010000 + iota; Next; … )` blocks → name → id. */
function idsOf(source: string): Map<string, number> {
  const ids = new Map<string, number>();
  for (const block of source.matchAll(/const \(([\s\S]*?)\n\)/g)) {
    let next: number | undefined;
    for (const line of block[1]!.split('\n')) {
      const first = /^\s*(\w+)\s+ID\s*=\s*(\d+)\s*\+\s*iota/.exec(line);
      const name = /^\s*(\w+)\s*(?:\/\/.*)?$/.exec(line)?.[1];
      if (first) {
        ids.set(first[1]!, Number(first[2]));
        next = Number(first[2]) + 1;
      } else if (name !== undefined && next !== undefined) {
        ids.set(name, next++);
      }
    }
  }
  return ids;
}

/**
 * A Go `Text:` expression as a template: string literals kept, every fmt verb and other expression `{}`
 * (`%q` quotes its value: `"{}"`).
 */
function templateOf(expression: string): string {
  const literals = [...expression.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(
    (m) => JSON.parse(`"${m[1]}"`) as string,
  );
  if (expression.startsWith('fmt.Sprintf('))
    return literals[0]!.replace(/%(\[\d\])?q/g, '"{}"').replace(/%(\[\d\])?(\.\d+)?[a-z]/g, '{}');
  if (expression.startsWith('"')) return literals.join('');
  return '{}';
}

function goMessages(folder: string): GoMessage[] {
  const ids = idsOf(readFileSync(path.join(folder, 'id.go'), 'utf8'));
  return readdirSync(folder)
    .filter((file) => /^message_\w+\.go$/.test(file) && !file.endsWith('_test.go'))
    .flatMap((file) =>
      [
        ...readFileSync(path.join(folder, file), 'utf8').matchAll(
          /func New\w+\([^)]*\)[^{]*\{([\s\S]*?)\n\}/g,
        ),
      ].map(([, body]) => ({
        id: ids.get(/ID:\s*(\w+)/.exec(body!)![1]!)!,
        type: /Type:\s*(\w+)/.exec(body!)![1]!.toLowerCase(),
        text: templateOf(/Text:\s*([\s\S]*?),\n\s*(?:Type|Context|ID|\})/.exec(body!)![1]!.trim()),
      })),
    );
}

const folder = kratosTextFolder();

describe.skipIf(folder === undefined)(
  `the message table against Kratos v1.3.1's source${folder ? '' : ' (skipped: no Go, or the Kratos module is not downloaded; run scripts/build-kratos.sh)'}`,
  () => {
    const messages = folder ? goMessages(folder) : [];
    const rows = new Map<number, { type: string; kratos?: string }>(
      Object.values(kratosMessages).map((row) => [row.id, row]),
    );

    it('has a row with Kratos’s type for every message Kratos builds', () => {
      expect(messages.length).toBeGreaterThan(100);
      const differing = messages
        .filter((message) => rows.get(message.id)?.type !== message.type)
        .map((message) => `${message.id} ${message.type}`);
      expect(differing).toEqual([]);
    });

    it("holds Kratos's English, with a {key} where Go puts a value", () => {
      const differing = messages
        .filter((message) => !CURRENT_KRATOS_WORDING.has(message.id))
        .flatMap((message) => {
          const table = rows.get(message.id)?.kratos?.replace(/\{\w+\}/g, '{}');
          return table === message.text ? [] : [`${message.id}: Kratos "${message.text}", table "${table}"`];
        });
      expect(differing).toEqual([]);
    });
  },
);

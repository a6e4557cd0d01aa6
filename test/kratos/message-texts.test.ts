/**
 * The one table of Kratos messages (shared/kratos-messages.ts) against the Kratos source it was copied from:
 * `text/id.go` and `text/message_*.go` of v1.3.1 (in the Go module cache the real-Kratos build fills,
 * scripts/build-kratos.sh) and of v26.2.0 (`KRATOS_SOURCE`: its source archive or folder). Every message
 * either version builds is a row with Kratos's type and English.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kratosMessages, type MessageEntry } from '../../shared/kratos-messages';

interface KratosSource {
  version: string;
  /** The `text/` folder, or why there is none. */
  folder: { found: string } | { missing: string };
  /** The table's English for this version: v26.2.0's `kratos`, v1.3.1's `kratosV1` where it has one. */
  english: (row: MessageEntry) => string | undefined;
}

function v131TextFolder(): KratosSource['folder'] {
  try {
    const cache = execFileSync('go', ['env', 'GOMODCACHE'], {
      cwd: new URL('server/', import.meta.url),
      encoding: 'utf8',
    }).trim();
    const folder = path.join(cache, 'github.com/ory/kratos@v1.3.1/text');
    return existsSync(folder)
      ? { found: folder }
      : { missing: 'the Kratos module is not downloaded; run scripts/build-kratos.sh' };
  } catch {
    return { missing: 'no Go on PATH' };
  }
}

/** `KRATOS_SOURCE` is v26.2.0's source folder or its `git archive` (.tar.gz, one top folder). */
function v26TextFolder(): KratosSource['folder'] {
  const source = process.env['KRATOS_SOURCE'];
  if (!source) return { missing: 'KRATOS_SOURCE is not set (the v26.2.0 source archive or folder)' };
  if (!existsSync(source)) return { missing: `KRATOS_SOURCE ${source} does not exist` };
  if (statSync(source).isDirectory()) return { found: path.join(source, 'text') };
  const into = mkdtempSync(path.join(tmpdir(), 'kratos-text-'));
  execFileSync('tar', ['xzf', source, '-C', into, '--wildcards', '*/text/*.go']);
  const [top] = readdirSync(into);
  return { found: path.join(into, top!, 'text') };
}

const sources: KratosSource[] = [
  { version: 'v1.3.1', folder: v131TextFolder(), english: (row) => row.kratosV1 ?? row.kratos },
  { version: 'v26.2.0', folder: v26TextFolder(), english: (row) => row.kratos },
];

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

const rows = new Map<number, MessageEntry>(Object.values(kratosMessages).map((row) => [row.id, row]));

/** The row whose English is neither version's: Ory Network's wording, as in the captures (test/fixtures). */
const oryNetworkWording = (id: number) => id === kratosMessages.loginWebAuthn.id;

for (const { version, folder, english } of sources) {
  const messages = 'found' in folder ? goMessages(folder.found) : [];
  const skipped = 'missing' in folder ? ` (skipped: ${folder.missing})` : '';
  const tableText = (id: number) => {
    const row = rows.get(id);
    return row && english(row)?.replace(/\{\w+\}/g, '{}');
  };

  describe.skipIf('missing' in folder)(
    `the message table against Kratos ${version}’s source${skipped}`,
    () => {
      it(`has a row with Kratos’s type for every message ${version} builds`, () => {
        expect(messages.length).toBeGreaterThan(100);
        const differing = messages
          .filter((message) => rows.get(message.id)?.type !== message.type)
          .map((message) => `${message.id} ${message.type}`);
        expect(differing).toEqual([]);
      });

      it(`holds ${version}’s English, with a {key} where Go puts a value`, () => {
        const differing = messages.flatMap((message) => {
          const table = tableText(message.id);
          const same = table === message.text;
          // The excepted row must really be worded otherwise, else the exception is stale.
          if (oryNetworkWording(message.id))
            return same ? [`${message.id}: no longer Ory Network's wording`] : [];
          return same ? [] : [`${message.id}: Kratos "${message.text}", table "${table}"`];
        });
        expect(differing).toEqual([]);
      });
    },
  );
}

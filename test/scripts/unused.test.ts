/**
 * knip with the repository's knip.jsonc (`npm run lint`, and `npm run unused` in production mode), run on a
 * throwaway tree shaped like the repository: a check that could not fail would prove nothing. The real
 * tree passing is `npm run lint` itself.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const repo = resolve(__dirname, '../..');
const trees: string[] = [];
afterAll(() => trees.forEach((tree) => rmSync(tree, { recursive: true, force: true })));

interface Finding {
  file: string;
  files: { name: string }[];
  exports: { name: string }[];
}

/** What knip reports for a tree of `files` (path → source), as `file` or `file: export`. */
async function unused(files: Record<string, string>, mode: 'lint' | 'production'): Promise<string[]> {
  const tree = mkdtempSync(join(tmpdir(), 'unused-'));
  trees.push(tree);
  copyFileSync(join(repo, 'knip.jsonc'), join(tree, 'knip.jsonc'));
  writeFileSync(join(tree, 'package.json'), JSON.stringify({ name: 'tree', private: true, type: 'module' }));
  symlinkSync(join(repo, 'node_modules'), join(tree, 'node_modules'));
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(tree, path)), { recursive: true });
    writeFileSync(join(tree, path), source);
  }
  const args = ['--no-progress', '--no-config-hints', '--reporter', 'json'];
  if (mode === 'production') args.push('--production');
  // knip exits 1 when it finds something: the report is on stdout either way.
  const { stdout } = await promisify(execFile)(join(repo, 'node_modules/.bin/knip'), args, {
    cwd: tree,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  const { issues } = JSON.parse(stdout) as { issues: Finding[] };
  return issues
    .flatMap((issue) => [
      ...issue.files.map((f) => f.name),
      ...issue.exports.map((e) => `${issue.file}: ${e.name}`),
    ])
    .sort();
}

const tree = {
  'main/index.ts': "import { used } from './kratos/limits';\nconsole.log(used);\n",
  'main/kratos/limits.ts': 'export const used = 1;\nexport const onlyTests = 2;\n',
  'test/main/kratos/limits.test.ts':
    "import { onlyTests } from '../../../main/kratos/limits';\nconsole.log(onlyTests);\n",
};

describe('unused code (knip.jsonc)', () => {
  it('a tree where everything is used passes lint', async () => {
    expect(await unused(tree, 'lint')).toEqual([]);
  });

  it('lint refuses an export nothing imports and a file nothing imports', async () => {
    expect(
      await unused(
        {
          ...tree,
          'main/kratos/limits.ts':
            'export const used = 1;\nexport const onlyTests = 2;\nexport const unused = 3;\n',
          'main/kratos/orphan.ts': 'export const orphan = 1;\n',
        },
        'lint',
      ),
    ).toEqual(['main/kratos/limits.ts: unused', 'main/kratos/orphan.ts']);
  });

  it('npm run unused lists an export only a test imports', async () => {
    expect(await unused(tree, 'production')).toEqual(['main/kratos/limits.ts: onlyTests']);
  });
});

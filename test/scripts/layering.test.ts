/**
 * The layering rules `npm run lint` checks (.dependency-cruiser.cjs), each broken on purpose in a throwaway
 * tree shaped like the repository: a rule that could not fail would prove nothing. The real tree passing
 * is `npm run lint` itself.
 */
import { cruise } from 'dependency-cruiser';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = resolve(__dirname, '../..');
const config = createRequire(import.meta.url)(join(repo, '.dependency-cruiser.cjs')) as {
  forbidden: { name: string }[];
};
const trees: string[] = [];
afterAll(() => trees.forEach((tree) => rmSync(tree, { recursive: true, force: true })));

/** The rules broken by a tree of `files` (path → source), as `rule: from → to`. */
async function violations(files: Record<string, string>): Promise<string[]> {
  const tree = mkdtempSync(join(tmpdir(), 'layering-'));
  trees.push(tree);
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(tree, path)), { recursive: true });
    writeFileSync(join(tree, path), source);
  }
  symlinkSync(join(repo, 'node_modules'), join(tree, 'node_modules'));
  const folders = [...new Set(Object.keys(files).map((path) => path.split('/')[0]!))];
  const result = await cruise(
    folders,
    {
      ruleSet: { forbidden: config.forbidden } as never,
      validate: true,
      tsPreCompilationDeps: true,
      doNotFollow: { path: 'node_modules' },
      baseDir: tree,
    },
    { extensions: ['.ts', '.tsx', '.js'] },
  );
  const output = result.output as {
    summary: { violations: { rule: { name: string }; from: string; to: string }[] };
  };
  return output.summary.violations.map(({ rule, from, to }) => `${rule.name}: ${from} → ${to}`);
}

const exporting = (name: string) => `export const ${name} = 1;\n`;

describe('layering rules (npm run lint)', () => {
  it('a tree that keeps the rules passes', async () => {
    expect(
      await violations({
        'shared/flow/nodes.ts': exporting('nodes'),
        'renderer/src/App.tsx':
          "import { nodes } from '../../shared/flow/nodes';\nexport const app = nodes;\n",
        'cli/flow-screen.ts': "import { nodes } from '../shared/flow/nodes';\nexport const screen = nodes;\n",
        'main/index.ts': "import { app } from 'electron';\nexport const main = app;\n",
      }),
    ).toEqual([]);
  });

  it.each([
    ['the renderer imports main', 'renderer/src/a.ts', '../../main/b', 'main/b.ts', 'renderer-is-a-web-page'],
    [
      'the renderer imports the emulator',
      'renderer/src/a.ts',
      '../../emulator/b',
      'emulator/b.ts',
      'renderer-is-a-web-page',
    ],
    [
      'main imports renderer code',
      'main/a.ts',
      '../renderer/src/b',
      'renderer/src/b.ts',
      'main-imports-no-renderer',
    ],
    [
      'the terminal imports renderer code',
      'cli/a.ts',
      '../renderer/src/flow/b',
      'renderer/src/flow/b.ts',
      'cli-imports-no-renderer',
    ],
    ['shared imports main', 'shared/a.ts', '../main/b', 'main/b.ts', 'shared-stands-alone'],
  ])('%s: refused', async (_case, from, specifier, to, rule) => {
    const found = await violations({
      [from]: `import { b } from '${specifier}';\nexport const a = b;\n`,
      [to]: exporting('b'),
    });
    expect(found).toContain(`${rule}: ${from} → ${to}`);
  });

  it('an import cycle between two of main’s folders: refused', async () => {
    const found = await violations({
      'main/session/controller.ts': "import { f } from '../flows/service';\nexport const c = f;\n",
      'main/flows/service.ts':
        "import { c } from '../session/controller';\nexport const f = 1;\nexport const g = c;\n",
    });
    expect(found.some((line) => line.startsWith('no-folder-cycles: main/'))).toBe(true);
  });

  it('two of main’s modules that import each other’s types: refused', async () => {
    const found = await violations({
      'main/app/core.ts': "import type { Options } from './wiring';\nexport type Keychain = Options;\n",
      'main/app/wiring.ts':
        "import type { Keychain } from './core';\nexport type Options = { k?: Keychain };\n",
    });
    expect(found).toContain('no-module-cycles-in-main: main/app/core.ts → main/app/wiring.ts');
  });

  it('electron outside the glue files: refused', async () => {
    const found = await violations({
      'main/session/controller.ts': "import { app } from 'electron';\nexport const c = app;\n",
    });
    expect(found).toEqual([
      expect.stringMatching(/^electron-only-in-the-glue: main\/session\/controller\.ts → /),
    ]);
  });

  it('every rule of the config is exercised above', () => {
    expect(config.forbidden.map((rule) => rule.name).sort()).toEqual(
      [
        'cli-imports-no-renderer',
        'electron-only-in-the-glue',
        'main-imports-no-renderer',
        'no-folder-cycles',
        'no-module-cycles-in-main',
        'renderer-is-a-web-page',
        'shared-stands-alone',
      ].sort(),
    );
  });
});

/**
 * The documents name files, and files move (issue 22: docs/architecture.md's folder map named files that were
 * gone). Cheap mechanical checks that the map matches the tree: every top-level folder of the repository is
 * in architecture.md's folder list, every file that list and its per-folder tables name exists, a folder's
 * table lists all its modules, its diagram draws only folders that exist, every repository path a document
 * names in backticks exists, and the code names architecture.md and security.md use (`TraitTitleStore.learn`)
 * occur in the code. ADRs are records of their day and are not checked.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const exists = (file: string) => existsSync(path.join(root, file));

/** The folders at the top of the repository that hold tracked files (dot folders are tooling). */
const topFolders = [
  ...new Set(
    execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter((file) => file.includes('/') && !file.startsWith('.'))
      .map((file) => file.split('/')[0]!),
  ),
];

/** A backticked token that names a file or folder: `main/index.ts`, `flow/`, `service.ts`. */
const fileLike = /^[\w.-]+(?:\/[\w.-]+)*(?:\/|\.(?:ts|tsx|mjs|cjs|sh|html|json|md|yml|plist))$/;

export interface FolderItem {
  /** The folder the item is about: its first token's folder. */
  folder: string;
  /** Every file or folder it names, relative to the root. */
  paths: string[];
}

/** The items of the "Folders:" list: the first token names the folder, bare names are inside it. */
export function folderItems(markdown: string): FolderItem[] {
  const list = /^Folders:\n\n((?:- .*\n(?: {2}.*\n)*)+)/m.exec(markdown)?.[1] ?? '';
  return list
    .split(/\n(?=- )/)
    .filter((item) => item.startsWith('- `'))
    .map((item) => {
      const tokens = [...item.matchAll(/`([^`]+)`/g)]
        .map((match) => match[1]!)
        .filter((t) => fileLike.test(t));
      const first = tokens[0] ?? '';
      const folder = first.endsWith('/') ? first : path.posix.dirname(first) + '/';
      const top = (token: string) => topFolders.includes(token.split('/')[0]!);
      return { folder, paths: tokens.map((token) => (top(token) ? token : folder + token)) };
    });
}

/** Files named in the first column of a table under a heading that names a folder: "## Vault (`main/vault/`)". */
export function tabledFiles(markdown: string): string[] {
  let folder: string | undefined;
  const files: string[] = [];
  for (const line of markdown.split('\n')) {
    const heading = /^#+ .*`([\w/.-]+\/)`/.exec(line);
    if (heading) folder = heading[1];
    else if (/^#+ /.test(line)) folder = undefined;
    const cell = /^\| `([^`]+)` /.exec(line)?.[1];
    if (folder !== undefined && cell !== undefined && fileLike.test(cell)) files.push(folder + cell);
  }
  return files;
}

const architecture = read('docs/architecture.md');

describe("docs/architecture.md's folder map", () => {
  const items = folderItems(architecture);

  it('finds the list (a checker that finds none would prove nothing)', () => {
    expect(items.length).toBeGreaterThan(10);
    expect(tabledFiles(architecture).length).toBeGreaterThan(8);
  });

  it('draws only folders and files that exist in its diagram', () => {
    const diagram = /## How it is built\n\n```\n([\s\S]*?)\n```/.exec(architecture)?.[1] ?? '';
    const named = [...diagram.matchAll(/(?<![\w.:/-])([a-z]+\/[\w./-]*)/g)]
      .map((match) => match[1]!.replace(/[.)]+$/, ''))
      .filter((token) => topFolders.includes(token.split('/')[0]!));
    expect(named.length).toBeGreaterThan(8);
    expect(named.filter((file) => !exists(file))).toEqual([]);
  });

  it('a table of a folder’s files lists every module in it', () => {
    const tabled = tabledFiles(architecture);
    const folders = [...new Set(tabled.map((file) => path.posix.dirname(file)))];
    const unlisted = folders.flatMap((folder) =>
      readdirSync(path.join(root, folder))
        .filter((name) => /\.tsx?$/.test(name))
        .map((name) => `${folder}/${name}`)
        .filter((file) => !tabled.includes(file)),
    );
    expect(unlisted).toEqual([]);
  });

  it('lists every top-level folder of the repository', () => {
    const listed = new Set(items.map((item) => item.folder.split('/')[0]));
    expect(topFolders.filter((folder) => !listed.has(folder))).toEqual([]);
  });

  it('names only files and folders that exist', () => {
    const named = [...items.flatMap((item) => item.paths), ...tabledFiles(architecture)];
    expect(named.filter((file) => !exists(file))).toEqual([]);
  });

  it('the checker reads bare names inside the item’s folder, and tables under their heading’s folder', () => {
    const doc =
      'Folders:\n\n- `main/x/`: a (`a.ts`, `npm run b`,\n  `shared/c.ts`).\n- `preload/e.ts`, `f.ts`, `src/g/`: h\n';
    expect(folderItems(doc)).toEqual([
      { folder: 'main/x/', paths: ['main/x/', 'main/x/a.ts', 'shared/c.ts'] },
      { folder: 'preload/', paths: ['preload/e.ts', 'preload/f.ts', 'preload/src/g/'] },
    ]);
    expect(tabledFiles('## K (`main/k/`)\n\n| file | x |\n| `a.ts` | y |\n## L\n| `b.ts` | z |\n')).toEqual([
      'main/k/a.ts',
    ]);
  });
});

/**
 * Names from outside the repository that architecture.md and security.md mention on purpose: Kratos's Go
 * source, and the Electron settings and hooks the app does not use.
 */
const namesFromElsewhere = ['UpdateLoginFlow', 'afterPack', 'allowpopups', 'enableBlinkFeatures'];

describe('code names in architecture.md and security.md', () => {
  const source = execFileSync(
    'git',
    ['ls-files', 'main', 'preload', 'shared', 'cli', 'renderer', 'emulator', 'scripts', 'test'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  )
    .split('\n')
    .filter((file) => /\.(ts|tsx|mjs|cjs|json)$/.test(file))
    .map(read)
    .join('\n');

  it.each(['docs/architecture.md', 'docs/security.md'])(
    '%s names only classes, functions and members the code has (a rename leaves none behind)',
    (document) => {
      const prose = read(document).replace(/^```[\s\S]*?^```/gm, '');
      const names = [...prose.matchAll(/`([A-Za-z_]\w{3,}(?:\.[A-Za-z_]\w*)*)(?:\(\))?`/g)]
        .flatMap((match) => match[1]!.split('.'))
        // Electronegativity's check ids (NODE_INTEGRATION_…) are the scanner's, not the app's.
        .filter(
          (name) => name.length > 3 && !/^[A-Z0-9_]+$/.test(name) && !namesFromElsewhere.includes(name),
        );
      expect(names.length).toBeGreaterThan(50);
      expect([...new Set(names)].filter((name) => !source.includes(name))).toEqual([]);
    },
  );
});

describe('repository paths in the documents', () => {
  const documents = [
    'README.md',
    ...readdirSync(path.join(root, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => `docs/${name}`),
  ];

  it.each(documents)('%s names only paths that exist', (document) => {
    const named = [...read(document).matchAll(/`([^`\s]+)`/g)]
      .map((match) => match[1]!.replace(/[#:].*$/, ''))
      .filter((token) => fileLike.test(token) && topFolders.includes(token.split('/')[0]!));
    expect(named.filter((file) => !exists(file))).toEqual([]);
  });
});

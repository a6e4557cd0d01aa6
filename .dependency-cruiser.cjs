/**
 * The layering docs/architecture.md states, checked on every `npm run lint` (dependency-cruiser).
 * test/scripts/layering.test.ts breaks each rule on purpose and expects this config to refuse it.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'renderer-is-a-web-page',
      comment:
        'The renderer runs sandboxed in the window: it imports neither main, the emulator nor the terminal.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(main|emulator|cli|preload)/' },
    },
    {
      name: 'main-imports-no-renderer',
      comment: 'Main reaches the window through IPC only (shared/ipc-contract.ts).',
      severity: 'error',
      from: { path: '^main/' },
      to: { path: '^renderer/' },
    },
    {
      name: 'cli-imports-no-renderer',
      comment: 'What the terminal shares with the window lives in shared/ (the flow model, the catalogue).',
      severity: 'error',
      from: { path: '^cli/' },
      to: { path: '^renderer/' },
    },
    {
      name: 'shared-stands-alone',
      comment: 'shared/ is what every side imports; it imports none of them.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(main|renderer|preload|cli|emulator)/' },
    },
    {
      name: 'no-folder-cycles',
      comment: 'No import cycle between folders (top-level ones, or main/session and main/flows...).',
      severity: 'error',
      scope: 'folder',
      from: { path: '^(main|renderer|preload|shared|cli|emulator)/' },
      to: { circular: true },
    },
    {
      name: 'no-module-cycles-in-main',
      comment:
        'No import cycle between main modules, type imports included (main/app/core.ts and wiring.ts once ' +
        "imported each other's types): each module can be read knowing only what it imports.",
      severity: 'error',
      from: { path: '^main/' },
      to: { circular: true },
    },
    {
      name: 'electron-only-in-the-glue',
      comment:
        'Only the Electron glue loads electron: everything else runs (and is tested) in plain Node or a browser.',
      severity: 'error',
      from: {
        path: '^(main|preload|shared|cli|emulator|renderer)/',
        pathNot: '^(main/(index|window|protocol|ipc/electron)|preload/index)\\.ts$',
      },
      to: { path: '(^|/)node_modules/electron/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|release|test|bench|scripts)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs'] },
  },
};

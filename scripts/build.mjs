// Builds the bundles the app is made of:
//   dist/main/index.cjs     main process (esbuild; everything bundled but electron and keytar's native module)
//   dist/emulator/child.cjs the embedded Kratos emulator, run in its own utility process (esbuild), with
//                           passkey.html beside it (web/passkey.html, the page it serves; emulator/passkey/page.ts)
//   dist/cli/index.cjs      kratos-desktop-cli, the terminal client on the same core (esbuild; keytar external)
//   dist/preload/index.cjs  sandboxed preload (esbuild; CommonJS because sandboxed preloads cannot be ESM)
//   dist/renderer/          the React UI (Vite)
// `node scripts/build.mjs main|emulator|cli|preload|renderer` builds one part.
import { copyFileSync, mkdirSync } from 'node:fs';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const parts = process.argv.slice(2);
const wanted = (name) => parts.length === 0 || parts.includes(name);

if (wanted('main')) {
  await esbuild({
    entryPoints: ['main/index.ts'],
    outfile: 'dist/main/index.cjs',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['electron', 'keytar'],
    logLevel: 'warning',
  });
}

if (wanted('emulator')) {
  mkdirSync('dist/emulator', { recursive: true });
  copyFileSync('web/passkey.html', 'dist/emulator/passkey.html');
  await esbuild({
    entryPoints: ['emulator/process/child.ts'],
    outfile: 'dist/emulator/child.cjs',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    logLevel: 'warning',
    // emulator/passkey/page.ts finds the page beside the bundle (__dirname) before it asks import.meta.
    logOverride: { 'empty-import-meta': 'silent' },
  });
}

if (wanted('cli')) {
  await esbuild({
    entryPoints: ['cli/index.ts'],
    outfile: 'dist/cli/index.cjs',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['keytar'],
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
  });
}

if (wanted('preload')) {
  await esbuild({
    entryPoints: ['preload/index.ts'],
    outfile: 'dist/preload/index.cjs',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'chrome140',
    external: ['electron'],
    logLevel: 'warning',
  });
}

if (wanted('renderer')) {
  await viteBuild({ configFile: 'renderer/vite.config.ts', logLevel: 'warn' });
}

// Builds the bundles the app is made of, and the emulator `npm start` runs beside it:
//   dist/main/index.cjs     main process (esbuild; everything bundled but electron and keytar's native module)
//   dist/cli/index.cjs      kratos-desktop-cli, the terminal client on the same core (esbuild; keytar external)
//   dist/preload/index.cjs  sandboxed preload (esbuild; CommonJS because sandboxed preloads cannot be ESM)
//   dist/renderer/          the React UI (Vite)
//   dist/emulator/cli.mjs   the Kratos emulator's supervisor (`npm run emulator`'s program), and child.mjs, the
//                           process it runs the emulator in (esbuild; ESM, so each finds the other through
//                           import.meta.url), with passkey.html beside them (web/passkey.html, the page it
//                           serves; emulator/passkey/page.ts). Development only: the installers do not carry it.
// `node scripts/build.mjs main|emulator|cli|preload|renderer` builds one part. Importing this file builds
// nothing: bench/cold-start.bench.ts takes `mainBundle` from it, so it measures the bundle the app ships.
import { copyFileSync, mkdirSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

/**
 * dist/main/index.cjs: everything bundled but electron and keytar's native module.
 * @type {import('esbuild').BuildOptions & { entryPoints: string[]; outfile: string }}
 */
export const mainBundle = {
  entryPoints: ['main/index.ts'],
  outfile: 'dist/main/index.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron', 'keytar'],
  logLevel: 'warning',
};

/** Builds `parts` (all of them when none is named). */
async function buildParts(parts) {
  const wanted = (name) => parts.length === 0 || parts.includes(name);

  if (wanted('main')) await esbuild(mainBundle);

  if (wanted('emulator')) {
    mkdirSync('dist/emulator', { recursive: true });
    copyFileSync('web/passkey.html', 'dist/emulator/passkey.html');
    await esbuild({
      entryPoints: { cli: 'emulator/cli.ts', child: 'emulator/process/child.ts' },
      outdir: 'dist/emulator',
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // CommonJS dependencies bundled into ESM still call require() for Node's built-ins.
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
      logLevel: 'warning',
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
}

// Run as a program (Node gives the real path in import.meta.url, so argv's path is resolved the same way).
const program = process.argv[1];
if (program !== undefined && import.meta.url === pathToFileURL(realpathSync(program)).href) {
  await buildParts(process.argv.slice(2));
}

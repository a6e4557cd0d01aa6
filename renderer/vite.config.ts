// Builds the renderer to dist/renderer. `base: './'` because the window loads the files from disk, not
// from a web server. No inline scripts or styles are produced, so the strict CSP in index.html holds.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Inlined assets would become data: URLs for scripts/fonts, which the CSP refuses.
    assetsInlineLimit: 0,
    // Vite's modulepreload polyfill is an inline-free module, but it is not needed in Chromium.
    modulePreload: { polyfill: false },
    target: 'chrome140',
  },
});

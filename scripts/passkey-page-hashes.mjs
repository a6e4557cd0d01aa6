/**
 * Writes the CSP hashes of web/passkey.html's inline script and style into its own CSP line (the page has no
 * build step: run this after editing it; test/web/passkey-page.test.ts fails while they are stale).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../web/passkey.html', import.meta.url);
const hash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const html = readFileSync(file, 'utf8');
const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1];
const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1];
if (script === undefined || style === undefined)
  throw new Error('web/passkey.html: no inline script or style');
const updated = html
  .replace(/script-src '[^']*'/, `script-src ${hash(script)}`)
  .replace(/style-src '[^']*'/, `style-src ${hash(style)}`);
writeFileSync(file, updated);

/** The app:// handler with a fake `electron` module: files from the renderer root, CSP on every answer. */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../../main/policy/csp';
import { createMemoryLogger } from '../../main/log';

const registered = vi.hoisted(() => ({ schemes: [] as unknown[] }));
vi.mock('electron', () => ({
  protocol: { registerSchemesAsPrivileged: (schemes: unknown[]) => registered.schemes.push(...schemes) },
}));

const { registerAppSchemeAsPrivileged, serveRendererFiles } = await import('../../main/protocol');

async function serve() {
  const parent = await mkdtemp(path.join(tmpdir(), 'kd-renderer-'));
  const root = path.join(parent, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(parent, 'secret.json'), '{"token":"x"}');
  let handler: ((request: Request) => Promise<Response>) | undefined;
  const session = { protocol: { handle: (_scheme: string, fn: typeof handler) => (handler = fn) } };
  serveRendererFiles(session as never, root, createMemoryLogger());
  // The handler reads only `request.url` (a real Request cannot carry an app: URL in Node).
  return (url: string) => handler!({ url } as Request);
}

describe('app:// protocol', () => {
  it('registers app as a standard, secure scheme without CSP bypass', () => {
    registerAppSchemeAsPrivileged();
    expect(registered.schemes).toEqual([
      {
        scheme: 'app',
        privileges: expect.objectContaining({
          standard: true,
          secure: true,
          bypassCSP: false,
          corsEnabled: false,
        }),
      },
    ]);
  });

  it('serves renderer files with their type, the CSP and nosniff', async () => {
    const get = await serve();
    const page = await get('app://kratos-desktop/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>app</title>');
    const script = await get('app://kratos-desktop/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    // No CORS: no other origin may read the app's files (corsEnabled: false above, and no header here).
    for (const answer of [page, script, await get('app://kratos-desktop/missing.js')]) {
      expect([...answer.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('answers 403/404 for paths outside the root or missing files', async () => {
    const get = await serve();
    expect((await get('app://kratos-desktop/assets/..%2f..%2fsecret.json')).status).toBe(403);
    expect((await get('app://other/index.html')).status).toBe(403);
    expect((await get('app://kratos-desktop/missing.js')).status).toBe(404);
  });
});

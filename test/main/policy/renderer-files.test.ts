import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveRendererFile } from '../../../main/policy/renderer-files';

const root = path.resolve('/opt/app/dist/renderer');

describe('resolveRendererFile (app:// protocol → renderer build file)', () => {
  it('serves index.html for the bare origin and for /', () => {
    for (const url of ['app://kratos-desktop', 'app://kratos-desktop/']) {
      expect(resolveRendererFile(url, root)).toEqual({
        kind: 'file',
        path: path.join(root, 'index.html'),
        mimeType: 'text/html; charset=utf-8',
      });
    }
  });

  it('serves assets under the root with their MIME type, ignoring query and fragment', () => {
    expect(resolveRendererFile('app://kratos-desktop/assets/index-abc.js?v=1#x', root)).toEqual({
      kind: 'file',
      path: path.join(root, 'assets', 'index-abc.js'),
      mimeType: 'text/javascript; charset=utf-8',
    });
    expect(resolveRendererFile('app://kratos-desktop/assets/app.css', root)).toMatchObject({
      mimeType: 'text/css; charset=utf-8',
    });
  });

  it.each([
    ['app://kratos-desktop/../../etc/passwd'],
    ['app://kratos-desktop/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd'],
    ['app://kratos-desktop/assets/..%2f..%2f..%2fetc/passwd'],
    ['app://kratos-desktop/assets/%2e%2e%2f%2e%2e%2fsecret.json'],
  ])('never leaves the root: %s', (url) => {
    const result = resolveRendererFile(url, root);
    if (result.kind === 'file') expect(result.path.startsWith(root + path.sep)).toBe(true);
    else expect(result.status).toBeGreaterThanOrEqual(400);
  });

  // Issue 9 "held": the red-team's spellings of a way out of the root (dot segments raw, encoded, double
  // encoded, overlong UTF-8, backslashes, NUL, empty segments, drive letters, UNC paths, other hosts).
  const traversals = [
    'app://kratos-desktop/../../etc/secret.json',
    'app://kratos-desktop/%2e%2e/%2e%2e/etc/secret.json',
    'app://kratos-desktop/%2E%2E/%2E%2E/etc/secret.json',
    'app://kratos-desktop/.%2e/.%2e/etc/secret.json',
    'app://kratos-desktop/%2e./%2e./etc/secret.json',
    'app://kratos-desktop/..%2f..%2fetc/secret.json',
    'app://kratos-desktop/..%2F..%2Fetc/secret.json',
    'app://kratos-desktop/%2e%2e%2f%2e%2e%2fetc%2fsecret.json',
    'app://kratos-desktop/..%5c..%5cetc%5csecret.json',
    'app://kratos-desktop/..\\..\\etc\\secret.json',
    'app://kratos-desktop/%252e%252e/%252e%252e/etc/secret.json',
    'app://kratos-desktop/....//....//etc/secret.json',
    'app://kratos-desktop/assets/..;/..;/etc/secret.json',
    'app://kratos-desktop/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/secret.json',
    'app://kratos-desktop/%u002e%u002e/etc/secret.json',
    'app://kratos-desktop/index.html%00/../../etc/secret.json',
    'app://kratos-desktop//etc/secret.json',
    'app://kratos-desktop/%2fetc%2fsecret.json',
    'app://kratos-desktop///etc/secret.json',
    'app://kratos-desktop/./../etc/secret.json',
    'app://kratos-desktop/assets/%2e/%2e%2e/%2e%2e/etc/secret.json',
    'app://kratos-desktop/C:%5cWindows%5cwin.js',
    'app://kratos-desktop/%5c%5cattacker%5cshare%5cx.js',
    'app://kratos-desktop@evil/..%2fetc/secret.json',
    'app://KRATOS-DESKTOP/../etc/secret.json',
    'app://kratos-desktop/%2e%2e%00/etc/secret.json',
  ];

  it('has the 26 spellings of the red-team pass', () => {
    expect(new Set(traversals).size).toBe(26);
  });

  it.each(traversals)('stays inside the root: %s', (url) => {
    const result = resolveRendererFile(url, root);
    if (result.kind === 'file') expect(result.path.startsWith(root + path.sep)).toBe(true);
    else expect(result.status).toBeGreaterThanOrEqual(400);
    // Every target has a served type (.json, .js), so no refusal is only about the file type.
    expect(result).not.toMatchObject({ reason: 'unknown file type' });
  });

  it('refuses encoded traversal that survives URL parsing', () => {
    expect(resolveRendererFile('app://kratos-desktop/assets/..%2f..%2fsecret.json', root)).toMatchObject({
      kind: 'refused',
      status: 403,
    });
  });

  it.each([
    ['app://kratos-desktop/a%5c..%5c..%5cwindows.ini', 400],
    ['app://kratos-desktop/index.html%00.png', 400],
    ['app://kratos-desktop/%E0%A4%A', 400],
    ['app://other-host/index.html', 403],
    ['file:///etc/passwd', 403],
    ['https://kratos-desktop/index.html', 403],
    ['not a url', 400],
    ['app://kratos-desktop/notes.txt', 404],
    ['app://kratos-desktop/assets', 404],
  ] as const)('refuses %s with %i', (url, status) => {
    expect(resolveRendererFile(url, root)).toMatchObject({ kind: 'refused', status });
  });
});

describe('resolveRendererFile (properties)', () => {
  /** Path pieces the traversal spellings above are made of, and ordinary names. */
  const piece = fc.oneof(
    fc.constantFrom(
      '..',
      '.',
      '%2e',
      '%2E',
      '%2e%2e',
      '.%2e',
      '%2f',
      '%2F',
      '%5c',
      '\\',
      '%00',
      '%252e',
      '%c0%ae',
      '/',
      '//',
    ),
    fc.stringMatching(/^[a-z0-9_-]{1,8}(\.(js|json|css|html|png))?$/),
    fc.string({ maxLength: 4 }),
  );
  const requestPath = fc.array(piece, { maxLength: 10 }).map((pieces) => pieces.join(''));

  it('serves only files under the root, and the rules refuse every way out before the last check', () => {
    fc.assert(
      fc.property(requestPath, fc.constantFrom('/', '/assets/'), (rest, prefix) => {
        const result = resolveRendererFile(`app://kratos-desktop${prefix}${rest}`, root);
        if (result.kind === 'file') expect(result.path.startsWith(root + path.sep)).toBe(true);
        // The resolved-path check is the belt; the braces (dot segments, encodings, characters) hold alone.
        else expect(result.reason).not.toBe('outside the renderer root');
      }),
      { numRuns: 1000 },
    );
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../main/policy/csp';

const directives = new Map(
  contentSecurityPolicy.split(';').map((part) => {
    const [name = '', ...values] = part.trim().split(/\s+/);
    return [name, values] as const;
  }),
);

describe('contentSecurityPolicy (header of every app:// response)', () => {
  it('allows only bundled scripts: no inline script, no eval', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(contentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it('forbids the page any network connection: Kratos is reached only through main', () => {
    expect(directives.get('connect-src')).toEqual(["'none'"]);
    expect(directives.get('default-src')).toEqual(["'none'"]);
  });

  it('is identical to the <meta> CSP of the renderer page', () => {
    const indexHtml = 'renderer/index.html';
    // The renderer helper owns index.html; this test is the guard that the two never drift apart.
    expect(existsSync(indexHtml), `${indexHtml} must exist`).toBe(true);
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(
      readFileSync(indexHtml, 'utf8'),
    );
    expect(meta?.[1]).toBe(contentSecurityPolicy);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_ENDPOINT_LENGTH, parseEndpoint } from '../../../main/kratos/endpoint';

describe('parseEndpoint', () => {
  describe('accepts and normalizes', () => {
    it.each([
      ['https://auth.example.com', 'https://auth.example.com'],
      ['https://auth.example.com/', 'https://auth.example.com'],
      ['  https://auth.example.com  ', 'https://auth.example.com'],
      ['HTTPS://Auth.Example.COM', 'https://auth.example.com'],
      ['https://auth.example.com:443', 'https://auth.example.com'],
      ['https://auth.example.com:8443/', 'https://auth.example.com:8443'],
      ['https://example.com/kratos/', 'https://example.com/kratos'],
      ['https://example.com/kratos//', 'https://example.com/kratos'],
      ['https://example.com/a/../kratos', 'https://example.com/kratos'],
      ['https://my-project.projects.oryapis.com', 'https://my-project.projects.oryapis.com'],
      ['https://[2001:db8::1]:4433', 'https://[2001:db8::1]:4433'],
      ['http://localhost:4433', 'http://localhost:4433'],
      ['http://LOCALHOST:4433/', 'http://localhost:4433'],
      ['http://127.0.0.1:4433', 'http://127.0.0.1:4433'],
      ['http://127.0.0.1:80', 'http://127.0.0.1'],
      ['http://127.1.2.3:4433', 'http://127.1.2.3:4433'],
      ['http://127.1:4433', 'http://127.0.0.1:4433'],
      ['http://[::1]:4433', 'http://[::1]:4433'],
      ['http://[0:0:0:0:0:0:0:1]:4433', 'http://[::1]:4433'],
      ['https://localhost', 'https://localhost'],
    ])('%s → %s', (input, normalized) => {
      expect(parseEndpoint(input)).toEqual({ ok: true, url: normalized });
    });

    it('gives one key for every spelling of the same server', () => {
      const spellings = [
        'https://Auth.Example.com:443/',
        'https://auth.example.com',
        ' HTTPS://AUTH.EXAMPLE.COM// ',
      ];
      const urls = new Set(spellings.map((s) => parseEndpoint(s)).map((r) => (r.ok ? r.url : r.message)));
      expect([...urls]).toEqual(['https://auth.example.com']);
    });
  });

  describe('rejects with a message that says what to fix', () => {
    it.each([
      ['', /Enter the URL/],
      ['   ', /Enter the URL/],
      ['auth.example.com', /not a valid URL.*https:\/\//],
      ['https://', /not a valid URL/],
      ['ftp://auth.example.com', /Only https:\/\/ URLs/],
      ['file:///etc/passwd', /Only https:\/\/ URLs/],
      ['javascript:alert(1)', /Only https:\/\/ URLs/],
      ['http://auth.example.com', /Use https:\/\/ for auth\.example\.com/],
      ['http://10.0.0.5:4433', /Use https:\/\/ for 10\.0\.0\.5/],
      ['http://128.0.0.1', /Use https:\/\//],
      ['http://localhost.example.com', /Use https:\/\//],
      ['http://[::2]:4433', /Use https:\/\//],
      ['http://[::ffff:127.0.0.1]', /Use https:\/\//],
      ['https://user:secret@auth.example.com', /user name and password/],
      ['https://user@auth.example.com', /user name and password/],
      ['http://user:pw@localhost:4433', /user name and password/],
      ['https://auth.example.com/?flow=1', /query/],
      ['https://auth.example.com?', /query/],
      ['https://auth.example.com/#top', /fragment/],
      ['https://auth.example.com#', /fragment/],
    ])('%j', (input, message) => {
      const result = parseEndpoint(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(message);
    });

    // Issue 21: 100,000 slashes (settings.json, the environment or --endpoint) kept the app busy for 27 s.
    it(`refuses a URL longer than ${MAX_ENDPOINT_LENGTH} characters, such as 100,000 slashes`, () => {
      const result = parseEndpoint(`https://auth.example.com/${'/'.repeat(100_000)}x`);
      expect(result).toEqual({ ok: false, message: expect.stringMatching(/longer than 2048 characters/) });
      const longest = `https://auth.example.com/${'/'.repeat(MAX_ENDPOINT_LENGTH - 26)}x`;
      expect(longest).toHaveLength(MAX_ENDPOINT_LENGTH);
      expect(parseEndpoint(longest).ok).toBe(true);
    });

    it.each(['https://me:hunter2@auth.example.com', 'https://me:hunter2@', 'me:hunter2@auth.example.com'])(
      'never echoes a password from the input (%j)',
      (input) => {
        const result = parseEndpoint(input);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.message).not.toContain('hunter2');
      },
    );
  });
});

describe('parseEndpoint (properties)', () => {
  const byte = fc.integer({ min: 0, max: 255 });
  const loopbackHost = fc.oneof(
    fc.constantFrom('localhost', '[::1]'),
    fc.tuple(byte, byte, byte).map((octets) => `127.${octets.join('.')}`),
  );
  const publicHost = fc.oneof(
    fc.domain(),
    fc.ipV4().filter((ip) => !ip.startsWith('127.')),
  );
  const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined });
  const path = fc.array(fc.stringMatching(/^[a-z0-9_-]{1,8}$/), { maxLength: 3 });

  /** The parts of a URL the rules accept: https anywhere, plain http only to this computer. */
  const server = fc
    .record({
      scheme: fc.constantFrom('https', 'http'),
      host: fc.oneof(publicHost, loopbackHost),
      port,
      path,
    })
    .filter(({ scheme, host }) => scheme === 'https' || isLoopback(host));

  function isLoopback(host: string): boolean {
    return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
  }
  const spell = (
    {
      scheme,
      host,
      port: number,
      path: segments,
    }: { scheme: string; host: string; port?: number; path: string[] },
    userinfo = '',
  ) =>
    `${scheme}://${userinfo}${host}${number === undefined ? '' : `:${number}`}${segments.map((s) => `/${s}`).join('')}`;

  const accepted = (input: string): string => {
    const result = parseEndpoint(input);
    if (!result.ok) expect.fail(`${JSON.stringify(input)} refused: ${result.message}`);
    return result.url;
  };

  it('never throws, and every refusal says what to fix', () => {
    const anyInput = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      server.map((parts) => spell(parts)),
    );
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = parseEndpoint(input);
        if (!result.ok) expect(result.message).toMatch(/^[A-Z].*\.$/);
      }),
    );
  });

  it('accepts only canonical https, or http to this computer, without credentials, query, fragment or trailing slash', () => {
    const anyInput = fc.oneof(
      fc.webUrl({
        validSchemes: ['http', 'https', 'ftp', 'ws'],
        withQueryParameters: true,
        withFragments: true,
      }),
      server.map((parts) => spell(parts)),
      fc.string(),
    );
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = parseEndpoint(input);
        if (!result.ok) return;
        const url = new URL(result.url);
        expect(url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))).toBe(
          true,
        );
        expect([url.username, url.password, url.search, url.hash]).toEqual(['', '', '', '']);
        // Canonical: what the URL parser itself writes, less the trailing slash.
        expect(result.url).toBe(url.href.replace(/\/$/, ''));
        expect(result.url).not.toMatch(/\/$/);
      }),
    );
  });

  it('accepts every https server and every http server on this computer, with or without a path', () => {
    fc.assert(fc.property(server, (parts) => void accepted(spell(parts))));
  });

  it('normalizes idempotently: a normalized URL is accepted as it is', () => {
    fc.assert(
      fc.property(server, (parts) => {
        const normalized = accepted(spell(parts));
        expect(accepted(normalized)).toBe(normalized);
      }),
    );
  });

  it('gives one keychain key for every spelling of a server (case, default port, trailing slashes, spaces)', () => {
    const spelling = fc.record({
      upperScheme: fc.boolean(),
      upperHost: fc.boolean(),
      defaultPort: fc.boolean(),
      slashes: fc.integer({ min: 0, max: 3 }),
      spaces: fc.stringMatching(/^[ \t\n]{0,3}$/),
    });
    fc.assert(
      fc.property(server, spelling, (parts, how) => {
        const respelled = spell({
          ...parts,
          scheme: how.upperScheme ? parts.scheme.toUpperCase() : parts.scheme,
          host: how.upperHost ? parts.host.toUpperCase() : parts.host,
          port: parts.port ?? (how.defaultPort ? (parts.scheme === 'https' ? 443 : 80) : undefined),
        });
        const input = `${how.spaces}${respelled}${'/'.repeat(how.slashes)}${how.spaces}`;
        expect(accepted(input)).toBe(accepted(spell(parts)));
      }),
    );
  });

  it('refuses credentials in any accepted URL, and never repeats the password', () => {
    const password = fc.stringMatching(/^[A-Z][A-Za-z0-9]{5,15}$/);
    fc.assert(
      fc.property(server, fc.stringMatching(/^[a-z]{1,8}$/), fc.option(password), (parts, user, secret) => {
        const result = parseEndpoint(spell(parts, secret === null ? `${user}@` : `${user}:${secret}@`));
        expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/user name and password/) });
        if (secret !== null && !result.ok) expect(result.message).not.toContain(secret);
      }),
    );
  });

  it('refuses a query or a fragment after any accepted URL', () => {
    fc.assert(
      fc.property(server, fc.constantFrom('?', '#', '/?', '/#'), fc.string(), (parts, mark, rest) => {
        expect(parseEndpoint(`${spell(parts)}${mark}${rest}`)).toMatchObject({
          ok: false,
          message: expect.stringMatching(/^Remove the (query|fragment)/),
        });
      }),
    );
  });

  it('refuses plain http to any other computer, naming https', () => {
    fc.assert(
      fc.property(publicHost, port, path, (host, number, segments) => {
        expect(parseEndpoint(spell({ scheme: 'http', host, port: number, path: segments }))).toMatchObject({
          ok: false,
          message: expect.stringMatching(/^Use https:\/\/ for /),
        });
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { parseEndpoint } from '../../../main/kratos/endpoint';

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

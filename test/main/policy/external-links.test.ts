import { describe, expect, it } from 'vitest';
import { decideExternalLink } from '../../../main/policy/external-links';

const kratos = 'https://auth.example.com/kratos';

describe('decideExternalLink (what shell.openExternal may receive)', () => {
  it.each([
    'https://auth.example.com/kratos/self-service/recovery?flow=1',
    'https://www.ory.sh/docs/kratos/concepts/credentials',
  ])('opens %s', (url) => {
    expect(decideExternalLink(url, kratos)).toEqual({ allowed: true, url: new URL(url).href });
  });

  it('allows a loopback http endpoint (the embedded emulator) only on its own origin', () => {
    expect(
      decideExternalLink('http://127.0.0.1:4433/self-service/login/browser', 'http://127.0.0.1:4433'),
    ).toMatchObject({ allowed: true });
    expect(decideExternalLink('http://127.0.0.1:9999/self-service/x', 'http://127.0.0.1:4433')).toMatchObject(
      {
        allowed: false,
      },
    );
  });

  it.each([
    ['file:///etc/passwd', /file:/],
    ['smb://attacker/share', /smb:/],
    ['javascript:alert(1)', /javascript:/],
    ['vscode://command/x', /vscode:/],
    ['https://evil.example/phish', /evil\.example/],
    ['https://auth.example.com.evil.example/', /evil\.example/],
    ['http://auth.example.com/', /auth\.example\.com/], // same host, other scheme: another origin
    ['https://auth.example.com:8443/', /auth\.example\.com:8443/],
    ['https://user:pw@auth.example.com/', /user name or password/],
    // Issue 9 "held": user info on an allowed page, and Windows handlers that ran code (CVE-2022-30190).
    ['https://user:pw@auth.example.com/kratos/self-service/recovery', /user name or password/],
    ['https://user@auth.example.com/kratos/self-service/recovery', /user name or password/],
    ['https://:pw@www.ory.sh/docs', /user name or password/],
    ['https://www.ory.sh@evil.example/docs', /user name or password/],
    ['ms-msdt:/id PCWDiagnostic /skip force', /ms-msdt:/],
    ['search-ms:query=x&crumb=location:\\\\attacker\\share', /search-ms:/],
    ['file://attacker/share/x.exe', /file:/],
    // The configured endpoint does not open its whole host: only Kratos's own pages under it.
    ['https://auth.example.com/', /auth\.example\.com\/ are not opened/],
    ['https://auth.example.com/ui/recovery?flow=1', /not opened/],
    ['https://auth.example.com/kratos/admin/identities', /not opened/],
    ['https://auth.example.com/self-service/login', /not opened/], // outside the endpoint's path
    ['https://auth.example.com/kratos/self-service/../admin/identities', /admin\/identities are not opened/],
    ['not a url', /not a valid link/],
  ])('refuses %s', (url, reason) => {
    const decision = decideExternalLink(url, kratos);
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) expect(decision.reason).toMatch(reason);
  });

  it('without a configured endpoint only documentation is allowed', () => {
    expect(decideExternalLink('https://auth.example.com/', undefined)).toMatchObject({ allowed: false });
    expect(decideExternalLink('https://www.ory.sh/docs', undefined)).toMatchObject({ allowed: true });
  });
});

describe('decideExternalLink with an endpoint a compromised page configured', () => {
  it('refuses an arbitrary https URL and a loopback admin URL on the configured host', () => {
    expect(decideExternalLink('https://attacker.example/x', 'https://attacker.example')).toMatchObject({
      allowed: false,
    });
    expect(
      decideExternalLink('http://127.0.0.1:4434/admin/identities', 'http://127.0.0.1:4434'),
    ).toMatchObject({ allowed: false });
  });
});

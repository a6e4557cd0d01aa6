import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  findDeepLinkArgument,
  parseDeepLink,
  protocolClientArguments,
  readPasskeyAnswer,
} from '../../../main/policy/deep-link';

const b64 = (text: string) => Buffer.from(text).toString('base64url');

describe('parseDeepLink (which kratos-desktop: links the app acts on)', () => {
  it.each(['kratos-desktop://open', 'kratos-desktop://open/', 'KRATOS-DESKTOP://open'])(
    'accepts %s as "bring the window to the front"',
    (link) => {
      expect(parseDeepLink(link)).toEqual({ accepted: true, action: 'open' });
    },
  );

  it.each([
    ['https://evil.example/open', 'not a kratos-desktop: link'],
    ['file:///etc/passwd', 'not a kratos-desktop: link'],
    ['kratos-desktopx://open', 'not a kratos-desktop: link'],
    ['not a url', 'not a URL'],
    ['', 'not a URL'],
    ['kratos-desktop://open?session_token=ory_st_secret', 'the link carries parameters'],
    ['kratos-desktop://open#code=123456', 'the link carries parameters'],
    ['kratos-desktop://user:pw@open', 'the link carries user info'],
    ['kratos-desktop://flow/login', 'unknown action'], // not supported yet: see main/policy/deep-link.ts
    ['kratos-desktop://open/login', 'unknown action'],
    ['kratos-desktop://open:8080', 'unknown action'],
    ['kratos-desktop:open', 'unknown action'],
    ['kratos-desktop:///open', 'unknown action'],
    ['kratos-desktop://OPEN', 'unknown action'],
    ['kratos-desktop://open%2f', 'unknown action'],
    ['kratos-desktop://constructor', 'unknown action'],
    ['kratos-desktop://__proto__', 'unknown action'],
    [`kratos-desktop://open/${'a'.repeat(2048)}`, 'the link is too long'],
  ])('refuses %s: %s', (link, reason) => {
    expect(parseDeepLink(link)).toEqual({ accepted: false, reason });
  });

  describe('the social sign-in callback, in the three shapes Kratos v1.3.1 sends the browser back with', () => {
    const code = 'aYT9CgbGYqEgeBKvOpv1r0AmG30ItIfPYaZHUqp5asSl21z6Upg3WCxpK5ZVud7K';
    const flowId = 'ef8b7d2b-669e-4711-b11d-5b2e90a17e3f';
    /** The sign-in's value in `return_to`, which Kratos carries into every shape (issue 21). */
    const s = 'Zt3mVb0qQ4cX9_rN-2kLpW8yHs6JdA1e';

    it.each([
      [`kratos-desktop://auth/callback?s=${s}&code=${code}`, { kind: 'code', returnToCode: code, nonce: s }],
      [`kratos-desktop://auth/callback?s=${s}`, { kind: 'failed', nonce: s }],
      [
        `kratos-desktop://auth/callback?s=${s}&flow=${flowId}&no_org_ui=true`,
        { kind: 'link-account', flowId, nonce: s },
      ],
      [`kratos-desktop://auth/callback?s=${s}&flow=${flowId}`, { kind: 'link-account', flowId, nonce: s }],
    ])('accepts %s', (link, callback) => {
      expect(parseDeepLink(link)).toEqual({ accepted: true, action: 'auth-callback', callback });
    });

    it.each([
      [
        `kratos-desktop://auth/callback?s=${s}&code=${code}&session_token=ory_st_x`,
        'the callback carries other parameters',
      ],
      [
        `kratos-desktop://auth/callback?s=${s}&code=${code}&code=${code}`,
        'the callback carries other parameters',
      ],
      [
        `kratos-desktop://auth/callback?s=${s}&code=${code}&flow=${flowId}`,
        'the callback carries other parameters',
      ],
      [
        `kratos-desktop://auth/callback?s=${s}&flow=${flowId}&no_org_ui=false`,
        'the callback carries other parameters',
      ],
      [`kratos-desktop://auth/callback?s=${s}&code=short`, 'the callback code is malformed'],
      [
        `kratos-desktop://auth/callback?s=${s}&code=a%2Fb%3Fc%26d0123456789`,
        'the callback code is malformed',
      ],
      [`kratos-desktop://auth/callback?s=${s}&code=${code}%0Aset-endpoint`, 'the callback code is malformed'],
      [`kratos-desktop://auth/callback?s=${s}&code=../../${code}`, 'the callback code is malformed'],
      [`kratos-desktop://auth/callback?s=${s}&flow=../../admin`, 'the callback flow id is malformed'],
      [`kratos-desktop://auth/callback?s=${s}&code=${code}#x`, 'the link carries parameters'],
      [`kratos-desktop://auth/callback/?code=${code}`, 'unknown action'],
      [`kratos-desktop://auth/callback/x?code=${code}`, 'unknown action'],
      [`kratos-desktop://auth/settings?code=${code}`, 'unknown action'],
      [`kratos-desktop://evil@auth/callback?s=${s}&code=${code}`, 'the link carries user info'],
      // Issue 21: every flow's return_to carries the sign-in's value; a link without it is nobody's.
      [`kratos-desktop://auth/callback?code=${code}`, 'the callback lacks the sign-in value'],
      ['kratos-desktop://auth/callback', 'the callback lacks the sign-in value'],
      [
        `kratos-desktop://auth/callback?flow=${flowId}&no_org_ui=true`,
        'the callback lacks the sign-in value',
      ],
      [`kratos-desktop://auth/callback?s=${s}&s=${s}&code=${code}`, 'the callback lacks the sign-in value'],
      [`kratos-desktop://auth/callback?s=short&code=${code}`, 'the callback sign-in value is malformed'],
      [`kratos-desktop://auth/callback?s=${s}%0A&code=${code}`, 'the callback sign-in value is malformed'],
    ])('refuses the callback %s: %s', (link, reason) => {
      expect(parseDeepLink(link)).toEqual({ accepted: false, reason });
    });
  });

  describe("the passkey page's answer (kratos-desktop://auth/passkey)", () => {
    const challenge = 'Y2hhbGxlbmdl';
    const b64 = (text: string) => Buffer.from(text).toString('base64url');
    const credential = b64(
      JSON.stringify({
        id: 'cred',
        rawId: 'cred',
        type: 'public-key',
        response: { clientDataJSON: b64(JSON.stringify({ type: 'webauthn.get', challenge })) },
      }),
    );
    const answer = `kratos-desktop://auth/passkey?challenge=${challenge}&credential=${credential}`;

    it('accepts a credential for its challenge, and the page’s error', () => {
      expect(parseDeepLink(answer)).toMatchObject({
        accepted: true,
        callback: { kind: 'passkey', answer: { kind: 'credential', challenge } },
      });
      expect(parseDeepLink(`kratos-desktop://auth/passkey?challenge=${challenge}&error=cancelled`)).toEqual({
        accepted: true,
        action: 'auth-callback',
        callback: { kind: 'passkey', answer: { kind: 'error', challenge, error: 'cancelled' } },
      });
    });

    it.each([
      [`${answer}&session_token=ory_st_x`, 'the passkey answer carries other parameters'],
      [`${answer}&error=cancelled`, 'the passkey answer carries other parameters'],
      [
        `kratos-desktop://auth/passkey?credential=${credential}`,
        'the passkey answer carries other parameters',
      ],
      [
        `kratos-desktop://auth/passkey?challenge=b3RoZXI&credential=${credential}`,
        'the passkey answer is unusable (the credential is for another challenge)',
      ],
      [`${answer}#x`, 'the link carries parameters'],
      [`${answer}&pad=${'a'.repeat(32 * 1024)}`, 'the link is too long'],
    ])('refuses a passkey answer %s: %s', (link, reason) => {
      expect(parseDeepLink(link)).toEqual({ accepted: false, reason });
    });
  });

  it('never quotes the link in its reason (a link may carry a secret)', () => {
    const decision = parseDeepLink('kratos-desktop://evil-ory_st_abc?token=ory_st_abc');
    expect(decision.accepted).toBe(false);
    expect(JSON.stringify(decision)).not.toContain('ory_st_abc');
  });
});

describe('findDeepLinkArgument (Windows/Linux: the link arrives on the command line)', () => {
  it('finds the link among Chromium switches, whatever its case', () => {
    expect(
      findDeepLinkArgument(['/opt/kratos-desktop', '--allow-file-access', 'Kratos-Desktop://open']),
    ).toBe('Kratos-Desktop://open');
  });

  it('finds nothing in a plain start', () => {
    expect(findDeepLinkArgument(['/opt/kratos-desktop', '--no-sandbox', 'https://evil.example'])).toBe(
      undefined,
    );
  });
});

describe('protocolClientArguments (app.setAsDefaultProtocolClient)', () => {
  it('registers the packaged app itself', () => {
    expect(
      protocolClientArguments({ defaultApp: false, execPath: '/opt/kratos-desktop', appPath: undefined }),
    ).toEqual(['kratos-desktop']);
  });

  it('registers the Electron binary with the app path in a development run', () => {
    expect(
      protocolClientArguments({
        defaultApp: true,
        execPath: '/repo/node_modules/electron/dist/electron',
        appPath: '/repo',
      }),
    ).toEqual(['kratos-desktop', '/repo/node_modules/electron/dist/electron', ['/repo']]);
  });

  it('registers nothing in a development run without an app path', () => {
    expect(
      protocolClientArguments({ defaultApp: true, execPath: '/usr/bin/electron', appPath: undefined }),
    ).toBe(undefined);
  });
});

describe('parseDeepLink (properties)', () => {
  const code = fc.stringMatching(/^[A-Za-z0-9_-]{16,512}$/);
  const S = 'Zt3mVb0qQ4cX9_rN-2kLpW8yHs6JdA1e';
  const flowId = fc.uuid().chain((id) => fc.constantFrom(id, id.toUpperCase()));
  /** The links the app acts on, each with the decision it must give. */
  const accepted = fc.oneof(
    fc
      .constantFrom('kratos-desktop://open', 'kratos-desktop://open/', 'Kratos-Desktop://open')
      .map((link) => ({
        link,
        decision: { accepted: true, action: 'open' },
      })),
    fc.constant({
      link: `kratos-desktop://auth/callback?s=${S}`,
      decision: { accepted: true, action: 'auth-callback', callback: { kind: 'failed', nonce: S } },
    }),
    code.map((value) => ({
      link: `kratos-desktop://auth/callback?s=${S}&code=${value}`,
      decision: {
        accepted: true,
        action: 'auth-callback',
        callback: { kind: 'code', returnToCode: value, nonce: S },
      },
    })),
    fc.tuple(flowId, fc.constantFrom([], ['no_org_ui=true']), fc.boolean()).map(([id, extra, reversed]) => {
      const query = [`s=${S}`, `flow=${id}`, ...extra];
      return {
        link: `kratos-desktop://auth/callback?${(reversed ? query.reverse() : query).join('&')}`,
        decision: {
          accepted: true,
          action: 'auth-callback',
          callback: { kind: 'link-account', flowId: id, nonce: S },
        },
      };
    }),
  );
  const secret = fc.stringMatching(/^[A-Za-z0-9]{12}$/).map((value) => `ory_st_${value}`);

  it('accepts every well-formed link with exactly the code or flow id it carries', () => {
    fc.assert(
      fc.property(accepted, ({ link, decision }) => {
        expect(parseDeepLink(link)).toEqual(decision);
      }),
    );
  });

  it('refuses a well-formed link with anything more: a parameter, a fragment, user info', () => {
    const more = fc.oneof(
      fc.tuple(fc.string({ minLength: 1 }), fc.string()).map(
        ([name, value]) =>
          (link: string) =>
            `${link}${link.includes('?') ? '&' : '?'}${new URLSearchParams([[name, value]])}`,
      ),
      // An empty `#` carries nothing and is not refused; a fragment with anything in it is.
      fc.string({ minLength: 1 }).map((fragment) => (link: string) => `${link}#${fragment}`),
      fc
        .stringMatching(/^[a-z]{1,8}(:[a-z0-9]{1,8})?$/)
        .map((info) => (link: string) => link.replace('://', `://${info}@`)),
    );
    fc.assert(
      fc.property(accepted, more, ({ link }, add) => {
        expect(parseDeepLink(add(link))).toMatchObject({ accepted: false });
      }),
    );
  });

  it('never throws, accepts nothing malformed, and never quotes a secret in a refusal', () => {
    // A well-formed link with a secret put in, and one character inserted, replaced or removed.
    const mutated = fc
      .record({
        base: accepted.map(({ link }) => link),
        secret,
        at: fc.nat(),
        cut: fc.nat({ max: 1 }),
        char: fc.string({ unit: 'binary', minLength: 0, maxLength: 1 }),
        secretAt: fc.nat(),
      })
      .map(({ base, secret: token, at, cut, char, secretAt }) => {
        const i = at % (base.length + 1);
        const mutatedLink = `${base.slice(0, i)}${char}${base.slice(i + cut)}`;
        const j = secretAt % (mutatedLink.length + 1);
        return { link: `${mutatedLink.slice(0, j)}${token}${mutatedLink.slice(j)}`, token };
      });
    // Callbacks whose code or flow id is almost right: too short or long, a character outside the alphabet.
    const nearly = fc
      .record({
        name: fc.constantFrom('code', 'flow'),
        value: fc.string({ unit: fc.constantFrom(...'aZ09-_/.%&=#:'), maxLength: 40 }),
        token: secret,
      })
      .map(({ name, value, token }) => ({
        link: `kratos-desktop://auth/callback?s=${S}&${name}=${value}`,
        token,
      }));
    fc.assert(
      fc.property(
        fc.oneof(mutated, nearly, fc.record({ link: fc.string({ unit: 'binary' }), token: secret })),
        ({ link, token }) => {
          const decision = parseDeepLink(link);
          if (!decision.accepted) {
            expect(decision.reason).not.toContain(token);
            return;
          }
          if (decision.action !== 'auth-callback') return;
          const { callback } = decision;
          if (callback.kind === 'code') expect(callback.returnToCode).toMatch(/^[A-Za-z0-9_-]{16,512}$/);
          if (callback.kind === 'link-account')
            expect(callback.flowId).toMatch(/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('readPasskeyAnswer', () => {
  const credential = (challenge: string) =>
    JSON.stringify({
      id: 'cred',
      rawId: 'cred',
      type: 'public-key',
      response: {
        clientDataJSON: b64(JSON.stringify({ type: 'webauthn.get', challenge })),
        signature: 'sig',
      },
    });
  const query = (params: Record<string, string>) => new URLSearchParams(params);

  it('accepts a credential whose client data names the challenge of the link', () => {
    const json = credential('abc');
    expect(readPasskeyAnswer(query({ challenge: 'abc', credential: b64(json) }))).toEqual({
      kind: 'credential',
      challenge: 'abc',
      credential: json,
    });
  });

  it("refuses a credential made for another challenge than the link's", () => {
    expect(
      readPasskeyAnswer(query({ challenge: 'abc', credential: b64(credential('other')) })),
    ).toMatchObject({
      kind: 'invalid',
    });
  });

  it.each([
    [{}],
    [{ challenge: 'abc' }],
    [{ challenge: 'a b', error: 'cancelled' }],
    [{ challenge: 'abc', error: 'gone-phishing' }],
    [{ challenge: 'abc', credential: b64('{"id":"x"}') }],
    [{ challenge: 'abc', credential: b64('not json') }],
    [{ challenge: 'abc', credential: '!!!' }],
  ])('ignores a malformed answer %j', (params) => {
    expect(readPasskeyAnswer(query(params)).kind).toBe('invalid');
  });

  it("reads the page's error with its challenge", () => {
    expect(readPasskeyAnswer(query({ challenge: 'abc', error: 'cancelled' }))).toEqual({
      kind: 'error',
      challenge: 'abc',
      error: 'cancelled',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { chooseEndpoint } from '../../../main/app/endpoint-choice';

describe('chooseEndpoint', () => {
  it('names no server when nothing is configured (the window asks for one)', () => {
    expect(chooseEndpoint({ settingsUrl: undefined, environmentUrl: undefined })).toEqual({
      kind: 'none',
    });
    expect(chooseEndpoint({ settingsUrl: '', environmentUrl: '  ' })).toEqual({ kind: 'none' });
  });

  it('uses KRATOS_PUBLIC_URL, normalized', () => {
    expect(chooseEndpoint({ settingsUrl: undefined, environmentUrl: 'HTTPS://Auth.Example.com/' })).toEqual({
      kind: 'configured',
      url: 'https://auth.example.com',
      source: 'environment',
    });
  });

  it('prefers the endpoint saved in the window over the environment', () => {
    expect(
      chooseEndpoint({ settingsUrl: 'http://127.0.0.1:4433', environmentUrl: 'https://auth.example.com' }),
    ).toEqual({ kind: 'configured', url: 'http://127.0.0.1:4433', source: 'settings' });
  });

  it('skips an invalid candidate with a warning that says why', () => {
    const choice = chooseEndpoint({
      settingsUrl: 'http://auth.example.com',
      environmentUrl: 'https://ok.example.com',
    });
    expect(choice).toMatchObject({
      kind: 'configured',
      url: 'https://ok.example.com',
      source: 'environment',
    });
    expect(choice.warning?.text).toMatch(/saved endpoint was ignored: Use https:\/\//);

    const fallback = chooseEndpoint({ settingsUrl: undefined, environmentUrl: 'ftp://x' });
    expect(fallback).toMatchObject({ kind: 'none', warning: { level: 'warning' } });
    expect(fallback.warning?.text).toMatch(/KRATOS_PUBLIC_URL was ignored/);
  });
});

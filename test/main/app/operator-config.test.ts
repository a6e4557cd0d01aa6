/**
 * The operator's configuration as the installed app reads it and `npm run dist` writes it: the window's
 * server rules for every URL, a strict bounded shape, the app's endpoint choice on it, and the dist step.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseEndpoint } from '../../../main/app/endpoint-choice';
import {
  kratosDurationMs,
  readOperatorConfig,
  validateOperatorConfig,
} from '../../../main/app/operator-config';
import { operatorConfigFrom, writeOperatorConfig } from '../../../scripts/operator-config';

const oryNetwork = 'https://my-project.projects.oryapis.com';

describe('validateOperatorConfig', () => {
  it('normalizes the server and the feed with the window’s rules', () => {
    expect(
      validateOperatorConfig({
        kratosPublicUrl: 'HTTPS://My-Project.projects.oryapis.com/',
        allowServerChange: false,
        updateFeedUrl: 'https://updates.example.com/kratos-desktop/',
      }),
    ).toEqual({
      ok: true,
      config: {
        kratosPublicUrl: oryNetwork,
        allowServerChange: false,
        updateFeedUrl: 'https://updates.example.com/kratos-desktop',
      },
    });
  });

  it('refuses what the window would refuse, naming every problem', () => {
    const refused = validateOperatorConfig({
      kratosPublicUrl: 'http://auth.example.com',
      allowServerChange: true,
      updateFeedUrl: 'https://user:pw@updates.example.com',
    });
    expect(refused).toMatchObject({ ok: false });
    expect(refused.ok ? [] : refused.problems).toEqual([
      expect.stringMatching(/^kratosPublicUrl: Use https:\/\/ for auth\.example\.com/),
      expect.stringMatching(/^updateFeedUrl: Remove the user name and password/),
    ]);
  });

  it('takes the server’s passkey page on the ceremony’s own rules: https, or http on this computer for a local server', () => {
    expect(
      validateOperatorConfig({
        kratosPublicUrl: oryNetwork,
        allowServerChange: true,
        passkeyPageUrl: 'HTTPS://Login.Example.com/passkey',
      }),
    ).toEqual({
      ok: true,
      config: {
        kratosPublicUrl: oryNetwork,
        allowServerChange: true,
        updateFeedUrl: undefined,
        passkeyPageUrl: 'https://login.example.com/passkey',
      },
    });
    expect(
      validateOperatorConfig({
        kratosPublicUrl: 'http://127.0.0.1:4433',
        allowServerChange: true,
        passkeyPageUrl: 'http://localhost:4433/passkey',
      }),
    ).toMatchObject({ ok: true, config: { passkeyPageUrl: 'http://localhost:4433/passkey' } });
  });

  it('refuses a passkey page the app would not open, saying why', () => {
    const problems = (passkeyPageUrl: string) => {
      const result = validateOperatorConfig({
        kratosPublicUrl: oryNetwork,
        allowServerChange: true,
        passkeyPageUrl,
      });
      return result.ok ? [] : result.problems;
    };
    expect(problems('http://login.example.com/passkey')).toEqual([
      'passkeyPageUrl: "http://login.example.com/passkey" must be an https URL without credentials (plain http only on this computer: localhost, 127.0.0.1, [::1])',
    ]);
    expect(problems('https://user:pw@login.example.com/passkey')).toHaveLength(1);
    expect(problems('javascript:alert(1)')).toHaveLength(1);
    expect(problems('not a url')).toHaveLength(1);
    expect(problems('http://localhost:4433/passkey')).toEqual([
      `passkeyPageUrl: "http://localhost:4433/passkey" is on this computer, but the server (${oryNetwork}) is not: the app opens a local page only for a local server`,
    ]);
    expect(problems('https://login.example.com/passkey#x')).toEqual([
      `passkeyPageUrl: "https://login.example.com/passkey#x" must not have a fragment: the app puts the ceremony's options there`,
    ]);
  });

  it('takes the server’s privileged session age as Kratos writes it, and none when absent', () => {
    const withAge = (privilegedSessionMaxAge: string) =>
      validateOperatorConfig({
        kratosPublicUrl: oryNetwork,
        allowServerChange: true,
        privilegedSessionMaxAge,
      });
    expect(withAge('15m')).toEqual({
      ok: true,
      config: {
        kratosPublicUrl: oryNetwork,
        allowServerChange: true,
        updateFeedUrl: undefined,
        privilegedSessionMaxAge: '15m',
      },
    });
    expect(withAge('1h30m')).toMatchObject({ ok: true, config: { privilegedSessionMaxAge: '1h30m' } });
    const absent = validateOperatorConfig({ kratosPublicUrl: oryNetwork, allowServerChange: true });
    expect(absent.ok && 'privilegedSessionMaxAge' in absent.config).toBe(false);
  });

  it('reads a Kratos duration in milliseconds: every unit, summed', () => {
    expect(kratosDurationMs('1h')).toBe(3_600_000);
    expect(kratosDurationMs('15m')).toBe(900_000);
    expect(kratosDurationMs('90s')).toBe(90_000);
    expect(kratosDurationMs('1h30m5s250ms')).toBe(5_405_250);
    expect(kratosDurationMs('0s')).toBe(0);
    expect(kratosDurationMs('1500us')).toBe(1.5);
    expect(kratosDurationMs('2000000ns')).toBe(2);
  });

  it('refuses a privileged age that is not a Kratos duration, saying how to write one', () => {
    for (const bad of ['', '15', '1 h', '-5m', '1.5h', '1d', 'PT15M', '15M', `${'9'.repeat(20)}h`]) {
      const result = validateOperatorConfig({
        kratosPublicUrl: oryNetwork,
        allowServerChange: true,
        privilegedSessionMaxAge: bad,
      });
      expect(result.ok ? [] : result.problems, bad).toEqual([
        `privilegedSessionMaxAge: "${bad}" is not a Kratos duration: write it as in Kratos's privileged_session_max_age, for example 15m, 1h or 1h30m (units h, m, s, ms, us, ns)`,
      ]);
    }
    expect(
      validateOperatorConfig({
        kratosPublicUrl: oryNetwork,
        allowServerChange: true,
        privilegedSessionMaxAge: 15,
      }),
    ).toMatchObject({ ok: false });
  });

  it('refuses unknown keys, wrong types and overlong values', () => {
    for (const input of [
      { kratosPublicUrl: oryNetwork, allowServerChange: true, extra: 1 },
      { kratosPublicUrl: oryNetwork, allowServerChange: 'yes' },
      { kratosPublicUrl: `https://a.example.com/${'x'.repeat(3000)}`, allowServerChange: true },
      JSON.parse('{"__proto__": {"allowServerChange": true}, "kratosPublicUrl": "https://a.example.com"}'),
      null,
    ]) {
      expect(validateOperatorConfig(input), JSON.stringify(input)).toMatchObject({ ok: false });
    }
  });
});

describe('the packaged file and the endpoint choice', () => {
  it('no file: no server, the window asks; a broken file is reported and ignored', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kd-operator-'));
    expect(await readOperatorConfig(path.join(dir, 'operator.json'))).toEqual({ kind: 'none' });
    await writeFile(path.join(dir, 'operator.json'), '{ not json');
    expect(await readOperatorConfig(path.join(dir, 'operator.json'))).toMatchObject({ kind: 'invalid' });
    expect(chooseEndpoint({ settingsUrl: undefined, environmentUrl: undefined })).toEqual({ kind: 'none' });
  });

  it('the operator’s server comes after the saved one and the environment, unless switching is not allowed', () => {
    const open = { url: oryNetwork, allowServerChange: true };
    expect(chooseEndpoint({ settingsUrl: undefined, environmentUrl: undefined, operator: open })).toEqual({
      kind: 'configured',
      url: oryNetwork,
      source: 'operator',
    });
    expect(
      chooseEndpoint({ settingsUrl: 'https://mine.example.com', environmentUrl: undefined, operator: open }),
    ).toMatchObject({ url: 'https://mine.example.com', source: 'settings' });
    const locked = { url: oryNetwork, allowServerChange: false };
    expect(
      chooseEndpoint({
        settingsUrl: 'https://mine.example.com',
        environmentUrl: 'https://env.example.com',
        operator: locked,
      }),
    ).toEqual({ kind: 'configured', url: oryNetwork, source: 'operator' });
  });
});

describe('npm run dist’s operator step (scripts/operator-config.ts)', () => {
  it('nothing given: no file (one left by an earlier build is removed)', async () => {
    const dist = await mkdtemp(path.join(tmpdir(), 'kd-dist-'));
    await writeFile(path.join(dist, 'operator.json'), '{}');
    const written = writeOperatorConfig(dist, operatorConfigFrom({}));
    expect(written.ok).toBe(true);
    await expect(readFile(path.join(dist, 'operator.json'))).rejects.toThrow(/ENOENT/);
  });

  it('writes what the variables (over the file) say, and the app reads it back as written', async () => {
    const dist = await mkdtemp(path.join(tmpdir(), 'kd-dist-'));
    const file = path.join(dist, 'given.json');
    await writeFile(
      file,
      JSON.stringify({ kratosPublicUrl: 'https://old.example.com', allowServerChange: true }),
    );
    const inputs = operatorConfigFrom({
      KRATOS_DESKTOP_OPERATOR_CONFIG: file,
      KRATOS_DESKTOP_PUBLIC_URL: `${oryNetwork}/`,
      KRATOS_DESKTOP_ALLOW_SERVER_CHANGE: 'false',
      KRATOS_DESKTOP_UPDATE_FEED: 'https://updates.example.com/kd',
      KRATOS_DESKTOP_PASSKEY_PAGE_URL: 'https://login.example.com/passkey',
      KRATOS_DESKTOP_PRIVILEGED_SESSION_MAX_AGE: '15m',
    });
    const written = writeOperatorConfig(dist, inputs);
    expect(written).toEqual({
      ok: true,
      message: `the installed app will start on ${oryNetwork} (people cannot switch servers), updates from https://updates.example.com/kd, passkey page https://login.example.com/passkey, privileged session age 15m.`,
    });
    expect(await readOperatorConfig(path.join(dist, 'operator.json'))).toEqual({
      kind: 'ok',
      config: {
        kratosPublicUrl: oryNetwork,
        allowServerChange: false,
        updateFeedUrl: 'https://updates.example.com/kd',
        passkeyPageUrl: 'https://login.example.com/passkey',
        privilegedSessionMaxAge: '15m',
      },
    });
  });

  it('refuses a configuration the app would refuse, and writes nothing', async () => {
    const dist = await mkdtemp(path.join(tmpdir(), 'kd-dist-'));
    for (const env of [
      { KRATOS_DESKTOP_PUBLIC_URL: 'http://auth.example.com' },
      { KRATOS_DESKTOP_PUBLIC_URL: oryNetwork, KRATOS_DESKTOP_ALLOW_SERVER_CHANGE: 'maybe' },
      { KRATOS_DESKTOP_ALLOW_SERVER_CHANGE: 'true' },
      {
        KRATOS_DESKTOP_PUBLIC_URL: oryNetwork,
        KRATOS_DESKTOP_PASSKEY_PAGE_URL: 'http://localhost:4433/passkey',
      },
      { KRATOS_DESKTOP_PUBLIC_URL: oryNetwork, KRATOS_DESKTOP_PRIVILEGED_SESSION_MAX_AGE: '15 minutes' },
    ]) {
      const written = writeOperatorConfig(dist, operatorConfigFrom(env));
      expect(written.ok, JSON.stringify(env)).toBe(false);
      expect(written.message).toMatch(/^the operator configuration was refused:/);
    }
    await expect(readFile(path.join(dist, 'operator.json'))).rejects.toThrow(/ENOENT/);
  });
});

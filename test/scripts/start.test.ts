// scripts/start.mjs (`npm start`) is plain JavaScript, run before any dependency is installed; its decisions
// are checked here, the whole run from a fresh clone in test/packaging/fresh-clone.test.ts.
import { describe, expect, it } from 'vitest';

type NodeTooOld = (range: string, running: string) => string | undefined;
type AppEnvironment = (
  environment: Record<string, string | undefined>,
  server: { url: string; passkeyPageUrl?: string },
) => Record<string, string | undefined>;
const { nodeTooOld, appEnvironment } = (await import(
  new URL('../../scripts/start.mjs', import.meta.url).href
)) as { nodeTooOld: NodeTooOld; appEnvironment: AppEnvironment };

describe("npm start's Node version check", () => {
  it.each([
    ['20.20.2', true],
    ['22.11.0', true],
    ['22.12.0', false],
    ['22.20.1', false],
    ['24.1.0', false],
  ])('Node %s against ">=22.12": too old is %s', (running, tooOld) => {
    expect(nodeTooOld('>=22.12', running) !== undefined).toBe(tooOld);
  });

  it('names the running Node, the requirement and the current LTS in one sentence', () => {
    const sentence = nodeTooOld('>=22.12', '20.20.2') ?? '';
    expect(sentence).toContain('Node 20.20.2');
    expect(sentence).toContain('22.12 or newer');
    expect(sentence).toContain('current LTS');
    expect(sentence.match(/[.!?](\s|$)/g)).toHaveLength(1);
  });

  it("reads the requirement from package.json's engines, which asks for what Electron's download needs", async () => {
    const { readFile } = await import('node:fs/promises');
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      engines: { node: string };
    };
    const electron = JSON.parse(
      await readFile(new URL('../../node_modules/electron/package.json', import.meta.url), 'utf8'),
    ) as { engines: { node: string } };
    expect(pkg.engines.node).toBe('>=22.12');
    expect(electron.engines.node.replace(/\s/g, '')).toBe('>=22.12.0');
  });
});

describe("npm start's environment for the app", () => {
  const emulator = { url: 'http://127.0.0.1:4433', passkeyPageUrl: 'http://localhost:4433/passkey' };

  it("hands the app the emulator's URL and its passkey page, as an operator's server names its own", () => {
    const env = appEnvironment({ PATH: '/bin' }, emulator);
    expect(env).toEqual({
      PATH: '/bin',
      KRATOS_PUBLIC_URL: 'http://127.0.0.1:4433',
      KRATOS_PASSKEY_PAGE_URL: 'http://localhost:4433/passkey',
    });
  });

  it('names no passkey page when the emulator serves none (passkeys off)', () => {
    expect(appEnvironment({}, { url: emulator.url })).not.toHaveProperty('KRATOS_PASSKEY_PAGE_URL');
  });

  it('keeps a passkey page the person named (and their server with it)', () => {
    const env = appEnvironment(
      { KRATOS_PASSKEY_PAGE_URL: 'https://id.example.com/passkey' },
      { url: 'https://id.example.com' },
    );
    expect(env['KRATOS_PASSKEY_PAGE_URL']).toBe('https://id.example.com/passkey');
    expect(appEnvironment({ KRATOS_PASSKEY_PAGE_URL: 'https://p.example/' }, emulator)).toMatchObject({
      KRATOS_PASSKEY_PAGE_URL: 'https://p.example/',
    });
  });
});

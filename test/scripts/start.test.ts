// scripts/start.mjs (`npm start`) is plain JavaScript, run before any dependency is installed; its decisions
// are checked here, the whole run from a fresh clone in test/packaging/fresh-clone.test.ts.
import { describe, expect, it } from 'vitest';

type NodeTooOld = (range: string, running: string) => string | undefined;
const { nodeTooOld } = (await import(new URL('../../scripts/start.mjs', import.meta.url).href)) as {
  nodeTooOld: NodeTooOld;
};

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

// Electron security checklist item 16, "use a current version of Electron": the project depends on a supported
// major (45, the newest when this was written), the installed Electron is that major, and Dependabot proposes
// every newer release. Whether 45 is still the newest cannot be checked offline (Electronegativity's check for
// that downloads Electron's release list; see electronegativity-accepted.json), so this is a floor, raised by
// hand when a major goes out of support; Dependabot's pull requests keep passing it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from './project';

const oldestAcceptedElectronMajor = 45;

const packageJson = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
  devDependencies?: Record<string, string>;
  dependencies?: Record<string, string>;
};
const electronRange = packageJson.devDependencies?.['electron'] ?? packageJson.dependencies?.['electron'];

describe('a current Electron (checklist item 16)', () => {
  it(`depends on Electron ${oldestAcceptedElectronMajor} or newer, with a caret range (patch and minor updates)`, () => {
    const match = /^\^(\d+)\.\d+\.\d+$/.exec(electronRange ?? '');
    expect(match, `electron range: ${electronRange}`).not.toBeNull();
    expect(Number(match?.[1])).toBeGreaterThanOrEqual(oldestAcceptedElectronMajor);
  });

  it('has that major installed (the lockfile agrees with package.json)', () => {
    const require = createRequire(path.join(projectRoot, 'package.json'));
    const installed = (require('electron/package.json') as { version: string }).version;
    expect(installed.split('.')[0]).toBe(/^\^(\d+)/.exec(electronRange ?? '')?.[1]);
  });

  it('lets Dependabot propose Electron updates every week', () => {
    const config = parse(readFileSync(path.join(projectRoot, '.github', 'dependabot.yml'), 'utf8')) as {
      updates: { 'package-ecosystem': string; directory: string; schedule: { interval: string } }[];
    };
    const npm = config.updates.find((update) => update['package-ecosystem'] === 'npm');
    expect(npm).toMatchObject({ directory: '/', schedule: { interval: 'weekly' } });
    // Electron is not ignored.
    expect(JSON.stringify(npm)).not.toMatch(/"ignore"/);
  });
});

// .github/workflows/*.yml: valid GitHub Actions workflows (SchemaStore's workflow schema, bundled in
// @action-validator/core, so no network is needed), and the release workflow runs the tests, builds the installers
// on three systems, reads their fuses back, smoke-tests them and uploads them.
import { validateWorkflow } from '@action-validator/core';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from './project';

const workflowsDir = path.join(projectRoot, '.github', 'workflows');
const workflowFiles = readdirSync(workflowsDir).filter((name) => /\.ya?ml$/.test(name));

type Step = { name?: string; run?: string; uses?: string; if?: string; with?: Record<string, unknown> };
type Job = { 'runs-on': string; needs?: string; strategy?: { matrix: { os: string[] } }; steps: Step[] };
const release = parse(readFileSync(path.join(workflowsDir, 'release.yml'), 'utf8')) as {
  jobs: Record<string, Job>;
};

describe('GitHub workflows', () => {
  it.each(workflowFiles)('%s is valid against the GitHub workflow schema', (file) => {
    expect(validateWorkflow(readFileSync(path.join(workflowsDir, file), 'utf8')).errors).toEqual([]);
  });

  it('the validator rejects a workflow with a misspelled key', () => {
    // Guards the check above: a job with `runz-on` instead of `runs-on` must not pass.
    const broken = 'on: push\njobs:\n  build:\n    runz-on: ubuntu-latest\n    steps:\n      - run: echo\n';
    expect(validateWorkflow(broken).errors).not.toEqual([]);
  });
});

describe('the release workflow', () => {
  const { test, package: packaging } = release.jobs;
  const runs = (job: Job | undefined) => (job?.steps ?? []).map((step) => step.run ?? '').join('\n');

  it("runs the README's test command before packaging anything", () => {
    expect(runs(test)).toMatch(/^npm test$/m);
    expect(packaging?.needs).toBe('test');
  });

  it('builds the installers on Linux, macOS and Windows', () => {
    const systems = packaging?.strategy?.matrix.os ?? [];
    expect(systems.map((os) => os.replace(/-.*/, '')).sort()).toEqual(['macos', 'ubuntu', 'windows']);
    expect(runs(packaging)).toContain('npm run dist');
  });

  it('reads the fuses back from every packaged binary', () => {
    expect(runs(packaging)).toContain('scripts/package-fuses.ts');
  });

  it('smoke-tests the packaged app through KRATOS_DESKTOP_EXECUTABLE, on Linux with a Secret Service', () => {
    const script = runs(packaging);
    expect(script).toContain('KRATOS_DESKTOP_EXECUTABLE=');
    expect(script).toContain('npm run test:electron');
    expect(script).toMatch(
      /dbus-run-session[\s\S]*gnome-keyring-daemon --unlock[\s\S]*npm run test:electron/,
    );
  });

  it('uploads the installers as artifacts', () => {
    const upload = packaging?.steps.find(
      (step) => step.uses?.startsWith('actions/upload-artifact') && !step.if,
    );
    expect(String(upload?.with?.path)).toMatch(/AppImage[\s\S]*deb[\s\S]*dmg[\s\S]*exe/);
  });
});

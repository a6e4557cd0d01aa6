// .github/workflows/*.yml: valid GitHub Actions workflows (SchemaStore's workflow schema, bundled in
// @action-validator/core, so no network is needed); CI runs the README's test command on every push and pull
// request with Go for the real-Kratos suites; the release workflow runs the tests, builds the installers on three
// systems, reads their fuses back, smoke-tests them and uploads them; both use a Node Electron's tooling accepts.
import { validateWorkflow } from '@action-validator/core';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from './project';

const workflowsDir = path.join(projectRoot, '.github', 'workflows');
const workflowFiles = readdirSync(workflowsDir).filter((name) => /\.ya?ml$/.test(name));

type Step = { name?: string; run?: string; uses?: string; if?: string; with?: Record<string, unknown> };
type Job = {
  'runs-on': string;
  container?: string;
  needs?: string;
  strategy?: { matrix: { os: string[] } };
  steps: Step[];
};
type Workflow = { on: Record<string, unknown>; jobs: Record<string, Job> };
const readWorkflow = (file: string) => parse(readFileSync(path.join(workflowsDir, file), 'utf8')) as Workflow;
const release = readWorkflow('release.yml');
const ci = readWorkflow('ci.yml');

const runs = (job: Job | undefined) => (job?.steps ?? []).map((step) => step.run ?? '').join('\n');
const uses = (job: Job | undefined, action: string) =>
  (job?.steps ?? []).filter((step) => step.uses?.startsWith(`${action}@`));
const ciEntryPoint = readFileSync(path.join(projectRoot, '.ci', 'run'), 'utf8');

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

describe('the CI workflow', () => {
  const { test } = ci.jobs;

  it('runs on every push and every pull request', () => {
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
  });

  it("runs the README's test command, the same one .ci/run calls, in Debian", () => {
    expect(ciEntryPoint).toMatch(/^npm test$/m);
    expect(runs(test)).toMatch(/^npm test$/m);
    expect(test?.container).toMatch(/^debian:/);
  });

  it('sets up Go >= 1.26 (Kratos v26.2.0 needs it; v1.3.1, 1.23) before the tests, so the real-Kratos suites run instead of skipping', () => {
    const [setupGo] = uses(test, 'actions/setup-go');
    const minor = /^1\.(\d+)/.exec(String(setupGo?.with?.['go-version']))?.[1];
    expect(Number(minor)).toBeGreaterThanOrEqual(26);
    const v1Go = /^go 1\.(\d+)/m.exec(
      readFileSync(path.join(projectRoot, 'test/kratos/server/go.mod'), 'utf8'),
    );
    expect(Number(minor)).toBeGreaterThanOrEqual(Number(v1Go?.[1]));
    const steps = test?.steps ?? [];
    expect(steps.indexOf(setupGo!)).toBeLessThan(steps.findIndex((step) => step.run === 'npm test'));
  });

  it('caches npm, Go and the real Kratos build', () => {
    expect(uses(test, 'actions/setup-node')[0]?.with?.['cache']).toBe('npm');
    expect(uses(test, 'actions/setup-go')[0]?.with?.['cache-dependency-path']).toBe(
      'test/kratos/server/go.sum',
    );
    expect(uses(test, 'actions/cache').map((step) => step.with?.['path'])).toContain('.cache/real-kratos');
  });

  it("uploads the browser suites' screenshots and traces when a test fails", () => {
    const upload = uses(test, 'actions/upload-artifact')[0];
    expect(upload?.if).toBe('failure()');
    expect(String(upload?.with?.['path'])).toMatch(/test-results\/[\s\S]*test-results-keychain\//);
  });
});

describe.each([
  ['ci.yml', ci],
  ['release.yml', release],
])('%s', (_file, workflow) => {
  it("sets up a Node that Electron's tooling accepts (package.json's engines: >= 22.12)", () => {
    const versions = Object.values(workflow.jobs).flatMap((job) =>
      uses(job, 'actions/setup-node').map((step) => String(step.with?.['node-version'])),
    );
    expect(versions.length).toBeGreaterThan(0);
    for (const version of versions) expect(meetsEngines(version), version).toBe(true);
  });
});

/** Whether a setup-node version meets package.json's `>=major.minor`; a bare major means its newest release. */
function meetsEngines(version: string): boolean {
  const engines = (
    JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
      engines: { node: string };
    }
  ).engines.node;
  const [wantMajor, wantMinor] = /^>=(\d+)\.(\d+)$/.exec(engines)!.slice(1).map(Number) as [number, number];
  const [major, minor] = version.split('.').map(Number) as [number, number | undefined];
  if (major !== wantMajor) return major > wantMajor;
  return minor === undefined || minor >= wantMinor;
}

describe('the release workflow', () => {
  const { test, package: packaging } = release.jobs;

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

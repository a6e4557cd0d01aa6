/**
 * scripts/build-kratos.sh where it cannot build: one clear line and exit 3 (test-kratos.sh turns that into a
 * visible SKIPPED), never a silent pass; and a binary whose stamp is current is not rebuilt. The builds
 * themselves are proven by every real-Kratos suite. Each run gets its own KRATOS_CACHE, so nothing here
 * touches the binaries the suites use.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const script = new URL('../../scripts/build-kratos.sh', import.meta.url).pathname;
const system = ['/usr/bin', '/bin'];

async function run(args: string[], pathDirs: string[], env: Record<string, string> = {}) {
  const cache = await mkdtemp(path.join(tmpdir(), 'kd-kratos-cache-'));
  const fullEnv = { PATH: pathDirs.join(':'), KRATOS_CACHE: cache, ...env };
  try {
    const { stdout } = await promisify(execFile)('bash', [script, ...args], { env: fullEnv });
    return { code: 0, stdout, cache };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout, cache };
  }
}

/**
 * A directory with fake tools: `go` reports `goVersion`, and `go build -o <file>` writes a "Kratos" there that
 * reports `kratosVersion` (each build is counted in `builds`); `git` cannot reach anything.
 */
async function fakeTools(goVersion: string, kratosVersion = 'v1.3.1'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kd-fake-go-'));
  const go = `#!/bin/bash
if [ "$1 $2" = "env GOVERSION" ]; then echo ${goVersion}; exit 0; fi
if [ "$1" = build ]; then
  echo build >>"${dir}/builds"
  while [ $# -gt 0 ]; do [ "$1" = -o ] && out=$2; shift; done
  printf '#!/bin/sh\\necho "Version:\\t\\t\\t${kratosVersion}"\\n' >"$out" && chmod +x "$out"
fi
`;
  await writeFile(path.join(dir, 'go'), go);
  await writeFile(path.join(dir, 'git'), '#!/bin/sh\necho "fatal: unable to access" >&2\nexit 128\n');
  await chmod(path.join(dir, 'go'), 0o755);
  await chmod(path.join(dir, 'git'), 0o755);
  return dir;
}

const lines = (stdout: string) => stdout.trim().split('\n');

describe('building real Kratos where it cannot be built', () => {
  it('says in one line per version that its suites are skipped when Go is missing', async () => {
    const result = await run([], system);
    expect(result.code).toBe(3);
    expect(lines(result.stdout)).toEqual([
      expect.stringMatching(
        /^real Kratos v26\.2\.0: SKIPPED — Go is not on PATH \(install Go >= 1\.26\); its suites/,
      ),
      expect.stringMatching(
        /^real Kratos v1\.3\.1: SKIPPED — Go is not on PATH \(install Go >= 1\.23\); its suites/,
      ),
    ]);
  });

  it('says so when Go is too old: Debian 12 ships 1.19; v26.2.0 needs 1.26 where v1.3.1 is content with 1.23', async () => {
    const old = await run(['v1.3.1'], [await fakeTools('go1.19.8'), ...system]);
    expect(old.code).toBe(3);
    expect(old.stdout).toMatch(/^real Kratos v1\.3\.1: SKIPPED — Go on PATH is go1\.19\.8, too old/);
    const v26 = await run(['v26.2.0'], [await fakeTools('go1.25.3'), ...system]);
    expect(v26.code).toBe(3);
    expect(v26.stdout).toMatch(
      /^real Kratos v26\.2\.0: SKIPPED — Go on PATH is go1\.25\.3, too old \(install Go >= 1\.26\)/,
    );
  });

  it('refuses a KRATOS_SOURCE archive that is not the v26.2.0 source (sha256), and one that does not exist', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kd-kratos-src-'));
    const archive = path.join(dir, 'kratos-v26.2.0-src.tar.gz');
    await writeFile(archive, 'not the archive');
    const go = await fakeTools('go1.26.8');
    const wrong = await run(['v26.2.0'], [go, ...system], { KRATOS_SOURCE: archive });
    expect(wrong.code).toBe(3);
    expect(lines(wrong.stdout)).toEqual([
      expect.stringMatching(
        /^real Kratos v26\.2\.0: SKIPPED — KRATOS_SOURCE=.* is not the v26\.2\.0 source archive \(sha256 [0-9a-f]{64}, expected cc0c49c7/,
      ),
    ]);
    const missing = await run(['v26.2.0'], [go, ...system], {
      KRATOS_SOURCE: path.join(dir, 'nowhere.tar.gz'),
    });
    expect(missing.code).toBe(3);
    expect(missing.stdout).toMatch(/SKIPPED — KRATOS_SOURCE=.*nowhere\.tar\.gz does not exist/);
  });

  it('without KRATOS_SOURCE, clones the tag; where that fails it says why in one line', async () => {
    const result = await run(['v26.2.0'], [await fakeTools('go1.26.8'), ...system]);
    expect(result.code).toBe(3);
    expect(lines(result.stdout)).toEqual([
      'real Kratos v26.2.0: KRATOS_SOURCE is not set; cloning the tag from github.com/ory/kratos…',
      expect.stringMatching(
        /^real Kratos v26\.2\.0: SKIPPED — KRATOS_SOURCE is not set and cloning github\.com\/ory\/kratos failed/,
      ),
    ]);
  });

  it('builds once, checks the version the binary reports, and rebuilds only when the stamp changes', async () => {
    const go = await fakeTools('go1.26.8', 'v1.3.1');
    const env = {
      PATH: [go, ...system].join(':'),
      KRATOS_CACHE: await mkdtemp(path.join(tmpdir(), 'kd-k-')),
    };
    const build = () => promisify(execFile)('bash', [script, 'v1.3.1'], { env });
    expect((await build()).stdout).toMatch(/real Kratos v1\.3\.1: built .*v1\.3\.1\/kratos in \d+ s/);
    expect((await build()).stdout).toMatch(/^real Kratos v1\.3\.1: up to date/);
    expect(await readFile(path.join(go, 'builds'), 'utf8')).toBe('build\n');

    // Another Go: another stamp, so it builds again.
    const newer = await fakeTools('go1.26.9', 'v1.3.1');
    const again = await promisify(execFile)('bash', [script, 'v1.3.1'], {
      env: { ...env, PATH: [newer, ...system].join(':') },
    });
    expect(again.stdout).toMatch(/built/);
  });

  it('fails when the built binary reports another version than the one asked for', async () => {
    const result = await run(['v1.3.1'], [await fakeTools('go1.26.8', 'master'), ...system]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/the built binary reports version 'master'/);
  });
});

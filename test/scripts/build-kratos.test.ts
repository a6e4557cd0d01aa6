/**
 * scripts/build-kratos.sh without a usable Go: one clear line and exit 3 (test-kratos.sh turns that into a
 * visible skip), never a silent pass. The build itself is proven by every real-Kratos suite.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const script = new URL('../../scripts/build-kratos.sh', import.meta.url).pathname;

async function run(pathDirs: string[]) {
  try {
    const { stdout } = await promisify(execFile)('bash', [script], { env: { PATH: pathDirs.join(':') } });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

/** A directory with a fake `go` that reports `version`. */
async function fakeGo(version: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kd-fake-go-'));
  await writeFile(path.join(dir, 'go'), `#!/bin/sh\n[ "$1 $2" = "env GOVERSION" ] && echo ${version}\n`);
  await chmod(path.join(dir, 'go'), 0o755);
  return dir;
}

describe('building real Kratos where Go cannot', () => {
  const system = ['/usr/bin', '/bin'];

  it('says in one line that the real-Kratos suites are skipped when Go is missing', async () => {
    const result = await run(system);
    expect(result.code).toBe(3);
    expect(result.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^real Kratos: SKIPPED — Go is not on PATH; .*Install Go >= 1\.23/),
    ]);
  });

  it('says so when Go is too old (Debian 12 ships 1.19)', async () => {
    const result = await run([await fakeGo('go1.19.8'), ...system]);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/^real Kratos: SKIPPED — Go on PATH is go1\.19\.8, too old;/);
  });
});

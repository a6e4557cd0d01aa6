/**
 * The emulator process's last resort (issue 21): a promise rejected with nobody waiting, which Node answers by
 * ending the process, is logged and the process goes on. Performed in a real Node process, as the emulator's.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const lastResort = fileURLToPath(new URL('../../../emulator/process/last-resort.ts', import.meta.url));

/** Runs a Node process that rejects a promise nobody waits for, then says it is alive 50 ms later. */
function rejectUnhandled(withLastResort: boolean): Promise<{ code: number; stdout: string; stderr: string }> {
  const script = `
    const install = ${withLastResort} ? (await import(${JSON.stringify(lastResort)})).logUnhandledRejections : () => {};
    install();
    void Promise.reject(new RangeError('Maximum call stack size exceeded'));
    setTimeout(() => console.log('still serving'), 50);`;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('a rejection nobody handles, in the emulator process', () => {
  it('ends a plain Node process (what happened before)', async () => {
    const plain = await rejectUnhandled(false);
    expect(plain.code).not.toBe(0);
    expect(plain.stdout).not.toContain('still serving');
  });

  it('is logged, and the emulator process goes on', async () => {
    const guarded = await rejectUnhandled(true);
    expect(guarded.code).toBe(0);
    expect(guarded.stdout).toContain('still serving');
    expect(guarded.stderr).toContain('[kratos-emulator] a promise failed with nobody waiting for it');
    expect(guarded.stderr).toContain('Maximum call stack size exceeded');
  });

  it('is installed by the emulator process’s entry point', async () => {
    const { readFile } = await import('node:fs/promises');
    const child = await readFile(new URL('../../../emulator/process/child.ts', import.meta.url), 'utf8');
    expect(child).toMatch(/^logUnhandledRejections\(\);$/m);
  });
});

/**
 * The terminal's flow loop (cli/run-flow.ts) over a scripted flow port: when the flow service asks the person
 * to confirm it is them before a passkey is added, it answers `done` with `press` once they are, and the
 * terminal presses "Add passkey" again at once, through the browser (docs/passkeys.md#re-authentication-first).
 */
import { describe, expect, it, vi } from 'vitest';
import type { FlowResponse, FlowView, SubmitFlowRequest } from '../../shared/ipc-contract';
import { runFlow, type FlowPort } from '../../cli/run-flow';
import type { Terminal } from '../../cli/terminal';

const settings: FlowView = {
  id: 'set-1',
  kind: 'settings',
  state: 'show_form',
  expiresAt: undefined,
  ui: { action: 'http://127.0.0.1:4433/self-service/settings?flow=set-1', method: 'POST', nodes: [] },
};

function terminal(): Terminal & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    print: (line = '') => void lines.push(line),
    ask: () => Promise.resolve(''),
    interruptible: (work) => work,
    close: () => undefined,
  };
}

describe('runFlow', () => {
  it('presses "Add passkey" again through the browser when the flow service answers with press', async () => {
    const submits: unknown[] = [];
    const answers: FlowResponse[] = [{ kind: 'done', message: 'Passkey added.' }];
    const port: FlowPort = {
      startFlow: () =>
        Promise.resolve({
          kind: 'done',
          message: 'Thanks, that was you.',
          next: settings,
          press: 'passkey_register_trigger',
        }),
      submitFlow: (request: SubmitFlowRequest) => {
        submits.push(request);
        return Promise.resolve(answers.shift()!);
      },
      browserSignIn: () => Promise.resolve({ kind: 'ok' }),
    };
    const prepareBrowserReturn = vi.fn(() => Promise.resolve());
    const screen = terminal();

    const outcome = await runFlow(
      port,
      screen,
      { kind: 'settings' },
      { serverName: 'x', prepareBrowserReturn },
    );

    expect(outcome).toEqual({ kind: 'done' });
    expect(submits).toEqual([{ flowId: 'set-1', values: { passkey_register_trigger: '' } }]);
    expect(prepareBrowserReturn).toHaveBeenCalledTimes(1);
    expect(screen.lines).toContain('Thanks, that was you.');
  });
});

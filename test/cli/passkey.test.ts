/**
 * Passkeys from the terminal on the emulator (test/cli/passkey-journey.ts; real Kratos v26.2.0:
 * test/kratos/cli-passkey.test.ts): the CLI is told the emulator's own passkey page in
 * `KRATOS_PASSKEY_PAGE_URL` beside `--endpoint`, as `npm start` tells the window. Without a page, a passkey
 * button says what the server's operator must set up, naming the setting of the run: the environment
 * variable for a CLI run from a checkout, the packaged configuration's key for one built by the operator's
 * `npm run dist`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../emulator/index';
import { noPasskeyPageMessage } from '../../main/flows/passkey-page';
import { selectLanguage } from '../../main/strings';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { launchSystemBrowser, type SystemBrowser } from '../support/system-browser';
import { TerminalPane } from '../support/tmux';
import { terminalPasskeyJourney } from './passkey-journey';
import {
  answerPrompts,
  buildCli,
  cliBundle,
  cliBundleWithOperator,
  cliEnvironment,
  menuNumber,
} from './support';

let emulator: TestEmulator;
let person: SystemBrowser;
const panes: TerminalPane[] = [];

beforeAll(async () => {
  buildCli();
  emulator = await startTestEmulator({ config: { methods: { ...defaultConfig.methods, passkey: true } } });
  person = await launchSystemBrowser({ passkeys: true });
}, 60_000);
afterAll(async () => {
  await person?.close();
  await emulator?.stop();
});
afterEach(async () => {
  selectLanguage(undefined);
  await Promise.all(panes.splice(0).map((pane) => pane.stop()));
});

describe('passkeys from the terminal', { timeout: 90_000 }, () => {
  it('signs up with a passkey, then signs in with it in another run', async () => {
    const pageUrl = `http://localhost:${new URL(emulator.url).port}/passkey`;
    await terminalPasskeyJourney({
      pageUrl,
      person,
      command: `node ${cliBundle} --endpoint ${emulator.url}`,
      env: { KRATOS_PASSKEY_PAGE_URL: pageUrl },
      panes,
    });
  });

  /** `login`, then its passkey button: the sentence the CLI prints for it, and the menu again. */
  async function pressPasskeyWithoutPage(command: string, language: 'en' | 'de'): Promise<string> {
    const pane = await TerminalPane.start(`${command} login`, {
      env: cliEnvironment({ KRATOS_DESKTOP_LANG: language }),
    });
    panes.push(pane);
    await answerPrompts(
      pane,
      [{ prompt: /^(Choose|Wählen)/, answer: (s) => menuNumber(s, /passkey/i) }],
      /^! /m,
    );
    const screen = await pane.waitFor(/^(Choose|Wählen Sie) 1–\d+( \[\d+\])?:$/m);
    await pane.press('C-c');
    return screen;
  }

  it('without a page, run from a checkout: the sentence names KRATOS_PASSKEY_PAGE_URL', async () => {
    const screen = await pressPasskeyWithoutPage(`node ${cliBundle} --endpoint ${emulator.url}`, 'en');
    expect(screen).toContain(`! ${noPasskeyPageMessage('environment')}`);
  });

  it("without a page in the operator's configuration: the sentence (in German) names its setting", async () => {
    // The operator's server, learned from operator.json as the installed window learns it: no --endpoint.
    const bundle = cliBundleWithOperator({ kratosPublicUrl: emulator.url, allowServerChange: true });
    const screen = await pressPasskeyWithoutPage(`node ${bundle}`, 'de');
    selectLanguage('de');
    expect(screen).toContain(`! ${noPasskeyPageMessage('package')}`);
    expect(screen).toContain('passkeyPageUrl');
  });
});
